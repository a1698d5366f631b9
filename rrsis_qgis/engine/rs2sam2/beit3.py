"""BEiT-3 (torchscale's multiway encoder) as RS2-SAM 2 runs it, name for name with the authors' vendored copy.

Image and phrase go through one encoder: every layer has a vision expert (``A``) for the image tokens and a
language expert (``B``) for the text tokens (multiway); attention spans both. Pre-norm (``subln``: an extra
LayerNorm inside attention and inside the FFN), exact GELU, positions from 2 as in fairseq, no embedding
scale, a final LayerNorm per expert. Computed with the same operations as ``lib/unilm/torchscale`` (bmm
attention with a float32 softmax), not pip torchscale, whose 0.3.0 differs from the vendored copy.
"""
from __future__ import annotations

from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

POSITION_OFFSET = 2  # fairseq's convention: position ids start at 2
LAYERNORM_EPS = 1e-5


@dataclass(frozen=True)
class Beit3Sizes:
    dim: int = 1024
    heads: int = 16
    ffn: int = 4096
    layers: int = 24
    vocab: int = 64010
    img_size: int = 224
    patch: int = 16
    max_text_positions: int = 1024

    @property
    def grid(self) -> int:
        return self.img_size // self.patch

    @property
    def max_phrase_tokens(self) -> int:
        """The longest token sequence the text position table covers (positions start at 2)."""
        return self.max_text_positions - POSITION_OFFSET

    @classmethod
    def from_state(cls, state: dict, prefix: str = "") -> "Beit3Sizes":
        """Sizes read from a state dict's shapes (heads: 64 per head, as torchscale's configs)."""
        vocab, dim = state[prefix + "text_embed.weight"].shape
        patch = state[prefix + "vision_embed.proj.weight"].shape[-1]
        vision_positions = state[prefix + "encoder.embed_positions.A.weight"].shape[0]
        grid = round((vision_positions - 1 - POSITION_OFFSET) ** 0.5)
        layers = 1 + max(int(k[len(prefix + "encoder.layers."):].split(".")[0])
                         for k in state if k.startswith(prefix + "encoder.layers."))
        return cls(dim=dim, heads=max(1, dim // 64), ffn=state[prefix + "encoder.layers.0.ffn.A.fc1.weight"].shape[0],
                   layers=layers, vocab=vocab, img_size=grid * patch, patch=patch,
                   max_text_positions=state[prefix + "encoder.embed_positions.B.weight"].shape[0])


class Multiway(nn.Module):
    """Two copies of a module: ``A`` for the first ``split`` tokens (the image), ``B`` for the rest (text)."""

    def __init__(self, a: nn.Module, b: nn.Module):
        super().__init__()
        self.A, self.B = a, b

    def forward(self, x: torch.Tensor, split: int) -> torch.Tensor:
        if split == -1:
            return self.A(x)
        if split == 0:
            return self.B(x)
        first, rest = torch.split(x, [split, x.size(1) - split], dim=1)
        return torch.cat([self.A(first), self.B(rest)], dim=1)


def _multiway(make) -> Multiway:
    return Multiway(make(), make())


class Positions(nn.Embedding):
    """fairseq positional embedding: rows 2…n+1 for a sequence of n tokens."""

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        ids = torch.arange(POSITION_OFFSET, x.size(1) + POSITION_OFFSET, device=x.device)[None]
        return F.embedding(ids, self.weight)


class Attention(nn.Module):
    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.heads, self.head_dim = s.heads, s.dim // s.heads
        for name in ("k_proj", "v_proj", "q_proj", "out_proj"):
            setattr(self, name, _multiway(lambda: nn.Linear(s.dim, s.dim)))
        self.inner_attn_ln = _multiway(lambda: nn.LayerNorm(s.dim, eps=LAYERNORM_EPS))

    def forward(self, x: torch.Tensor, padding: torch.Tensor, split: int) -> torch.Tensor:
        b, n, d = x.shape
        q = self.q_proj(x, split) * self.head_dim ** -0.5
        k, v = self.k_proj(x, split), self.v_proj(x, split)
        q, k, v = (t.view(b, n, self.heads, self.head_dim).transpose(1, 2).reshape(b * self.heads, n, self.head_dim)
                   for t in (q, k, v))
        weights = torch.bmm(q, k.transpose(1, 2)).view(b, self.heads, n, n)
        weights = weights.masked_fill(padding[:, None, None, :], float("-inf")).view(b * self.heads, n, n)
        weights = F.softmax(weights, dim=-1, dtype=torch.float32).type_as(weights)
        out = torch.bmm(weights, v).transpose(0, 1).reshape(n, b, d).transpose(0, 1)
        return self.out_proj(self.inner_attn_ln(out, split), split)


class FeedForward(nn.Module):
    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.fc1 = nn.Linear(s.dim, s.ffn)
        self.fc2 = nn.Linear(s.ffn, s.dim)
        self.ffn_layernorm = nn.LayerNorm(s.ffn, eps=LAYERNORM_EPS)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        h = self.fc1(x)
        return self.fc2(self.ffn_layernorm(F.gelu(h.float()).type_as(h)))


class Layer(nn.Module):
    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.self_attn = Attention(s)
        self.self_attn_layer_norm = _multiway(lambda: nn.LayerNorm(s.dim, eps=LAYERNORM_EPS))
        self.ffn = _multiway(lambda: FeedForward(s))
        self.final_layer_norm = _multiway(lambda: nn.LayerNorm(s.dim, eps=LAYERNORM_EPS))

    def forward(self, x: torch.Tensor, padding: torch.Tensor, split: int) -> torch.Tensor:
        x = x + self.self_attn(self.self_attn_layer_norm(x, split), padding, split)
        return x + self.ffn(self.final_layer_norm(x, split), split)


class Encoder(nn.Module):
    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.embed_positions = Multiway(Positions(s.grid ** 2 + 1 + POSITION_OFFSET, s.dim),
                                        Positions(s.max_text_positions, s.dim))
        self.layers = nn.ModuleList(Layer(s) for _ in range(s.layers))
        self.layer_norm = _multiway(lambda: nn.LayerNorm(s.dim, eps=LAYERNORM_EPS))

    def forward(self, x: torch.Tensor, padding: torch.Tensor, split: int) -> torch.Tensor:
        x = x + self.embed_positions(x, split)
        x = x * (1 - padding.unsqueeze(-1).type_as(x))
        for layer in self.layers:
            x = layer(x, padding, split)
        return self.layer_norm(x, split)


class VisionEmbedding(nn.Module):
    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.proj = nn.Conv2d(3, s.dim, kernel_size=s.patch, stride=s.patch)
        self.mask_token = nn.Parameter(torch.zeros(1, 1, s.dim))  # masked-image pre-training only
        self.cls_token = nn.Parameter(torch.zeros(1, 1, s.dim))

    def forward(self, images: torch.Tensor) -> torch.Tensor:
        x = self.proj(images).flatten(2).transpose(1, 2)
        return torch.cat([self.cls_token.expand(x.shape[0], -1, -1), x], dim=1)


class BEiT3(nn.Module):
    """``mm_extractor.beit3``: (image B×3×224×224 normalised, token ids B×L, text padding B×L) → B×(1+196+L)×D."""

    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.sizes = s
        self.text_embed = nn.Embedding(s.vocab, s.dim)
        self.vision_embed = VisionEmbedding(s)
        self.encoder = Encoder(s)

    def forward(self, vision_tokens: torch.Tensor, textual_tokens: torch.Tensor,
                text_padding_position: torch.Tensor) -> torch.Tensor:
        """``vision_tokens``: :attr:`vision_embed`'s output (phrase-independent, so it can be cached)."""
        x = torch.cat([vision_tokens, self.text_embed(textual_tokens)], dim=1)
        padding = torch.cat([torch.zeros(vision_tokens.shape[:2], dtype=torch.bool, device=x.device),
                             text_padding_position.bool()], dim=1)
        return self.encoder(x, padding, vision_tokens.size(1))


class Extractor(nn.Module):
    """``mm_extractor``: BEiT3Wrapper, which holds only ``beit3``."""

    def __init__(self, s: Beit3Sizes):
        super().__init__()
        self.beit3 = BEiT3(s)

"""RSRefSeg 2's cascaded second-order prompter: image + text features → SAM 2 sparse tokens and a dense mask prompt."""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from importlib import resources
from typing import Optional

import torch
import torch.nn.functional as F
from torch import nn

from .specs import CONFIG_PACKAGE

DENSE_MODES = ("similarity", "pseudo_mask")


@dataclass(frozen=True)
class PrompterConfig:
    width: int = 256  # the prompter's own channel width
    heads: int = 8
    queries: int = 3  # tokens per query set (RSRefSeg 2 pools the text tokens to 3)
    sparse_tokens: int = 9  # learned tokens that become SAM 2's sparse prompts
    dense: str = "similarity"  # "similarity" (RSRefSeg 2) or "pseudo_mask" (RS2-SAM 2: a supervised mask head)
    clip_input_size: Optional[int] = None  # long side fed to CLIP; None = the model spec's

    def __post_init__(self):
        if self.dense not in DENSE_MODES:
            raise ValueError(f"dense must be one of {DENSE_MODES}, got {self.dense!r}")
        if self.width % self.heads:
            raise ValueError(f"width {self.width} is not divisible by heads {self.heads}")

    def as_dict(self) -> dict:
        return asdict(self)


def load_prompter_config(name_or_dict) -> PrompterConfig:
    """A variant from engine/configs/prompters.json by name, or a config dict (from a checkpoint)."""
    if isinstance(name_or_dict, dict):
        return PrompterConfig(**name_or_dict)
    raw = json.loads(resources.files(CONFIG_PACKAGE).joinpath("prompters.json").read_text())
    variants = {k: v for k, v in raw.items() if not k.startswith("_")}
    if name_or_dict not in variants:
        raise KeyError(f"unknown prompter {name_or_dict!r}; known: {', '.join(sorted(variants))}")
    return PrompterConfig(**variants[name_or_dict])


class Attend(nn.Module):
    """Pre-norm attention of ``x`` to ``context`` (itself for self-attention) with a residual, then an MLP."""

    def __init__(self, width: int, heads: int):
        super().__init__()
        self.norm_q, self.norm_kv, self.norm_mlp = nn.LayerNorm(width), nn.LayerNorm(width), nn.LayerNorm(width)
        self.attn = nn.MultiheadAttention(width, heads, batch_first=True)
        self.mlp = nn.Sequential(nn.Linear(width, 2 * width), nn.GELU(), nn.Linear(2 * width, width))

    def forward(self, x, context=None, padding=None):
        q = self.norm_q(x)
        kv = q if context is None else self.norm_kv(context)
        x = x + self.attn(q, kv, kv, key_padding_mask=padding, need_weights=False)[0]
        return x + self.mlp(self.norm_mlp(x))


class CascadedPrompter(nn.Module):
    """Two query sets from the text → cascaded image refinement → sparse tokens + dense mask logits."""

    def __init__(self, cfg: PrompterConfig, image_dim: int, text_dim: int, prompt_dim: int):
        super().__init__()
        c, h = cfg.width, cfg.heads
        self.cfg = cfg
        self.image_in = nn.Sequential(nn.Linear(image_dim, c), nn.LayerNorm(c))
        self.text_in = nn.Sequential(nn.Linear(text_dim, c), nn.LayerNorm(c))
        self.pooled_in = nn.Linear(text_dim, c)
        self.query_pos = nn.Parameter(torch.randn(2, cfg.queries, c) * 0.02)
        self.query_self = nn.ModuleList([Attend(c, h), Attend(c, h)])
        self.query_text = nn.ModuleList([Attend(c, h), Attend(c, h)])
        self.query_cross = nn.ModuleList([Attend(c, h), Attend(c, h)])  # Q1 ← Q2 and Q2 ← Q1
        self.stages = nn.ModuleList([Attend(c, h), Attend(c, h)])  # image tokens ← Q1, then ← Q2
        self.sparse = nn.Parameter(torch.randn(cfg.sparse_tokens, c) * 0.02)
        self.sparse_attend = Attend(c, h)
        self.sparse_out = nn.Linear(c, prompt_dim)
        self.dense_scale = nn.Parameter(torch.tensor(10.0))
        self.dense_bias = nn.Parameter(torch.tensor(0.0))
        self.pixel_scale = nn.Parameter(torch.tensor(10.0))
        self.pixel_bias = nn.Parameter(torch.tensor(-5.0))
        if cfg.dense == "pseudo_mask":
            self.pseudo_head = nn.Sequential(nn.Conv2d(c + 2, c // 2, 3, padding=1), nn.GELU(),
                                             nn.Conv2d(c // 2, 1, 1))

    def forward(self, image: torch.Tensor, grid: tuple, text: torch.Tensor, pooled: torch.Tensor,
                padding: torch.Tensor, mask_side: int) -> dict:
        """image B×N×Di (N = gh·gw), text B×L×Dt with its B×L padding mask, pooled B×Dt.

        Returns sparse B×T×P tokens, dense B×1×S×S logits (S = SAM's mask-input side), and what
        the losses need: both query sets, the refined image tokens and the pooled text.
        """
        gh, gw = grid
        text_tokens = self.text_in(text)
        queries = _pool_tokens(text_tokens, padding, self.cfg.queries)
        q = [queries + self.query_pos[i] for i in range(2)]
        q = [self.query_text[i](self.query_self[i](q[i]), text_tokens, padding) for i in range(2)]
        q1, q2 = self.query_cross[0](q[0], q[1]), self.query_cross[1](q[1], q[0])
        raw = self.image_in(image)
        text_vec = F.normalize(self.pooled_in(pooled), dim=-1)
        # text-to-pixel agreement *before* fusion: only the image tower can make it high on the object
        pixel = self.pixel_scale * _cosine_map(raw, text_vec, gh, gw) + self.pixel_bias
        x = raw + _sincos_2d(gh, gw, self.cfg.width, image.device)
        x = self.stages[0](x, q1)
        x = self.stages[1](x, q2)
        sparse = self.sparse.expand(image.shape[0], -1, -1)
        sparse = self.sparse_attend(sparse, torch.cat([q1, q2, x], dim=1))
        coarse = self.dense_scale * _cosine_map(x, text_vec, gh, gw) + self.dense_bias
        out = {"q1": q1, "q2": q2, "image": x, "image_raw": raw, "text": text_vec, "coarse": coarse, "pixel": pixel}
        if self.cfg.dense == "pseudo_mask":
            grid_x = x.transpose(1, 2).reshape(x.shape[0], -1, gh, gw)
            coarse = self.pseudo_head(torch.cat([grid_x, coarse, pixel], dim=1))
            out["pseudo"] = coarse
        out["sparse"] = self.sparse_out(sparse)
        out["dense"] = F.interpolate(coarse, size=(mask_side, mask_side), mode="bilinear", align_corners=False)
        return out


def _cosine_map(tokens: torch.Tensor, vector: torch.Tensor, gh: int, gw: int) -> torch.Tensor:
    """Cosine of every B×N×C token with the B×C vector, as a B×1×gh×gw map."""
    return torch.einsum("bnc,bc->bn", F.normalize(tokens, dim=-1), vector).reshape(-1, 1, gh, gw)


def decorrelation(q1: torch.Tensor, q2: torch.Tensor) -> torch.Tensor:
    """Mean squared cosine between every query of set 1 and every query of set 2 (0 = decorrelated)."""
    cos = torch.einsum("bic,bjc->bij", F.normalize(q1, dim=-1), F.normalize(q2, dim=-1))
    return cos.pow(2).mean()


def _pool_tokens(tokens: torch.Tensor, padding: torch.Tensor, slots: int) -> torch.Tensor:
    """Average the valid tokens of each phrase into ``slots`` consecutive groups (B×L×C → B×slots×C)."""
    valid = (~padding).float()
    length = valid.sum(1, keepdim=True).clamp(min=1)
    position = (valid.cumsum(1) - 1).clamp(min=0)
    slot = torch.clamp((position * slots / length).long(), max=slots - 1)
    weights = F.one_hot(slot, slots).float() * valid[..., None]  # B×L×slots
    weights = weights / weights.sum(1, keepdim=True).clamp(min=1)
    return torch.einsum("bls,blc->bsc", weights, tokens)


def _sincos_2d(gh: int, gw: int, width: int, device) -> torch.Tensor:
    """Fixed 2-D sine-cosine position embedding (gh·gw × width): tells the prompter where each token is."""
    quarter = width // 4
    # coordinates as fractions of the view: the lowest frequency is a ramp over the whole view
    freq = math.pi / 2 * torch.arange(1, quarter + 1, device=device, dtype=torch.float32)
    y = ((torch.arange(gh, device=device, dtype=torch.float32) + 0.5) / gh)[:, None, None] * freq
    x = ((torch.arange(gw, device=device, dtype=torch.float32) + 0.5) / gw)[None, :, None] * freq
    emb = torch.cat([torch.sin(y).expand(gh, gw, quarter), torch.cos(y).expand(gh, gw, quarter),
                     torch.sin(x).expand(gh, gw, quarter), torch.cos(x).expand(gh, gw, quarter)], dim=-1)
    emb = emb.reshape(gh * gw, 4 * quarter)
    return F.pad(emb, (0, width - emb.shape[-1]))

"""open_clip encoders made dense: text-aligned patch features (ClearCLIP last block) and token features."""
from __future__ import annotations

import logging
import math
import zipfile
from importlib import resources
from pathlib import Path
from typing import Optional

import numpy as np
import open_clip
import torch
import torch.nn.functional as F

from .specs import CONFIG_PACKAGE, ClipSpec, custom_clip_config

# Remote-sensing prompt templates averaged into the global text embedding (CLIP prompt ensembling).
TEMPLATES = ("a satellite image of {}.", "an aerial photo of {}.", "{}")


class DenseClip:
    """Dense CLIP features for a view and global + per-token embeddings for a phrase."""

    def __init__(self, spec: ClipSpec, device: torch.device, checkpoint: Optional[Path] = None):
        if custom_clip_config(spec.arch) is not None:
            with resources.as_file(resources.files(CONFIG_PACKAGE).joinpath(f"{spec.arch}.json")) as cfg:
                open_clip.add_model_config(cfg)
        logging.disable(logging.WARNING)  # open_clip warns "initialized randomly" before we load weights
        try:
            model = open_clip.create_model(spec.arch, pretrained=None, force_quick_gelu=spec.quick_gelu)
        finally:
            logging.disable(logging.NOTSET)
        if checkpoint is not None:
            model.load_state_dict(load_clip_state_dict(checkpoint))
        if not hasattr(model, "token_embedding"):
            raise ValueError(f"{spec.arch}: only CLIP-style open_clip models (built-in text tower) are supported")
        self.model = model.to(device).eval()
        self.device = device
        self.spec = spec
        self.tokenizer = open_clip.get_tokenizer(spec.arch)
        pre = model.visual.preprocess_cfg
        self.mean = torch.tensor(pre["mean"], device=device).view(1, 3, 1, 1)
        self.std = torch.tensor(pre["std"], device=device).view(1, 3, 1, 1)
        self.patch = model.visual.patch_size[0]

    @torch.inference_mode()
    def image_features(self, rgb: np.ndarray) -> torch.Tensor:
        """H×W×3 uint8 → D×gh×gw L2-normalised patch features aligned with the text space.

        The grid covers the whole view; positional embeddings are interpolated to it.
        """
        x, (gh, gw) = self.prepare(rgb)
        v = self.model.visual
        tokens = self._embed_patches(x, (gh, gw))
        blocks = v.transformer.resblocks
        batch_first = getattr(v.transformer, "batch_first", True)
        if not batch_first:
            tokens = tokens.transpose(0, 1)
        for block in blocks[:-1]:
            tokens = block(tokens)
        if not batch_first:
            tokens = tokens.transpose(0, 1)
        dense = _clear_clip_block(blocks[-1], tokens)[:, 1:]  # drop the class token
        dense = v.ln_post(dense)
        if v.proj is not None:
            dense = dense @ v.proj
        dense = F.normalize(dense, dim=-1)[0]  # N×D
        return dense.transpose(0, 1).reshape(-1, gh, gw)

    @torch.inference_mode()
    def text_features(self, phrase: str) -> tuple:
        """(global D, tokens T×D): the template-averaged embedding and the phrase's content tokens."""
        texts = [t.format(phrase) for t in TEMPLATES]
        ids = self.tokenize(texts)
        x, pooled, _ = self.text_tokens(ids)
        eot = ids.argmax(dim=-1)  # the end-of-text token has the largest id
        pooled = F.normalize(pooled, dim=-1)
        glob = F.normalize(pooled.mean(0), dim=-1)
        raw = len(TEMPLATES) - 1  # the bare "{}" template: its tokens are the phrase's own
        content = x[raw, 1:eot[raw]]
        if content.shape[0] == 0:
            content = pooled[raw:raw + 1]
        return glob, F.normalize(content, dim=-1)

    def prepare(self, rgb: np.ndarray, input_size: Optional[int] = None) -> tuple:
        """H×W×3 uint8 view → normalised 1×3×H'×W' input and its patch grid (see ``prepare_batch``)."""
        return self.prepare_batch(rgb_tensor(rgb, self.device), input_size)

    def prepare_batch(self, x: torch.Tensor, input_size: Optional[int] = None) -> tuple:
        """B×3×H×W in [0, 1] → normalised input of whole patches, long side near ``input_size``."""
        h, w = x.shape[-2:]
        scale = (input_size or self.spec.input_size) / max(h, w)
        gh = max(1, round(h * scale / self.patch))
        gw = max(1, round(w * scale / self.patch))
        x = F.interpolate(x, size=(gh * self.patch, gw * self.patch), mode="bilinear",
                          align_corners=False, antialias=True)
        return (x - self.mean) / self.std, (gh, gw)

    def image_tokens(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Prepared B×3×H×W → B×N×D patch tokens of the unmodified tower (the trained path; differentiable)."""
        v = self.model.visual
        tokens = self._embed_patches(x, grid)
        tokens = v.transformer(tokens) if getattr(v.transformer, "batch_first", True) else \
            v.transformer(tokens.transpose(0, 1)).transpose(0, 1)
        tokens = v.ln_post(tokens[:, 1:])
        return tokens @ v.proj if v.proj is not None else tokens

    def _embed_patches(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Patch embedding + class token + positional embedding (interpolated to ``grid``) + ln_pre: B×(1+N)×C."""
        v = self.model.visual
        tokens = v.conv1(x).flatten(2).transpose(1, 2)
        cls = v.class_embedding.view(1, 1, -1).expand(tokens.shape[0], -1, -1).to(tokens.dtype)
        return v.ln_pre(torch.cat([cls, tokens], dim=1) + self._positional(*grid).to(tokens.dtype))

    def tokenize(self, phrases: list) -> torch.Tensor:
        """Token ids B×L, cut after the longest phrase's end-of-text token.

        Attention is causal, so the padding after the longest end-of-text token changes nothing up
        to it: cutting it off (77 → ~15 tokens) saves ~5× text compute.
        """
        ids = self.tokenizer(phrases).to(self.device)
        return ids[:, : int(ids.argmax(dim=-1).max()) + 1]

    def text_tokens(self, ids: torch.Tensor) -> tuple:
        """Token ids → (B×L×D token features, B×D end-of-text embedding, B×L bool padding mask); differentiable."""
        m = self.model
        n = ids.shape[1]
        x = m.token_embedding(ids) + m.positional_embedding[:n]
        mask = m.attn_mask[:n, :n] if m.attn_mask is not None else None
        x = m.ln_final(m.transformer(x, attn_mask=mask))
        x = x @ m.text_projection if not isinstance(m.text_projection, torch.nn.Linear) else m.text_projection(x)
        eot = ids.argmax(dim=-1)
        padding = torch.arange(n, device=ids.device)[None] > eot[:, None]
        return x, x[torch.arange(len(ids)), eot], padding

    def _positional(self, gh: int, gw: int) -> torch.Tensor:
        pos = self.model.visual.positional_embedding
        cls, grid = pos[:1], pos[1:]
        n = int(math.sqrt(grid.shape[0]))
        if (gh, gw) == (n, n):
            return pos
        grid = grid.reshape(1, n, n, -1).permute(0, 3, 1, 2)
        grid = F.interpolate(grid, size=(gh, gw), mode="bicubic", align_corners=False)
        return torch.cat([cls, grid.permute(0, 2, 3, 1).reshape(gh * gw, -1)], dim=0)


def rgb_tensor(rgb: np.ndarray, device=None) -> torch.Tensor:
    """H×W×3 uint8 → 1×3×H×W float in [0, 1]."""
    x = torch.from_numpy(np.ascontiguousarray(rgb)).permute(2, 0, 1)[None].float() / 255.0
    return x.to(device) if device is not None else x


def _clear_clip_block(block, x: torch.Tensor) -> torch.Tensor:
    """ClearCLIP's last block: query–query attention on the values, no residual, no feed-forward."""
    attn = block.attn
    y = block.ln_1(x)
    q, _, v = F.linear(y, attn.in_proj_weight, attn.in_proj_bias).chunk(3, dim=-1)
    b, n, c = q.shape
    heads = attn.num_heads
    q = q.reshape(b, n, heads, c // heads).transpose(1, 2)
    v = v.reshape(b, n, heads, c // heads).transpose(1, 2)
    out = F.scaled_dot_product_attention(q, q, v)
    return attn.out_proj(out.transpose(1, 2).reshape(b, n, c))


def load_clip_state_dict(path: Path) -> dict:
    """A CLIP state dict from an open_clip checkpoint or an OpenAI TorchScript archive."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as z:
            scripted = any(name.endswith("constants.pkl") for name in z.namelist())
        if scripted:
            state = torch.jit.load(str(path), map_location="cpu").state_dict()
            return {k: v for k, v in state.items() if k not in ("input_resolution", "context_length", "vocab_size")}
    state = torch.load(str(path), map_location="cpu", weights_only=True)
    if isinstance(state, dict) and "state_dict" in state:
        state = state["state_dict"]
    return {k.removeprefix("module."): v for k, v in state.items()}

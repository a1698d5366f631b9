"""The vision and text towers of open_clip models behind one interface: embed, blocks, ClearCLIP last block, head.

``vision_tower`` picks the adapter by structure: open_clip's own ``VisionTransformer`` (class token,
``ln_post`` + ``proj``) or open_clip's ``TimmModel`` around a timm ViT (SigLIP: no class token, a
multi-head attention-pooling head). ``TextTower`` covers CLIP's causal tower and the bidirectional
``TextTransformer`` of SigLIP (``model.text``).
"""
from __future__ import annotations

import math

import torch
import torch.nn.functional as F
from torch import nn


def vision_tower(visual: nn.Module):
    """The adapter for an open_clip image tower; ValueError for towers that cannot be made dense."""
    if hasattr(visual, "trunk") and hasattr(visual.trunk, "blocks"):
        return TimmViT(visual)
    if hasattr(visual, "transformer") and hasattr(visual, "conv1"):
        return OpenClipViT(visual)
    raise ValueError(f"{type(visual).__name__}: only ViT image towers (open_clip or timm) are supported")


class OpenClipViT:
    """open_clip's ``VisionTransformer``: class token + patches, ``ln_post`` and ``proj`` on every token."""

    def __init__(self, visual: nn.Module):
        if getattr(visual, "attn_pool", None) is not None:
            raise ValueError("open_clip ViTs with an attention-pooling head (CoCa) are not supported")
        self.v = visual
        self.patch = visual.patch_size[0]
        self.prefix = 1

    def dense(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Prepared input → B×N×D text-aligned patch features (ClearCLIP last block), not normalised."""
        blocks = self.v.transformer.resblocks
        tokens = self._run(blocks[:-1], self.embed(x, grid))
        return self.head(clear_clip_attention(blocks[-1].ln_1(tokens), blocks[-1].attn)[:, self.prefix:])

    def tokens(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Prepared input → B×N×D patch tokens of the unmodified tower (differentiable)."""
        return self.head(self._run(self.v.transformer.resblocks, self.embed(x, grid))[:, self.prefix:])

    def embed(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Patch embedding + class token + positional embedding (interpolated to ``grid``) + ln_pre: B×(1+N)×C."""
        v = self.v
        tokens = v.conv1(x).flatten(2).transpose(1, 2)
        cls = v.class_embedding.view(1, 1, -1).expand(tokens.shape[0], -1, -1).to(tokens.dtype)
        return v.ln_pre(torch.cat([cls, tokens], dim=1) + self.positional(*grid).to(tokens.dtype))

    def head(self, tokens: torch.Tensor) -> torch.Tensor:
        tokens = self.v.ln_post(tokens)
        return tokens @ self.v.proj if self.v.proj is not None else tokens

    def positional(self, gh: int, gw: int) -> torch.Tensor:
        pos = self.v.positional_embedding
        n = int(math.sqrt(pos.shape[0] - 1))
        if (gh, gw) == (n, n):
            return pos
        return torch.cat([pos[:1], resize_grid(pos[1:], (n, n), (gh, gw))], dim=0)

    def _run(self, blocks, tokens: torch.Tensor) -> torch.Tensor:
        batch_first = getattr(self.v.transformer, "batch_first", True)
        if not batch_first:
            tokens = tokens.transpose(0, 1)
        for block in blocks:
            tokens = block(tokens)
        return tokens if batch_first else tokens.transpose(0, 1)


class TimmViT:
    """A timm ViT in open_clip's ``TimmModel`` (SigLIP): optional prefix tokens, attention-pool head per token."""

    def __init__(self, visual: nn.Module):
        trunk = visual.trunk
        pool = getattr(trunk, "attn_pool", None)
        if pool is not None and (pool.pos_embed is not None or pool.latent_len != 1):
            raise ValueError("attention pools with their own position embedding or several latents are not supported")
        if trunk.pos_embed is None or getattr(trunk.blocks[-1].attn, "qkv", None) is None:
            raise ValueError("timm ViTs need absolute position embeddings and fused qkv attention here")
        self.v, self.t = visual, trunk
        self.patch = trunk.patch_embed.patch_size[0]
        self.prefix = trunk.num_prefix_tokens

    def dense(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        tokens = self.embed(x, grid)
        for block in self.t.blocks[:-1]:
            tokens = block(tokens)
        last = self.t.blocks[-1]
        out = clear_clip_attention(last.norm1(tokens), last.attn)
        return self.head(last.ls1(out)[:, self.prefix:])

    def tokens(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        tokens = self.embed(x, grid)
        for block in self.t.blocks:
            tokens = block(tokens)
        return self.head(tokens[:, self.prefix:])

    def embed(self, x: torch.Tensor, grid: tuple) -> torch.Tensor:
        """Patch embedding (any grid: the conv directly, not timm's size check) + prefix tokens + positions."""
        t = self.t
        tokens = t.patch_embed.norm(t.patch_embed.proj(x).flatten(2).transpose(1, 2))
        prefix = [p.expand(tokens.shape[0], -1, -1) for p in (t.cls_token, t.reg_token) if p is not None]
        pos = self.positional(*grid)[None].to(tokens.dtype)
        if t.no_embed_class:  # positions for the patches only; prefix tokens come after
            tokens = torch.cat(prefix + [tokens + pos], dim=1)
        else:
            tokens = torch.cat(prefix + [tokens], dim=1) + pos
        return t.norm_pre(t.patch_drop(t.pos_drop(tokens)))

    def head(self, tokens: torch.Tensor) -> torch.Tensor:
        """Final norm, then the attention-pooling head applied to each token as if it attended to itself alone.

        MaskCLIP's reading of an attention pool: every token's value goes through the pool's output
        projection and MLP, so each patch lands where the pooled image embedding lives (the text space).
        """
        x = self.t.norm(tokens)
        pool = getattr(self.t, "attn_pool", None)
        if pool is not None:
            x = pool.proj(pool.kv(x)[..., x.shape[-1]:])  # kv = [keys | values]
            if pool.mlp is not None:
                x = x + pool.mlp(pool.norm(x))
        return self.v.head(self.t.fc_norm(x))

    def positional(self, gh: int, gw: int) -> torch.Tensor:
        """(prefix positions +) patch positions for a gh×gw grid: P×C."""
        t = self.t
        pos = t.pos_embed[0]
        keep = 0 if t.no_embed_class else self.prefix
        native = tuple(t.patch_embed.grid_size)
        if (gh, gw) == native:
            return pos
        return torch.cat([pos[:keep], resize_grid(pos[keep:], native, (gh, gw))], dim=0)


def resize_grid(grid: torch.Tensor, native: tuple, size: tuple) -> torch.Tensor:
    """(h·w)×C positional embeddings on a native h×w grid → bicubic to ``size``: (gh·gw)×C."""
    x = grid.reshape(1, native[0], native[1], -1).permute(0, 3, 1, 2)
    x = F.interpolate(x, size=size, mode="bicubic", align_corners=False)
    return x.permute(0, 2, 3, 1).reshape(size[0] * size[1], -1)


def clear_clip_attention(y: torch.Tensor, attn: nn.Module) -> torch.Tensor:
    """ClearCLIP's last block on normalised tokens ``y``: query–query attention on the values, no residual, no MLP.

    ``attn`` is a ``nn.MultiheadAttention`` (open_clip) or a timm ``Attention`` (fused ``qkv`` Linear,
    optional q/k norms and a norm before the output projection).
    """
    timm_style = hasattr(attn, "qkv")
    if timm_style:
        q, _, v = attn.qkv(y).chunk(3, dim=-1)
    else:
        q, _, v = F.linear(y, attn.in_proj_weight, attn.in_proj_bias).chunk(3, dim=-1)
    b, n, c = q.shape
    heads = attn.num_heads
    q = q.reshape(b, n, heads, c // heads).transpose(1, 2)
    v = v.reshape(b, n, heads, c // heads).transpose(1, 2)
    if timm_style:
        q = attn.q_norm(q)
    out = F.scaled_dot_product_attention(q, q, v).transpose(1, 2).reshape(b, n, c)
    if timm_style:
        return attn.proj(attn.norm(out))
    return attn.out_proj(out)


class TextTower:
    """CLIP's text transformer (on the model) or open_clip's ``TextTransformer`` (``model.text``, SigLIP)."""

    def __init__(self, model: nn.Module):
        t = getattr(model, "text", model)
        if not hasattr(t, "token_embedding"):
            raise ValueError(f"{type(t).__name__}: only open_clip's own text towers are supported (not HF ones)")
        if getattr(t, "cls_emb", None) is not None or getattr(t, "use_pad_mask", False):
            raise ValueError("text towers with an appended class token or a padding mask (CoCa) are not supported")
        self.t = t
        self.pool_type = getattr(t, "pool_type", None) or getattr(model, "text_pool_type", "argmax")
        self.eos_id = getattr(t, "eos_id", None) if hasattr(t, "pool_type") else getattr(model, "text_eos_id", None)
        self.pad_id = getattr(t, "pad_id", 0)
        self.causal = t.attn_mask is not None
        self.cut_after_eot = self.causal and self.pool_type == "argmax"

    @property
    def projection(self):
        return self.t.text_projection

    def __call__(self, ids: torch.Tensor) -> torch.Tensor:
        """Token ids B×L → B×L×D token features in the joint space (final norm and projection on every token)."""
        t, n = self.t, ids.shape[1]
        x = t.token_embedding(ids) + t.positional_embedding[:n]
        mask = t.attn_mask[:n, :n] if self.causal else None
        x = t.ln_final(t.transformer(x, attn_mask=mask))
        proj = t.text_projection
        if proj is None:
            return x
        return proj(x) if isinstance(proj, nn.Linear) else x @ proj

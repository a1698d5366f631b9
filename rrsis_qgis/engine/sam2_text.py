"""The SAM 2 adapter's text-conditioned half: RS2-SAM 2's changes to SAM 2.0, on pip sam2's own modules.

The authors vendored a modified sam2 (rongfu-dsb/RS2-SAM2 ``models/sam2``). Its changes are added here to a
model that pip sam2 built, under the authors' attribute names, so their weights load 1:1; pip sam2 is not
patched:

- every Hiera block gets ``MLP_Adapter`` and ``Space_Adapter`` (a bottleneck with vision↔text cross
  attention), and the text state threads through all blocks (:class:`TextBlock`, :func:`trunk_with_text`);
- the mask decoder gets ``vlfusion_module``: image embedding × attention(image + pe → text) before the
  decoder proper (:func:`decode_with_text`);
- the prompt encoder's sparse prompt is the usual one with the text token appended.
"""
from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from sam2.modeling.backbones.hieradet import MultiScaleBlock, do_pool
from sam2.modeling.backbones.utils import window_partition, window_unpartition

from .sam2_adapter import sam_features

TEXT_DIM = 256  # the width of the text state threaded through the trunk (hard-coded in the authors' adapters)
ADAPTER_RATIO = 0.25
MLP_ADAPTER_SCALE = 0.5
TEXT_KEEP = 0.8  # text = 0.8·text_in + 0.2·text_out after each block's cross attention
DECODER_FUSION_HEADS = 8
ADAPTER_HEADS = 4


class Fusion(nn.Module):
    """``VisionLanguageFusionModule``: target attends to memory (sequence-first), added or multiplied back."""

    def __init__(self, d_model: int, nhead: int, multiply: bool):
        super().__init__()
        self.multihead_attn = nn.MultiheadAttention(d_model, nhead)
        self.multiply = multiply

    def forward(self, tgt: torch.Tensor, memory: torch.Tensor, query_pos: Optional[torch.Tensor] = None):
        query = tgt if query_pos is None else tgt + query_pos
        attended = self.multihead_attn(query=query, key=memory, value=memory)[0]
        return tgt * attended if self.multiply else tgt + attended


class Adapter(nn.Module):
    """``MLP_Adapter``: D → D/4 → D with GELU, no skip connection (the block adds it scaled)."""

    def __init__(self, dim: int):
        super().__init__()
        hidden = int(dim * ADAPTER_RATIO)
        self.act = nn.GELU()
        self.D_fc1 = nn.Linear(dim, hidden)
        self.D_fc2 = nn.Linear(hidden, dim)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.D_fc2(self.act(self.D_fc1(x)))


class CrossAdapter(Adapter):
    """``Space_Adapter`` (``Adapter_cross``): the bottleneck where the block's features and the text meet."""

    def __init__(self, dim: int):
        super().__init__(dim)
        hidden = self.D_fc1.out_features
        self.vlfusion_module = Fusion(hidden, ADAPTER_HEADS, multiply=False)
        self.lvfusion_module = Fusion(hidden, ADAPTER_HEADS, multiply=False)
        self.text_in_linear = nn.Linear(TEXT_DIM, hidden)
        self.text_out_linear = nn.Linear(hidden, TEXT_DIM)

    def forward(self, x: torch.Tensor, text: torch.Tensor) -> tuple:  # noqa: D417 (Adapter's, with text)
        """x B×H×W×D, text L×B×256 → (x + adapter(x), the updated text)."""
        xs = self.act(self.D_fc1(x))
        b, h, w, c = xs.shape
        xs = xs.reshape(b, h * w, c).transpose(0, 1)
        text_in = text
        text = self.text_in_linear(text)
        xs = self.vlfusion_module(xs, text)
        text = self.lvfusion_module(text, xs)
        text = TEXT_KEEP * text_in + (1 - TEXT_KEEP) * self.text_out_linear(text)
        xs = xs.transpose(0, 1).reshape(b, h, w, c)
        return x + self.D_fc2(xs), text


class TextBlock(MultiScaleBlock):
    """A pip sam2 Hiera block with the authors' two adapters; ``forward(x, text) → (x, text)``."""

    @classmethod
    def upgrade(cls, block: MultiScaleBlock) -> "TextBlock":
        """The same block (its modules and weights), with fresh adapters of its output width."""
        block.__class__ = cls
        block.MLP_Adapter = Adapter(block.dim_out)
        block.Space_Adapter = CrossAdapter(block.dim_out)
        return block

    def forward(self, x: torch.Tensor, text: torch.Tensor) -> tuple:  # noqa: D102 (MultiScaleBlock's, plus text)
        shortcut = x
        x = self.norm1(x)
        if self.dim != self.dim_out:
            shortcut = do_pool(self.proj(x), self.pool)
        window_size = self.window_size
        if window_size > 0:
            H, W = x.shape[1], x.shape[2]
            x, pad_hw = window_partition(x, window_size)
        x = self.attn(x)
        if self.q_stride:
            window_size = self.window_size // self.q_stride[0]
            H, W = shortcut.shape[1:3]
            pad_hw = (H + (window_size - H % window_size) % window_size, W + (window_size - W % window_size) % window_size)
        if self.window_size > 0:
            x = window_unpartition(x, window_size, pad_hw, (H, W))
        x, text = self.Space_Adapter(x, text)
        x = shortcut + self.drop_path(x)
        normed = self.norm2(x)
        x = x + self.drop_path(self.mlp(normed)) + MLP_ADAPTER_SCALE * self.MLP_Adapter(normed)
        return x, text


def add_text_modules(model) -> None:
    """Turn a pip-built SAM2Base into the authors' text-conditioned one (new modules randomly initialised;
    the release's weights replace them)."""
    for i, block in enumerate(model.image_encoder.trunk.blocks):
        model.image_encoder.trunk.blocks[i] = TextBlock.upgrade(block)
    model.sam_mask_decoder.vlfusion_module = Fusion(model.sam_prompt_embed_dim, DECODER_FUSION_HEADS, multiply=True)


def trunk_input(model, images: torch.Tensor) -> torch.Tensor:
    """The phrase-independent start of the trunk: patch embedding + positional embedding (B×H×W×C)."""
    trunk = model.image_encoder.trunk
    x = trunk.patch_embed(images.float())
    return x + trunk._get_pos_embed(x.shape[1:3])


def encode_with_text(model, x0: torch.Tensor, text_feat: torch.Tensor) -> dict:
    """Trunk blocks (threading the text) → FPN neck → SAM's features, as the authors' ``forward_image`` +
    ``_prepare_backbone_features`` + ``no_mem_embed``: {"image_embed", "high_res_feats"}, batch-first maps."""
    trunk = model.image_encoder.trunk
    text = text_feat.float().transpose(0, 1)
    outputs, x = [], x0
    for i, block in enumerate(trunk.blocks):
        x, text = block(x, text)
        if i == trunk.stage_ends[-1] or (i in trunk.stage_ends and trunk.return_interm_layers):
            outputs.append(x.permute(0, 3, 1, 2))
    features, pos = model.image_encoder.neck(outputs)
    encoder = model.image_encoder
    if encoder.scalp > 0:
        features, pos = features[: -encoder.scalp], pos[: -encoder.scalp]
    backbone_out = {"vision_features": features[-1], "vision_pos_enc": pos, "backbone_fpn": features}
    if model.use_high_res_features_in_sam:
        backbone_out["backbone_fpn"][0] = model.sam_mask_decoder.conv_s0(backbone_out["backbone_fpn"][0])
        backbone_out["backbone_fpn"][1] = model.sam_mask_decoder.conv_s1(backbone_out["backbone_fpn"][1])
    return sam_features(model, backbone_out)


def decode_with_text(model, feats: dict, text_feat: torch.Tensor, text_token: torch.Tensor,
                     mask_prompt: torch.Tensor, points: Optional[tuple] = None) -> tuple:
    """The authors' prompt encoder + fused mask decoder, single mask (token 0, no stability fallback).

    text_feat B×L×256, text_token B×1×256 (the sparse prompt), mask_prompt B×1×M×M probabilities (the dense
    prompt); ``points`` (B×N×2 canvas px, B×N labels), an addition of ours, go before the text token.
    → (low-res logits B×1×M×M, predicted IoU B×1).
    """
    encoder, decoder = model.sam_prompt_encoder, model.sam_mask_decoder
    sparse, dense = encoder(points=points, boxes=None, masks=mask_prompt)
    sparse = torch.cat([sparse, text_token], dim=1)
    image = feats["image_embed"]
    b, c, h, w = image.shape
    pe = encoder.get_dense_pe()
    seq = image.flatten(2).permute(2, 0, 1)
    fused = decoder.vlfusion_module(seq, text_feat.transpose(0, 1).to(seq.dtype), query_pos=pe.flatten(2).permute(2, 0, 1))
    fused = fused.permute(1, 2, 0).reshape(b, c, h, w)
    low, iou, _, _ = decoder(image_embeddings=fused, image_pe=pe, sparse_prompt_embeddings=sparse,
                             dense_prompt_embeddings=dense, multimask_output=False, repeat_image=False,
                             high_res_features=feats["high_res_feats"])
    return low, iou

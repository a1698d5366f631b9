"""RSRefSeg 2's cascaded prompter, module for module and name for name as the released checkpoints hold it.

Configured as all three official configs are: two query sets pooled from the text tokens (``textpool``)
with learned position embeddings, post-norm blocks, learned ``img_pe``, 9 learned prompt tokens, and the
dense prompt from the refined image map (``dense_prompt_conv``, upsampled with align_corners=True) against
the pooled phrase, scaled by SigLIP's fine-tuned logit scale and bias. Widths are read from the weights.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import torch
import torch.nn.functional as F
from torch import nn

# The operation orders of configs_RSRefSeg2/*_infer.py (identical in the three).
TWO_QUERIES_ORDER = (
    "self_attn_query_query1", "norm_query1_1",
    "self_attn_query_query2", "norm_query2_1",
    "cross_attn_query_text_query1_text", "norm_query1_2", "mlp_query1_2", "norm_query1_3",
    "cross_attn_query_text_query2_text", "norm_query2_2", "mlp_query2_2", "norm_query2_3",
    "cross_attn_query_query_query1_query2", "norm_query1_4", "mlp_query1_3", "norm_query1_5",
    "cross_attn_query_query_query2_query1", "norm_query2_4", "mlp_query2_3", "norm_query2_5",
)
QUERIES1_TO_IMG_ORDER = (
    "self_attn_text_text_1", "norm_text_1",
    "cross_attn_img_text_1", "norm_img_1", "mlp_img_1", "norm_img_2",
)
PROMPT_QUERIES2_IMG_ORDER = (
    "self_attn_text_1", "norm_text_1",
    "cross_attn_img_text_1", "norm_img_1", "mlp_img_1", "norm_img_2",
    "self_attn_prompt_1", "norm_prompt_1",
    "cross_attn_prompt_text_1", "norm_prompt_2", "mlp_prompt_2", "norm_prompt_3",
    "cross_attn_prompt_img_1", "norm_prompt_4", "mlp_prompt_3", "norm_prompt_5",
)
NUM_HEADS = 8  # the configs' num_heads; not recoverable from shapes


@dataclass(frozen=True)
class PrompterSizes:
    text_dim: int  # SigLIP width (text_feat_dim)
    img_dim: int  # SigLIP width (img_feat_dim)
    prompt_dim: int  # SAM 2's prompt width
    internal_dim: int
    mlp_dim: int
    num_text_queries: int
    num_prompts: int
    grid: int  # img_pe side (SigLIP's patch grid)
    depths: tuple  # (two_queries, queries1_to_img, prompt_queries2_img)

    @classmethod
    def from_state(cls, state: dict) -> "PrompterSizes":
        """Sizes from tensor shapes; a missing key raises KeyError (the loader turns it into a message)."""
        n_queries, text_dim = state["text_query_pe_embedding1"].shape
        _, img_dim, grid, _ = state["img_pe"].shape
        num_prompts, prompt_dim = state["prompt_embedding"].shape
        block = "two_queries_text_attn_layers.0."
        return cls(text_dim, img_dim, prompt_dim, state[block + "self_attn_query_query1.q_proj.weight"].shape[0],
                   state[block + "mlp_query1_2.layers.0.weight"].shape[0], n_queries, num_prompts, grid,
                   tuple(layer_count(state, name) for name in
                         ("two_queries_text_attn_layers", "queries1_to_img_attn_layers",
                          "prompt_queries2_img_attn_layers")))


class Attention(nn.Module):
    """Separate q/k/v/out projections through an internal width, SDPA over ``num_heads`` heads."""

    def __init__(self, query_dim: int, num_heads: int, internal_dim: int, kv_dim: int = None):
        super().__init__()
        kv_dim = query_dim if kv_dim is None else kv_dim
        self.num_heads = num_heads
        self.q_proj = nn.Linear(query_dim, internal_dim)
        self.k_proj = nn.Linear(kv_dim, internal_dim)
        self.v_proj = nn.Linear(kv_dim, internal_dim)
        self.out_proj = nn.Linear(internal_dim, query_dim)

    def forward(self, q, k, v):
        b = q.shape[0]
        q, k, v = (self._heads(proj(x), b) for proj, x in ((self.q_proj, q), (self.k_proj, k), (self.v_proj, v)))
        out = F.scaled_dot_product_attention(q, k, v)
        return self.out_proj(out.transpose(1, 2).reshape(b, -1, out.shape[1] * out.shape[3]))

    def _heads(self, x, b):
        return x.reshape(b, x.shape[1], self.num_heads, x.shape[2] // self.num_heads).transpose(1, 2)


class MLP(nn.Module):
    """Two linear layers with GELU between (``layers.0``, ``layers.1``), no residual of its own."""

    def __init__(self, dim: int, hidden: int):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(dim, hidden), nn.Linear(hidden, dim)])
        self.act = nn.GELU()

    def forward(self, x):
        return self.layers[1](self.act(self.layers[0](x)))


class OpBlock(nn.Module):
    """A sequence of named ops on named streams: attention and MLP add their output (residual), norms replace.

    ``roles[op]`` = (stream it updates, query, key, value): each a stream name, ``+`` meaning "with its
    position embedding". Norms and MLPs read only the stream they update.
    """

    def __init__(self, order: tuple, make: dict, roles: dict):
        super().__init__()
        self.order, self.roles = order, roles
        for op in order:
            setattr(self, op, make[op])

    def forward(self, streams: dict, pes: dict) -> dict:
        for op in self.order:
            target, *qkv = self.roles[op]
            module = getattr(self, op)
            if "attn" in op:
                q, k, v = (_with_pe(streams, pes, s) for s in qkv)
                streams[target] = streams[target] + module(q, k, v)
            elif "norm" in op:
                streams[target] = module(streams[target])
            else:
                streams[target] = streams[target] + module(streams[target])
        return streams


def _with_pe(streams: dict, pes: dict, name: str):
    base = name.rstrip("+")
    x = streams[base]
    pe = pes.get(base) if name.endswith("+") else None
    return x if pe is None else x + pe


def two_queries_block(s: PrompterSizes) -> OpBlock:
    """Q1 and Q2 attend to themselves, to the text tokens (no text PE) and to each other."""
    d, make, roles = s.text_dim, {}, {}
    for op in TWO_QUERIES_ORDER:
        me = "q" + re.findall(r"query([12])", op)[0]  # the set an op updates: the first one its name gives
        other = "q2" if me == "q1" else "q1"
        if op.startswith("self_attn"):
            make[op], roles[op] = Attention(d, NUM_HEADS, s.internal_dim), (me, me + "+", me + "+", me)
        elif op.startswith("cross_attn_query_text"):
            make[op], roles[op] = Attention(d, NUM_HEADS, s.internal_dim, d), (me, me + "+", "text", "text")
        elif op.startswith("cross_attn_query_query"):
            make[op], roles[op] = Attention(d, NUM_HEADS, s.internal_dim, d), (me, me + "+", other + "+", other)
        elif op.startswith("mlp"):
            make[op], roles[op] = MLP(d, s.mlp_dim), (me,)
        else:
            make[op], roles[op] = nn.LayerNorm(d), (me,)
    return OpBlock(TWO_QUERIES_ORDER, make, roles)


def image_text_block(s: PrompterSizes, order: tuple) -> OpBlock:
    """The image tokens (with ``img_pe``), a query set (with its PE) and, in stage 2, the prompt tokens."""
    dims = {"img": s.img_dim, "text": s.text_dim, "prompt": s.prompt_dim}
    make, roles = {}, {}
    for op in order:
        if op.startswith("self_attn_prompt"):
            make[op], roles[op] = Attention(s.prompt_dim, NUM_HEADS, s.internal_dim), ("prompt", "prompt+", "prompt+", "prompt")
        elif op.startswith("self_attn_text"):
            make[op], roles[op] = Attention(s.text_dim, NUM_HEADS, s.internal_dim), ("text", "text+", "text+", "text")
        elif op.startswith("cross_attn_img_text"):
            make[op] = Attention(s.img_dim, NUM_HEADS, s.internal_dim, s.text_dim)
            roles[op] = ("img", "img+", "text+", "text")
        elif op.startswith("cross_attn_prompt_text"):
            make[op] = Attention(s.prompt_dim, NUM_HEADS, s.internal_dim, s.text_dim)
            roles[op] = ("prompt", "prompt+", "text+", "text")
        elif op.startswith("cross_attn_prompt_img"):
            make[op] = Attention(s.prompt_dim, NUM_HEADS, s.internal_dim, s.img_dim)
            roles[op] = ("prompt", "prompt+", "img+", "img")
        else:
            kind, stream = op.split("_")[:2]
            make[op] = nn.LayerNorm(dims[stream]) if kind == "norm" else MLP(dims[stream], s.mlp_dim)
            roles[op] = (stream,)
    return OpBlock(order, make, roles)


class CascadedPrompter(nn.Module):
    """SigLIP image tokens + text tokens + pooled phrase → 9 sparse prompt tokens and a dense mask prompt."""

    def __init__(self, s: PrompterSizes):
        super().__init__()
        self.sizes = s
        self.text_query_pe_embedding1 = nn.Parameter(torch.zeros(s.num_text_queries, s.text_dim))
        self.text_query_pe_embedding2 = nn.Parameter(torch.zeros(s.num_text_queries, s.text_dim))
        self.two_queries_text_attn_layers = nn.ModuleList(two_queries_block(s) for _ in range(s.depths[0]))
        self.img_pe = nn.Parameter(torch.zeros(1, s.img_dim, s.grid, s.grid))
        self.queries1_to_img_attn_layers = nn.ModuleList(
            image_text_block(s, QUERIES1_TO_IMG_ORDER) for _ in range(s.depths[1]))
        self.prompt_queries2_img_attn_layers = nn.ModuleList(
            image_text_block(s, PROMPT_QUERIES2_IMG_ORDER) for _ in range(s.depths[2]))
        self.prompt_pe_embedding = nn.Parameter(torch.zeros(s.num_prompts, s.prompt_dim))
        self.prompt_embedding = nn.Parameter(torch.zeros(s.num_prompts, s.prompt_dim))
        self.sparse_prompt_mlp = MLP(s.prompt_dim, s.mlp_dim)
        self.dense_prompt_conv = nn.Sequential(
            nn.Conv2d(s.img_dim, s.img_dim // 2, 3, padding=1), nn.BatchNorm2d(s.img_dim // 2), nn.GELU(),
            nn.Conv2d(s.img_dim // 2, s.img_dim, 3, padding=1))

    def forward(self, image_tokens, text_tokens, pooled_text, logit_scale, logit_bias, mask_size: int) -> dict:
        """B×N×C image tokens, B×L×C text tokens, B×C pooled phrase → {"sparse": B×9×P, "dense": B×1×M×M, …}."""
        b = image_tokens.shape[0]
        pe1 = self.text_query_pe_embedding1.expand(b, -1, -1)
        pe2 = self.text_query_pe_embedding2.expand(b, -1, -1)
        q1 = F.adaptive_avg_pool1d(text_tokens.permute(0, 2, 1), self.sizes.num_text_queries).permute(0, 2, 1)
        streams = {"q1": q1, "q2": q1, "text": text_tokens}
        for layer in self.two_queries_text_attn_layers:
            streams = layer(streams, {"q1": pe1, "q2": pe2})
        queries1, queries2 = streams["q1"], streams["q2"]

        img_pe = self.img_pe
        grid = math.isqrt(image_tokens.shape[1])
        if img_pe.shape[2] != grid:
            img_pe = F.interpolate(img_pe, size=(grid, grid), mode="bicubic", align_corners=True)
        img_pe = img_pe.flatten(2).transpose(1, 2)

        stage = {"img": image_tokens, "text": queries1}
        for layer in self.queries1_to_img_attn_layers:
            stage = layer(stage, {"img": img_pe, "text": pe1})
        stage = {"img": stage["img"], "text": queries2, "prompt": self.prompt_embedding.expand(b, -1, -1)}
        for layer in self.prompt_queries2_img_attn_layers:
            stage = layer(stage, {"img": img_pe, "text": pe2, "prompt": self.prompt_pe_embedding.expand(b, -1, -1)})

        sparse = self.sparse_prompt_mlp(stage["prompt"])
        refined = stage["img"]
        feature_map = refined.transpose(1, 2).reshape(b, -1, grid, grid)
        feature_map = self.dense_prompt_conv(feature_map)
        feature_map = F.interpolate(feature_map, size=(mask_size, mask_size), mode="bilinear", align_corners=True)
        feature_map = feature_map / feature_map.norm(p=2, dim=1, keepdim=True)
        text = pooled_text / pooled_text.norm(p=2, dim=1, keepdim=True)
        dense = torch.einsum("bchw,bc->bhw", feature_map, text).unsqueeze(1)
        dense = dense * logit_scale.exp() + logit_bias
        return {"sparse": sparse, "dense": dense, "text_queries1": queries1, "text_queries2": queries2,
                "refined_image": refined}


def layer_count(state: dict, name: str) -> int:
    """How many numbered layers ``name.0.``, ``name.1.``, … ``state`` holds (0 if none)."""
    layers = {int(m[1]) for k in state if (m := re.match(rf"{re.escape(name)}\.(\d+)\.", k))}
    return max(layers) + 1 if layers else 0

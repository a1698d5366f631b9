"""LoRA as a torch parametrization: W + (alpha/r)·B·A on attention projections, mergeable for inference.

A parametrization (torch.nn.utils.parametrize) reaches weights that modules use without calling a
Linear — nn.MultiheadAttention's fused ``in_proj_weight`` (open_clip) — as well as plain Linear
weights (SAM 2's Hiera ``qkv``). `peft` would add transformers/accelerate to the backend for this.
"""
from __future__ import annotations

import math
from typing import List

import torch
from torch import nn
from torch.nn.utils import parametrize


class LoraDelta(nn.Module):
    """W ↦ W + scale · B A with B zero-initialised, so training starts from the pretrained weights."""

    def __init__(self, out_features: int, in_features: int, rank: int, alpha: float):
        super().__init__()
        self.lora_a = nn.Parameter(torch.empty(rank, in_features))
        self.lora_b = nn.Parameter(torch.zeros(out_features, rank))
        nn.init.kaiming_uniform_(self.lora_a, a=math.sqrt(5))
        self.scale = alpha / rank

    def forward(self, weight: torch.Tensor) -> torch.Tensor:
        return weight + self.scale * (self.lora_b @ self.lora_a).to(weight.dtype)


def lora_targets(module: nn.Module) -> List[tuple]:
    """(submodule, weight name, qualified name) of every attention projection LoRA adapts."""
    found = []
    for name, sub in module.named_modules():
        if isinstance(sub, nn.MultiheadAttention) and sub.in_proj_weight is not None:
            found.append((sub, "in_proj_weight", f"{name}.in_proj_weight"))
        elif isinstance(sub, nn.Linear) and name.rsplit(".", 1)[-1] == "qkv":
            found.append((sub, "weight", f"{name}.weight"))
    return found


def add_lora(module: nn.Module, rank: int, alpha: float = None) -> List[str]:
    """Freeze ``module`` and add LoRA to its attention projections; returns the adapted weights' names."""
    alpha = float(rank if alpha is None else alpha)
    for p in module.parameters():
        p.requires_grad_(False)
    names = []
    for sub, attr, qualified in lora_targets(module):
        out_f, in_f = getattr(sub, attr).shape
        parametrize.register_parametrization(sub, attr, LoraDelta(out_f, in_f, rank, alpha))
        names.append(qualified)
    return names


def merge_lora(module: nn.Module) -> int:
    """Fold every LoRA delta into its weight (inference: no extra cost); returns how many were merged."""
    merged = 0
    for sub in list(module.modules()):
        if parametrize.is_parametrized(sub):
            for attr in list(sub.parametrizations.keys()):
                if any(isinstance(p, LoraDelta) for p in sub.parametrizations[attr]):
                    parametrize.remove_parametrizations(sub, attr, leave_parametrized=True)
                    merged += 1
    return merged

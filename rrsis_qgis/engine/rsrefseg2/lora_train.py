"""LoRA for fine-tuning a release as the authors trained it: peft's scheme on the official targets, r 16, alpha 16.

A target layer becomes ``LoraWrapped(base)``: ``base(x) + (alpha/r)·B(A(x))`` with the base frozen, A random
and B zero (peft's init, so training starts from the release exactly). Saving writes the base weight and
the factors under peft's keys again, so the result loads as ``rsrefseg2:`` like a release.
"""
from __future__ import annotations

import math
from typing import Dict

from torch import nn

from .checkpoint import LORA_ALPHA
from .layout import is_lora_target


class LoraWrapped(nn.Module):
    """A frozen Linear or 1×1 Conv2d plus a trainable low-rank update."""

    def __init__(self, base: nn.Module, rank: int):
        super().__init__()
        self.base, self.scale = base, LORA_ALPHA / rank
        for p in base.parameters():
            p.requires_grad_(False)
        if isinstance(base, nn.Conv2d):
            self.lora_A = nn.Conv2d(base.in_channels, rank, 1, bias=False)
            self.lora_B = nn.Conv2d(rank, base.out_channels, 1, bias=False)
        else:
            self.lora_A = nn.Linear(base.in_features, rank, bias=False)
            self.lora_B = nn.Linear(rank, base.out_features, bias=False)
        nn.init.kaiming_uniform_(self.lora_A.weight, a=math.sqrt(5))
        nn.init.zeros_(self.lora_B.weight)
        self.lora_A.to(base.weight.device)
        self.lora_B.to(base.weight.device)

    def forward(self, x):
        return self.base(x) + self.scale * self.lora_B(self.lora_A(x))

    # the nn.MultiheadAttention of SigLIP's pooling head reads these of its out_proj
    @property
    def weight(self):
        return self.base.weight

    @property
    def bias(self):
        return self.base.bias


def add_lora(modules: Dict[str, nn.Module], rank: int = 16) -> int:
    """Wrap every official LoRA target in each part's module (``{"sam": SAM2Base, "vision": …, "text": …}``)."""
    count = 0
    for part, module in modules.items():
        for name, child in list(module.named_modules()):
            if is_lora_target(part, name) and isinstance(child, (nn.Linear, nn.Conv2d)):
                parent_name, _, attr = name.rpartition(".")
                setattr(module.get_submodule(parent_name) if parent_name else module, attr, LoraWrapped(child, rank))
                count += 1
    return count


def plain_state(module: nn.Module) -> tuple:
    """(state with the wrappers' base weights under their plain names, {layer: (A, B)} of the wrapped layers)."""
    state, factors = {}, {}
    for key, value in module.state_dict().items():
        if ".lora_A." in key or ".lora_B." in key:
            continue
        state[key.replace(".base.", ".")] = value
    for name, child in module.named_modules():
        if isinstance(child, LoraWrapped):
            factors[name] = (child.lora_A.weight.detach(), child.lora_B.weight.detach())
    return state, factors

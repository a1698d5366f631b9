"""Write weights in the release's layout: peft's key scheme on the official LoRA targets, mmengine's state_dict."""
from __future__ import annotations

import re
from collections import OrderedDict
from typing import Dict, Optional

import torch

# The official lora_cfg target regexes, on names relative to each wrapped module (our part's keys without
# the wrapper's own "model." where the official wrapper had one).
LORA_TARGETS = {
    "sam": re.compile(r"^image_encoder\.(trunk\.blocks\.\d+\.attn\.(qkv|proj)|neck\.convs\.\d+\.conv)$"),
    "vision": re.compile(r"^(head\.(attention\.out_proj|mlp\.fc[12])|encoder\.layers\.\d+\.self_attn\.(k|v|q|out)_proj)$"),
    "text": re.compile(r"^(head|encoder\.layers\.\d+\.self_attn\.(k|v|q|out)_proj)$"),
}
FILE_PREFIX = {
    "sam": "backbone.model.",
    "vision": "clip_vision_encoder.base_model.model.model.",
    "text": "clip_text_encoder.base_model.model.model.",
    "text_scale": "clip_text_encoder.base_model.model.",
    "prompter": "prompter.",
}
SAM_ENCODER_FILE_PREFIX = "backbone.model.image_encoder.base_model.model."


def is_lora_target(part: str, layer: str) -> bool:
    pattern = LORA_TARGETS.get(part)
    return bool(pattern and pattern.match(layer))


def release_state_dict(parts: Dict[str, dict], lora: Optional[Dict[str, tuple]] = None,
                       dtype: torch.dtype = torch.bfloat16) -> "OrderedDict[str, torch.Tensor]":
    """Parts' plain weights (+ LoRA factors ``lora[part + ':' + layer] = (A, B)``) → the release's keys.

    Every LoRA target gets ``base_layer`` keys and factors; a target without factors gets zero ones of
    rank 16 (peft's init: B = 0, so the layer is unchanged). Floats are cast to ``dtype`` (the release is bf16).
    """
    lora = lora or {}
    out: "OrderedDict[str, torch.Tensor]" = OrderedDict()
    for part, state in parts.items():
        for key, tensor in state.items():
            layer, _, leaf = key.rpartition(".")
            value = tensor.detach().to(dtype) if tensor.is_floating_point() else tensor.detach()
            if is_lora_target(part, layer):
                name = _file_key(part, layer)
                out[f"{name}.base_layer.{leaf}"] = value
                if leaf == "weight":
                    a, b = lora.get(f"{part}:{layer}", _zero_factors(tensor))
                    out[f"{name}.lora_A.default.weight"] = a.detach().to(dtype)
                    out[f"{name}.lora_B.default.weight"] = b.detach().to(dtype)
            else:
                out[_file_key(part, layer) + "." + leaf if layer else _file_key(part, leaf)] = value
    return out


def _file_key(part: str, local: str) -> str:
    if part == "sam" and local.startswith("image_encoder."):
        return SAM_ENCODER_FILE_PREFIX + local[len("image_encoder."):]
    return FILE_PREFIX[part] + local


def _zero_factors(weight: torch.Tensor, rank: int = 16) -> tuple:
    a = torch.zeros(rank, weight.shape[1], *weight.shape[2:])
    b = torch.zeros(weight.shape[0], rank, *([1] * (weight.dim() - 2)))
    return a, b

"""Read an RSRefSeg 2 checkpoint: weights_only load, peft LoRA merged, the model's parts split by their prefixes.

The release is mmengine's ``{'state_dict': …}`` of the whole ``RefSegEncoderDecoder`` in bf16, with peft's
layers unmerged (``<layer>.base_layer.*`` + ``<layer>.lora_A/B.default.weight``). Every key must land in a
part or be one of the named unused ones: a file that does not is refused with one message, never loaded
half.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict

import torch

from ..load_rules import LoadError, check_fits, read_state
from ..trained_checkpoint import CheckpointError

# Every official config trains LoRA with r 16 and lora_alpha 16; peft stores neither, so the scale is
# alpha / r with r read from lora_A's shape.
LORA_ALPHA = 16.0

# file prefix → (part, prefix inside the part); the longest prefix that matches wins
PREFIXES = (
    ("backbone.model.image_encoder.base_model.model.", "sam", "image_encoder."),
    ("backbone.model.", "sam", ""),
    ("clip_vision_encoder.base_model.model.model.", "vision", ""),
    ("clip_text_encoder.base_model.model.model.", "text", ""),
    ("clip_text_encoder.base_model.model.", "text_scale", ""),
    ("prompter.", "prompter", ""),
)
# Weights the official inference never uses, by prefix (after the part split), with the reason.
LOSS_SCALES = "decode_head."
UNUSED = {
    LOSS_SCALES: "the training losses' own logit scales",
    "vision:head.": "SigLIP's attention-pooling head (the official model uses the image tokens, not the pooled image)",
}
LORA_KEY = re.compile(r"^(?P<layer>.+)\.lora_(?P<ab>[AB])\.default\.weight$")


class ReleaseError(CheckpointError):
    """A file that is not an RSRefSeg 2 checkpoint of the official layout; the message names the file."""


@dataclass
class ReleaseState:
    """The merged fp32 weights of each part, and what the file held besides."""

    path: Path
    parts: Dict[str, dict]
    unused: Dict[str, str] = field(default_factory=dict)  # key → why it is not used
    lora_layers: int = 0
    lora_rank: int = 0
    file_dtype: str = ""
    loss_scales: Dict[str, float] = field(default_factory=dict)  # decode_head's scalars (fine-tuning continues them)


def read_release(path: Path) -> ReleaseState:
    """``path`` (a .pth) → merged fp32 state per part. Raises ReleaseError with a message for the user."""
    path = Path(path)
    raw = _load(path)
    merged, layers, rank = merge_lora(raw, path)
    dtypes = sorted({str(t.dtype).replace("torch.", "") for t in raw.values() if t.is_floating_point()})
    parts: Dict[str, dict] = {name: {} for _, name, _ in PREFIXES}
    unused: Dict[str, str] = {}
    loss_scales: Dict[str, float] = {}
    for key, tensor in merged.items():
        part, local = split_key(key)
        reason = unused_reason(part, local, key)
        if reason:
            unused[key] = reason
            if key.startswith(LOSS_SCALES) and tensor.numel() == 1:
                loss_scales[key[len(LOSS_SCALES):]] = float(tensor)
        elif part is None:
            raise ReleaseError(f"{path} is not an RSRefSeg 2 checkpoint: the weight {key!r} belongs to no part of "
                               "the model (expected backbone., clip_vision_encoder., clip_text_encoder., prompter.)")
        else:
            parts[part][local] = tensor.float() if tensor.is_floating_point() else tensor
    return ReleaseState(path, parts, unused, layers, rank, "/".join(dtypes), loss_scales)


def split_key(key: str):
    """A file key → (part, key inside the part), or (None, key) for keys outside every part."""
    for prefix, part, inner in PREFIXES:
        if key.startswith(prefix):
            return part, inner + key[len(prefix):]
    return None, key


def merge_lora(state: dict, path: Path) -> tuple:
    """peft layers → plain weights: ``W + (alpha/r)·B@A`` (1×1 convs alike), ``.base_layer`` dropped.

    Returns (state, number of LoRA layers merged, their rank).
    """
    pairs: Dict[str, dict] = {}
    out = {}
    for key, tensor in state.items():
        m = LORA_KEY.match(key)
        if m:
            pairs.setdefault(m["layer"], {})[m["ab"]] = tensor
        else:
            out[key.replace(".base_layer.", ".")] = tensor
    ranks = set()
    for layer, ab in pairs.items():
        weight_key = layer + ".weight"
        if set(ab) != {"A", "B"} or weight_key not in out:
            raise ReleaseError(f"{path} is damaged: the LoRA layer {layer!r} lacks "
                               f"{'its base weight' if weight_key not in out else 'lora_A or lora_B'}")
        a, b, w = ab["A"].float(), ab["B"].float(), out[weight_key].float()
        rank = a.shape[0]
        if b.shape[1] != rank or b.shape[0] != w.shape[0] or a.shape[1] != w.shape[1] \
                or (w.dim() == 4 and tuple(w.shape[2:]) != (1, 1)):
            raise ReleaseError(f"{path} is damaged: the LoRA factors of {layer!r} ({tuple(a.shape)}, {tuple(b.shape)}) "
                               f"do not fit its weight {tuple(w.shape)}")
        delta = b.flatten(1) @ a.flatten(1)
        out[weight_key] = w + (LORA_ALPHA / rank) * delta.reshape(w.shape)
        ranks.add(rank)
    if len(ranks) > 1:
        raise ReleaseError(f"{path}: LoRA layers of several ranks {sorted(ranks)}; the official model uses one")
    return out, len(pairs), (ranks.pop() if ranks else 0)


def check_complete(expected: Dict[str, torch.Size], given: dict, part: str, path: Path) -> None:
    """Every weight the module expects is in the file with its shape, and the file has no weight it lacks (the
    loaders' rule, :func:`check_fits`, as a ReleaseError naming the part)."""
    try:
        check_fits(expected, given, path, model=f"RSRefSeg 2's {part}")
    except LoadError as exc:
        raise ReleaseError(exc.problem) from None


def _load(path: Path) -> dict:
    """The file's named weights under the loaders' rules (:func:`read_state`), refused with a ReleaseError."""
    if path.is_dir():
        raise ReleaseError(f"{path} is a folder; expected the released .pth file (or a folder with exactly one)")
    if not path.is_file():
        raise ReleaseError(f"RSRefSeg 2 checkpoint not found: {path}")
    try:
        state = read_state(path, inner="state_dict", bare_too=True,
                           layout="an RSRefSeg 2 checkpoint: expected {'state_dict': {name: tensor}}")
    except LoadError as exc:
        raise ReleaseError(exc.problem, exc.path, exc.remedy) from None
    if not any(k.startswith("prompter.") for k in state):
        raise ReleaseError(f"{path} is not an RSRefSeg 2 checkpoint: it has no cascaded prompter (prompter.*); "
                           "for our own trained checkpoints use --model trained:FILE")
    return state


def unused_reason(part, local: str, key: str):
    """Why the official inference does not use the weight ``key`` (``local`` inside ``part``), or None."""
    for prefix, reason in UNUSED.items():
        if key.startswith(prefix) or (part and f"{part}:{local}".startswith(prefix)):
            return reason
    return None


def shapes_of(module: torch.nn.Module) -> Dict[str, torch.Size]:
    """The state-dict shapes a module expects (parameters and persistent buffers)."""
    return {k: v.shape for k, v in module.state_dict(keep_vars=True).items()}

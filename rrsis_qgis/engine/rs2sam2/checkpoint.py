"""Read an RS2-SAM 2 release folder: config.json (model_type "evf") + safetensors or .bin weights, split in two.

The release is ``EvfSamModel.save_pretrained``'s output: keys without a prefix, fp32; ``visual_model.*`` is
the whole (modified) SAM 2.0 video model, the rest are BEiT-3 and the heads. Every key must land in a part
or be one of the named unused ones; a folder that does not is refused with one message, never loaded half.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict

import torch

from .. import hf_folder
from ..trained_checkpoint import CheckpointError

MODEL_TYPE = "evf"
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
INDEXES = ("model.safetensors.index.json", "pytorch_model.bin.index.json")
SAM_PREFIX = "visual_model."
# SAM 2's video modules and the heads no inference output depends on, with the reason
SAM_VIDEO = ("memory_attention.", "memory_encoder.", "maskmem_tpos_enc", "no_mem_pos_enc", "no_obj_ptr",
             "obj_ptr_proj.", "obj_ptr_tpos_proj.", "mask_downsample.")
FOLDER = hf_folder.FolderKind(
    "RS2-SAM 2 release folder", "an RS2-SAM 2 release folder",
    "the downloaded folder with config.json, the weights and the tokenizer files",
    f"an RS2-SAM 2 release has model_type {MODEL_TYPE!r} (EVF-SAM's layout)", "the release")
UNUSED_HEADS = {"meo_linear.": "a projection the release carries but no output uses",
                "text2one_linear.": "feeds only the authors' auxiliary training output"}


class RS2SAM2Error(CheckpointError):
    """A folder that is not an RS2-SAM 2 release of the official layout; the message names it."""


@dataclass
class ReleaseFolder:
    path: Path
    config: dict
    sam: Dict[str, torch.Tensor]  # keys without "visual_model."
    heads: Dict[str, torch.Tensor]  # BEiT-3 (mm_extractor.*) and the heads
    unused: Dict[str, str] = field(default_factory=dict)
    weights_file: str = ""


def read_folder(path: Path) -> ReleaseFolder:
    """``path`` (the release folder) → its weights split into SAM 2 and the rest (fp32)."""
    path = Path(path)
    config = read_config(path)
    state, name = _read_weights(path)
    sam, heads, unused = {}, {}, {}
    for key, tensor in state.items():
        if key.startswith(SAM_PREFIX):
            local = key[len(SAM_PREFIX):]
            if local.startswith(SAM_VIDEO):
                unused[key] = "SAM 2's video memory (not on the single-image path)"
            else:
                sam[local] = tensor
        elif key.startswith(tuple(UNUSED_HEADS)):
            unused[key] = next(r for p, r in UNUSED_HEADS.items() if key.startswith(p))
        else:
            heads[key] = tensor
    if not sam or not any(k.startswith("mm_extractor.beit3.") for k in heads):
        raise RS2SAM2Error(f"{path} is not an RS2-SAM 2 release: its weights have no "
                           f"{'SAM 2 (visual_model.*)' if not sam else 'BEiT-3 (mm_extractor.beit3.*)'}")
    return ReleaseFolder(path, config, sam, heads, unused, name)


def read_config(path: Path) -> dict:
    return hf_folder.read_config(path, FOLDER, (MODEL_TYPE,), RS2SAM2Error)


def _read_weights(path: Path) -> tuple:
    files = [path / n for n in WEIGHT_FILES if (path / n).is_file()]
    index = next((path / n for n in INDEXES if (path / n).is_file()), None)
    if index is not None and not files:
        files = _shards(index)
    if not files:
        raise RS2SAM2Error(f"{path} holds no weights: expected {' or '.join(WEIGHT_FILES)}")
    files = files[:1] if index is None else files
    return hf_folder.read_weights(files, RS2SAM2Error, mmap=True), files[0].name


def _shards(index: Path) -> list:
    try:
        names = sorted(set(json.loads(index.read_text(encoding="utf-8"))["weight_map"].values()))
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise RS2SAM2Error(f"{index} is not a weights index ({type(exc).__name__}); download the release again") from None
    missing = [n for n in names if not (index.parent / n).is_file()]
    if missing:
        raise RS2SAM2Error(f"{index.parent} is incomplete: {len(missing)} weight shard(s) missing, first {missing[0]}")
    return [index.parent / n for n in names]

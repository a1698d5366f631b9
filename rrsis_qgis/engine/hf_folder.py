"""A Hugging Face ``save_pretrained`` folder's config.json and weights file, read with one message per problem.

Used by the families that load such folders (RS2-SAM 2, SAM 3); each passes its own error class and names.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch

from .load_rules import LoadError, check_finite


@dataclass(frozen=True)
class FolderKind:
    """How messages name a family's folder: ``name`` "SAM 3 folder", ``a_name`` "a SAM 3 folder", ``contents``
    what it should hold, ``type_rule`` which model_type it has, ``again`` what to download again."""

    name: str
    a_name: str
    contents: str
    type_rule: str
    again: str


def read_config(path: Path, kind: FolderKind, model_types: tuple, error: type) -> dict:
    """``path``/config.json as a dict whose model_type is one of ``model_types``; else ``error`` saying why."""
    if not path.is_dir():
        raise error(f"{kind.name[:1].upper()}{kind.name[1:]} not found: {path} (expected {kind.contents})")
    file = path / "config.json"
    try:
        config = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise error(f"{path} has no config.json: it is not {kind.a_name}") from None
    except (OSError, ValueError) as exc:
        raise error(f"{file} is not readable JSON ({exc}); download {kind.again} again") from None
    if not isinstance(config, dict) or config.get("model_type") not in model_types:
        found = config.get("model_type") if isinstance(config, dict) else type(config).__name__
        raise error(f"{file} describes a {found!r} model; {kind.type_rule}")
    return config


def read_weights_file(file: Path, error: type, mmap: bool = False) -> dict:
    """A weights file read without running code: safetensors, or torch.load(weights_only=True)."""
    try:
        if file.suffix == ".safetensors":
            from safetensors.torch import load_file  # noqa: PLC0415

            state = load_file(str(file))
        else:
            state = torch.load(str(file), map_location="cpu", weights_only=True, mmap=mmap)
    except Exception as exc:  # noqa: BLE001 (safetensors and torch raise many kinds for a damaged file)
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise error(f"{file} is not a readable weights file (truncated, damaged or not plain weights: "
                    f"{type(exc).__name__}: {first[:200]})") from None
    if not isinstance(state, dict) or not state or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise error(f"{file} does not hold named weights")
    return state


def read_weights(files: list, error: type, mmap: bool = False) -> dict:
    """The named weights of ``files`` (one file, or a release's shards) as fp32, every floating one finite;
    else ``error`` naming the file and the problem."""
    state: dict = {}
    for file in files:
        state.update(read_weights_file(file, error, mmap=mmap))
    try:
        check_finite(state, files[0])
    except LoadError as exc:
        raise error(exc.problem) from None
    return {k: v.float() if v.is_floating_point() else v for k, v in state.items()}

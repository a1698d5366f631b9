"""Trained checkpoints: only the trained weights + the config that rebuilds the model around them."""
from __future__ import annotations

import dataclasses
import os
import tempfile
from pathlib import Path
from typing import Optional

import torch

from .specs import ModelSpec, get_spec

FORMAT = "rrsis_qgis.trained/1"
PREFIX = "trained:"


class CheckpointError(ValueError):
    """A trained checkpoint is missing, unreadable or not one of ours."""


def is_trained_name(name: str) -> bool:
    return name.startswith(PREFIX)


def checkpoint_path(name: str) -> Path:
    return Path(name[len(PREFIX):]).expanduser()


RESUME_KEYS = ("optimizer", "scheduler")  # only `train fit`'s resume file (last.pt) holds these


def refuse_resume_file(payload: dict, path: Path) -> None:
    """`train fit`'s resume file is not a model to run: say what it is and which file to use instead."""
    if any(key in payload for key in RESUME_KEYS):
        raise CheckpointError(f"{path} is the resume file of `python -m rrsis_qgis.train fit` (the last epoch's "
                              "weights with the optimizer state, to continue training), not a trained checkpoint: "
                              f"use {Path(path).with_name('checkpoint.pt')} (the best epoch) instead")


def save_checkpoint(path: Path, state: dict, config: dict, extra: Optional[dict] = None) -> None:
    """Write atomically (temp file + rename): an interrupted save never leaves half a checkpoint."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    payload = {"format": FORMAT, "config": config, "state": state, **(extra or {})}
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        torch.save(payload, tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def load_checkpoint(path: Path) -> dict:
    path = Path(path)
    if not path.is_file():
        raise CheckpointError(f"trained checkpoint not found: {path} (make one with `python -m rrsis_qgis.train fit`)")
    try:
        payload = torch.load(str(path), map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 (torch raises many kinds for a bad file)
        raise CheckpointError(f"{path} is not a readable checkpoint: the file is damaged or was not written by "
                              f"`rrsis_qgis.train fit` ({type(exc).__name__}: {exc})") from exc
    if not isinstance(payload, dict) or payload.get("format") != FORMAT:
        raise CheckpointError(f"{path} is not an rrsis_qgis trained checkpoint (expected format {FORMAT})")
    return payload


def base_spec(config: dict, name: str) -> ModelSpec:
    """The base model spec to build around a checkpoint.

    A train-all checkpoint holds every encoder weight itself, so the base architecture is built
    without its pretrained files; a LoRA checkpoint adapts them, so they must be on disk.
    """
    spec = get_spec(config["base"])
    if config.get("train_all", False):
        spec = dataclasses.replace(spec, clip=dataclasses.replace(spec.clip, weights=None),
                                   sam2=dataclasses.replace(spec.sam2, weights=None))
    return dataclasses.replace(spec, name=name, description=f"trained on {config.get('data', '?')} from {config['base']}")


def load_trained_state(model: torch.nn.Module, state: dict, path: Path, trained_prefixes: tuple) -> None:
    """Load the checkpoint's weights: each must land somewhere, and every trained weight must be there
    (a partial checkpoint would otherwise run on random weights without a word)."""
    result = model.load_state_dict(state, strict=False)
    if result.unexpected_keys:
        raise CheckpointError(f"{path} does not match the model it describes: "
                              f"{len(result.unexpected_keys)} unknown weights, e.g. {result.unexpected_keys[0]}")
    missing = [k for k in result.missing_keys if k.startswith(trained_prefixes) or ".lora_" in k]
    if missing:
        raise CheckpointError(f"{path} is incomplete: {len(missing)} trained weights are missing, e.g. {missing[0]}")

"""Trained checkpoints: only the trained weights + the config that rebuilds the model around them."""
from __future__ import annotations

import dataclasses
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import torch

from .load_rules import LoadError, check_state, load_state_into, loading
from .specs import ModelSpec, get_spec

FORMAT = "rrsis_qgis.trained/1"
PREFIX = "trained:"


REMEDY = "use a checkpoint.pt that `python -m rrsis_qgis.train fit` wrote (train again if it is damaged)"


class CheckpointError(LoadError):
    """A trained checkpoint is missing, unreadable or not one of ours."""

    users_file = True


@contextmanager
def checkpoint_errors(path: Path) -> Iterator[None]:
    """Whatever goes wrong reading or applying ``path`` is a CheckpointError naming it (load_rules.loading)."""
    try:
        with loading(path, REMEDY):
            yield
    except CheckpointError:
        raise
    except LoadError as exc:
        raise CheckpointError(exc.problem, exc.path, exc.remedy) from exc.__cause__


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
    """The checkpoint's payload, checked: our format, named finite tensors (``check_config``: what rebuilds it)."""
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
    with checkpoint_errors(path):
        check_state(payload.get("state"), path)
    return payload


CONFIG_TYPES = {"base": str, "prompter": dict}  # what rebuilding the model reads (and train_all, lora_rank)


def check_config(config, path: Path) -> None:
    """The config a checkpoint carries has what rebuilding its model needs, with the right types."""
    if not isinstance(config, dict):
        raise CheckpointError(f"{path} has no config (a dict) describing its model", path, REMEDY)
    for key, kind in CONFIG_TYPES.items():
        if not isinstance(config.get(key), kind):
            raise CheckpointError(f"{path}: its config's '{key}' is {config.get(key)!r}, not a {kind.__name__}",
                                  path, REMEDY)
    if not isinstance(config.get("train_all", False), bool):
        raise CheckpointError(f"{path}: its config's 'train_all' is {config['train_all']!r}, not true or false",
                              path, REMEDY)
    rank = config.get("lora_rank")
    if not config.get("train_all", False) and not (isinstance(rank, int) and not isinstance(rank, bool) and rank > 0):
        raise CheckpointError(f"{path}: its config's 'lora_rank' is {rank!r}, not a positive whole number",
                              path, REMEDY)
    reason_about = config.get("reason_about", [])
    if not isinstance(config.get("ranking") or "", str) or not isinstance(reason_about, (list, tuple)) \
            or not all(isinstance(a, str) for a in reason_about):
        raise CheckpointError(f"{path}: its config's 'ranking' / 'reason_about' are not names", path, REMEDY)


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
    """Load the checkpoint's weights: each must land somewhere with its shape, and every trained weight must
    be there (a partial checkpoint would otherwise run on random weights without a word)."""
    with checkpoint_errors(path):
        load_state_into(model, state, path, required=lambda k: k.startswith(trained_prefixes) or ".lora_" in k)

"""Read a SAM 3 ``save_pretrained`` folder: config.json, the weights, the processor and tokenizer files, each checked.

Two layouts: a ``Sam3Model`` folder (model_type "sam3", keys without a prefix) and facebook/sam3's video
folder (model_type "sam3_video": the image detector's config under ``detector_config``, its weights under
``detector_model.``; the video tracker's ``tracker_*`` weights are not on the image path and are skipped).
A folder that does not fit is refused with one message naming the file and what is wrong.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict

import torch

from ..load_rules import LoadError, check_finite, check_fits
from ..trained_checkpoint import CheckpointError

MODEL_TYPES = ("sam3", "sam3_video")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
DETECTOR_PREFIX = "detector_model."
TRACKER_PREFIXES = ("tracker_model.", "tracker_neck.")
PROCESSOR_FILE = "processor_config.json"
TOKENIZER_FILES = (("tokenizer.json",), ("vocab.json", "merges.txt"))  # either is enough


class Sam3Error(CheckpointError):
    """A folder that is not a SAM 3 ``save_pretrained`` folder; the message names the file and the problem."""


@dataclass
class Sam3Folder:
    path: Path
    config: dict  # the image model's (Sam3Config) dict
    state: Dict[str, torch.Tensor]  # the image model's weights, keys as Sam3Model names them
    unused: Dict[str, str] = field(default_factory=dict)
    weights_file: str = ""


def read_folder(path: Path) -> Sam3Folder:
    """``path`` → its config and weights (fp32); raises Sam3Error saying what is missing or wrong."""
    path = Path(path)
    config = _image_config(read_config(path), path / "config.json")
    _check_processor_files(path)
    state, name = _read_weights(path)
    video = any(k.startswith(DETECTOR_PREFIX) for k in state)
    kept, unused = {}, {}
    for key, tensor in state.items():
        if key.startswith(TRACKER_PREFIXES):
            unused[key] = "SAM 3's video tracker (not on the single-image path)"
        elif video and not key.startswith(DETECTOR_PREFIX):
            unused[key] = "outside the image detector"
        else:
            kept[key[len(DETECTOR_PREFIX):] if video else key] = tensor
    return Sam3Folder(path, config, kept, unused, name)


def check_weights(model, folder: Sam3Folder) -> None:
    """Every weight of ``folder`` lands in ``model`` with its shape, and none of the model's is missing."""
    try:
        check_fits(model.state_dict(), folder.state, folder.path / folder.weights_file, model="SAM 3 (Sam3Model)")
    except LoadError as exc:
        raise Sam3Error(str(exc)) from None


def read_config(path: Path) -> dict:
    if not path.is_dir():
        raise Sam3Error(f"SAM 3 folder not found: {path} (expected a save_pretrained folder with config.json, "
                        f"model.safetensors, {PROCESSOR_FILE} and the tokenizer files)")
    file = path / "config.json"
    try:
        config = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise Sam3Error(f"{path} has no config.json: it is not a SAM 3 save_pretrained folder") from None
    except (OSError, ValueError) as exc:
        raise Sam3Error(f"{file} is not readable JSON ({exc}); download the folder again") from None
    if not isinstance(config, dict) or config.get("model_type") not in MODEL_TYPES:
        kind = config.get("model_type") if isinstance(config, dict) else type(config).__name__
        raise Sam3Error(f"{file} describes a {kind!r} model; a SAM 3 folder has model_type "
                        f"{' or '.join(map(repr, MODEL_TYPES))}")
    return config


def _image_config(config: dict, file: Path) -> dict:
    if config["model_type"] == "sam3":
        return config
    detector = config.get("detector_config")
    if not isinstance(detector, dict):
        raise Sam3Error(f"{file} is a sam3_video config without a detector_config: SAM 3's image model is not in it")
    return detector


def _check_processor_files(path: Path) -> None:
    if not (path / PROCESSOR_FILE).is_file():
        raise Sam3Error(f"{path} has no {PROCESSOR_FILE}: SAM 3's image processor settings are missing; "
                        "download the folder again")
    if not any(all((path / n).is_file() for n in files) for files in TOKENIZER_FILES):
        raise Sam3Error(f"{path} has no tokenizer (tokenizer.json, or vocab.json with merges.txt): "
                        "SAM 3's CLIP tokenizer files are missing; download the folder again")


def _read_weights(path: Path) -> tuple:
    file = next((path / n for n in WEIGHT_FILES if (path / n).is_file()), None)
    if file is None:
        raise Sam3Error(f"{path} holds no weights: expected {' or '.join(WEIGHT_FILES)}")
    state = _read_file(file)
    try:
        check_finite(state, file)
    except LoadError as exc:
        raise Sam3Error(exc.problem) from None
    return {k: v.float() if v.is_floating_point() else v for k, v in state.items()}, file.name


def _read_file(file: Path) -> dict:
    """A weights file read without running code: safetensors, or torch.load(weights_only=True)."""
    try:
        if file.suffix == ".safetensors":
            from safetensors.torch import load_file  # noqa: PLC0415

            state = load_file(str(file))
        else:
            state = torch.load(str(file), map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 (safetensors and torch raise many kinds for a damaged file)
        first = str(exc).splitlines()[0] if str(exc) else ""
        raise Sam3Error(f"{file} is not a readable weights file (truncated, damaged or not plain weights: "
                        f"{type(exc).__name__}: {first[:200]})") from None
    if not isinstance(state, dict) or not state or not all(isinstance(v, torch.Tensor) for v in state.values()):
        raise Sam3Error(f"{file} does not hold named weights")
    return state

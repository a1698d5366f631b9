"""Read a SAM 3 ``save_pretrained`` folder: config.json, the weights, the processor and tokenizer files, each checked.

Two layouts: a ``Sam3Model`` folder (model_type "sam3", keys without a prefix) and facebook/sam3's video
folder (model_type "sam3_video": the image detector's config under ``detector_config``, its weights under
``detector_model.``; the video tracker's ``tracker_*`` weights are not on the image path and are skipped).
A folder that does not fit is refused with one message naming the file and what is wrong.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict

import torch

from .. import hf_folder
from ..load_rules import LoadError, check_fits
from ..trained_checkpoint import CheckpointError

MODEL_TYPES = ("sam3", "sam3_video")
WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")
DETECTOR_PREFIX = "detector_model."
TRACKER_PREFIXES = ("tracker_model.", "tracker_neck.")
PROCESSOR_FILE = "processor_config.json"
FOLDER = hf_folder.FolderKind(
    "SAM 3 folder", "a SAM 3 save_pretrained folder",
    f"a save_pretrained folder with config.json, model.safetensors, {PROCESSOR_FILE} and the tokenizer files",
    f"a SAM 3 folder has model_type {' or '.join(map(repr, MODEL_TYPES))}", "the folder")
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
    return hf_folder.read_config(path, FOLDER, MODEL_TYPES, Sam3Error)


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
    return hf_folder.read_weights([file], Sam3Error), file.name

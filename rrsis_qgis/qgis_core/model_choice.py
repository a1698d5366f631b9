"""The backend's model setting as text: a named preset, or ``<family>:<absolute checkpoint path>``.

Families with a checkpoint file: ``trained:`` (ours, from `train fit`), ``rsrefseg2:`` (an RSRefSeg 2
release .pth, or a folder holding it with its tokenizer) and ``rs2sam2:`` (an RS2-SAM 2 release folder).
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication

PRESETS = ("default", "remote-sensing", "remote-sensing-large", "quality", "rsrefseg2-rrsisd", "rsrefseg2-refsegrs",
           "rsrefseg2-risbench", "rs2sam2-rrsisd", "rs2sam2-refsegrs", "sam3", "tiny-random", "full-random")
TRAINED = "trained:"
RSREFSEG2 = "rsrefseg2:"
RS2SAM2 = "rs2sam2:"
FAMILIES = (TRAINED, RSREFSEG2, RS2SAM2)


def trained_model(path: str, family: str = TRAINED) -> str:
    """The model setting for a checkpoint file (``~`` expanded; the path is kept as given otherwise)."""
    return family + os.path.expanduser(path.strip())


def family_of(model: str) -> str:
    """The checkpoint family prefix of a setting (``trained:``, ``rsrefseg2:``, ``rs2sam2:``), empty for a preset."""
    return next((f for f in FAMILIES if model.startswith(f)), "")


def checkpoint_of(model: str) -> str:
    """The checkpoint path of a family setting; empty for a preset."""
    family = family_of(model)
    return model[len(family):] if family else ""


def is_trained(model: str) -> bool:
    """A setting that names a checkpoint file (any family) rather than a preset."""
    return bool(family_of(model))


def short_name(model: str) -> str:
    """What a badge shows: ``<family>:<file name>`` for a checkpoint, the preset's name otherwise."""
    if not is_trained(model):
        return model
    return family_of(model) + (os.path.basename(checkpoint_of(model).rstrip("/\\")) or "?")


def checkpoint_problem(model: str) -> Optional[str]:
    """Why a checkpoint setting cannot be loaded (a sentence naming the file), or None when it can.

    Presets are the backend's business: they are never a problem here. An RSRefSeg 2 setting may name
    the release's folder too (the .pth with its tokenizer files).
    """
    if not is_trained(model):
        return None
    path = checkpoint_of(model)
    family = family_of(model)
    if not path.strip():
        return {RSREFSEG2: QCoreApplication.translate("ModelChoice", "choose the RSRefSeg 2 checkpoint file (.pth)"),
                RS2SAM2: QCoreApplication.translate("ModelChoice", "choose the RS2-SAM 2 release folder")}.get(
            family, QCoreApplication.translate("ModelChoice", "choose the trained checkpoint file (.pt)"))
    if not os.path.isabs(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint path must be a full path: {}").format(path)
    if not os.path.exists(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint file does not exist: {}").format(path)
    if family == RS2SAM2:
        folder = path if os.path.isdir(path) else os.path.dirname(path)  # the folder, or a file in it
        if not os.path.isfile(os.path.join(folder, "config.json")):
            return QCoreApplication.translate(
                "ModelChoice", "{} is not an RS2-SAM 2 release folder (it has no config.json)").format(path)
        return None
    if family == RSREFSEG2 and os.path.isdir(path):
        return None
    if not os.path.isfile(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint is not a file: {}").format(path)
    if not os.access(path, os.R_OK):
        return QCoreApplication.translate("ModelChoice", "the checkpoint file cannot be read: {}").format(path)
    best = os.path.join(os.path.dirname(path), "checkpoint.pt")
    if os.path.basename(path) == "last.pt" and os.path.isfile(best):
        return QCoreApplication.translate(
            "ModelChoice", "{} is the training's resume file (last epoch + optimizer state, for `train fit` to "
            "continue), not a trained checkpoint: use {} instead").format(path, best)
    return None

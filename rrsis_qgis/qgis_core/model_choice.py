"""The backend's model setting as text: a named preset, or ``<family>:<absolute checkpoint path>``.

Families with a checkpoint file: ``trained:`` (ours, from `train fit`), ``rsrefseg2:`` (an RSRefSeg 2
release .pth, or a folder holding it with its tokenizer); folder families: ``rs2sam2:`` (an RS2-SAM 2 release
folder) and ``sam3:`` (a SAM 3 save_pretrained folder).
"""
from __future__ import annotations

import os
from typing import Optional

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from .model_folders import RS2SAM2_FOLDER, SAM3_FOLDER, folder_problem

PRESETS = ("default", "remote-sensing", "remote-sensing-large", "quality", "rsrefseg2-rrsisd", "rsrefseg2-refsegrs",
           "rsrefseg2-risbench", "rs2sam2-rrsisd", "rs2sam2-refsegrs", "sam3", "tiny-random", "full-random")
TRAINED = "trained:"
RSREFSEG2 = "rsrefseg2:"
RS2SAM2 = "rs2sam2:"
SAM3 = "sam3:"
FAMILIES = (TRAINED, RSREFSEG2, RS2SAM2, SAM3)
FOLDER_RULES = {RS2SAM2: RS2SAM2_FOLDER, SAM3: SAM3_FOLDER}  # families whose checkpoint is a model folder


def trained_model(path: str, family: str = TRAINED) -> str:
    """The model setting for a checkpoint file (``~`` expanded; the path is kept as given otherwise)."""
    return family + os.path.expanduser(path.strip())


def family_of(model: str) -> str:
    """The checkpoint family prefix of a setting (``trained:``, ``rsrefseg2:``, …), empty for a preset."""
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
    folder_rule = FOLDER_RULES.get(family)
    if not path.strip():
        choose = folder_rule.choose if folder_rule else {
            RSREFSEG2: QT_TRANSLATE_NOOP("ModelChoice", "choose the RSRefSeg 2 checkpoint file (.pth)")}.get(
            family, QT_TRANSLATE_NOOP("ModelChoice", "choose the trained checkpoint file (.pt)"))
        return QCoreApplication.translate("ModelChoice", choose)
    if not os.path.isabs(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint path must be a full path: {}").format(path)
    if not os.path.exists(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint file does not exist: {}").format(path)
    if folder_rule:
        return folder_problem(path, folder_rule)
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

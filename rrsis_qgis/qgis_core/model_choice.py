"""The backend's model setting as text: a named preset, or ``trained:<absolute checkpoint path>``."""
from __future__ import annotations

import os
from typing import Optional

from qgis.PyQt.QtCore import QCoreApplication

PRESETS = ("default", "remote-sensing", "remote-sensing-large", "quality", "tiny-random", "full-random")
TRAINED = "trained:"


def trained_model(path: str) -> str:
    """The model setting for a checkpoint file (``~`` expanded; the path is kept as given otherwise)."""
    return TRAINED + os.path.expanduser(path.strip())


def checkpoint_of(model: str) -> str:
    """The checkpoint path of a ``trained:`` setting; empty for a preset."""
    return model[len(TRAINED):] if is_trained(model) else ""


def is_trained(model: str) -> bool:
    return model.startswith(TRAINED)


def short_name(model: str) -> str:
    """What a badge shows: ``trained:<file name>`` for a checkpoint, the preset's name otherwise."""
    if not is_trained(model):
        return model
    return TRAINED + (os.path.basename(checkpoint_of(model).rstrip("/\\")) or "?")


def checkpoint_problem(model: str) -> Optional[str]:
    """Why a ``trained:`` setting cannot be loaded (a sentence naming the file), or None when it can.

    Presets are the backend's business: they are never a problem here.
    """
    if not is_trained(model):
        return None
    path = checkpoint_of(model)
    if not path.strip():
        return QCoreApplication.translate("ModelChoice", "choose the trained checkpoint file (.pt)")
    if not os.path.isabs(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint path must be a full path: {}").format(path)
    if not os.path.exists(path):
        return QCoreApplication.translate("ModelChoice", "the checkpoint file does not exist: {}").format(path)
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

"""What the plugin checks of a model folder (RS2-SAM 2, SAM 3) before the backend is started on it.

Only the files and config.json's model_type, read with json: the weights are the backend's to read (torch never
enters QGIS's Python), so these lists follow the backend's readers (engine/rs2sam2, engine/sam3 checkpoint.py).
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Optional, Tuple

from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

@dataclass(frozen=True)
class FolderRule:
    """A family's folder: messages are source texts (QT_TRANSLATE_NOOP), translated when shown."""

    choose: str  # nothing chosen yet
    no_config: str  # "{path} is not … (it has no config.json)"
    wrong_type: str  # "{config.json} describes a {model_type} model: …"
    model_types: Tuple[str, ...]
    needs: tuple = ()  # (alternatives, "{folder} has no …"): one alternative (all its files present) is enough


RS2SAM2_FOLDER = FolderRule(
    QT_TRANSLATE_NOOP("ModelChoice", "choose the RS2-SAM 2 release folder"),
    QT_TRANSLATE_NOOP("ModelChoice", "{} is not an RS2-SAM 2 release folder (it has no config.json)"),
    QT_TRANSLATE_NOOP("ModelChoice", "{} describes a \"{}\" model: an RS2-SAM 2 release has model_type \"evf\""),
    ("evf",))
SAM3_FOLDER = FolderRule(
    QT_TRANSLATE_NOOP("ModelChoice", "choose the SAM 3 folder"),
    QT_TRANSLATE_NOOP("ModelChoice", "{} is not a SAM 3 folder (it has no config.json)"),
    QT_TRANSLATE_NOOP("ModelChoice", "{} describes a \"{}\" model: a SAM 3 folder has model_type \"sam3\" or "
                                     "\"sam3_video\""),
    ("sam3", "sam3_video"),
    (((("model.safetensors",), ("pytorch_model.bin",)),
      QT_TRANSLATE_NOOP("ModelChoice", "{} has no weights (model.safetensors or pytorch_model.bin)")),
     ((("processor_config.json",),),
      QT_TRANSLATE_NOOP("ModelChoice", "{} has no processor_config.json (SAM 3's image processor settings): "
                                       "download the folder again")),
     ((("tokenizer.json",), ("vocab.json", "merges.txt")),
      QT_TRANSLATE_NOOP("ModelChoice", "{} has no tokenizer (tokenizer.json, or vocab.json with merges.txt): "
                                       "download the folder again"))))


def _tr(source: str) -> str:
    return QCoreApplication.translate("ModelChoice", source)


def folder_problem(path: str, rule: FolderRule) -> Optional[str]:
    """Why ``path`` (the folder, or a file in it) is not a folder of ``rule``'s family, or None when it is."""
    folder = path if os.path.isdir(path) else os.path.dirname(path)
    config = os.path.join(folder, "config.json")
    if not os.path.isfile(config):
        return _tr(rule.no_config).format(path)
    try:
        with open(config, encoding="utf-8") as f:
            settings = json.load(f)
    except (OSError, ValueError) as exc:
        return QCoreApplication.translate("ModelChoice", "{} is not readable JSON ({})").format(config, exc)
    model_type = settings.get("model_type") if isinstance(settings, dict) else None
    if model_type not in rule.model_types:
        return _tr(rule.wrong_type).format(config, model_type)
    for alternatives, missing in rule.needs:
        if not any(all(os.path.isfile(os.path.join(folder, name)) for name in files) for files in alternatives):
            return _tr(missing).format(folder)
    return None

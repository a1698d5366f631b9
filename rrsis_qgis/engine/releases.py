"""The seeds' released checkpoints as named presets (configs/releases.json): which manifest files make each one."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

from .weights import default_models_dir, resolve_weights


@dataclass(frozen=True)
class Release:
    name: str
    family: str  # the package in engine/ that runs it (rsrefseg2, …)
    checkpoint: str  # manifest key of the weights file
    extra: tuple  # manifest keys of the files it needs besides (tokenizer, …)
    description: str
    trained_on: str

    @property
    def weight_keys(self) -> tuple:
        return (self.checkpoint, *self.extra)


def load_releases() -> dict:
    raw = json.loads(resources.files("rrsis_qgis.engine.configs").joinpath("releases.json").read_text())
    return {name: Release(name=name, family=e["family"], checkpoint=e["checkpoint"], extra=tuple(e.get("extra", ())),
                          description=e["description"], trained_on=e["trained_on"])
            for name, e in raw.items() if not name.startswith("_")}


def release_files(release: Release, models_dir: Optional[Path] = None) -> dict:
    """Manifest key → path of each file of ``release``; raises MissingWeightsError naming what to download."""
    return resolve_weights(release.weight_keys, Path(models_dir) if models_dir else default_models_dir())

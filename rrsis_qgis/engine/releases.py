"""The seeds' released checkpoints as named presets (configs/releases.json): which manifest files make each one."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

from .specs import RANDOM_SUFFIX
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


def random_base(name: str) -> Optional[str]:
    """The release a ``<release>-random`` name builds with random weights (benchmarks, tests), else None."""
    base = name[: -len(RANDOM_SUFFIX)] if name.endswith(RANDOM_SUFFIX) else None
    return base if base in load_releases() else None


def is_family(name: str, family: str) -> bool:
    """``name`` is ``<family>:PATH``, a release of ``family``, or one of those releases with random weights."""
    release = load_releases().get(random_base(name) or name)
    return name.startswith(f"{family}:") or (release is not None and release.family == family)


def load_releases() -> dict:
    raw = json.loads(resources.files("rrsis_qgis.engine.configs").joinpath("releases.json").read_text())
    return {name: Release(name=name, family=e["family"], checkpoint=e["checkpoint"], extra=tuple(e.get("extra", ())),
                          description=e["description"], trained_on=e["trained_on"])
            for name, e in raw.items() if not name.startswith("_")}


def release_files(release: Release, models_dir: Optional[Path] = None) -> dict:
    """Manifest key → path of each file of ``release``; raises MissingWeightsError naming what to download."""
    return resolve_weights(release.weight_keys, Path(models_dir) if models_dir else default_models_dir())


def locate_folder(name: str, prefix: str, kind: str, models_dir: Optional[Path] = None) -> tuple:
    """(the name the backend reports, the folder, a description) for a family whose model is a folder: a release
    preset (MissingWeightsError naming what to download) or ``<prefix>FOLDER`` (a file inside it means its folder)."""
    release = load_releases().get(name)
    if release is not None:
        files = release_files(release, models_dir)
        return name, files[release.checkpoint].parent, f"{release.description}; trained on {release.trained_on}"
    folder = Path(name[len(prefix):]).expanduser()
    if folder.is_file():
        folder = folder.parent
    return f"{prefix}{folder.resolve()}", folder, f"{kind} {folder.name}"

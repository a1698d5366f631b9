"""Where checkpoints live, what the manifest says about them, and the error when one is missing."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Optional

MODELS_DIR_ENV = "RRSIS_MODELS_DIR"
MANIFEST_ENV = "RRSIS_WEIGHTS_MANIFEST"  # a manifest of one's own (an internal mirror's URLs) instead of ours


@dataclass(frozen=True)
class WeightsEntry:
    key: str
    file: str
    url: str
    size: Optional[int]
    sha256: Optional[str]
    license: str = ""
    unverified: str = ""  # why size or sha256 is not pinned (the manifest must say, never leave it silent)


class MissingWeightsError(FileNotFoundError):
    """A real checkpoint is not in the models folder; the message says what to fetch and where."""

    def __init__(self, entries: list, models_dir: Path):
        self.entries, self.models_dir = entries, models_dir
        lines = [f"Model weights are missing from the models folder {models_dir}:"]
        for e in entries:
            lines.append(f"  - {e.file}  (download: {e.url})")
        lines.append("Download them with:  python -m rrsis_qgis download --models-dir " + str(models_dir)
                     + "   (in the repository: make download)")
        lines.append("or fetch each URL by hand and put the file in that folder (the name must match).")
        lines.append("To try the pipeline without weights, use --model tiny-random (random weights, "
                     "meaningless masks).")
        super().__init__("\n".join(lines))


def load_manifest() -> dict:
    """The packaged weights_manifest.json, or the file $RRSIS_WEIGHTS_MANIFEST names (same format)."""
    override = os.environ.get(MANIFEST_ENV)
    if override:
        try:
            text = Path(override).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise ValueError(f"cannot read the weights manifest ${MANIFEST_ENV}={override}: {exc.strerror}") from None
    else:
        text = resources.files("rrsis_qgis.engine.configs").joinpath("weights_manifest.json").read_text()
    raw = json.loads(text)
    return {k: WeightsEntry(key=k, **v) for k, v in raw.items() if not k.startswith("_")}


def default_models_dir() -> Path:
    """$RRSIS_MODELS_DIR, else $XDG_CACHE_HOME/rrsis_qgis/models (~/.cache/rrsis_qgis/models)."""
    if os.environ.get(MODELS_DIR_ENV):
        return Path(os.environ[MODELS_DIR_ENV]).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "rrsis_qgis" / "models"


def resolve_weights(keys, models_dir: Optional[Path] = None) -> dict:
    """Manifest key → existing checkpoint path; raises MissingWeightsError naming every missing file."""
    models_dir = Path(models_dir) if models_dir else default_models_dir()
    manifest = load_manifest()
    found, missing = {}, []
    for key in keys:
        entry = manifest[key]
        path = models_dir / entry.file
        if path.is_file() and (entry.size is None or path.stat().st_size == entry.size):
            found[key] = path
        else:
            missing.append(entry)
    if missing:
        raise MissingWeightsError(missing, models_dir)
    return found

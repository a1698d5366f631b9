"""Model specs as data: configs/models.json → typed, frozen dataclasses (no branching on names elsewhere)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Optional

CONFIG_PACKAGE = "rrsis_qgis.engine.configs"


@dataclass(frozen=True)
class ClipSpec:
    arch: str  # an open_clip model name, or a config file name in engine/configs/ (without .json)
    weights: Optional[str]  # a weights-manifest key; None = random init
    quick_gelu: bool  # OpenAI checkpoints were trained with QuickGELU
    input_size: int  # long side of the image fed to the dense-feature pass


@dataclass(frozen=True)
class Sam2Spec:
    config: str  # sam2 Hydra config name
    weights: Optional[str]
    image_size: int
    overrides: tuple = ()


@dataclass(frozen=True)
class ModelSpec:
    name: str
    description: str
    clip: ClipSpec
    sam2: Sam2Spec

    @property
    def random_weights(self) -> bool:
        return self.clip.weights is None and self.sam2.weights is None

    @property
    def weight_keys(self) -> tuple:
        return tuple(k for k in (self.clip.weights, self.sam2.weights) if k)


def load_specs() -> dict:
    """All model specs by name."""
    raw = json.loads(resources.files(CONFIG_PACKAGE).joinpath("models.json").read_text())
    specs = {}
    for name, entry in raw.items():
        if name.startswith("_"):
            continue
        sam2 = dict(entry["sam2"], overrides=tuple(entry["sam2"].get("overrides", ())))
        specs[name] = ModelSpec(name, entry.get("description", ""), ClipSpec(**entry["clip"]), Sam2Spec(**sam2))
    return specs


def get_spec(name: str) -> ModelSpec:
    specs = load_specs()
    if name not in specs:
        raise KeyError(f"unknown model {name!r}; known: {', '.join(sorted(specs))}")
    return specs[name]


def custom_clip_config(arch: str) -> Optional[dict]:
    """The open_clip config shipped in engine/configs/ for ``arch``, or None for built-in names."""
    path = resources.files(CONFIG_PACKAGE).joinpath(f"{arch}.json")
    return json.loads(path.read_text()) if path.is_file() else None

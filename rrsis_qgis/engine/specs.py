"""Model specs as data: configs/models.json → typed, frozen dataclasses (no branching on names elsewhere)."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from importlib import resources
from typing import Optional

CONFIG_PACKAGE = "rrsis_qgis.engine.configs"


@dataclass(frozen=True)
class ClipSpec:
    arch: str  # an open_clip model name, or a config file name in engine/configs/ (without .json)
    weights: Optional[str]  # a weights-manifest key; None = random init
    quick_gelu: bool  # OpenAI checkpoints were trained with QuickGELU
    input_size: int  # long side of the image fed to the dense-feature pass
    # Input normalisation of the checkpoint; None = open_clip's default (OpenAI's mean/std). SigLIP uses 0.5/0.5.
    mean: Optional[tuple] = None
    std: Optional[tuple] = None


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
    # Zero-shot "nothing here": results whose absolute text–region score is below this are dropped (an empty
    # result says so). None until calibrated on the real weights; random weights never have one.
    min_score: Optional[float] = None

    @property
    def random_weights(self) -> bool:
        return self.clip.weights is None and self.sam2.weights is None

    @property
    def weight_keys(self) -> tuple:
        return tuple(k for k in (self.clip.weights, self.sam2.weights) if k)


RANDOM_SUFFIX = "-random"


def load_specs() -> dict:
    """All model specs by name (the ones models.json names; see ``get_spec`` for ``<name>-random``)."""
    raw = json.loads(resources.files(CONFIG_PACKAGE).joinpath("models.json").read_text())
    specs = {}
    for name, entry in raw.items():
        if name.startswith("_"):
            continue
        sam2 = dict(entry["sam2"], overrides=tuple(entry["sam2"].get("overrides", ())))
        clip = {k: tuple(v) if isinstance(v, list) else v for k, v in entry["clip"].items()}
        specs[name] = ModelSpec(name, entry.get("description", ""), ClipSpec(**clip), Sam2Spec(**sam2),
                                entry.get("min_score"))
    return specs


def get_spec(name: str) -> ModelSpec:
    """A spec of models.json, or ``<name>-random``: that spec's architectures with random weights.

    The random variant computes exactly what the real one does (latency and memory do not depend on
    the weight values), so every preset can be benchmarked on a machine without its checkpoints.
    Names models.json defines itself (``full-random``, ``tiny-random``) come first.
    """
    specs = load_specs()
    if name in specs:
        return specs[name]
    base = name[: -len(RANDOM_SUFFIX)] if name.endswith(RANDOM_SUFFIX) else None
    if base in specs:
        return random_variant(specs[base], name)
    raise KeyError(f"unknown model {name!r}; known: {', '.join(sorted(specs))} "
                   f"(and <name>{RANDOM_SUFFIX} for any of them: random weights)")


def random_variant(spec: ModelSpec, name: str) -> ModelSpec:
    """``spec`` with random weights for both models, named ``name``."""
    return replace(spec, name=name, description=f"{spec.description} — random weights (benchmarks, tests)",
                   clip=replace(spec.clip, weights=None), sam2=replace(spec.sam2, weights=None), min_score=None)


def custom_clip_config(arch: str) -> Optional[dict]:
    """The open_clip config shipped in engine/configs/ for ``arch``, or None for built-in names."""
    path = resources.files(CONFIG_PACKAGE).joinpath(f"{arch}.json")
    return json.loads(path.read_text()) if path.is_file() else None

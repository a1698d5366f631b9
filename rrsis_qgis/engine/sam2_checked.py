"""SAM 2 from a checkpoint under the loaders' rules: the file is read and checked before sam2's builder loads it."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

import torch

from .load_rules import LoadError, check_fits, describe, read_state
from .sam2_adapter import Sam2Refiner
from .specs import Sam2Spec


def checked_refiner(spec: Sam2Spec, device: torch.device, checkpoint: Optional[Path] = None) -> Sam2Refiner:
    """``Sam2Refiner(spec, device, checkpoint)``; a bad checkpoint raises LoadError saying what is wrong with it.

    sam2's builder reads the file weights-only but reports a misfit as a bare ``RuntimeError()`` (the key
    names go to its log), so the file is read first (weights-only, named tensors, finite) and, if the build
    fails, the misfit is named against a model built without it.
    """
    if checkpoint is None:
        return Sam2Refiner(spec, device)
    state = read_state(checkpoint, inner="model")
    try:
        refiner = Sam2Refiner(spec, device, checkpoint)
    except Exception as exc:  # noqa: BLE001 (sam2/Hydra/torch each raise their own kinds)
        # Random weights, only names and shapes matter; it fails the same way if the config is at fault, not the file.
        check_fits(Sam2Refiner(spec, device).model.state_dict(), state, checkpoint)  # the LoadError naming the misfit
        raise LoadError(describe(exc, checkpoint), checkpoint) from exc
    check_fits(refiner.model.state_dict(), state, checkpoint)  # sam2 casts integer weights to float without a word
    return refiner

"""SAM 2.1 refinement through the `sam2` package: one image encoding, many prompt decodings."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import List, Optional

import numpy as np
import torch

from .prompts import Prompts
from .specs import Sam2Spec


@dataclass
class Refined:
    mask: np.ndarray  # H×W bool, view size
    iou: float  # SAM's predicted IoU of the chosen mask
    low_res_logits: np.ndarray  # 1×S×S


class Sam2Refiner:
    """SAM2ImagePredictor around a model built from a :class:`Sam2Spec` (random or checkpoint weights)."""

    def __init__(self, spec: Sam2Spec, device: torch.device, checkpoint: Optional[Path] = None):
        from sam2.build_sam import build_sam2  # noqa: PLC0415 (importing sam2 initialises Hydra)
        from sam2.sam2_image_predictor import SAM2ImagePredictor  # noqa: PLC0415

        model = build_sam2(spec.config, str(checkpoint) if checkpoint else None, device=str(device),
                           hydra_overrides_extra=list(spec.overrides), apply_postprocessing=False)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)  # sam2 scripts its transforms with torch.jit
            self.predictor = SAM2ImagePredictor(model)
        side = spec.image_size
        # The predictor hard-codes the feature sizes of a 1024-px model.
        self.predictor._bb_feat_sizes = [(side // 4, side // 4), (side // 8, side // 8), (side // 16, side // 16)]
        self.mask_side = side // 4

    def set_image(self, rgb: np.ndarray) -> None:
        """Run the image encoder (the expensive part) once for a view."""
        with torch.inference_mode():
            self.predictor.set_image(rgb)

    def image_state(self) -> tuple:
        """The encoder's output for the current view, to cache and hand back with ``restore``."""
        return self.predictor._features, list(self.predictor._orig_hw)

    def restore(self, state: tuple) -> None:
        """Make a cached view current without running the encoder (sam2 1.1.0 predictor state)."""
        p = self.predictor
        p._features, p._orig_hw = state[0], list(state[1])
        p._is_image_set, p._is_batch = True, False

    def refine(self, prompts: Prompts, use_mask_prompt: bool = False, second_pass: bool = True) -> Refined:
        """Best of SAM's multimask outputs by predicted IoU; optionally re-decoded with itself as dense prompt.

        With ``use_mask_prompt`` the prompts' ``mask_logits`` go in as the dense prompt and SAM gives one
        mask (its refinement convention).
        """
        dense = prompts.mask_logits if use_mask_prompt else None
        mask, iou, logits = self._best(prompts, dense)
        if second_pass:
            mask, iou, logits = self._best(prompts, logits)
        return Refined(mask=mask > 0, iou=iou, low_res_logits=logits)

    def _best(self, prompts: Prompts, dense: Optional[np.ndarray]) -> tuple:
        has_points = prompts.points is not None and len(prompts.points) > 0
        with torch.inference_mode():
            masks, ious, low = self.predictor.predict(
                point_coords=prompts.points if has_points else None,
                point_labels=prompts.labels if has_points else None,
                box=prompts.box, mask_input=dense, multimask_output=dense is None)
        best = int(np.argmax(ious))
        return masks[best], float(ious[best]), low[best:best + 1]

    def refine_batch(self, batch: List[Prompts]) -> List[Refined]:
        """One decoder call for many candidates (same number of points each): best of 3 by predicted IoU."""
        if not batch:
            return []
        has_points = batch[0].points is not None and len(batch[0].points) > 0
        points = np.stack([p.points for p in batch]) if has_points else None
        labels = np.stack([p.labels for p in batch]) if has_points else None
        boxes = np.stack([p.box for p in batch]) if all(p.box is not None for p in batch) else None
        with torch.inference_mode():
            masks, ious, low = self.predictor.predict(point_coords=points, point_labels=labels, box=boxes,
                                                      multimask_output=True)
        n = len(batch)
        masks = masks.reshape(n, -1, *masks.shape[-2:])
        ious, low = ious.reshape(n, -1), low.reshape(n, -1, *low.shape[-2:])
        best = ious.argmax(axis=1)
        return [Refined(masks[i, b] > 0, float(ious[i, b]), low[i, b:b + 1]) for i, b in enumerate(best)]

"""SAM 2.1 refinement through the `sam2` package: one image encoding, many prompt decodings."""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

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
        """Best of SAM's multimask outputs by predicted IoU; optionally re-decoded with itself as dense prompt."""
        p = self.predictor
        dense = prompts.mask_logits if use_mask_prompt else None
        has_points = prompts.points is not None and len(prompts.points) > 0
        points = prompts.points if has_points else None
        labels = prompts.labels if has_points else None
        with torch.inference_mode():
            masks, ious, low = p.predict(point_coords=points, point_labels=labels,
                                         box=prompts.box, mask_input=dense, multimask_output=True)
            best = int(np.argmax(ious))
            mask, iou, logits = masks[best], float(ious[best]), low[best:best + 1]
            if second_pass:
                masks2, ious2, low2 = p.predict(point_coords=points, point_labels=labels,
                                                box=prompts.box, mask_input=logits, multimask_output=False)
                mask, iou, logits = masks2[0], float(ious2[0]), low2[:1]
        return Refined(mask=mask > 0, iou=iou, low_res_logits=logits)

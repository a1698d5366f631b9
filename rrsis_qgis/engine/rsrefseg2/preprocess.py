"""The official test pipeline's geometry: keep-ratio resize to 1024 (mmcv + cv2), zero padding, and back.

mmcv ``Resize(scale=(1024, 1024), keep_ratio=True)``: factor 1024 / long side, new size ``int(x·f + 0.5)``,
cv2 INTER_LINEAR (no antialias). mmseg's data preprocessor scales to [0, 1] and pads bottom/right with 0 to
1024². The mask logits go 256² → 1024² → the padding cropped → the view size (bilinear, align_corners=False),
and a pixel is the object where sigmoid(logit) > 0.5. A small model of the same layout may use a smaller canvas
(``side``; twice its SigLIP input, as 1024 is for the release's 512).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F

CANVAS = 1024
THRESHOLD = 0.5  # decode_head.threshold, on sigmoid probabilities


@dataclass(frozen=True)
class Letterbox:
    view_hw: tuple  # the view (ori_shape)
    resized_hw: tuple  # after the keep-ratio resize (img_shape)
    factor: float  # canvas pixels per view pixel
    side: int = CANVAS  # the square canvas

    @classmethod
    def of(cls, hw: tuple, side: int = CANVAS) -> "Letterbox":
        h, w = hw
        factor = min(side / max(h, w), side / min(h, w))
        return cls((h, w), (int(h * factor + 0.5), int(w * factor + 0.5)), factor, side)


def canvas(image: np.ndarray, side: int = CANVAS) -> tuple:
    """H×W×3 uint8 RGB → (1×3×side×side float in [0, 1], zero-padded bottom/right; its Letterbox)."""
    import cv2  # noqa: PLC0415 (the backend's only cv2 use: the authors' resize)

    box = Letterbox.of(image.shape[:2], side)
    h, w = box.resized_hw
    resized = cv2.resize(np.ascontiguousarray(image), (w, h), interpolation=cv2.INTER_LINEAR)
    x = torch.from_numpy(np.ascontiguousarray(resized)).permute(2, 0, 1).float() / 255.0
    return F.pad(x, (0, side - w, 0, side - h), value=0.0)[None], box


def logits_to_view(low_res: torch.Tensor, box: Letterbox) -> torch.Tensor:
    """B×1×256×256 logits → B×1×H×W logits at the view's size (the official resize chain)."""
    x = F.interpolate(low_res, size=(box.side, box.side), mode="bilinear", align_corners=False)
    h, w = box.resized_hw
    x = x[:, :, :h, :w]
    return F.interpolate(x, size=tuple(box.view_hw), mode="bilinear", align_corners=False)


def foreground(view_logits: torch.Tensor) -> torch.Tensor:
    """The official decision: sigmoid > 0.5 (the same as logit > 0 except within float rounding of 0)."""
    return view_logits.sigmoid() > THRESHOLD

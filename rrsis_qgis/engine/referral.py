"""What a referring strategy receives (one view, one phrase) and returns (masks, scores, heatmap, why)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, List, Optional

import numpy as np
import torch

from .phrase import parse


@dataclass
class ReferJob:
    phrase: str
    hw: tuple
    valid: np.ndarray  # H×W bool
    top_k: int
    image_features: torch.Tensor  # the strategy's own image features (cached with the SAM 2 state)
    decoder: Any  # the SAM 2 adapter, with this view's encoder output current
    stage: Any  # stage timer: ``with stage("name"):``
    points: Optional[np.ndarray] = None  # N×3 (x, y, label) in view pixels
    boxes: Optional[np.ndarray] = None  # M×4 in view pixels
    reasoning: bool = True

    def click_prompts(self) -> Optional[tuple]:
        """The user's clicks and first box as SAM point prompts in view pixels: (N×2 float32 xy, N int64
        labels; a box is two corners labelled 2 and 3), or None when there are none."""
        coords, labels = [], []
        if self.points is not None and len(self.points):
            pts = np.asarray(self.points, np.float32).reshape(-1, 3)
            coords.append(pts[:, :2])
            labels.append(pts[:, 2].astype(np.int64))
        if self.boxes is not None and len(self.boxes):
            coords.append(np.asarray(self.boxes, np.float32).reshape(-1, 2, 2)[0])
            labels.append(np.array([2, 3], np.int64))
        return (np.concatenate(coords), np.concatenate(labels)) if coords else None


@dataclass
class Referral:
    masks: List[np.ndarray]  # H×W bool, best first
    scores: List[float]
    heatmap: np.ndarray  # H×W float32 in [0, 1]
    query: dict  # the parsed phrase
    candidates: List[dict]  # every candidate: bbox, score, per-term scores
    prompts: list = field(default_factory=list)  # the zero-shot path's SAM prompts of the results

    def mask_terms(self) -> List[dict]:
        """Each mask's per-term scores (the "why"): the candidates come best first, like the masks."""
        terms = [c.get("terms", {}) for c in self.candidates[:len(self.masks)]]
        return terms + [{}] * (len(self.masks) - len(terms))


def single_mask_referral(mask: np.ndarray, heat: np.ndarray, score: float, phrase: str) -> Referral:
    """The referral of a model that gives one mask (or none) and its predicted IoU: the released families."""
    found = bool(mask.any())
    return Referral(masks=[mask] if found else [], scores=[score] if found else [], heatmap=heat,
                    query=parse(phrase).as_dict(),
                    candidates=[{"bbox": mask_bbox(mask), "score": score, "terms": {"sam_iou": score},
                                 "refined": True}] if found else [])


def mask_bbox(mask: np.ndarray) -> list:
    """[x0, y0, x1, y1] of a mask in pixels (exclusive max); zeros for an empty mask."""
    if not mask.any():
        return [0.0, 0.0, 0.0, 0.0]
    rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    return [float(cols[0]), float(rows[0]), float(cols[-1] + 1), float(rows[-1] + 1)]

"""Candidates (masks with a model's confidence) ranked by the phrase's geometry: shared by the zero-shot and SAM 3 paths."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Sequence

import numpy as np

from .phrase import Query
from .reasoner import Instance, rank

REASONING_SIDE = 256


@dataclass
class Choice:
    index: int
    score: float
    terms: dict


def rank_masks(query: Query, masks: List[np.ndarray], activations: Sequence[float], attributes: Sequence[float],
               landmarks: List[np.ndarray]) -> List[Choice]:
    """Candidates best first; the geometry runs on masks shrunk to ≤ REASONING_SIDE px (it is in fractions)."""
    instances = [Instance(m, act, a) for m, act, a in zip(shrink(masks), activations, attributes)]
    return [Choice(r.index, r.score, r.terms) for r in rank(instances, query, shrink(landmarks))]


def shrink(masks: List[np.ndarray]) -> List[np.ndarray]:
    """Block-max downsampling: a thin road or a small tank never disappears."""
    if not masks:
        return []
    factor = int(np.ceil(max(masks[0].shape) / REASONING_SIDE))
    if factor <= 1:
        return list(masks)
    stack = np.stack(masks)
    n, h, w = stack.shape
    padded = np.zeros((n, -(-h // factor) * factor, -(-w // factor) * factor), bool)  # ceil: edge blocks kept
    padded[:, :h, :w] = stack
    blocks = padded.reshape(n, padded.shape[1] // factor, factor, padded.shape[2] // factor, factor)
    return list(blocks.any(axis=(2, 4)))


def keep_found(best: List[Choice], masks: List[np.ndarray], absolute: List[float],
               min_score: Optional[float]) -> tuple:
    """Tag each result with its absolute score; drop those under ``min_score`` (none left = not found here)."""
    for choice, score in zip(best, absolute):
        choice.terms["absolute"] = round(float(score), 4)
    if min_score is None:
        return best, masks
    kept = [i for i, score in enumerate(absolute) if score >= min_score]
    return [best[i] for i in kept], [masks[i] for i in kept]

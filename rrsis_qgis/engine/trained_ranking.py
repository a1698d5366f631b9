"""From the trained model's probability map to the referred mask: directly, or instances ranked by geometry.

``direct`` thresholds the map (the network alone decides, as in RSRefSeg 2). ``reasoned`` splits the
map into instances (connected regions above a low threshold) and lets the phrase parser's geometry
(position, order, size, relation) rank them, with the network's confidence as the activation term.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np
from scipy import ndimage

from .phrase import Query
from .reasoner import Instance, rank

RANKINGS = ("direct", "reasoned")
MASK_THRESHOLD = 0.5
CANDIDATE_THRESHOLD = 0.25  # an instance is any region the network gives at least this probability
MIN_INSTANCE_PX = 12
MAX_INSTANCES = 12


@dataclass
class Pick:
    mask: np.ndarray
    score: float
    terms: dict
    bbox_mask: np.ndarray  # the candidate region (for the candidates list)


def is_geometric(query: Optional[Query]) -> bool:
    return bool(query and (query.position or query.relation or query.superlative or query.ordinal))


def pick(prob: np.ndarray, query: Optional[Query], top_k: int = 1, ranking: str = "reasoned",
         landmarks: Optional[List[np.ndarray]] = None, candidate_threshold: float = CANDIDATE_THRESHOLD) -> List[Pick]:
    """H×W probabilities → up to ``top_k`` masks, best first, each with its score and per-term scores."""
    if ranking not in RANKINGS:
        raise ValueError(f"ranking must be one of {RANKINGS}, got {ranking!r}")
    regions = instances(prob, candidate_threshold)
    if ranking == "direct" or not is_geometric(query) or len(regions) < 2:
        mask = prob > MASK_THRESHOLD
        score = float(prob[mask].mean()) if mask.any() else float(prob.max(initial=0.0))
        picks = [Pick(mask, score, {"activation": round(score, 4)}, mask)]
        if top_k > 1:  # further instances of what the network sees, strongest first
            picks += [_pick(prob, r, {"activation": round(_confidence(prob, r), 4)}, _confidence(prob, r))
                      for r in sorted(regions, key=lambda r: -_confidence(prob, r)) if not (r & mask).any()]
        return picks[:top_k]
    ranked = rank([Instance(r, activation=_confidence(prob, r)) for r in regions], query, landmarks or [])
    return [_pick(prob, regions[r.index], r.terms, r.score) for r in ranked[:top_k]]


def instances(prob: np.ndarray, threshold: float = CANDIDATE_THRESHOLD) -> List[np.ndarray]:
    """Connected regions of the map above ``threshold`` (8-connected), the strongest MAX_INSTANCES."""
    labels, n = ndimage.label(prob >= threshold, structure=np.ones((3, 3), bool))
    if n == 0:
        return []
    sizes = ndimage.sum_labels(np.ones_like(prob), labels, index=np.arange(1, n + 1))
    peaks = ndimage.maximum(prob, labels, index=np.arange(1, n + 1))
    keep = [i + 1 for i in np.argsort(-np.asarray(peaks)) if sizes[i] >= MIN_INSTANCE_PX][:MAX_INSTANCES]
    return [labels == i for i in keep]


def _confidence(prob: np.ndarray, region: np.ndarray) -> float:
    return float(prob[region].max()) if region.any() else 0.0


def _pick(prob: np.ndarray, region: np.ndarray, terms: dict, score: float) -> Pick:
    """The instance's mask: its confident core when it has one, else the whole region."""
    core = region & (prob > MASK_THRESHOLD)
    return Pick(core if core.any() else region, float(score), terms, region)

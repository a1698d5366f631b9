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
from .reasoner import Instance, landmark_names, rank

RANKINGS = ("direct", "reasoned")
# What a parsed phrase asks of the geometry, in the order that decides a phrase's aspect; "none"
# (no geometry: "the red ship") may still be answered with one instance rather than the whole map.
GEOMETRIC = ("relation", "superlative", "ordinal", "position")
ASPECTS = GEOMETRIC + ("none",)
MASK_THRESHOLD = 0.5
CANDIDATE_THRESHOLD = 0.25  # an instance is any region the network gives at least this probability
INSTANCE_SHARE = 0.5  # an instance's mask: its pixels above this share of its peak probability
MIN_INSTANCE_PX = 12
MAX_INSTANCES = 12


@dataclass
class Pick:
    mask: np.ndarray
    score: float
    terms: dict
    bbox_mask: np.ndarray  # the candidate region (for the candidates list)


SPATIAL_WORDS = {"left", "right", "top", "bottom", "upper", "lower", "middle", "center", "centre", "towards",
                 "toward", "section", "most", "side", "north", "south", "east", "west", "closest", "furthest",
                 "farthest", "nearest"}


def category_phrase(query: Query) -> str:
    """The phrase for every instance of the target ("the left-most ship" → "the ship"): candidates to rank."""
    words = [w for w in query.target.split() if w not in SPATIAL_WORDS]
    return "the " + " ".join(words or query.target.split())


def helper_phrases(query: Query) -> tuple:
    """What else the network is asked for a geometric phrase: (the category phrase, ["the <landmark>", …])."""
    return category_phrase(query), [f"the {name}" for name in landmark_names(query)]


def aspect_of(query: Optional[Query]) -> Optional[str]:
    """The geometric aspect a phrase asks about ("relation", "superlative", …), or None."""
    if query is None:
        return None
    return next((a for a in GEOMETRIC if getattr(query, a)), None)


def is_geometric(query: Optional[Query]) -> bool:
    return aspect_of(query) is not None


def pick(prob: np.ndarray, query: Optional[Query], top_k: int = 1, ranking: str = "reasoned",
         landmarks: Optional[List[np.ndarray]] = None, candidate_threshold: float = CANDIDATE_THRESHOLD,
         reason_about: tuple = ASPECTS, category: Optional[np.ndarray] = None) -> List[Pick]:
    """H×W probabilities → up to ``top_k`` masks, best first, each with its score and per-term scores.

    ``reason_about``: the aspects (see ASPECTS) for which instances are ranked — by the phrase's
    geometry, or for "none" by confidence alone — instead of thresholding the whole map; chosen
    on the validation split when the checkpoint was made. ``category``: the network's map for
    :func:`category_phrase` — every instance of the target — whose instances are the candidates
    (else the phrase's own map's); the phrase's map gives each candidate its activation.
    """
    if ranking not in RANKINGS:
        raise ValueError(f"ranking must be one of {RANKINGS}, got {ranking!r}")
    regions = instances(prob if category is None else np.maximum(category, prob), candidate_threshold)
    if ranking == "direct" or query is None or (aspect_of(query) or "none") not in reason_about or len(regions) < 2:
        mask = prob > MASK_THRESHOLD
        score = float(prob[mask].mean()) if mask.any() else float(prob.max(initial=0.0))
        picks = [Pick(mask, score, {"activation": round(score, 4)}, mask)]
        if top_k > 1:  # further instances of what the network sees, strongest first
            picks += [_pick(prob, r, {"activation": round(_confidence(prob, r), 4)}, _confidence(prob, r))
                      for r in sorted(regions, key=lambda r: -_confidence(prob, r)) if not (r & mask).any()]
        return picks[:top_k]
    if category is None:
        candidates = [Instance(r, activation=_confidence(prob, r)) for r in regions]
    else:  # membership of the target class from the category map; the phrase's own preference as "attribute"
        candidates = [Instance(r, activation=_confidence(category, r), attribute=_confidence(prob, r)) for r in regions]
    ranked = rank(candidates, query, landmarks or [])
    shape_of = prob if category is None else np.maximum(category, prob)
    return [_pick(shape_of, regions[r.index], r.terms, r.score) for r in ranked[:top_k]]


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
    """The instance's mask: the region's pixels above half its own peak (a faint instance keeps its full extent)."""
    core = region & (prob >= INSTANCE_SHARE * _confidence(prob, region))
    return Pick(core if core.any() else region, float(score), terms, region)

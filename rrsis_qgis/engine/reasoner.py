"""Rank candidate instances for a parsed phrase: activation, attributes and the geometry of
position / relation / superlative / ordinal. numpy + scipy only; image axes (north = up)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import List, Optional, Sequence

import numpy as np
from scipy import ndimage

from .phrase import Query

W_ACTIVATION, W_ATTRIBUTE, W_GEOMETRY = 0.35, 0.15, 1.0
W_SIZE = 0.15
W_DECISIVE = 2.0  # superlatives and ordinals name exactly one instance
TARGET_SHARE = 0.6  # "the largest tank" compares tanks: candidates within 60 % of the best activation
SIGMOID_GAIN = 12.0
# Positions as annotators use them: an image third is a band. "middle-right" = inside the right band, vertically
# near the middle (not at x = 1); "top-right" / "right" = inside the band(s), the nearer the edge the better.
BAND = 1.0 / 3.0
POSITION_BAND = 0.25  # "the largest tank in the bottom-left": the superlative among those that fit the position
CORNERS = {("top", "left"): (0.0, 0.0), ("top", "right"): (1.0, 0.0), ("bottom", "left"): (0.0, 1.0),
           ("bottom", "right"): (1.0, 1.0)}
ANCHORS = {"top-left": (0, 0), "top": (None, 0), "top-right": (1, 0), "left": (0, None), "center": (0.5, 0.5),
           "right": (1, None), "bottom-left": (0, 1), "bottom": (None, 1), "bottom-right": (1, 1),
           "middle-left": (0, 0.5), "middle-right": (1, 0.5), "top-middle": (0.5, 0), "bottom-middle": (0.5, 1)}
EDGE_WORDS = {"top": "top", "upper": "top", "north": "top", "bottom": "bottom", "lower": "bottom", "south": "bottom",
              "left": "left", "west": "left", "right": "right", "east": "right", "center": "center",
              "centre": "center", "middle": "center"}
FRAME_MARGIN = 0.1  # a candidate this far (in frame widths) outside the frame's box still counts as in it
PART_SHARE = 0.15  # "the tip of the pier": the outer 15 % of the landmark along its long axis, at both ends
EDGE_SHARE = 0.02  # "the edge of the forest": a ring 2 % of the image side wide along the landmark's outline
SPECK_SHARE = 0.05  # landmark pieces under 5 % of the largest are noise, not instances to compare
DIAGONAL = float(np.sqrt(0.5))
RELATION_SIDES = {"left_of": (-1, 0), "right_of": (1, 0), "above": (0, -1), "below": (0, 1),
                  "north_of": (0, -1), "south_of": (0, 1), "east_of": (1, 0), "west_of": (-1, 0),
                  **{f"{v}_{h}_of": (sx * DIAGONAL, sy * DIAGONAL)  # "to the upper left of": both sides at once
                     for v, sy in (("north", -1), ("south", 1)) for h, sx in (("east", 1), ("west", -1))}}


@dataclass
class Instance:
    """A candidate object: its mask and what the models said about it."""

    mask: np.ndarray  # H×W bool
    activation: float = 0.5  # mean target activation inside the mask, [0, 1]
    attribute: float = 0.5  # agreement with the phrase's attributes, [0, 1] (0.5 = no attributes)
    centre: tuple = field(init=False)  # (x, y) as fractions of width / height
    area: float = field(init=False)  # fraction of the image

    def __post_init__(self):
        h, w = self.mask.shape
        rows, cols = np.nonzero(self.mask)
        self.area = rows.size / float(h * w)
        self.centre = ((cols.mean() + 0.5) / w, (rows.mean() + 0.5) / h) if rows.size else (0.5, 0.5)


@dataclass
class Ranked:
    index: int
    score: float
    terms: dict


def rank(candidates: Sequence[Instance], query: Query, landmarks: Optional[List[np.ndarray]] = None) -> List[Ranked]:
    """Candidates best first, each with its per-term scores (the "why" shown to the user)."""
    if not candidates:
        return []
    terms = [{"activation": c.activation, "attribute": c.attribute} for c in candidates]
    landmarks, frame = _roles(query, landmarks)
    geometry = np.zeros(len(candidates))
    weight = 0.0
    members = _target_members(candidates)
    pool = members
    if query.position:
        scores = _tag(terms, "position", _positions(candidates, query.position, frame))
        geometry += W_GEOMETRY * scores
        weight += W_GEOMETRY
        best = max(scores[i] for i in members)
        pool = [i for i in members if scores[i] >= best - POSITION_BAND]
    if query.relation and query.landmark_is_target and len(members) > 1:
        scores = [_relation(c, query.relation, _others(candidates, members, i)) if i in members else 0.0
                  for i, c in enumerate(candidates)]
        geometry += W_GEOMETRY * _tag(terms, "relation", scores)
        weight += W_GEOMETRY
    elif query.relation and landmarks and not query.landmark_is_target:
        scores = [_relation(c, query.relation, landmarks) for c in candidates]
        geometry += W_GEOMETRY * _tag(terms, "relation", scores)
        weight += W_GEOMETRY
    if {"large", "big", "huge", "giant"} & set(query.attributes) and query.superlative is None and len(members) > 1:
        # "the large vehicle" among vehicles leans to the larger ones; "small vehicle" is how annotators name the
        # category (DOTA's small-vehicle), so "small" says nothing about size among the candidates
        keys = [-candidates[i].area for i in members]
        geometry += W_SIZE * _tag(terms, "size", _among(members, _rank_scores(keys), len(candidates)))
        weight += W_SIZE
    if query.superlative:
        scores = _among(pool, _superlative([candidates[i] for i in pool], query.superlative,
                                           query.superlative_ref, landmarks), len(candidates))
        if scores is not None:
            geometry += W_DECISIVE * _tag(terms, "superlative", scores)
            weight += W_DECISIVE
    if query.ordinal and query.ordinal_from:
        scores = _ordinal([candidates[i] for i in members], query.ordinal, query.ordinal_from)
        geometry += W_DECISIVE * _tag(terms, "ordinal", _among(members, scores, len(candidates)))
        weight += W_DECISIVE
    base = np.array([W_ACTIVATION * c.activation + W_ATTRIBUTE * c.attribute for c in candidates])
    total = (base + geometry) / (W_ACTIVATION + W_ATTRIBUTE + weight)
    order = np.argsort(-total, kind="stable")
    return [Ranked(int(i), float(total[i]), {k: round(float(v), 4) for k, v in terms[i].items()}) for i in order]


def landmark_names(query: Query) -> List[str]:
    """Reference objects to find, in the order ``rank`` reads their masks: relation landmarks (or what "closest
    to" refers to, if not an image edge), then the frame of a position ("the upper part of the dock")."""
    names: List[str] = []
    if query.relation and query.landmark and not query.landmark_is_target:
        names = list(query.landmark) if isinstance(query.landmark, list) else [query.landmark]
    elif query.superlative in ("closest_to", "farthest_from") and query.superlative_ref and \
            edge_of(query.superlative_ref) is None:
        names = [query.superlative_ref]
    return names + ([query.frame] if query.frame else [])


def _roles(query: Query, masks: Optional[List[np.ndarray]]) -> tuple:
    """The landmark masks as ``rank`` uses them (the landmark's own pick and part applied) and the frame's mask
    (None: the image is the frame, also when the caller found no frame)."""
    masks = list(masks or [])
    frame = None
    if query.frame and masks and len(masks) == len(landmark_names(query)):
        frame = masks.pop()
        frame = frame if frame.any() else None
    if masks and len(masks) == 1:
        if query.landmark_superlative:
            masks[0] = _pick_piece(masks[0], query.landmark_superlative)
        if query.landmark_part:
            masks[0] = _part(masks[0], query.landmark_part)
    return _Landmarks(masks), frame


def _pick_piece(mask: np.ndarray, kind: str) -> np.ndarray:
    """"The larger pond": of the landmark mask's separate pieces, the one the superlative names."""
    labels, n = ndimage.label(mask)
    if n < 2:
        return mask
    pieces = [Instance(labels == k) for k in range(1, n + 1)]
    biggest = max(p.area for p in pieces)
    pieces = [p for p in pieces if p.area >= SPECK_SHARE * biggest]
    corner = "-" in kind  # "the bottom-right dock": the piece nearest that corner
    scores = _superlative(pieces, "closest_to" if corner else kind, f"{kind.replace('-', ' ')} corner" if corner else None, None)
    return pieces[int(np.argmax(scores))].mask if scores is not None else mask


def _part(mask: np.ndarray, part: str) -> np.ndarray:
    """The named part of a landmark: "end" = both ends along its long axis, "edge" = a ring along its outline."""
    if not mask.any():
        return mask
    if part == "edge":
        width = max(1, int(round(EDGE_SHARE * max(mask.shape))))
        return mask & ~ndimage.binary_erosion(mask, iterations=width)
    rows, cols = np.nonzero(mask)
    points = np.stack([cols, rows], axis=1).astype(float)
    points -= points.mean(axis=0)
    axis = np.linalg.svd(points, full_matrices=False)[2][0] if len(points) > 1 else np.array([1.0, 0.0])
    along = points @ axis
    low, high = along.min(), along.max()
    cut = PART_SHARE * (high - low)
    out = np.zeros_like(mask)
    ends = (along <= low + cut) | (along >= high - cut)
    out[rows[ends], cols[ends]] = True
    return out


def _others(candidates: Sequence[Instance], members: List[int], i: int) -> "_Landmarks":
    """"Next to the other one": the landmark of candidate i is every other instance of the target."""
    others = [candidates[j].mask for j in members if j != i and _iou(candidates[j].mask, candidates[i].mask) <= 0.5]
    return _Landmarks([np.logical_or.reduce(others)] if others else [])


def _target_members(candidates: Sequence[Instance]) -> List[int]:
    """Indices of the candidates that look like the target category (by activation)."""
    best = max(c.activation for c in candidates)
    return [i for i, c in enumerate(candidates) if c.activation >= TARGET_SHARE * best]


def _among(members: List[int], scores, n: int):
    """Scores computed for the members, spread back to all candidates (0 for the others)."""
    if scores is None:
        return None
    out = np.zeros(n)
    out[members] = scores
    return out


def _tag(terms: list, name: str, scores) -> np.ndarray:
    scores = np.asarray(scores, dtype=float)
    for t, s in zip(terms, scores):
        t[name] = s
    return scores


def _positions(candidates: Sequence[Instance], position: str, frame: Optional[np.ndarray] = None) -> np.ndarray:
    """Fit of each candidate to a position in the image (or in the frame object's box), averaged over the named
    axes, in [0, 1]; outside the frame's box the fit falls off."""
    anchors = ANCHORS[position]
    toward_edge = 0.5 not in anchors  # corners and single edges; in "middle-right" the edge axis only needs the band
    parts = []
    centres = np.array([c.centre for c in candidates])
    inside = np.ones(len(candidates))
    if frame is not None:
        rows, cols = np.nonzero(frame)
        h, w = frame.shape
        low = np.array([cols.min() / w, rows.min() / h])
        size = np.maximum(np.array([(cols.max() + 1) / w, (rows.max() + 1) / h]) - low, 1e-6)
        centres = (centres - low) / size
        outside = np.max(np.clip(np.abs(centres - 0.5) - 0.5 - FRAME_MARGIN, 0.0, None), axis=1)
        inside = np.exp(-outside / FRAME_MARGIN)
        centres = np.clip(centres, 0.0, 1.0)
    for axis, anchor in enumerate(anchors):
        if anchor is None:
            continue
        coords = centres[:, axis]
        if anchor == 0.5:
            parts.append(np.clip(1.0 - 2.0 * np.abs(coords - 0.5), 0.0, 1.0))
            continue
        outside = np.clip(coords - BAND, 0.0, None) if anchor == 0 else np.clip(1.0 - BAND - coords, 0.0, None)
        band = np.clip(1.0 - 1.5 * outside, 0.0, 1.0)
        nearness = 1.0 - np.abs(coords - anchor)
        parts.append(0.5 * band + 0.5 * nearness if toward_edge else band)
    return np.mean(parts, axis=0) * inside


def _relation(c: Instance, relation: str, landmarks: "_Landmarks") -> float:
    lm = [Instance(m) for m in landmarks.masks if m.any()]
    if not lm or _iou(c.mask, landmarks.masks[0]) > 0.5:
        return 0.0  # no landmark found, or the candidate is the landmark itself
    if relation in RELATION_SIDES:
        sx, sy = RELATION_SIDES[relation]
        offset = (c.centre[0] - lm[0].centre[0]) * sx + (c.centre[1] - lm[0].centre[1]) * sy
        side = 1.0 / (1.0 + np.exp(-SIGMOID_GAIN * offset))
        return float(0.8 * side + 0.2 * _closeness(c.mask, landmarks))  # of several, the nearer
    if relation in ("near", "next_to"):
        return _closeness(c.mask, landmarks)
    if relation == "far_from":
        return 1.0 - _closeness(c.mask, landmarks)
    if relation in ("inside", "on"):
        return _overlap(c.mask, landmarks.distance(0) <= 2)  # the landmark grown by 2 px
    if relation == "between":
        a, b = lm[0].centre, (lm[1] if len(lm) > 1 else lm[0]).centre
        return _between(c.centre, a, b)
    return 0.5


def _superlative(cands: Sequence[Instance], kind: str, ref: Optional[str], landmarks) -> Optional[np.ndarray]:
    keys = {"largest": [-c.area for c in cands], "smallest": [c.area for c in cands],
            "leftmost": [c.centre[0] for c in cands], "rightmost": [-c.centre[0] for c in cands],
            "topmost": [c.centre[1] for c in cands], "bottommost": [-c.centre[1] for c in cands]}
    if kind in keys:
        return _rank_scores(keys[kind])
    edge = edge_of(ref)
    if edge is not None:
        distance = [_edge_distance(c, edge) for c in cands]
    elif landmarks:
        distance = [1.0 - _closeness(c.mask, landmarks) for c in cands]
    else:
        return None
    return _rank_scores(distance if kind == "closest_to" else [-d for d in distance])


def _ordinal(cands: Sequence[Instance], ordinal: int, side: str) -> np.ndarray:
    axis = {"left": [c.centre[0] for c in cands], "right": [-c.centre[0] for c in cands],
            "top": [c.centre[1] for c in cands], "bottom": [-c.centre[1] for c in cands]}[side]
    order = np.argsort(axis, kind="stable")
    position = np.empty(len(cands))
    position[order] = np.arange(len(cands))
    return np.clip(1.0 - np.abs(position - (ordinal - 1)) / max(1, len(cands)), 0.0, 1.0)


def _rank_scores(keys) -> np.ndarray:
    """1 for the smallest key, falling linearly with rank; equal keys share a score (ties stay ties)."""
    keys = np.asarray(keys, dtype=float)
    ranks = np.array([np.sum(keys < k - 1e-9) for k in keys])
    return 1.0 - ranks / max(1, len(keys))


def edge_of(ref: Optional[str]) -> Optional[str]:
    """'top edge', 'the left side', 'center' → an image edge name; None for an object ("the road")."""
    if not ref:
        return None
    words = ref.split()
    if any(w in ("edge", "side", "border", "corner", "center", "centre", "middle") for w in words) or \
            set(words) <= set(EDGE_WORDS) | {"image", "of", "the"}:
        named = [EDGE_WORDS[w] for w in words if w in EDGE_WORDS]
        vertical = next((w for w in named if w in ("top", "bottom")), None)
        horizontal = next((w for w in named if w in ("left", "right")), None)
        if vertical and horizontal:
            return f"{vertical}-{horizontal}"  # "the top left corner" is a point, not an edge
        return named[0] if named else None
    return None


def _edge_distance(c: Instance, edge: str) -> float:
    x, y = c.centre
    if "-" in edge:
        cx, cy = CORNERS[tuple(edge.split("-"))]
        return float(np.hypot(x - cx, y - cy))
    return {"top": y, "bottom": 1 - y, "left": x, "right": 1 - x, "center": float(np.hypot(x - 0.5, y - 0.5))}[edge]


class _Landmarks:
    """The landmark masks of one query, with each distance map computed once (not once per candidate)."""

    def __init__(self, masks: Optional[List[np.ndarray]]):
        self.masks = list(masks or [])
        self._distance: dict = {}

    def __bool__(self):
        return bool(self.masks)

    def distance(self, i: int = 0) -> np.ndarray:
        if i not in self._distance:
            self._distance[i] = ndimage.distance_transform_edt(~self.masks[i])
        return self._distance[i]


def _closeness(mask: np.ndarray, landmarks: "_Landmarks") -> float:
    """exp(−gap / (10 % of the diagonal)), gap = shortest distance between the mask and the landmark in px."""
    if not landmarks.masks[0].any() or not mask.any():
        return 0.0
    gap = float(landmarks.distance(0)[mask].min())
    return float(np.exp(-gap / (0.1 * np.hypot(*mask.shape))))


def _iou(a: np.ndarray, b: np.ndarray) -> float:
    return float((a & b).sum() / max(1, (a | b).sum()))


def _overlap(mask: np.ndarray, other: np.ndarray) -> float:
    return float((mask & other).sum() / max(1, mask.sum()))


def _between(p, a, b) -> float:
    ab = np.subtract(b, a)
    length2 = float(ab @ ab)
    if length2 < 1e-9:
        return float(np.exp(-np.hypot(*np.subtract(p, a)) / 0.1))
    t = float(np.subtract(p, a) @ ab / length2)
    perpendicular = abs(ab[0] * (p[1] - a[1]) - ab[1] * (p[0] - a[0])) / np.sqrt(length2)
    inside = 1.0 - min(1.0, abs(t - 0.5) * 2) ** 4  # flat inside the segment, falling at its ends
    return float(inside * np.exp(-perpendicular / 0.1))

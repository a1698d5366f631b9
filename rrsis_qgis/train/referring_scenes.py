"""Synthetic referring scenes with one known answer per phrase, and oracle activations (no model).

Each sample: instance masks (targets + distractors), landmark masks, a phrase of a given type whose
referent is unambiguous by construction, and the index of that referent. Used to test and measure
the reasoner without any model in the loop.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List

import numpy as np

SIZE = 256
POSITION_ANCHORS = {"top-left": (0.12, 0.12), "top": (0.5, 0.1), "top-right": (0.88, 0.12), "left": (0.1, 0.5),
                    "center": (0.5, 0.5), "right": (0.9, 0.5), "bottom-left": (0.12, 0.88), "bottom": (0.5, 0.9),
                    "bottom-right": (0.88, 0.88)}
POSITION_WORDS = {"top-left": "in the top left corner", "top": "at the top of the image",
                  "top-right": "in the upper right", "left": "on the left side of the image",
                  "center": "in the middle of the image", "right": "on the right side", "bottom-left":
                  "at the bottom-left of the image", "bottom": "at the bottom", "bottom-right": "in the lower right corner"}
SIDE_RELATIONS = {"left_of": ("left of", -1, 0), "right_of": ("to the right of", 1, 0), "above": ("above", 0, -1),
                  "below": ("below", 0, 1), "north_of": ("north of", 0, -1), "south_of": ("south of", 0, 1),
                  "east_of": ("east of", 1, 0), "west_of": ("west of", -1, 0)}
SUPERLATIVES = ["largest", "smallest", "leftmost", "rightmost", "topmost", "bottommost"]
ORDINAL_WORDS = {1: "first", 2: "second", 3: "third"}


@dataclass
class Sample:
    kind: str  # position | relation | superlative | ordinal
    subtype: str
    phrase: str
    masks: List[np.ndarray]  # candidate instances (targets then distractors, shuffled)
    activations: List[float]  # oracle target activation per candidate
    landmarks: List[np.ndarray]
    answer: int


def disc(cx: float, cy: float, r: float, size: int = SIZE) -> np.ndarray:
    yy, xx = np.mgrid[0:size, 0:size]
    return (xx - cx) ** 2 + (yy - cy) ** 2 <= r * r


def generate(n: int, seed: int = 0) -> List[Sample]:
    """``n`` samples cycling through every phrase type."""
    rng = np.random.default_rng(seed)
    makers = ([lambda r, p=p: _position(r, p) for p in POSITION_ANCHORS]
              + [lambda r, k=k: _side_relation(r, k) for k in SIDE_RELATIONS]
              + [_near, _far, _between, _inside]
              + [lambda r, s=s: _superlative(r, s) for s in SUPERLATIVES]
              + [_closest_edge, _closest_landmark]
              + [lambda r, o=o, s=s: _ordinal(r, o, s) for o in (1, 2, 3) for s in ("left", "right", "top", "bottom")])
    return [makers[i % len(makers)](rng) for i in range(n)]


def _finish(rng, kind, subtype, phrase, targets, answer, landmarks=(), distractors=2) -> Sample:
    masks = list(targets)
    taken = targets + list(landmarks)
    for _ in range(distractors):
        masks.append(_free_disc(rng, taken, 8, 14))
        taken.append(masks[-1])
    acts = [float(np.clip(0.85 + rng.normal(0, 0.05), 0, 1)) for _ in targets]
    acts += [float(np.clip(0.2 + rng.normal(0, 0.05), 0, 1)) for _ in range(distractors)]
    order = rng.permutation(len(masks))
    return Sample(kind, subtype, phrase, [masks[i] for i in order], [acts[i] for i in order], list(landmarks),
                  int(np.nonzero(order == answer)[0][0]))


def _free_disc(rng, taken, rmin, rmax, box=(0.08, 0.92, 0.08, 0.92), tries=200) -> np.ndarray:
    for _ in range(tries):
        r = rng.uniform(rmin, rmax)
        cx, cy = rng.uniform(box[0], box[1]) * SIZE, rng.uniform(box[2], box[3]) * SIZE
        m = disc(cx, cy, r)
        if not any((m & t).any() for t in taken):
            return m
    return disc(rng.uniform(0.1, 0.9) * SIZE, rng.uniform(0.1, 0.9) * SIZE, rmin)


def _position(rng, position) -> Sample:
    ax, ay = POSITION_ANCHORS[position]
    answer = disc(ax * SIZE + rng.normal(0, 4), ay * SIZE + rng.normal(0, 4), rng.uniform(9, 14))
    # the others keep away from the anchor's band (and from the centre of a side for edge positions)
    others = []
    for _ in range(2):
        others.append(_free_disc(rng, [answer] + others + [disc(ax * SIZE, ay * SIZE, 0.45 * SIZE)], 9, 14))
    return _finish(rng, "position", position, f"the storage tank {POSITION_WORDS[position]}", [answer] + others, 0)


def _side_relation(rng, relation) -> Sample:
    words, sx, sy = SIDE_RELATIONS[relation]
    vertical = sx != 0
    road = np.zeros((SIZE, SIZE), bool)
    if vertical:
        road[:, SIZE // 2 - 8:SIZE // 2 + 8] = True
    else:
        road[SIZE // 2 - 8:SIZE // 2 + 8, :] = True
    side_box = {(-1, 0): (0.05, 0.4, 0.1, 0.9), (1, 0): (0.6, 0.95, 0.1, 0.9), (0, -1): (0.1, 0.9, 0.05, 0.4),
                (0, 1): (0.1, 0.9, 0.6, 0.95)}
    answer = _free_disc(rng, [road], 9, 14, side_box[(sx, sy)])
    others = [_free_disc(rng, [road, answer], 9, 14, side_box[(-sx, -sy)])]
    others.append(_free_disc(rng, [road, answer] + others, 9, 14, side_box[(-sx, -sy)]))
    return _finish(rng, "relation", relation, f"the storage tank {words} the road", [answer] + others, 0, [road])


def _lake(rng):
    return disc(rng.uniform(0.35, 0.65) * SIZE, rng.uniform(0.35, 0.65) * SIZE, rng.uniform(20, 28))


def _near(rng) -> Sample:
    lake = _lake(rng)
    ring = disc(*_centre(lake), _radius(lake) + 22) & ~lake
    answer = _free_disc_within(rng, ring, [lake], 8, 11)
    far = [_free_disc(rng, [lake, answer, disc(*_centre(lake), _radius(lake) + 70)], 9, 13)]
    far.append(_free_disc(rng, [lake, answer, disc(*_centre(lake), _radius(lake) + 70)] + far, 9, 13))
    return _finish(rng, "relation", "near", "the storage tank next to the lake", [answer] + far, 0, [lake])


def _far(rng) -> Sample:
    lake = disc(0.3 * SIZE, 0.3 * SIZE, 22)
    answer = disc(0.88 * SIZE, 0.88 * SIZE, 11)
    near = [_free_disc_within(rng, disc(0.3 * SIZE, 0.3 * SIZE, 55) & ~lake, [lake, answer], 8, 10)]
    near.append(_free_disc_within(rng, disc(0.3 * SIZE, 0.3 * SIZE, 60) & ~lake, [lake, answer] + near, 8, 10))
    return _finish(rng, "relation", "far_from", "the storage tank far from the lake", [answer] + near, 0, [lake])


def _between(rng) -> Sample:
    y = rng.uniform(0.3, 0.7) * SIZE
    a, b = disc(0.15 * SIZE, y, 14), disc(0.85 * SIZE, y, 14)
    answer = disc(0.5 * SIZE + rng.normal(0, 6), y + rng.normal(0, 4), 10)
    others = [_free_disc(rng, [a, b, answer, _band(y, 50)], 9, 13), None]
    others[1] = _free_disc(rng, [a, b, answer, others[0], _band(y, 50)], 9, 13)
    return _finish(rng, "relation", "between", "the storage tank between the two buildings", [answer] + others, 0,
                   [a, b])


def _inside(rng) -> Sample:
    yard = np.zeros((SIZE, SIZE), bool)
    x0, y0 = int(rng.uniform(0.1, 0.4) * SIZE), int(rng.uniform(0.1, 0.4) * SIZE)
    yard[y0:y0 + 90, x0:x0 + 90] = True
    answer = disc(x0 + 45 + rng.normal(0, 8), y0 + 45 + rng.normal(0, 8), 10)
    others = [_free_disc(rng, [yard, answer], 9, 13)]
    others.append(_free_disc(rng, [yard, answer] + others, 9, 13))
    return _finish(rng, "relation", "inside", "the storage tank inside the courtyard", [answer] + others, 0, [yard])


def _superlative(rng, kind) -> Sample:
    masks = []
    for _ in range(3):
        masks.append(_free_disc(rng, masks, 8, 12))
    if kind in ("largest", "smallest"):
        r = 20 if kind == "largest" else 5
        answer = _free_disc(rng, masks, r, r)
        masks = [answer] + masks
    else:
        key = {"leftmost": lambda m: _centre(m)[0], "rightmost": lambda m: -_centre(m)[0],
               "topmost": lambda m: _centre(m)[1], "bottommost": lambda m: -_centre(m)[1]}[kind]
        masks.sort(key=key)
        if abs(key(masks[0]) - key(masks[1])) < 10:  # make the extreme unambiguous
            return _superlative(rng, kind)
    return _finish(rng, "superlative", kind, f"the {kind} storage tank", masks, 0)


def _closest_edge(rng) -> Sample:
    sample = _superlative(rng, "topmost")
    sample.subtype, sample.phrase = "closest_to_edge", "the storage tank closest to the top edge"
    return sample


def _closest_landmark(rng) -> Sample:
    lake = _lake(rng)
    answer = _free_disc_within(rng, disc(*_centre(lake), _radius(lake) + 20) & ~lake, [lake], 8, 10)
    others = [_free_disc(rng, [lake, answer, disc(*_centre(lake), _radius(lake) + 60)], 8, 12)]
    others.append(_free_disc(rng, [lake, answer, disc(*_centre(lake), _radius(lake) + 60)] + others, 8, 12))
    return _finish(rng, "superlative", "closest_to_landmark", "the storage tank nearest to the lake",
                   [answer] + others, 0, [lake])


def _ordinal(rng, ordinal: int, side: str) -> Sample:
    axis = 0 if side in ("left", "right") else 1
    coords = np.sort(rng.choice(np.arange(0.12, 0.9, 0.13), size=4, replace=False)) * SIZE
    masks = []
    for c in coords:
        other = rng.uniform(0.15, 0.85) * SIZE
        masks.append(disc(c, other, 9) if axis == 0 else disc(other, c, 9))
    if side in ("right", "bottom"):
        masks = masks[::-1]
    answer = masks[ordinal - 1]
    rest = [m for i, m in enumerate(masks) if i != ordinal - 1]
    return _finish(rng, "ordinal", f"{ORDINAL_WORDS[ordinal]}_from_{side}",
                   f"the {ORDINAL_WORDS[ordinal]} storage tank from the {side}", [answer] + rest, 0, distractors=1)


def _free_disc_within(rng, region, taken, rmin, rmax, tries=300) -> np.ndarray:
    rows, cols = np.nonzero(region)
    for _ in range(tries):
        i = rng.integers(len(rows))
        m = disc(cols[i], rows[i], rng.uniform(rmin, rmax))
        if (m & ~region).sum() < 0.5 * m.sum() and not any((m & t).any() for t in taken):
            return m
    return disc(cols[0], rows[0], rmin)


def _band(y, half):
    """A horizontal band around ``y``: distractors kept out of it are not between the two buildings."""
    band = np.zeros((SIZE, SIZE), bool)
    band[int(max(0, y - half)):int(y + half), :] = True
    return band


def _centre(mask):
    rows, cols = np.nonzero(mask)
    return cols.mean(), rows.mean()


def _radius(mask):
    return float(np.sqrt(mask.sum() / np.pi))

"""Zero-shot referring steps around the reasoner: which texts to encode, landmarks, attribute scores."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import torch
import torch.nn.functional as F

from .activation import activation_map
from .phrase import Query
from .prompts import find_peaks, prompts_for_peak
from .reasoner import Instance, edge_of, rank

MAX_CANDIDATES = 8
PLAIN_CANDIDATES = 4
REASONING_SIDE = 256
SHORTLIST = 3  # candidates cut by SAM after the coarse ranking on activation regions
ATTRIBUTE_GAIN = 20.0


@dataclass
class Choice:
    index: int
    score: float
    terms: dict


def encode_texts(clip, query: Optional[Query], phrase: str) -> dict:
    """Text features needed: the target (with its attributes), the bare target, each landmark."""
    if query is None:
        return {"target": clip.text_features(phrase), "landmarks": []}
    target = " ".join(query.attributes + [query.target])
    texts = {"target": clip.text_features(target), "landmarks": []}
    if query.attributes:
        texts["plain"] = clip.text_features(query.target)
    names = landmark_names(query)
    cache = {}
    for name in names:
        if name not in cache:
            cache[name] = clip.text_features(name)
        texts["landmarks"].append((name, cache[name]))
    return texts


def landmark_names(query: Query) -> List[str]:
    """Reference objects to find: relation landmarks, or what "closest to" refers to (if not an edge)."""
    if query.relation and query.landmark:
        return list(query.landmark) if isinstance(query.landmark, list) else [query.landmark]
    if query.superlative in ("closest_to", "farthest_from") and query.superlative_ref and \
            edge_of(query.superlative_ref) is None:
        return [query.superlative_ref]
    return []


def candidate_count(query: Optional[Query], top_k: int) -> int:
    if query is None:
        return max(1, top_k)
    geometric = query.position or query.relation or query.superlative or query.ordinal
    return max(top_k, MAX_CANDIDATES if geometric else PLAIN_CANDIDATES)


def shortlist_size(top_k: int) -> int:
    return max(top_k, SHORTLIST)


def landmark_masks(segmenter, patches: torch.Tensor, texts: dict, hw: tuple, valid: np.ndarray) -> List[np.ndarray]:
    """One SAM mask per landmark mention; the same noun twice ("between the two tanks") takes two peaks."""
    masks, used = [], {}
    for name, (glob, tokens) in texts["landmarks"]:
        heat = activation_map(patches, glob, tokens, hw, valid)
        peaks = find_peaks(heat, k=used.get(name, 0) + 1, min_distance_px=max(hw) / 16)
        if len(peaks) <= used.get(name, 0):
            masks.append(np.zeros(hw, bool))
            continue
        peak = peaks[used.get(name, 0)]
        used[name] = used.get(name, 0) + 1
        refined = segmenter.refiner.refine_batch([prompts_for_peak(heat, peak, segmenter.refiner.mask_side)])[0]
        masks.append(refined.mask & valid)
    return masks


def choose(query: Query, masks: List[np.ndarray], heat: np.ndarray, patches: torch.Tensor, texts: dict,
           landmarks: List[np.ndarray]) -> List[Choice]:
    """Rank candidates; the geometry runs on masks shrunk to ≤ REASONING_SIDE px (it is in fractions)."""
    attributes = attribute_scores(patches, masks, texts)
    activations = [float(heat[m].mean()) if m.any() else 0.0 for m in masks]
    small = _shrink(masks)
    instances = [Instance(m, act, a) for m, act, a in zip(small, activations, attributes)]
    return [Choice(r.index, r.score, r.terms) for r in rank(instances, query, _shrink(landmarks))]


def _shrink(masks: List[np.ndarray]) -> List[np.ndarray]:
    """Block-max downsampling: a thin road or a small tank never disappears."""
    if not masks:
        return []
    factor = int(np.ceil(max(masks[0].shape) / REASONING_SIDE))
    if factor <= 1:
        return list(masks)
    stack = torch.from_numpy(np.stack(masks).astype(np.float32))[:, None]
    pooled = F.max_pool2d(stack, factor, stride=factor, ceil_mode=True)[:, 0].numpy() > 0
    return list(pooled)


@torch.inference_mode()
def attribute_scores(patches: torch.Tensor, masks: List[np.ndarray], texts: dict) -> List[float]:
    """How much more each masked region matches "white tank" than "tank" (dense CLIP features), in [0, 1]."""
    if "plain" not in texts or not masks:
        return [0.5] * len(masks)
    d, gh, gw = patches.shape
    stack = torch.from_numpy(np.stack(masks).astype(np.float32))[:, None]
    weights = F.interpolate(stack, size=(gh, gw), mode="area")[:, 0].reshape(len(masks), -1)
    pooled = F.normalize(weights @ patches.reshape(d, -1).T.float(), dim=-1)
    gain = pooled @ texts["target"][0] - pooled @ texts["plain"][0]
    return torch.sigmoid(ATTRIBUTE_GAIN * gain).tolist()

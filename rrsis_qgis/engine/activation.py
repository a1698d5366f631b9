"""Phrase activation map: cosine of dense CLIP features with global and per-token text semantics."""
from __future__ import annotations

from typing import List, Optional

import numpy as np
import torch
import torch.nn.functional as F

GLOBAL_WEIGHT = 0.5  # RSRefSeg combines the pooled sentence with its word tokens
TOKEN_TEMPERATURE = 0.05


@torch.inference_mode()
def activation_map(
    patch_features: torch.Tensor,
    global_text: torch.Tensor,
    token_text: torch.Tensor,
    out_hw: tuple,
    valid: Optional[np.ndarray] = None,
) -> np.ndarray:
    """D×gh×gw features + text → H×W float32 in [0, 1] (1 = most like the phrase; 0 outside ``valid``).

    Each token is weighted by its agreement with the whole sentence, so "the", "of" and relation
    words contribute little and the head noun and attributes dominate the local term.
    """
    d, gh, gw = patch_features.shape
    flat = patch_features.reshape(d, -1)
    glob = global_text @ flat
    weights = torch.softmax(token_text @ global_text / TOKEN_TEMPERATURE, dim=0)
    local = weights @ (token_text @ flat)
    raw = (GLOBAL_WEIGHT * glob + (1 - GLOBAL_WEIGHT) * local).reshape(1, 1, gh, gw)
    up = F.interpolate(raw.float(), size=tuple(out_hw), mode="bilinear", align_corners=False)[0, 0].cpu().numpy()
    return normalise(up, valid)


def normalise(values: np.ndarray, valid: Optional[np.ndarray] = None) -> np.ndarray:
    """Min–max to [0, 1] over the valid pixels; invalid pixels are 0; a flat map is all 0."""
    values = values.astype(np.float32)
    inside = values[valid] if valid is not None else values
    if inside.size == 0:
        return np.zeros_like(values)
    lo, hi = float(inside.min()), float(inside.max())
    out = (values - lo) / (hi - lo) if hi > lo else np.zeros_like(values)
    if valid is not None:
        out[~valid] = 0.0
    return np.clip(out, 0.0, 1.0)


@torch.inference_mode()
def pooled_regions(patch_features: torch.Tensor, masks: List[np.ndarray]) -> torch.Tensor:
    """N×D unit vectors: each mask's area-weighted mean of the D×gh×gw patch features."""
    d, gh, gw = patch_features.shape
    stack = torch.from_numpy(np.stack(masks).astype(np.float32))[:, None]
    weights = F.interpolate(stack, size=(gh, gw), mode="area")[:, 0].reshape(len(masks), -1)
    return F.normalize(weights @ patch_features.reshape(d, -1).T.float(), dim=-1)


@torch.inference_mode()
def region_similarity(patch_features: torch.Tensor, global_text: torch.Tensor, masks: List[np.ndarray]) -> List[float]:
    """Absolute score of each mask for the text: cosine of its pooled features with the sentence, in [−1, 1].

    The activation map is min–max normalised per view, so its best region is always 1 even when the object
    is absent; this score is not, so a per-model threshold on it can say "nothing matching in this view".
    """
    if not masks:
        return []
    text = F.normalize(global_text.float().reshape(-1), dim=0)
    return (pooled_regions(patch_features, masks) @ text).tolist()

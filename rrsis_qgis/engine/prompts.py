"""SAM 2 prompts from an activation map: peak points, the peak's region box, dense mask logits."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional, Union

import numpy as np
import torch
import torch.nn.functional as F
from scipy import ndimage

WORK_SIDE = 256  # peaks and regions are found on a map of at most this side
REGION_THRESHOLD = 0.6  # a peak's region: connected pixels ≥ this fraction of the peak value
MIN_PEAK = 0.5  # peaks below this fraction of the map's maximum are ignored
MASK_LOGIT_GAIN = 20.0


@dataclass
class Peak:
    x: float  # view pixels
    y: float
    score: float  # activation at the peak, in [0, 1]


@dataclass
class Prompts:
    points: np.ndarray  # N×2 float32, (x, y) in view pixels
    labels: np.ndarray  # N int32, 1 = foreground
    box: Optional[np.ndarray]  # x0, y0, x1, y1 in view pixels
    mask_logits: np.ndarray  # 1×S×S float32, SAM low-res mask prompt (view squashed to a square)
    peak: Optional[Peak]  # None for prompts that came from the user's box
    region: Optional[np.ndarray] = None  # the peak's high-activation region on the work map (bool)


class HeatMaps:
    """An activation map with its resampled copies, each made once: a query's peaks and every candidate's
    prompts read the same work map and the same SAM-grid map (8 candidates resampled them 16 times)."""

    def __init__(self, activation: np.ndarray):
        self.full = activation
        self._work: Optional[tuple] = None
        self._grids: dict = {}

    @property
    def shape(self) -> tuple:
        return self.full.shape

    def work(self) -> tuple:
        """(the map at most WORK_SIDE on its long side, view pixels per work pixel)."""
        if self._work is None:
            self._work = _work_map(self.full)
        return self._work

    def grid(self, side: int) -> torch.Tensor:
        """The map resized to SAM's square side×side low-res mask grid (1×S×S)."""
        if side not in self._grids:
            t = torch.from_numpy(self.full.astype(np.float32))[None, None]
            self._grids[side] = F.interpolate(t, size=(side, side), mode="bilinear", align_corners=False)[0]
        return self._grids[side]


Heat = Union[np.ndarray, HeatMaps]


def heat_maps(activation: Heat) -> HeatMaps:
    """The map's HeatMaps (made now for a plain array: nothing is shared with other calls then)."""
    return activation if isinstance(activation, HeatMaps) else HeatMaps(activation)


def find_peaks(activation: Heat, k: int = 3, min_distance_px: Optional[float] = None) -> List[Peak]:
    """Up to ``k`` local maxima, strongest first, at least ``min_distance_px`` apart (default: 1/8 side)."""
    work, scale = heat_maps(activation).work()
    h, w = activation.shape
    if min_distance_px is None:
        min_distance_px = max(h, w) / 8
    radius = max(1, int(round(min_distance_px / scale)))
    pooled = ndimage.maximum_filter(work, size=2 * radius + 1, mode="constant", cval=-np.inf)
    top = float(work.max())
    if top <= 0:
        return []
    rows, cols = np.nonzero((work == pooled) & (work >= MIN_PEAK * top))
    order = np.argsort(-work[rows, cols], kind="stable")
    peaks: List[Peak] = []
    for i in order:
        x, y = (cols[i] + 0.5) * scale, (rows[i] + 0.5) * scale
        if all((x - p.x) ** 2 + (y - p.y) ** 2 >= min_distance_px ** 2 for p in peaks):
            peaks.append(Peak(float(min(x, w - 0.5)), float(min(y, h - 0.5)), float(work[rows[i], cols[i]])))
        if len(peaks) == k:
            break
    return peaks


def prompts_for_peak(activation: Heat, peak: Peak, mask_side: int) -> Prompts:
    """Point at the peak, box around its connected high-activation region, activation as mask logits."""
    maps = heat_maps(activation)
    work, scale = maps.work()
    region = peak_region(work, int(peak.y / scale), int(peak.x / scale), REGION_THRESHOLD * peak.score)
    rows, cols = np.nonzero(region)
    if rows.size == 0:  # the peak fell below the threshold after resampling: box the peak cell alone
        rows, cols = np.array([int(peak.y / scale)]), np.array([int(peak.x / scale)])
    h, w = activation.shape
    box = np.array([cols.min() * scale, rows.min() * scale,
                    min(w, (cols.max() + 1) * scale), min(h, (rows.max() + 1) * scale)], dtype=np.float32)
    return Prompts(
        points=np.array([[peak.x, peak.y]], dtype=np.float32),
        labels=np.array([1], dtype=np.int32),
        box=box,
        mask_logits=mask_logits(maps, mask_side, REGION_THRESHOLD * peak.score),
        peak=peak,
        region=region,
    )


def peak_region(work: np.ndarray, row: int, col: int, threshold: float) -> np.ndarray:
    """Pixels ≥ ``threshold`` that are 8-connected to (row, col)."""
    labels, _ = ndimage.label(work >= threshold, structure=np.ones((3, 3), bool))
    target = labels[min(row, work.shape[0] - 1), min(col, work.shape[1] - 1)]
    return labels == target if target else np.zeros(work.shape, bool)


def coarse_mask(activation: np.ndarray, prompts: Prompts) -> np.ndarray:
    """The candidate's high-activation region at view size (its box when it came from the user)."""
    h, w = activation.shape
    if prompts.region is None:
        out = np.zeros((h, w), bool)
        x0, y0, x1, y1 = (int(round(v)) for v in prompts.box)
        out[max(0, y0):y1, max(0, x0):x1] = True
        return out
    t = torch.from_numpy(prompts.region.astype(np.float32))[None, None]  # found by prompts_for_peak
    return F.interpolate(t, size=(h, w), mode="nearest")[0, 0].numpy() > 0


def mask_logits(activation: Heat, side: int, threshold: float) -> np.ndarray:
    """Activation resized to SAM's square low-res mask grid, as logits positive above ``threshold``."""
    return (MASK_LOGIT_GAIN * (heat_maps(activation).grid(side) - threshold)).numpy().astype(np.float32)


def _work_map(activation: np.ndarray) -> tuple:
    """The activation at most WORK_SIDE on its long side, and view pixels per work pixel."""
    h, w = activation.shape
    scale = max(1.0, max(h, w) / WORK_SIDE)
    if scale == 1.0:
        return activation.astype(np.float32), 1.0
    size = (max(1, round(h / scale)), max(1, round(w / scale)))
    t = torch.from_numpy(activation.astype(np.float32))[None, None]
    work = F.interpolate(t, size=size, mode="area")[0, 0].numpy()
    return work, max(h / size[0], w / size[1])

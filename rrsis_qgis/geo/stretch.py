"""Per-band 2–98 % percentile stretch of any numeric raster to uint8, ignoring invalid pixels."""
from __future__ import annotations

import numpy as np

LOW_PCT, HIGH_PCT = 2.0, 98.0


def to_uint8(bands: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """bands: B×H×W of any dtype → H×W×B uint8; invalid pixels become 0.

    uint8 data is passed through unchanged (stretching it would alter what the user sees in QGIS);
    everything else is stretched per band between its 2nd and 98th percentile of valid pixels.
    """
    out = np.zeros(bands.shape[1:] + (bands.shape[0],), dtype=np.uint8)
    for i, band in enumerate(bands):
        if band.dtype == np.uint8:
            out[..., i] = band
        else:
            out[..., i] = _stretch_band(band.astype(np.float64), valid)
    out[~valid] = 0
    return out


def _stretch_band(band: np.ndarray, valid: np.ndarray) -> np.ndarray:
    values = band[valid & np.isfinite(band)]
    if values.size == 0:
        return np.zeros(band.shape, dtype=np.uint8)
    lo, hi = np.percentile(values, [LOW_PCT, HIGH_PCT])
    if hi <= lo:  # constant band: mid-grey rather than a division by zero
        return np.where(valid, 128, 0).astype(np.uint8)
    scaled = (np.nan_to_num(band, nan=lo) - lo) * (255.0 / (hi - lo))
    return np.clip(np.rint(scaled), 0, 255).astype(np.uint8)

"""The pixels of one view: uint8 RGB, validity mask and the affine that places them on the map."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

GeoTransform = tuple  # GDAL order: (x0, px_w, row_rot, y0, col_rot, px_h)


@dataclass
class View:
    """What the engine sees (``rgb``) and what the vectorizer needs to put masks back on the map."""

    rgb: np.ndarray  # H×W×3 uint8
    valid: np.ndarray  # H×W bool, False where the source had nodata / alpha 0
    geotransform: GeoTransform
    crs_wkt: str
    gsd_m: float  # ground size of one view pixel, metres
    source: str = ""

    @property
    def size(self) -> tuple:
        """(width, height) in pixels."""
        return self.rgb.shape[1], self.rgb.shape[0]

    def describe(self) -> str:
        w, h = self.size
        return f"{w}×{h} px @ {self.gsd_m:.3g} m/px"


def pixel_size(gt: GeoTransform) -> tuple:
    """Length of one pixel along columns and rows, in map units (works for rotated grids)."""
    return math.hypot(gt[1], gt[4]), math.hypot(gt[2], gt[5])


def apply_geotransform(gt: GeoTransform, col: float, row: float) -> tuple:
    """Pixel (col, row) → map (x, y)."""
    return gt[0] + col * gt[1] + row * gt[2], gt[3] + col * gt[4] + row * gt[5]

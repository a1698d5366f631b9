"""Read a map extent (or the whole raster) into a :class:`View`: pixel-grid snapped, capped, RGB uint8."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Optional, Sequence

import numpy as np
from osgeo import gdal

from .gsd import ground_sample_distance_m
from .stretch import to_uint8
from .view import View, apply_geotransform

gdal.UseExceptions()

DEFAULT_MAX_SIDE = 1024


class RasterError(ValueError):
    """A raster or window that cannot be turned into a view; the message is meant for the user."""


@dataclass(frozen=True)
class ViewPlan:
    """Which raster pixels a view reads and what it becomes: decided before reading anything."""

    xoff: int
    yoff: int
    win_w: int
    win_h: int
    out_w: int
    out_h: int
    geotransform: tuple  # of the output view
    crs_wkt: str
    gsd_m: float

    def describe(self) -> str:
        return f"{self.out_w}×{self.out_h} px @ {self.gsd_m:.3g} m/px"


def plan_view(path: str, extent: Optional[Sequence[float]] = None, max_side: int = DEFAULT_MAX_SIDE,
              bands: Optional[Sequence[int]] = None, crs_wkt: Optional[str] = None) -> ViewPlan:
    """The pixel window covering ``extent`` (raster CRS; None = all) and the capped output size; reads no
    pixels, so it checks CRS, extent and ``bands`` in milliseconds.

    ``crs_wkt`` overrides the file's CRS (QGIS: the CRS the layer has, which the user may have assigned);
    None = the file's own."""
    ds = _open(path)
    resolve_bands(ds.RasterCount, bands)
    return _plan(ds, path, extent, max_side, crs_wkt)


def read_view(
    path: str,
    extent: Optional[Sequence[float]] = None,
    max_side: int = DEFAULT_MAX_SIDE,
    bands: Optional[Sequence[int]] = None,
    crs_wkt: Optional[str] = None,
) -> View:
    """Read ``extent`` = (xmin, ymin, xmax, ymax) in the raster's CRS, or the whole raster.

    The window is snapped outwards to the raster's pixel grid; the long side of the result is at
    most ``max_side`` and never larger than the native window (no upsampling). ``crs_wkt``: as in
    :func:`plan_view`.
    """
    ds = _open(path)
    plan = _plan(ds, path, extent, max_side, crs_wkt)
    band_ids = resolve_bands(ds.RasterCount, bands)
    window = (plan.xoff, plan.yoff, plan.win_w, plan.win_h)
    size = dict(buf_xsize=plan.out_w, buf_ysize=plan.out_h)
    downsampling = plan.win_w > plan.out_w or plan.win_h > plan.out_h
    resample = gdal.GRIORA_Average if downsampling else gdal.GRIORA_NearestNeighbour

    valid = np.ones((plan.out_h, plan.out_w), dtype=bool)
    for b in sorted(set(band_ids)):
        valid &= ds.GetRasterBand(b).GetMaskBand().ReadAsArray(*window, **size) > 0
    data = np.stack([ds.GetRasterBand(b).ReadAsArray(*window, **size, resample_alg=resample) for b in band_ids])
    return View(rgb=to_uint8(data, valid), valid=valid, geotransform=plan.geotransform,
                crs_wkt=plan.crs_wkt, gsd_m=plan.gsd_m, source=path)


def _plan(ds, path: str, extent, max_side: int, crs_wkt: Optional[str] = None) -> ViewPlan:
    crs_wkt = ds.GetProjection() if crs_wkt is None else crs_wkt
    if not crs_wkt:
        raise RasterError(
            f"{path} has no coordinate reference system, so polygons could not be placed on the map. "
            "Assign one first (QGIS: Layer Properties → Source; or gdal_edit.py -a_srs EPSG:XXXX)."
        )
    if max_side < 1:
        raise RasterError(f"max_side must be at least 1 (got {max_side})")
    gt = ds.GetGeoTransform()
    xoff, yoff, win_w, win_h = _pixel_window(gt, ds.RasterXSize, ds.RasterYSize, extent)
    scale = max(1.0, max(win_w, win_h) / float(max_side))
    out_w, out_h = max(1, round(win_w / scale)), max(1, round(win_h / scale))
    view_gt = _window_geotransform(gt, xoff, yoff, win_w / out_w, win_h / out_h)
    return ViewPlan(xoff, yoff, win_w, win_h, out_w, out_h, view_gt, crs_wkt,
                    ground_sample_distance_m(view_gt, crs_wkt, out_w, out_h))


def resolve_bands(count: int, bands: Optional[Sequence[int]]) -> tuple:
    """Band numbers (1-based) feeding R, G, B: given ones are checked; default 1,2,3 or 1,1,1 (gray)."""
    if bands is None:
        return (1, 2, 3) if count >= 3 else (1, 1, 1)
    bands = tuple(int(b) for b in bands)
    if len(bands) == 1:
        bands = bands * 3
    if len(bands) != 3:
        raise RasterError(f"band mapping needs 1 or 3 band numbers, got {len(bands)}")
    bad = [b for b in bands if not 1 <= b <= count]
    if bad:
        raise RasterError(f"band(s) {bad} do not exist; the raster has {count} band(s)")
    return bands


def _open(path: str) -> gdal.Dataset:
    try:
        ds = gdal.Open(str(path))
    except RuntimeError as exc:
        raise RasterError(f"cannot open raster {path}: {exc}") from None
    if ds is None or ds.RasterCount == 0:
        raise RasterError(f"{path} is not a raster with at least one band")
    return ds


def _pixel_window(gt, width: int, height: int, extent) -> tuple:
    """(xoff, yoff, w, h) of the raster pixels covering ``extent``, clipped to the raster."""
    if extent is None:
        return 0, 0, width, height
    xmin, ymin, xmax, ymax = (float(v) for v in extent)
    if not (xmax > xmin and ymax > ymin):
        raise RasterError(f"extent {tuple(extent)} is empty: expected xmin,ymin,xmax,ymax")
    inv = gdal.InvGeoTransform(gt)
    if inv is None:
        raise RasterError("the raster's geotransform cannot be inverted")
    corners = [gdal.ApplyGeoTransform(inv, x, y) for x in (xmin, xmax) for y in (ymin, ymax)]
    cols, rows = zip(*corners)
    c0, c1 = max(0, math.floor(min(cols))), min(width, math.ceil(max(cols)))
    r0, r1 = max(0, math.floor(min(rows))), min(height, math.ceil(max(rows)))
    if c1 <= c0 or r1 <= r0:
        raise RasterError(f"extent {tuple(extent)} does not overlap the raster")
    return c0, r0, c1 - c0, r1 - r0


def _window_geotransform(gt, xoff: int, yoff: int, sx: float, sy: float) -> tuple:
    x0, y0 = apply_geotransform(gt, xoff, yoff)
    return (x0, gt[1] * sx, gt[2] * sy, y0, gt[4] * sx, gt[5] * sy)

"""Tile grid over a raster area at a target GSD, and GDAL-windowed tile reads (never the whole raster).

Plugin-safe: stdlib, GDAL and numpy only. The grid lives in *output* pixels (the area resampled to
the target GSD); each tile maps back to a floating-point source window that GDAL reads with
averaging when the target GSD is coarser than the raster's. Non-8-bit data is stretched with one
set of 2–98 % limits for the whole area (from a small overview read), so tiles agree with each other
— a per-tile stretch would make the same roof a different colour on either side of a tile border.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

import numpy as np
from osgeo import gdal

from .gsd import ground_sample_distance_m
from .raster_window import RasterError, plan_view, resolve_bands
from .stretch import HIGH_PCT, LOW_PCT
from .view import View, apply_geotransform

gdal.UseExceptions()

MIN_TILE, MAX_TILE = 64, 4096  # the backend refuses images above 4096 px a side
STRETCH_SAMPLE_SIDE = 1024  # long side of the overview read that fixes the stretch limits


@dataclass(frozen=True)
class Tile:
    """One tile: its place in the grid and its window in output pixels of the area."""

    col: int
    row: int
    x0: int
    y0: int
    w: int
    h: int

    @property
    def key(self) -> Tuple[int, int]:
        return self.col, self.row


@dataclass
class TileGrid:
    """The area (a source-pixel window), its output size at the target GSD, and the tiles covering it."""

    path: str
    xoff: int  # source-pixel window of the area
    yoff: int
    win_w: int
    win_h: int
    out_w: int  # the area in output pixels (target GSD)
    out_h: int
    source_gt: tuple
    crs_wkt: str
    gsd_m: float  # of one output pixel
    tile: int
    overlap: int
    bands: tuple
    tiles: List[Tile] = field(default_factory=list)

    @property
    def scale(self) -> Tuple[float, float]:
        """Source pixels per output pixel along x and y (≥ 1: never upsampled)."""
        return self.win_w / self.out_w, self.win_h / self.out_h

    def geotransform(self, x0: float = 0.0, y0: float = 0.0, factor: float = 1.0) -> tuple:
        """Geotransform of a view starting at output pixel (x0, y0), ``factor`` output px per view px."""
        sx, sy = self.scale
        gt = self.source_gt
        x, y = apply_geotransform(gt, self.xoff + x0 * sx, self.yoff + y0 * sy)
        fx, fy = sx * factor, sy * factor
        return (x, gt[1] * fx, gt[2] * fy, y, gt[4] * fx, gt[5] * fy)

    def neighbours(self, tile: Tile) -> List[Tuple[int, int]]:
        return [(tile.col + dc, tile.row + dr) for dc in (-1, 0, 1) for dr in (-1, 0, 1) if dc or dr]

    def describe(self) -> str:
        cols = len({t.col for t in self.tiles})
        return (f"{self.out_w}×{self.out_h} px @ {self.gsd_m:.3g} m/px in {len(self.tiles)} tile(s) "
                f"({cols}×{len(self.tiles) // max(cols, 1)}) of ≤{self.tile} px, overlap {self.overlap} px")


def plan_grid(path: str, extent: Optional[Sequence[float]] = None, target_gsd_m: Optional[float] = None,
              tile: int = 1024, overlap: int = 128, bands: Optional[Sequence[int]] = None,
              crs_wkt: Optional[str] = None) -> TileGrid:
    """Tiles covering ``extent`` (raster CRS; None = all) at ``target_gsd_m`` (None/0 = native);
    ``crs_wkt`` overrides the file's CRS (the layer's CRS in QGIS)."""
    if not MIN_TILE <= tile <= MAX_TILE:
        raise RasterError(f"tile size must be between {MIN_TILE} and {MAX_TILE} px (got {tile})")
    if not 0 <= overlap <= tile // 2:
        raise RasterError(f"overlap must be between 0 and half the tile size, {tile // 2} px (got {overlap})")
    plan = plan_view(path, extent, max_side=1 << 30, crs_wkt=crs_wkt)  # native: the window, CRS and GSD, nothing read
    ds = gdal.Open(str(path))
    band_ids = resolve_bands(ds.RasterCount, bands)
    factor = 1.0
    if target_gsd_m:
        if target_gsd_m <= 0 or not math.isfinite(target_gsd_m):
            raise RasterError(f"target GSD must be a positive number of metres (got {target_gsd_m})")
        factor = max(1.0, target_gsd_m / plan.gsd_m)  # never upsample beyond the native GSD
    out_w, out_h = max(1, round(plan.win_w / factor)), max(1, round(plan.win_h / factor))
    grid = TileGrid(str(path), plan.xoff, plan.yoff, plan.win_w, plan.win_h, out_w, out_h,
                    tuple(ds.GetGeoTransform()), plan.crs_wkt, 0.0, tile, overlap, band_ids)
    grid.gsd_m = ground_sample_distance_m(grid.geotransform(), plan.crs_wkt, out_w, out_h)
    grid.tiles = [Tile(c, r, x, y, min(tile, out_w), min(tile, out_h))
                  for r, y in enumerate(tile_starts(out_h, tile, overlap))
                  for c, x in enumerate(tile_starts(out_w, tile, overlap))]
    return grid


def tile_starts(length: int, tile: int, overlap: int) -> List[int]:
    """Start offsets of tiles of ``tile`` px overlapping by ≥ ``overlap`` px; the last ends at ``length``."""
    if length <= tile:
        return [0]
    step = tile - overlap
    n = math.ceil((length - tile) / step) + 1
    return [min(i * step, length - tile) for i in range(n)]


class TileReader:
    """Reads tiles (and one coarser overview) of a grid through GDAL windows; safe to share between threads.

    The raster is opened for each read and closed after it: GDAL's block cache (5 % of the RAM by
    default, shared by the whole process — QGIS's too) would otherwise keep every block of the scene
    read so far, and the QGIS-side memory would grow with the scene (1.2 GB on a 10k² GeoTIFF).
    """

    def __init__(self, grid: TileGrid, limits: Optional[list] = None):
        self.grid = grid
        self.limits = limits if limits is not None else stretch_limits(gdal.Open(grid.path), grid)

    def tile(self, tile: Tile) -> View:
        return self.read(tile.x0, tile.y0, tile.w, tile.h, tile.w, tile.h)

    def overview(self, max_side: int) -> View:
        """The whole area as one view whose long side is at most ``max_side`` (never upsampled)."""
        g = self.grid
        factor = max(1.0, max(g.out_w, g.out_h) / float(max_side))
        return self.read(0, 0, g.out_w, g.out_h, max(1, round(g.out_w / factor)), max(1, round(g.out_h / factor)))

    def read(self, x0: float, y0: float, w: float, h: float, buf_w: int, buf_h: int) -> View:
        """Output-pixel rectangle (x0, y0, w, h) of the area → a ``buf_w``×``buf_h`` view."""
        g = self.grid
        sx, sy = g.scale
        window = (g.xoff + x0 * sx, g.yoff + y0 * sy, w * sx, h * sy)
        data, valid = read_window(gdal.Open(g.path), g.bands, window, buf_w, buf_h)  # closed when read
        rgb = apply_limits(data, valid, self.limits)
        gt = g.geotransform(x0, y0, w / buf_w)
        return View(rgb=rgb, valid=valid, geotransform=gt, crs_wkt=g.crs_wkt,
                    gsd_m=ground_sample_distance_m(gt, g.crs_wkt, buf_w, buf_h), source=g.path)


def read_window(ds, band_ids: Sequence[int], window: tuple, buf_w: int, buf_h: int):
    """(B×H×W data, H×W validity) of a floating-point source window, averaged when downsampling."""
    xoff, yoff, win_w, win_h = window
    size = dict(buf_xsize=int(buf_w), buf_ysize=int(buf_h))
    resample = gdal.GRIORA_Average if win_w > buf_w + 1e-9 or win_h > buf_h + 1e-9 else gdal.GRIORA_NearestNeighbour
    valid = np.ones((buf_h, buf_w), dtype=bool)
    for b in sorted(set(band_ids)):
        valid &= ds.GetRasterBand(b).GetMaskBand().ReadAsArray(xoff, yoff, win_w, win_h, **size) > 0
    data = np.stack([ds.GetRasterBand(b).ReadAsArray(xoff, yoff, win_w, win_h, **size, resample_alg=resample)
                     for b in band_ids])
    return data, valid


def stretch_limits(ds, grid: TileGrid) -> list:
    """Per band: None for uint8 (passed through), else the area's (2 %, 98 %) from a small overview read."""
    if all(ds.GetRasterBand(b).DataType == gdal.GDT_Byte for b in grid.bands):
        return [None] * len(grid.bands)
    factor = max(1.0, max(grid.win_w, grid.win_h) / float(STRETCH_SAMPLE_SIDE))
    bw, bh = max(1, round(grid.win_w / factor)), max(1, round(grid.win_h / factor))
    data, valid = read_window(ds, grid.bands, (grid.xoff, grid.yoff, grid.win_w, grid.win_h), bw, bh)
    limits = []
    for band in data:
        if band.dtype == np.uint8:
            limits.append(None)
            continue
        values = band[valid & np.isfinite(band)].astype(np.float64)
        limits.append(tuple(np.percentile(values, [LOW_PCT, HIGH_PCT])) if values.size else (0.0, 0.0))
    return limits


def apply_limits(data: np.ndarray, valid: np.ndarray, limits: list) -> np.ndarray:
    """B×H×W → H×W×3 uint8 with fixed per-band limits; invalid pixels 0 (as stretch.to_uint8)."""
    out = np.zeros(data.shape[1:] + (data.shape[0],), dtype=np.uint8)
    for i, (band, lim) in enumerate(zip(data, limits)):
        if lim is None:
            out[..., i] = band
            continue
        lo, hi = lim
        if hi <= lo:
            out[..., i] = 128
            continue
        scaled = (np.nan_to_num(band.astype(np.float64), nan=lo) - lo) * (255.0 / (hi - lo))
        out[..., i] = np.clip(np.rint(scaled), 0, 255).astype(np.uint8)
    out[~valid] = 0
    return out

"""A 6k×6k GeoTIFF with red objects across tile borders, their true outlines, and a backend that answers the truth."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from osgeo import gdal
from scipy import ndimage

from rrsis_qgis.geo.tiled_run import TileAnswer, TileQuery
from rrsis_qgis.geo.vectorize import mask_to_geometry
from tests.conftest import wkt_of

SIZE = 6000
GT = (500000.0, 0.5, 0.0, 4200000.0, 0.0, -0.5)
EPSG = 32633
BACKGROUND, RED = (110, 120, 100), (230, 30, 30)
# With tile 1024 / overlap 128 the tile edges fall at 896, 1024, 1792, 1920, 2688, 2816, …
# (x, y, w, h, shape): across one border, across a 4-tile corner, longer than a tile, inside an overlap
# strip only, deep inside a tile, at the raster's edge, and the largest one (for "single").
OBJECTS = [
    (960, 300, 180, 120, "rect"),
    (1850, 1850, 160, 160, "disk"),
    (2500, 2000, 2300, 70, "rect"),
    (905, 3000, 100, 100, "disk"),
    (300, 5000, 200, 150, "rect"),
    (5880, 4400, 120, 200, "rect"),
    (3500, 3500, 700, 600, "disk"),
    (2750, 5100, 140, 140, "disk"),
]


@dataclass
class Truth:
    geoms: list  # one ogr MultiPolygon per object, in the raster's CRS
    largest: int


def object_mask(w: int, h: int, shape: str) -> np.ndarray:
    if shape == "rect":
        return np.ones((h, w), dtype=bool)
    yy, xx = np.mgrid[0:h, 0:w]
    return ((xx + 0.5 - w / 2) / (w / 2)) ** 2 + ((yy + 0.5 - h / 2) / (h / 2)) ** 2 <= 1.0


def write_scene(path) -> Truth:
    """Write the scene block by block (the whole raster never sits in memory) and return the truth."""
    ds = gdal.GetDriverByName("GTiff").Create(str(path), SIZE, SIZE, 3, gdal.GDT_Byte,
                                              ["TILED=YES", "COMPRESS=DEFLATE"])
    ds.SetGeoTransform(GT)
    ds.SetProjection(wkt_of(EPSG))
    block = 1000
    for y in range(0, SIZE, block):
        for b, value in enumerate(BACKGROUND):
            ds.GetRasterBand(b + 1).WriteArray(np.full((block, SIZE), value, np.uint8), 0, y)
    geoms, areas = [], []
    for x, y, w, h, shape in OBJECTS:
        mask = object_mask(w, h, shape)
        for b, value in enumerate(RED):
            band = ds.GetRasterBand(b + 1)
            window = band.ReadAsArray(x, y, w, h)
            band.WriteArray(np.where(mask, value, window).astype(np.uint8), x, y)
        local_gt = (GT[0] + x * GT[1], GT[1], 0.0, GT[3] + y * GT[5], 0.0, GT[5])
        geoms.append(mask_to_geometry(mask, local_gt, wkt_of(EPSG), simplify_px=0))
        areas.append(int(mask.sum()))
    ds = None
    return Truth(geoms, int(np.argmax(areas)))


class TruthBackend:
    """Answers like the backend, with the truth inside the tile: one mask per red component.

    Without boxes: every component (best = largest) — for an overview that is the scene's largest
    object, what a reasoner asked for "the largest red object" over the whole area would return.
    With boxes: the red pixels inside each box.
    """

    def __init__(self):
        self.queries = []

    def __call__(self, q: TileQuery) -> TileAnswer:
        self.queries.append((q.view.rgb.shape[:2], q.top_k, q.reasoning, q.boxes))
        rgb = q.view.rgb.astype(np.int16)
        red = (rgb[..., 0] > 150) & (rgb[..., 1] < 100) & q.view.valid
        if q.boxes:
            masks = []
            for x0, y0, x1, y1 in q.boxes:
                m = np.zeros_like(red)
                m[int(y0):int(np.ceil(y1)), int(x0):int(np.ceil(x1))] = True
                masks.append((red & m, 0.9, {"box": 1.0}))
            return TileAnswer(masks, "truth")
        labels, n = ndimage.label(red, structure=np.ones((3, 3)))
        sizes = ndimage.sum(red, labels, range(1, n + 1))
        order = np.argsort(-sizes)[:q.top_k]
        return TileAnswer([(labels == i + 1, 0.5 + 0.5 * sizes[i] / red.size, {"activation": 1.0})
                           for i in order], "truth")

"""Synthetic georeferenced referring scenes: a road, round storage tanks, rectangular buildings.

Used by `make demo` (a sample raster the project makes itself) and by tests that need ground truth.
Pure numpy + GDAL; deterministic for a given seed.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from osgeo import gdal, osr

gdal.UseExceptions()

COLOURS = {
    "white": (235, 235, 230),
    "grey": (150, 150, 150),
    "red": (170, 50, 40),
    "blue": (60, 90, 170),
    "dark": (60, 55, 50),
}


@dataclass
class SceneObject:
    category: str  # "storage tank", "building", "road"
    colour: str
    mask: np.ndarray  # H×W bool

    @property
    def centre(self) -> tuple:
        rows, cols = np.nonzero(self.mask)
        return float(cols.mean()), float(rows.mean())

    @property
    def area(self) -> int:
        return int(self.mask.sum())


@dataclass
class Scene:
    image: np.ndarray  # H×W×3 uint8
    objects: list = field(default_factory=list)

    def find(self, category: str, colour: str = None) -> list:
        return [o for o in self.objects if o.category == category and colour in (None, o.colour)]


def demo_scene(size: int = 512, seed: int = 0) -> Scene:
    """A vertical road; a white tank left of it, a grey tank right of it; red and blue buildings."""
    rng = np.random.default_rng(seed)
    h = w = size
    image = _ground(h, w, rng)
    scene = Scene(image=image)
    yy, xx = np.mgrid[0:h, 0:w]

    road = (xx > 0.48 * w) & (xx < 0.56 * w)
    _paint(scene, SceneObject("road", "grey", road), rng)
    r = 0.07 * size
    for cx, cy, colour in ((0.30, 0.35, "white"), (0.75, 0.62, "grey")):
        disc = (xx - cx * w) ** 2 + (yy - cy * h) ** 2 <= r * r
        _paint(scene, SceneObject("storage tank", colour, disc), rng)
    for x0, y0, bw, bh, colour in ((0.08, 0.70, 0.18, 0.12, "red"), (0.66, 0.12, 0.20, 0.14, "blue"),
                                   (0.22, 0.85, 0.12, 0.09, "red")):
        rect = (xx >= x0 * w) & (xx < (x0 + bw) * w) & (yy >= y0 * h) & (yy < (y0 + bh) * h)
        _paint(scene, SceneObject("building", colour, rect), rng)
    return scene


def _ground(h: int, w: int, rng: np.random.Generator) -> np.ndarray:
    base = np.array([96, 118, 70], dtype=np.float32)  # grass / fields
    noise = rng.normal(0, 8, (h, w, 1)).astype(np.float32)
    return np.clip(base + noise, 0, 255).astype(np.uint8)


def _paint(scene: Scene, obj: SceneObject, rng: np.random.Generator) -> None:
    colour = np.array(COLOURS[obj.colour], dtype=np.float32)
    n = int(obj.mask.sum())
    scene.image[obj.mask] = np.clip(colour + rng.normal(0, 4, (n, 3)), 0, 255).astype(np.uint8)
    for other in scene.objects:  # later objects occlude earlier ones
        other.mask &= ~obj.mask
    scene.objects.append(obj)


def write_geotiff(path: str, image: np.ndarray, epsg: int = 32616,
                  origin: tuple = (741_000.0, 3_735_000.0), gsd: float = 0.5) -> str:
    """Write an H×W×3 uint8 image as a north-up GeoTIFF with ``gsd`` metre pixels."""
    h, w = image.shape[:2]
    ds = gdal.GetDriverByName("GTiff").Create(str(path), w, h, 3, gdal.GDT_Byte, ["COMPRESS=DEFLATE"])
    ds.SetGeoTransform((origin[0], gsd, 0.0, origin[1], 0.0, -gsd))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    for i in range(3):
        ds.GetRasterBand(i + 1).WriteArray(image[..., i])
    ds = None
    return str(path)

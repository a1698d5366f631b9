"""A scene-wide holed object merged across tiles: the same outline as the whole mask, with GEOS given only the seams."""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import ogr

from rrsis_qgis.geo.tiled_run import TileAnswer, run_tiled
from rrsis_qgis.geo.tiling import plan_grid
from rrsis_qgis.geo.vectorize import mask_to_geometry
from tests.conftest import write_tif

SIDE = 960  # with tiles of 512 px and 64 px overlap: 2×2 tiles, one cut line each way


def holed_field(x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """One object covering the whole area, with hundreds of holes (the bench's scene-wide object)."""
    return np.sin(x / 23.0) * np.cos(y / 31.0) + 0.5 * np.sin((x + y) / 17.0) > -0.6


def points(geom: ogr.Geometry) -> int:
    if geom.GetGeometryCount() == 0:
        return geom.GetPointCount()
    return sum(points(geom.GetGeometryRef(i)) for i in range(geom.GetGeometryCount()))


@pytest.fixture
def grid(tmp_path):
    path = write_tif(tmp_path / "area.tif", np.zeros((3, SIDE, SIDE), np.uint8), gt=(500000.0, 0.5, 0.0, 4200000.0,
                                                                                       0.0, -0.5))
    return plan_grid(path, tile=512, overlap=64)


def test_a_scene_wide_object_is_merged_whole_with_only_its_seams_through_geos(grid, monkeypatch):
    def ask(query):  # every tile answers its part of the one object
        gt, (x0, px, _, y0, _, py) = query.view.geotransform, grid.geotransform()
        rows, cols = np.mgrid[0:query.view.valid.shape[0], 0:query.view.valid.shape[1]]
        return TileAnswer([(holed_field(cols + (gt[0] - x0) / px, rows + (gt[3] - y0) / py), 0.9, {})])

    given = []
    union = ogr.Geometry.UnionCascaded
    monkeypatch.setattr(ogr.Geometry, "UnionCascaded", lambda self: given.append(points(self)) or union(self))
    out = run_tiled(grid, "everything", ask, mode="all")

    assert len(grid.tiles) == 4 and out.count == 1
    merged = out.instances[0].geom
    rows, cols = np.mgrid[0:SIDE, 0:SIDE]
    truth = mask_to_geometry(holed_field(cols, rows), grid.geotransform(), grid.crs_wkt)
    assert merged.IsValid()
    assert merged.SymDifference(truth).GetArea() < 0.002 * truth.GetArea()
    assert sum(g.GetGeometryCount() for g in (merged.GetGeometryRef(i) for i in range(merged.GetGeometryCount()))) > 50
    # memory bounded: GEOS's union costs ~200 bytes per vertex it is given, so it must get the seams, not the object
    assert given and sum(given) <= 0.3 * points(merged), (sum(given), points(merged))

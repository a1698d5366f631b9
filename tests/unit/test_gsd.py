"""`gsd_m` has one meaning for every writer: ground metres per pixel at the view's centre, on the CRS's ellipsoid."""
import math
from types import SimpleNamespace

import numpy as np
import pytest
from osgeo import ogr

from rrsis_qgis.geo.gsd import ground_sample_distance_m
from rrsis_qgis.geo.raster_window import plan_view, read_view
from rrsis_qgis.geo.tiled_run import TiledOutcome, result_row
from rrsis_qgis.geo.tiling import TileReader, plan_grid
from rrsis_qgis.pipeline import segment_raster
from tests.conftest import wkt_of, write_tif

A, F = 6378137.0, 1 / 298.257223563  # WGS 84
E2 = F * (2 - F)
MERCATOR_PX, LAT = 0.5971642834779395, 37.7  # zoom 18 in San Francisco: the plugin's 0.472 m


def radii(lat_deg):
    """Meridian (M) and prime-vertical (N) radii of curvature of WGS 84: ground metres per radian."""
    s = math.sin(math.radians(lat_deg)) ** 2
    return A * (1 - E2) / (1 - E2 * s) ** 1.5, A / math.sqrt(1 - E2 * s)


def mercator_raster(tmp_path, size=64):
    y = A * math.log(math.tan(math.pi / 4 + math.radians(LAT) / 2))  # the raster's centre at LAT
    gt = (-13627361.0, MERCATOR_PX, 0.0, y + size / 2 * MERCATOR_PX, 0.0, -MERCATOR_PX)
    return write_tif(tmp_path / "sf_3857.tif", np.zeros((3, size, size), np.uint8), gt=gt, epsg=3857)


def expected_mercator():
    m, n = radii(LAT)
    cos = math.cos(math.radians(LAT))  # spherical Mercator: d(lat)/dy = d(lon)/dx · cos(lat) = cos(lat)/a
    return math.sqrt(n * cos * MERCATOR_PX / A * m * cos * MERCATOR_PX / A)


def test_web_mercator_pixels_are_measured_on_the_ground(tmp_path):
    plan = plan_view(mercator_raster(tmp_path))
    assert plan.gsd_m == pytest.approx(expected_mercator(), rel=1e-6)
    assert round(plan.gsd_m, 3) == 0.472  # what the plugin showed and stored; map units would say 0.597


def test_utm_pixels_on_the_central_meridian_are_longer_on_the_ground_by_the_scale_factor(tmp_path):
    gt = (500000.0 - 32 * 2.0, 2.0, 0.0, 4000000.0, 0.0, -2.0)  # the view's centre on 15° E
    plan = plan_view(write_tif(tmp_path / "utm.tif", np.zeros((3, 64, 64), np.uint8), gt=gt, epsg=32633))
    assert plan.gsd_m == pytest.approx(2.0 / 0.9996, rel=1e-6)


def test_geographic_pixels_are_metres_on_the_ellipsoid_at_the_views_centre(tmp_path):
    gt = (10.0, 1e-4, 0.0, 45.0 + 32e-4, 0.0, -1e-4)  # centre at 45° N
    plan = plan_view(write_tif(tmp_path / "geo.tif", np.zeros((3, 64, 64), np.uint8), gt=gt, epsg=4326))
    m, n = radii(45.0)
    step = math.radians(1e-4)
    assert plan.gsd_m == pytest.approx(math.sqrt(n * math.cos(math.radians(45.0)) * step * m * step), rel=1e-6)


def test_the_centre_of_the_view_counts_not_its_corner():
    gt = (10.0, 0.01, 0.0, 80.0, 0.0, -0.01)  # 1000 px from 80° N down to 70° N
    near_70 = ground_sample_distance_m(gt, wkt_of(4326), 1000, 1000)
    m, n = radii(75.0)
    step = math.radians(0.01)
    assert near_70 == pytest.approx(math.sqrt(n * math.cos(math.radians(75.0)) * step * m * step), rel=1e-4)


def test_a_crs_without_an_ellipsoid_keeps_its_map_units():
    local = 'LOCAL_CS["site grid",UNIT["metre",1],AXIS["X",EAST],AXIS["Y",NORTH]]'
    assert ground_sample_distance_m((0.0, 0.25, 0.0, 0.0, 0.0, -0.25), local, 10, 10) == pytest.approx(0.25)


class OneMask:
    """A segmenter that finds the middle of every view (the writers' numbers are under test, not the model)."""

    def segment(self, rgb, phrase, top_k=1, valid=None, progress=None, reasoning=True, boxes=None):
        mask = np.zeros(rgb.shape[:2], bool)
        mask[8:24, 8:24] = True
        return SimpleNamespace(masks=[mask], scores=[0.9], model="stub", timings_ms={})


def test_the_cli_pipeline_and_the_tiled_runs_store_ground_metres(tmp_path):
    raster = mercator_raster(tmp_path)
    segment_raster(OneMask(), raster, "a tank", str(tmp_path / "cli.gpkg"))
    ds = ogr.Open(str(tmp_path / "cli.gpkg"))  # the layer lives as long as its dataset
    [feature] = ds.GetLayer(0)
    assert feature.GetField("gsd_m") == pytest.approx(expected_mercator(), abs=1e-4)

    grid = plan_grid(raster, tile=64, overlap=0)  # what `segment --tiled` and Processing write (result_row)
    outcome = TiledOutcome(instances=[], grid=grid, model="stub")
    row = result_row(outcome, SimpleNamespace(score=0.9), 0, "a tank", "sf_3857.tif", "0")
    assert row["gsd_m"] == pytest.approx(expected_mercator(), abs=1e-4)
    assert TileReader(grid).tile(grid.tiles[0]).gsd_m == pytest.approx(expected_mercator(), rel=1e-6)
    coarse = plan_grid(raster, target_gsd_m=0.944, tile=64, overlap=0)  # a target GSD is ground metres too
    assert coarse.out_w == 32 and coarse.gsd_m == pytest.approx(2 * expected_mercator(), rel=1e-2)
    assert read_view(raster).gsd_m == pytest.approx(expected_mercator(), rel=1e-6)

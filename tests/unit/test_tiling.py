"""Tiled segmentation: grid, windows, merge across tile borders (6k×6k scene with a truth backend), modes, cancel."""
from __future__ import annotations

import numpy as np
import pytest
from osgeo import osr

from rrsis_qgis.geo.raster_window import RasterError
from rrsis_qgis.geo.tiled_run import TiledCancelled, run_tiled
from rrsis_qgis.geo.tiling import TileReader, plan_grid, tile_starts
from rrsis_qgis.geo.vectorize import mask_to_geometry
from tests.conftest import write_tif
from tests.unit.tiling_fixture import EPSG, OBJECTS, TruthBackend, write_scene


def iou(a, b) -> float:
    inter = a.Intersection(b)
    common = inter.GetArea() if inter is not None else 0.0
    return common / (a.GetArea() + b.GetArea() - common)


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    path = tmp_path_factory.mktemp("tiling") / "scene6k.tif"
    return path, write_scene(path)


def test_tile_starts_cover_the_length_with_the_overlap():
    assert tile_starts(500, 1024, 128) == [0]
    starts = tile_starts(6000, 1024, 128)
    assert starts[0] == 0 and starts[-1] == 6000 - 1024
    assert all(b - a <= 1024 - 128 for a, b in zip(starts, starts[1:]))


def test_grid_at_a_coarser_gsd_reads_fewer_pixels(tmp_path):
    path = write_tif(tmp_path / "a.tif", np.zeros((3, 300, 400), np.uint8))  # 2 m/px
    native = plan_grid(path, tile=128, overlap=16)
    coarse = plan_grid(path, target_gsd_m=4.0, tile=128, overlap=16)
    assert (native.out_w, native.out_h) == (400, 300) and native.gsd_m == pytest.approx(2.0 / 0.9996, rel=1e-4)
    assert (coarse.out_w, coarse.out_h) == (200, 150) and coarse.gsd_m == pytest.approx(4.0, rel=1e-3)
    finer = plan_grid(path, target_gsd_m=0.5, tile=128, overlap=16)  # never upsampled
    assert (finer.out_w, finer.out_h) == (400, 300)
    view = TileReader(coarse).tile(coarse.tiles[-1])
    assert view.rgb.shape == (128, 128, 3) and view.gsd_m == pytest.approx(4.0, rel=1e-3)


@pytest.mark.parametrize("tile,overlap", [(32, 0), (1024, 600), (5000, 0)])
def test_bad_tile_settings_are_refused(tmp_path, tile, overlap):
    path = write_tif(tmp_path / "a.tif", np.zeros((3, 64, 64), np.uint8))
    with pytest.raises(RasterError):
        plan_grid(path, tile=tile, overlap=overlap)


def test_uint16_tiles_share_one_stretch(tmp_path):
    data = np.tile(np.linspace(0, 4000, 512, dtype=np.uint16), (3, 256, 1))
    path = write_tif(tmp_path / "u16.tif", data)
    grid = plan_grid(path, tile=128, overlap=0)
    reader = TileReader(grid)
    left, right = reader.tile(grid.tiles[0]), reader.tile(grid.tiles[-1])
    assert left.rgb.max() < 80 and right.rgb.min() > 170  # a per-tile stretch would span 0–255 in both


@pytest.mark.slow
def test_every_object_comes_back_once_and_whole(scene):
    path, truth = scene
    grid = plan_grid(str(path), tile=1024, overlap=128)
    assert len(grid.tiles) == 49
    backend = TruthBackend()
    seen = []
    out = run_tiled(grid, "red objects", backend, mode="all", progress=lambda f, m: seen.append(f))
    assert len(out.instances) == len(OBJECTS)
    assert out.model == "truth" and out.requests == 49 and seen[-1] == pytest.approx(1.0)
    for i, true_geom in enumerate(truth.geoms):
        best = max(out.instances, key=lambda inst: iou(inst.geom, true_geom))
        assert iou(best.geom, true_geom) >= 0.95, (i, OBJECTS[i], iou(best.geom, true_geom))
    srs = out.instances[0].geom.GetSpatialReference()
    assert srs is not None and srs.IsSame(osr.SpatialReference(wkt=grid.crs_wkt))
    assert osr.SpatialReference(wkt=grid.crs_wkt).GetAuthorityCode(None) == str(EPSG)


@pytest.mark.slow
def test_objects_are_handed_out_as_soon_as_no_tile_can_change_them(scene):
    path, truth = scene
    grid = plan_grid(str(path), tile=1024, overlap=128)
    emitted = []
    out = run_tiled(grid, "red objects", TruthBackend(), mode="all",
                    on_instance=lambda inst, outcome: emitted.append((inst, outcome.requests)))
    assert out.instances == [] and out.count == len(emitted) == len(OBJECTS)
    first = min(emitted, key=lambda e: e[0].geom.GetEnvelope()[3] * -1)  # the northernmost object
    assert first[1] <= 2 * 7 + 2  # out after the first two rows of tiles (7 per row), not at the end
    for true_geom in truth.geoms:
        assert max(iou(inst.geom, true_geom) for inst, _ in emitted) >= 0.95


@pytest.mark.slow
def test_single_picks_over_the_whole_area_and_cuts_at_native_gsd(scene):
    path, truth = scene
    grid = plan_grid(str(path), tile=1024, overlap=128)
    backend = TruthBackend()
    out = run_tiled(grid, "the largest red object", backend, mode="single", overview_side=1024)
    assert len(out.instances) == 1
    assert iou(out.instances[0].geom, truth.geoms[truth.largest]) >= 0.95
    overview, *refine = backend.queries
    assert max(overview[0]) <= 1024 and overview[3] is None  # the whole area, once, coarse
    assert 1 <= len(refine) <= 4 and all(q[3] for q in refine)  # then only the tiles under its box


@pytest.mark.parametrize("gt,epsg", [((12.0, 1e-5, 0.0, 45.0, 0.0, -1e-5), 4326),  # degrees, ~1 m
                                      ((500000.0, 0.8, 0.6, 4200000.0, 0.6, -0.8), 32633)])  # rotated grid
def test_objects_across_borders_in_degrees_and_on_rotated_grids(tmp_path, gt, epsg):
    data = np.full((3, 700, 700), 110, np.uint8)
    data[:, 200:330, 230:300] = np.array([230, 30, 30])[:, None, None]  # across the first column border
    data[:, 500:540, 100:600] = np.array([230, 30, 30])[:, None, None]  # a bar over three tiles
    path = write_tif(tmp_path / "g.tif", data, gt=gt, epsg=epsg)
    grid = plan_grid(path, tile=256, overlap=32)
    out = run_tiled(grid, "red", TruthBackend(), mode="all")
    assert len(out.instances) == 2
    for rows, cols in ((slice(200, 330), slice(230, 300)), (slice(500, 540), slice(100, 600))):
        truth = np.zeros((700, 700), bool)
        truth[rows, cols] = True
        true_geom = mask_to_geometry(truth, gt, grid.crs_wkt, simplify_px=0)
        assert max(iou(i.geom, true_geom) for i in out.instances) >= 0.95
    srs = out.instances[0].geom.GetSpatialReference()  # traditional x=lon/east order, as GIS files store it
    assert srs.GetAuthorityCode(None) == str(epsg)
    assert srs.IsSame(osr.SpatialReference(wkt=grid.crs_wkt), ["IGNORE_DATA_AXIS_TO_SRS_AXIS_MAPPING=YES"])


def test_score_threshold_drops_weak_objects(scene):
    path, _ = scene
    grid = plan_grid(str(path), extent=(500000.0, 4200000.0 - 700, 500000.0 + 700, 4200000.0),
                     tile=512, overlap=64)  # the top-left 1400 px: the first object only
    weak = run_tiled(grid, "red", TruthBackend(), mode="all", threshold=0.99)
    strong = run_tiled(grid, "red", TruthBackend(), mode="all", threshold=0.0)
    assert len(weak.instances) == 0 and len(strong.instances) == 1


def test_cancel_stops_between_tiles(scene):
    path, _ = scene
    grid = plan_grid(str(path), tile=1024, overlap=128)
    backend = TruthBackend()
    with pytest.raises(TiledCancelled):
        run_tiled(grid, "red", backend, mode="all", cancelled=lambda: len(backend.queries) >= 2)
    assert len(backend.queries) <= 3

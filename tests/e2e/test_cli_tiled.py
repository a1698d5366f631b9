"""`segment --tiled` as a user runs it: a real process with tiny-random weights, real files, progress and exit codes."""
import json

import pytest
from osgeo import ogr

from rrsis_qgis.geo.result_schema import FIELD_NAMES
from tests.e2e.test_cli import check_layer, cli, demo_scene


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return demo_scene(tmp_path_factory, 600, "tiled")


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["all", "single"])
def test_tiled_writes_a_layer_in_the_rasters_crs_with_a_progress_bar(scene, tmp_path, mode):
    out = tmp_path / f"{mode}.gpkg"
    proc = cli("segment", scene, "the white storage tank", "--tiled", "--tile", 384, "--overlap", 64,
               "--mode", mode, "--model", "tiny-random", "--device", "cpu", "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert "4 tile(s)" in summary["view"] and summary["features"] == (1 if mode == "single" else summary["features"])
    assert "100.0 %" in proc.stderr and "tile 1/" in proc.stderr
    check_layer(out, scene)
    vector = ogr.Open(str(out))  # keep the dataset alive while its layer is used
    layer = vector.GetLayer(0)
    defn = layer.GetLayerDefn()
    assert tuple(defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())) == FIELD_NAMES
    assert layer.GetFeatureCount() == summary["features"]


def test_tiled_refuses_a_bad_tile_size(scene, tmp_path):
    proc = cli("segment", scene, "the tank", "--tiled", "--tile", 10, "--model", "tiny-random", "--device", "cpu",
               "--out", tmp_path / "x.gpkg")
    assert proc.returncode == 2 and "--tile" in proc.stderr and "outside 64" in proc.stderr
    proc = cli("segment", scene, "the tank", "--tiled", "--tile", 256, "--overlap", 200, "--model", "tiny-random",
               "--device", "cpu", "--out", tmp_path / "x.gpkg")
    assert proc.returncode == 2 and "overlap must be" in proc.stderr
    assert not (tmp_path / "x.gpkg").exists()

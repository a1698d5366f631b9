"""`python -m rrsis_qgis segment --model trained:CKPT` as a user runs it: a missing checkpoint, a real one."""
import json

import pytest
from osgeo import ogr

from tests.e2e.test_cli import check_layer, cli, demo_scene
from tests.unit.referring_fixture import save_tiny_checkpoint

PHRASE = "the white storage tank"


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return demo_scene(tmp_path_factory, 128)


def test_a_missing_checkpoint_exits_2_and_names_it(tmp_path, scene):
    missing = tmp_path / "runs" / "missing.pt"
    out = tmp_path / "r.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", f"trained:{missing}", "--out", out)
    assert proc.returncode == 2, proc.stderr
    assert str(missing) in proc.stderr and "not found" in proc.stderr
    assert not out.exists()


def test_a_file_that_is_not_a_checkpoint_exits_2_and_names_it(tmp_path, scene):
    bogus = tmp_path / "notes.pt"
    bogus.write_text("this is not a checkpoint\n")
    proc = cli("segment", scene, PHRASE, "--model", f"trained:{bogus}", "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 2, proc.stderr
    assert str(bogus) in proc.stderr


def test_a_tiny_checkpoint_writes_a_geopackage(tmp_path, scene):
    checkpoint = tmp_path / "tiny.pt"
    save_tiny_checkpoint(checkpoint, seed=0)
    out = tmp_path / "result.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", f"trained:{checkpoint}", "--out", out, "--top-k", 2, "--json")
    assert proc.returncode == 0, proc.stderr
    assert f"loading model 'trained:{checkpoint}'" in proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert summary["output"] == str(out) and summary["crs"] == "EPSG:32616"
    assert {"prompter", "sam2_decoder", "write"} <= set(summary["timings_ms"])
    assert out.is_file()
    count = check_layer(out, scene)  # in the raster's CRS, inside its extent, valid geometries
    assert count == summary["features"] == len(summary["scores"]) and count <= 2
    vector = ogr.Open(str(out))
    for feature in vector.GetLayer(0):
        assert feature.GetField("model") == f"trained:{checkpoint.resolve()}"
        assert feature.GetField("prompt") == PHRASE

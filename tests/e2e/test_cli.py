"""The command line as a user runs it: a real process, real files, exit codes and messages."""
import signal
import subprocess
import sys
import time

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from tests.conftest import REPO, write_tif

PHRASE = "the white storage tank left of the road"


def cli(*args, timeout=300):
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis", *map(str, args)], cwd=REPO,
                          capture_output=True, text=True, timeout=timeout)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


def demo_scene(tmp_path_factory, size: int, folder: str = "scene"):
    """The CLI's own demo raster, ``size`` px square, in a new temporary folder."""
    path = tmp_path_factory.mktemp(folder) / "scene.tif"
    assert cli("demo-raster", path, "--size", size).returncode == 0
    return path


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return demo_scene(tmp_path_factory, 256)


def check_layer(out, raster):
    """The output opens, is in the raster's CRS and every feature lies inside the raster's extent."""
    ds = gdal.Open(str(raster))
    gt, w, h = ds.GetGeoTransform(), ds.RasterXSize, ds.RasterYSize
    xs = [gt[0], gt[0] + w * gt[1]]
    ys = [gt[3], gt[3] + h * gt[5]]
    vector = ogr.Open(str(out))  # keep the dataset alive while its layer is used
    layer = vector.GetLayer(0)
    raster_srs = osr.SpatialReference(wkt=ds.GetProjection())
    assert layer.GetSpatialRef().IsSame(raster_srs), layer.GetSpatialRef().ExportToWkt()
    for feat in layer:
        xmin, xmax, ymin, ymax = feat.GetGeometryRef().GetEnvelope()
        assert min(xs) - 1e-6 <= xmin <= xmax <= max(xs) + 1e-6
        assert min(ys) - 1e-6 <= ymin <= ymax <= max(ys) + 1e-6
        assert feat.GetField("prompt") and feat.GetField("status") == "candidate"
        assert feat.GetGeometryRef().IsValid()
    return layer.GetFeatureCount()


def test_tiny_random_writes_a_valid_layer(tmp_path, scene):
    out = tmp_path / "result.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", "tiny-random", "--out", out, "--top-k", 2)
    assert proc.returncode == 0, proc.stderr
    assert "SAM 2 image encoder" in proc.stderr  # a progress line per stage
    assert "EPSG:32616" in proc.stdout and "written to" in proc.stdout
    assert 1 <= check_layer(out, scene) <= 2


def test_missing_weights_exit_code_and_message(tmp_path, scene):
    proc = cli("segment", scene, PHRASE, "--out", tmp_path / "r.gpkg", "--models-dir", tmp_path / "models")
    assert proc.returncode == 3
    for needed in ("sam2.1_hiera_tiny.pt", "https://dl.fbaipublicfiles.com/segment_anything_2/092824/",
                   "ViT-B-16.pt", str(tmp_path / "models"), "python -m rrsis_qgis download"):
        assert needed in proc.stderr
    assert not (tmp_path / "r.gpkg").exists()


@pytest.mark.parametrize("phrase", ["", "   "])
def test_empty_phrase_is_refused(tmp_path, scene, phrase):
    proc = cli("segment", scene, phrase, "--model", "tiny-random", "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 2 and "phrase is empty" in proc.stderr


def test_raster_without_crs_is_refused_clearly(tmp_path):
    raster = write_tif(tmp_path / "nocrs.tif", np.zeros((3, 32, 32), np.uint8), epsg=None)
    proc = cli("segment", raster, PHRASE, "--model", "tiny-random", "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 2 and "no coordinate reference system" in proc.stderr


def test_missing_raster_and_bad_extent_are_refused(tmp_path, scene):
    proc = cli("segment", tmp_path / "nope.tif", PHRASE, "--model", "tiny-random", "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 2 and "does not exist" in proc.stderr
    proc = cli("segment", scene, PHRASE, "--model", "tiny-random", "--out", tmp_path / "r.gpkg",
               "--extent", "1,2,3")
    assert proc.returncode == 2 and "four numbers" in proc.stderr


@pytest.mark.slow
@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["spacenet4_atlanta_pan_sample.tif", "rasterio_cogeo.tif",
                                  "webodm_brighton_orthophoto.tif", "rasterio_RGB.byte.tif"])
def test_real_rasters_give_layers_in_their_crs_inside_their_extent(tmp_path, shared_data, name):
    out = tmp_path / "result.shp"
    proc = cli("segment", shared_data / name, PHRASE, "--model", "tiny-random", "--out", out, "--top-k", 3)
    assert proc.returncode == 0, proc.stderr
    assert check_layer(out, shared_data / name) >= 1


@pytest.mark.shared_data
def test_extent_on_a_real_raster_limits_the_features(tmp_path, shared_data):
    raster = shared_data / "spacenet4_atlanta_pan_sample.tif"
    gt = gdal.Open(str(raster)).GetGeoTransform()
    extent = (gt[0] + 100, gt[3] - 300, gt[0] + 250, gt[3] - 100)  # 300×400 px of the 900×900 tile
    out = tmp_path / "win.gpkg"
    proc = cli("segment", raster, PHRASE, "--model", "tiny-random", "--out", out, "--extent",
               ",".join(map(str, extent)), "--json")
    assert proc.returncode == 0, proc.stderr
    assert '"view": "300\\u00d7400 px @ 0.5 m/px"' in proc.stdout
    vector = ogr.Open(str(out))
    for feat in vector.GetLayer(0):
        xmin, xmax, ymin, ymax = feat.GetGeometryRef().GetEnvelope()
        assert extent[0] <= xmin and xmax <= extent[2] and extent[1] <= ymin and ymax <= extent[3]


def test_output_problems_are_found_before_the_model_loads(tmp_path, scene):
    out = tmp_path / "kept.gpkg"
    assert cli("segment", scene, PHRASE, "--model", "tiny-random", "--out", out).returncode == 0
    before = out.read_bytes()
    out.chmod(0o444)
    proc = cli("segment", scene, PHRASE, "--model", "tiny-random", "--out", out)
    assert proc.returncode == 4 and "read-only" in proc.stderr and "loading model" not in proc.stderr
    assert out.read_bytes() == before and out.stat().st_mode & 0o777 == 0o444
    for bad, says in ((tmp_path / "nowhere" / "out.gpkg", "does not exist"), (tmp_path, "is a folder"),
                      (tmp_path / "out.csv", "unsupported output format")):
        proc = cli("segment", scene, PHRASE, "--model", "tiny-random", "--out", bad)
        assert proc.returncode == 4 and says in proc.stderr and "loading model" not in proc.stderr, proc.stderr


@pytest.mark.parametrize("args, says", [
    (["--top-k", "0"], "--top-k 0"), (["--top-k", "-3"], "--top-k -3"),
    (["--extent=-inf,0,10,10"], "finite"), (["--extent=nan,0,10,10"], "finite"),
    (["--extent", "0,0,1,1"], "does not overlap"), (["--bands", "1,2,9"], "do not exist"),
])
def test_bad_options_exit_2_before_the_model_loads(tmp_path, scene, args, says):
    out = tmp_path / "out.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", "tiny-random", "--out", out, *args)
    assert proc.returncode == 2 and says in proc.stderr, proc.stderr
    assert "loading model" not in proc.stderr and not out.exists()


@pytest.mark.parametrize("after_s", [0.4, 1.5])
def test_ctrl_c_while_starting_is_a_message_not_a_traceback(tmp_path, scene, after_s):
    out = tmp_path / "out.gpkg"
    proc = subprocess.Popen([sys.executable, "-m", "rrsis_qgis", "segment", str(scene), PHRASE,
                             "--model", "tiny-random", "--out", str(out)],
                            cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(after_s)
    proc.send_signal(signal.SIGINT)
    _, stderr = proc.communicate(timeout=120)
    assert proc.returncode == 130 and "interrupted" in stderr and "Traceback" not in stderr, stderr
    assert not out.exists() and not list(tmp_path.glob(".rrsis-*"))

"""`segment --cluster`: what the command line refuses before any worker starts, with a message and exit 2."""
import pytest

from rrsis_qgis import cli
from tests.conftest import write_tif
from tests.unit.cluster_fixture import write_red_scene


@pytest.fixture
def raster(tmp_path):
    return write_red_scene(tmp_path / "red.tif")


def run(capsys, *args):
    code = cli.main(["segment", *map(str, args)])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("extra, message", [
    (["--tiled", "--cluster", "local:2", "--mode", "single"], "--cluster runs --mode all"),
    (["--cluster", "local:2"], "add --tiled"),
    (["--tiled"], "several rasters (or a folder) need --tiled --cluster"),
])
def test_what_a_cluster_run_refuses(raster, tmp_path, capsys, extra, message):
    second = write_red_scene(tmp_path / "second.tif") if extra == ["--tiled"] else raster
    rasters = [raster, second] if extra == ["--tiled"] else [raster]
    code, err = run(capsys, *rasters, "the red objects", "--out", tmp_path / "x.gpkg", *extra)
    assert code == cli.EXIT_BAD_INPUT and message in err and "Traceback" not in err
    assert not (tmp_path / "x.gpkg").exists()


def test_a_malformed_cluster_address_is_refused_by_the_parser(raster, tmp_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        cli.main(["segment", raster, "the red objects", "--out", str(tmp_path / "x.gpkg"), "--tiled",
                  "--cluster", "10.0.0.5"])
    assert exit_.value.code == 2 and "tcp://10.0.0.5:8786" in capsys.readouterr().err


def test_rasters_in_different_crs_and_a_folder_without_rasters_are_refused(raster, tmp_path, capsys):
    import numpy as np

    other = write_tif(tmp_path / "utm34.tif", np.zeros((3, 100, 100), np.uint8), epsg=32634)
    code, err = run(capsys, raster, other, "the red objects", "--out", tmp_path / "x.gpkg", "--tiled",
                    "--cluster", "local:1")
    assert code == cli.EXIT_BAD_INPUT and "another CRS" in err and "utm34.tif" in err
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no raster")
    code, err = run(capsys, tmp_path / "empty", "the red objects", "--out", tmp_path / "x.gpkg", "--tiled",
                    "--cluster", "local:1")
    assert code == cli.EXIT_BAD_INPUT and "holds no raster" in err


def test_a_folder_gives_its_rasters_sorted_and_a_raster_named_twice_is_refused(tmp_path):
    import numpy as np

    from rrsis_qgis.cluster.inputs import expand_rasters
    from rrsis_qgis.geo.raster_window import RasterError

    folder = tmp_path / "scenes"
    folder.mkdir()
    for name in ("b.tif", "a.tif"):
        write_tif(folder / name, np.zeros((3, 8, 8), np.uint8))
    (folder / "a.tif.aux.xml").write_text("<PAMDataset/>")
    (folder / "notes.txt").write_text("not a raster")
    single = write_tif(tmp_path / "c.tif", np.zeros((3, 8, 8), np.uint8))
    assert expand_rasters([str(folder), single]) == [str(folder / "a.tif"), str(folder / "b.tif"), single]
    with pytest.raises(RasterError, match="named twice"):
        expand_rasters([str(folder), str(folder / "a.tif")])
    with pytest.raises(RasterError, match="does not exist"):
        expand_rasters([str(tmp_path / "missing.tif")])

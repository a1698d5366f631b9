"""Output names a file system or GDAL makes hard: too long, starting with '-', a full disk: clear messages, exit 4."""
import errno
import sqlite3

import numpy as np
import pytest
from rrsis_qgis import cli
from rrsis_qgis.geo import vector_writer
from rrsis_qgis.geo.vector_writer import WriteError, write_features
from tests.conftest import wkt_of, write_tif
from tests.unit.test_vector_writer import features
from tests.unit.test_write_safety import feature_count


@pytest.fixture
def raster(tmp_path):
    return write_tif(tmp_path / "scene.tif", np.zeros((3, 8, 8), np.uint8))


def segment(raster, out, monkeypatch=None):
    """`segment RASTER PHRASE --out OUT` as far as it goes without a model (the output is checked first)."""
    return cli.main(["segment", raster, "a tank", "--out", str(out), "--model", "no-such-model"])


@pytest.mark.parametrize("name, says", [("n" * 251 + ".gpkg", "file name"), ("n" * 252 + ".shp", "file name"),
                                        ("n" * 250 + ".gpkg", "-journal")])
def test_a_name_the_file_system_cannot_hold_is_a_clear_message(tmp_path, raster, capsys, name, says):
    code = segment(raster, tmp_path / name)
    err = capsys.readouterr().err
    assert code == cli.EXIT_WRITE, err
    assert says in err and "shorter name" in err and "unexpected" not in err and "CREATE" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scene.tif"]


def test_a_path_over_the_system_limit_is_a_clear_message(tmp_path, raster, capsys):
    deep = tmp_path.joinpath(*["d" * 200] * 21) / "out.gpkg"  # > 4096 bytes
    code = segment(raster, deep)
    err = capsys.readouterr().err
    assert code == cli.EXIT_WRITE, err
    assert "path" in err and "unexpected" not in err


@pytest.mark.parametrize("name", ["n" * 242 + ".gpkg", "n" * 251 + ".shp"])  # 247 and 255 bytes: the longest
def test_the_longest_names_that_fit_are_written(tmp_path, name):
    path = tmp_path / name
    assert write_features(str(path), features(2), wkt_of(32633)) == 2
    assert feature_count(str(path)) == 2
    if name.endswith(".gpkg"):  # and stay editable: SQLite's journal beside it fits too
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE edit(x)")
        con.commit()
        con.close()
    assert not list(tmp_path.glob(".rrsis-*"))


@pytest.mark.parametrize("name", ["-dash.gpkg", "-dash.shp", "#hash.gpkg"])
def test_a_name_starting_with_a_dash_is_written(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    assert write_features(name, features(2), wkt_of(32633)) == 2
    assert feature_count(str(tmp_path / name)) == 2


def test_the_cli_takes_an_output_starting_with_a_dash(tmp_path, raster, monkeypatch):
    seen = {}
    monkeypatch.setattr(cli, "_segment", lambda args: seen.setdefault("out", args.out) and 0)
    assert cli.main(["segment", raster, "a tank", "--out", "-dash.gpkg"]) == 0
    assert seen["out"] == "-dash.gpkg"


def test_a_full_disk_while_a_geopackage_is_written_is_a_clear_message(tmp_path, monkeypatch, capsys):
    path = tmp_path / "out.gpkg"
    write_features(str(path), features(2), wkt_of(32633))
    before = path.read_bytes()
    real_write = vector_writer._write

    def full(tmp, *args):
        real_write(tmp, *args)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(vector_writer, "_write", full)
    with pytest.raises(WriteError, match="disk is full.*unchanged"):
        write_features(str(path), features(5), wkt_of(32633))
    assert path.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]

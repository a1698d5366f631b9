"""Replacing an output never leaves a mixed or damaged file: Shapefile sets, read-only parts, other holders, Ctrl+C."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from osgeo import ogr

from rrsis_qgis import cli
from rrsis_qgis.geo import file_set, vector_writer
from rrsis_qgis.geo.vector_writer import WriteError, write_features
from tests.conftest import wkt_of, write_tif
from tests.unit.test_vector_writer import features

SIDECARS = (".shp.xml", ".sbn", ".sbx", ".qix")  # what other programs add beside a Shapefile


def old_shapefile_set(folder: Path) -> dict:
    """An existing Shapefile of 3 features with the sidecars other programs leave; returns name → bytes."""
    write_features(str(folder / "out.shp"), features(3), wkt_of(32633))
    for ext in SIDECARS:
        (folder / f"out{ext}").write_bytes(f"old {ext}".encode())
    return snapshot(folder)


def feature_count(path: str) -> int:
    ds = ogr.Open(path)  # the layer lives as long as its dataset
    return ds.GetLayer(0).GetFeatureCount()


def snapshot(folder: Path) -> dict:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


def count_replace_calls(tmp_path) -> int:
    folder = tmp_path / "dry"
    folder.mkdir()
    old_shapefile_set(folder)
    calls = []
    real = os.replace

    def counting(src, dst):
        calls.append((src, dst))
        return real(src, dst)

    file_set.os.replace = counting
    try:
        write_features(str(folder / "out.shp"), features(1), wkt_of(32633))
    finally:
        file_set.os.replace = real
    return len(calls)


def test_a_shapefile_set_is_replaced_whole_or_not_at_all_whichever_step_fails(tmp_path, monkeypatch):
    steps = count_replace_calls(tmp_path)
    assert steps >= 2 * 4  # every old part moved aside, every new part moved in
    real = os.replace
    for k in range(steps):
        folder = tmp_path / f"fail-at-{k}"
        folder.mkdir()
        before = old_shapefile_set(folder)
        calls = []

        def failing(src, dst, k=k, calls=calls):
            calls.append(src)
            if len(calls) == k + 1:
                raise OSError(5, "Input/output error (injected)")
            return real(src, dst)

        monkeypatch.setattr(file_set.os, "replace", failing)
        with pytest.raises(WriteError, match="unchanged"):
            write_features(str(folder / "out.shp"), features(1), wkt_of(32633))
        monkeypatch.setattr(file_set.os, "replace", real)
        assert snapshot(folder) == before, f"step {k}: the old set was not restored"
        assert feature_count(str(folder / "out.shp")) == 3
        assert not list(folder.glob(".rrsis-*"))


def test_a_replaced_shapefile_set_is_the_new_one_complete(tmp_path):
    old_shapefile_set(tmp_path)
    write_features(str(tmp_path / "out.shp"), features(1), wkt_of(32633))
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["out.cpg", "out.dbf", "out.prj", "out.shp", "out.shx"]  # no sidecar of the old set
    assert feature_count(str(tmp_path / "out.shp")) == 1


@pytest.mark.parametrize("ext", [".dbf", ".shx", ".prj", ".cpg", ".shp.xml"])
def test_a_read_only_part_of_a_shapefile_is_refused_and_the_set_kept(tmp_path, ext):
    before = old_shapefile_set(tmp_path)
    (tmp_path / f"out{ext}").chmod(0o444)
    with pytest.raises(WriteError, match=rf"out\{ext} is read-only"):
        write_features(str(tmp_path / "out.shp"), features(1), wkt_of(32633))
    assert snapshot(tmp_path) == before


EDITOR = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1], isolation_level=None)
assert con.execute("PRAGMA journal_mode=DELETE").fetchone() == ("delete",)
con.execute("CREATE TABLE IF NOT EXISTS scratch(x)")
if sys.argv[2] == "pending":
    con.execute("BEGIN")
    con.execute("INSERT INTO scratch VALUES ('not committed yet')")
print("ready", flush=True)
sys.stdin.readline()  # the user goes on editing: their next change lands in the file they hold open
con.execute("INSERT INTO scratch VALUES ('their edit')")
if sys.argv[2] == "pending":
    con.execute("COMMIT")
con.close()
"""


@pytest.mark.parametrize("pending", ["idle", "pending"])
def test_gpkg_open_for_writing_in_journal_mode_is_refused_and_left_alone(tmp_path, pending):
    """Another program (sqlite3, an older QGIS) with the GeoPackage open in rollback-journal mode."""
    path = tmp_path / "out.gpkg"
    write_features(str(path), features(2), wkt_of(32633))
    editor = subprocess.Popen([sys.executable, "-c", EDITOR, str(path), pending], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True)
    try:
        assert editor.stdout.readline().strip() == "ready"
        inode = path.stat().st_ino
        with pytest.raises(WriteError, match="open in another program"):
            write_features(str(path), features(5), wkt_of(32633))
        assert path.stat().st_ino == inode  # still the file the editor writes into
    finally:
        editor.communicate("go on\n", timeout=60)
    assert editor.returncode == 0
    rows = [r[0] for r in sqlite3.connect(path).execute("SELECT x FROM scratch")]
    assert "their edit" in rows  # their work is in the file at the path


def test_gpkg_only_read_by_another_program_can_be_replaced(tmp_path):
    path = tmp_path / "out.gpkg"
    write_features(str(path), features(2), wkt_of(32633))
    reader = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        reader.execute("SELECT count(*) FROM sqlite_master").fetchall()
        assert write_features(str(path), features(5), wkt_of(32633)) == 5  # a reader loses nothing
    finally:
        reader.close()


def test_ctrl_c_during_the_final_moves_waits_until_the_set_is_whole(tmp_path, monkeypatch):
    old_shapefile_set(tmp_path)
    real, calls = os.replace, []

    def interrupted(src, dst):
        calls.append(src)
        if len(calls) == 3:
            signal.raise_signal(signal.SIGINT)  # Ctrl+C in the middle of the moves
        return real(src, dst)

    monkeypatch.setattr(file_set.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_features(str(tmp_path / "out.shp"), features(1), wkt_of(32633))
    monkeypatch.setattr(file_set.os, "replace", real)
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == [
        "out.cpg", "out.dbf", "out.prj", "out.shp", "out.shx"]
    assert feature_count(str(tmp_path / "out.shp")) == 1


@pytest.mark.parametrize("written", [True, False])
def test_ctrl_c_reports_truly_whether_the_output_was_written(tmp_path, monkeypatch, capsys, written):
    out = tmp_path / "out.gpkg"
    write_features(str(out), features(2), wkt_of(32633))

    def segment(args):
        if written:
            write_features(str(args.out), features(1), wkt_of(32633))
        raise KeyboardInterrupt  # after the output was replaced, e.g. while the summary is printed

    monkeypatch.setattr(cli, "_segment", segment)
    code = cli.main(["segment", str(tmp_path / "r.tif"), "a tank", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERRUPTED
    if written:
        assert "nothing was written" not in err and f"{out} was written" in err
    else:
        assert "nothing was written" in err


def test_when_even_putting_the_old_set_back_fails_its_files_are_kept_and_named(tmp_path, monkeypatch):
    before = old_shapefile_set(tmp_path)
    real, calls = os.replace, []

    def broken_disk(src, dst):  # the third move fails, and so does every move after it
        calls.append(src)
        if len(calls) >= 3:
            raise OSError(5, "Input/output error (injected)")
        return real(src, dst)

    monkeypatch.setattr(file_set.os, "replace", broken_disk)
    with pytest.raises(WriteError, match="previous files are kept in") as info:
        write_features(str(tmp_path / "out.shp"), features(1), wkt_of(32633))
    monkeypatch.setattr(file_set.os, "replace", real)
    aside = Path(str(info.value).split("kept in ")[1])
    kept = {**snapshot(tmp_path), **snapshot(aside)}
    assert kept == before  # every byte of the old set is somewhere the message names
    old = time.time() - 2 * 3600
    os.utime(aside.parent, (old, old))
    write_features(str(tmp_path / "other.gpkg"), features(1), wkt_of(32633))  # sweeps stale temp folders
    left = snapshot(aside)
    assert left and all(before[name] == data for name, data in left.items())  # not swept: the user's files


def test_a_ctrl_c_that_a_library_swallowed_while_loading_still_stops_the_run(tmp_path, monkeypatch, capsys):
    """Importing torch can catch the KeyboardInterrupt of a Ctrl+C (a bare `except:`): the CLI still stops."""
    raster = write_tif(tmp_path / "scene.tif", np.zeros((3, 8, 8), np.uint8))
    out = tmp_path / "out.gpkg"

    def load_model(args):
        try:
            signal.raise_signal(signal.SIGINT)
        except:  # noqa: E722 (what the library does)
            pass
        return SimpleNamespace(device="cpu")  # a model that cannot segment: the run must stop before it

    monkeypatch.setattr(cli, "_load_model", load_model)
    code = cli.main(["segment", raster, "a tank", "--out", str(out)])
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    assert code == cli.EXIT_INTERRUPTED and "nothing was written" in capsys.readouterr().err
    assert not out.exists()

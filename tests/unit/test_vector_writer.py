import os
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from osgeo import ogr

from rrsis_qgis.geo.result_schema import FIELD_NAMES
from rrsis_qgis.geo.vector_writer import ResultFeature, WriteError, write_features
from tests.conftest import REPO, wkt_of


def square(x0, y0, side=10.0):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for x, y in ((x0, y0), (x0 + side, y0), (x0 + side, y0 + side), (x0, y0 + side), (x0, y0)):
        ring.AddPoint_2D(x, y)
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def features(n=2):
    return [ResultFeature(square(500000 + 20 * i, 4000000), {"prompt": f"tank {i}", "score": 0.5 + i / 10,
                                                              "status": "candidate"}) for i in range(n)]


@pytest.mark.parametrize("name", ["out.gpkg", "out.shp"])
def test_round_trip_keeps_fields_crs_and_geometry(tmp_path, name):
    path = tmp_path / name
    assert write_features(str(path), features(), wkt_of(32633)) == 2
    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    defn = layer.GetLayerDefn()
    assert [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())] == list(FIELD_NAMES)
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "32633"
    feats = list(layer)
    assert [f.GetField("prompt") for f in feats] == ["tank 0", "tank 1"]
    assert feats[1].GetField("score") == pytest.approx(0.6)
    assert feats[0].GetGeometryRef().GetArea() == pytest.approx(100.0)
    assert not list(tmp_path.glob(".rrsis-*")), "temporary folder left behind"


def test_overwrite_replaces_the_whole_file_and_stale_sidecars(tmp_path):
    path = tmp_path / "out.shp"
    write_features(str(path), features(3), wkt_of(32633))
    (tmp_path / "out.qix").write_bytes(b"stale index of the old file")
    write_features(str(path), features(1), wkt_of(32633))
    ds = ogr.Open(str(path))
    assert ds.GetLayer(0).GetFeatureCount() == 1
    assert not (tmp_path / "out.qix").exists()


def test_unsupported_format_and_missing_folder_are_clear(tmp_path):
    with pytest.raises(WriteError, match="use .gpkg or .shp"):
        write_features(str(tmp_path / "out.csv"), features(), wkt_of(32633))
    with pytest.raises(WriteError, match="does not exist"):
        write_features(str(tmp_path / "nope" / "out.gpkg"), features(), wkt_of(32633))


@pytest.mark.parametrize("name", ["out.gpkg", "out.shp"])
def test_disk_full_keeps_the_previous_file_intact(tmp_path, name):
    """RLIMIT_FSIZE makes every write past 64 kB fail with EFBIG, as a full disk would."""
    path = tmp_path / name
    write_features(str(path), features(1), wkt_of(32633))
    before = path.read_bytes()
    script = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        from tests.unit.test_vector_writer import features
        from tests.conftest import REPO, wkt_of
        from rrsis_qgis.geo.vector_writer import write_features, WriteError
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
        for f in features(1): f.attributes["prompt"] = "x" * 250
        try:
            write_features({str(path)!r}, features(3000), wkt_of(32633))
        except WriteError as exc:
            print("WriteError:", exc)
            sys.exit(0)
        sys.exit("no error raised")
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "could not write" in proc.stdout
    assert "Exception ignored" not in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".rrsis-*"))


def _prompts(path):
    result = subprocess.run(["ogrinfo", "-al", "-q", str(path)], capture_output=True, text=True)
    return sorted(line.split("=", 1)[1].strip() for line in result.stdout.splitlines() if "prompt (String)" in line)


def _edit_in_wal_mode(path):
    """An editor (QGIS, sqlite3) with the GeoPackage open in WAL mode: its changes live in OUT.gpkg-wal."""
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE scratch(x)")
    con.executemany("INSERT INTO scratch VALUES (?)", [("x" * 500,)] * 200)
    con.execute(f"DELETE FROM {path.stem}")
    con.commit()
    return con


def test_gpkg_open_in_another_program_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "out.gpkg"
    write_features(str(path), features(2), wkt_of(32633))
    con = _edit_in_wal_mode(path)
    try:
        with pytest.raises(WriteError, match="open in another program"):
            write_features(str(path), features(5), wkt_of(32633))
        assert con.execute("SELECT count(*) FROM scratch").fetchone() == (200,)  # their work is intact
    finally:
        con.close()
    assert not list(tmp_path.glob(".rrsis-*"))


def test_stale_wal_left_by_a_crashed_editor_is_not_replayed_into_the_new_file(tmp_path):
    path = tmp_path / "out.gpkg"
    write_features(str(path), features(2), wkt_of(32633))
    con = _edit_in_wal_mode(path)
    saved = {s: Path(f"{path}{s}").read_bytes() for s in ("-wal", "-shm")}
    con.close()  # a clean close checkpoints and deletes them; put them back as a crash would leave them
    for suffix, data in saved.items():
        Path(f"{path}{suffix}").write_bytes(data)
    assert write_features(str(path), features(5), wkt_of(32633)) == 5
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.gpkg"]
    assert _prompts(path) == [f"tank {i}" for i in range(5)]
    assert sqlite3.connect(path).execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_read_only_output_is_refused_and_kept(tmp_path):
    path = tmp_path / "out.gpkg"
    write_features(str(path), features(2), wkt_of(32633))
    path.chmod(0o444)
    with pytest.raises(WriteError, match="read-only"):
        write_features(str(path), features(5), wkt_of(32633))
    assert _prompts(path) == ["tank 0", "tank 1"] and oct(path.stat().st_mode & 0o777) == "0o444"


def test_read_only_folder_is_refused_before_writing(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as root: permissions are not enforced")
        with pytest.raises(WriteError, match="not writable"):
            write_features(str(locked / "out.gpkg"), features(1), wkt_of(32633))
    finally:
        locked.chmod(0o755)


def test_temp_folders_of_a_killed_writer_are_swept(tmp_path):
    stale, fresh = tmp_path / ".rrsis-stale", tmp_path / ".rrsis-fresh"
    for folder in (stale, fresh):
        folder.mkdir()
        (folder / "out.gpkg").write_bytes(b"half")
    old = time.time() - 2 * 3600
    os.utime(stale, (old, old))
    write_features(str(tmp_path / "out.gpkg"), features(1), wkt_of(32633))
    assert not stale.exists() and fresh.exists()  # a young one may belong to a writer still running

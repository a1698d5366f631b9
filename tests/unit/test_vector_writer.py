import subprocess
import sys
import textwrap

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
    assert path.read_bytes() == before
    assert not list(tmp_path.glob(".rrsis-*"))

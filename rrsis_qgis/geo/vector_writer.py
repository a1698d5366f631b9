"""Write result polygons to GeoPackage or Shapefile atomically: a temp file beside the target, then rename."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from osgeo import gdal, ogr, osr

from .result_schema import RESULT_FIELDS

gdal.UseExceptions()
ogr.UseExceptions()

DRIVERS = {".gpkg": "GPKG", ".shp": "ESRI Shapefile"}
SHAPEFILE_PARTS = (".dbf", ".shx", ".prj", ".cpg", ".qix", ".shp")  # .shp last: it makes the set whole


class WriteError(OSError):
    """The output could not be written; any earlier file at the path is left as it was."""


@dataclass
class ResultFeature:
    geometry: ogr.Geometry
    attributes: dict = field(default_factory=dict)


def write_features(path: str, features: Iterable[ResultFeature], crs_wkt: str) -> int:
    """Write ``features`` to ``path`` (.gpkg or .shp), replacing it whole; returns the feature count."""
    target = Path(path)
    driver_name = DRIVERS.get(target.suffix.lower())
    check_target(target)
    _sweep_stale_temp_folders(target.parent)
    try:
        tmp_dir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent))
    except OSError as exc:
        raise WriteError(f"could not write {target}: {_reason(exc, target.parent)}") from None
    try:
        count = _write(tmp_dir / target.name, driver_name, features, crs_wkt)
        if driver_name == "GPKG":
            release_sqlite_sidecars(target)
        _move_into_place(tmp_dir, target)
        return count
    except WriteError:
        raise
    except (RuntimeError, OSError) as exc:
        raise WriteError(f"could not write {target}: {_reason(exc, target.parent)}") from None
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


TEMP_PREFIX = ".rrsis-"
STALE_TEMP_S = 3600  # a writer's temp folder older than this was left by a killed process
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")


def check_target(target: Path) -> None:
    """Refuse, before any work, an output that cannot be written: missing or read-only folder or file."""
    if target.is_dir():
        raise WriteError(f"{target} is a folder; give a file name ending in .gpkg or .shp")
    if target.suffix.lower() not in DRIVERS:
        raise WriteError(f"unsupported output format {target.suffix!r}: use .gpkg or .shp")
    if not target.parent.is_dir():
        raise WriteError(f"output folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise WriteError(f"output folder {target.parent} is not writable")
    # the mode bits, not os.access: root may write anything, but a file marked read-only was meant to stay
    if target.exists() and (not os.access(target, os.W_OK) or not target.stat().st_mode & 0o222):
        raise WriteError(f"{target} is read-only; it was left unchanged (make it writable or choose another name)")


def release_sqlite_sidecars(target: Path) -> None:
    """Make sure no -wal/-shm/-journal of an old ``target`` can be applied to the file that replaces it.

    SQLite finds those files by name: a stale WAL beside a new GeoPackage is replayed into it and corrupts
    it. If nobody has the database open, checkpoint it and switch it to rollback mode (SQLite then deletes
    the sidecars itself); if somebody does (QGIS editing it), refuse: replacing it would lose their work.
    """
    if not any(Path(f"{target}{suffix}").exists() for suffix in SQLITE_SIDECARS):
        return
    busy = f"{target} is open in another program (e.g. QGIS); close it there or choose another file name"
    try:
        con = sqlite3.connect(f"file:{target}?mode=rw", uri=True, timeout=0, isolation_level=None)
        try:
            con.execute("PRAGMA locking_mode=EXCLUSIVE")
            con.execute("SELECT count(*) FROM sqlite_master").fetchone()  # replays or rolls back what is left
            con.execute("PRAGMA journal_mode=DELETE").fetchone()
        finally:
            con.close()
    except sqlite3.OperationalError as exc:
        if "locked" in str(exc) or "busy" in str(exc):
            raise WriteError(busy) from None
        _remove_sidecars(target)  # not a database SQLite can open: its sidecars belong to nothing
    except sqlite3.DatabaseError:
        _remove_sidecars(target)
    if any(Path(f"{target}{suffix}").exists() for suffix in ("-wal", "-journal")):
        raise WriteError(busy)
    Path(f"{target}-shm").unlink(missing_ok=True)


def _remove_sidecars(target: Path) -> None:
    for suffix in SQLITE_SIDECARS:
        Path(f"{target}{suffix}").unlink(missing_ok=True)


def _sweep_stale_temp_folders(folder: Path) -> None:
    """Remove temp folders that a killed writer left behind (hidden, prefixed, older than an hour)."""
    now = time.time()
    for tmp in folder.glob(TEMP_PREFIX + "*"):
        try:
            if tmp.is_dir() and now - tmp.stat().st_mtime > STALE_TEMP_S:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


def _write(path: Path, driver_name: str, features, crs_wkt: str) -> int:
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    options = ["ENCODING=UTF-8"] if driver_name == "ESRI Shapefile" else []
    ds = ogr.GetDriverByName(driver_name).CreateDataSource(str(path))
    layer = ds.CreateLayer(path.stem, srs=srs, geom_type=ogr.wkbMultiPolygon, options=options)
    for name, kind, width in RESULT_FIELDS:
        defn = ogr.FieldDefn(name, kind)
        if width:
            defn.SetWidth(width)
        layer.CreateField(defn)
    count = 0
    layer.StartTransaction()
    for feat in features:
        out = ogr.Feature(layer.GetLayerDefn())
        out.SetGeometry(ogr.ForceToMultiPolygon(feat.geometry.Clone()))
        for name, value in feat.attributes.items():
            if value is not None:
                out.SetField(name, value)
        layer.CreateFeature(out)
        count += 1
    layer.CommitTransaction()
    layer.SyncToDisk()
    ds.FlushCache()
    ds = None  # closes and flushes; errors surface as exceptions under UseExceptions
    return count


def _move_into_place(tmp_dir: Path, target: Path) -> None:
    if target.suffix.lower() != ".shp":
        os.replace(tmp_dir / target.name, target)
        return
    for ext in SHAPEFILE_PARTS:
        new, old = tmp_dir / (target.stem + ext), target.with_suffix(ext)
        if new.exists():
            os.replace(new, old)
        elif old.exists():  # a sidecar of the previous file that the new one does not have
            old.unlink()


LOW_SPACE_BYTES = 1 << 20
DISK_FULL_SIGNS = ("no space left", "disk is full", "disk i/o error", "file too large")


def _reason(exc: BaseException, folder: Path) -> str:
    text = str(exc) or exc.__class__.__name__
    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG)
    full = full or shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    if full or any(sign in text.lower() for sign in DISK_FULL_SIGNS):
        return f"the disk is full or refused the write ({text}); the previous file, if any, is unchanged"
    return text

"""Write result polygons to GeoPackage or Shapefile atomically: a temp file beside the target, then rename."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import tempfile
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from osgeo import gdal, ogr, osr

from .file_holders import open_for_writing_elsewhere, sqlite_busy
from .file_set import NotRestored, replace_set
from .result_schema import RESULT_FIELDS

gdal.UseExceptions()
ogr.UseExceptions()

DRIVERS = {".gpkg": "GPKG", ".shp": "ESRI Shapefile"}
# the files a Shapefile "out.shp" is made of: GDAL's, then the indexes and metadata other programs add beside it
SHAPEFILE_EXTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qpj", ".qix", ".sbn", ".sbx", ".fbn", ".fbx", ".ain",
                  ".aih", ".atx", ".ixs", ".mxs", ".shp.xml")
NEW_STEM = "new"  # the new file's name in the temp folder: short, so that a long target name still fits


class WriteError(OSError):
    """The output could not be written; any earlier file at the path is left as it was."""


@dataclass
class ResultFeature:
    geometry: ogr.Geometry
    attributes: dict = field(default_factory=dict)


def write_features(path: str, features: Iterable[ResultFeature], crs_wkt: str) -> int:
    """Write ``features`` to ``path`` (.gpkg or .shp), replacing it (a Shapefile: its whole set) or leaving it
    as it was; returns the feature count."""
    target = Path(path)
    driver_name = DRIVERS.get(target.suffix.lower())
    check_target(target)
    _sweep_stale_temp_folders(target.parent)
    try:
        tmp_dir = Path(tempfile.mkdtemp(prefix=TEMP_PREFIX, dir=target.parent))
    except OSError as exc:
        raise WriteError(f"could not write {target}: {_reason(exc, target.parent)}") from None
    keep_tmp = False
    try:
        count = _write(tmp_dir / (NEW_STEM + target.suffix), target.stem, driver_name, features, crs_wkt)
        _refuse_if_held(target)  # it may have been opened while we wrote
        aside = tmp_dir / "old"
        aside.mkdir()
        if driver_name == "GPKG":
            release_sqlite_sidecars(target)
            replace_set([(tmp_dir / (NEW_STEM + target.suffix), target)], [], aside)
        else:
            replace_set(_new_shapefile_parts(tmp_dir, target), shapefile_parts(target), aside)
        return count
    except NotRestored as exc:
        keep_tmp = True
        raise WriteError(f"could not write {target}: {exc.strerror}") from None
    except WriteError:
        raise
    except (RuntimeError, OSError) as exc:
        _release_failed_dataset(exc)
        raise WriteError(f"could not write {target}: {_reason(exc, target.parent)}; "
                         "the previous file, if any, is unchanged") from None
    finally:
        if not keep_tmp:
            shutil.rmtree(tmp_dir, ignore_errors=True)


TEMP_PREFIX = ".rrsis-"
GPKG_BAD_FIRST = "`~!@#$%^&*()+-={}|[]\\:\";'<>?,./"  # GDAL refuses a GeoPackage layer name starting so
STALE_TEMP_S = 3600  # a writer's temp folder older than this was left by a killed process
SQLITE_SIDECARS = ("-wal", "-shm", "-journal")
TEMP_ROOM = 32  # how much longer than the target's a temp path may be: DIR/.rrsis-XXXXXXXX/old/NAME


def check_target(target: Path) -> None:
    """Refuse, before any work, an output that cannot be written: a name too long, a missing or read-only
    folder, a read-only file (or part of a Shapefile set), a file another program has open for writing."""
    _check_name_lengths(target)
    try:
        _check_place(target)
    except OSError as exc:  # what the checks did not foresee (a folder of the path that cannot be read, …)
        raise WriteError(f"cannot write {target}: {exc.strerror or exc}") from None
    _refuse_if_held(target)


def _check_place(target: Path) -> None:
    if target.is_dir():
        raise WriteError(f"{target} is a folder; give a file name ending in .gpkg or .shp")
    if target.suffix.lower() not in DRIVERS:
        raise WriteError(f"unsupported output format {target.suffix!r}: use .gpkg or .shp")
    if not target.parent.is_dir():
        raise WriteError(f"output folder {target.parent} does not exist")
    if not os.access(target.parent, os.W_OK | os.X_OK):
        raise WriteError(f"output folder {target.parent} is not writable")
    for part in _parts(target):
        # the mode bits, not os.access: root may write anything, but a file marked read-only was meant to stay
        if not os.access(part, os.W_OK) or not part.stat().st_mode & 0o222:
            kept = "the set was" if part != target else "it was"
            raise WriteError(f"{part} is read-only; {kept} left unchanged (make it writable or choose another name)")


def _check_name_lengths(target: Path) -> None:
    """A name or path the file system cannot hold is a clear message, not an OS error halfway through."""
    name = len(os.fsencode(target.name))
    extra = len("-journal") if target.suffix.lower() == ".gpkg" else 0  # SQLite writes OUT.gpkg-journal beside it
    name_max = _pathconf(target.parent, "PC_NAME_MAX", 255)
    if name + extra > name_max:
        why = f" (a GeoPackage needs {extra} more for SQLite's '-journal')" if extra else ""
        raise WriteError(f"the file name {_short(target.name)} is {name} bytes long; this folder allows "
                         f"{name_max - extra}{why}: choose a shorter name")
    path = len(os.fsencode(os.path.abspath(target)))
    path_max = _pathconf(target.parent, "PC_PATH_MAX", 4096)
    if path + TEMP_ROOM >= path_max:
        raise WriteError(f"the output path {_short(str(target))} is {path} bytes long; the system allows about "
                         f"{path_max - TEMP_ROOM}: choose a shorter folder or name")


def _pathconf(folder: Path, name: str, default: int) -> int:
    try:
        return os.pathconf(folder if folder.is_dir() else ".", name)
    except (OSError, ValueError):
        return default


def _short(text: str, keep: int = 40) -> str:
    return text if len(text) <= 2 * keep else f"{text[:keep]}…{text[-keep:]}"


def shapefile_parts(target: Path) -> list:
    """The files of the Shapefile set ``target`` that exist (either case of extension), the .shp first."""
    parts, seen = [], set()
    for ext in SHAPEFILE_EXTS:
        for variant in dict.fromkeys((ext, ext.upper())):
            part = target.with_name(target.stem + variant)
            try:
                st = part.stat()
            except OSError:
                continue
            if (st.st_dev, st.st_ino) not in seen:  # a case-insensitive file system finds one file twice
                seen.add((st.st_dev, st.st_ino))
                parts.append(part)
    return parts


def _parts(target: Path) -> list:
    if target.suffix.lower() == ".shp":
        return shapefile_parts(target)
    return [target] if target.exists() else []


def _new_shapefile_parts(tmp_dir: Path, target: Path) -> list:
    """(temp file, final name) for each file GDAL wrote, the .shp last: it makes the set whole."""
    pairs = [(f, target.with_name(target.stem + f.name[len(NEW_STEM):])) for f in tmp_dir.iterdir()
             if f.is_file() and f.name.startswith(NEW_STEM + ".")]
    return sorted(pairs, key=lambda pair: pair[0].suffix.lower() == ".shp")


def _refuse_if_held(target: Path) -> None:
    parts = _parts(target)
    busy = target.suffix.lower() == ".gpkg" and target.exists() and sqlite_busy(target)
    if busy or open_for_writing_elsewhere(parts):
        raise WriteError(f"{target} is open in another program (e.g. QGIS editing it); close it there or "
                         "choose another file name")


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
            if any((tmp / "old").glob("*")):  # a previous file set that could not be put back: the user's data
                continue
            if tmp.is_dir() and now - tmp.stat().st_mtime > STALE_TEMP_S:
                shutil.rmtree(tmp, ignore_errors=True)
        except OSError:
            pass


def _write(path: Path, layer_name: str, driver_name: str, features, crs_wkt: str) -> int:
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    options = ["ENCODING=UTF-8"] if driver_name == "ESRI Shapefile" else []
    ds = ogr.GetDriverByName(driver_name).CreateDataSource(str(path))
    name = layer_name.lstrip(GPKG_BAD_FIRST) or "results"
    layer = ds.CreateLayer(name, srs=srs, geom_type=ogr.wkbMultiPolygon, options=options)
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


def _release_failed_dataset(exc: BaseException) -> None:
    """Close now the half-written dataset that ``exc``'s traceback still holds, and quietly: its close fails
    too (the disk is still full), and at a later garbage collection that would print "Exception ignored"."""
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    ogr.DontUseExceptions()
    try:
        traceback.clear_frames(exc.__traceback__)
    finally:
        ogr.UseExceptions()
        gdal.PopErrorHandler()


LOW_SPACE_BYTES = 1 << 20
DISK_FULL_SIGNS = ("no space left", "disk is full", "disk i/o error", "file too large")


def _reason(exc: BaseException, folder: Path) -> str:
    text = str(exc) or exc.__class__.__name__
    full = isinstance(exc, OSError) and exc.errno in (errno.ENOSPC, errno.EFBIG)
    full = full or shutil.disk_usage(folder).free < LOW_SPACE_BYTES
    if full or any(sign in text.lower() for sign in DISK_FULL_SIGNS):
        return f"the disk is full or refused the write ({text})"
    return text

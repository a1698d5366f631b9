"""Write result polygons to GeoPackage or Shapefile atomically: a temp file beside the target, then rename."""
from __future__ import annotations

import errno
import os
import shutil
import tempfile
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
    if driver_name is None:
        raise WriteError(f"unsupported output format {target.suffix!r}: use .gpkg or .shp")
    if not target.parent.is_dir():
        raise WriteError(f"output folder {target.parent} does not exist")
    tmp_dir = Path(tempfile.mkdtemp(prefix=".rrsis-", dir=target.parent))
    try:
        count = _write(tmp_dir / target.name, driver_name, features, crs_wkt)
        _move_into_place(tmp_dir, target)
        return count
    except (RuntimeError, OSError) as exc:
        raise WriteError(f"could not write {target}: {_reason(exc, target.parent)}") from None
    finally:
        shutil.rmtree(tmp_dir, ignore_errors=True)


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

"""The rasters of a cluster run: files, folders of rasters, VRT mosaics; one output CRS for all of them."""
from __future__ import annotations

from pathlib import Path
from typing import List, Sequence

from osgeo import gdal, osr

from ..geo.raster_window import RasterError

gdal.UseExceptions()


def expand_rasters(paths: Sequence[str]) -> List[str]:
    """Each path as given; a folder → the rasters GDAL recognises in it (sorted, not recursive)."""
    rasters: List[str] = []
    for text in paths:
        path = Path(text)
        if path.is_dir():
            found = [str(p) for p in sorted(path.iterdir()) if p.is_file() and _is_raster(p)]
            if not found:
                raise RasterError(f"the folder {path} holds no raster GDAL can read")
            rasters.extend(found)
        elif path.exists():
            rasters.append(str(path))
        else:
            raise RasterError(f"raster {path} does not exist")
    if len({str(Path(r).resolve()) for r in rasters}) != len(rasters):
        raise RasterError("a raster is named twice (directly or through its folder)")
    return rasters


def _is_raster(path: Path) -> bool:
    if path.name.endswith((".aux.xml", ".ovr", ".msk")):
        return False  # GDAL's side files of a raster, not rasters of their own
    try:
        return gdal.IdentifyDriverEx(str(path), gdal.OF_RASTER) is not None
    except RuntimeError:
        return False


def check_same_crs(rasters: Sequence[str], crs_wkts: Sequence[str]) -> None:
    """One output layer has one CRS: refuse rasters in different CRSs, naming the first that differs."""
    first = osr.SpatialReference(wkt=crs_wkts[0])
    for raster, wkt in zip(rasters[1:], crs_wkts[1:]):
        if not first.IsSame(osr.SpatialReference(wkt=wkt)):
            raise RasterError(f"{raster} is in another CRS than {rasters[0]}; one run writes one layer in one CRS: "
                              "run each CRS separately (or warp them with gdalwarp first)")

"""Mask → one (multi)polygon in map coordinates: GDAL Polygonize, simplify, make valid, drop slivers."""
from __future__ import annotations

from typing import Optional

import numpy as np
from osgeo import gdal, ogr, osr

from .view import pixel_size

gdal.UseExceptions()
ogr.UseExceptions()

DEFAULT_SIMPLIFY_PX = 0.5
DEFAULT_MIN_AREA_PX = 4.0


def mask_to_geometry(
    mask: np.ndarray,
    geotransform,
    crs_wkt: str = "",
    simplify_px: float = DEFAULT_SIMPLIFY_PX,
    min_area_px: float = DEFAULT_MIN_AREA_PX,
) -> Optional[ogr.Geometry]:
    """All 8-connected regions of ``mask`` as one MultiPolygon in map units, holes kept.

    ``simplify_px`` is the Douglas–Peucker tolerance in pixels (topology preserved); parts smaller
    than ``min_area_px`` pixels are dropped. Returns None when nothing is left.
    """
    mask = np.ascontiguousarray(mask, dtype=np.uint8)
    if mask.ndim != 2:
        raise ValueError(f"mask must be 2-D, got shape {mask.shape}")
    px_w, px_h = pixel_size(geotransform)
    pixel_area = abs(geotransform[1] * geotransform[5] - geotransform[2] * geotransform[4])

    srs = _srs(crs_wkt)
    src = gdal.GetDriverByName("MEM").Create("", mask.shape[1], mask.shape[0], 1, gdal.GDT_Byte)
    src.SetGeoTransform(tuple(geotransform))
    band = src.GetRasterBand(1)
    band.WriteArray(mask)
    mem = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = mem.CreateLayer("mask", srs=srs, geom_type=ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("value", ogr.OFTInteger))
    gdal.Polygonize(band, band, layer, 0, ["8CONNECTED=8"])

    min_area = min_area_px * pixel_area
    tolerance = simplify_px * min(px_w, px_h)
    result = ogr.Geometry(ogr.wkbMultiPolygon)
    for feature in layer:  # per part: GEOS on one big MultiPolygon is far slower
        geom = feature.GetGeometryRef()
        if geom.GetArea() < min_area:  # pixel-exact area: drop slivers before the costly steps
            continue
        if tolerance > 0:
            geom = geom.SimplifyPreserveTopology(tolerance)
        for part in polygon_parts(_make_valid(geom)):
            if part.GetArea() >= min_area:
                result.AddGeometry(part)
    if result.GetGeometryCount() == 0:
        return None
    if srs is not None:
        result.AssignSpatialReference(srs)
    return result


def _srs(crs_wkt: str) -> Optional[osr.SpatialReference]:
    if not crs_wkt:
        return None
    srs = osr.SpatialReference()
    srs.ImportFromWkt(crs_wkt)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _make_valid(geom: ogr.Geometry) -> ogr.Geometry:
    # Pixels touching only at a corner give self-touching rings; GEOS would warn on stderr.
    gdal.PushErrorHandler("CPLQuietErrorHandler")
    try:
        return geom if geom.IsValid() else geom.MakeValid()
    finally:
        gdal.PopErrorHandler()


def polygon_parts(geom: ogr.Geometry):
    """The polygon parts of any geometry (MakeValid and intersections may return collections with lines)."""
    kind = ogr.GT_Flatten(geom.GetGeometryType())
    if kind == ogr.wkbPolygon:
        yield geom
    elif kind in (ogr.wkbMultiPolygon, ogr.wkbGeometryCollection):
        for i in range(geom.GetGeometryCount()):
            yield from polygon_parts(geom.GetGeometryRef(i).Clone())

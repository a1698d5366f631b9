"""Ground sampling distance: metres on the ground per pixel at a view's centre, on its CRS's ellipsoid.

The one definition of ``gsd_m`` for every writer (CLI, tiled runs, Processing, the plugin). Map units are
not ground metres: a Web Mercator pixel of 0.597 m at 37.7° N covers 0.472 m, a UTM metre is 1/k of one.
Plugin-safe: GDAL/OSR only.
"""
from __future__ import annotations

import math

from osgeo import osr

from .view import apply_geotransform, pixel_size


def ground_sample_distance_m(gt, crs_wkt: str, width: int = 1, height: int = 1) -> float:
    """Geometric mean of the geodesic lengths of one column step and one row step, centred on the middle
    of a ``width``×``height`` view with geotransform ``gt``; a CRS without an ellipsoid keeps its map units."""
    srs = _srs(crs_wkt)
    px, py = pixel_size(gt)
    units = px * py * (srs.GetLinearUnits() if srs is not None and not srs.IsGeographic() else 1.0)
    if srs is None or srs.IsLocal() or srs.GetSemiMajor() <= 0:
        return math.sqrt(units)
    cx, cy = apply_geotransform(gt, width / 2, height / 2)
    try:
        along_row = _geodesic_m(srs, (cx - gt[1] / 2, cy - gt[4] / 2), (cx + gt[1] / 2, cy + gt[4] / 2))
        along_col = _geodesic_m(srs, (cx - gt[2] / 2, cy - gt[5] / 2), (cx + gt[2] / 2, cy + gt[5] / 2))
    except (RuntimeError, ValueError, TypeError):  # a point the CRS cannot transform: map units are all there is
        return math.sqrt(units)
    product = along_row * along_col
    return math.sqrt(product) if product > 0 and math.isfinite(product) else math.sqrt(units)


def _srs(crs_wkt: str):
    srs = osr.SpatialReference()
    try:
        if srs.ImportFromWkt(crs_wkt or "") != 0:  # an error code, or an exception where they are on
            return None
    except RuntimeError:
        return None
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return srs


def _geodesic_m(srs, a: tuple, b: tuple) -> float:
    """The geodesic distance from map point ``a`` to ``b``: ``b`` in an azimuthal equidistant projection
    centred on ``a`` (distances from its centre are exact geodesics, on the CRS's own ellipsoid)."""
    geog = srs.CloneGeogCS()
    geog.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    lon, lat = osr.CoordinateTransformation(srs, geog).TransformPoint(a[0], a[1])[:2]
    aeqd = osr.SpatialReference()
    aeqd.CopyGeogCSFrom(geog)
    aeqd.SetAE(lat, lon, 0.0, 0.0)
    aeqd.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    x, y = osr.CoordinateTransformation(srs, aeqd).TransformPoint(b[0], b[1])[:2]
    return math.hypot(x, y)  # inf when a point is outside the CRS: the caller keeps the map units

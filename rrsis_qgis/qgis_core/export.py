"""Export reviewed results to Shapefile or GeoPackage (accepted ones by default), atomically."""
from __future__ import annotations

from osgeo import ogr
from qgis.core import QgsVectorLayer

from ..geo.result_schema import FIELD_NAMES
from ..geo.vector_writer import ResultFeature, write_features


def export_results(layer: QgsVectorLayer, path: str, accepted_only: bool = True) -> int:
    """Write the layer's features (edit buffer included) to ``path``; returns the count written.

    Raises geo.vector_writer.WriteError with a user-facing message (disk full, bad folder, …); an
    existing file at ``path`` is only replaced once the new one is complete.
    """
    features = []
    for f in layer.getFeatures():
        if accepted_only and f["status"] != "accepted":
            continue
        if f.geometry().isEmpty():
            continue
        geom = ogr.CreateGeometryFromWkb(bytes(f.geometry().asWkb()))
        attrs = {name: _plain(f[name]) for name in FIELD_NAMES if layer.fields().indexOf(name) >= 0}
        features.append(ResultFeature(geom, attrs))
    return write_features(path, features, layer.crs().toWkt())


def _plain(value):
    """QVariant NULLs and Qt types → plain Python for OGR."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value

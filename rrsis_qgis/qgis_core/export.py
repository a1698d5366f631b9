"""Export reviewed results to Shapefile or GeoPackage (accepted ones by default), atomically."""
from __future__ import annotations

from typing import List

from osgeo import ogr
from qgis.core import QgsCoordinateTransform, QgsGeometry, QgsProject, QgsVectorLayer

from ..geo.result_schema import FIELD_NAMES
from ..geo.vector_writer import ResultFeature, write_features

SHAPEFILE_TEXT = 254  # a Shapefile (dBase) text field holds at most this many characters


def export_results(layers: List[QgsVectorLayer], path: str, accepted_only: bool = True) -> int:
    """Write the layers' features (edit buffers included) to ``path`` in the first layer's CRS; returns the count.

    Raises geo.vector_writer.WriteError with a user-facing message (disk full, bad folder, …); an
    existing file at ``path`` is only replaced once the new one is complete.
    """
    target = layers[0].crs()
    features = []
    for layer in layers:
        transform = None
        if layer.crs() != target:
            transform = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance().transformContext())
        for f in _exported(layer, accepted_only):
            geom = QgsGeometry(f.geometry())
            if transform is not None:
                geom.transform(transform)
            attrs = {name: _plain(f[name]) for name in FIELD_NAMES if layer.fields().indexOf(name) >= 0}
            features.append(ResultFeature(ogr.CreateGeometryFromWkb(bytes(geom.asWkb())), attrs))
    return write_features(path, features, target.toWkt())


def long_prompts(layers: List[QgsVectorLayer], accepted_only: bool = True) -> int:
    """How many exported features have a phrase longer than a Shapefile keeps (it would be cut)."""
    return sum(1 for layer in layers for f in _exported(layer, accepted_only)
               if len(str(_plain(f["prompt"]) or "")) > SHAPEFILE_TEXT)


def _exported(layer: QgsVectorLayer, accepted_only: bool):
    for f in layer.getFeatures():
        if accepted_only and f["status"] != "accepted":
            continue
        if f.geometry().isEmpty():
            continue
        yield f


def _plain(value):
    """QVariant NULLs and Qt types → plain Python for OGR."""
    if value is None or (hasattr(value, "isNull") and value.isNull()):
        return None
    return value

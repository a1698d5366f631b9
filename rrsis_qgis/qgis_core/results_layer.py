"""The "RRSIS results" layer: GeoPackage-backed (or memory), styled by status, edited through its buffer."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, List

from osgeo import ogr
from qgis.core import (QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsFeature, QgsField, QgsFields, QgsFillSymbol, QgsGeometry, QgsProject,
                       QgsRendererCategory, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from ..geo.result_schema import RESULT_FIELDS, now_iso

LAYER_NAME = "RRSIS results"
MARKER = "rrsis_qgis/results"  # custom property that recognises our layer in a project
STYLE = {"candidate": ("255,212,0", "dash"), "accepted": ("31,163,74", "solid"), "rejected": ("215,48,31", "dot")}


class ResultsError(OSError):
    """The results layer cannot be created or written; the message is for the user."""


def result_fields() -> QgsFields:
    fields = QgsFields()
    for name, ogr_type, width in RESULT_FIELDS:
        kind = QVariant.Double if ogr_type == ogr.OFTReal else QVariant.String
        fields.append(QgsField(name, kind, len=width))
    return fields


def find_results_layer() -> QgsVectorLayer:
    for layer in QgsProject.instance().mapLayers().values():
        if layer.customProperty(MARKER) and layer.isValid():
            return layer
    return None


def ensure_results_layer(path: str, crs: QgsCoordinateReferenceSystem, memory: bool = False) -> QgsVectorLayer:
    """The project's results layer; created (GeoPackage at ``path``, or in memory) on first use."""
    layer = find_results_layer()
    if layer is not None:
        return layer
    if memory:
        layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid() or crs.toWkt()}", LAYER_NAME, "memory")
        layer.dataProvider().addAttributes(list(result_fields()))
        layer.updateFields()
    else:
        layer = _open_or_create_gpkg(Path(path), crs)
    layer.setCustomProperty(MARKER, True)
    apply_style(layer)
    QgsProject.instance().addMapLayer(layer)
    return layer


def _open_or_create_gpkg(path: Path, crs) -> QgsVectorLayer:
    if not path.exists():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise ResultsError(f"cannot create the folder for {path}: {exc}") from None
        options = QgsVectorFileWriter.SaveVectorOptions()
        options.driverName, options.layerName = "GPKG", "rrsis_results"
        writer = QgsVectorFileWriter.create(str(path), result_fields(), QgsWkbTypes.MultiPolygon, crs,
                                            QgsProject.instance().transformContext(), options)
        if writer.hasError() != QgsVectorFileWriter.NoError:
            raise ResultsError(f"cannot create {path}: {writer.errorMessage()}")
        del writer  # closes the file
    layer = QgsVectorLayer(f"{path}|layername=rrsis_results", LAYER_NAME, "ogr")
    if not layer.isValid():
        raise ResultsError(f"{path} exists but is not an RRSIS results GeoPackage; choose another path in the settings")
    return layer


def apply_style(layer: QgsVectorLayer) -> None:
    categories = []
    for status, (colour, line) in STYLE.items():
        symbol = QgsFillSymbol.createSimple({"color": colour + ",60", "outline_color": colour + ",255",
                                             "outline_width": "0.7", "outline_style": line})
        categories.append(QgsRendererCategory(status, symbol, status))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))


def add_results(layer: QgsVectorLayer, geometries: Iterable[QgsGeometry], attributes: Iterable[dict],
                source_crs: QgsCoordinateReferenceSystem, label: str) -> List[str]:
    """Add features in one edit command (Ctrl+Z removes them); returns their req_id values."""
    transform = None
    if source_crs != layer.crs():
        transform = QgsCoordinateTransform(source_crs, layer.crs(), QgsProject.instance().transformContext())
    features, ids = [], []
    for geom, attrs in zip(geometries, attributes):
        geom = QgsGeometry(geom)
        if transform is not None:
            geom.transform(transform)
        feature = QgsFeature(layer.fields())
        feature.setGeometry(geom)
        for name, value in {**attrs, "created": attrs.get("created") or now_iso()}.items():
            feature[name] = value
        features.append(feature)
        ids.append(attrs["req_id"])
    if not layer.isEditable():
        layer.startEditing()
    layer.beginEditCommand(label)
    ok = layer.addFeatures(features)
    layer.endEditCommand() if ok else layer.destroyEditCommand()
    if not ok:
        raise ResultsError(f"could not add the results to {layer.name()}")
    return ids


def features_by_req_id(layer: QgsVectorLayer, req_ids: Iterable[str]) -> List[QgsFeature]:
    wanted = set(req_ids)
    return [f for f in layer.getFeatures() if f["req_id"] in wanted]


def set_status(layer: QgsVectorLayer, req_ids: Iterable[str], status: str) -> int:
    """Set ``status`` on the features with these req_ids, as one undoable edit; returns how many."""
    features = features_by_req_id(layer, req_ids)
    if not features:
        return 0
    if not layer.isEditable():
        layer.startEditing()
    index = layer.fields().indexOf("status")
    layer.beginEditCommand(f"RRSIS: mark {status}")
    for f in features:
        layer.changeAttributeValue(f.id(), index, status)
    layer.endEditCommand()
    layer.triggerRepaint()
    return len(features)

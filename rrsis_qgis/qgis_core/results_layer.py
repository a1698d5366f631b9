"""The "RRSIS results" layers: one GeoPackage table per CRS, styled by status, saved after each plugin change."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Iterable, List, Optional

from osgeo import gdal, ogr, osr
from qgis.core import (QgsCategorizedSymbolRenderer, QgsCoordinateReferenceSystem, QgsCoordinateTransform,
                       QgsFeature, QgsField, QgsFields, QgsFillSymbol, QgsGeometry, QgsProject,
                       QgsRendererCategory, QgsVectorFileWriter, QgsVectorLayer, QgsWkbTypes)
from qgis.PyQt.QtCore import QVariant

from ..geo.result_schema import RESULT_FIELDS, now_iso

LAYER_NAME = "RRSIS results"
TABLE = "rrsis_results"  # the first table; later CRSs get rrsis_results_<crs>
MARKER = "rrsis_qgis/results"  # custom property that recognises our layers in a project
STYLE = {"candidate": ("255,212,0", "dash"), "accepted": ("31,163,74", "solid"), "rejected": ("215,48,31", "dot")}


class ResultsError(OSError):
    """The results layer cannot be created or written; the message is for the user."""


def result_fields() -> QgsFields:
    fields = QgsFields()
    for name, ogr_type, width in RESULT_FIELDS:
        kind = QVariant.Double if ogr_type == ogr.OFTReal else QVariant.String
        fields.append(QgsField(name, kind, len=width))
    return fields


def find_results_layers() -> List[QgsVectorLayer]:
    return [layer for layer in QgsProject.instance().mapLayers().values()
            if layer.customProperty(MARKER) and layer.isValid()]


def find_results_layer(crs: Optional[QgsCoordinateReferenceSystem] = None) -> Optional[QgsVectorLayer]:
    """The project's results layer in ``crs`` (any results layer when ``crs`` is None)."""
    for layer in find_results_layers():
        if crs is None or layer.crs() == crs:
            return layer
    return None


def ensure_results_layer(path: str, crs: QgsCoordinateReferenceSystem, memory: bool = False) -> QgsVectorLayer:
    """The results layer for ``crs``: found in the project, else opened or created in the GeoPackage (or memory)."""
    layer = find_results_layer(crs)
    if layer is not None:
        return layer
    label = f"{LAYER_NAME} ({crs.authid() or crs.description() or 'custom CRS'})"
    if memory:
        layer = QgsVectorLayer(f"MultiPolygon?crs={crs.authid() or crs.toWkt()}", label, "memory")
        layer.dataProvider().addAttributes(list(result_fields()))
        layer.updateFields()
    else:
        layer = _open_or_create_table(Path(path), crs, label)
    layer.setCustomProperty(MARKER, True)
    apply_style(layer)
    project = QgsProject.instance()
    project.addMapLayer(layer, False)
    project.layerTreeRoot().insertLayer(0, layer)  # results on top of the rasters they outline
    layer.startEditing()  # the vertex tool and the attribute table work at once; the plugin saves its own changes
    return layer


def _open_or_create_table(path: Path, crs: QgsCoordinateReferenceSystem, label: str) -> QgsVectorLayer:
    table = _table_for(path, crs)
    if table is None:
        table = _new_table_name(path, crs)
        _create_table(path, table, crs)
    layer = QgsVectorLayer(f"{path}|layername={table}", label, "ogr")
    if not layer.isValid():
        raise ResultsError(f"{path} exists but is not an RRSIS results GeoPackage; choose another path in the settings")
    return layer


def _table_for(path: Path, crs: QgsCoordinateReferenceSystem) -> Optional[str]:
    """The GeoPackage table that already holds results in ``crs``, if any."""
    if not path.exists():
        return None
    ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    if ds is None:
        raise ResultsError(f"{path} exists but is not an RRSIS results GeoPackage; choose another path in the settings")
    wanted = osr.SpatialReference(wkt=crs.toWkt())
    for i in range(ds.GetLayerCount()):
        table = ds.GetLayerByIndex(i)
        srs = table.GetSpatialRef()
        if table.GetName().startswith(TABLE) and srs is not None and srs.IsSame(wanted):
            return table.GetName()
    return None


def _new_table_name(path: Path, crs: QgsCoordinateReferenceSystem) -> str:
    if not path.exists():
        return TABLE
    ds = gdal.OpenEx(str(path), gdal.OF_VECTOR)
    existing = {ds.GetLayerByIndex(i).GetName() for i in range(ds.GetLayerCount())}
    if TABLE not in existing:
        return TABLE
    slug = re.sub(r"[^a-z0-9]+", "_", crs.authid().lower()).strip("_")
    return f"{TABLE}_{slug or hashlib.sha1(crs.toWkt().encode()).hexdigest()[:8]}"


def _create_table(path: Path, table: str, crs: QgsCoordinateReferenceSystem) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ResultsError(f"cannot create the folder for {path}: {exc}") from None
    options = QgsVectorFileWriter.SaveVectorOptions()
    options.driverName, options.layerName = "GPKG", table
    if path.exists():
        options.actionOnExistingFile = QgsVectorFileWriter.CreateOrOverwriteLayer
    writer = QgsVectorFileWriter.create(str(path), result_fields(), QgsWkbTypes.MultiPolygon, crs,
                                        QgsProject.instance().transformContext(), options)
    if writer.hasError() != QgsVectorFileWriter.NoError:
        raise ResultsError(f"cannot create {path}: {writer.errorMessage()}")
    del writer  # closes the file


def apply_style(layer: QgsVectorLayer) -> None:
    categories = []
    for status, (colour, line) in STYLE.items():
        symbol = QgsFillSymbol.createSimple({"color": colour + ",60", "outline_color": colour + ",255",
                                             "outline_width": "0.7", "outline_style": line})
        categories.append(QgsRendererCategory(status, symbol, status))
    layer.setRenderer(QgsCategorizedSymbolRenderer("status", categories))


def save(layer: QgsVectorLayer) -> None:
    """Write the layer's edit buffer to its file and stay in edit mode (the undo history starts again here)."""
    if layer.isEditable() and layer.isModified() and not layer.commitChanges(False):
        errors = "; ".join(layer.commitErrors()) or "unknown error"
        raise ResultsError(f"could not save {layer.name()}: {errors}")
    if not layer.isEditable():
        layer.startEditing()


def add_results(layer: QgsVectorLayer, geometries: Iterable[QgsGeometry], attributes: Iterable[dict],
                source_crs: QgsCoordinateReferenceSystem, label: str) -> List[str]:
    """Add features in one edit command and save them to the file; returns their req_id values."""
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
    save(layer)
    return ids


def features_by_req_id(layer: QgsVectorLayer, req_ids: Iterable[str]) -> List[QgsFeature]:
    wanted = set(req_ids)
    return [f for f in layer.getFeatures() if f["req_id"] in wanted]


def set_status(layer: QgsVectorLayer, req_ids: Iterable[str], status: str) -> int:
    """Set ``status`` on the features with these req_ids and save; returns how many."""
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
    save(layer)
    layer.triggerRepaint()
    return len(features)


def delete_results(layer: QgsVectorLayer, req_ids: Iterable[str]) -> int:
    """Delete the features with these req_ids and save (a refined result replaces the one it refines)."""
    features = features_by_req_id(layer, req_ids)
    if not features:
        return 0
    if not layer.isEditable():
        layer.startEditing()
    layer.beginEditCommand("RRSIS: replace refined result")
    layer.deleteFeatures([f.id() for f in features])
    layer.endEditCommand()
    save(layer)
    return len(features)


def result_rows(why: dict) -> List[dict]:
    """Every result of every results layer, newest first, as the dock lists them."""
    rows = []
    for layer in find_results_layers():
        for f in layer.getFeatures():
            req_id = f["req_id"]
            rows.append({"prompt": _text(f["prompt"]), "score": _number(f["score"]), "status": _text(f["status"]),
                         "req_id": _text(req_id), "created": _text(f["created"]), "layer_id": layer.id(),
                         "fid": f.id(), "why": why.get(req_id, {})})
    rows.sort(key=lambda r: (r["created"], -_rank(r["req_id"]), r["fid"]), reverse=True)
    return rows


def _rank(req_id: str) -> int:
    """The result's rank within its query (req_id = <request>-<rank>)."""
    tail = req_id.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() else 0


def _text(value) -> str:
    return "" if value is None or (hasattr(value, "isNull") and value.isNull()) else str(value)


def _number(value) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return float("nan")

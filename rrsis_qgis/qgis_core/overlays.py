"""Temporary layers that explain a result: the phrase heatmap (raster) and the candidate boxes (vector)."""
from __future__ import annotations

import base64
import uuid
from typing import Optional

import numpy as np
from osgeo import gdal
from qgis.core import (QgsColorRampShader, QgsCoordinateReferenceSystem, QgsFeature, QgsField,
                       QgsFillSymbol, QgsGeometry, QgsPointXY, QgsProject, QgsRasterLayer, QgsRasterShader,
                       QgsSingleBandPseudoColorRenderer, QgsStyle, QgsVectorLayer)
from qgis.PyQt.QtCore import QVariant
from qgis.PyQt.QtGui import QColor

from ..geo.view import apply_geotransform
from .layer_order import add_below_results

HEATMAP_MARKER, CANDIDATES_MARKER = "rrsis_qgis/heatmap", "rrsis_qgis/candidates"
HEATMAP_OPACITY = 0.6
OVERLAY_DIR = "/vsimem/rrsis_qgis/overlays"


def overlay_dir() -> str:
    """The heatmaps' folder: in GDAL's memory (/vsimem), never on disk. QGIS 3.22 calls any layer whose file is
    in the system temp folder a 'temporary layer' and asks about it on every exit and New Project (with
    Cancel as the default), and a fresh profile or HOME can be in /tmp; a /vsimem file is never counted,
    and nothing is left behind by a crash. Emptied by ``clean_overlay_dir`` (plugin unload)."""
    return OVERLAY_DIR


def clean_overlay_dir() -> None:
    """Free this process's heatmap files."""
    for name in gdal.ReadDirRecursive(OVERLAY_DIR) or []:
        gdal.Unlink(f"{OVERLAY_DIR}/{name}")


def show_heatmap(png_b64: str, scale: float, view_gt, crs_wkt: str, label: str,
                 valid: Optional[np.ndarray] = None) -> QgsRasterLayer:
    """Georeference the backend's heatmap PNG on the view's grid; outside ``valid`` (view pixels) is nodata."""
    png = f"/vsimem/rrsis-{uuid.uuid4().hex}.png"
    gdal.FileFromMemBuffer(png, base64.b64decode(png_b64))
    try:
        heat = gdal.Open(png).ReadAsArray()
    finally:
        gdal.Unlink(png)
    if heat.ndim == 3:
        heat = heat[0]
    # 0 is nodata: activation keeps 1…255, so no-activation and outside-the-view are both see-through
    heat = np.maximum(heat, 1).astype(np.uint8)
    if valid is not None:
        rows = np.minimum((np.arange(heat.shape[0]) / scale).astype(int), valid.shape[0] - 1)
        cols = np.minimum((np.arange(heat.shape[1]) / scale).astype(int), valid.shape[1] - 1)
        heat[~valid[np.ix_(rows, cols)]] = 0
    path = f"{overlay_dir()}/heatmap_{uuid.uuid4().hex[:8]}.tif"
    out = gdal.GetDriverByName("GTiff").Create(path, heat.shape[1], heat.shape[0], 1, gdal.GDT_Byte)
    gt = list(view_gt)
    for i in (1, 2, 4, 5):  # heatmap pixels are 1/scale view pixels
        gt[i] = gt[i] / scale
    out.SetGeoTransform(gt)
    out.SetProjection(crs_wkt)
    band = out.GetRasterBand(1)
    band.SetNoDataValue(0)
    band.WriteArray(heat)
    out = band = None
    _remove_marked(HEATMAP_MARKER)
    layer = QgsRasterLayer(path, f"RRSIS heatmap: {label[:40]}")
    layer.setRenderer(QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, _heat_shader()))
    layer.renderer().setOpacity(HEATMAP_OPACITY)
    layer.setCustomProperty(HEATMAP_MARKER, True)
    add_below_results(layer)
    return layer


def _heat_shader() -> QgsRasterShader:
    """Magma, with low activation fading to transparent so the image stays readable under it."""
    ramp = QgsColorRampShader(1, 255)
    ramp.setSourceColorRamp(QgsStyle.defaultStyle().colorRamp("Magma"))
    ramp.classifyColorRamp(8)
    items = ramp.colorRampItemList()
    for i, item in enumerate(items):
        colour = QColor(item.color)
        colour.setAlpha(int(255 * i / max(1, len(items) - 1)))
        item.color = colour
    ramp.setColorRampItemList(items)
    shader = QgsRasterShader()
    shader.setRasterShaderFunction(ramp)
    return shader


def show_candidates(candidates: list, view_gt, crs_wkt: str) -> QgsVectorLayer:
    """Every candidate's box with its score and the reasoner's per-term scores ("why")."""
    _remove_marked(CANDIDATES_MARKER)
    crs = QgsCoordinateReferenceSystem.fromWkt(crs_wkt)
    layer = QgsVectorLayer(f"Polygon?crs={crs.authid() or 'EPSG:4326'}", "RRSIS candidates", "memory")
    if not crs.authid():
        layer.setCrs(crs)
    layer.dataProvider().addAttributes([QgsField("rank", QVariant.Int), QgsField("score", QVariant.Double),
                                        QgsField("refined", QVariant.Bool), QgsField("why", QVariant.String)])
    layer.updateFields()
    features = []
    for rank, c in enumerate(candidates, start=1):
        x0, y0, x1, y1 = c["bbox"]
        ring = [QgsPointXY(*apply_geotransform(view_gt, x, y)) for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1))]
        f = QgsFeature(layer.fields())
        f.setGeometry(QgsGeometry.fromPolygonXY([ring]))
        why = " · ".join(f"{k} {v:.2f}" for k, v in c.get("terms", {}).items())
        f.setAttributes([rank, float(c["score"]), bool(c.get("refined", True)), why])
        features.append(f)
    layer.dataProvider().addFeatures(features)
    layer.setRenderer(layer.renderer().clone())
    layer.renderer().setSymbol(QgsFillSymbol.createSimple({"color": "0,0,0,0", "outline_color": "0,170,255,255",
                                                           "outline_style": "dot", "outline_width": "0.5"}))
    layer.setCustomProperty(CANDIDATES_MARKER, True)
    layer.setCustomProperty("skipMemoryLayersCheck", 1)  # rebuilt by every query: nothing to save on exit
    add_below_results(layer)
    return layer


def set_heatmap_visible(visible: bool) -> None:
    root = QgsProject.instance().layerTreeRoot()
    for layer in marked(HEATMAP_MARKER):
        node = root.findLayer(layer.id())
        if node is not None:
            node.setItemVisibilityChecked(visible)


def marked(marker: str) -> list:
    return [layer for layer in QgsProject.instance().mapLayers().values() if layer.customProperty(marker)]


def remove_overlays() -> None:
    for marker in (HEATMAP_MARKER, CANDIDATES_MARKER):
        _remove_marked(marker)


def _remove_marked(marker: str) -> None:
    """Each query replaces the previous query's overlay of the same kind (and its file)."""
    project = QgsProject.instance()
    for layer in marked(marker):
        source = layer.source() if marker == HEATMAP_MARKER else ""
        project.removeMapLayer(layer.id())
        if source.startswith(overlay_dir() + "/"):
            gdal.Unlink(source)

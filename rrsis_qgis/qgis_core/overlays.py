"""Temporary layers that explain a result: the phrase heatmap (raster) and the candidate boxes (vector)."""
from __future__ import annotations

import base64
import tempfile
import uuid
from pathlib import Path

from osgeo import gdal
from qgis.core import (QgsColorRampShader, QgsCoordinateReferenceSystem, QgsFeature, QgsField, QgsFillSymbol,
                       QgsGeometry, QgsPointXY, QgsProject, QgsRasterLayer, QgsRasterShader,
                       QgsSingleBandPseudoColorRenderer, QgsStyle, QgsVectorLayer)
from qgis.PyQt.QtCore import QVariant

from ..geo.view import apply_geotransform

HEATMAP_MARKER, CANDIDATES_MARKER = "rrsis_qgis/heatmap", "rrsis_qgis/candidates"


def show_heatmap(png_b64: str, scale: float, view_gt, crs_wkt: str, label: str) -> QgsRasterLayer:
    """Georeference the backend's heatmap PNG on the view's grid and show it half transparent."""
    png = f"/vsimem/rrsis-{uuid.uuid4().hex}.png"
    gdal.FileFromMemBuffer(png, base64.b64decode(png_b64))
    try:
        src = gdal.Open(png)
        path = Path(tempfile.gettempdir()) / f"rrsis_heatmap_{uuid.uuid4().hex[:8]}.tif"
        out = gdal.GetDriverByName("GTiff").CreateCopy(str(path), src)
        gt = list(view_gt)
        for i in (1, 2, 4, 5):  # heatmap pixels are 1/scale view pixels
            gt[i] = gt[i] / scale
        out.SetGeoTransform(gt)
        out.SetProjection(crs_wkt)
        out = src = None
    finally:
        gdal.Unlink(png)
    _remove_marked(HEATMAP_MARKER)
    layer = QgsRasterLayer(str(path), f"RRSIS heatmap: {label[:40]}")
    shader = QgsRasterShader()
    ramp = QgsColorRampShader(0, 255)
    ramp.setSourceColorRamp(QgsStyle.defaultStyle().colorRamp("Magma"))
    ramp.classifyColorRamp(8)
    shader.setRasterShaderFunction(ramp)
    layer.setRenderer(QgsSingleBandPseudoColorRenderer(layer.dataProvider(), 1, shader))
    layer.renderer().setOpacity(0.5)
    layer.setCustomProperty(HEATMAP_MARKER, True)
    QgsProject.instance().addMapLayer(layer)
    return layer


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
    QgsProject.instance().addMapLayer(layer)
    return layer


def _remove_marked(marker: str) -> None:
    """Each query replaces the previous query's overlay of the same kind."""
    project = QgsProject.instance()
    for layer in list(project.mapLayers().values()):
        if layer.customProperty(marker):
            project.removeMapLayer(layer.id())

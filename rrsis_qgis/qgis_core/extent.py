"""What the canvas shows of a raster layer: the visible area in the layer's CRS and the view plan."""
from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (QgsCoordinateTransform, QgsGeometry, QgsMapSettings, QgsProject, QgsRasterLayer,
                       QgsRectangle)

from ..geo.raster_window import RasterError, ViewPlan, ground_sample_distance_m, plan_view

EDGE_POINTS = 32  # canvas edges are densified so curved reprojections keep the whole view


@dataclass(frozen=True)
class ViewRequest:
    """A raster layer's visible part, ready for a SegmentTask (plain values: safe across threads)."""

    source: str
    layer_name: str
    layer_id: str
    extent: tuple  # xmin, ymin, xmax, ymax in the layer's CRS
    plan: ViewPlan
    crs_authid: str
    rendered: bool = False  # not a file: the pixels are rendered by QGIS (render_view), not read by GDAL

    def describe(self) -> str:
        return f"{self.plan.describe()}, {self.crs_authid or 'custom CRS'}"


def visible_extent(map_settings: QgsMapSettings, layer: QgsRasterLayer) -> QgsRectangle:
    """The canvas's visible area (rotation included) in the layer's CRS, clipped to the layer."""
    geom = QgsGeometry.fromQPolygonF(map_settings.visiblePolygon())
    geom = geom.densifyByCount(EDGE_POINTS)
    if map_settings.destinationCrs() != layer.crs():
        transform = QgsCoordinateTransform(map_settings.destinationCrs(), layer.crs(),
                                           QgsProject.instance().transformContext())
        geom.transform(transform)
    visible = geom.boundingBox().intersect(layer.extent())
    if visible.isEmpty():
        raise RasterError(f"the map view does not show any part of {layer.name()}: pan or zoom to it")
    return visible


def view_request(map_settings: QgsMapSettings, layer: QgsRasterLayer, max_side: int) -> ViewRequest:
    """Plan the view of ``layer`` that the canvas shows (reads no pixels)."""
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        raise RasterError("choose a raster layer first")
    rect = visible_extent(map_settings, layer)
    extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
    if layer.providerType() == "gdal":
        plan = plan_view(layer.source(), extent, max_side)
        return ViewRequest(layer.source(), layer.name(), layer.id(), extent, plan, layer.crs().authid())
    if not layer.crs().isValid():
        raise RasterError(f"{layer.name()} has no coordinate reference system")
    scale = max_side / max(rect.width(), rect.height())  # web layers: the canvas view rendered at max_side
    w, h = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
    gt = (rect.xMinimum(), rect.width() / w, 0.0, rect.yMaximum(), 0.0, -rect.height() / h)
    crs_wkt = layer.crs().toWkt()
    plan = ViewPlan(0, 0, w, h, w, h, gt, crs_wkt, ground_sample_distance_m(gt, crs_wkt))
    return ViewRequest(layer.source(), layer.name(), layer.id(), extent, plan, layer.crs().authid(), rendered=True)

"""What the canvas shows of a raster layer: the visible area in the layer's CRS and the view plan."""
from __future__ import annotations

from dataclasses import dataclass

from qgis.core import (QgsCoordinateTransform, QgsGeometry, QgsMapSettings, QgsPointXY, QgsProject, QgsRasterLayer,
                       QgsRectangle)
from qgis.PyQt.QtCore import QCoreApplication

from ..geo.gsd import ground_sample_distance_m
from ..geo.raster_window import RasterError, ViewPlan, plan_view

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
    gsd_m: float = 0.0  # ground metres per output pixel at the view's centre (ellipsoidal)
    visible_wkt: str = ""  # what the canvas shows, in the layer's CRS: the rest of the view is masked out

    @property
    def ground_m(self) -> float:
        """Ground metres per output pixel: the ellipsoidal one at the centre where known, else the plan's."""
        return self.gsd_m or self.plan.gsd_m

    def describe(self) -> str:
        return (f"{self.plan.out_w}×{self.plan.out_h} px @ {self.ground_m:.3g} m/px (ground), "
                f"{self.crs_authid or 'custom CRS'}")


def layer_crs_wkt(layer: QgsRasterLayer) -> str:
    """The layer's CRS as QGIS knows it (the file's, or the one assigned in Layer Properties); "" when none."""
    return layer.crs().toWkt() if layer.crs().isValid() else ""


def visible_area(map_settings: QgsMapSettings, layer: QgsRasterLayer) -> QgsGeometry:
    """The canvas's visible polygon (rotation included) in the layer's CRS."""
    corners = [QgsPointXY(p) for p in map_settings.visiblePolygon()]
    geom = QgsGeometry.fromPolygonXY([corners + corners[:1]])  # fromQPolygonF gives an open line
    geom = geom.densifyByCount(EDGE_POINTS)
    if map_settings.destinationCrs() != layer.crs():
        transform = QgsCoordinateTransform(map_settings.destinationCrs(), layer.crs(),
                                           QgsProject.instance().transformContext())
        geom.transform(transform)
    return geom


def visible_extent(map_settings: QgsMapSettings, layer: QgsRasterLayer) -> QgsRectangle:
    """The bounding box of the canvas's visible area in the layer's CRS, clipped to the layer."""
    visible = visible_area(map_settings, layer).boundingBox().intersect(layer.extent())
    if visible.isEmpty():
        raise RasterError(QCoreApplication.translate(
            "Extent", "the map view does not show any part of {}: pan or zoom to it").format(layer.name()))
    return visible


def ground_gsd_m(gt, width: int, height: int, crs, fallback: float) -> float:
    """Ground metres per output pixel at the view's centre in the layer's CRS as QGIS knows it (geo.gsd: the
    one definition every writer uses); ``fallback`` for a CRS QGIS does not know."""
    return ground_sample_distance_m(gt, crs.toWkt(), width, height) if crs.isValid() else fallback


def view_request(map_settings: QgsMapSettings, layer: QgsRasterLayer, max_side: int) -> ViewRequest:
    """Plan the view of ``layer`` that the canvas shows (reads no pixels)."""
    if not isinstance(layer, QgsRasterLayer) or not layer.isValid():
        raise RasterError(QCoreApplication.translate("Extent", "choose a raster layer first"))
    if not layer.crs().isValid():
        raise RasterError(QCoreApplication.translate(
            "Extent", "{} has no coordinate reference system, so polygons could not be placed on the map. Assign "
            "one first (Layer Properties → Source → Assigned coordinate reference system).").format(layer.name()))
    area = visible_area(map_settings, layer)
    rect = visible_extent(map_settings, layer)
    extent = (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())
    if layer.providerType() == "gdal":
        plan = plan_view(layer.source(), extent, max_side, crs_wkt=layer_crs_wkt(layer))
        gsd = ground_gsd_m(plan.geotransform, plan.out_w, plan.out_h, layer.crs(), plan.gsd_m)
        return ViewRequest(layer.source(), layer.name(), layer.id(), extent, plan, layer.crs().authid(),
                           gsd_m=gsd, visible_wkt=area.asWkt())
    scale = max_side / max(rect.width(), rect.height())  # web layers: the canvas view rendered at max_side
    w, h = max(1, round(rect.width() * scale)), max(1, round(rect.height() * scale))
    gt = (rect.xMinimum(), rect.width() / w, 0.0, rect.yMaximum(), 0.0, -rect.height() / h)
    crs_wkt = layer.crs().toWkt()
    gsd = ground_sample_distance_m(gt, crs_wkt, w, h)
    plan = ViewPlan(0, 0, w, h, w, h, gt, crs_wkt, gsd)
    return ViewRequest(layer.source(), layer.name(), layer.id(), extent, plan, layer.crs().authid(), rendered=True,
                       gsd_m=gsd, visible_wkt=area.asWkt())

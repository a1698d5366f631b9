"""Views of layers that are not files (WMS, XYZ, …): render what the canvas shows at the chosen size."""
from __future__ import annotations

import numpy as np
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer, QgsRectangle
from qgis.PyQt.QtCore import QSize
from qgis.PyQt.QtGui import QColor, QImage

from ..geo.raster_window import ground_sample_distance_m
from ..geo.view import View
from .extent import ViewRequest


def render_view(map_settings: QgsMapSettings, layer: QgsRasterLayer, request: ViewRequest) -> View:
    """Render ``layer`` alone over the request's extent (its CRS, north up) at the planned size (GUI thread)."""
    xmin, ymin, xmax, ymax = request.extent
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(request.plan.out_w, request.plan.out_h))
    settings.setExtent(QgsRectangle(xmin, ymin, xmax, ymax))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    settings.setTransformContext(map_settings.transformContext())
    job = QgsMapRendererParallelJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage().convertToFormat(QImage.Format_RGBA8888)
    extent = settings.visibleExtent()  # the renderer may widen the extent to keep pixels square
    rgba = _to_array(image)
    gt = (extent.xMinimum(), extent.width() / image.width(), 0.0,
          extent.yMaximum(), 0.0, -extent.height() / image.height())
    valid = rgba[..., 3] > 0
    rgb = np.where(valid[..., None], rgba[..., :3], 0).astype(np.uint8)
    crs_wkt = layer.crs().toWkt()
    return View(rgb=rgb, valid=valid, geotransform=gt, crs_wkt=crs_wkt,
                gsd_m=ground_sample_distance_m(gt, crs_wkt), source=layer.source())


def _to_array(image: QImage) -> np.ndarray:
    ptr = image.constBits()
    ptr.setsize(image.sizeInBytes())
    rows = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()

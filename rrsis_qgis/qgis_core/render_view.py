"""Views of layers that are not files (WMS, XYZ, …): render what the canvas shows at the chosen size.

``RenderJob`` renders in QGIS's renderer threads and reports back on the GUI thread, so tiles that
take seconds to download never freeze QGIS; Cancel stops it.
"""
from __future__ import annotations

import numpy as np
from qgis.core import QgsMapRendererParallelJob, QgsMapSettings, QgsRasterLayer, QgsRectangle
from qgis.PyQt.QtCore import QObject, QSize, pyqtSignal
from qgis.PyQt.QtGui import QColor, QImage

from ..geo.gsd import ground_sample_distance_m
from ..geo.view import View
from .extent import ViewRequest


class RenderJob(QObject):
    """``done(view)`` with the rendered View, or ``done(None)`` when cancelled."""

    done = pyqtSignal(object)

    def __init__(self, map_settings: QgsMapSettings, layer: QgsRasterLayer, request: ViewRequest, parent=None):
        super().__init__(parent)
        self.settings = _render_settings(map_settings, layer, request)
        self.layer_crs_wkt, self.source = layer.crs().toWkt(), layer.source()
        self.cancelled = False
        self._job = QgsMapRendererParallelJob(self.settings)
        self._job.finished.connect(self._on_finished)

    def start(self) -> "RenderJob":
        self._job.start()
        return self

    def wait(self) -> None:
        self._job.waitForFinished()

    def cancel(self) -> None:
        self.cancelled = True
        self._job.cancelWithoutBlocking()

    def _on_finished(self) -> None:
        self.done.emit(None if self.cancelled else self.view())

    def view(self) -> View:
        image = self._job.renderedImage().convertToFormat(QImage.Format_RGBA8888)
        extent = self.settings.visibleExtent()  # the renderer may widen the extent to keep pixels square
        rgba = _to_array(image)
        gt = (extent.xMinimum(), extent.width() / image.width(), 0.0,
              extent.yMaximum(), 0.0, -extent.height() / image.height())
        valid = rgba[..., 3] > 0
        rgb = np.where(valid[..., None], rgba[..., :3], 0).astype(np.uint8)
        return View(rgb=rgb, valid=valid, geotransform=gt, crs_wkt=self.layer_crs_wkt,
                    gsd_m=ground_sample_distance_m(gt, self.layer_crs_wkt, image.width(), image.height()),
                    source=self.source)


def render_view(map_settings: QgsMapSettings, layer: QgsRasterLayer, request: ViewRequest) -> View:
    """The same render, waited for (tests, scripts): the plugin uses RenderJob and never waits."""
    job = RenderJob(map_settings, layer, request).start()
    job.wait()
    return job.view()


def _render_settings(map_settings: QgsMapSettings, layer: QgsRasterLayer, request: ViewRequest) -> QgsMapSettings:
    """``layer`` alone over the request's extent (its CRS, north up) at the planned size."""
    xmin, ymin, xmax, ymax = request.extent
    settings = QgsMapSettings()
    settings.setLayers([layer])
    settings.setDestinationCrs(layer.crs())
    settings.setOutputSize(QSize(request.plan.out_w, request.plan.out_h))
    settings.setExtent(QgsRectangle(xmin, ymin, xmax, ymax))
    settings.setBackgroundColor(QColor(0, 0, 0, 0))
    settings.setTransformContext(map_settings.transformContext())
    return settings


def _to_array(image: QImage) -> np.ndarray:
    ptr = image.constBits()
    ptr.setsize(image.sizeInBytes())
    rows = np.frombuffer(ptr, np.uint8).reshape(image.height(), image.bytesPerLine())
    return rows[:, : image.width() * 4].reshape(image.height(), image.width(), 4).copy()

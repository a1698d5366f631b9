"""One query as a QgsTask: read the view (GDAL), ask the backend, vectorize the masks — off the GUI thread."""
from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Optional

import numpy as np
from osgeo import gdal, ogr
from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..geo import rle
from ..geo.raster_window import RasterError, read_view
from ..geo.vectorize import mask_to_geometry
from ..geo.view import View
from .backend_client import BackendClient, BackendError
from .extent import ViewRequest


@dataclass
class SegmentParams:
    view: ViewRequest
    phrase: str
    max_side: int = 1024
    bands: Optional[tuple] = None
    top_k: int = 1
    points: Optional[list] = None  # [[x, y, label]] in map coordinates of the layer CRS
    return_heatmap: bool = False
    pixels: Optional[View] = None  # a view rendered by QGIS (web layers); None = read the file with GDAL
    box: Optional[list] = None  # [xmin, ymin, xmax, ymax] around the object, map coordinates of the layer CRS


@dataclass
class SegmentOutcome:
    request_id: str
    wkb: list = field(default_factory=list)  # one MultiPolygon per kept mask, layer CRS
    scores: list = field(default_factory=list)
    why: list = field(default_factory=list)  # per kept mask: the reasoner's per-term scores, carried in the mask
    crs_wkt: str = ""
    view_gt: tuple = ()
    heatmap: dict = field(default_factory=dict)  # {"png": base64, "scale": heatmap px per view px}
    candidates: list = field(default_factory=list)
    gsd_m: float = 0.0
    valid: Optional[np.ndarray] = None  # the view's pixels that are data and visible on the canvas
    model: str = ""
    timings_ms: dict = field(default_factory=dict)


class SegmentTask(QgsTask):
    """Emits ``done(outcome, error)`` on the GUI thread: exactly one of them is not None."""

    done = pyqtSignal(object, object)

    def __init__(self, params: SegmentParams, client: BackendClient):
        super().__init__(f"RRSIS: {params.phrase[:40]}", QgsTask.CanCancel)
        self.params, self.client = params, client
        self.request_id = uuid.uuid4().hex[:16]
        self.outcome: Optional[SegmentOutcome] = None
        self.error: Optional[str] = None
        self.error_code = ""

    def run(self) -> bool:
        try:
            self.outcome = self._run()
            return True
        except (RasterError, BackendError, ValueError, OSError) as exc:
            self.error = getattr(exc, "message", None) or str(exc)
            self.error_code = getattr(exc, "code", "input")
            return False
        except Exception as exc:  # noqa: BLE001 (never let an exception reach QGIS's task manager)
            self.error, self.error_code = f"unexpected error: {exc!r}", "unexpected"
            return False

    def _run(self) -> SegmentOutcome:
        p = self.params
        view, valid, image = query_image(p)
        self.setProgress(10)
        if self.isCanceled():
            raise BackendError("cancelled", "cancelled")
        answer = self.client.segment(image, p.phrase, self.request_id, progress=self._on_progress, top_k=p.top_k,
                                     points=_to_pixels(p.points, view.geotransform),
                                     boxes=_box_to_pixels(p.box, view.geotransform),
                                     return_heatmap=p.return_heatmap or None)
        self.setProgress(80)
        outcome = SegmentOutcome(self.request_id, crs_wkt=view.crs_wkt, gsd_m=p.view.gsd_m or view.gsd_m,
                                 view_gt=view.geotransform, valid=valid,
                                 heatmap=answer.get("heatmap") or {}, candidates=answer.get("candidates", []),
                                 model=answer.get("models", {}).get("spec", ""), timings_ms=answer.get("timings_ms", {}))
        for m in answer.get("masks", []):
            mask = rle.decode(m["rle"])
            if mask.shape != valid.shape:
                raise BackendError("the backend answered with a mask of the wrong size", "protocol")
            geom = mask_to_geometry(mask & valid, view.geotransform, view.crs_wkt)
            if geom is not None:
                outcome.wkb.append(bytes(geom.ExportToWkb()))
                outcome.scores.append(float(m["score"]))
                outcome.why.append(dict(m.get("terms") or {}))  # the mask's own scores: never matched by position
        self.setProgress(100)
        return outcome

    def _on_progress(self, fraction: float, _stage: str) -> None:
        self.setProgress(10 + 70 * min(max(fraction, 0.0), 1.0))  # the backend's share of the task: 10 → 80

    def cancel(self) -> None:
        self.client.cancel(self.request_id)
        super().cancel()

    def finished(self, ok: bool) -> None:  # GUI thread
        if ok:
            self.done.emit(self.outcome, None)
        else:
            if self.isCanceled() or not self.error:
                self.error, self.error_code = self.error or "cancelled", "cancelled"
            self.done.emit(None, self.error)


def query_image(p: SegmentParams) -> tuple:
    """(view, valid, H×W×4 uint8 image) exactly as sent to the backend: the same view always gives the same
    bytes, so an encode ahead of time (encode_task) and the query share one cache entry."""
    view = p.pixels if p.pixels is not None else read_view(p.view.source, p.view.extent, p.max_side, p.bands,
                                                           crs_wkt=p.view.plan.crs_wkt)
    valid = view.valid & visible_mask(p.view.visible_wkt, view.geotransform, view.valid.shape)
    image = np.dstack([np.where(valid[..., None], view.rgb, 0).astype(np.uint8), valid.astype(np.uint8) * 255])
    return view, valid, image


def visible_mask(wkt: str, gt, shape) -> np.ndarray:
    """True where the view's pixel centres fall inside the canvas's visible polygon (all True without one)."""
    if not wkt:
        return np.ones(shape, bool)
    geom = ogr.CreateGeometryFromWkt(wkt)
    if geom is None or geom.IsEmpty():
        return np.ones(shape, bool)
    ds = gdal.GetDriverByName("MEM").Create("", shape[1], shape[0], 1, gdal.GDT_Byte)
    ds.SetGeoTransform(gt)
    vector = ogr.GetDriverByName("Memory").CreateDataSource("")
    layer = vector.CreateLayer("visible")
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetGeometry(geom)
    layer.CreateFeature(feature)
    gdal.PushErrorHandler("CPLQuietErrorHandler")  # "no spatial reference": both are in the layer's CRS already
    try:
        gdal.RasterizeLayer(ds, [1], layer, burn_values=[1])
    finally:
        gdal.PopErrorHandler()
    return ds.GetRasterBand(1).ReadAsArray().astype(bool)


def _box_to_pixels(box, gt) -> Optional[list]:
    """[xmin, ymin, xmax, ymax] in map units → [[x0, y0, x1, y1]] view pixels (y grows downwards)."""
    if not box:
        return None
    inverse = gdal.InvGeoTransform(gt)
    ax, ay = gdal.ApplyGeoTransform(inverse, box[0], box[1])
    bx, by = gdal.ApplyGeoTransform(inverse, box[2], box[3])
    return [[min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)]]


def _to_pixels(points, gt) -> Optional[list]:
    """[[x, y, label]] in map units → view pixels (inverse of the view's geotransform)."""
    if not points:
        return None
    inverse = gdal.InvGeoTransform(gt)
    return [[*gdal.ApplyGeoTransform(inverse, x, y), int(label)] for x, y, label in points]

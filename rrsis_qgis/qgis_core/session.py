"""The plugin's behaviour without widgets: run a phrase on the visible raster, review, export."""
from __future__ import annotations

from typing import List, Optional

from qgis.core import (QgsApplication, QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsGeometry,
                       QgsProject, QgsRasterLayer, QgsRectangle)
from qgis.PyQt.QtCore import QObject, pyqtSignal

from .. import __version__
from ..geo.raster_window import RasterError
from ..geo.result_schema import result_attributes
from ..phrase_check import clean_phrase
from .backend_client import BackendError
from .backend_process import BackendManager
from .export import export_results, long_prompts
from .extent import view_request
from .idle_encoder import IdleEncoder
from .layer_order import ResultsOnTop
from .overlays import remove_overlays, set_heatmap_visible, show_candidates, show_heatmap
from .render_view import RenderJob
from .results_layer import (ResultsError, add_results, delete_results, ensure_results_layer, features_by_req_id,
                            find_results_layers, result_rows, set_status)
from .results_watch import ResultsWatcher
from .segment_task import SegmentParams, SegmentTask
from .settings import PluginSettings

RESTART_CODES = ("down", "lost")


class Session(QObject):
    """Signals: resultsAdded(rows), busyChanged(bool), failed(message, offer_restart), info(message);
    ``watcher.changed`` whenever any results layer changed (by the plugin, undo, or QGIS's own tools)."""

    resultsAdded = pyqtSignal(list)
    busyChanged = pyqtSignal(bool)
    progress = pyqtSignal(int)
    failed = pyqtSignal(str, bool)
    info = pyqtSignal(str)

    def __init__(self, canvas, settings: Optional[PluginSettings] = None, backend: Optional[BackendManager] = None,
                 parent=None):
        super().__init__(parent)
        self.canvas = canvas
        self.settings = settings or PluginSettings.load()
        self.backend = backend or BackendManager(self.settings, self)
        self.task: Optional[SegmentTask] = None
        self.render: Optional[RenderJob] = None  # a web layer's view being rendered before its task starts
        self.last_params: Optional[SegmentParams] = None
        self.last_ids: List[str] = []  # the latest query's results: what a refinement replaces
        self.why: dict = {}  # req_id → the reasoner's per-term scores (shown, not stored in the layer)
        self.watcher = ResultsWatcher(self)
        self.idle: Optional[IdleEncoder] = None  # the dock's encoder of still views (set by the dock)
        self._on_top = ResultsOnTop(self)

    def current_view(self, layer) -> tuple:
        """(the view a query on ``layer`` would read now, its 'W×H px @ X m/px, EPSG:…' line), or (None, why
        there is no view)."""
        try:
            view = view_request(self.canvas.mapSettings(), layer, self.settings.max_side)
        except RasterError as exc:
            return None, str(exc)
        return view, view.describe()

    def query_params(self, view, phrase: str, **options) -> SegmentParams:
        """A query's parameters under the current settings. The idle encoder makes its view's with this too:
        the same view and settings give the same image bytes, so the query finds the encoded view in the cache."""
        return SegmentParams(view, phrase, self.settings.max_side, self.settings.band_list(), **options)

    def run(self, layer: QgsRasterLayer, phrase: str, points: Optional[list] = None):
        """Start a query on the visible part of ``layer``: the SegmentTask, or for a web layer the RenderJob that
        starts it once its view is rendered; None when it cannot start (the reason comes through ``failed``)."""
        if self.task is not None or self.render is not None:
            self.failed.emit(self.tr("a query is already running: wait for it or cancel it"), False)
            return None
        try:
            phrase = clean_phrase(phrase)
            view = view_request(self.canvas.mapSettings(), layer, self.settings.max_side)
            client = self.backend.client()
        except (ValueError, RasterError) as exc:
            self.failed.emit(str(exc), False)
            return None
        except BackendError as exc:
            self.failed.emit(exc.message, exc.code in RESTART_CODES)
            return None
        params = self.query_params(view, phrase, top_k=self.settings.top_k, points=points,
                                   return_heatmap=self.settings.show_heatmap)
        if not view.rendered:
            return self._start(params, client)
        self.render = RenderJob(self.canvas.mapSettings(), layer, view, self)
        self.render.done.connect(lambda pixels: self._on_rendered(params, client, pixels))
        self.busyChanged.emit(True)
        return self.render.start()

    def _on_rendered(self, params: SegmentParams, client, pixels) -> None:
        self.render = None
        if pixels is None:
            self.busyChanged.emit(False)
            self.info.emit(self.tr("query cancelled"))
            return
        params.pixels = pixels
        self._start(params, client, announce=False)

    def refine(self, points: list, box: Optional[list] = None) -> Optional[SegmentTask]:
        """Re-run the last phrase on the same view with clicked points ([[x, y, label]], layer CRS) and/or a
        drawn box ([xmin, ymin, xmax, ymax], layer CRS)."""
        if self.last_params is None:
            self.failed.emit(self.tr("run a phrase first, then add points to refine it"), False)
            return None
        if self.task is not None or self.render is not None:
            self.failed.emit(self.tr("a query is already running: wait for it or cancel it"), False)
            return None
        try:
            client = self.backend.client()
        except BackendError as exc:
            self.failed.emit(exc.message, True)
            return None
        old = self.last_params
        task = self._start(SegmentParams(old.view, old.phrase, old.max_side, old.bands, 1, points or None,
                                         return_heatmap=self.settings.show_heatmap, pixels=old.pixels, box=box),
                           client)
        task.replaces = list(self.last_ids[:1])  # the refined result is replaced, not duplicated
        return task

    def cancel(self) -> None:
        if self.render is not None:
            self.render.cancel()
        if self.task is not None:
            self.task.cancel()

    def set_status(self, req_ids: List[str], status: str) -> int:
        """Mark results and save them at once; returns how many were found (0: they are gone, e.g. undone)."""
        return sum(set_status(layer, req_ids, status) for layer in find_results_layers())

    def rows(self) -> List[dict]:
        """What the results layers hold now, newest first (the dock's list)."""
        return result_rows(self.why)

    def select_results(self, req_ids: List[str], flash: bool = False) -> None:
        """Select these results' polygons on the map (and nothing else in the results layers): the selection
        colour tells overlapping candidates apart; ``flash`` blinks them too (a row the analyst just picked)."""
        for layer in find_results_layers():
            ids = [f.id() for f in features_by_req_id(layer, req_ids)] if req_ids else []
            layer.selectByIds(ids)
            if flash and ids:
                self.canvas.flashFeatureIds(layer, ids)

    def zoom_to(self, req_ids: List[str]) -> bool:
        target = self.canvas.mapSettings().destinationCrs()
        box = None
        for layer in find_results_layers():
            transform = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance().transformContext())
            for f in features_by_req_id(layer, req_ids):
                part = transform.transformBoundingBox(f.geometry().boundingBox())
                box = QgsRectangle(part) if box is None else box
                box.combineExtentWith(part)
        if box is None:
            return False
        box.scale(1.5)
        self.canvas.setExtent(box)
        self.canvas.refresh()
        return True

    def export(self, path: str, accepted_only: bool = True) -> int:
        layers = find_results_layers()
        if not layers:
            raise ResultsError(self.tr("there are no results to export yet"))
        return export_results(layers, path, accepted_only)

    def long_prompts(self, accepted_only: bool = True) -> int:
        """How many exported phrases a Shapefile would cut (it keeps 254 characters)."""
        return long_prompts(find_results_layers(), accepted_only)

    def set_heatmap(self, on: bool) -> None:
        """Ask for the heatmap with the next queries and show/hide the current one."""
        self.settings.show_heatmap = on
        set_heatmap_visible(on)

    def shutdown(self, quitting: bool = False) -> None:
        """Plugin unload. When QGIS is quitting its layer tree is being torn down: removing layers then
        makes QGIS crash on exit, so the overlays are left to go with the project."""
        self.cancel()
        if self.idle is not None:
            self.idle.stop()
        self.backend.shutdown()
        self.watcher.close()
        self._on_top.close()
        if not quitting:
            remove_overlays()

    def _start(self, params: SegmentParams, client, announce: bool = True) -> SegmentTask:
        task = SegmentTask(params, client)
        task.done.connect(lambda outcome, error, t=task: self._on_done(t, outcome, error))
        task.progressChanged.connect(lambda p: self.progress.emit(int(p)))
        self.task, self.last_params = task, params
        if announce:
            self.busyChanged.emit(True)
        QgsApplication.taskManager().addTask(task)
        return task

    def _on_done(self, task: SegmentTask, outcome, error) -> None:
        self.task = None
        self.busyChanged.emit(False)
        if error is None and self.idle is not None and task.params.pixels is None:
            self.idle.mark_ready(task.params.view)  # the backend has this view's embedding now
        if error is not None:
            code = task.error_code
            if code != "cancelled":
                self.failed.emit(error, code in RESTART_CODES)
            else:
                self.info.emit(self.tr("query cancelled"))
            return
        if not outcome.wkb:
            self.info.emit(self.tr("nothing found for “{}” in this view").format(task.params.phrase))
        else:
            try:
                self._store(task.params, outcome, getattr(task, "replaces", []))
            except ResultsError as exc:
                self.failed.emit(str(exc), False)
        self._show_overlays(task.params, outcome)  # after the results: they go below them

    def _show_overlays(self, params: SegmentParams, outcome) -> None:
        try:
            if outcome.heatmap:
                show_heatmap(outcome.heatmap["png"], outcome.heatmap["scale"], outcome.view_gt, outcome.crs_wkt,
                             params.phrase, outcome.valid)
            if outcome.candidates and self.settings.show_overlays:
                show_candidates(outcome.candidates, outcome.view_gt, outcome.crs_wkt)
        except (RuntimeError, OSError, KeyError) as exc:  # an overlay is a nicety: never lose the result for it
            self.info.emit(self.tr("could not show the heatmap/candidates: {}").format(exc))

    def _store(self, params: SegmentParams, outcome, replaces: List[str]) -> None:
        source_crs = QgsCoordinateReferenceSystem.fromWkt(outcome.crs_wkt)
        layer = self._results_layer(source_crs)
        rows = [result_attributes(params.phrase, score, outcome.model, __version__, outcome.gsd_m,
                                  params.view.layer_name, f"{outcome.request_id}-{i}")
                for i, score in enumerate(outcome.scores)]
        geometries = [_geometry(w) for w in outcome.wkb]
        for row, why in zip(rows, outcome.why):
            self.why[row["req_id"]] = why  # shown in the results list, not stored in the layer
        add_results(layer, geometries, rows, source_crs, self.tr("RRSIS: {}").format(params.phrase[:40]))
        for old in find_results_layers():
            delete_results(old, replaces)
        layer.triggerRepaint()
        self.last_ids = [row["req_id"] for row in rows]
        for row in rows:
            row["layer_id"], row["why"] = layer.id(), self.why.get(row["req_id"], {})
        self.resultsAdded.emit(rows)

    def _results_layer(self, source_crs):
        """The results layer for this raster's CRS, or the project's CRS when the settings say so."""
        project = QgsProject.instance()
        crs = project.crs() if self.settings.output_crs == "project" and project.crs().isValid() else source_crs
        return ensure_results_layer(self._results_file(), crs, self.settings.memory_layer)

    def _results_file(self) -> str:
        """Where this project's results go: the file its results layers already use (a project saved after
        its first query keeps its results where they are: moving them would break the project's layer
        sources), else the settings' path, the saved project's own file, or the shared one."""
        for layer in find_results_layers():
            path = layer.source().split("|", 1)[0]
            if layer.providerType() == "ogr" and path:
                return path
        return self.settings.results_file(QgsProject.instance().fileName())


def _geometry(wkb: bytes) -> QgsGeometry:
    geom = QgsGeometry()
    geom.fromWkb(wkb)
    return geom

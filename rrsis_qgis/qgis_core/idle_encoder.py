"""Encode the visible view while the analyst is idle, so the phrase typed next is answered from the cache."""
from __future__ import annotations

import uuid
from pathlib import Path
from typing import Callable, Optional

from qgis.core import Qgis, QgsApplication, QgsMessageLog
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from ..geo.raster_window import RasterError
from .backend_client import BackendError
from .backend_process import CONNECTED, TAG
from .encode_task import EncodeTask
from .extent import ViewRequest, view_request

IDLE, ENCODING, READY = "", "encoding", "ready"
_MAKE = object()  # schedule(): make the view here (the caller has none)


class IdleEncoder(QObject):
    """``schedule()`` on every canvas move / layer change: once the canvas has been still for the delay,
    the view is sent to POST /v1/encode (low priority on the backend; a newer view cancels the older).
    ``stateChanged(state)``: '' (nothing known), 'encoding', 'ready' (the view's embedding is cached)."""

    stateChanged = pyqtSignal(str)

    def __init__(self, session, layer: Callable[[], Optional[object]], parent=None):
        super().__init__(parent)
        self.session, self._layer = session, layer
        self.session_id = "qgis-" + uuid.uuid4().hex[:12]
        self.active = False  # the dock is open: nobody encodes for a closed panel
        self.state = IDLE
        self.task: Optional[EncodeTask] = None
        self.ready_key = None
        self.last_error = ""  # why the last encode failed (logged once until it changes or one succeeds)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._encode)

    def set_active(self, active: bool) -> None:
        self.active = active
        self.schedule() if active else self.stop()

    def schedule(self, *_, view=_MAKE):
        """The view may have changed: forget 'ready' unless it is the encoded view, wait for stillness.

        ``view``: the canvas's view when the caller has just made it (the dock does on every canvas move:
        making one opens the raster), or None when there is none.
        """
        key = self._current_key() if view is _MAKE else self._key(encodable(view))
        if self.task is not None and self.task.key != key:
            self.task.cancel()  # the backend drops it if it has not started; a newer view wins
            self.task = None
        self._set(READY if key is not None and key == self.ready_key else (ENCODING if self.task else IDLE))
        settings = self.session.settings
        if self._allowed() and key is not None and key != self.ready_key and self.task is None:
            self.timer.start(max(0, int(settings.idle_delay_ms)))
        else:
            self.timer.stop()

    def on_backend(self, state: str, _detail: str = "") -> None:
        """The backend's state changed (Stop, Restart, a model change, a crash): a backend that is not
        connected, or is a new process, has no cached view, so 'ready' is forgotten; once connected the view
        is encoded again."""
        if state != CONNECTED:
            self.ready_key = None
            if self.task is not None:
                self.task.cancel()
                self.task = None
        self.schedule()

    def mark_ready(self, view: ViewRequest) -> None:
        """A query just ran on ``view``: the backend has it cached."""
        self.ready_key = view_key(view, self.session.settings)
        self.schedule()

    def stop(self) -> None:
        self.timer.stop()
        if self.task is not None:
            self.task.cancel()
            self.task = None
        self._set(IDLE)

    def _allowed(self) -> bool:
        return self.active and self.session.settings.idle_encode and self.session.backend.state == CONNECTED

    def _current_key(self):
        return self._key(self._view())

    def _key(self, view: Optional[ViewRequest]):
        return view_key(view, self.session.settings) if view is not None else None

    def _view(self) -> Optional[ViewRequest]:
        layer = self._layer()
        if layer is None:
            return None
        try:
            return encodable(view_request(self.session.canvas.mapSettings(), layer, self.session.settings.max_side))
        except (RasterError, ValueError):
            return None

    def _encode(self) -> None:
        if not self._allowed() or self.session.task is not None or self.session.render is not None:
            return  # a query is running: it caches its own view
        if on_battery():  # read once the canvas is still, not on every extentsChanged of a pan
            return
        view = self._view()
        if view is None:
            return
        key = view_key(view, self.session.settings)
        if key == self.ready_key:
            return self._set(READY)
        try:
            client = self.session.backend.client()
        except BackendError:
            return
        task = EncodeTask(self.session.query_params(view, ""), client, self.session_id, key)
        task.done.connect(lambda ok, task=task: self._on_done(task, ok))
        self.task = task
        QgsApplication.taskManager().addTask(task)
        self._set(ENCODING)

    def _on_done(self, task: EncodeTask, ok: bool) -> None:
        if task is not self.task:
            return
        self.task = None
        if ok:
            self.ready_key, self.last_error = task.key, ""
        elif task.error and not task.isCanceled() and task.error != self.last_error:
            self.last_error = task.error  # say why once, not at every still canvas
            QgsMessageLog.logMessage(self.tr("preparing the view ahead of a query failed: {}").format(task.error),
                                     TAG, Qgis.Warning)
        self._set(READY if ok and task.key == self._current_key() else IDLE)

    def _set(self, state: str) -> None:
        if state != self.state:
            self.state = state
            self.stateChanged.emit(state)


def encodable(view: Optional[ViewRequest]) -> Optional[ViewRequest]:
    """The view, unless there is none or it is a web layer's: those render on demand, not encoded ahead."""
    return None if view is None or view.rendered else view


def view_key(view: ViewRequest, settings) -> tuple:
    """What decides the bytes a query sends: the same key, the same backend cache entry."""
    return (view.source, tuple(round(v, 9) for v in view.extent), view.plan.out_w, view.plan.out_h,
            settings.band_list(), view.visible_wkt)


def on_battery() -> bool:
    """True when a Linux laptop reports it is discharging (QGIS itself cannot tell); False when unknown."""
    for supply in Path("/sys/class/power_supply").glob("*"):
        try:
            if (supply / "type").read_text().strip() == "Battery" and \
                    (supply / "status").read_text().strip() == "Discharging":
                return True
        except OSError:
            continue
    return False

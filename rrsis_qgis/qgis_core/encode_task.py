"""Encode a view ahead of its query as a QgsTask: read it exactly as a query would, POST /v1/encode."""
from __future__ import annotations

import uuid

from qgis.core import QgsTask
from qgis.PyQt.QtCore import pyqtSignal

from ..geo.raster_window import RasterError
from .backend_client import BackendClient, BackendError
from .segment_task import SegmentParams, query_image


class EncodeTask(QgsTask):
    """Emits ``done(ok)`` on the GUI thread; ``key`` identifies the view it encodes (``idle_encoder.view_key``)."""

    done = pyqtSignal(bool)

    def __init__(self, params: SegmentParams, client: BackendClient, session_id: str, key=None):
        flags = QgsTask.CanCancel
        if hasattr(QgsTask, "Silent"):  # QGIS ≥ 3.26: no "task complete" notice for a background job
            flags |= QgsTask.Silent
        super().__init__("RRSIS: preparing the view", flags)
        self.params, self.client, self.session_id = params, client, session_id
        self.request_id = "idle-" + uuid.uuid4().hex[:12]
        self.key = key
        self.error = ""  # why the encode failed (the idle encoder logs it)

    def run(self) -> bool:
        try:
            _view, _valid, image = query_image(self.params)
            if self.isCanceled():
                return False
            self.client.encode(image, self.request_id, self.session_id)
            return True
        except (RasterError, BackendError, ValueError, OSError) as exc:
            self.error = getattr(exc, "message", None) or str(exc)
            return False
        except Exception as exc:  # noqa: BLE001 (never let an exception reach QGIS's task manager)
            self.error = f"unexpected error: {exc!r}"
            return False

    def cancel(self) -> None:
        self.client.cancel(self.request_id)
        super().cancel()

    def finished(self, ok: bool) -> None:  # GUI thread
        self.done.emit(bool(ok) and not self.isCanceled())

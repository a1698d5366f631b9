"""Short requests through QgsNetworkAccessManager (QGIS's proxy, SSL and certificate settings), from any thread."""
from __future__ import annotations

from typing import Optional, Tuple
from urllib.parse import SplitResult

from qgis.core import QgsApplication, QgsBlockingNetworkRequest
from qgis.PyQt.QtCore import QAbstractEventDispatcher, QByteArray, QThread, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from .backend_errors import BackendError


def qgis_running() -> bool:
    return QgsApplication.instance() is not None


class QgisTransport:
    """Each request runs on a QThread (QGIS's network code needs one: a plain Python thread has no Qt event loop);
    QGIS's own timeout (Settings → Network) applies to each, and each is short: the job API keeps them so."""

    def __init__(self, parts: SplitResult):
        self.base = f"{parts.scheme}://{parts.netloc}"

    def request(self, method: str, path: str, headers: dict, body: Optional[bytes], _timeout: float) -> Tuple[int, bytes]:
        call = _Call(self.base + path, method, headers, body)
        if QAbstractEventDispatcher.instance() is None:  # a thread Qt did not start: give the request one
            thread = _Thread(call)
            thread.start()
            thread.wait()
        else:
            call()
        return call.answer()

    def abort(self) -> None:
        """Nothing to do: a request in flight is short, and the caller stops after it."""


class _Call:
    def __init__(self, url: str, method: str, headers: dict, body: Optional[bytes]):
        self.url, self.method, self.headers, self.body = url, method, headers, body
        self.status, self.data, self.failure = 0, b"", ""
        self.timed_out = False

    def __call__(self) -> None:
        request = QNetworkRequest(QUrl(self.url))
        for name, value in self.headers.items():
            request.setRawHeader(name.encode("latin-1"), value.encode("latin-1"))
        blocking = QgsBlockingNetworkRequest()
        if self.method == "GET":
            error = blocking.get(request, True)
        elif self.method == "POST":
            error = blocking.post(request, QByteArray(self.body or b""), True)
        elif self.method == "DELETE":
            error = blocking.deleteResource(request)
        else:
            raise ValueError(f"unsupported method {self.method}")
        reply = blocking.reply()
        status = reply.attribute(QNetworkRequest.HttpStatusCodeAttribute)
        self.status, self.data = int(status or 0), bytes(reply.content())
        # QGIS 3.22 ends a request that meets its timeout as a cancelled reply without an error code
        self.timed_out = (error == QgsBlockingNetworkRequest.TimeoutError
                          or reply.error() == QNetworkReply.OperationCanceledError)
        self.failure = blocking.errorMessage() if not self.status else ""

    def answer(self) -> Tuple[int, bytes]:
        if self.status:
            return self.status, self.data
        if self.timed_out:
            raise BackendError(f"the backend at {self.url} did not answer within QGIS's network timeout "
                               "(Settings → Options → Network)", "timeout")
        if "refused" in self.failure.lower():
            raise BackendError(f"the backend is not running (nothing answers at {self.url}): {self.failure}", "down")
        raise BackendError(f"cannot reach the backend: {self.failure} (QGIS's proxy and SSL settings apply: "
                           "Settings → Options → Network)", "lost")


class _Thread(QThread):
    def __init__(self, call: _Call):
        super().__init__()
        self.call = call

    def run(self) -> None:
        self.call()

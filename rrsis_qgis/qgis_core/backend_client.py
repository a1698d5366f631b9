"""HTTP client for the backend (stdlib http.client: safe in QgsTask threads, abortable from another thread)."""
from __future__ import annotations

import base64
import http.client
import io
import json
import socket
import threading
from typing import Optional
from urllib.parse import urlsplit

import numpy as np


class BackendError(Exception):
    """The backend could not answer; ``message`` is for the user, ``code`` for the code."""

    def __init__(self, message: str, code: str = "backend", status: int = 0):
        super().__init__(message)
        self.message, self.code, self.status = message, code, status


class BackendClient:
    def __init__(self, url: str, token: str, timeout: float = 600.0):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BackendError(f"invalid backend URL {url!r}", "config")
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout
        self._parts = parts
        self._conn: Optional[http.client.HTTPConnection] = None
        self._lock = threading.Lock()
        self.aborted = False

    def health(self, timeout: float = 5.0) -> dict:
        return self._request("GET", "/v1/health", timeout=timeout)

    def segment(self, image: np.ndarray, phrase: str, request_id: str, **options) -> dict:
        """image: H×W×3 or H×W×4 uint8 (the 4th channel is validity); sent as a base64 .npy."""
        payload = {"image": _npy_b64(image), "phrase": phrase, "request_id": request_id}
        payload.update({k: v for k, v in options.items() if v is not None})
        return self._request("POST", "/v1/segment", payload, timeout=self.timeout)

    def encode(self, image: np.ndarray, request_id: str, session: str = "") -> dict:
        """Have the backend encode a view before its phrase arrives (low priority; same bytes as ``segment``)."""
        payload = {"image": _npy_b64(image), "request_id": request_id, "session": session}
        return self._request("POST", "/v1/encode", payload, timeout=self.timeout)

    def cancel(self, request_id: str) -> None:
        """Ask the backend to drop the request, and stop waiting for it here."""
        self.aborted = True
        try:
            self._request("DELETE", f"/v1/requests/{request_id}", timeout=3.0, track=False)
        except BackendError:
            pass
        with self._lock:
            conn = self._conn
        if conn is not None and conn.sock is not None:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def _request(self, method: str, path: str, payload=None, timeout: float = 30.0, track: bool = True) -> dict:
        cls = http.client.HTTPSConnection if self._parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(self._parts.hostname, self._parts.port, timeout=timeout)
        if track:
            with self._lock:
                self._conn = conn
        body = json.dumps(payload).encode() if payload is not None else None
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
        except ConnectionRefusedError:
            raise BackendError(f"the backend is not running (nothing answers at {self.url})", "down") from None
        except socket.timeout:
            raise BackendError(f"the backend did not answer within {timeout:.0f} s", "timeout") from None
        except (http.client.HTTPException, OSError) as exc:
            if self.aborted:
                raise BackendError("cancelled", "cancelled") from None
            raise BackendError(f"the backend stopped during the request ({exc.__class__.__name__}); it may have "
                               "crashed or been stopped — restart it from the panel", "lost") from None
        finally:
            conn.close()
            if track:
                with self._lock:
                    self._conn = None
        try:
            answer = json.loads(data.decode("utf-8"))
        except ValueError:
            raise BackendError(f"the backend sent a non-JSON answer (HTTP {response.status})", "protocol") from None
        if response.status >= 400:
            err = answer.get("error", {}) if isinstance(answer, dict) else {}
            raise BackendError(err.get("message", f"HTTP {response.status}"), err.get("code", "http"), response.status)
        return answer


def _npy_b64(image: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(image))
    return base64.b64encode(buf.getvalue()).decode()

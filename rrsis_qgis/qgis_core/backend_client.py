"""The backend client: health, and segment/encode as jobs (submit, short polls, result) that any thread may cancel.

Every request is short — a submit, a poll that waits at most ``POLL_WAIT_S`` on the server — so no network
timeout (QGIS's, a proxy's) meets a long CPU inference; how the requests travel is ``http_transport``'s choice.
"""
from __future__ import annotations

import base64
import io
import json
import time
from typing import Callable, Optional
from urllib.parse import urlsplit

import numpy as np

from .backend_errors import BackendError
from .http_transport import pick_transport

__all__ = ["BackendClient", "BackendError"]

POLL_WAIT_S = 0.5  # the server holds a poll this long unless the job ends first; also the longest cancel delay
SUBMIT_TIMEOUT_S = 120.0  # a submit uploads the view: allow a slow link (http.client only; QGIS has its own)
SHORT_TIMEOUT_S = 15.0
Progress = Callable[[float, str], None]


class BackendClient:
    def __init__(self, url: str, token: str, timeout: float = 600.0):
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise BackendError(f"invalid backend URL {url!r}", "config")
        self.url, self.token, self.timeout = url.rstrip("/"), token, timeout
        self.transport = pick_transport(parts)
        self._cancelled: set = set()

    def health(self, timeout: float = 5.0) -> dict:
        return self._request("GET", "/v1/health", timeout=timeout)

    def segment(self, image: np.ndarray, phrase: str, request_id: str, progress: Optional[Progress] = None,
                **options) -> dict:
        """image: H×W×3 or H×W×4 uint8 (the 4th channel is validity); sent as a base64 .npy."""
        payload = {"image": _npy_b64(image), "phrase": phrase, "request_id": request_id}
        payload.update({k: v for k, v in options.items() if v is not None})
        return self._job("segment", payload, request_id, progress)

    def encode(self, image: np.ndarray, request_id: str, session: str = "") -> dict:
        """Have the backend encode a view before its phrase arrives (low priority; same bytes as ``segment``)."""
        payload = {"image": _npy_b64(image), "request_id": request_id, "session": session}
        return self._job("encode", payload, request_id)

    def cancel(self, request_id: str) -> None:
        """Stop waiting for the request (from any thread); the waiting thread tells the backend to drop it."""
        self._cancelled.add(request_id)
        self.transport.abort()

    def _job(self, kind: str, payload: dict, job_id: str, progress: Optional[Progress] = None) -> dict:
        self._stop_if_cancelled(job_id)
        try:
            try:
                status = self._request("POST", f"/v1/jobs/{kind}", payload, timeout=SUBMIT_TIMEOUT_S, job_id=job_id)
            except BackendError as exc:
                if exc.status == 404 and exc.code == "http":  # a backend from before the job API: one long request
                    return self._request("POST", f"/v1/{kind}", payload, timeout=self.timeout, job_id=job_id)
                raise
            status = self._wait(status, job_id, progress)
        except BackendError as exc:
            if exc.code in ("cancelled", "timeout"):
                self._drop(job_id)  # nothing may run for a client that stopped waiting
            raise
        if status["state"] == "done":
            return status["result"]
        error = status.get("error") or {}
        if status["state"] == "cancelled" or error.get("code") == "cancelled":
            raise BackendError("cancelled", "cancelled")
        raise BackendError(error.get("message", f"the job {status['state']}"), error.get("code", "backend"),
                           int(error.get("status", 0)))

    def _wait(self, status: dict, job_id: str, progress: Optional[Progress]) -> dict:
        """Poll until the job is final; each poll waits on the server for at most POLL_WAIT_S."""
        deadline = time.monotonic() + self.timeout
        while status["state"] in ("queued", "running"):
            if progress is not None:
                progress(float(status.get("progress", 0.0)), str(status.get("stage", "")))
            self._stop_if_cancelled(job_id)
            if time.monotonic() > deadline:
                raise BackendError(f"the backend did not finish within {self.timeout:.0f} s", "timeout")
            status = self._request("GET", f"/v1/jobs/{job_id}?wait={POLL_WAIT_S:g}", timeout=SHORT_TIMEOUT_S,
                                   job_id=job_id)
        return status

    def _stop_if_cancelled(self, job_id: str) -> None:
        if job_id in self._cancelled:
            raise BackendError("cancelled", "cancelled")

    def _drop(self, job_id: str) -> None:
        try:
            self._request("DELETE", f"/v1/jobs/{job_id}", timeout=3.0)
        except BackendError:
            pass  # gone already, or the backend is: nothing runs for us either way

    def _request(self, method: str, path: str, payload=None, timeout: float = 30.0, job_id: str = "") -> dict:
        body = json.dumps(payload).encode() if payload is not None else None
        headers = {"Authorization": f"Bearer {self.token}", "Content-Type": "application/json"}
        try:
            status, data = self.transport.request(method, path, headers, body, timeout)
        except BackendError:
            if job_id in self._cancelled:
                raise BackendError("cancelled", "cancelled") from None
            raise
        try:
            answer = json.loads(data.decode("utf-8"))
        except ValueError:
            raise BackendError(f"the backend sent a non-JSON answer (HTTP {status})", "protocol") from None
        if status >= 400:
            err = answer.get("error", {}) if isinstance(answer, dict) else {}
            if err.get("code") == "unknown_job":
                raise BackendError("the backend no longer knows this request: it was restarted, or the request "
                                   "waited too long — try again", "lost", status)
            raise BackendError(err.get("message", f"HTTP {status}"), err.get("code", "http"), status)
        return answer


def _npy_b64(image: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, np.ascontiguousarray(image))
    return base64.b64encode(buf.getvalue()).decode()

"""How the backend client's short requests travel: through QGIS's network stack, or plain http.client.

QGIS's QgsNetworkAccessManager applies the user's proxy, SSL and certificate settings, so a backend on another
machine is reached the way QGIS reaches everything else. A backend on this computer (127.0.0.1, ::1, localhost:
the plugin's own, or an SSH tunnel's end) is called directly, as browsers do: a corporate proxy cannot reach it,
and QGIS would send it there. Without a running QGIS (the CLI, benchmarks) http.client serves both.
"""
from __future__ import annotations

import http.client
import ipaddress
import socket
import threading
from typing import Optional, Tuple
from urllib.parse import SplitResult

from .backend_errors import BackendError


def pick_transport(parts: SplitResult):
    if not is_loopback(parts.hostname or ""):
        try:
            from .qgis_transport import QgisTransport, qgis_running
        except ImportError:  # no QGIS in this Python
            return StdlibTransport(parts)
        if qgis_running():
            return QgisTransport(parts)
    return StdlibTransport(parts)


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost" or host.lower().endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


class StdlibTransport:
    """http.client; ``abort()`` (any thread) ends the request in flight at once."""

    def __init__(self, parts: SplitResult):
        self.parts = parts
        self._conn: Optional[http.client.HTTPConnection] = None
        self._lock = threading.Lock()

    def request(self, method: str, path: str, headers: dict, body: Optional[bytes], timeout: float) -> Tuple[int, bytes]:
        cls = http.client.HTTPSConnection if self.parts.scheme == "https" else http.client.HTTPConnection
        conn = cls(self.parts.hostname, self.parts.port, timeout=timeout)
        with self._lock:
            self._conn = conn
        try:
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            return response.status, response.read()
        except ConnectionRefusedError:
            raise BackendError(f"the backend is not running (nothing answers at {_base(self.parts)})", "down") from None
        except socket.timeout:
            raise BackendError(f"the backend did not answer within {timeout:.0f} s", "timeout") from None
        except (http.client.HTTPException, OSError) as exc:
            raise BackendError(f"the backend stopped during the request ({exc.__class__.__name__}); it may have "
                               "crashed or been stopped — restart it from the panel", "lost") from None
        finally:
            conn.close()
            with self._lock:
                self._conn = None

    def abort(self) -> None:
        with self._lock:
            conn = self._conn
        if conn is not None and conn.sock is not None:
            try:
                conn.sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def _base(parts: SplitResult) -> str:
    return f"{parts.scheme}://{parts.netloc}"

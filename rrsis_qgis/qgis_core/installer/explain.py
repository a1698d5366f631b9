"""A failed step's output → one clear message (no network, proxy/SSL, disk full, permissions, damaged download, …)."""
from __future__ import annotations

from .messages import tr


def _causes() -> tuple:
    """(words any of which in uv's output identify the cause, message); first match wins, so order matters."""
    return (
        (("no space left on device", "os error 28", "not enough space on the disk", "os error 112"),
         tr("The disk is full: free some space (the backend needs a few GB) and press Install again; it resumes.")),
        (("certificate", "ssl", "tls handshake", "invalid peer"),
         tr("A secure connection to the package index failed (certificate): if your network inspects HTTPS, add "
            "its certificate to the system store or set the proxy in QGIS (Settings → Options → Network).")),
        (("407 proxy", "proxy authentication", "proxy error"),
         tr("The proxy refused the connection: check the proxy in QGIS (Settings → Options → Network).")),
        (("dns error", "failed to lookup address", "connection refused", "error sending request", "network is unreachable",
          "tcp connect error", "operation timed out", "connection reset", "could not connect", "failed to download"),
         tr("No connection to the package index: check the network or the proxy in QGIS (Settings → Options → "
            "Network), or install from a folder of wheels made on another machine.")),
        (("permission denied", "os error 13", "access is denied", "os error 5)", "read-only file system", "os error 30"),
         tr("The environment folder cannot be written: choose another folder or check its permissions.")),
        (("failed to read from zip", "invalid zip", "zip file", "hash mismatch", "failed to extract", "corrupt",
          "unexpected end of file", "badzipfile", "not a valid wheel", "invalid wheel"),
         tr("A downloaded package is damaged: press Repair to download it again.")),
        (("was not found in the provided package locations", "not found in the provided package locations"),
         tr("The wheel folder lacks a package the backend needs (the detail names it): make the folder again with "
            "the command in the README.")),
        (("no solution found", "unsatisfiable", "not found in the package registry", "no matching distribution"),
         tr("The package index has no build of a pinned package for this computer (the detail names it).")),
    )


def explain(output: str, step: str, code: int) -> str:
    """The message for a step that exited with ``code`` after printing ``output`` (its tail is enough)."""
    low = output.lower()
    detail = _detail(output)
    for words, message in _causes():
        if any(word in low for word in words):
            return _with_detail(message, detail)
    return _with_detail(tr("The step “{}” failed (exit code {}).").format(step, code), detail)


def _detail(output: str) -> str:
    """uv's most telling line: the last 'error:' / 'Caused by:' one, else the last line."""
    lines = [line.strip() for line in output.strip().splitlines() if line.strip()]
    for line in reversed(lines):
        if line.lower().startswith(("error", "caused by", "×", "╰─▶", "because")):
            return line
    return lines[-1] if lines else ""


def _with_detail(message: str, detail: str) -> str:
    return f"{message}\n{detail}" if detail else message

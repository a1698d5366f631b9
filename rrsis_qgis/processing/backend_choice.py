"""Which backend a Processing run talks to: a given URL + token file, else the dock's (running or configured)."""
from __future__ import annotations

from pathlib import Path

from qgis.core import QgsProcessingException
from qgis.PyQt.QtCore import QCoreApplication

from ..qgis_core.backend_client import BackendClient, BackendError

PLUGIN_KEY = __name__.split(".")[0]  # the plugin's folder name, as qgis.utils.plugins knows it


def backend_client(url: str = "", token_file: str = "", timeout: float = 600.0) -> BackendClient:
    """A client that has just answered /v1/health; QgsProcessingException with the reason otherwise."""
    try:
        client = BackendClient(url, _token(token_file), timeout) if url else _dock_client(timeout)
    except BackendError as exc:
        raise QgsProcessingException(exc.message) from None
    try:
        client.health(timeout=10)
    except BackendError as exc:
        raise QgsProcessingException(QCoreApplication.translate(
            "BackendChoice", "the backend at {} does not answer: {}").format(
            client.url, exc.message)) from None
    return client


def _dock_client(timeout: float) -> BackendClient:
    """The backend the dock started (or connected to), else the one set in the plugin's settings."""
    backend = _running_dock_backend()
    if backend is not None:
        return BackendClient(backend.url, backend.token or "", timeout)
    from ..qgis_core.settings import PluginSettings

    settings = PluginSettings.load()
    if settings.backend_url:
        return BackendClient(settings.backend_url, _token(settings.token_file), timeout)
    raise QgsProcessingException(QCoreApplication.translate(
        "BackendChoice",
        "no backend: press Start in the RRSIS panel, or give this algorithm the backend URL and its token file "
        "(python -m rrsis_qgis.server --token-file FILE prints the URL)"))


def _running_dock_backend():
    try:
        from qgis.utils import plugins
    except ImportError:
        return None
    session = getattr(plugins.get(PLUGIN_KEY), "session", None)
    backend = getattr(session, "backend", None)
    if backend is not None and getattr(backend, "state", "") == "connected" and backend.url:
        return backend
    return None


def _token(token_file: str) -> str:
    if not token_file:
        raise QgsProcessingException(QCoreApplication.translate(
            "BackendChoice", "a backend URL needs its token file (the server writes it at start)"))
    try:
        return Path(token_file).read_text().strip()
    except OSError as exc:
        raise QgsProcessingException(QCoreApplication.translate(
            "BackendChoice", "cannot read the token file {}: {}").format(
            token_file, exc.strerror or exc)) from None

"""The installer's messages and their translation, usable without QGIS (tests, the engine's worker thread)."""
from pathlib import Path

try:
    from qgis.PyQt.QtCore import QCoreApplication
except ImportError:  # pragma: no cover - only without PyQt
    QCoreApplication = None


def tr(text: str) -> str:
    """Module-level tr() calls are extracted by pylupdate5 into the @default context."""
    return QCoreApplication.translate("@default", text) if QCoreApplication is not None else text


def python_problem(python: str) -> str:
    """Why there is no backend to start with ``python`` ('' when it exists): the way to one, for a new user too."""
    if not python:
        return tr("No backend installed yet: open Settings… and press Install… (it sets up the backend's own Python "
                  "in the QGIS profile, a few minutes), or set the backend Python of a `make setup` checkout.")
    if not Path(python).exists():
        return tr("The backend Python {} does not exist (moved or removed?): open Settings… and press Install… to "
                  "set up the backend again, or choose another Python.").format(python)
    return ""

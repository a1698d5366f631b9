"""Translation for the installer's messages, usable without QGIS (tests, the engine's worker thread)."""
try:
    from qgis.PyQt.QtCore import QCoreApplication
except ImportError:  # pragma: no cover - only without PyQt
    QCoreApplication = None


def tr(text: str) -> str:
    """Module-level tr() calls are extracted by pylupdate5 into the @default context."""
    return QCoreApplication.translate("@default", text) if QCoreApplication is not None else text

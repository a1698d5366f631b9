"""QGIS plugin object: registers the plugin's GUI pieces with QGIS and removes them on unload."""
from qgis.core import Qgis, QgsMessageLog


class RrsisPlugin:
    """Loaded by QGIS through classFactory. The dock panel and Processing provider are added here."""

    def __init__(self, iface):
        self.iface = iface

    def initGui(self):  # noqa: N802 (QGIS's name)
        QgsMessageLog.logMessage(
            "rrsis_qgis loaded; the dock panel is not part of this version yet — use the command line "
            "(python -m rrsis_qgis segment …) for now.", "rrsis_qgis", Qgis.Info)

    def unload(self):
        pass

"""Map tool for refinement clicks: left = part of the object (1), right = not part of it (0)."""
from qgis.gui import QgsMapToolEmitPoint
from qgis.PyQt.QtCore import Qt, pyqtSignal


class RefineTool(QgsMapToolEmitPoint):
    clicked = pyqtSignal(object, int)  # QgsPointXY in the canvas CRS, label

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        label = 0 if event.button() == Qt.RightButton else 1
        self.clicked.emit(self.toMapCoordinates(event.pos()), label)

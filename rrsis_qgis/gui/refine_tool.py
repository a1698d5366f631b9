"""Map tool for refinement clicks: left = part of the object (1, green +), right = not part of it (0, red ×)."""
from qgis.gui import QgsMapToolEmitPoint, QgsVertexMarker
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

MARK = {1: (QgsVertexMarker.ICON_CROSS, QColor(31, 163, 74)), 0: (QgsVertexMarker.ICON_X, QColor(215, 48, 31))}


class RefineTool(QgsMapToolEmitPoint):
    clicked = pyqtSignal(object, int)  # QgsPointXY in the canvas CRS, label

    def __init__(self, canvas):
        super().__init__(canvas)
        self.marks = []

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        label = 0 if event.button() == Qt.RightButton else 1
        self.clicked.emit(self.toMapCoordinates(event.pos()), label)

    def mark(self, point, label: int) -> None:
        icon, colour = MARK[label]
        marker = QgsVertexMarker(self.canvas())
        marker.setCenter(point)
        marker.setIconType(icon)
        marker.setColor(colour)
        marker.setIconSize(12)
        marker.setPenWidth(3)
        self.marks.append(marker)

    def clear_marks(self) -> None:
        for marker in self.marks:
            self.canvas().scene().removeItem(marker)
        self.marks = []

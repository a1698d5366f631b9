"""Map tool for refinement: click left = part of the object (green +), right = not part of it (red ×);
drag = a box around the object."""
from qgis.core import QgsGeometry, QgsRectangle, QgsWkbTypes
from qgis.gui import QgsMapToolEmitPoint, QgsRubberBand, QgsVertexMarker
from qgis.PyQt.QtCore import Qt, pyqtSignal
from qgis.PyQt.QtGui import QColor

MARK = {1: (QgsVertexMarker.ICON_CROSS, QColor(31, 163, 74)), 0: (QgsVertexMarker.ICON_X, QColor(215, 48, 31))}
DRAG_PX = 5  # a press and release further apart than this is a box, not a click


class RefineTool(QgsMapToolEmitPoint):
    clicked = pyqtSignal(object, int)  # QgsPointXY in the canvas CRS, label
    boxDrawn = pyqtSignal(object)  # QgsRectangle in the canvas CRS

    def __init__(self, canvas):
        super().__init__(canvas)
        self.marks = []
        self._press = None
        self._band = None

    def canvasPressEvent(self, event):  # noqa: N802 (Qt's name)
        self._press = event.pos() if event.button() == Qt.LeftButton else None

    def canvasMoveEvent(self, event):  # noqa: N802 (Qt's name)
        if self._press is None or (event.pos() - self._press).manhattanLength() <= DRAG_PX:
            return
        if self._band is None:
            self._band = QgsRubberBand(self.canvas(), QgsWkbTypes.PolygonGeometry)
            self._band.setColor(QColor(31, 163, 74, 60))
            self._band.setStrokeColor(QColor(31, 163, 74))
        self._band.setToGeometry(QgsGeometry.fromRect(self._rect(event.pos())), None)

    def canvasReleaseEvent(self, event):  # noqa: N802 (Qt's name)
        press, self._press = self._press, None
        if press is not None and (event.pos() - press).manhattanLength() > DRAG_PX:
            self.boxDrawn.emit(self._rect_from(press, event.pos()))
            return
        label = 0 if event.button() == Qt.RightButton else 1
        self.clicked.emit(self.toMapCoordinates(event.pos()), label)

    def _rect(self, pos):
        return self._rect_from(self._press, pos)

    def _rect_from(self, a, b) -> QgsRectangle:
        return QgsRectangle(self.toMapCoordinates(a), self.toMapCoordinates(b))

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
        if self._band is not None:
            self.canvas().scene().removeItem(self._band)
            self._band = None


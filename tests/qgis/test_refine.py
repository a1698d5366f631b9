"""Refine by clicking the map: markers, the refined result replaces the old one, clicks outside the view
are refused, and turning Refine off gives the previous map tool back."""
import pytest
from qgis.core import QgsPointXY, QgsRectangle
from qgis.gui import QgsMapToolPan, QgsVertexMarker
from qgis.PyQt.QtCore import QPoint, Qt

from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (fixture)


def listed(dock):
    tree = dock.ui.resultsList
    return [tree.topLevelItem(i).data(0, Qt.UserRole) for i in range(tree.topLevelItemCount())]


def canvas_pixel(canvas, point: QgsPointXY) -> QPoint:
    pixel = canvas.getCoordinateTransform().transform(point)
    return QPoint(int(pixel.x()), int(pixel.y()))


def click(qtbot, canvas, point: QgsPointXY, button=Qt.LeftButton):
    qtbot.mouseClick(canvas.viewport(), button, pos=canvas_pixel(canvas, point))


def markers(canvas):
    return [item for item in canvas.scene().items() if isinstance(item, QgsVertexMarker)]


def test_refine_clicks_replace_the_result_and_leave_no_trace(qtbot, qgis_iface, qgis_canvas, plugin, scene_layer):
    pan = QgsMapToolPan(qgis_canvas)
    qgis_canvas.setMapTool(pan)
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the white storage tank left of the road")
    [first] = listed(dock)

    qtbot.mouseClick(dock.ui.refineButton, Qt.LeftButton)
    assert qgis_canvas.mapTool() is dock.refine_tool
    extent = scene_layer.extent()
    inside = QgsPointXY(extent.xMinimum() + 30, extent.yMaximum() - 40)
    with qtbot.waitSignal(plugin.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        click(qtbot, qgis_canvas, inside)
    qtbot.wait(50)
    assert len(markers(qgis_canvas)) == 1  # a green + where the analyst clicked
    [second] = listed(dock)
    assert second != first  # the refined result replaced the one it refines
    outside_of_object = QgsPointXY(extent.xMaximum() - 10, extent.yMinimum() + 10)
    with qtbot.waitSignal(plugin.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        click(qtbot, qgis_canvas, outside_of_object, Qt.RightButton)
    qtbot.wait(50)
    assert len(markers(qgis_canvas)) == 2 and len(listed(dock)) == 1
    assert plugin.session.last_params.points[-1][2] == 0  # right = not part of it

    # a box dragged around the object (left button): sent as a box prompt, still one result
    before = listed(dock)
    a = canvas_pixel(qgis_canvas, QgsPointXY(extent.xMinimum() + 10, extent.yMaximum() - 10))
    b = canvas_pixel(qgis_canvas, QgsPointXY(extent.xMinimum() + 60, extent.yMaximum() - 70))
    with qtbot.waitSignal(plugin.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        qtbot.mousePress(qgis_canvas.viewport(), Qt.LeftButton, pos=a)
        qtbot.mouseMove(qgis_canvas.viewport(), pos=(a + b) / 2)
        qtbot.mouseMove(qgis_canvas.viewport(), pos=b)
        qtbot.mouseRelease(qgis_canvas.viewport(), Qt.LeftButton, pos=b)
    box = plugin.session.last_params.box
    assert box == pytest.approx([extent.xMinimum() + 10, extent.yMaximum() - 70, extent.xMinimum() + 60,
                                 extent.yMaximum() - 10], abs=2 * qgis_canvas.mapUnitsPerPixel())
    assert len(listed(dock)) == 1 and listed(dock) != before  # the backend took the box and answered

    messages = []
    qgis_iface.messageBar().widgetAdded.connect(lambda item: messages.append(item.text()))
    qgis_canvas.setExtent(QgsRectangle(extent.xMaximum() + 500, extent.yMinimum(),
                                       extent.xMaximum() + 500 + extent.width(), extent.yMaximum()))
    click(qtbot, qgis_canvas, QgsPointXY(extent.xMaximum() + 500 + extent.width() / 2, extent.center().y()))
    assert any("outside the view of the last query" in m for m in messages), messages
    assert len(markers(qgis_canvas)) == 2 and plugin.session.task is None  # refused: nothing sent

    qtbot.mouseClick(dock.ui.refineButton, Qt.LeftButton)  # Refine off
    assert qgis_canvas.mapTool() is pan  # back to Pan
    assert markers(qgis_canvas) == []

"""The dock's list follows the results layer: undo, QGIS's own delete tool and the attribute table included."""
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt

from rrsis_qgis.qgis_core.results_layer import find_results_layer
from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (fixture)


def listed(dock):
    tree = dock.ui.resultsList
    return {tree.topLevelItem(i).data(0, Qt.UserRole): tree.topLevelItem(i).text(2)
            for i in range(tree.topLevelItemCount())}


def test_list_follows_deletes_undo_and_attribute_edits_made_outside_the_dock(qtbot, qgis_iface, qgis_canvas, plugin,
                                                                             scene_layer):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the white storage tank left of the road")
    run_phrase(qtbot, dock, "the red building")
    layer = find_results_layer()
    assert len(listed(dock)) == 2 and qgis_iface.activeLayer() is layer
    first, second = [dock.ui.resultsList.topLevelItem(i).data(0, Qt.UserRole) for i in range(2)]
    assert dock.ui.resultsList.topLevelItem(0).isSelected()  # the newest result is selected for review

    # Edit ▸ Delete Selected (QGIS's own tool) on the newest result
    fid = next(f.id() for f in layer.getFeatures() if f["req_id"] == first)
    layer.selectByIds([fid])
    layer.beginEditCommand("Features deleted")
    layer.deleteSelectedFeatures()
    layer.endEditCommand()
    qtbot.waitUntil(lambda: first not in listed(dock), timeout=2000)

    layer.undoStack().undo()  # Ctrl+Z brings it back …
    qtbot.waitUntil(lambda: first in listed(dock), timeout=2000)
    layer.undoStack().redo()  # … and Ctrl+Shift+Z removes it again
    qtbot.waitUntil(lambda: first not in listed(dock), timeout=2000)

    # the attribute table: status typed by hand
    fid = next(f.id() for f in layer.getFeatures() if f["req_id"] == second)
    layer.beginEditCommand("Attribute changed")
    layer.changeAttributeValue(fid, layer.fields().indexOf("status"), "accepted")
    layer.endEditCommand()
    qtbot.waitUntil(lambda: listed(dock).get(second) == "accepted", timeout=2000)

    # a row whose feature vanished between two refreshes: Accept tells the analyst
    dock.ui.resultsList.clearSelection()
    dock.ui.resultsList.topLevelItem(0).setSelected(True)
    layer.dataProvider().deleteFeatures([fid])  # gone behind the layer's back (another process, a reload)
    messages = []
    bar = qgis_iface.messageBar()
    bar.widgetAdded.connect(lambda item: messages.append(item.text()))
    qtbot.mouseClick(dock.ui.acceptButton, Qt.LeftButton)
    assert any("no longer in the results layer" in m for m in messages), messages
    QgsProject.instance().removeAllMapLayers()

"""The plugin as QGIS loads it, and the dock driven like a user would (pytest-qt) against a real backend."""

import qgis.utils
import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtWidgets import QAction, QDockWidget

from rrsis_qgis.qgis_core.results_layer import find_results_layer
from tests.conftest import REPO
from tests.qgis.conftest import saved_statuses, show


@pytest.fixture
def plugin(qgis_iface, settings, monkeypatch):
    from rrsis_qgis.qgis_core import settings as settings_module

    monkeypatch.setattr(settings_module.PluginSettings, "load", classmethod(lambda cls: settings))
    qgis.utils.iface = qgis_iface
    # QGIS records the modules a plugin imports while loading; other tests imported ours already
    qgis.utils._plugin_modules.setdefault("rrsis_qgis", set())
    assert qgis.utils.loadPlugin("rrsis_qgis")
    assert qgis.utils.startPlugin("rrsis_qgis")
    yield qgis.utils.plugins["rrsis_qgis"]
    if "rrsis_qgis" in qgis.utils.plugins:
        qgis.utils.unloadPlugin("rrsis_qgis")
    QgsProject.instance().removeAllMapLayers()


def test_load_shows_dock_and_unload_leaves_nothing(qgis_iface, plugin):
    registry = QgsApplication.processingRegistry()
    assert registry.providerById("rrsis") is not None
    plugin.action.trigger()  # toolbar button
    assert plugin.dock is not None and not plugin.dock.isHidden()  # the main window itself is not shown offscreen
    plugin.action.trigger()
    assert plugin.dock.isHidden()
    assert qgis.utils.unloadPlugin("rrsis_qgis")
    assert registry.providerById("rrsis") is None
    assert plugin.dock is None and plugin.session is None
    QCoreApplication.sendPostedEvents(None, QEvent.DeferredDelete)  # run the deleteLater()s
    texts = [a.text() for a in qgis_iface.mainWindow().findChildren(QAction)]
    assert not [t for t in texts if "RRSIS" in t], texts
    assert not [w for w in qgis_iface.mainWindow().findChildren(QDockWidget) if w.objectName() == "RrsisDock"]


def open_dock(qtbot, plugin):
    """Toolbar button, then Start; the dock floats as its own active window so its shortcuts work offscreen."""
    plugin.action.trigger()
    dock = plugin.dock
    dock.setFloating(True)
    dock.show()
    dock.activateWindow()
    qtbot.waitUntil(lambda: dock.isActiveWindow(), timeout=5000)
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dock.ui.startButton.text() == "Restart", timeout=30000)  # connected
    return dock


def focus(qtbot, dock, widget):
    dock.activateWindow()
    qtbot.waitUntil(lambda: dock.isActiveWindow(), timeout=5000)
    widget.setFocus()
    qtbot.waitUntil(lambda: widget.hasFocus(), timeout=5000)


def run_phrase(qtbot, dock, phrase):
    edit = dock.ui.phraseCombo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, phrase)
    with qtbot.waitSignal(dock.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(edit, Qt.Key_Return)  # Enter runs
    qtbot.wait(50)  # the list follows the layer on the next turn of the event loop


saved = saved_statuses  # the name the tests here and in test_data_safety use


def test_type_a_phrase_run_review_and_export(qtbot, qgis_iface, qgis_canvas, plugin, scene_layer, tmp_path,
                                             monkeypatch):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    assert "256×256 px @ 0.5 m/px (ground), EPSG:32616" in dock.ui.viewInfo.toolTip()  # whole; the line may be elided

    qgis_iface.setActiveLayer(scene_layer)
    run_phrase(qtbot, dock, "the white storage tank left of the road")
    layer = find_results_layer()
    assert layer is not None and layer.featureCount() == 1
    assert qgis_iface.activeLayer() is layer  # Ctrl+Z and the vertex tool act on the results, not an overlay
    assert dock.ui.resultsList.topLevelItemCount() == 1
    assert "relation" in dock.ui.resultsList.topLevelItem(0).toolTip(0)  # the reasoner's "why"
    assert dock.ui.phraseCombo.itemText(0) == "the white storage tank left of the road"  # history
    req_id = dock.ui.resultsList.topLevelItem(0).data(0, Qt.UserRole)
    results_file = plugin.session.settings.results_file()
    assert saved(results_file) == {req_id: "candidate"}  # on disk without pressing Save
    assert not layer.isModified() and layer.isEditable()  # QGIS has nothing to ask on exit; editing works

    qtbot.mouseClick(dock.ui.acceptButton, Qt.LeftButton)
    assert next(layer.getFeatures())["status"] == "accepted"
    assert dock.ui.resultsList.topLevelItem(0).text(2) == "accepted"
    assert saved(results_file) == {req_id: "accepted"}

    out = tmp_path / "accepted.shp"
    monkeypatch.setattr("rrsis_qgis.gui.dock.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dock.ui.exportButton, Qt.LeftButton)
    from osgeo import ogr

    ds = ogr.Open(str(out))
    assert ds.GetLayer(0).GetFeatureCount() == 1

    dock.ui.resultsList.topLevelItem(0).setSelected(True)
    focus(qtbot, dock, dock.ui.resultsList)
    qtbot.keyClick(dock.ui.resultsList, Qt.Key_R, Qt.AltModifier | Qt.ShiftModifier)  # Reject
    assert next(layer.getFeatures())["status"] == "rejected"
    assert saved(results_file) == {req_id: "rejected"}
    qtbot.keyClick(dock.ui.resultsList, Qt.Key_A, Qt.AltModifier | Qt.ShiftModifier)  # Accept
    assert saved(results_file) == {req_id: "accepted"}


def test_review_shortcuts_leave_the_menu_mnemonics_alone(qtbot, qgis_iface, plugin):
    """Alt+<letter> belongs to QGIS's menus (Alt+R = Raster, Alt+A is free today but not promised)."""
    from qgis.PyQt.QtGui import QKeySequence

    from rrsis_qgis.gui.review_list import SHORTCUTS

    plugin.action.trigger()
    keys = {QKeySequence(a.shortcut()).toString() for a in plugin.dock.review.actions}
    for name, sequence in SHORTCUTS.items():
        assert sequence in keys
        assert sequence.startswith("Alt+Shift+"), name
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert all(sequence in readme for sequence in SHORTCUTS.values())  # documented

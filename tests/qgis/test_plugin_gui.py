"""The plugin as QGIS loads it, and the dock driven like a user would (pytest-qt) against a real backend."""
import qgis.utils
import pytest
from qgis.core import QgsApplication, QgsProject
from qgis.PyQt.QtCore import QCoreApplication, QEvent, Qt
from qgis.PyQt.QtWidgets import QAction, QDockWidget

from rrsis_qgis.qgis_core.results_layer import find_results_layer
from tests.qgis.conftest import show


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


def test_type_a_phrase_run_review_and_export(qtbot, qgis_iface, qgis_canvas, plugin, scene_layer, tmp_path,
                                             monkeypatch):
    plugin.action.trigger()
    dock = plugin.dock
    dock.session.backend.start()
    assert "connected" in dock.ui.statusBadge.text()
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    assert "256×256 px @ 0.5 m/px, EPSG:32616" in dock.ui.viewInfo.text()

    qtbot.keyClicks(dock.ui.phraseCombo.lineEdit(), "the white storage tank left of the road")
    with qtbot.waitSignal(dock.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(dock.ui.phraseCombo.lineEdit(), Qt.Key_Return)  # Enter runs
    layer = find_results_layer()
    assert layer is not None and layer.featureCount() == 1
    assert dock.ui.resultsList.topLevelItemCount() == 1
    assert "relation" in dock.ui.resultsList.topLevelItem(0).toolTip(0)  # the reasoner's "why"
    assert dock.ui.phraseCombo.itemText(0) == "the white storage tank left of the road"  # history

    qtbot.mouseClick(dock.ui.acceptButton, Qt.LeftButton)
    assert next(layer.getFeatures())["status"] == "accepted"
    assert dock.ui.resultsList.topLevelItem(0).text(2) == "accepted"

    out = tmp_path / "accepted.shp"
    monkeypatch.setattr("rrsis_qgis.gui.dock.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    qtbot.mouseClick(dock.ui.exportButton, Qt.LeftButton)
    from osgeo import ogr

    ds = ogr.Open(str(out))
    assert ds.GetLayer(0).GetFeatureCount() == 1

    qtbot.mouseClick(dock.ui.rejectButton, Qt.LeftButton)
    assert next(layer.getFeatures())["status"] == "rejected"
    layer.undoStack().undo()
    assert next(layer.getFeatures())["status"] == "accepted"

"""The map stays readable: overlays under the results, results over new rasters, heatmap optional and
see-through where there is no data, its files cleaned up; a one-line badge and one Restart message at a time."""
import numpy as np
from osgeo import gdal
from qgis.core import QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QPushButton

from rrsis_qgis.qgis_core.overlays import overlay_dir
from rrsis_qgis.qgis_core.results_layer import find_results_layer
from tests.conftest import write_tif
from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (fixture)


def panel_order():
    """Layer names top to bottom as the Layers panel shows them."""
    return [node.layer().name() for node in QgsProject.instance().layerTreeRoot().findLayers()]


def heatmaps():
    return [layer for layer in QgsProject.instance().mapLayers().values() if layer.name().startswith("RRSIS heatmap")]


def test_overlays_go_under_the_results_and_new_rasters_too(qtbot, qgis_iface, qgis_canvas, plugin, scene_layer,
                                                           tmp_path):
    import qgis.utils

    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    assert not dock.ui.heatmapCheck.isChecked()  # off by default
    run_phrase(qtbot, dock, "the white storage tank left of the road")
    assert heatmaps() == []

    qtbot.mouseClick(dock.ui.heatmapCheck, Qt.LeftButton)
    qgis_canvas.zoomByFactor(0.5)
    qgis_canvas.setRotation(30)  # the corners of the sent box are not on screen: no data there
    for phrase in ("the red building", "the white storage tank"):  # the second query used to put it on top
        run_phrase(qtbot, dock, phrase)
        order = panel_order()
        results = [i for i, name in enumerate(order) if name.startswith("RRSIS results")]
        overlays = [i for i, name in enumerate(order) if name.startswith("RRSIS heatmap") or name == "RRSIS candidates"]
        assert len(overlays) == 2 and results and max(results) < min(overlays), order
    qgis_canvas.setRotation(0)
    [heat] = heatmaps()
    path = heat.source()
    assert str(overlay_dir()) in path and not heat.isTemporary()  # QGIS will not ask about it on exit
    ds = gdal.Open(path)
    values, nodata = ds.ReadAsArray(), ds.GetRasterBand(1).GetNoDataValue()
    ds = None
    assert nodata == 0
    assert 0.05 < (values == 0).mean() < 0.6  # the hidden corners of the rotated view are see-through
    assert heat.dataProvider().sourceNoDataValue(1) == 0

    qtbot.mouseClick(dock.ui.heatmapCheck, Qt.LeftButton)  # off again: hidden now, not asked for next time
    assert not QgsProject.instance().layerTreeRoot().findLayer(heat.id()).isVisible()

    basemap = QgsRasterLayer(write_tif(tmp_path / "ortho.tif", np.full((3, 32, 32), 90, np.uint8),
                                       gt=(741000.0, 8.0, 0.0, 3735000.0, 0.0, -8.0), epsg=32616), "orthophoto")
    QgsProject.instance().addMapLayer(basemap)  # QGIS puts a new layer on top …
    qtbot.waitUntil(lambda: panel_order().index("orthophoto") > panel_order().index(find_results_layer().name()),
                    timeout=2000)  # … and the results come back above it

    assert qgis.utils.unloadPlugin("rrsis_qgis")
    assert heatmaps() == [] and not gdal.ReadDirRecursive(overlay_dir())  # its files are freed


def test_badge_is_one_line_and_restart_messages_do_not_pile_up(qtbot, qgis_iface, qgis_canvas, plugin, settings,
                                                               backend, scene_layer):
    url = settings.backend_url
    settings.backend_url, settings.backend_python = "", "/nonexistent/python"
    plugin.action.trigger()
    dock = plugin.dock
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    badge = dock.ui.statusBadge
    assert badge.text().endswith("down") and "\n" not in badge.text()
    assert "backend Python" in badge.toolTip()  # the reason, on hover
    assert badge.sizeHint().height() < 2 * badge.fontMetrics().height()  # no tall column beside the map

    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.keyClicks(dock.ui.phraseCombo.lineEdit(), "the tank")
    bar = qgis_iface.messageBar()

    def restart_buttons():
        return [b for item in bar.items() for b in item.findChildren(QPushButton) if b.text() == "Restart backend"]

    for _ in range(3):
        qtbot.keyClick(dock.ui.phraseCombo.lineEdit(), Qt.Key_Return)
    assert len(restart_buttons()) == 1

    settings.backend_url = url  # the backend is back (here: the test's server)
    qtbot.mouseClick(restart_buttons()[0], Qt.LeftButton)
    qtbot.waitUntil(lambda: dock.ui.startButton.text() == "Restart", timeout=30000)  # connected
    assert restart_buttons() == []  # it no longer applies


def test_a_saved_project_opens_in_its_own_layer_order(qtbot, qgis_canvas, plugin, scene_layer, tmp_path):
    """Only rasters added while working move under the results, not those of a project being opened."""
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the white storage tank")
    root = QgsProject.instance().layerTreeRoot()
    node = root.findLayer(scene_layer.id())
    root.insertChildNode(0, node.clone())  # the analyst drags the raster above the results on purpose
    node.parent().removeChildNode(node)
    qtbot.wait(50)
    assert panel_order()[0] == "scene"
    project_file = str(tmp_path / "work.qgz")
    assert QgsProject.instance().write(project_file)
    assert QgsProject.instance().read(project_file)
    qtbot.wait(100)
    assert panel_order()[0] == "scene", panel_order()

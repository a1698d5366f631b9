"""The dock as a new analyst meets it (issue 23): keys go where they are aimed, lines stay put and say what holds."""
import sys

import httpx
import pytest
from qgis.core import QgsRectangle
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication

from tests.qgis.conftest import EPSG4326, show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (the plugin fixture)

DOCK_WIDTH = 290  # the dock's width in a fresh QGIS profile


def type_keys(text):
    """Keys as a person types them: into whatever widget has the keyboard focus now."""
    for char in text:
        QTest.keyClick(QApplication.focusWidget(), char)


def counting_starts(monkeypatch, backend):
    starts = []
    original = backend.start
    monkeypatch.setattr(backend, "start", lambda: (starts.append(1), original()))
    return starts


def cache(backend) -> dict:
    return httpx.get(backend.url + "/v1/health", headers=backend.headers).json()["cache"]


def fits(label) -> bool:
    """Every line of ``label`` is as wide as the label at most (nothing clipped at its right edge)."""
    return all(label.fontMetrics().horizontalAdvance(row) <= label.contentsRect().width()
               for row in label.text().split("\n"))


@pytest.fixture
def quick(settings):
    settings.idle_delay_ms = 150
    return settings


def test_typing_after_start_goes_into_the_phrase_field_and_restarts_nothing(qtbot, plugin, monkeypatch):
    dock = open_dock(qtbot, plugin)  # a mouse click on Start, as a person does
    starts = counting_starts(monkeypatch, plugin.session.backend)
    type_keys("a b c")
    assert dock.ui.phraseCombo.currentText() == "a b c"
    assert starts == [] and plugin.session.backend.state == "connected"
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)  # now "Restart", pressed on purpose
    qtbot.waitUntil(lambda: dock.ui.startButton.text() == "Restart", timeout=30000)
    type_keys(" d")  # the space of a phrase is no second restart
    assert len(starts) == 1 and dock.ui.phraseCombo.currentText() == "a b c d"
    qtbot.mouseClick(dock.ui.stopButton, Qt.LeftButton)
    assert not dock.ui.stopButton.hasFocus() and not dock.ui.startButton.hasFocus()


def test_a_connected_badge_shows_the_device_in_a_fresh_profiles_dock_width(qtbot, plugin):
    """Seen in the Xvfb walk: "● connected: cp…" — the device was cut off; the green dot and Restart say connected."""
    dock = open_dock(qtbot, plugin)
    width = max(DOCK_WIDTH, dock.minimumSizeHint().width())
    dock.resize(width, dock.height())
    qtbot.waitUntil(lambda: dock.width() == width, timeout=5000)
    text = dock.ui.statusBadge.text()
    assert text.endswith("</span> cpu · tiny-random") or "</span> cpu · " in text, text
    assert dock.ui.statusBadge.toolTip().startswith("connected: cpu · tiny-random")


def test_one_enter_runs_one_query_without_a_query_is_already_running(qtbot, qgis_canvas, plugin, scene_layer):
    """Seen in the Xvfb walk: every Enter ran the phrase twice, the second refused with a warning in the message bar."""
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    runs, warnings = [], []
    dock.session.busyChanged.connect(lambda busy: busy and runs.append(busy))
    dock.session.failed.connect(lambda message, _restart: warnings.append(message))
    edit = dock.ui.phraseCombo.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, "the white storage tank")
    with qtbot.waitSignal(dock.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(edit, Qt.Key_Return)
    assert runs == [True] and warnings == []
    with qtbot.waitSignal(dock.session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(edit, Qt.Key_Return)  # the next Enter is a query again
    assert runs == [True, True] and warnings == []


def test_the_phrase_field_does_not_move_when_the_view_line_changes(qtbot, qgis_canvas, plugin, quick, scene_layer):
    dock = open_dock(qtbot, plugin)
    width = max(DOCK_WIDTH, dock.minimumSizeHint().width())  # offscreen fonts are wider than a desktop's
    dock.resize(width, dock.height())
    qtbot.waitUntil(lambda: dock.width() == width, timeout=5000)
    field = dock.ui.phraseCombo

    def where():
        QApplication.processEvents()  # the layout settles on posted events
        return field.geometry()

    before = where()
    scene_layer.setName("a raster layer with a long name, as GeoTIFFs from a data portal tend to have")
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    assert "px" in dock.ui.viewInfo.text() and where() == before
    qtbot.waitUntil(lambda: dock.idle.state == "encoding", timeout=10000)
    assert dock.ui.viewInfo.text().endswith("preparing the view…") and where() == before
    qtbot.waitUntil(lambda: dock.idle.state == "ready", timeout=60000)
    line = dock.ui.viewInfo
    assert line.text().endswith("view ready") and where() == before
    e = scene_layer.extent()  # the canvas beside the raster: the longest line the dock writes
    qgis_canvas.setExtent(QgsRectangle(e.xMaximum() + 10 * e.width(), e.yMinimum(), e.xMaximum() + 11 * e.width(),
                                       e.yMaximum()))
    assert "does not show any part" in line.text() and where() == before
    assert scene_layer.name() in line.toolTip()  # elided on screen, whole in the tooltip
    assert fits(line)


def test_the_view_line_shows_the_crs_whole_in_a_fresh_profiles_dock_width(qtbot, qgis_canvas, plugin, quick,
                                                                         scene_layer):
    """Seen at a 1366-px-wide QGIS: "1024×1024 px @ 0.472 m/px (grou… · view ready" — the CRS only in the tooltip."""
    dock = open_dock(qtbot, plugin)
    width = max(DOCK_WIDTH, dock.minimumSizeHint().width())
    dock.resize(width, dock.height())
    qtbot.waitUntil(lambda: dock.width() == width, timeout=5000)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.waitUntil(lambda: dock.idle.state == "ready", timeout=60000)  # the longest line: the idle state is on it
    line = dock.ui.viewInfo
    for shown in ("EPSG:32616", "0.5 m/px", "256×256 px", "view ready"):
        assert shown in line.text(), line.text()
    assert "…" not in line.text()
    assert fits(line), (line.text(), line.contentsRect().width())


def test_view_ready_follows_restart_stop_and_a_crash(qtbot, qgis_canvas, plugin, quick, backend, scene_layer):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)
    before = cache(backend)

    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)  # Restart: a new backend has an empty cache
    assert "view ready" not in dock.ui.viewInfo.text()
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)  # encoded again
    again = cache(backend)
    assert again["hits"] + again["misses"] == before["hits"] + before["misses"] + 1

    qtbot.mouseClick(dock.ui.stopButton, Qt.LeftButton)
    assert "down" in dock.ui.statusBadge.text() and "view ready" not in dock.ui.viewInfo.text()

    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)
    plugin.session.backend._on_finished(-9, None)  # what QProcess reports when the backend is killed
    assert "down" in dock.ui.statusBadge.text() and "view ready" not in dock.ui.viewInfo.text()


def test_the_first_raster_of_a_new_project_is_described_once_the_crs_follows(qtbot, qgis_canvas, plugin,
                                                                             scene_layer):
    """QGIS 3.22 sets a new project's CRS after the extent: extentsChanged comes while the old CRS is still in
    the map settings, then destinationCrsChanged."""
    dock = open_dock(qtbot, plugin)
    show(qgis_canvas, scene_layer, EPSG4326)  # a new project is in EPSG:4326
    dock.layer_combo.setLayer(scene_layer)
    assert "px" in dock.ui.viewInfo.text()
    qgis_canvas.setDestinationCrs(scene_layer.crs())  # the project takes the first layer's CRS
    line = dock.ui.viewInfo
    assert "does not show" not in line.text() + line.toolTip()
    assert "px" in line.text() and "EPSG:32616" in line.toolTip()


def test_start_without_a_backend_python_says_so_and_opens_the_settings(qtbot, plugin, settings, backend,
                                                                       monkeypatch, tmp_path):
    from rrsis_qgis.gui.settings_dialog import SettingsDialog

    settings.backend_url, settings.backend_python = "", str(tmp_path / "no-such-python")
    opened = []
    monkeypatch.setattr(SettingsDialog, "exec_", lambda self: opened.append(self) or 0)
    plugin.action.trigger()
    dock = plugin.dock
    dock.setFloating(True)
    dock.show()
    field = dock.ui.phraseCombo

    def where():
        QApplication.processEvents()
        return field.geometry()

    before = where()
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    assert dock.ui.problemRow.isVisible() and where() == before  # the phrase field stays where it was
    assert dock.ui.problemLabel.text().startswith(f"The backend Python {tmp_path / 'no-such-python'} does not exist")
    assert "press Install…" in dock.ui.problemLabel.text()
    qtbot.mouseClick(dock.ui.problemSettingsButton, Qt.LeftButton)
    assert len(opened) == 1
    settings.backend_url = backend.url  # fixed in the settings: the next Start connects, the reason goes
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dock.ui.startButton.text() == "Restart", timeout=30000)
    assert not dock.ui.problemRow.isVisible() and where() == before


def test_a_new_users_first_start_points_at_the_installer_and_the_reason_goes_once_installed(qtbot, plugin, settings,
                                                                                             monkeypatch):
    from rrsis_qgis.gui.settings_dialog import SettingsDialog
    from rrsis_qgis.qgis_core import settings as settings_module
    from rrsis_qgis.qgis_core.settings import PluginSettings

    monkeypatch.setattr(settings_module, "default_backend_python", lambda: "")  # a plugin from the ZIP: no .venv
    settings.backend_url, settings.backend_python = "", ""
    plugin.action.trigger()
    dock = plugin.dock
    dock.setFloating(True)
    dock.show()
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    assert dock.ui.problemRow.isVisible() and "down" in dock.ui.statusBadge.text()
    assert dock.ui.problemLabel.text().startswith("No backend installed yet: open Settings… and press Install…")
    installed = PluginSettings(**{**vars(settings), "backend_python": sys.executable})  # what Install… sets

    monkeypatch.setattr(SettingsDialog, "exec_", lambda self: 1)
    monkeypatch.setattr(SettingsDialog, "values", lambda self: installed)
    monkeypatch.setattr(PluginSettings, "save", lambda self: None)
    qtbot.mouseClick(dock.ui.problemSettingsButton, Qt.LeftButton)  # Settings…, Install…, OK
    assert not dock.ui.problemRow.isVisible()  # the old reason no longer holds: no red "No backend" left over
    assert "down" in dock.ui.statusBadge.text() and settings.backend_python == sys.executable


def export_with(monkeypatch, dock, name, chosen_filter):
    calls = []

    def dialog(parent, title, folder, filters):
        calls.append(folder)
        return str(name), chosen_filter

    monkeypatch.setattr("rrsis_qgis.gui.dock.QFileDialog.getSaveFileName", dialog)
    QTest.mouseClick(dock.ui.exportButton, Qt.LeftButton)
    return calls


def test_export_keeps_the_chosen_type_and_reopens_the_last_folder(qtbot, qgis_canvas, plugin, scene_layer,
                                                                  tmp_path, monkeypatch):
    from osgeo import ogr

    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the white storage tank")
    dock.ui.exportAllCheck.setChecked(True)
    folder = tmp_path / "exports"
    folder.mkdir()
    export_with(monkeypatch, dock, folder / "tanks", "Shapefile (*.shp)")  # typed without ".shp"
    assert (folder / "tanks.shp").exists() and not (folder / "tanks.gpkg").exists()
    assert ogr.Open(str(folder / "tanks.shp")).GetLayer(0).GetFeatureCount() == 1
    calls = export_with(monkeypatch, dock, folder / "again", "GeoPackage (*.gpkg)")
    assert calls == [str(folder)] and (folder / "again.gpkg").exists()


def two_results(qtbot, qgis_canvas, dock, scene_layer):
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    for phrase in ("the white storage tank", "the red building"):
        run_phrase(qtbot, dock, phrase)
    assert dock.ui.resultsList.topLevelItemCount() == 2


def test_review_keys_work_while_the_map_has_the_focus(qtbot, qgis_iface, qgis_canvas, plugin, scene_layer):
    from rrsis_qgis.qgis_core.results_layer import find_results_layer

    dock = open_dock(qtbot, plugin)
    two_results(qtbot, qgis_canvas, dock, scene_layer)
    dock.ui.resultsList.clearSelection()
    dock.ui.resultsList.topLevelItem(1).setSelected(True)
    req_id = dock.ui.resultsList.topLevelItem(1).data(0, Qt.UserRole)
    window = qgis_iface.mainWindow()
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)
    qgis_canvas.setFocus()
    qtbot.waitUntil(qgis_canvas.hasFocus, timeout=5000)
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_A, Qt.AltModifier | Qt.ShiftModifier)
    layer = find_results_layer()
    assert {f["req_id"]: f["status"] for f in layer.getFeatures()}[req_id] == "accepted"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key_R, Qt.AltModifier | Qt.ShiftModifier)
    assert {f["req_id"]: f["status"] for f in layer.getFeatures()}[req_id] == "rejected"


def test_selecting_a_row_selects_its_polygon_on_the_map(qtbot, qgis_canvas, plugin, scene_layer):
    from rrsis_qgis.qgis_core.results_layer import find_results_layer

    dock = open_dock(qtbot, plugin)
    two_results(qtbot, qgis_canvas, dock, scene_layer)
    tree = dock.ui.resultsList
    layer = find_results_layer()
    for row in (1, 0):
        item = tree.topLevelItem(row)
        QTest.mouseClick(tree.viewport(), Qt.LeftButton, Qt.NoModifier, tree.visualItemRect(item).center())
        assert tree.selectedItems() == [item]
        assert [f["req_id"] for f in layer.getSelectedFeatures()] == [item.data(0, Qt.UserRole)]
    tree.clearSelection()
    assert layer.selectedFeatureCount() == 0

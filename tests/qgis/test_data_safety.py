"""Nothing is lost and nothing is left behind: results on disk at once, no exit questions, no orphan backend."""
import os
import stat
import subprocess
import sys

import pytest
from qgis.core import QgsProject
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QPushButton

from rrsis_qgis.qgis_core.results_layer import find_results_layer
from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase, saved  # noqa: F401 (fixture)


def qgis_would_ask_on_exit(user_files):
    """What QGIS 3.22 checks before it quits (QgisApp::checkUnsavedLayerEdits + checkMemoryLayers).

    ``user_files``: the test's own rasters and GeoPackage live in the system temp folder, which QGIS
    calls temporary; in real use they are the analyst's files, so they are not counted here.
    """
    reasons = []
    for layer in QgsProject.instance().mapLayers().values():
        layer_is_users = layer.source().startswith(user_files)
        if layer.providerType() == "memory":
            if layer.featureCount() and not int(layer.customProperty("skipMemoryLayersCheck", 0) or 0):
                reasons.append(f"scratch layer {layer.name()}")
        elif layer.isTemporary() and not layer_is_users:
            reasons.append(f"temporary layer {layer.name()}")
        if hasattr(layer, "isModified") and layer.isEditable() and layer.isModified():
            reasons.append(f"unsaved edits in {layer.name()}")
    return reasons


def test_after_queries_and_decisions_quitting_asks_nothing_and_the_file_has_everything(
        qtbot, qgis_iface, qgis_canvas, plugin, scene_layer, tmp_path_factory):
    dock = open_dock(qtbot, plugin)
    dock.ui.heatmapCheck.setChecked(True)  # the heatmap and the candidate boxes are both on the map
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    for phrase in ("the white storage tank left of the road", "the red building", "the road", "the tank"):
        run_phrase(qtbot, dock, phrase)
    names = [layer.name() for layer in QgsProject.instance().mapLayers().values()]
    assert "RRSIS candidates" in names and any(n.startswith("RRSIS heatmap") for n in names)
    ids = [dock.ui.resultsList.topLevelItem(i).data(0, Qt.UserRole)
           for i in range(dock.ui.resultsList.topLevelItemCount())]
    assert len(ids) >= 4
    dock.ui.resultsList.topLevelItem(0).setSelected(True)
    qtbot.mouseClick(dock.ui.acceptButton, Qt.LeftButton)
    assert qgis_would_ask_on_exit(str(tmp_path_factory.getbasetemp())) == []
    on_disk = saved(plugin.session.settings.results_file())  # ogrinfo's view, from another process
    assert set(on_disk) == set(ids) and on_disk[ids[0]] == "accepted"

    # the analyst's own edits stay undoable, and are saved with the next decision
    layer = find_results_layer()
    feature = next(f for f in layer.getFeatures() if f["req_id"] == ids[1])
    layer.beginEditCommand("Vertex tool")  # what QGIS's vertex tool does
    moved = feature.geometry()
    moved.translate(5, 0)
    layer.changeGeometry(feature.id(), moved)
    layer.endEditCommand()
    assert layer.undoStack().canUndo() and layer.isModified()
    dock.ui.resultsList.clearSelection()
    dock.ui.resultsList.topLevelItem(1).setSelected(True)
    qtbot.mouseClick(dock.ui.rejectButton, Qt.LeftButton)
    assert not layer.isModified() and saved(plugin.session.settings.results_file())[ids[1]] == "rejected"


def test_a_profile_and_home_in_the_temp_folder_get_no_exit_question_for_the_overlays(
        qtbot, qgis_canvas, plugin, settings, scene_layer, tmp_path, monkeypatch):
    """A fresh profile is often made under /tmp: QGIS 3.22 then calls every file there 'temporary' and asks on
    each exit and New Project (skipMemoryLayersCheck only spares memory layers)."""
    from rrsis_qgis.qgis_core.overlays import CANDIDATES_MARKER, HEATMAP_MARKER

    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    dock = open_dock(qtbot, plugin)
    dock.ui.heatmapCheck.setChecked(True)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the white storage tank left of the road")
    layers = QgsProject.instance().mapLayers().values()
    assert len([layer for layer in layers if layer.customProperty(HEATMAP_MARKER) or
                layer.customProperty(CANDIDATES_MARKER)]) == 2
    assert qgis_would_ask_on_exit((scene_layer.source(), settings.results_file())) == []  # the analyst's own files


@pytest.fixture
def fake_backend(tmp_path):
    """A 'backend Python' that records each start and then waits like a loading model."""
    starts = tmp_path / "starts"
    script = tmp_path / "python"
    script.write_text(f"#!/bin/sh\necho $$ >> {starts}\nexec sleep 300\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, starts


def started_pids(starts):
    return [int(line) for line in starts.read_text().split()] if starts.exists() else []


def alive(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    state = subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()
    return bool(state) and not state.startswith("Z")


def test_a_stale_restart_button_after_unload_starts_nothing_and_no_backend_outlives_the_plugin(
        qtbot, qgis_iface, qgis_canvas, plugin, settings, scene_layer, fake_backend):
    import qgis.utils

    script, starts = fake_backend
    settings.backend_url, settings.backend_python = "", str(script)
    plugin.action.trigger()
    dock = plugin.dock
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: len(started_pids(starts)) == 1, timeout=10000)
    assert "starting" in dock.ui.statusBadge.text()
    qtbot.mouseClick(dock.ui.stopButton, Qt.LeftButton)  # returns at once: SIGTERM, no wait on the GUI thread
    assert "down" in dock.ui.statusBadge.text()
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.keyClicks(dock.ui.phraseCombo.lineEdit(), "the tank")
    qtbot.keyClick(dock.ui.phraseCombo.lineEdit(), Qt.Key_Return)  # → "not connected" with a Restart button
    bar = qgis_iface.messageBar()
    buttons = [b for item in bar.items() for b in item.findChildren(QPushButton) if b.text() == "Restart backend"]
    assert len(buttons) == 1
    qtbot.mouseClick(buttons[0], Qt.LeftButton)  # a second backend, left running at unload
    qtbot.waitUntil(lambda: len(started_pids(starts)) == 2, timeout=10000)
    session = plugin.session

    assert qgis.utils.unloadPlugin("rrsis_qgis")
    assert not [b for item in bar.items() for b in item.findChildren(QPushButton) if b.text() == "Restart backend"]
    session.backend.start()  # what a stale button (or any late signal) would do
    qtbot.wait(500)
    assert len(started_pids(starts)) == 2  # nothing started after unload
    assert not [pid for pid in started_pids(starts) if alive(pid)]  # and every backend it started is gone


def test_the_no_torch_guard_runs_in_a_fresh_interpreter():
    """The plugin side imports only QGIS, GDAL and numpy (tests/e2e/test_plugin_import.py checks more)."""
    code = ("import sys, rrsis_qgis.plugin, rrsis_qgis.gui.dock, rrsis_qgis.qgis_core.session; "
            "print([m for m in ('torch', 'sam2', 'open_clip', 'shapely') if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"

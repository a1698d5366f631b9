"""Encode while idle: once the canvas is still, the dock's view is encoded and the next query is a cache hit."""
import httpx
import pytest
from qgis.core import QgsRectangle

from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (the plugin fixture)


def cache(backend) -> dict:
    return httpx.get(backend.url + "/v1/health", headers=backend.headers).json()["cache"]


@pytest.fixture
def quick(settings):
    settings.idle_delay_ms = 150
    return settings


def test_a_still_view_is_encoded_and_the_next_query_hits_the_cache(qtbot, qgis_canvas, plugin, quick, backend,
                                                                     scene_layer):
    dock = open_dock(qtbot, plugin)
    before = cache(backend)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)
    encoded = cache(backend)
    assert encoded["misses"] == before["misses"] + 1
    run_phrase(qtbot, dock, "the white storage tank")
    after = cache(backend)
    assert after["hits"] == encoded["hits"] + 1 and after["misses"] == encoded["misses"]  # no encoder ran
    assert "view ready" in dock.ui.viewInfo.text()

    e = scene_layer.extent()  # zoom to a corner: the old embedding does not fit the new view
    qgis_canvas.setExtent(QgsRectangle(e.xMinimum(), e.yMinimum(), e.xMinimum() + e.width() / 3,
                                       e.yMinimum() + e.height() / 3))
    assert "view ready" not in dock.ui.viewInfo.text()
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)
    assert cache(backend)["misses"] == after["misses"] + 1


def test_a_newer_view_replaces_the_pending_one_and_off_means_off(qtbot, qgis_canvas, plugin, quick, backend,
                                                                 scene_layer):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    quick.idle_encode = False
    before = cache(backend)
    show(qgis_canvas, scene_layer)
    qtbot.wait(1500)
    assert cache(backend)["misses"] == before["misses"] and "view ready" not in dock.ui.viewInfo.text()

    quick.idle_encode, quick.idle_delay_ms = True, 400
    e = scene_layer.extent()
    for part in (0.3, 0.5, 0.7):  # zooming faster than the delay: only the view it stops on is encoded
        qgis_canvas.setExtent(QgsRectangle(e.xMinimum(), e.yMinimum(), e.xMinimum() + part * e.width(),
                                           e.yMinimum() + part * e.height()))
        qtbot.wait(100)
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)
    assert cache(backend)["misses"] == before["misses"] + 1


def test_the_settings_dialog_switches_it_off_and_sets_the_delay(qtbot):
    from qgis.PyQt.QtCore import Qt

    from rrsis_qgis.gui.settings_dialog import SettingsDialog
    from rrsis_qgis.qgis_core.settings import PluginSettings

    dialog = SettingsDialog(PluginSettings())
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.ui.idleCheck.isChecked() and dialog.ui.idleDelaySpin.value() == 1.0  # on by default, 1 s
    qtbot.mouseClick(dialog.ui.idleCheck, Qt.LeftButton)
    assert not dialog.ui.idleDelaySpin.isEnabled()
    assert dialog.values().idle_encode is False
    qtbot.mouseClick(dialog.ui.idleCheck, Qt.LeftButton)
    dialog.ui.idleDelaySpin.setValue(2.5)
    assert dialog.values().idle_encode is True and dialog.values().idle_delay_ms == 2500


def test_a_canvas_move_makes_the_view_once(qtbot, qgis_canvas, plugin, quick, backend, scene_layer, monkeypatch):
    """The dock's view line and the idle encoder share one view per move: making one opens the raster, and
    a pan moves the canvas many times a second."""
    from rrsis_qgis.qgis_core import idle_encoder, session

    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.waitUntil(lambda: "view ready" in dock.ui.viewInfo.text(), timeout=60000)
    made = []
    for module in (session, idle_encoder):
        original = module.view_request
        monkeypatch.setattr(module, "view_request", lambda *a, _o=original, **k: made.append(1) or _o(*a, **k))
    e = scene_layer.extent()
    qgis_canvas.setExtent(QgsRectangle(e.xMinimum(), e.yMinimum(), e.xMinimum() + e.width() / 2,
                                       e.yMinimum() + e.height() / 2))
    assert len(made) == 1 and "view ready" not in dock.ui.viewInfo.text() and "px" in dock.ui.viewInfo.text()


def test_a_failed_idle_encode_says_why_in_the_log(qtbot, qgis_canvas, plugin, quick, backend, scene_layer,
                                                  monkeypatch):
    from qgis.core import Qgis, QgsApplication

    from rrsis_qgis.qgis_core.backend_client import BackendClient, BackendError

    refusal = "request body of 90.1 MB is over this server's limit of 64 MB: send a smaller view"

    def refuse(self, image, request_id, session=""):
        raise BackendError(refusal, "body_too_large", 413)

    monkeypatch.setattr(BackendClient, "encode", refuse)
    logged = []
    log = QgsApplication.messageLog()
    log.messageReceived[str, str, Qgis.MessageLevel].connect(lambda message, tag, _level: logged.append((tag, message)))
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qtbot.waitUntil(lambda: any(refusal in m for _t, m in logged), timeout=60000)
    assert ("rrsis_qgis", f"preparing the view ahead of a query failed: {refusal}") in logged
    assert "view ready" not in dock.ui.viewInfo.text() and dock.idle.state == ""

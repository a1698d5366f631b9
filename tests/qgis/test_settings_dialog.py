"""Choosing a trained checkpoint as a user would: settings dialog, saved settings, backend start and badge."""
import sys

import pytest
from qgis.core import QgsSettings
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QDialogButtonBox

from rrsis_qgis.gui.settings_dialog import SettingsDialog
from rrsis_qgis.qgis_core.settings import PREFIX, PluginSettings


@pytest.fixture
def stored_settings():
    """Saved plugin settings are put back as they were (pytest-qgis keeps QGIS3.ini in the checkout)."""
    s = QgsSettings()
    s.beginGroup(PREFIX.rstrip("/"))
    before = {key: s.value(key) for key in s.allKeys()}
    s.endGroup()
    yield
    s.remove(PREFIX.rstrip("/"))
    for key, value in before.items():
        s.setValue(PREFIX + key, value)


@pytest.fixture
def checkpoint(tmp_path):
    path = tmp_path / "runs" / "refsegrs_epoch12.pt"
    path.parent.mkdir()
    path.write_bytes(b"not read by the plugin")
    return path


def open_dialog(qtbot, settings):
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def ok_button(dialog):
    return dialog.ui.buttons.button(QDialogButtonBox.Ok)


def choose_trained(dialog):
    combo = dialog.ui.modelCombo
    combo.setCurrentIndex(combo.findText("Trained checkpoint…"))


def type_path(qtbot, dialog, path):
    edit = dialog.ui.checkpointWidget.lineEdit()
    edit.clear()
    qtbot.keyClicks(edit, str(path))


def test_pick_a_checkpoint_press_ok_and_it_is_saved(qtbot, stored_settings, checkpoint):
    dialog = open_dialog(qtbot, PluginSettings(model="tiny-random", device="cpu"))
    assert dialog.ui.modelCombo.currentText() == "tiny-random"
    assert not dialog.ui.checkpointWidget.isEnabled()  # a preset needs no file
    choose_trained(dialog)
    assert dialog.ui.checkpointWidget.isEnabled()
    assert not ok_button(dialog).isEnabled() and dialog.ui.modelProblemLabel.isVisible()  # no file chosen yet
    type_path(qtbot, dialog, checkpoint)
    assert ok_button(dialog).isEnabled() and not dialog.ui.modelProblemLabel.isVisible()
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    dialog.values().save()  # what the plugin does after OK
    saved = PluginSettings.load()
    assert saved.model == f"trained:{checkpoint}" and saved.device == "cpu"


def test_saved_checkpoint_is_shown_again_and_a_preset_stays_a_preset(qtbot, stored_settings, checkpoint):
    PluginSettings(model=f"trained:{checkpoint}").save()
    dialog = open_dialog(qtbot, PluginSettings.load())
    assert dialog.ui.modelCombo.currentText() == "Trained checkpoint…"
    assert dialog.ui.checkpointWidget.filePath() == str(checkpoint) and dialog.ui.checkpointWidget.isEnabled()
    assert ok_button(dialog).isEnabled()
    assert dialog.values().model == f"trained:{checkpoint}"  # unchanged on OK

    dialog.ui.modelCombo.setCurrentIndex(dialog.ui.modelCombo.findText("full-random"))
    assert not dialog.ui.checkpointWidget.isEnabled() and ok_button(dialog).isEnabled()
    assert dialog.values().model == "full-random"
    for model in ("default", "tiny-random", "my-own-spec"):  # a name set elsewhere is kept, not replaced
        again = open_dialog(qtbot, PluginSettings(model=model))
        assert again.values().model == model and not again.ui.checkpointWidget.isEnabled()


@pytest.mark.parametrize("case", ["missing", "folder", "relative"])
def test_a_path_that_is_not_a_checkpoint_file_is_refused(qtbot, tmp_path, checkpoint, case):
    path = {"missing": tmp_path / "gone.pt", "folder": checkpoint.parent, "relative": "runs/epoch12.pt"}[case]
    dialog = open_dialog(qtbot, PluginSettings())
    choose_trained(dialog)
    type_path(qtbot, dialog, path)
    assert not ok_button(dialog).isEnabled()
    message = dialog.ui.modelProblemLabel.text()
    assert dialog.ui.modelProblemLabel.isVisible() and str(path) in message
    qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    assert dialog.isVisible() and dialog.result() == 0  # a disabled OK does nothing

    type_path(qtbot, dialog, checkpoint)  # fixing the path lifts the refusal
    assert ok_button(dialog).isEnabled()


def test_the_trainings_resume_file_is_refused_with_the_file_to_use(qtbot, checkpoint):
    best = checkpoint.with_name("checkpoint.pt")  # a `train fit` folder: checkpoint.pt, last.pt, log.jsonl
    best.write_bytes(b"x")
    resume = checkpoint.with_name("last.pt")
    resume.write_bytes(b"x")
    dialog = open_dialog(qtbot, PluginSettings())
    choose_trained(dialog)
    type_path(qtbot, dialog, resume)
    assert not ok_button(dialog).isEnabled()
    message = dialog.ui.modelProblemLabel.text()
    assert "resume file" in message and str(best) in message
    type_path(qtbot, dialog, best)
    assert ok_button(dialog).isEnabled()


def test_an_inline_refusal_and_its_removal_move_nothing(qtbot, tmp_path):
    dialog = open_dialog(qtbot, PluginSettings(model="tiny-random"))
    qtbot.waitExposed(dialog)
    height, ok_at = dialog.height(), ok_button(dialog).mapToGlobal(ok_button(dialog).rect().center())
    choose_trained(dialog)  # "choose the trained checkpoint file (.pt)": a one-line refusal
    assert dialog.ui.modelProblemLabel.isVisible()
    assert dialog.height() == height and ok_button(dialog).mapToGlobal(ok_button(dialog).rect().center()) == ok_at
    type_path(qtbot, dialog, tmp_path / "gone.pt")
    assert "does not exist" in dialog.ui.modelProblemLabel.text()
    combo = dialog.ui.modelCombo
    qtbot.mouseClick(combo, Qt.LeftButton)  # back to a preset, as a person would: the refusal goes
    qtbot.keyClick(combo.view(), Qt.Key_Home)
    qtbot.keyClick(combo.view(), Qt.Key_Return)
    assert combo.currentData() == "default" and not dialog.ui.modelProblemLabel.isVisible()
    assert dialog.height() == height and ok_button(dialog).mapToGlobal(ok_button(dialog).rect().center()) == ok_at


def test_a_saved_checkpoint_that_has_gone_is_shown_with_the_refusal(qtbot, tmp_path):
    gone = tmp_path / "deleted.pt"
    dialog = open_dialog(qtbot, PluginSettings(model=f"trained:{gone}"))
    assert dialog.ui.checkpointWidget.filePath() == str(gone)
    assert "does not exist" in dialog.ui.modelProblemLabel.text() and not ok_button(dialog).isEnabled()


def test_start_with_a_missing_checkpoint_says_which_file_and_starts_nothing(qtbot, tmp_path):
    from rrsis_qgis.qgis_core.backend_process import BackendManager

    gone = tmp_path / "moved_away.pt"
    manager = BackendManager(PluginSettings(backend_python=sys.executable, model=f"trained:{gone}", device="cpu"))
    states = []
    manager.stateChanged.connect(lambda state, detail: states.append((state, detail)))
    manager.start()
    assert manager.state == "down" and str(gone) in manager.detail and "does not exist" in manager.detail
    assert manager.process_id() == 0 and [s for s, _ in states] == ["down"]  # no "starting": no process


def _dock_reporting(spec, qtbot, qgis_iface, qgis_canvas, monkeypatch, tmp_path):
    """(dock, session) whose backend, a stub answering /v1/health, reports ``spec`` as its loaded model."""
    from rrsis_qgis.gui.dock import RrsisDock
    from rrsis_qgis.qgis_core import backend_process
    from rrsis_qgis.qgis_core.session import Session

    monkeypatch.setattr(backend_process.BackendClient, "health",
                        lambda self, timeout=5.0: {"status": "ok", "device": "cpu", "models": {"spec": spec}})
    session = Session(qgis_canvas, PluginSettings(backend_url="http://127.0.0.1:9", model=spec,
                                                  results_path=str(tmp_path / "r.gpkg")))
    dock = RrsisDock(qgis_iface, session, lambda: None)
    qtbot.addWidget(dock)
    return dock, session


def test_badge_shows_the_checkpoint_file_name_and_the_full_path_on_hover(qtbot, qgis_iface, qgis_canvas, monkeypatch,
                                                                         checkpoint, tmp_path):
    """A backend (here answering /v1/health with a stub) that loaded a trained checkpoint."""
    spec = f"trained:{checkpoint}"
    dock, session = _dock_reporting(spec, qtbot, qgis_iface, qgis_canvas, monkeypatch, tmp_path)
    session.backend.start()
    qtbot.waitUntil(lambda: session.backend.state == "connected", timeout=10000)
    badge = dock.ui.statusBadge
    assert badge.text().endswith("</span> cpu · trained:refsegrs_epoch12.pt") and str(checkpoint.parent) not in badge.text()
    assert badge.toolTip() == "connected: cpu · trained:refsegrs_epoch12.pt\n" + spec
    session.backend.stop()
    assert spec not in badge.toolTip() and badge.toolTip().startswith("down: stopped")


def test_choose_an_rsrefseg2_release_file_or_folder_and_press_ok(qtbot, stored_settings, tmp_path):
    release = tmp_path / "rsrefseg2" / "rrsisd.pth"
    release.parent.mkdir()
    release.write_bytes(b"not read by the plugin")
    dialog = open_dialog(qtbot, PluginSettings(model="tiny-random"))
    combo = dialog.ui.modelCombo
    assert combo.findText("rsrefseg2-rrsisd") >= 0 and combo.findText("rsrefseg2-risbench") >= 0  # the presets
    combo.setCurrentIndex(combo.findText("RSRefSeg 2 release file (.pth)…"))
    assert dialog.ui.checkpointWidget.isEnabled() and not ok_button(dialog).isEnabled()
    assert ".pth" in dialog.ui.modelProblemLabel.text()
    for path in (release, release.parent):  # the file, or its folder (with the tokenizer files)
        type_path(qtbot, dialog, path)
        assert ok_button(dialog).isEnabled(), dialog.ui.modelProblemLabel.text()
        assert dialog.values().model == f"rsrefseg2:{path}"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    dialog.values().save()
    again = open_dialog(qtbot, PluginSettings.load())
    assert again.ui.modelCombo.currentText() == "RSRefSeg 2 release file (.pth)…"
    assert again.ui.checkpointWidget.filePath() == str(release.parent)


def test_choose_an_rs2sam2_release_folder_and_press_ok(qtbot, stored_settings, tmp_path):
    from qgis.gui import QgsFileWidget

    folder = tmp_path / "rs2sam2" / "rrsisd"
    folder.mkdir(parents=True)
    dialog = open_dialog(qtbot, PluginSettings(model="tiny-random"))
    combo = dialog.ui.modelCombo
    assert combo.findText("rs2sam2-rrsisd") >= 0 and combo.findText("rs2sam2-refsegrs") >= 0  # the presets
    combo.setCurrentIndex(combo.findText("RS2-SAM 2 release folder…"))
    assert dialog.ui.checkpointWidget.storageMode() == QgsFileWidget.GetDirectory
    assert "folder" in dialog.ui.modelProblemLabel.text() and not ok_button(dialog).isEnabled()
    type_path(qtbot, dialog, folder)
    assert "config.json" in dialog.ui.modelProblemLabel.text() and not ok_button(dialog).isEnabled()
    (folder / "config.json").write_text('{"model_type": "evf"}')
    type_path(qtbot, dialog, folder)
    assert ok_button(dialog).isEnabled(), dialog.ui.modelProblemLabel.text()
    assert dialog.values().model == f"rs2sam2:{folder}"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    dialog.values().save()
    again = open_dialog(qtbot, PluginSettings.load())
    assert again.ui.modelCombo.currentText() == "RS2-SAM 2 release folder…"
    assert again.ui.checkpointWidget.filePath() == str(folder)
    combo.setCurrentIndex(combo.findText("Trained checkpoint…"))
    assert dialog.ui.checkpointWidget.storageMode() == QgsFileWidget.GetFile


def test_choose_a_sam3_folder_with_clicks_each_missing_file_is_named_and_ok_saves_it(qtbot, stored_settings, tmp_path):
    from qgis.gui import QgsFileWidget

    folder = tmp_path / "sam3" / "my finetune"
    folder.mkdir(parents=True)
    dialog = open_dialog(qtbot, PluginSettings(model="tiny-random"))
    qtbot.waitExposed(dialog)
    combo = dialog.ui.modelCombo
    assert combo.findText("sam3") >= 0  # the preset
    qtbot.mouseClick(combo, Qt.LeftButton)  # the last item, as a person picks it
    qtbot.keyClick(combo.view(), Qt.Key_End)
    qtbot.keyClick(combo.view(), Qt.Key_Return)
    assert combo.currentText() == "SAM 3 folder…"
    assert dialog.ui.checkpointWidget.isEnabled() and dialog.ui.checkpointWidget.storageMode() == QgsFileWidget.GetDirectory
    assert dialog.ui.checkpointWidget.dialogTitle() == "Choose the SAM 3 folder"
    assert dialog.ui.checkpointLabel.text() == "Folder"  # not "Model folder" above "Models folder"
    assert dialog.ui.modelProblemLabel.text() == "choose the SAM 3 folder" and not ok_button(dialog).isEnabled()
    steps = [("config.json", '{"model_type": "evf"}', "model_type"),  # an RS2-SAM 2 folder is not SAM 3
             ("config.json", "{not json", "JSON"),
             ("config.json", '{"model_type": "sam3_video", "detector_config": {}}', "model.safetensors"),
             ("model.safetensors", "weights, read by the backend", "processor_config.json"),
             ("processor_config.json", "{}", "tokenizer"),
             ("vocab.json", "{}", "tokenizer"),  # vocab.json needs merges.txt (or a tokenizer.json)
             ("merges.txt", "", None)]
    type_path(qtbot, dialog, folder)
    assert "config.json" in dialog.ui.modelProblemLabel.text() and not ok_button(dialog).isEnabled()
    for name, text, problem in steps:
        (folder / name).write_text(text)
        type_path(qtbot, dialog, folder)
        message = dialog.ui.modelProblemLabel.text()
        if problem:
            assert problem in message and str(folder) in message and not ok_button(dialog).isEnabled(), message
    assert ok_button(dialog).isEnabled(), dialog.ui.modelProblemLabel.text()
    assert not dialog.ui.modelProblemLabel.isVisible() and dialog.values().model == f"sam3:{folder}"
    with qtbot.waitSignal(dialog.accepted, timeout=2000):
        qtbot.mouseClick(ok_button(dialog), Qt.LeftButton)
    dialog.values().save()
    again = open_dialog(qtbot, PluginSettings.load())
    assert again.ui.modelCombo.currentText() == "SAM 3 folder…" and again.ui.checkpointWidget.filePath() == str(folder)
    assert ok_button(again).isEnabled()


def test_a_fresh_profiles_dock_shows_device_and_sam3_folder_whole(qtbot, qgis_iface, qgis_canvas, monkeypatch, tmp_path):
    """Seen in the Xvfb screenshots at 1366×768: "● cpu · sam3:sa…" — the model cut off beside Restart and Stop."""
    spec = f"sam3:{tmp_path / 'sam3-folder'}"
    dock, session = _dock_reporting(spec, qtbot, qgis_iface, qgis_canvas, monkeypatch, tmp_path)
    dock.show()
    width = max(290, dock.minimumSizeHint().width())  # the dock's width in a fresh QGIS profile
    dock.resize(width, dock.height())
    qtbot.waitUntil(lambda: dock.width() == width, timeout=5000)
    qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: session.backend.state == "connected", timeout=10000)
    assert dock.ui.statusBadge.text().endswith("</span> cpu · sam3:sam3-folder"), dock.ui.statusBadge.text()
    session.backend.stop()

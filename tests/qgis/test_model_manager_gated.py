"""The model manager and a gated checkpoint under a licence that restricts use (SAM 3), driven with clicks and keys.

The manifest is an organisation's mirror (RRSIS_WEIGHTS_MANIFEST) whose gated entries this test's server guards
with a bearer token, like huggingface.co guards facebook/sam3.
"""
import json
import sys

import pytest
from qgis.PyQt.QtCore import QSettings, Qt
from qgis.PyQt.QtWidgets import QLineEdit, QMessageBox

from rrsis_qgis.gui.models_dialog import ACTION, NAME, ModelsDialog
from tests.unit.test_download import PAYLOAD, SHA
from tests.unit.test_gated_download import GOOD, PAGE, hosts  # noqa: F401 (fixture)

WAIT_MS = 30000
LICENSE = "Example Licence: no military use; no reverse engineering."
LICENSE_URL = "https://example.org/LICENSE"


@pytest.fixture
def dialog(qtbot, tmp_path, hosts, monkeypatch):  # noqa: F811
    origin, seen, _ = hosts
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):  # QGIS's environment holds none: only the field counts
        monkeypatch.delenv(name, raising=False)
    restricted = {"size": len(PAYLOAD), "sha256": SHA, "license": LICENSE, "license_url": LICENSE_URL,
                  "accept_license": True, "gated": PAGE}
    entries = {"big": {"file": "big/model.safetensors", "url": f"{origin}/gated/model.pt", **restricted},
               "big-config": {"file": "big/config.json", "url": f"{origin}/gated/config.json", **restricted},
               "plain": {"file": "plain.pt", "url": f"{origin}/open.pt", "size": len(PAYLOAD), "sha256": SHA,
                         "license": "MIT"}}
    manifest = tmp_path / "mirror.json"
    manifest.write_text(json.dumps(entries))
    d = ModelsDialog(sys.executable, str(tmp_path / "models"),
                     env={"RRSIS_WEIGHTS_MANIFEST": str(manifest), "RRSIS_ALLOW_HTTP": "1"})
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.ui.modelsTable.rowCount() == 3, timeout=WAIT_MS)
    yield d, tmp_path / "models", seen
    d.manager.shutdown()


def click_download(qtbot, dialog, key):
    qtbot.mouseClick(dialog.ui.modelsTable.cellWidget(list(dialog.rows).index(key), ACTION), Qt.LeftButton)


def test_the_licence_is_shown_and_cancel_downloads_nothing(qtbot, dialog):
    d, models, seen = dialog
    assert LICENSE in d.ui.modelsTable.item(0, NAME).toolTip() and PAGE in d.ui.modelsTable.item(0, NAME).toolTip()
    click_download(qtbot, d, "big")
    box = d.license_box
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    assert LICENSE in box.informativeText() and f'href="{LICENSE_URL}"' in box.informativeText()
    assert "big/model.safetensors" in box.text().replace("\u2060", "")  # word joiners keep a path on one line
    qtbot.mouseClick(box.button(QMessageBox.Cancel), Qt.LeftButton)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT_MS)
    assert not d.manager.downloads and seen == [] and not models.exists()
    assert "licence" in d.ui.messageLabel.text() and "nothing was downloaded" in d.ui.messageLabel.text()


def test_accept_with_a_token_passes_it_by_environment_only_and_the_licence_is_asked_once(qtbot, dialog):
    d, models, seen = dialog
    assert d.ui.tokenEdit.echoMode() == QLineEdit.Password
    qtbot.keyClicks(d.ui.tokenEdit, GOOD)
    click_download(qtbot, d, "big")
    qtbot.waitUntil(d.license_box.isVisible, timeout=WAIT_MS)
    with qtbot.waitSignal(d.manager.finished, timeout=WAIT_MS) as done:
        qtbot.mouseClick(d.license_box.button(QMessageBox.Ok), Qt.LeftButton)
        process = d.manager.downloads["big"]
        arguments = process.arguments()
        assert "--accept-license" in arguments and not any(GOOD in a for a in arguments)  # ps shows argv
        assert process.processEnvironment().value("HF_TOKEN") == GOOD
    assert done.args[:2] == ["big", "done"], done.args
    assert seen == [("/gated/model.pt", f"Bearer {GOOD}", None)]  # what reached the server
    assert (models / "big" / "model.safetensors").read_bytes() == PAYLOAD

    with qtbot.waitSignal(d.manager.finished, timeout=WAIT_MS) as done:  # the same licence: accepted already
        click_download(qtbot, d, "big-config")
        assert not d.license_box.isVisible()
    assert done.args[:2] == ["big-config", "done"], done.args
    settings = QSettings()
    assert not any(GOOD in str(settings.value(k)) for k in settings.allKeys())  # never stored


def test_a_plain_checkpoint_gets_no_licence_question_and_no_token(qtbot, dialog):
    d, models, seen = dialog
    qtbot.keyClicks(d.ui.tokenEdit, GOOD)
    with qtbot.waitSignal(d.manager.finished, timeout=WAIT_MS) as done:
        click_download(qtbot, d, "plain")
        assert d.license_box is None
        assert not d.manager.downloads["plain"].processEnvironment().contains("HF_TOKEN")
    assert done.args[:2] == ["plain", "done"] and seen == [("/open.pt", None, None)]


def test_without_a_token_the_failure_says_where_to_request_access(qtbot, dialog):
    d, models, seen = dialog
    click_download(qtbot, d, "big")
    qtbot.waitUntil(d.license_box.isVisible, timeout=WAIT_MS)
    with qtbot.waitSignal(d.manager.finished, timeout=WAIT_MS) as done:
        qtbot.mouseClick(d.license_box.button(QMessageBox.Ok), Qt.LeftButton)
    assert done.args[:2] == ["big", "failed"]
    message = d.ui.messageLabel.text()
    assert f"request access on the model page {PAGE}" in message and "model manager" in message, message
    assert not (models / "big" / "model.safetensors").exists()

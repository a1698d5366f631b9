"""The model manager downloads every file a model preset needs in one action (Download model), driven with clicks.

The manifest is a mirror (RRSIS_WEIGHTS_MANIFEST) holding SAM 3's eight files (gated, under a licence that restricts
use) and the default preset's two; the backend tells which preset uses which file (releases.json, models.json).
"""
import json
import sys

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtWidgets import QMessageBox

from rrsis_qgis.gui.models_dialog import ModelsDialog
from tests.unit.test_download import PAYLOAD, SHA
from tests.unit.test_gated_download import GOOD, PAGE, hosts  # noqa: F401 (fixture)

WAIT_MS = 60000
SAM3 = ["sam3", "sam3-config", "sam3-processor-config", "sam3-tokenizer", "sam3-tokenizer-config",
        "sam3-special-tokens", "sam3-vocab", "sam3-merges"]
DEFAULT = ["clip-vit-b-16-openai", "sam2.1-hiera-tiny"]


@pytest.fixture
def dialog(qtbot, tmp_path, hosts, monkeypatch):  # noqa: F811
    origin, seen, _ = hosts
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    pinned = {"size": len(PAYLOAD), "sha256": SHA}
    entries = {key: {"file": f"sam3/{key}.bin", "url": f"{origin}/gated/{key}", **pinned, "license": "SAM License",
                     "license_url": "https://example.org/SAM", "accept_license": True, "gated": PAGE}
               for key in SAM3}
    entries.update({key: {"file": f"{key}.pt", "url": f"{origin}/{key}.pt", **pinned, "license": "MIT"}
                    for key in DEFAULT})
    manifest = tmp_path / "mirror.json"
    manifest.write_text(json.dumps(entries))
    models = tmp_path / "models"
    models.mkdir()
    (models / "sam2.1-hiera-tiny.pt").write_bytes(PAYLOAD)  # on disk already
    d = ModelsDialog(sys.executable, str(models),
                     env={"RRSIS_WEIGHTS_MANIFEST": str(manifest), "RRSIS_ALLOW_HTTP": "1"})
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.ui.modelsTable.rowCount() == len(entries), timeout=WAIT_MS)
    yield d, models, seen
    d.manager.shutdown()


def choose(qtbot, d, preset):
    combo = d.ui.presetCombo
    index = combo.findData(preset)
    assert index >= 0, [combo.itemData(i) for i in range(combo.count())]
    combo.setFocus()
    while combo.currentIndex() != index:  # the keyboard, as a user picks an entry
        qtbot.keyClick(combo, Qt.Key_Down if combo.currentIndex() < index else Qt.Key_Up)
    qtbot.mouseClick(d.ui.presetButton, Qt.LeftButton)


def test_sam3_downloads_its_eight_files_after_one_licence_accept(qtbot, dialog):
    d, models, seen = dialog
    qtbot.keyClicks(d.ui.tokenEdit, GOOD)
    choose(qtbot, d, "sam3")
    box = d.license_box
    qtbot.waitUntil(box.isVisible, timeout=WAIT_MS)
    assert not d.manager.downloads and "SAM License" in box.informativeText()
    assert all(f"sam3/{key}.bin" in box.text().replace("\u2060", "") for key in SAM3)
    qtbot.mouseClick(box.button(QMessageBox.Ok), Qt.LeftButton)
    assert sorted(d.manager.downloads) == sorted(SAM3)  # all eight at once, nothing else
    assert all(d.manager.downloads[k].processEnvironment().value("HF_TOKEN") == GOOD for k in SAM3)
    assert all("--accept-license" in d.manager.downloads[k].arguments() for k in SAM3)
    qtbot.waitUntil(lambda: not d.manager.downloads, timeout=WAIT_MS)
    assert d.license_box is box  # asked once
    assert all((models / "sam3" / f"{key}.bin").read_bytes() == PAYLOAD for key in SAM3)
    # eight connections at once: one the test server refuses is retried, so a path may come twice
    assert {path for path, _, _ in seen} == {f"/gated/{key}" for key in SAM3}


def test_cancel_of_the_licence_question_downloads_nothing(qtbot, dialog):
    d, models, seen = dialog
    choose(qtbot, d, "sam3")
    qtbot.waitUntil(d.license_box.isVisible, timeout=WAIT_MS)
    qtbot.mouseClick(d.license_box.button(QMessageBox.Cancel), Qt.LeftButton)
    qtbot.waitUntil(lambda: not d.license_box.isVisible(), timeout=WAIT_MS)
    assert not d.manager.downloads and seen == [] and not (models / "sam3").exists()
    assert "nothing was downloaded" in d.ui.messageLabel.text()


def test_a_plain_preset_downloads_only_its_missing_files_without_a_licence_question(qtbot, dialog):
    d, models, seen = dialog
    choose(qtbot, d, "default")
    assert d.license_box is None
    assert sorted(d.manager.downloads) == ["clip-vit-b-16-openai"]  # sam2.1-hiera-tiny is on disk
    qtbot.waitUntil(lambda: not d.manager.downloads, timeout=WAIT_MS)
    assert (models / "clip-vit-b-16-openai.pt").read_bytes() == PAYLOAD
    assert seen == [("/clip-vit-b-16-openai.pt", None, None)]

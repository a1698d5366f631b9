"""The model manager driven like a user (clicks) against a local HTTP server with Range support.

The dialog runs `python -m rrsis_qgis models …` in a real process; RRSIS_WEIGHTS_MANIFEST in that
process's environment points it at a manifest whose URLs are this server's (plain http: allowed by
RRSIS_ALLOW_HTTP=1, as an internal mirror would).
"""
import hashlib
import http.server
import json
import sys
import threading

import pytest
from qgis.PyQt.QtCore import Qt

from rrsis_qgis.gui.models_dialog import ACTION, CHECK, DISK, PROGRESS, ModelsDialog
from rrsis_qgis.qgis_core.model_manager import parse_event, parse_list, parse_verify, percent

PAYLOAD = bytes(range(256)) * 4096 * 3  # 3 MiB: three progress steps (the download reads 1 MiB at a time)
SHA = hashlib.sha256(PAYLOAD).hexdigest()
WAIT_MS = 30000


class Handler(http.server.BaseHTTPRequestHandler):
    stall_after = None  # bytes sent before waiting for `release` (the cancel test)
    release = threading.Event()
    ranges: list = []

    def do_GET(self):  # noqa: N802
        rng = self.headers.get("Range")
        type(self).ranges.append((self.path, rng))
        start = int(rng.split("=")[1].rstrip("-")) if rng else 0
        body = PAYLOAD[start:]
        self.send_response(206 if rng else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        try:
            if self.path == "/slow.pt" and self.stall_after is not None and not rng:
                self.wfile.write(body[:self.stall_after])
                self.wfile.flush()
                type(self).release.wait(60)
                return  # the client is gone by then
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    Handler.ranges, Handler.stall_after, Handler.release = [], None, threading.Event()
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    Handler.release.set()
    httpd.shutdown()


@pytest.fixture
def manifest(tmp_path, server):
    entries = {"_comment": "a mirror of our own: this test's server",
               "good": {"file": "good.pt", "url": f"{server}/good.pt", "size": len(PAYLOAD), "sha256": SHA},
               "tampered": {"file": "tampered.pt", "url": f"{server}/tampered.pt", "size": len(PAYLOAD),
                            "sha256": "0" * 64},
               "slow": {"file": "slow.pt", "url": f"{server}/slow.pt", "size": len(PAYLOAD), "sha256": SHA},
               "unpinned": {"file": "unpinned.pt", "url": f"{server}/unpinned.pt", "size": None, "sha256": None,
                            "unverified": "the publisher gives no checksum"}}
    path = tmp_path / "manifest.json"
    path.write_text(json.dumps(entries))
    return path


@pytest.fixture
def models_dir(tmp_path):
    return tmp_path / "models"


@pytest.fixture
def dialog(qtbot, manifest, models_dir):
    d = ModelsDialog(sys.executable, str(models_dir), env={"RRSIS_WEIGHTS_MANIFEST": str(manifest),
                                                          "RRSIS_ALLOW_HTTP": "1"})
    qtbot.addWidget(d)
    d.show()
    qtbot.waitUntil(lambda: d.ui.modelsTable.rowCount() == 4, timeout=WAIT_MS)
    yield d
    d.manager.shutdown()


def row_of(dialog, key):
    return list(dialog.rows).index(key)


def cell(dialog, key, column):
    return dialog.ui.modelsTable.item(row_of(dialog, key), column).text()


def widget(dialog, key, column):
    return dialog.ui.modelsTable.cellWidget(row_of(dialog, key), column)


def click(qtbot, dialog, key):
    qtbot.mouseClick(widget(dialog, key, ACTION), Qt.LeftButton)


def test_lists_the_manifest_of_the_environment(dialog, models_dir):
    assert list(dialog.rows) == ["good", "tampered", "slow", "unpinned"]
    assert cell(dialog, "good", DISK) == "no" and cell(dialog, "good", CHECK) == "—"
    assert cell(dialog, "unpinned", CHECK) == "not pinned"  # on disk or not: nothing to verify against
    assert dialog.ui.modelsTable.item(row_of(dialog, "unpinned"), CHECK).toolTip() == "the publisher gives no checksum"
    assert str(models_dir) in dialog.ui.folderLabel.text()
    assert widget(dialog, "good", ACTION).text() == "Download" and widget(dialog, "good", ACTION).isEnabled()


def test_download_reaches_100_percent_and_is_verified(qtbot, dialog, models_dir):
    seen = []
    dialog.manager.progress.connect(lambda key, done, total: seen.append((key, done, total)))
    with qtbot.waitSignal(dialog.manager.finished, timeout=WAIT_MS) as done:
        click(qtbot, dialog, "good")
        assert widget(dialog, "good", ACTION).text() == "Cancel"
    assert done.args[:2] == ["good", "done"]
    assert seen[-1] == ("good", len(PAYLOAD), len(PAYLOAD)) and len(seen) >= 2  # steps, then the end
    assert widget(dialog, "good", PROGRESS).value() == 100
    assert (models_dir / "good.pt").read_bytes() == PAYLOAD and not (models_dir / "good.pt.part").exists()
    qtbot.waitUntil(lambda: cell(dialog, "good", DISK) == "yes", timeout=WAIT_MS)  # listed again
    assert cell(dialog, "good", CHECK) == "verified" and "verified" in dialog.ui.messageLabel.text()
    assert not widget(dialog, "good", ACTION).isEnabled()  # nothing left to download


def test_cancel_keeps_the_partial_file_only_and_the_next_download_resumes(qtbot, dialog, models_dir):
    Handler.stall_after = 1 << 20  # one full read, then the server hangs
    with qtbot.waitSignal(dialog.manager.progress, timeout=WAIT_MS):
        click(qtbot, dialog, "slow")
    qtbot.waitUntil(lambda: 0 < widget(dialog, "slow", PROGRESS).value() < 100, timeout=WAIT_MS)
    part = models_dir / "slow.pt.part"
    qtbot.waitUntil(lambda: part.exists() and part.stat().st_size == 1 << 20, timeout=WAIT_MS)  # all it sent
    with qtbot.waitSignal(dialog.manager.finished, timeout=WAIT_MS) as done:
        click(qtbot, dialog, "slow")  # the same button, now "Cancel"
    assert done.args[:2] == ["slow", "cancelled"] and "cancelled" in dialog.ui.messageLabel.text()
    assert not (models_dir / "slow.pt").exists()
    assert (models_dir / "slow.pt.part").stat().st_size == 1 << 20
    qtbot.waitUntil(lambda: widget(dialog, "slow", ACTION).text() == "Resume", timeout=WAIT_MS)
    assert cell(dialog, "slow", DISK).startswith("partial")

    Handler.release.set()
    with qtbot.waitSignal(dialog.manager.finished, timeout=WAIT_MS) as done:
        click(qtbot, dialog, "slow")
    assert done.args[:2] == ["slow", "done"], done.args
    assert ("/slow.pt", f"bytes={1 << 20}-") in Handler.ranges  # resumed, not started over
    assert (models_dir / "slow.pt").read_bytes() == PAYLOAD


def test_closing_the_dialog_stops_its_download_and_starts_nothing_more(qtbot, dialog, models_dir):
    Handler.stall_after = 1 << 20
    with qtbot.waitSignal(dialog.manager.progress, timeout=WAIT_MS):
        click(qtbot, dialog, "slow")
    process = dialog.manager.downloads["slow"]
    dialog.close()
    assert process.state() == process.NotRunning and not dialog.manager.downloads and not dialog.manager._others
    assert (models_dir / "slow.pt.part").exists() and not (models_dir / "slow.pt").exists()


def test_a_wrong_sha256_is_reported_and_the_file_removed(qtbot, dialog, models_dir):
    with qtbot.waitSignal(dialog.manager.finished, timeout=WAIT_MS) as done:
        click(qtbot, dialog, "tampered")
    assert done.args[:2] == ["tampered", "failed"]
    message = dialog.ui.messageLabel.text()
    assert "tampered.pt" in message and "does not match the manifest" in message and "deleted" in message
    assert not (models_dir / "tampered.pt").exists() and not (models_dir / "tampered.pt.part").exists()
    qtbot.waitUntil(lambda: dialog.ui.modelsTable.item(row_of(dialog, "tampered"), CHECK) is not None, timeout=WAIT_MS)
    assert cell(dialog, "tampered", CHECK) == "download failed" and cell(dialog, "tampered", DISK) == "no"
    assert widget(dialog, "tampered", ACTION).text() == "Download"  # it can be tried again


def test_verify_tells_a_matching_file_an_unpinned_one_and_a_corrupted_one(qtbot, dialog, models_dir):
    models_dir.mkdir()
    (models_dir / "good.pt").write_bytes(PAYLOAD)
    (models_dir / "slow.pt").write_bytes(PAYLOAD[:-1] + b"\0")  # right size, wrong bytes
    (models_dir / "unpinned.pt").write_bytes(b"anything")
    with qtbot.waitSignal(dialog.manager.listed, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ui.refreshButton, Qt.LeftButton)
    assert cell(dialog, "good", CHECK) == "not checked (Verify)" and cell(dialog, "unpinned", CHECK) == "not pinned"
    with qtbot.waitSignal(dialog.manager.checked, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.ui.verifyButton, Qt.LeftButton)
    assert cell(dialog, "good", CHECK) == "verified" and cell(dialog, "slow", CHECK) == "wrong"
    assert cell(dialog, "unpinned", CHECK) == "not pinned"
    assert "1 verified, 1 without a pinned sha256, 1 wrong" in dialog.ui.messageLabel.text()
    assert widget(dialog, "slow", ACTION).text() == "Download again" and widget(dialog, "slow", ACTION).isEnabled()


def test_no_backend_python_says_so(qtbot, manifest, tmp_path):
    d = ModelsDialog(str(tmp_path / "no-python"), str(tmp_path))
    qtbot.addWidget(d)
    assert f"The backend Python {tmp_path / 'no-python'} does not exist" in d.ui.messageLabel.text()


def test_parsing_the_cli_output():
    folder, rows = parse_list(json.dumps({"models_dir": "/m", "checkpoints": [
        {"key": "a", "file": "a.pt", "size": 10, "present": True, "sha256": "f" * 64},
        {"key": "b", "file": "b.pt", "size": None, "present": True, "sha256": None, "unverified": "why"},
        {"key": "c", "file": "c.pt", "size": 10, "present": False, "partial": 4, "sha256": "f" * 64}]}))
    assert folder == "/m" and [r.check for r in rows] == ["unchecked", "not pinned", "missing"]
    assert rows[2].partial == 4 and rows[1].check_detail == "why"
    checks = parse_verify(json.dumps({"results": [
        {"key": "a", "state": "ok", "sha256": "f"}, {"key": "b", "state": "present, not verifiable: why"},
        {"key": "c", "state": "sha256 mismatch: delete it and download again"}]}))
    assert checks == {"a": ("verified", "f"), "b": ("not pinned", "why"),
                      "c": ("wrong", "sha256 mismatch: delete it and download again")}
    assert parse_event(b'{"event": "progress", "done": 1}')["done"] == 1
    assert parse_event(b"loading...") is None and parse_event(b"[1]") is None
    assert percent(1, 4) == 25 and percent(5, None) is None and percent(9, 4) == 100


def test_settings_open_the_manager_on_the_folder_typed_there(qtbot, monkeypatch, manifest, tmp_path):
    from rrsis_qgis.gui import settings_dialog
    from rrsis_qgis.qgis_core.settings import PluginSettings

    monkeypatch.setenv("RRSIS_WEIGHTS_MANIFEST", str(manifest))  # what an organisation's mirror would set
    monkeypatch.setenv("RRSIS_ALLOW_HTTP", "1")
    chosen = tmp_path / "team-models"
    chosen.mkdir()
    (chosen / "good.pt").write_bytes(PAYLOAD)
    monkeypatch.setattr(settings_dialog.QFileDialog, "getExistingDirectory", lambda *a, **k: str(chosen))
    dialog = settings_dialog.SettingsDialog(PluginSettings(backend_python=sys.executable))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.ui.modelsDirButton, Qt.LeftButton)
    assert dialog.ui.modelsDirEdit.text() == str(chosen) and dialog.values().models_dir == str(chosen)
    qtbot.mouseClick(dialog.ui.modelsButton, Qt.LeftButton)
    models = dialog.models_dialog
    assert models is not None and models.isVisible()
    qtbot.waitUntil(lambda: models.ui.modelsTable.rowCount() == 4, timeout=WAIT_MS)
    assert str(chosen) in models.ui.folderLabel.text() and cell(models, "good", DISK) == "yes"
    models.close()
    qtbot.waitUntil(lambda: dialog.models_dialog is None, timeout=WAIT_MS)


def test_start_without_weights_offers_the_manager_on_the_missing_files(qtbot, qgis_iface, qgis_canvas, tmp_path):
    """A real backend (the default model, an empty models folder) exits 3; the dock offers Download…."""
    from qgis.PyQt.QtWidgets import QPushButton

    from rrsis_qgis.gui.dock import RrsisDock
    from rrsis_qgis.qgis_core.session import Session
    from rrsis_qgis.qgis_core.settings import PluginSettings

    empty = tmp_path / "models"
    empty.mkdir()
    session = Session(qgis_canvas, PluginSettings(backend_python=sys.executable, model="default", device="cpu",
                                                  models_dir=str(empty), results_path=str(tmp_path / "r.gpkg")))
    dock = RrsisDock(qgis_iface, session, lambda: None)
    qtbot.addWidget(dock)
    messages = []
    qgis_iface.messageBar().widgetAdded.connect(messages.append)
    try:
        qtbot.mouseClick(dock.ui.startButton, Qt.LeftButton)
        qtbot.waitUntil(lambda: session.backend.state == "down", timeout=120000)
        assert sorted(session.backend.missing_weights) == ["ViT-B-16.pt", "sam2.1_hiera_tiny.pt"]
        item = messages[-1]
        assert "sam2.1_hiera_tiny.pt" in item.text() and "ViT-B-16.pt" in item.text()
        button = [b for b in item.findChildren(QPushButton) if b.text() == "Download…"][0]
        qtbot.mouseClick(button, Qt.LeftButton)
        models = dock.models_dialog
        qtbot.addWidget(models)
        qtbot.waitUntil(lambda: models.ui.modelsTable.rowCount() > 0, timeout=WAIT_MS)
        selected = {list(models.rows)[i.row()] for i in models.ui.modelsTable.selectionModel().selectedRows()}
        assert selected and selected <= {"sam2.1-hiera-tiny", "clip-vit-b-16-openai"}
        assert str(empty) in models.ui.folderLabel.text()
        assert widget(models, "sam2.1-hiera-tiny", ACTION).text() == "Download"
        models.close()
    finally:
        qgis_iface.messageBar().widgetAdded.disconnect(messages.append)
        dock.cleanup()
        session.shutdown()


def test_the_manifest_override_is_read_and_a_missing_one_is_named(monkeypatch, manifest, tmp_path):
    from rrsis_qgis.engine.weights import load_manifest

    monkeypatch.setenv("RRSIS_WEIGHTS_MANIFEST", str(manifest))
    monkeypatch.setenv("RRSIS_ALLOW_HTTP", "1")
    assert list(load_manifest()) == ["good", "tampered", "slow", "unpinned"]
    monkeypatch.setenv("RRSIS_WEIGHTS_MANIFEST", str(tmp_path / "nowhere.json"))
    with pytest.raises(ValueError, match="RRSIS_WEIGHTS_MANIFEST=.*nowhere.json"):
        load_manifest()

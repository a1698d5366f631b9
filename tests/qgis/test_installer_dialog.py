"""The installer as a user meets it: Settings → Install…, progress, Cancel, Diagnose, Remove (a fake uv), and
QGIS's network stack downloading uv from a local index."""
from __future__ import annotations

import hashlib
import http.server
import json
import threading

import pytest
from qgis.PyQt.QtCore import Qt
from qgis.PyQt.QtNetwork import QNetworkProxy
from qgis.PyQt.QtTest import QTest
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

from rrsis_qgis.gui import installer_dialog
from rrsis_qgis.gui.settings_dialog import SettingsDialog
from rrsis_qgis.qgis_core.backend_process import DOWN, BackendManager
from rrsis_qgis.qgis_core.installer import runner
from rrsis_qgis.qgis_core.installer.env_folder import read_state, venv_python
from rrsis_qgis.qgis_core.installer.errors import FetchError
from rrsis_qgis.qgis_core.settings import PluginSettings
from tests.unit.installer_fakes import FakeIndex, uv_calls, uv_wheel


@pytest.fixture
def fake_uv(tmp_path, monkeypatch):
    log = tmp_path / "uv-calls.jsonl"
    monkeypatch.setenv("RRSIS_FAKE_UV_LOG", str(log))
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE", raising=False)
    monkeypatch.setattr(runner, "QgisFetch", FakeIndex)
    monkeypatch.setattr(runner, "detect_gpu", lambda: None)
    return log


def open_installer(qtbot, tmp_path):
    settings = SettingsDialog(PluginSettings())
    qtbot.addWidget(settings)
    settings.show()
    QTest.mouseClick(settings.ui.installButton, Qt.LeftButton)
    dialog = settings.installer_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.ui.folderWidget.setFilePath(str(tmp_path / "profile" / "rrsis_backend"))
    return settings, dialog


def test_install_from_the_settings_sets_the_backend_python_after_the_self_test(qtbot, tmp_path, fake_uv):
    settings, dialog = open_installer(qtbot, tmp_path)
    assert dialog.ui.choiceLabel.text() == "no NVIDIA driver found: CPU build"  # said once, not twice
    dialog.ui.torchCombo.setCurrentIndex(dialog.ui.torchCombo.findData("pypi"))
    assert dialog.ui.choiceLabel.text() == "no NVIDIA GPU found — PyPI's default torch build (chosen in the installer)"
    dialog.ui.torchCombo.setCurrentIndex(0)
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    assert not dialog.ui.installButton.isEnabled() and dialog.ui.cancelButton.isEnabled()
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60000)
    assert dialog.ui.resultLabel.text() == "Installed. Self-test: CPU"
    assert dialog.ui.progressBar.value() == 6
    python = str(venv_python(tmp_path / "profile" / "rrsis_backend"))
    assert settings.ui.pythonEdit.text() == python and settings.values().backend_python == python
    assert settings.ui.installStatusLabel.text() == "Self-test: CPU"
    assert [c["args"][0] for c in uv_calls(fake_uv)] == ["venv", "pip", "pip", "pip", "pip"]


def test_a_model_family_failing_its_self_test_is_named_in_a_warning_that_stays(qtbot, tmp_path, fake_uv, monkeypatch):
    summary = ("CPU · tiny forwards with random weights: zero-shot 0.2 s, rsrefseg2 0.6 s; "
               "trained FAILED on cpu: RuntimeError: no kernel image")
    monkeypatch.setenv("RRSIS_FAKE_SELFTEST", json.dumps({"ok": True, "summary": summary, "device": "cpu",
                                                          "problem": "the tiny forward of trained failed on cpu"}))
    settings, dialog = open_installer(qtbot, tmp_path)
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60000)
    assert dialog.ui.resultLabel.text() == "Installed. Self-test: " + summary
    assert dialog.ui.resultLabel.styleSheet() == installer_dialog.WARN_STYLE
    dialog.close()
    settings.close()
    again = SettingsDialog(PluginSettings(backend_python=str(venv_python(tmp_path / "profile" / "rrsis_backend"))))
    qtbot.addWidget(again)
    again.show()
    assert again.ui.installStatusLabel.text() == "Self-test: " + summary
    QTest.mouseClick(again.ui.installButton, Qt.LeftButton)  # reopened later: still a warning, not a green "Installed"
    assert again.installer_dialog.ui.resultLabel.styleSheet() == installer_dialog.WARN_STYLE
    assert "trained FAILED on cpu" in again.installer_dialog.ui.resultLabel.text()


def test_cancel_mid_install_leaves_an_env_that_start_refuses_and_install_resumes(qtbot, tmp_path, fake_uv, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "hang-torch")
    settings, dialog = open_installer(qtbot, tmp_path)
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: "Downloading torch" in dialog.ui.logView.toPlainText(), timeout=60000)
    QTest.mouseClick(dialog.ui.cancelButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=30000)
    assert dialog.ui.resultLabel.text().startswith("Cancelled")
    env = tmp_path / "profile" / "rrsis_backend"
    assert settings.ui.pythonEdit.text() == ""  # never set to a half-made env
    manager = BackendManager(PluginSettings(backend_python=str(venv_python(env))))
    manager.start()
    assert manager.state == DOWN and "not completely installed" in manager.detail
    monkeypatch.delenv("RRSIS_FAKE_UV_MODE")
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60000)
    assert "(already done)" in dialog.ui.stepsList.item(1).text() and read_state(env)["complete"]


def test_a_failure_shows_its_message_and_diagnose_and_copy_report_tell_it(qtbot, tmp_path, fake_uv, monkeypatch):
    monkeypatch.setenv("RRSIS_FAKE_UV_MODE", "nonet-packages")
    settings, dialog = open_installer(qtbot, tmp_path)
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60000)
    assert dialog.ui.resultLabel.text().startswith("No connection to the package index")
    assert dialog.ui.stepsList.item(3).text().startswith("✘")
    QTest.mouseClick(dialog.ui.diagnoseButton, Qt.LeftButton)
    text = dialog.ui.logView.toPlainText()
    assert "complete: no" in text and "failed: packages" in text and "free disk:" in text and "dns error" in text
    QTest.mouseClick(dialog.ui.copyButton, Qt.LeftButton)
    assert "rrsis_qgis backend report" in QApplication.clipboard().text()


def test_remove_deletes_the_env_folder_whole(qtbot, tmp_path, fake_uv, monkeypatch):
    settings, dialog = open_installer(qtbot, tmp_path)
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.thread is None, timeout=60000)
    env = tmp_path / "profile" / "rrsis_backend"
    assert (env / "cache").exists() or env.exists()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.Yes)
    QTest.mouseClick(dialog.ui.removeButton, Qt.LeftButton)
    assert not env.exists() and list((tmp_path / "profile").iterdir()) == []
    assert dialog.ui.resultLabel.text().startswith("Removed")


def test_offline_without_a_folder_chosen_is_refused(qtbot, tmp_path, fake_uv):
    settings, dialog = open_installer(qtbot, tmp_path)
    QTest.mouseClick(dialog.ui.offlineCheck, Qt.LeftButton)
    QTest.mouseClick(dialog.ui.installButton, Qt.LeftButton)
    assert dialog.thread is None and "folder of wheels" in dialog.ui.resultLabel.text()


class _Index(http.server.BaseHTTPRequestHandler):
    wheel = uv_wheel()

    def do_GET(self):  # noqa: N802
        if self.path == "/simple/uv/":
            name = "uv-0.13.8-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.whl"
            body = json.dumps({"files": [{"filename": name, "url": f"http://127.0.0.1:{self.server.server_port}/w/"
                                          + name, "hashes": {"sha256": hashlib.sha256(self.wheel).hexdigest()}}]})
            self._send(body.encode(), self.headers.get("Accept", ""))
        elif self.path.startswith("/w/"):
            self._send(self.wheel)
        else:
            self.send_error(404)

    def _send(self, body, accept=None):
        if accept is not None and "vnd.pypi.simple.v1+json" not in accept:
            self.send_error(406)
            return
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


def test_qgis_network_fetches_uv_from_an_index_and_says_when_it_cannot(tmp_path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Index)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        fetch = runner.QgisFetch()
        index = fetch(f"http://127.0.0.1:{server.server_port}/simple/uv/", "application/vnd.pypi.simple.v1+json")
        assert json.loads(index)["files"][0]["filename"].startswith("uv-0.13.8")
        assert fetch(json.loads(index)["files"][0]["url"]) == _Index.wheel
        with pytest.raises(FetchError):
            fetch(f"http://127.0.0.1:{server.server_port}/nothing")
    finally:
        server.shutdown()
        server.server_close()


def test_qgis_proxy_settings_become_uv_proxy_variables():
    assert runner.proxy_variables(QNetworkProxy.HttpProxy, "proxy.corp", 3128, "ana", "p@ss:1", ["localhost"]) == {
        "HTTPS_PROXY": "http://ana:p%40ss%3A1@proxy.corp:3128", "HTTP_PROXY": "http://ana:p%40ss%3A1@proxy.corp:3128",
        "NO_PROXY": "localhost"}
    assert runner.proxy_variables(QNetworkProxy.Socks5Proxy, "s", 1080) == {"ALL_PROXY": "socks5://s:1080"}
    assert runner.proxy_variables(QNetworkProxy.NoProxy, "", 0) == {}

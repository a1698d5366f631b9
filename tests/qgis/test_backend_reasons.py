"""What the plugin says and logs when its backend process ends: the crash's own reason, a deliberate stop as info."""
from __future__ import annotations

import stat

from qgis.core import Qgis, QgsApplication

from rrsis_qgis.qgis_core.backend_process import BackendManager
from rrsis_qgis.qgis_core.settings import PluginSettings

CRASH = """\
2026-12-03 09:00:01,000 INFO rrsis_qgis.server loading tiny-random
Traceback (most recent call last):
  File "/x/server/__main__.py", line 90, in main
    segmenter = Segmenter.from_name(args.model)
RuntimeError: CUDA error: out of memory
2026-12-03 09:00:02,000 INFO uvicorn.error Finished server process [42]
"""


def fake_python(tmp_path, body: str):
    """An executable standing in for the backend's Python (it ignores the arguments it is given)."""
    path = tmp_path / "python"
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    return str(path)


def test_a_crash_is_explained_by_its_error_not_by_the_last_info_line(qtbot, tmp_path):
    (tmp_path / "stderr.txt").write_text(CRASH)
    manager = BackendManager(PluginSettings(backend_python=fake_python(tmp_path, f"cat {tmp_path}/stderr.txt >&2\n"
                                                                                 "exit 1\n")))
    manager.start()
    qtbot.waitUntil(lambda: manager.state == "down", timeout=30000)
    assert "RuntimeError: CUDA error: out of memory" in manager.detail, manager.detail
    assert "INFO" not in manager.detail and "code 1" in manager.detail
    manager.shutdown()


def test_a_deliberate_stop_is_logged_as_info_and_a_crash_as_a_warning(qtbot, tmp_path):
    logged = []

    def record(message, tag, level):
        if message.startswith("backend down"):
            logged.append((message, level))

    log = QgsApplication.messageLog()
    log.messageReceived.connect(record)
    try:
        manager = BackendManager(PluginSettings(backend_python=fake_python(tmp_path, "exec sleep 60\n")))
        manager.start()
        assert manager.state == "starting"
        manager.stop()
        assert logged == [("backend down: stopped", Qgis.Info)]
        manager.shutdown()
        (tmp_path / "stderr.txt").write_text(CRASH)
        crashing = BackendManager(PluginSettings(backend_python=fake_python(
            tmp_path, f"cat {tmp_path}/stderr.txt >&2\nexit 1\n")))
        crashing.start()
        qtbot.waitUntil(lambda: crashing.state == "down", timeout=30000)
        assert logged[-1][1] == Qgis.Warning
        crashing.shutdown()
    finally:
        log.messageReceived.disconnect(record)

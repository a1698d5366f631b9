"""A backend started with --exit-with-parent stops by itself when that process dies (QGIS killed, crashed)."""
import subprocess
import sys
import time

import pytest

from rrsis_qgis.server.parent_watch import parent_gone
from tests.e2e.server_process import start_server

pytestmark = pytest.mark.slow


def test_the_server_stops_when_the_process_it_watches_is_killed():
    parent = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(600)"])
    server = start_server("--exit-with-parent", parent.pid)
    try:
        time.sleep(1.5)
        assert server.proc.poll() is None  # alive while its parent lives
        parent.kill()
        parent.wait(timeout=10)
        assert server.proc.wait(timeout=30) == 0  # a clean stop, not a crash
        assert any("is gone: stopping" in line for line in server.stderr_lines)
    finally:
        parent.kill()
        server.stop(timeout=10)


def test_parent_gone_checks():
    import os

    assert not parent_gone(os.getpid(), was_parent=False)  # this process lives
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait(timeout=30)
    assert parent_gone(child.pid, was_parent=False)  # exited and reaped
    assert parent_gone(os.getpid(), was_parent=True)  # we are not our own parent: "handed over"

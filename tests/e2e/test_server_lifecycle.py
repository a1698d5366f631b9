"""Starting, stopping and killing the backend: no stale port or token file, refusal of unsafe binds."""
import json
import os
import signal
import socket
import subprocess
import sys
import threading

import httpx
import pytest

from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.conftest import REPO
from tests.e2e.server_process import start_server
from tests.e2e.server_process import png_b64

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_killed_mid_request_leaves_nothing_stale(tmp_path):
    port, token_file = free_port(), tmp_path / "token"
    srv = start_server("--port", port, "--token-file", token_file)
    image = png_b64(demo_scene(size=512).image)
    outcome = {}

    def ask():
        try:
            outcome["response"] = httpx.post(srv.url + "/v1/segment", headers=srv.headers, timeout=60,
                                             json={"image": image, "phrase": "the white storage tank"})
        except httpx.HTTPError as exc:
            outcome["error"] = exc

    thread = threading.Thread(target=ask)
    thread.start()
    srv.proc.send_signal(signal.SIGKILL)
    srv.proc.wait(timeout=30)
    thread.join(60)
    assert "error" in outcome or outcome["response"].status_code == 200  # it may have finished first
    again = start_server("--port", port, "--token-file", token_file)  # same port, same token file
    try:
        assert again.port == port and again.token == srv.token
        assert httpx.get(again.url + "/v1/health", headers=again.headers).json()["status"] == "ok"
    finally:
        assert again.stop() == 0


def test_default_token_file_is_private_removed_on_sigterm_and_swept_after_a_kill(tmp_path):
    env = {"XDG_RUNTIME_DIR": str(tmp_path)}
    srv = start_server(env=env)
    assert srv.token_file.parent == tmp_path / "rrsis_qgis"
    assert oct(srv.token_file.stat().st_mode & 0o777) == "0o600"
    assert srv.stop(signal.SIGTERM) == 0
    assert not srv.token_file.exists()
    killed = start_server(env=env)
    killed.stop(signal.SIGKILL)
    assert killed.token_file.exists()  # nobody could clean up…
    fresh = start_server(env=env)
    try:
        assert not killed.token_file.exists()  # …so the next start sweeps it
    finally:
        fresh.stop()


@pytest.mark.parametrize("host", ["0.0.0.0", "::"])
def test_binding_beyond_loopback_needs_a_token_file(host):
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.server", "--model", "tiny-random", "--host", host],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    assert json.loads(proc.stdout.splitlines()[0])["event"] == "error"
    assert "without --token-file" in proc.stderr


def test_token_file_readable_by_others_is_refused(tmp_path):
    token_file = tmp_path / "token"
    token_file.write_text("x" * 40)
    os.chmod(token_file, 0o644)
    with pytest.raises(RuntimeError, match="chmod 600"):
        start_server("--token-file", token_file)


def test_missing_weights_is_reported_on_the_listening_channel(tmp_path):
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.server", "--model", "default", "--models-dir",
                           tmp_path, "--token-file", tmp_path / "t"], cwd=REPO, capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode == 3
    event = json.loads(proc.stdout.splitlines()[0])
    assert event["event"] == "error" and "sam2.1_hiera_tiny.pt" in event["message"]
    assert "sam2.1_hiera_tiny.pt" in event["missing"]  # the files, for the plugin's model manager to offer

"""The download code against a real HTTP server on 127.0.0.1 (Range support, like the model hosts)."""
import hashlib
import json
import http.server
import socket
import subprocess
import sys
import textwrap
import threading

import pytest

from rrsis_qgis.engine.download import DownloadError, download
from rrsis_qgis.engine.weights import MissingWeightsError, WeightsEntry, load_manifest, resolve_weights
from tests.conftest import REPO

PAYLOAD = bytes(range(256)) * 4096  # 1 MiB
SHA = hashlib.sha256(PAYLOAD).hexdigest()


class RangeHandler(http.server.BaseHTTPRequestHandler):
    ranges_seen: list = []

    def do_GET(self):  # noqa: N802
        rng = self.headers.get("Range")
        type(self).ranges_seen.append(rng)
        start = int(rng.split("=")[1].rstrip("-")) if rng else 0
        body = PAYLOAD[start:]
        self.send_response(206 if rng else 200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    RangeHandler.ranges_seen = []
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), RangeHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/model.pt"
    httpd.shutdown()


def entry(sha=SHA, size=len(PAYLOAD)):
    return WeightsEntry(key="test", file="model.pt", url="http://invalid.invalid/model.pt", size=size, sha256=sha)


def test_download_verifies_and_reports_progress(tmp_path, server):
    seen = []
    path = download(entry(), tmp_path, progress=lambda done, total: seen.append((done, total)), url=server)
    assert path.read_bytes() == PAYLOAD
    assert seen[-1] == (len(PAYLOAD), len(PAYLOAD)) and len(seen) >= 1
    assert not (tmp_path / "model.pt.part").exists()
    download(entry(), tmp_path, url=server)  # already there and verified: no second request
    assert RangeHandler.ranges_seen == [None]


def test_interrupted_download_resumes_with_a_range_request(tmp_path, server):
    (tmp_path / "model.pt.part").write_bytes(PAYLOAD[:300_000])
    path = download(entry(), tmp_path, url=server)
    assert RangeHandler.ranges_seen == ["bytes=300000-"]
    assert path.read_bytes() == PAYLOAD


def test_checksum_mismatch_deletes_the_file_and_says_so(tmp_path, server):
    with pytest.raises(DownloadError, match="does not match the manifest"):
        download(entry(sha="0" * 64), tmp_path, url=server)
    assert not list(tmp_path.iterdir())


def test_offline_gives_a_clear_message(tmp_path):
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(DownloadError, match="cannot download model.pt .*copy it to"):
        download(entry(), tmp_path, url=f"http://127.0.0.1:{port}/model.pt", timeout=5)
    folder_file = WeightsEntry(key="t", file="rs2sam2/rrsisd/config.json", url="http://invalid.invalid/c", size=None,
                               sha256=None, unverified="a test")
    with pytest.raises(DownloadError) as err:  # a release folder's file: the message names where it belongs
        download(folder_file, tmp_path, url=f"http://127.0.0.1:{port}/config.json", timeout=5)
    assert f"copy it to {tmp_path / 'rs2sam2' / 'rrsisd' / 'config.json'}" in str(err.value)


def test_disk_full_keeps_the_partial_file_and_says_so(tmp_path, server):
    script = textwrap.dedent(f"""
        import resource, signal, sys
        sys.path.insert(0, {str(REPO)!r})
        from pathlib import Path
        from rrsis_qgis.engine.download import download, DownloadError
        from rrsis_qgis.engine.weights import WeightsEntry
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000))
        e = WeightsEntry("t", "model.pt", "x", {len(PAYLOAD)}, {SHA!r})
        try:
            download(e, Path({str(tmp_path)!r}), url={server!r})
        except DownloadError as exc:
            print(exc)
    """)
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert "is full" in proc.stdout and "resumes" in proc.stdout, proc.stdout + proc.stderr
    assert (tmp_path / "model.pt.part").exists() and not (tmp_path / "model.pt").exists()


def test_missing_weights_error_names_file_url_and_folder(tmp_path):
    with pytest.raises(MissingWeightsError) as info:
        resolve_weights(["sam2.1-hiera-tiny", "clip-vit-b-16-openai"], tmp_path)
    text = str(info.value)
    assert "sam2.1_hiera_tiny.pt" in text and "ViT-B-16.pt" in text and str(tmp_path) in text
    assert "https://dl.fbaipublicfiles.com/segment_anything_2/092824/sam2.1_hiera_tiny.pt" in text


def test_manifest_entries_are_complete():
    manifest = load_manifest()
    assert {"sam2.1-hiera-tiny", "sam2.1-hiera-large", "clip-vit-b-16-openai"} <= set(manifest)
    for e in manifest.values():
        assert e.url.startswith("https://") and e.url.endswith("/" + e.file.rsplit("/", 1)[-1])  # the hub's own name
        assert e.sha256 is None or len(e.sha256) == 64


class StallingHandler(http.server.BaseHTTPRequestHandler):
    """Sends the first SENT bytes of PAYLOAD (announcing all of it; nothing, not even headers, if SENT is 0),
    then goes quiet until released."""

    SENT = 300_000
    release = threading.Event()

    def do_GET(self):  # noqa: N802
        if self.SENT:
            self.send_response(200)
            self.send_header("Content-Length", str(len(PAYLOAD)))
            self.end_headers()
            self.wfile.write(PAYLOAD[:self.SENT])
            self.wfile.flush()
        type(self).release.wait(60)

    def log_message(self, *args):
        pass


class EndlessHandler(http.server.BaseHTTPRequestHandler):
    """HTTP/1.0 without Content-Length: 16 MiB, the end of the body is the end of the connection."""

    def do_GET(self):  # noqa: N802
        self.send_response(200)
        self.end_headers()
        try:
            for _ in range(16):
                self.wfile.write(PAYLOAD)
        except OSError:  # the client stopped reading and closed: what the test wants
            pass

    def log_message(self, *args):
        pass


def serve(handler):
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/model.pt"


@pytest.mark.parametrize("sent", [300_000, 0])
def test_a_stalled_server_is_named_and_the_received_bytes_are_kept(tmp_path, server, monkeypatch, sent):
    monkeypatch.setattr(StallingHandler, "SENT", sent)
    StallingHandler.release.clear()
    httpd, url = serve(StallingHandler)
    try:
        with pytest.raises(DownloadError) as info:
            download(entry(), tmp_path, url=url, timeout=1)
    finally:
        StallingHandler.release.set()
        httpd.shutdown()
    message = str(info.value)
    assert "stalled" in message and "127.0.0.1" in message and "cannot write" not in message, message
    assert "resume" in message
    part = tmp_path / "model.pt.part"
    assert (part.stat().st_size if part.exists() else 0) == sent
    assert download(entry(), tmp_path, url=server).read_bytes() == PAYLOAD  # the next run resumes
    assert RangeHandler.ranges_seen == [f"bytes={sent}-" if sent else None]


def test_a_response_longer_than_the_pinned_size_stops_at_the_pin(tmp_path):
    httpd, url = serve(EndlessHandler)
    seen = []
    try:
        with pytest.raises(DownloadError, match="more than the .* bytes the manifest pins") as info:
            download(entry(), tmp_path, url=url, progress=lambda done, total: seen.append(done))
    finally:
        httpd.shutdown()
    assert max(seen, default=0) <= len(PAYLOAD) + (1 << 20), "read on past the pinned size"
    assert "model.pt" in str(info.value) and not list(tmp_path.iterdir())


def test_a_folder_where_the_file_goes_is_named(tmp_path, server):
    (tmp_path / "model.pt").mkdir()
    with pytest.raises(DownloadError, match=r"model.pt is a folder"):
        download(entry(), tmp_path, url=server)
    assert RangeHandler.ranges_seen == []  # refused before downloading 1 MiB for nothing
    (tmp_path / "model.pt").rmdir()
    (tmp_path / "model.pt.part").mkdir()
    with pytest.raises(DownloadError, match=r"model.pt.part is a folder"):
        download(entry(), tmp_path, url=server)


@pytest.mark.parametrize("clash", ["models dir is a file", "a parent is a file"])
def test_a_file_where_the_models_folder_goes_is_named(tmp_path, server, clash):
    blocker = tmp_path / "models"
    blocker.write_text("a file, not a folder")
    models_dir = blocker if clash == "models dir is a file" else blocker / "sub"
    with pytest.raises(DownloadError, match="models folder .*models.*not a folder"):
        download(entry(), models_dir, url=server)


def test_the_cli_reports_a_folder_clash_with_exit_2(tmp_path, server, monkeypatch, capsys):
    from rrsis_qgis.cli import main

    manifest = tmp_path / "manifest.json"
    manifest.write_text(json.dumps({"m": {"file": "model.pt", "url": server, "size": len(PAYLOAD), "sha256": SHA}}))
    monkeypatch.setenv("RRSIS_WEIGHTS_MANIFEST", str(manifest))
    monkeypatch.setenv("RRSIS_ALLOW_HTTP", "1")
    (tmp_path / "models" / "model.pt").mkdir(parents=True)
    assert main(["models", "download", "m", "--models-dir", str(tmp_path / "models")]) == 2
    err = capsys.readouterr().err
    assert "is a folder" in err and "unexpected" not in err, err
    (tmp_path / "file").write_text("x")
    assert main(["models", "download", "m", "--models-dir", str(tmp_path / "file")]) == 2
    err = capsys.readouterr().err
    assert "not a folder" in err and "unexpected" not in err, err

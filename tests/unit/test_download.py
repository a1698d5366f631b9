"""The download code against a real HTTP server on 127.0.0.1 (Range support, like the model hosts)."""
import hashlib
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
        assert e.url.startswith("https://") and e.url.endswith(e.file)
        assert e.sha256 is None or len(e.sha256) == 64

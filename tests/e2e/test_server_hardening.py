"""The backend under hostile and careless use: bounded queue and memory, atomic ids, slow clients,
shutdown with work queued, argument checks, and the API contract's details (real process, tiny-random)."""
import base64
import concurrent.futures
import io
import json
import signal
import socket
import subprocess
import sys
import time

import httpx
import numpy as np
import pytest
from PIL import Image

from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.conftest import REPO
from tests.e2e.server_process import npy_b64, png_b64, start_server

pytestmark = pytest.mark.slow


SCENE = png_b64(demo_scene(size=256).image)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    token_file = tmp_path_factory.mktemp("srv") / "token"
    srv = start_server("--token-file", token_file, "--max-queue", 2, "--max-body-mb", 2, "--max-inflight-mb", 3,
                       "--client-timeout", 1.5, "--max-image-side", 1024)
    yield srv
    assert srv.stop() == 0, "".join(srv.stderr_lines)[-2000:]


def post_raw(server, body: bytes, **kw):
    return httpx.post(server.url + "/v1/segment", content=body, timeout=60,
                      headers={**server.headers, "content-type": "application/json"}, **kw)


@pytest.mark.parametrize("extra", [b'"boxes": [[0, 0, 1e999, 1e999]]', b'"points": [[NaN, 1, 1]]',
                                   b'"points": [[1, Infinity, 1]]', b'"points": [[1e308, 1, 1]]',
                                   b'"boxes": [[0, 0, 10, -Infinity]]'])
def test_non_finite_or_absurd_numbers_are_refused_at_the_schema(server, extra):
    r = post_raw(server, b'{"image": "%s", "phrase": "a tank", %s}' % (SCENE.encode(), extra))
    assert r.status_code == 422 and r.json()["error"]["code"] == "invalid_request", r.text


def test_points_and_boxes_off_the_image_are_a_client_error(server):
    for extra in ({"points": [[300, 10, 1]]}, {"boxes": [[400, 400, 500, 500]]}):
        r = httpx.post(server.url + "/v1/segment", headers=server.headers, timeout=60,
                       json={"image": SCENE, "phrase": "a tank", **extra})
        assert r.status_code == 422 and "256×256" in r.json()["error"]["message"], r.text


def _post_many(server, bodies):
    def one(body):
        return httpx.post(server.url + "/v1/segment", headers=server.headers, json=body, timeout=120)
    with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
        return list(pool.map(one, bodies))


def test_a_full_queue_answers_429_with_retry_after(server):
    big = png_b64(demo_scene(size=512).image)  # ~0.3–1 s each on a CPU: the others arrive while it runs
    responses = _post_many(server, [{"image": big, "phrase": "the white tank", "top_k": 8}] * 6)
    codes = sorted(r.status_code for r in responses)
    assert set(codes) <= {200, 429} and codes.count(200) >= 1 and codes.count(429) >= 1, codes
    for r in responses:
        if r.status_code == 429:
            assert r.json()["error"]["code"] == "queue_full" and int(r.headers["retry-after"]) >= 1


def test_concurrent_requests_with_one_id_run_once(server):
    big = png_b64(demo_scene(size=512).image)
    responses = _post_many(server, [{"image": big, "phrase": "a tank", "request_id": "same-id"}] * 3)
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409, 409], [r.text[:100] for r in responses]
    assert all(r.json()["error"]["code"] == "duplicate_request_id" for r in responses if r.status_code == 409)
    assert httpx.get(server.url + "/v1/health", headers=server.headers).json()["queue"] == 0


def _open_upload(server, declared: int, sent: bytes) -> socket.socket:
    sock = socket.create_connection(("127.0.0.1", server.port))
    head = (f"POST /v1/segment HTTP/1.1\r\nHost: x\r\n{'Authorization: ' + server.headers['Authorization']}\r\n"
            f"Content-Type: application/json\r\nContent-Length: {declared}\r\n\r\n").encode()
    sock.sendall(head + sent)
    return sock


def _read_all(sock: socket.socket, timeout: float) -> bytes:
    sock.settimeout(timeout)
    data = b""
    try:
        while chunk := sock.recv(65536):
            data += chunk
    except socket.timeout:
        pass
    return data


def test_bodies_held_at_once_are_bounded_in_bytes(server):
    slow = _open_upload(server, 2 * 1024 * 1024 - 100, b'{"image": "')  # 2 MB declared, trickling in
    try:
        time.sleep(0.3)
        r = post_raw(server, b'{"image": "' + b"A" * (1200 * 1024) + b'", "phrase": "x"}')
        assert r.status_code == 429 and r.json()["error"]["code"] == "busy" and "retry-after" in r.headers
    finally:
        slow.close()
    time.sleep(0.3)
    r = post_raw(server, b'{"image": "' + b"A" * (1200 * 1024) + b'", "phrase": "x"}')
    assert r.status_code == 415, r.text  # admitted once the other upload is gone (not an image: refused later)


def test_slow_headers_are_dropped(server):
    sock = socket.create_connection(("127.0.0.1", server.port))
    sock.sendall(b"GET /v1/health HTTP/1.1\r\nHost: x\r\n")  # and never the blank line
    t0 = time.monotonic()
    assert _read_all(sock, 10) == b"" and time.monotonic() - t0 < 6  # closed by the server after 1.5 s
    sock.close()


def test_slow_body_gets_408_and_the_connection_is_closed(server):
    sock = _open_upload(server, 1000, b'{"image": "')
    t0 = time.monotonic()
    reply = _read_all(sock, 10)
    sock.close()
    assert reply.startswith(b"HTTP/1.1 408") and b"body_timeout" in reply, reply[:300]
    assert time.monotonic() - t0 < 6


def _npy_b64_with_header(shape, data=b""):
    buf = io.BytesIO()
    np.lib.format.write_array_header_1_0(buf, {"descr": "<u2", "fortran_order": False, "shape": shape})
    return base64.b64encode(buf.getvalue() + data).decode()


def test_npy_header_is_checked_before_loading(server):
    huge = _npy_b64_with_header((100_000, 100_000, 3))
    r = httpx.post(server.url + "/v1/segment", headers=server.headers, json={"image": huge, "phrase": "a"}, timeout=60)
    assert r.status_code == 413 and r.json()["error"]["code"] == "image_too_large"
    short = _npy_b64_with_header((512, 512), b"\0" * 100)
    r = httpx.post(server.url + "/v1/segment", headers=server.headers, json={"image": short, "phrase": "a"}, timeout=60)
    assert r.status_code == 422 and "shorter than its header" in r.json()["error"]["message"]


def test_png_bomb_is_413(server):
    buf = io.BytesIO()
    Image.new("1", (20000, 20000)).save(buf, format="PNG")  # 400 M pixels in a few kB: PIL's bomb guard
    r = httpx.post(server.url + "/v1/segment", headers=server.headers, timeout=60,
                   json={"image": base64.b64encode(buf.getvalue()).decode(), "phrase": "a tank"})
    assert r.status_code == 413 and r.json()["error"]["code"] == "image_too_large", r.text


def test_405_says_which_methods_are_allowed_and_the_schema_forbids_a_blank_phrase(server):
    r = httpx.put(server.url + "/v1/health", headers=server.headers)
    assert r.status_code == 405 and r.headers["allow"] == "GET" and r.json()["error"]["code"] == "http_405"
    schema = httpx.get(server.url + "/v1/openapi.json", headers=server.headers).json()
    phrase = schema["components"]["schemas"]["SegmentRequest"]["properties"]["phrase"]
    assert phrase["minLength"] == 1 and phrase["pattern"] == r"\S"
    r = httpx.post(server.url + "/v1/segment", headers=server.headers, json=[1, 2])
    assert r.status_code == 422 and "UTF-8" not in r.json()["error"]["message"]


def test_sigterm_answers_queued_requests_with_a_json_503(tmp_path):
    srv = start_server("--token-file", tmp_path / "token", "--max-queue", 8)
    big = png_b64(demo_scene(size=1024).image)
    bodies = [{"image": big, "phrase": "the white tank", "top_k": 8, "request_id": f"r{i}"} for i in range(5)]
    with concurrent.futures.ThreadPoolExecutor(len(bodies)) as pool:
        futures = [pool.submit(httpx.post, srv.url + "/v1/segment", headers=srv.headers, json=b, timeout=120)
                   for b in bodies]
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if httpx.get(srv.url + "/v1/health", headers=srv.headers).json()["queue"] >= 3:
                break
            time.sleep(0.05)
        srv.proc.send_signal(signal.SIGTERM)
        responses = [f.result() for f in futures]
    assert srv.proc.wait(timeout=60) == 0
    codes = [r.status_code for r in responses]
    assert 503 in codes and set(codes) <= {200, 503}, codes
    for r in responses:
        assert r.headers["content-type"].startswith("application/json")
        if r.status_code == 503:
            assert r.json()["error"]["code"] == "shutting_down"


@pytest.mark.parametrize("args, says", [
    (["--port", "70000"], "--port 70000"),
    (["--max-body-mb", "-1"], "--max-body-mb -1"),
    (["--request-timeout", "0"], "--request-timeout 0"),
    (["--cache-mb", "-5"], "--cache-mb -5"),
    (["--max-queue", "0"], "--max-queue 0"),
    (["--client-timeout", "nan"], "--client-timeout nan"),
    (["--token-file", "{tmp}/missing/token"], "does not exist"),
    (["--token-file", "{tmp}"], "is a folder"),
])
def test_bad_server_arguments_exit_2_with_a_json_error_line(tmp_path, args, says):
    args = [a.format(tmp=tmp_path) for a in args]
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.server", "--model", "tiny-random", *args],
                          cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2, proc.stderr
    event = json.loads(proc.stdout.splitlines()[0])
    assert event["event"] == "error" and says in event["message"]
    assert "Traceback" not in proc.stderr and not (tmp_path / "missing").exists()


def test_nothing_found_says_so(server):
    rgba = np.dstack([demo_scene(size=64).image, np.zeros((64, 64), np.uint8)])  # every pixel transparent
    r = httpx.post(server.url + "/v1/segment", headers=server.headers, timeout=60,
                   json={"image": npy_b64(rgba), "phrase": "the  white tank"})
    assert r.status_code == 200 and r.json()["masks"] == []
    assert r.json()["message"] == "nothing matching 'the white tank' in this view"
    r = httpx.post(server.url + "/v1/segment", headers=server.headers, timeout=60,
                   json={"image": SCENE, "phrase": "the white tank"})
    assert r.json()["masks"] and r.json()["message"] is None

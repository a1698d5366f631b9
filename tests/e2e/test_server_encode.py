"""POST /v1/encode: a view encoded while the analyst is idle makes the next query a cache hit; idle
encodes never hold a real query back and a newer view cancels an older one (real process, tiny-random)."""
import base64
import concurrent.futures
import io
import time

import httpx
import numpy as np
import pytest
from PIL import Image

from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.e2e.server_process import start_server

pytestmark = pytest.mark.slow


def png_b64(image: np.ndarray) -> str:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    srv = start_server("--token-file", tmp_path_factory.mktemp("srv") / "token", "--max-queue", 8)
    yield srv
    assert srv.stop() == 0, "".join(srv.stderr_lines)[-2000:]


def post(server, path, body, timeout=120):
    return httpx.post(server.url + path, headers=server.headers, json=body, timeout=timeout)


def test_an_encoded_view_makes_the_next_query_a_cache_hit(server):
    view = png_b64(demo_scene(size=320, seed=11).image)
    before = httpx.get(server.url + "/v1/health", headers=server.headers).json()["cache"]
    first = post(server, "/v1/encode", {"image": view})
    assert first.status_code == 200 and first.json()["cache"] == "miss"
    assert "sam2_encoder" in first.json()["timings_ms"]
    assert post(server, "/v1/encode", {"image": view}).json()["cache"] == "hit"
    query = post(server, "/v1/segment", {"image": view, "phrase": "the white tank"})
    assert query.status_code == 200 and query.json()["cache"] == "hit"
    assert not {"sam2_encoder", "clip_image"} & set(query.json()["timings_ms"])
    after = httpx.get(server.url + "/v1/health", headers=server.headers).json()["cache"]
    assert after["hits"] == before["hits"] + 2 and after["misses"] == before["misses"] + 1


def _busy(server, pool, seed):
    """A real query on a large view: keeps the inference thread busy for a while."""
    big = png_b64(demo_scene(size=1024, seed=seed).image)
    future = pool.submit(post, server, "/v1/segment", {"image": big, "phrase": "the white tank", "top_k": 8})
    deadline = time.monotonic() + 30
    while httpx.get(server.url + "/v1/health", headers=server.headers).json()["queue"] < 1:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    return future


def test_a_newer_view_cancels_the_older_waiting_encode(server):
    older, newer = (png_b64(demo_scene(size=640, seed=s).image) for s in (21, 22))
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        busy = _busy(server, pool, 1)
        first = pool.submit(post, server, "/v1/encode", {"image": older, "session": "dock-1", "request_id": "e-old"})
        time.sleep(0.3)
        other = pool.submit(post, server, "/v1/encode", {"image": older, "session": "dock-2"})
        second = pool.submit(post, server, "/v1/encode", {"image": newer, "session": "dock-1"})
        assert busy.result().status_code == 200
        assert first.result().status_code == 409 and first.result().json()["error"]["code"] == "cancelled"
        assert second.result().status_code == 200
        assert other.result().status_code == 200  # another client's idle encode is not touched


def test_a_real_query_runs_before_waiting_idle_encodes(server):
    finished = {}

    def timed(name, path, body):
        r = post(server, path, body)
        finished[name] = time.monotonic()
        return r

    idle = [png_b64(demo_scene(size=1024, seed=s).image) for s in (31, 32)]
    query = png_b64(demo_scene(size=256, seed=33).image)
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        busy = _busy(server, pool, 2)
        encodes = [pool.submit(timed, f"encode{i}", "/v1/encode", {"image": v, "session": f"s{i}"})
                   for i, v in enumerate(idle)]
        time.sleep(0.3)  # both encodes are waiting behind the busy query
        real = pool.submit(timed, "query", "/v1/segment", {"image": query, "phrase": "a building"})
        assert real.result().status_code == 200 and busy.result().status_code == 200
        assert all(e.result().status_code == 200 for e in encodes)
    assert finished["query"] < min(finished["encode0"], finished["encode1"]), finished

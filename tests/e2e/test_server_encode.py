"""POST /v1/encode: a view encoded while the analyst is idle makes the next query a cache hit (real process,
tiny-random). Its queueing (real queries first, a newer view cancels an older one) is tested deterministically
on the queue itself: tests/unit/test_server_parts.py."""

import httpx
import pytest

from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.e2e.server_process import png_b64, start_server

pytestmark = pytest.mark.slow


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


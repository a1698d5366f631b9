"""/v1/jobs on a real backend process (tiny-random): submit at once, poll with progress, result once, cancel."""
import httpx
import pytest

from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.e2e.server_process import png_b64, start_server

pytestmark = pytest.mark.slow

SCENE = demo_scene(size=256).image


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    srv = start_server("--token-file", tmp_path_factory.mktemp("srv") / "token")
    with httpx.Client(base_url=srv.url, headers=srv.headers, timeout=60) as c:
        yield c
    assert srv.stop() == 0, "".join(srv.stderr_lines)[-2000:]


def poll_until_final(client, job_id: str) -> list:
    seen = []
    for _ in range(600):
        status = client.get(f"/v1/jobs/{job_id}", params={"wait": 0.2}).json()
        seen.append(status)
        if status["state"] in ("done", "failed", "cancelled"):
            return seen
    raise AssertionError(f"job {job_id} never ended: {seen[-1]}")


def test_a_segment_job_is_answered_at_once_then_polled_to_its_result_given_once(client):
    r = client.post("/v1/jobs/segment", json={"image": png_b64(SCENE), "phrase": "the red roof", "top_k": 2,
                                              "request_id": "job-1"})
    assert r.status_code == 202 and r.json()["job_id"] == "job-1", r.text
    assert r.json()["state"] in ("queued", "running") and r.json()["result"] is None
    seen = poll_until_final(client, "job-1")
    progress = [s["progress"] for s in seen]
    assert progress == sorted(progress) and progress[-1] == 1.0 and seen[-1]["state"] == "done"
    result = seen[-1]["result"]
    assert result["request_id"] == "job-1" and result["masks"] and result["masks"][0]["rle"]["size"] == [256, 256]
    again = client.get("/v1/jobs/job-1")
    assert again.status_code == 404 and again.json()["error"]["code"] == "unknown_job"  # given once


def test_the_same_view_through_a_job_and_the_synchronous_route_gives_the_same_masks(client):
    body = {"image": png_b64(SCENE), "phrase": "the green field"}
    sync = client.post("/v1/segment", json=body).json()
    client.post("/v1/jobs/segment", json={**body, "request_id": "job-same"})
    job = poll_until_final(client, "job-same")[-1]["result"]
    assert [m["rle"] for m in job["masks"]] == [m["rle"] for m in sync["masks"]] and job["cache"] == "hit"


def test_a_cancelled_job_never_gives_a_result_and_unknown_ids_are_404(client):
    client.post("/v1/jobs/encode", json={"image": png_b64(SCENE[::-1].copy()), "request_id": "job-busy"})
    client.post("/v1/jobs/segment", json={"image": png_b64(SCENE[:, ::-1].copy()), "phrase": "a tank",
                                          "request_id": "job-drop"})
    r = client.delete("/v1/jobs/job-drop")
    assert r.status_code == 200 and r.json()["state"] == "cancelled" and r.json()["result"] is None, r.text
    assert client.get("/v1/jobs/job-drop").status_code == 404  # the DELETE's answer was its final word
    for method in ("GET", "DELETE"):
        r = client.request(method, "/v1/jobs/no-such-job")
        assert r.status_code == 404 and r.json()["error"]["code"] == "unknown_job", r.text
    assert poll_until_final(client, "job-busy")[-1]["result"]["cache"] == "miss"


def test_a_bad_request_fails_as_a_job_with_the_synchronous_routes_error(client):
    r = client.post("/v1/jobs/segment", json={"image": png_b64(SCENE), "phrase": "a tank", "points": [[999, 9, 1]],
                                              "request_id": "job-bad"})
    assert r.status_code == 202
    final = poll_until_final(client, "job-bad")[-1]
    assert final["state"] == "failed" and final["error"]["code"] == "bad_request" and "256×256" in final["error"][
        "message"]
    assert client.post("/v1/jobs/segment", json={"image": "", "phrase": "x"}).status_code == 422  # schema: at once

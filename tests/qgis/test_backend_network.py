"""The plugin's backend client goes through QGIS's network stack: QGIS's proxy is used for a remote backend, and an
inference longer than QGIS's network timeout still completes (the job API keeps every request short)."""
from __future__ import annotations

import threading
import time

import numpy as np
import pytest
from qgis.core import QgsBlockingNetworkRequest, QgsNetworkAccessManager
from qgis.PyQt.QtCore import QByteArray, QUrl
from qgis.PyQt.QtNetwork import QNetworkReply, QNetworkRequest

from rrsis_qgis.qgis_core.backend_client import BackendClient, BackendError
from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.e2e.server_process import png_b64, start_server
from tests.qgis.proxy_server import REMOTE

pytestmark = pytest.mark.slow

IMAGE = np.dstack([demo_scene(size=128).image, np.full((128, 128), 255, np.uint8)])


@pytest.fixture
def short_network_timeout(qgis_app):
    before = QgsNetworkAccessManager.timeout()
    QgsNetworkAccessManager.setTimeout(1000)
    yield 1.0
    QgsNetworkAccessManager.setTimeout(before)


@pytest.fixture(scope="module")
def slow(tmp_path_factory):
    """The real backend, each inference 2 s longer."""
    srv = start_server("--token-file", tmp_path_factory.mktemp("slow") / "token", module="tests.e2e.slow_server",
                       env={"RRSIS_TEST_SEGMENT_DELAY_S": "2"})
    yield srv
    srv.stop()


def test_a_remote_backend_is_reached_through_qgis_proxy_from_any_thread(slow, proxy):
    client = BackendClient(f"http://{REMOTE}:{slow.port}", slow.token)
    assert client.health()["status"] == "ok"
    answer = client.segment(IMAGE, "the red roof", "via-proxy", top_k=2)
    assert answer["request_id"] == "via-proxy" and answer["masks"]
    from_thread: dict = {}  # as the tiled run's read-ahead thread asks: a plain Python thread
    worker = threading.Thread(target=lambda: from_thread.update(answer=client.encode(IMAGE, "via-proxy-encode")))
    worker.start()
    worker.join(120)
    assert from_thread["answer"]["cache"] == "hit"
    assert f"POST http://{REMOTE}:{slow.port}/v1/jobs/segment" in proxy.seen
    assert f"POST http://{REMOTE}:{slow.port}/v1/jobs/encode" in proxy.seen
    assert any(line.startswith(f"GET http://{REMOTE}:{slow.port}/v1/jobs/via-proxy") for line in proxy.seen)
    through_proxy = len(proxy.seen)  # the plugin's own backend on 127.0.0.1 is called directly: a proxy cannot reach it
    assert BackendClient(slow.url, slow.token).health()["status"] == "ok" and len(proxy.seen) == through_proxy


def test_an_inference_longer_than_qgis_network_timeout_still_completes(slow, proxy, short_network_timeout):
    url = f"http://{REMOTE}:{slow.port}"
    # the premise: one synchronous request for the same inference is cut off by QGIS's 1 s timeout
    request = QNetworkRequest(QUrl(url + "/v1/segment"))
    request.setRawHeader(b"Authorization", f"Bearer {slow.token}".encode())
    request.setRawHeader(b"Content-Type", b"application/json")
    blocking = QgsBlockingNetworkRequest()
    body = f'{{"image": "{png_b64(IMAGE[..., :3])}", "phrase": "the red roof"}}'.encode()
    blocking.post(request, QByteArray(body), True)
    reply = blocking.reply()  # QGIS 3.22 reports its timeout as a cancelled reply, without an HTTP status
    assert reply.attribute(QNetworkRequest.HttpStatusCodeAttribute) is None
    assert reply.error() == QNetworkReply.OperationCanceledError
    answer = BackendClient(url, slow.token).segment(IMAGE, "the red roof", "slow-one")
    assert answer["request_id"] == "slow-one" and answer["masks"] and answer["timings_ms"]["total"] > 0


def test_a_cancel_from_the_gui_thread_ends_the_wait_and_drops_the_job_on_a_remote_backend(slow, proxy):
    client, ended = BackendClient(f"http://{REMOTE}:{slow.port}", slow.token), {}

    def query():
        try:
            client.segment(IMAGE, "the red roof", "to-cancel")
        except BackendError as exc:
            ended["error"] = exc

    worker = threading.Thread(target=query)
    worker.start()
    for _ in range(400):  # until the job is submitted and being polled
        if any("/v1/jobs/to-cancel?" in line for line in proxy.seen):
            break
        time.sleep(0.025)
    client.cancel("to-cancel")
    worker.join(30)
    assert ended["error"].code == "cancelled"
    assert f"DELETE http://{REMOTE}:{slow.port}/v1/jobs/to-cancel" in proxy.seen

"""The "why" tooltip comes from the scores each mask carries, never from a mask's position in a list
(the backend drops empty masks, so positions shift). A stub backend answers exactly that case; it predates
the job API (404 on /v1/jobs/…), so the plugin's fallback to the synchronous route is exercised too."""
import base64
import http.server
import io
import json
import threading

import numpy as np
import pytest
from qgis.PyQt.QtCore import Qt

from rrsis_qgis.geo import rle
from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (fixture)

BEST = {"activation": 0.11, "attribute": 0.22}  # the first candidate's terms: its mask was empty, dropped
KEPT = {"activation": 0.77, "relation": 0.88}  # the one mask that came back


@pytest.fixture
def stub_backend(tmp_path):
    class Handler(http.server.BaseHTTPRequestHandler):
        def _json(self, answer):
            body = json.dumps(answer).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):  # noqa: N802 (http.server's name)
            self._json({"status": "ok", "device": "cpu", "models": {"spec": "stub"}})

        def do_POST(self):  # noqa: N802 (http.server's name)
            if self.path != "/v1/segment":  # a backend without the job API: the client falls back to /v1/segment
                self.send_response(404)
                self.send_header("Content-Length", "22")
                self.end_headers()
                self.wfile.write(b'{"detail":"Not Found"}')
                return
            request = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            image = np.load(io.BytesIO(base64.b64decode(request["image"])))
            mask = np.zeros(image.shape[:2], bool)
            mask[40:80, 40:90] = True
            self._json({"request_id": request["request_id"],
                        "masks": [{"rle": rle.encode(mask), "score": 0.8, "bbox": [40, 40, 90, 80], "terms": KEPT}],
                        "candidates": [{"bbox": [0, 0, 1, 1], "score": 0.9, "terms": BEST},
                                       {"bbox": [40, 40, 90, 80], "score": 0.8, "terms": KEPT}],
                        "parse": {}, "timings_ms": {}, "models": {"spec": "stub"}, "cache": "miss"})

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    token = tmp_path / "token"
    token.write_text("stub")
    yield f"http://127.0.0.1:{server.server_port}", str(token)
    server.shutdown()


def test_tooltip_shows_the_kept_masks_own_scores(qtbot, qgis_canvas, plugin, settings, scene_layer, stub_backend):
    settings.backend_url, settings.token_file = stub_backend
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the tank north of the road")
    assert dock.ui.resultsList.topLevelItemCount() == 1
    tip = dock.ui.resultsList.topLevelItem(0).toolTip(0)
    assert tip == "activation 0.77 · relation 0.88", tip  # not the dropped candidate's "attribute 0.22"
    assert dock.ui.resultsList.topLevelItem(0).data(0, Qt.UserRole).endswith("-0")

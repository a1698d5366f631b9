"""SAM 3 + the reasoner (sam3-random: the real architecture, small, random weights) as users run it: `segment`,
`segment --tiled`, the server with its embedding cache, `train eval`."""
import json
import subprocess
import sys

import httpx
import numpy as np
import pytest

from tests.e2e.jsonl_set import write_jsonl_set
from tests.e2e.server_process import png_b64, start_server
from tests.e2e.test_cli import REPO, check_layer, cli, demo_scene

PHRASE = "the white storage tank left of the road"


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return demo_scene(tmp_path_factory, 160)


@pytest.mark.slow
def test_segment_and_segment_tiled_with_sam3_random(tmp_path, scene):
    out = tmp_path / "r.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", "sam3-random", "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"sam3_vision", "sam3_text", "sam3_detector"} <= set(summary["timings_ms"])
    assert check_layer(out, scene) == summary["features"] >= 1
    tiled = tmp_path / "t.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", "sam3-random", "--out", tiled, "--tiled",
               "--tile", 96, "--overlap", 16, "--json")
    assert proc.returncode == 0, proc.stderr
    assert tiled.is_file()


@pytest.mark.slow
def test_the_server_runs_sam3_lists_the_preset_and_a_second_phrase_skips_the_vision_backbone():
    server = start_server("--model", "sam3-random")
    try:
        base = f"{server.url}/v1"
        image = png_b64(np.random.default_rng(1).integers(0, 255, (96, 128, 3), dtype=np.uint8))
        with httpx.Client(timeout=300, headers=server.headers) as client:
            models = client.get(f"{base}/models").json()["models"]
            encoded = client.post(f"{base}/encode", json={"image": image}).json()
            first = client.post(f"{base}/segment", json={"image": image, "phrase": PHRASE}).json()
            second = client.post(f"{base}/segment", json={"image": image, "phrase": "the largest building"}).json()
            health = client.get(f"{base}/health").json()
        assert "sam3" in {m["id"] for m in models}
        assert encoded["cache"] == "miss" and "sam3_vision" in encoded["timings_ms"]
        assert first["cache"] == second["cache"] == "hit" and first["masks"]
        assert "sam3_vision" not in second["timings_ms"] and "sam3_detector" in second["timings_ms"]
        assert health["models"]["strategy"] == "sam3" and health["cache"]["bytes"] > 0
    finally:
        server.stop()


def test_train_eval_scores_sam3(tmp_path):
    data = write_jsonl_set(tmp_path, 2)
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.train", "eval", "--data", f"jsonl:{data}",
                           "--model", "sam3-random", "--device", "cpu", "--image-root", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "mIoU" in proc.stdout and "oIoU" in proc.stdout

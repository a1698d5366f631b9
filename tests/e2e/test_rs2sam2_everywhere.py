"""An RS2-SAM 2 release folder as users run it: `segment`, `segment --tiled`, the server, `train eval`."""
import json
import shutil
import subprocess
import sys

import httpx
import numpy as np
import pytest

from tests.e2e.jsonl_set import write_jsonl_set
from tests.e2e.server_process import png_b64, start_server
from tests.e2e.test_cli import REPO, check_layer, cli, demo_scene
from tests.unit.rs2sam2_fixture import release_folder

PHRASE = "the white storage tank"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return release_folder(tmp_path_factory.mktemp("release") / "rrsisd")


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return demo_scene(tmp_path_factory, 160)


@pytest.mark.slow
def test_segment_and_segment_tiled_write_the_release_mask(tmp_path, release, scene):
    out = tmp_path / "r.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", f"rs2sam2:{release}", "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"beit3", "sam2_encoder", "sam2_decoder"} <= set(summary["timings_ms"])
    assert check_layer(out, scene) == summary["features"] <= 1
    tiled = tmp_path / "t.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", f"rs2sam2:{release}", "--out", tiled, "--tiled",
               "--tile", 96, "--overlap", 16, "--json")
    assert proc.returncode == 0, proc.stderr
    assert tiled.is_file()


def test_a_truncated_release_exits_2_naming_the_folder(tmp_path, release, scene):
    bad = tmp_path / "cut"
    shutil.copytree(release, bad)
    data = (release / "model.safetensors").read_bytes()
    (bad / "model.safetensors").write_bytes(data[: len(data) // 3])
    proc = cli("segment", scene, PHRASE, "--model", f"rs2sam2:{bad}", "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 2, proc.stderr
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_the_server_runs_the_release_lists_it_and_caches_what_it_can(release):
    server = start_server("--model", f"rs2sam2:{release}")
    try:
        base = f"{server.url}/v1"
        image = png_b64(np.random.default_rng(1).integers(0, 255, (96, 128, 3), dtype=np.uint8))
        with httpx.Client(timeout=300, headers=server.headers) as client:
            models = client.get(f"{base}/models").json()["models"]
            loaded = [m for m in models if m["loaded"]]
            assert len(loaded) == 1 and loaded[0]["id"].startswith("rs2sam2:")
            assert {"rs2sam2-rrsisd", "rs2sam2-refsegrs"} <= {m["id"] for m in models}
            first = client.post(f"{base}/segment", json={"image": image, "phrase": "the red building"}).json()
            second = client.post(f"{base}/segment", json={"image": image, "phrase": "a small car"}).json()
            health = client.get(f"{base}/health").json()
        # the phrase conditions SAM 2's encoder: a second phrase reuses only the patch embeddings
        assert first["cache"] == "miss" and second["cache"] == "hit"
        assert "clip_image" in first["timings_ms"] and "clip_image" not in second["timings_ms"]
        assert {"beit3", "sam2_encoder"} <= set(second["timings_ms"])
        assert health["models"]["strategy"] == "rs2sam2"
    finally:
        server.stop()


def test_train_eval_prints_the_standard_table(tmp_path, release):
    data = write_jsonl_set(tmp_path, 2)
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.train", "eval", "--data", f"jsonl:{data}",
                           "--model", f"rs2sam2:{release}", "--device", "cpu", "--image-root", str(tmp_path)],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "mIoU" in proc.stdout and "oIoU" in proc.stdout and "Pr@0.5" in proc.stdout

"""An RSRefSeg 2 release file as users run it: `segment`, `segment --tiled`, the server, `train eval`."""
import json
import subprocess
import sys

import httpx
import numpy as np
import pytest
from osgeo import ogr

from tests.e2e.jsonl_set import write_jsonl_set
from tests.e2e.server_process import png_b64, start_server
from tests.e2e.test_cli import REPO, check_layer, cli, demo_scene
from tests.unit.rsrefseg2_fixture import tiny_release

PHRASE = "the white storage tank"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return tiny_release(tmp_path_factory.mktemp("release"), "tiny_release.pth", seed=4)[0]


@pytest.fixture(scope="module")
def scene(tmp_path_factory):
    return demo_scene(tmp_path_factory, 160)


@pytest.mark.slow
def test_segment_writes_the_release_mask(tmp_path, release, scene):
    out = tmp_path / "r.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", f"rsrefseg2:{release}", "--out", out, "--json")
    assert proc.returncode == 0, proc.stderr
    summary = json.loads(proc.stdout.strip().splitlines()[-1])
    assert {"clip_image", "sam2_encoder", "prompter", "sam2_decoder"} <= set(summary["timings_ms"])
    assert check_layer(out, scene) == summary["features"] <= 1
    if summary["features"]:
        vector = ogr.Open(str(out))  # the dataset must outlive its layer
        feature = next(iter(vector.GetLayer(0)))
        assert feature.GetField("model") == f"rsrefseg2:{(release / 'tiny_release.pth').resolve()}"


@pytest.mark.slow
def test_segment_tiled_runs_the_release_on_every_tile(tmp_path, release, scene):
    out = tmp_path / "t.gpkg"
    proc = cli("segment", scene, PHRASE, "--model", f"rsrefseg2:{release}", "--out", out, "--tiled",
               "--tile", 96, "--overlap", 16, "--json")
    assert proc.returncode == 0, proc.stderr
    assert out.is_file()


def test_a_truncated_release_exits_2_naming_the_file(tmp_path, release, scene):
    bad = tmp_path / "cut.pth"
    data = (release / "tiny_release.pth").read_bytes()
    bad.write_bytes(data[: len(data) // 3])
    for name in ("tokenizer.json", "tokenizer_config.json"):
        (tmp_path / name).write_bytes((release / name).read_bytes())
    proc = cli("segment", scene, PHRASE, "--model", f"rsrefseg2:{bad}", "--out", tmp_path / "r.gpkg")
    assert proc.returncode == 2, proc.stderr
    assert str(bad) in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.slow
def test_the_server_runs_the_release_lists_it_and_hits_its_cache(release):
    server = start_server("--model", f"rsrefseg2:{release}")
    try:
        base = f"{server.url}/v1"
        image = png_b64(np.random.default_rng(1).integers(0, 255, (96, 128, 3), dtype=np.uint8))
        with httpx.Client(timeout=120, headers=server.headers) as client:
            models = client.get(f"{base}/models").json()["models"]
            loaded = [m for m in models if m["loaded"]]
            assert len(loaded) == 1 and loaded[0]["id"].startswith("rsrefseg2:")
            assert {"rsrefseg2-rrsisd", "rsrefseg2-refsegrs", "rsrefseg2-risbench"} <= {m["id"] for m in models}
            first = client.post(f"{base}/segment", json={"image": image, "phrase": "the red building"}).json()
            second = client.post(f"{base}/segment", json={"image": image, "phrase": "a small car"}).json()
            other = png_b64(np.random.default_rng(3).integers(0, 255, (80, 60, 3), dtype=np.uint8))
            encoded = client.post(f"{base}/encode", json={"image": other})  # what the plugin does while idle
            after_idle = client.post(f"{base}/segment", json={"image": other, "phrase": "the red building"}).json()
            health = client.get(f"{base}/health").json()
        assert "sam2_encoder" in first["timings_ms"] and "sam2_encoder" not in second["timings_ms"]
        assert encoded.status_code == 200 and encoded.json()["cache"] == "miss"
        assert "sam2_encoder" in encoded.json()["timings_ms"] and "clip_image" in encoded.json()["timings_ms"]
        assert after_idle["cache"] == "hit" and not {"sam2_encoder", "clip_image"} & set(after_idle["timings_ms"])
        assert health["cache"]["hits"] >= 2 and health["models"]["strategy"] == "rsrefseg2"
    finally:
        server.stop()


def test_train_eval_prints_the_standard_table(tmp_path, release):
    data = write_jsonl_set(tmp_path, 3)
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.train", "eval", "--data", f"jsonl:{data}",
                           "--model", f"rsrefseg2:{release}", "--device", "cpu", "--image-root", str(tmp_path)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "mIoU" in proc.stdout and "oIoU" in proc.stdout and "Pr@0.5" in proc.stdout

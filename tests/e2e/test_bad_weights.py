"""Bad weights as a user meets them: `train eval`, `segment` and the server say which file is wrong and what to
do, with no traceback; the server says it on its JSON status line (what the plugin reads) and exits non-zero."""
import json
import subprocess
import sys

import pytest

from rrsis_qgis.engine.trained_checkpoint import load_checkpoint, save_checkpoint
from rrsis_qgis.engine.weights import load_manifest
from tests.conftest import REPO
from tests.unit.referring_fixture import save_tiny_checkpoint, write_jsonl_dataset

pytestmark = pytest.mark.slow


def run(*args, module="rrsis_qgis"):
    proc = subprocess.run([sys.executable, "-m", module, *map(str, args)], cwd=REPO, capture_output=True,
                          text=True, timeout=300)
    assert "Traceback" not in proc.stderr, proc.stderr
    return proc


@pytest.fixture(scope="module")
def transposed(tmp_path_factory):
    """A tiny trained checkpoint with one rectangular weight transposed."""
    folder = tmp_path_factory.mktemp("bad")
    save_tiny_checkpoint(folder / "ok.pt")
    payload = load_checkpoint(folder / "ok.pt")
    state = dict(payload["state"])
    key = next(k for k, v in state.items() if v.ndim == 2 and v.shape[0] != v.shape[1])
    state[key] = state[key].T.contiguous()
    save_checkpoint(folder / "transposed.pt", state, payload["config"])
    return folder / "transposed.pt", key


@pytest.fixture(scope="module")
def damaged_models(tmp_path_factory):
    """The default model's files in a models folder, of the pinned sizes, not the pinned bytes: an empty
    ViT-B-16.pt and a SAM 2 file of zeros (sparse)."""
    folder = tmp_path_factory.mktemp("models")
    manifest = load_manifest()
    (folder / manifest["clip-vit-b-16-openai"].file).write_bytes(b"")
    with open(folder / manifest["sam2.1-hiera-tiny"].file, "wb") as f:
        f.truncate(manifest["sam2.1-hiera-tiny"].size)
    return folder


def test_train_eval_names_a_transposed_weight_and_exits_2(tmp_path, transposed):
    path, key = transposed
    data = write_jsonl_dataset(tmp_path / "data", n=2)
    proc = run("eval", "--data", f"jsonl:{data}", "--model", f"trained:{path}", "--device", "cpu",
               module="rrsis_qgis.train")
    assert proc.returncode == 2, proc.stderr
    assert str(path) in proc.stderr and key in proc.stderr and "transposed" in proc.stderr


def test_the_server_reports_a_bad_trained_checkpoint_on_its_status_line(tmp_path, transposed):
    path, key = transposed
    proc = run("--model", f"trained:{path}", "--device", "cpu", "--token-file", tmp_path / "t",
               module="rrsis_qgis.server")
    assert proc.returncode == 2, proc.stderr
    event = json.loads(proc.stdout.splitlines()[0])
    assert event["event"] == "error" and str(path) in event["message"] and key in event["message"]


def test_the_server_refuses_a_file_that_is_not_the_pinned_one(tmp_path, damaged_models):
    proc = run("--model", "default", "--device", "cpu", "--models-dir", damaged_models, "--token-file", tmp_path / "t",
               module="rrsis_qgis.server")
    assert proc.returncode == 3, proc.stderr
    event = json.loads(proc.stdout.splitlines()[0])
    entry = load_manifest()["clip-vit-b-16-openai"]
    empty_sha256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    assert event["event"] == "error" and event["damaged"] == ["ViT-B-16.pt"]
    assert entry.sha256 in event["message"] and empty_sha256 in event["message"]
    assert "python -m rrsis_qgis models download clip-vit-b-16-openai" in event["message"]


def test_segment_refuses_a_file_that_is_not_the_pinned_one_with_exit_3(tmp_path, damaged_models):
    raster = tmp_path / "scene.tif"
    assert run("demo-raster", raster, "--size", 64).returncode == 0
    proc = run("segment", raster, "a tank", "--out", tmp_path / "o.gpkg", "--models-dir", damaged_models,
               "--device", "cpu")
    assert proc.returncode == 3, proc.stderr
    assert "ViT-B-16.pt is not the file the weights manifest pins" in proc.stderr
    assert "models download clip-vit-b-16-openai" in proc.stderr and not (tmp_path / "o.gpkg").exists()

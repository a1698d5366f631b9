"""Training scaled out as a user does: `torchrun` with 2 CPU ranks (gloo), then `train eval` and the server on it."""
import json
import os
import subprocess
import sys

import httpx
import numpy as np
import pytest
import torch

from rrsis_qgis.engine.trained_checkpoint import load_checkpoint
from rrsis_qgis.geo import rle
from tests.conftest import REPO
from tests.e2e.server_process import png_b64, start_server
from tests.unit.referring_fixture import scene, tiny_model, write_jsonl_dataset

pytestmark = pytest.mark.slow

N_SAMPLES = 8  # one expression per image: 4 images per rank, 2 per step: two optimizer steps per rank

# Runs the real CLI (`python -m rrsis_qgis.train` main) on every rank. fit logs its own cross-rank check; to check
# independently, this wrapper keeps the model `build` returns and, after fit, writes each rank's trained weights.
RANK_DUMP = '''
import os, sys
import torch
from rrsis_qgis.train import fit as fit_module
from rrsis_qgis.train.__main__ import main

built = {}
original_build = fit_module.build

def build(opts, device):
    model, summary = original_build(opts, device)
    built["model"] = model
    return model, summary

fit_module.build = build
code = main(sys.argv[1:])
if "model" in built:
    path = os.path.join(os.environ["RANK_DUMP_DIR"], f"rank{os.environ['RANK']}.pt")
    torch.save(built["model"].trained_state(), path)
sys.exit(code)
'''


def run(cmd, timeout=600, env=None):
    return subprocess.run([str(c) for c in cmd], cwd=REPO, capture_output=True, text=True, timeout=timeout,
                          env={**os.environ, "PYTHONPATH": str(REPO), **(env or {})})


def succeeded(proc) -> bool:
    assert "Traceback" not in proc.stderr and proc.returncode == 0, proc.stderr[-4000:]
    return True


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    root = tmp_path_factory.mktemp("ddp")
    index = write_jsonl_dataset(root / "data", n=N_SAMPLES, size=64, split="train")
    wrapper = root / "fit_and_dump.py"
    wrapper.write_text(RANK_DUMP)
    dumps = root / "ranks"
    dumps.mkdir()
    data = f"jsonl:{index}"
    proc = run([sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", 2, wrapper,
                "fit", "--data", data, "--val", data, "--val-split", "train", "--out", root / "run",
                "--base", "tiny-random", "--train-all", "--prompter", "tiny", "--device", "cpu", "--epochs", 1,
                "--batch-size", 2, "--lr", 1e-3, "--warmup", 1, "--workers", 0],
               env={"RANK_DUMP_DIR": str(dumps), "OMP_NUM_THREADS": "1"})
    return {"proc": proc, "data": data, "index": index, "run": root / "run", "dumps": dumps,
            "checkpoint": root / "run" / "checkpoint.pt"}


def test_torchrun_fit_finishes_on_both_ranks_with_identical_weights(trained):
    proc = trained["proc"]
    assert succeeded(proc)
    summary = json.loads(proc.stdout.strip().splitlines()[0])  # only rank 0 prints
    assert summary["epochs"] == 1 and summary["trainable"]["mode"] == "train-all"
    assert summary["checkpoint"] == str(trained["checkpoint"])
    assert "2 process(es) on cpu" in proc.stderr
    ranks = [torch.load(trained["dumps"] / f"rank{r}.pt", weights_only=True) for r in (0, 1)]  # both finished
    saved = load_checkpoint(trained["checkpoint"])["state"]
    assert set(ranks[0]) == set(ranks[1]) == set(saved)
    for name in saved:
        assert torch.equal(ranks[0][name], ranks[1][name]), f"{name} differs between the ranks"
        assert torch.equal(ranks[0][name], saved[name]), f"{name} differs from the checkpoint"
    initial = tiny_model(seed=0)[0].trained_state()  # what both ranks started from
    changed = [n for n in saved if saved[n].is_floating_point() and not torch.equal(saved[n], initial[n])]
    assert any(n.startswith("prompter.") for n in changed) and any(n.startswith("clip_model.") for n in changed)
    assert any(n.startswith("sam_model.image_encoder.") for n in changed)


def test_the_log_has_one_epoch_validated_over_both_ranks(trained):
    assert succeeded(trained["proc"])
    records = [json.loads(line) for line in (trained["run"] / "log.jsonl").read_text().splitlines()]
    epochs = [r for r in records if "epoch" in r]
    assert len(epochs) == 1 and epochs[0]["epoch"] == 1 and np.isfinite(epochs[0]["loss"])
    for ranking in ("direct", "reasoned"):
        assert epochs[0]["val"][ranking]["n"] == N_SAMPLES  # 4 scored per rank, summed
    done = [r for r in records if r.get("done")]  # fit's own cross-rank comparison, at the end
    assert len(done) == 1 and done[0]["world"] == 2 and done[0]["ranks_in_sync"] is True


def test_train_eval_prints_the_metrics_as_json(trained):
    assert succeeded(trained["proc"])
    proc = run([sys.executable, "-m", "rrsis_qgis.train", "eval", "--data", trained["data"], "--split", "train",
                "--model", f"trained:{trained['checkpoint']}", "--json", "--device", "cpu"], timeout=300)
    assert succeeded(proc)
    summary = json.loads(proc.stdout)
    assert {"miou", "oiou", "pr@0.5", "pr@0.6", "pr@0.7", "pr@0.8", "pr@0.9", "n"} <= set(summary)
    assert summary["n"] == N_SAMPLES and summary["ranking"] == "reasoned"
    assert all(0.0 <= summary[k] <= 1.0 for k in ("miou", "oiou", "pr@0.5", "pr@0.9"))
    assert summary["pr@0.5"] >= summary["pr@0.9"]
    # one process scoring all 8 = the two ranks' validation merged, with the aspects chosen there
    selected = json.loads((trained["run"] / "log.jsonl").read_text().splitlines()[0])["val"]["selected"]
    assert summary["reason_about"] == selected["reason_about"]
    assert load_checkpoint(trained["checkpoint"])["config"]["reason_about"] == selected["reason_about"]
    assert summary["miou"] == pytest.approx(selected["miou"], abs=1e-4)


def test_the_server_runs_the_checkpoint_and_caches_the_view(trained, tmp_path):
    assert succeeded(trained["proc"])
    checkpoint = trained["checkpoint"]
    name = f"trained:{checkpoint.resolve()}"
    srv = start_server("--model", f"trained:{checkpoint}", "--token-file", tmp_path / "token")
    try:
        with httpx.Client(base_url=srv.url, headers=srv.headers, timeout=120) as client:
            models = client.get("/v1/models")
            assert models.status_code == 200, models.text
            entries = [m for m in models.json()["models"] if m["id"] == name]
            assert len(entries) == 1 and entries[0]["loaded"] and not entries[0]["random_weights"]
            assert [m["id"] for m in models.json()["models"] if m["loaded"]] == [name]
            file = entries[0]["files"][0]
            assert file["present"] and file["file"] == checkpoint.name and file["size"] == checkpoint.stat().st_size
            image = scene(0, 96)[0]
            answers = []
            for phrase in ("the red square", "the blue disc"):
                r = client.post("/v1/segment", json={"image": png_b64(image), "phrase": phrase, "top_k": 2,
                                                     "return_heatmap": True})
                assert r.status_code == 200, r.text
                answers.append(r.json())
            assert [a["cache"] for a in answers] == ["miss", "hit"]
            for body in answers:
                assert isinstance(body["masks"], list) and len(body["masks"]) <= 2
                assert body["models"]["strategy"] == "trained" and body["models"]["spec"] == name
                for m in body["masks"]:
                    assert rle.decode(m["rle"]).shape == (96, 96) and 0.0 <= m["score"] <= 1.0
                assert {"prompter", "sam2_decoder"} <= set(body["timings_ms"])
            assert {"clip_image", "sam2_encoder"} <= set(answers[0]["timings_ms"])
            assert not {"clip_image", "sam2_encoder"} & set(answers[1]["timings_ms"])  # the encoders were skipped
            health = client.get("/v1/health").json()
            assert health["cache"]["hits"] == 1 and health["cache"]["misses"] == 1
    finally:
        assert srv.stop() == 0, "".join(srv.stderr_lines)[-2000:]

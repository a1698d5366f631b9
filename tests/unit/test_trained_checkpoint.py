"""Trained checkpoints: a train-all checkpoint rebuilds the same model; bad files are refused with their path."""
import subprocess
import sys

import pytest
import torch

from rrsis_qgis.engine.segmenter import Segmenter
from rrsis_qgis.engine.trained import build_trained
from rrsis_qgis.engine.trained_checkpoint import CheckpointError, load_checkpoint, save_checkpoint
from rrsis_qgis.engine.weights import MissingWeightsError
from tests.conftest import REPO
from tests.unit.referring_fixture import save_tiny_checkpoint, scene, tiny_model, write_jsonl_dataset

PHRASES = ["the red square", "the blue disc on the left"]


def batch():
    images = torch.stack([torch.from_numpy(scene(i, 64)[0]).permute(2, 0, 1).float() / 255.0 for i in range(2)])
    return torch.nn.functional.interpolate(images, size=(256, 256), mode="bilinear", align_corners=False)


def logits(model):
    model.eval()
    with torch.no_grad():
        return model(batch(), model._clip.tokenize(PHRASES))["logits"]


@pytest.fixture(scope="module")
def saved(tmp_path_factory):
    """A 0-step train-all checkpoint of a model built with seed 7 (the loader builds its base with seed 0)."""
    path = tmp_path_factory.mktemp("ckpt") / "tiny.pt"
    model = save_tiny_checkpoint(path, seed=7)
    return path, model, logits(model)


def test_a_train_all_checkpoint_rebuilds_the_same_logits_whatever_the_seed(saved):
    path, original, expected = saved
    fresh, _ = tiny_model(seed=0)  # what the loader starts from before the checkpoint's weights land
    assert (logits(fresh) - expected).abs().max() > 1e-3  # so a weight the checkpoint missed would show
    torch.manual_seed(12345)
    _, rebuilt, config = build_trained(f"trained:{path}", device="cpu")
    assert config["train_all"] and config["base"] == "tiny-random" and config["prompter"]["width"] == 64
    assert not rebuilt.training and not any(p.requires_grad for p in rebuilt.parameters())
    torch.testing.assert_close(logits(rebuilt), expected, rtol=0, atol=1e-5)


def test_the_segmenter_runs_the_checkpoint(saved):
    path, _, _ = saved
    segmenter = Segmenter.from_name(f"trained:{path}", device="cpu")
    assert segmenter.strategy.name == "trained" and segmenter.spec.name == f"trained:{path.resolve()}"
    image = scene(0, 64)[0]
    result = segmenter.segment(image, "the red square", top_k=1)
    assert result.heatmap.shape == (64, 64) and 0.0 <= result.heatmap.min() <= result.heatmap.max() <= 1.0
    assert len(result.masks) == 1 and result.masks[0].shape == (64, 64)
    assert {"prompter", "sam2_decoder"} <= set(result.timings_ms)
    again = segmenter.segment(image, "the red square", top_k=1, embeddings=segmenter.encode(image))
    torch.testing.assert_close(torch.from_numpy(again.heatmap), torch.from_numpy(result.heatmap))


def test_a_missing_checkpoint_names_its_path(tmp_path):
    path = tmp_path / "nowhere" / "model.pt"
    with pytest.raises(CheckpointError, match="not found") as err:
        build_trained(f"trained:{path}", device="cpu")
    assert str(path) in str(err.value)
    with pytest.raises(CheckpointError) as err:
        Segmenter.from_name(f"trained:{path}", device="cpu")
    assert str(path) in str(err.value)


def test_a_file_that_is_not_a_checkpoint_is_refused_with_its_path(tmp_path):
    garbage = tmp_path / "random.pt"
    garbage.write_bytes(bytes(range(256)) * 8)
    with pytest.raises(CheckpointError) as err:
        load_checkpoint(garbage)
    assert str(garbage) in str(err.value)
    foreign = tmp_path / "foreign.pt"
    torch.save({"state_dict": {"w": torch.zeros(2)}}, foreign)  # a torch file, but not one of ours
    with pytest.raises(CheckpointError, match="not an rrsis_qgis trained checkpoint") as err:
        build_trained(str(foreign), device="cpu")
    assert str(foreign) in str(err.value)


def test_the_resume_file_of_a_training_is_refused_and_names_the_checkpoint_to_use(saved, tmp_path):
    payload = torch.load(str(saved[0]), map_location="cpu", weights_only=True)
    resume = tmp_path / "run" / "last.pt"  # as `train fit` writes it beside checkpoint.pt
    save_checkpoint(resume, payload["state"], payload["config"],
                    {"optimizer": {"state": {}, "param_groups": []}, "scheduler": {"last_epoch": 3}, "epoch": 3})
    with pytest.raises(CheckpointError, match="resume file") as err:
        build_trained(f"trained:{resume}", device="cpu")
    assert str(resume.with_name("checkpoint.pt")) in str(err.value)


def test_a_checkpoint_with_an_unknown_weight_is_refused(saved, tmp_path):
    path, _, _ = saved
    payload = load_checkpoint(path)
    state = dict(payload["state"], **{"prompter.no_such_layer.weight": torch.zeros(3)})
    bad = tmp_path / "extra_weight.pt"
    save_checkpoint(bad, state, payload["config"])
    with pytest.raises(CheckpointError, match="prompter.no_such_layer.weight") as err:
        build_trained(f"trained:{bad}", device="cpu")
    assert str(bad) in str(err.value)


def test_the_save_is_atomic_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "sub" / "c.pt"
    save_checkpoint(target, {"w": torch.ones(2)}, {"base": "tiny-random"})
    save_checkpoint(target, {"w": torch.zeros(2)}, {"base": "tiny-random"})  # overwrite in place
    assert [p.name for p in target.parent.iterdir()] == ["c.pt"]
    assert load_checkpoint(target)["state"]["w"].sum() == 0


def test_a_lora_checkpoint_needs_its_pretrained_base_and_says_so(saved, tmp_path):
    """A LoRA checkpoint adapts pretrained encoders: never rebuilt on random weights when they are absent."""
    path, _, _ = saved
    payload = load_checkpoint(path)
    lora = tmp_path / "lora.pt"
    save_checkpoint(lora, {}, dict(payload["config"], base="default", train_all=False, lora_rank=4))
    with pytest.raises(MissingWeightsError) as err:
        build_trained(f"trained:{lora}", device="cpu", models_dir=tmp_path / "models")
    assert str(tmp_path / "models") in str(err.value)


def test_fit_on_random_encoders_without_train_all_exits_2(tmp_path):
    index = write_jsonl_dataset(tmp_path / "data", n=2)
    proc = subprocess.run([sys.executable, "-m", "rrsis_qgis.train", "fit", "--data", f"jsonl:{index}",
                           "--out", tmp_path / "run", "--base", "tiny-random", "--prompter", "tiny",
                           "--device", "cpu", "--workers", "0"],
                          cwd=REPO, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 2, proc.stderr
    assert "--train-all" in proc.stderr and "Traceback" not in proc.stderr
    assert not (tmp_path / "run" / "checkpoint.pt").exists()


def test_a_train_all_checkpoint_missing_weights_is_refused(saved, tmp_path):
    path, _, _ = saved
    payload = load_checkpoint(path)
    state = {k: v for k, v in payload["state"].items() if not k.startswith("prompter.")}
    partial = tmp_path / "partial.pt"
    save_checkpoint(partial, state, payload["config"])
    with pytest.raises(CheckpointError) as err:
        build_trained(f"trained:{partial}", device="cpu")
    assert str(partial) in str(err.value)

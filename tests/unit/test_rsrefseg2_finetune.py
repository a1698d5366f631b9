"""Fine-tuning a release: starts exactly at the release, trains what the authors trained, saves a loadable release."""
import numpy as np
import pytest
import torch

from rsrefseg2_fixture import tiny_release
from rrsis_qgis.engine.rsrefseg2.build import load_model, locate
from rrsis_qgis.engine.rsrefseg2.model import sam_input
from rrsis_qgis.engine.rsrefseg2.preprocess import canvas
from rrsis_qgis.engine.segmenter import Segmenter
from rrsis_qgis.train.fit_release import ReleaseTrainer, canvas_label, official_losses, save_release

PHRASES = ["the red building", "a small car near the top corner"]


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return tiny_release(tmp_path_factory.mktemp("release"), "r.pth", seed=7)[0]


def _batch():
    rng = np.random.default_rng(0)
    images = [rng.integers(0, 255, (60, 90, 3), dtype=np.uint8) for _ in PHRASES]
    masks = [np.zeros((60, 90), bool) for _ in PHRASES]
    masks[0][10:40, 10:50] = masks[1][5:20, 60:85] = True
    return [canvas(i)[0][0] for i in images], torch.stack([canvas_label(m) for m in masks])


def _released_low_res(segmenter, canvas_1):
    with torch.no_grad():
        tokens = segmenter.strategy.model.image_tokens(canvas_1[None])
        segmenter.refiner.set_canvas(sam_input(canvas_1[None]), (60, 90))
        return segmenter.strategy.forward(tokens, PHRASES[1], segmenter.refiner)


@pytest.mark.slow
def test_fine_tuning_starts_at_the_release_trains_the_official_parts_and_saves_a_release(release, tmp_path):
    model, refiner, _ = load_model(locate(f"rsrefseg2:{release}"), torch.device("cpu"))
    trainer = ReleaseTrainer(model, refiner, 16, {})
    canvases, labels = _batch()
    trainer.eval()
    with torch.no_grad():
        start = trainer(canvases, PHRASES)["low_res"]
    # LoRA's B starts at zero: before any step the model is the release (the longest phrase: no padding in the batch)
    torch.testing.assert_close(start[1:], _released_low_res(Segmenter.from_name(f"rsrefseg2:{release}", device="cpu"),
                                                            canvases[1])["low_res"], atol=1e-4, rtol=0)

    trainer.train()
    frozen = {n: p.detach().clone() for n, p in trainer.named_parameters() if not p.requires_grad}
    trainable = {n for n, p in trainer.named_parameters() if p.requires_grad}
    assert any(".lora_A." in n for n in trainable) and any("prompter." in n for n in trainable)
    assert any("sam_mask_decoder." in n for n in trainable) and not any(".base." in n for n in trainable)
    optimizer = torch.optim.AdamW([p for p in trainer.parameters() if p.requires_grad], lr=1e-3)
    losses = []
    for _ in range(3):
        parts = official_losses(trainer(canvases, PHRASES), labels, trainer)
        optimizer.zero_grad()
        parts["total"].backward()
        optimizer.step()
        losses.append(float(parts["total"].detach()))
    assert all(np.isfinite(losses)) and losses[-1] < losses[0]
    assert all(torch.equal(p, frozen[n]) for n, p in trainer.named_parameters() if n in frozen)

    path = save_release(trainer, tmp_path / "checkpoint.pth", dtype=torch.float32)
    for f in ("tokenizer.json", "tokenizer_config.json"):
        (tmp_path / f).write_bytes((release / f).read_bytes())
    trainer.eval()
    with torch.no_grad():
        trained = trainer(canvases, PHRASES)
    again = Segmenter.from_name(f"rsrefseg2:{path}", device="cpu")
    assert again.load_report["lora_layers"] == trainer.lora_layers
    loaded = _released_low_res(again, canvases[1])
    torch.testing.assert_close(loaded["dense"], trained["dense"][1:], atol=1e-3, rtol=0)
    torch.testing.assert_close(loaded["low_res"], trained["low_res"][1:], atol=1e-3, rtol=0)


def test_a_small_random_release_trains_every_weight_on_its_smaller_canvas_and_loads_again(tmp_path):
    from dataclasses import replace

    from rrsis_qgis.engine.rsrefseg2.random_release import TINY, random_parts, standin_tokenizer, write_release

    write_release(tmp_path / "small.pth", random_parts(replace(TINY, siglip_image=64), seed=3))
    standin_tokenizer(tmp_path, ("red", "building", "car", "small", "near", "top", "corner"))
    model, refiner, state = load_model(locate(f"rsrefseg2:{tmp_path}"), torch.device("cpu"))
    assert model.canvas_side == 128 and refiner.image_size == 128 and state.loss_scales["logit_scale2"] == 2.0
    assert model.tokenizer(["The RED building"])["input_ids"][0][:2] != [1, 1]  # lower-cased, known words
    trainer = ReleaseTrainer(model, refiner, 16, state.loss_scales, train_all=True)
    assert trainer.lora_layers == 0 and all(p.requires_grad for p in trainer.parameters())
    rng = np.random.default_rng(1)
    canvases = [canvas(rng.integers(0, 255, (60, 90, 3), dtype=np.uint8), 128)[0][0] for _ in PHRASES]
    mask = np.zeros((60, 90), bool)
    mask[10:40, 10:50] = True
    labels = torch.stack([canvas_label(mask, 128)] * 2)
    assert labels.shape == (2, 128, 128) and int((labels == 255).sum()) > 0
    before = trainer.model.vision.embeddings.patch_embedding.weight.detach().clone()
    parts = official_losses(trainer(canvases, PHRASES), labels, trainer)
    parts["total"].backward()
    torch.optim.SGD(trainer.parameters(), lr=0.1).step()
    assert not torch.equal(before, trainer.model.vision.embeddings.patch_embedding.weight)
    (tmp_path / "out").mkdir()
    path = save_release(trainer, tmp_path / "out" / "checkpoint.pth", dtype=torch.float32)
    standin_tokenizer(path.parent, ("red", "building", "car", "small", "near", "top", "corner"))
    again = Segmenter.from_name(f"rsrefseg2:{path.parent}", device="cpu")
    assert again.refiner.image_size == 128
    result = again.segment(rng.integers(0, 255, (60, 90, 3), dtype=np.uint8), "the red building")
    assert result.heatmap.shape == (60, 90)

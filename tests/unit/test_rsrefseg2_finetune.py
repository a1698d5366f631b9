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

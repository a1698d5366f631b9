"""rs2sam2: gives the official RS2-SAM 2 code's outputs on its own saved model (tests/data/rs2sam2_official).

The fixture was made by running the authors' classes offline with random weights (README there); their
code is not in this repository. Per case: the token ids, BEiT-3's class token, the pseudo-mask prompt (14²
and SAM's 256² dense prompt), the sparse text token, SAM 2's low-res logits and the 1024² mask of the
authors' evaluation.
"""
import hashlib
import json
import lzma

import numpy as np
import pytest
import torch

from rs2sam2_fixture import FIXTURE, N, case, release_folder
from rrsis_qgis.engine.rs2sam2.preprocess import foreground, logits_at, stretched
from rrsis_qgis.engine.segmenter import Segmenter
from rrsis_qgis.train.metrics import iou

SUMMARY = json.loads((FIXTURE / "summary.json").read_text())


@pytest.fixture(scope="module")
def official(tmp_path_factory):
    return Segmenter.from_name(f"rs2sam2:{release_folder(tmp_path_factory.mktemp('rs2sam2') / 'rrsisd')}",
                               device="cpu")


@pytest.fixture(scope="module")
def ours(official):
    out = []
    for i in range(N):
        c = case(i)
        features = official.encode(c["view"]).clip_patches
        out.append((c, official.strategy.forward(features, str(c["phrase"]))))
    return out


def test_the_fixture_has_non_square_views_foreground_and_background_and_hard_phrases():
    views = [case(i)["view"] for i in range(N)]
    phrases = [str(case(i)["phrase"]) for i in range(N)]
    fg = [np.unpackbits(case(i)["mask1024"]).mean() for i in range(N)]
    assert N >= 4 and any(v.shape[0] != v.shape[1] for v in views)
    assert all(0.02 < f < 0.98 for f in fg)  # every case has both foreground and background
    assert any(p.endswith("\n") for p in phrases) and any(not p.isascii() for p in phrases)


@pytest.mark.parametrize("i", range(N))
def test_the_tokenizer_gives_the_official_ids_and_padding_mask(ours, i):
    c, out = ours[i]
    assert out["input_ids"][0].tolist() == c["input_ids"].tolist()
    assert (out["input_ids"][0] != 3).tolist() == c["attention_mask"].tolist()  # pad = unk: unknown pieces too


@pytest.mark.parametrize("i", range(N))
def test_the_stretched_inputs_are_the_official_ones_bit_for_bit(i):
    checks = SUMMARY["cases"][i]["checks"]
    for side in (224, 1024):
        x = stretched(case(i)["view"], side)
        assert hashlib.sha256(x.numpy().astype("<f4").tobytes()).hexdigest() == checks[f"img{side}_sha256_f32"]


@pytest.mark.parametrize("i", range(N))
def test_beit3_and_the_pseudo_mask_prompt_match_the_official(ours, i):
    c, out = ours[i]
    np.testing.assert_allclose(out["cls"][0, 0].numpy(), c["cls"], atol=1e-4)
    np.testing.assert_allclose(out["pseudo"][0, 0].numpy(), c["pseudo14"], atol=1e-5)
    np.testing.assert_allclose(out["mask_prompt"][0, 0].numpy(), c["mask_prompt"], atol=1e-5)
    np.testing.assert_allclose(out["sparse"][0].numpy(), c["sparse"], atol=1e-4)


@pytest.mark.parametrize("i", range(N))
def test_low_res_logits_match_the_official_within_1e_3(ours, i):
    c, out = ours[i]
    assert np.abs(out["low_res"][0, 0].numpy() - c["lowres"]).max() < 1e-3


@pytest.mark.parametrize("i", range(N))
def test_the_1024_mask_matches_the_official_with_iou_at_least_0_999(ours, i):
    c, out = ours[i]
    mask = foreground(logits_at(out["low_res"], (1024, 1024)))[0, 0].numpy()
    assert iou(mask, np.unpackbits(c["mask1024"]).astype(bool).reshape(1024, 1024)) >= 0.999


def test_segment_gives_the_view_sized_mask_of_the_same_logits_and_a_cached_second_phrase_agrees(official, ours):
    c, out = ours[0]
    view, phrase = c["view"], str(c["phrase"])
    result = official.segment(view, phrase)
    expected = foreground(logits_at(out["low_res"], view.shape[:2]))[0, 0].numpy()
    assert result.masks and result.masks[0].shape == view.shape[:2]
    assert (result.masks[0] == expected).all()
    embeddings = official.encode(view)
    assert embeddings.sam_state is None and set(embeddings.clip_patches) == {"trunk_input", "vision_tokens"}
    again = official.segment(view, phrase, embeddings=embeddings)
    assert "sam2_encoder" in again.timings_ms and (again.masks[0] == result.masks[0]).all()


@pytest.mark.slow
def test_a_released_size_folder_maps_completely():
    """The official model's full-size key list (BEiT-3 large + SAM 2.0 hiera-L), as meta tensors, fills every module."""
    from rrsis_qgis.engine.load_rules import check_fits
    from rrsis_qgis.engine.rs2sam2.beit3 import Beit3Sizes
    from rrsis_qgis.engine.rs2sam2.build import BEIT_PREFIX, build_model
    from rrsis_qgis.engine.rs2sam2.checkpoint import SAM_PREFIX, SAM_VIDEO, UNUSED_HEADS
    from rrsis_qgis.engine.sam2_adapter import Sam2Refiner
    from rrsis_qgis.engine.sam2_variant import sam20_spec

    keys = json.loads(lzma.open(FIXTURE / "full_size_keys.json.xz").read())["keys"]
    sam = {k[len(SAM_PREFIX):]: torch.empty(s, device="meta") for k, (s, _) in keys.items()
           if k.startswith(SAM_PREFIX) and not k[len(SAM_PREFIX):].startswith(SAM_VIDEO)}
    heads = {k: torch.empty(s, device="meta") for k, (s, _) in keys.items()
             if not k.startswith(SAM_PREFIX) and not k.startswith(tuple(UNUSED_HEADS))}
    spec = sam20_spec(sam)
    assert spec.config == "configs/sam2/sam2_hiera_l.yaml" and not spec.overrides
    sizes = Beit3Sizes.from_state(heads, BEIT_PREFIX)
    assert sizes == Beit3Sizes()  # 24 layers, 1024 wide, 16 heads, FFN 4096, vocab 64010, 224 px / 16
    model, refiner = build_model(spec, sizes, 256, torch.device("cpu"))
    expected = {k: v for k, v in refiner.model.state_dict().items() if k.split(".")[0] in Sam2Refiner.IMAGE_PATH}
    check_fits(expected, sam, FIXTURE)
    check_fits(model.state_dict(), heads, FIXTURE)


def test_a_phrase_longer_than_the_text_positions_is_refused_with_a_message(official):
    # segment() caps phrases at 512 characters first; the strategy itself guards its position table
    features = official.encode(case(0)["view"]).clip_patches
    with pytest.raises(ValueError, match="at most 1022"):
        official.strategy.forward(features, "tank " * 1100)

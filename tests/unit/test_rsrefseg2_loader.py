"""RSRefSeg 2 release files: the official layout loads (LoRA merged, bf16 → fp32); anything else gets one message."""
import pickle
import re

import numpy as np
import pytest
import torch

from rsrefseg2_fixture import tiny_release
from rrsis_qgis.engine.rsrefseg2.build import locate
from rrsis_qgis.engine.rsrefseg2.checkpoint import ReleaseError, read_release
from rrsis_qgis.engine.segmenter import Segmenter


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    return tiny_release(tmp_path_factory.mktemp("rsrefseg2"))


@pytest.fixture(scope="module")
def segmenter(release):
    return Segmenter.from_name(f"rsrefseg2:{release[0]}", device="cpu")


def _bf16(t):
    return t.to(torch.bfloat16).float()


def test_the_file_in_the_release_layout_is_bf16_with_unmerged_lora(release):
    state = torch.load(str(release[0] / "tiny.pth"), weights_only=True)["state_dict"]
    assert "clip_vision_encoder.base_model.model.model.encoder.layers.0.self_attn.q_proj.base_layer.weight" in state
    assert "backbone.model.image_encoder.base_model.model.neck.convs.0.conv.lora_B.default.weight" in state
    assert {str(v.dtype) for v in state.values()} == {"torch.bfloat16", "torch.int64"}
    assert state["prompter.dense_prompt_conv.1.num_batches_tracked"].item() == 1000


@pytest.mark.parametrize("part,layer,module_path", [
    ("vision", "encoder.layers.1.self_attn.q_proj", "vision.encoder.layers.1.self_attn.q_proj"),
    ("text", "head", "text.head"),
])
def test_siglip_lora_is_merged_as_w_plus_b_a(release, segmenter, part, layer, module_path):
    _, parts, lora = release
    a, b = lora[f"{part}:{layer}"]
    expected = _bf16(parts[part][layer + ".weight"]) + _bf16(b) @ _bf16(a)  # alpha/r = 16/16
    got = segmenter.strategy.model.get_submodule(module_path).weight
    torch.testing.assert_close(got, expected, rtol=0, atol=1e-6)


def test_sam_lora_on_qkv_and_the_1x1_fpn_conv_is_merged(release, segmenter):
    _, parts, lora = release
    sam = segmenter.refiner.model
    for layer in ("image_encoder.trunk.blocks.2.attn.qkv", "image_encoder.neck.convs.1.conv"):
        a, b = lora[f"sam:{layer}"]
        w = _bf16(parts["sam"][layer + ".weight"])
        expected = w + (_bf16(b).flatten(1) @ _bf16(a).flatten(1)).reshape(w.shape)
        torch.testing.assert_close(sam.get_submodule(layer).weight, expected, rtol=0, atol=1e-6)
    bn = segmenter.strategy.model.prompter.dense_prompt_conv[1]
    torch.testing.assert_close(bn.running_var, _bf16(parts["prompter"]["dense_prompt_conv.1.running_var"]))


def test_unused_weights_are_named_and_the_stability_fallback_is_on(segmenter):
    report = segmenter.load_report
    assert report["lora_layers"] > 0 and report["lora_rank"] == 16 and report["file_dtype"] == "bfloat16"
    assert any("pooling head" in why for why in report["unused"])
    assert segmenter.refiner.model.sam_mask_decoder.dynamic_multimask_via_stability


def test_a_second_phrase_on_the_same_view_skips_both_image_encoders(segmenter):
    view = np.random.default_rng(0).integers(0, 255, (120, 200, 3), dtype=np.uint8)
    embeddings = segmenter.encode(view)
    first = segmenter.segment(view, "the red building", embeddings=embeddings)
    second = segmenter.segment(view, "a small car near the top corner", embeddings=embeddings)
    again = segmenter.segment(view, "the red building")
    for result in (first, second):
        assert "clip_image" not in result.timings_ms and "sam2_encoder" not in result.timings_ms
    assert "sam2_encoder" in again.timings_ms
    assert [m.tolist() for m in again.masks] == [m.tolist() for m in first.masks]
    assert first.heatmap.shape == (120, 200)


class _Hostile:
    def __reduce__(self):
        import os
        return os.system, ("touch HOSTILE_MARKER",)


def _drop(state, key_part):
    key = next(k for k in state if key_part in k)
    del state[key]


def _reshape(state, key_part):
    key = next(k for k in state if key_part in k)
    state[key] = state[key][:-1]


BAD = {
    "missing prompter weight": (lambda s: _drop(s, "prompter.sparse_prompt_mlp.layers.1.bias"), "incomplete"),
    "missing SigLIP weight": (lambda s: _drop(s, "clip_text_encoder.base_model.model.model.final_layer_norm.weight"),
                              "incomplete"),
    "missing SAM weight": (lambda s: _drop(s, "sam_mask_decoder.iou_token.weight"), "incomplete"),
    "missing LoRA factor": (lambda s: _drop(s, "lora_B"), "lacks"),
    "extra weight": (lambda s: s.__setitem__("prompter.something_new.weight", torch.zeros(3, dtype=torch.bfloat16)),
                     "unknown weight"),
    "weight outside every part": (lambda s: s.__setitem__("neck.weight", torch.zeros(3)), "belongs to no part"),
    "mis-shaped weight": (lambda s: _reshape(s, "prompter.img_pe"), "shape"),
    "mis-shaped SAM weight": (lambda s: _reshape(s, "sam_prompt_encoder.no_mask_embed.weight"), "shape"),
    "NaN weight": (lambda s: s["prompter.img_pe"].fill_(float("nan")),
                   "NaN or infinite values in 1 weight: prompter.img_pe"),
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_damaged_state_dict_is_refused_naming_the_file(release, tmp_path, case):
    edit, words = BAD[case]
    state = torch.load(str(release[0] / "tiny.pth"), weights_only=True)["state_dict"]
    edit(state)
    path = tmp_path / "bad.pth"
    torch.save({"state_dict": state}, str(path))
    (tmp_path / "tokenizer.json").write_bytes((release[0] / "tokenizer.json").read_bytes())
    (tmp_path / "tokenizer_config.json").write_bytes((release[0] / "tokenizer_config.json").read_bytes())
    with pytest.raises(ReleaseError, match=words) as err:
        Segmenter.from_name(f"rsrefseg2:{path}", device="cpu")
    assert str(path) in str(err.value)


@pytest.mark.parametrize("case", ["truncated", "empty", "not a checkpoint", "our own format", "hostile pickle",
                                  "a folder of two"])
def test_a_file_that_is_not_a_release_is_refused(release, tmp_path, monkeypatch, case):
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "x.pth"
    good = (release[0] / "tiny.pth").read_bytes()
    if case == "truncated":
        path.write_bytes(good[: len(good) // 2])
    elif case == "empty":
        path.write_bytes(b"")
    elif case == "not a checkpoint":
        path.write_text("hello")
    elif case == "our own format":
        torch.save({"format": "rrsis_qgis.trained/1", "config": {}, "state": {"x": torch.zeros(1)}}, str(path))
    elif case == "hostile pickle":
        path.write_bytes(pickle.dumps({"state_dict": _Hostile()}))
    else:
        path = tmp_path
        (tmp_path / "a.pth").write_bytes(good)
        (tmp_path / "b.pth").write_bytes(good)
    with pytest.raises(ReleaseError) as err:
        read_release(locate(f"rsrefseg2:{path}", release[0]).checkpoint) if case != "a folder of two" else \
            locate(f"rsrefseg2:{path}", release[0])
    assert str(path) in str(err.value)
    assert not (tmp_path / "HOSTILE_MARKER").exists()


def test_a_missing_tokenizer_says_what_to_download(release, tmp_path):
    path = tmp_path / "tiny.pth"
    path.write_bytes((release[0] / "tiny.pth").read_bytes())
    with pytest.raises(ReleaseError, match="models download siglip2-tokenizer"):
        locate(f"rsrefseg2:{path}", tmp_path / "models")


def test_a_random_preset_builds_the_release_architecture_once(monkeypatch):
    import rrsis_qgis.engine.rsrefseg2.random_release as random_release
    from rrsis_qgis.engine import sam2_adapter

    monkeypatch.setattr(random_release, "RELEASED", random_release.TINY)  # the released sizes take minutes
    built = []
    real_init = sam2_adapter.Sam2Refiner.__init__
    monkeypatch.setattr(sam2_adapter.Sam2Refiner, "__init__",
                        lambda self, *a, **k: (built.append(1), real_init(self, *a, **k))[1])
    segmenter = Segmenter.from_name("rsrefseg2-rrsisd-random", device="cpu")
    result = segmenter.segment(np.zeros((40, 60, 3), np.uint8), "the red building")
    assert len(built) == 1 and result.heatmap.shape == (40, 60)


def test_a_legacy_format_or_bare_release_loads_like_the_file_itself(release, tmp_path):
    state = torch.load(str(release[0] / "tiny.pth"), weights_only=True)["state_dict"]
    legacy, bare = tmp_path / "legacy.pth", tmp_path / "bare.pth"
    torch.save({"state_dict": state}, str(legacy), _use_new_zipfile_serialization=False)  # mmap cannot read it
    torch.save(state, str(bare))
    expected = read_release(release[0] / "tiny.pth").parts["prompter"]["img_pe"]
    for path in (legacy, bare):
        torch.testing.assert_close(read_release(path).parts["prompter"]["img_pe"], expected)


@pytest.mark.parametrize("case,words", [
    ("empty", "the file is empty"),
    ("not a checkpoint", "is damaged or is not a checkpoint"),
    ("integer key", "is not an RSRefSeg 2 checkpoint: expected {'state_dict': {name: tensor}}"),
])
def test_a_file_that_is_not_a_release_says_what_it_is(tmp_path, case, words):
    path = tmp_path / "x.pth"
    if case == "empty":
        path.write_bytes(b"")
    elif case == "not a checkpoint":
        path.write_text("hello")
    else:
        torch.save({"state_dict": {"prompter.img_pe": torch.zeros(2), 5: torch.zeros(1)}}, str(path))
    with pytest.raises(ReleaseError, match=re.escape(words)) as err:
        read_release(path)
    assert str(path) in str(err.value) and "mmap" not in str(err.value)

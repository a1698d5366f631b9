"""SAM 3's names: a save_pretrained folder with one clear message per bad case, the preset's missing files, the
small random model; its cached vision features serve a second phrase without the vision backbone."""
import json
import shutil

import numpy as np
import pytest
import torch

from rrsis_qgis.engine.sam3.checkpoint import Sam3Error
from rrsis_qgis.engine.sam3.random_release import write_folder
from rrsis_qgis.engine.segmenter import Segmenter
from rrsis_qgis.engine.weights import MissingWeightsError
from rrsis_qgis.models_cli import resolve_names

IMAGE = np.random.default_rng(3).integers(0, 255, (90, 130, 3), dtype=np.uint8)


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    torch.manual_seed(0)
    return write_folder(tmp_path_factory.mktemp("sam3") / "small")


def _copy(folder, tmp_path):
    bad = tmp_path / "bad"
    shutil.copytree(folder, bad)
    return bad


def _refused(path) -> str:
    with pytest.raises(Sam3Error) as caught:
        Segmenter.from_name(f"sam3:{path}", device="cpu")
    return str(caught.value)


def test_a_good_folder_loads_and_a_file_in_it_names_the_folder(folder):
    segmenter = Segmenter.from_name(f"sam3:{folder / 'model.safetensors'}", device="cpu")
    assert segmenter.spec.name == f"sam3:{folder.resolve()}" and segmenter.strategy.name == "sam3"
    assert segmenter.strategy.detector.threshold == 0.3  # SAM 3's default, for every model but the random one
    assert segmenter.load_report["weights_file"] == "model.safetensors"


def test_missing_folder_and_files(folder, tmp_path):
    assert "SAM 3 folder not found" in _refused(tmp_path / "nowhere")
    for name, says in [("config.json", "has no config.json"), ("model.safetensors", "holds no weights"),
                       ("processor_config.json", "has no processor_config.json"), ("tokenizer.json", "has no tokenizer")]:
        bad = _copy(folder, tmp_path)
        (bad / name).unlink()
        assert says in _refused(bad), name
        shutil.rmtree(bad)


def test_wrong_model_type(folder, tmp_path):
    bad = _copy(folder, tmp_path)
    config = json.loads((bad / "config.json").read_text())
    (bad / "config.json").write_text(json.dumps({**config, "model_type": "sam2"}))
    assert "describes a 'sam2' model; a SAM 3 folder has model_type 'sam3' or 'sam3_video'" in _refused(bad)


def test_truncated_nan_missing_and_extra_weights(folder, tmp_path):
    from safetensors.torch import load_file, save_file

    bad = _copy(folder, tmp_path)
    weights = bad / "model.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 2])
    assert "is not a readable weights file (truncated" in _refused(bad)
    state = load_file(str(folder / "model.safetensors"))
    first = next(k for k, v in state.items() if v.is_floating_point())
    for changed, says in [({**state, first: state[first] * float("nan")}, "NaN or infinite"),
                          ({k: v for k, v in state.items() if k != first}, "missing"),
                          ({**state, "extra.weight": torch.zeros(2)}, "unknown weight")]:
        save_file(changed, str(weights))
        assert says in _refused(bad)


def test_a_bin_is_read_weights_only(folder, tmp_path):
    bad = _copy(folder, tmp_path)
    (bad / "model.safetensors").unlink()
    torch.save({"weight": torch.zeros(1), "code": print}, bad / "pytorch_model.bin")  # a pickle that is not weights
    assert "is not a readable weights file" in _refused(bad)


def test_the_preset_without_its_files_names_them_never_random(tmp_path):
    with pytest.raises(MissingWeightsError) as caught:
        Segmenter.from_name("sam3", device="cpu", models_dir=tmp_path)
    assert "sam3/model.safetensors" in str(caught.value)


def test_downloading_the_preset_means_all_its_files():
    assert resolve_names(["sam3"]) == ["sam3", "sam3-config", "sam3-processor-config", "sam3-tokenizer",
                                       "sam3-tokenizer-config", "sam3-special-tokens", "sam3-vocab", "sam3-merges"]


def test_a_second_phrase_on_cached_embeddings_skips_the_vision_backbone_and_matches_uncached():
    segmenter = Segmenter.from_name("sam3-random", device="cpu")
    calls = []
    segmenter.strategy.detector.model.vision_encoder.register_forward_hook(lambda *_: calls.append(1))
    embeddings = segmenter.encode(IMAGE)
    assert embeddings.sam_state is None and embeddings.nbytes == sum(
        t.element_size() * t.nelement() for t in embeddings.clip_patches.values()) > 0
    cached = [segmenter.segment(IMAGE, p, embeddings=embeddings, top_k=2)
              for p in ("the tank left of the road", "the largest building")]
    assert len(calls) == 1 and "sam3_vision" not in cached[1].timings_ms
    uncached = segmenter.segment(IMAGE, "the largest building", top_k=2)
    assert len(calls) == 2 and "sam3_vision" in uncached.timings_ms
    assert cached[1].masks and all(np.array_equal(a, b) for a, b in zip(cached[1].masks, uncached.masks))
    assert cached[1].scores == uncached.scores


def test_the_small_model_takes_a_box_and_a_phrase_longer_than_its_32_positions():
    segmenter = Segmenter.from_name("sam3-random", device="cpu")
    long = "the small white storage tank in the upper left part of the image next to the long road"
    result = segmenter.segment(IMAGE, long, boxes=np.array([[10, 10, 60, 50]]))
    assert result.masks and result.masks[0].shape == IMAGE.shape[:2]

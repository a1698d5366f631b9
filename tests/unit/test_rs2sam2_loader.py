"""RS2-SAM 2 release folders: the official layout loads (safetensors or .bin); anything else gets one message."""
import json
import shutil

import pytest
import torch
from safetensors.torch import load_file, save_file

from rs2sam2_fixture import release_folder
from rrsis_qgis.engine.load_rules import LoadError
from rrsis_qgis.engine.rs2sam2.checkpoint import read_folder
from rrsis_qgis.engine.segmenter import Segmenter

DECODER_FUSION = "visual_model.sam_mask_decoder.vlfusion_module.multihead_attn.in_proj_weight"
ADAPTER = "visual_model.image_encoder.trunk.blocks.2.Space_Adapter.text_in_linear.weight"
BEIT = "mm_extractor.beit3.encoder.layers.0.ffn.B.fc1.weight"


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    return release_folder(tmp_path_factory.mktemp("rs2sam2") / "refseg")


@pytest.fixture(scope="module")
def state(folder):
    return load_file(str(folder / "model.safetensors"))


def _variant(tmp_path, folder, state=None, drop=()) -> "Path":
    out = tmp_path / "release"
    shutil.copytree(folder, out, ignore=shutil.ignore_patterns("model.safetensors", *drop))
    if state is not None:
        save_file(state, str(out / "model.safetensors"))
    return out


def test_the_folder_is_in_the_official_layout_and_names_what_it_does_not_use(folder, state):
    assert json.loads((folder / "config.json").read_text())["model_type"] == "evf"
    assert {DECODER_FUSION, ADAPTER, BEIT} <= set(state)
    assert {str(v.dtype) for v in state.values()} == {"torch.float32"}
    release = read_folder(folder)
    reasons = set(release.unused.values())
    assert any("video memory" in r for r in reasons) and len(reasons) == 3
    assert all(k.startswith(("visual_model.memory", "visual_model.mask", "visual_model.obj", "visual_model.no_",
                             "meo_linear", "text2one_linear")) for k in release.unused)


def test_a_pytorch_model_bin_folder_loads_the_same_weights(tmp_path, folder, state):
    out = _variant(tmp_path, folder)
    torch.save(state, str(out / "pytorch_model.bin"))
    segmenter = Segmenter.from_name(f"rs2sam2:{out}", device="cpu")
    got = segmenter.refiner.model.state_dict()["sam_mask_decoder.vlfusion_module.multihead_attn.in_proj_weight"]
    assert torch.equal(got, state[DECODER_FUSION])
    assert segmenter.load_report["weights_file"] == "pytorch_model.bin"


def _missing(state):
    return {k: v for k, v in state.items() if k != ADAPTER}


def _extra(state):
    return {**state, "mm_extractor.beit3.encoder.layers.0.self_attn.rel_pos.weight": torch.zeros(3)}


def _shaped(state):
    return {**state, BEIT: state[BEIT].t().contiguous()}


def _nan(state):
    bad = state[DECODER_FUSION].clone()
    bad[0, 0] = float("nan")
    return {**state, DECODER_FUSION: bad}


@pytest.mark.parametrize("change,message", [
    (_missing, "incomplete: 1 weight of the model is missing, e.g. " + ADAPTER.removeprefix("visual_model.")),
    (_extra, "1 unknown weight"),
    (_shaped, "(transposed)"),
    (_nan, "NaN or infinite values"),
])
def test_a_folder_whose_weights_do_not_fit_is_refused_by_name(tmp_path, folder, state, change, message):
    out = _variant(tmp_path, folder, change(state))
    with pytest.raises(LoadError) as err:
        Segmenter.from_name(f"rs2sam2:{out}", device="cpu")
    assert message in str(err.value) and str(out) in str(err.value)


def test_a_truncated_weights_file_is_refused(tmp_path, folder):
    out = _variant(tmp_path, folder)
    data = (folder / "model.safetensors").read_bytes()
    (out / "model.safetensors").write_bytes(data[: len(data) // 2])
    with pytest.raises(LoadError, match="not a readable weights file"):
        Segmenter.from_name(f"rs2sam2:{out}", device="cpu")


@pytest.mark.parametrize("drop,write,message", [
    ((), {"config.json": '{"model_type": "llama"}'}, "describes a 'llama' model"),
    (("config.json",), {}, "has no config.json"),
    ((), {"config.json": "{not json"}, "not readable JSON"),
    (("sentencepiece.bpe.model",), {}, "no sentencepiece model"),
])
def test_a_folder_that_is_not_a_release_is_refused_with_what_to_do(tmp_path, folder, state, drop, write, message):
    out = _variant(tmp_path, folder, state, drop)
    for name, text in write.items():
        (out / name).write_text(text)
    with pytest.raises(LoadError, match=message):
        Segmenter.from_name(f"rs2sam2:{out}", device="cpu")


def test_no_weights_and_no_folder_are_refused(tmp_path, folder):
    with pytest.raises(LoadError, match="holds no weights"):
        Segmenter.from_name(f"rs2sam2:{_variant(tmp_path, folder)}", device="cpu")
    with pytest.raises(LoadError, match="folder not found"):
        Segmenter.from_name(f"rs2sam2:{tmp_path / 'nowhere'}", device="cpu")


def test_a_hostile_bin_is_refused_without_running_its_code(tmp_path, folder, capsys):
    import pickle

    class Boom:
        def __reduce__(self):
            return (print, ("RAN",))

    out = _variant(tmp_path, folder)
    (out / "pytorch_model.bin").write_bytes(pickle.dumps({"x": Boom()}))
    with pytest.raises(LoadError, match="not a readable weights file"):
        Segmenter.from_name(f"rs2sam2:{out}", device="cpu")
    assert "RAN" not in capsys.readouterr().out

"""The model setting as text (qgis_core.model_choice): presets and ``trained:<checkpoint>``, pure functions."""
import os

import pytest

from rrsis_qgis.qgis_core.model_choice import (PRESETS, checkpoint_of, checkpoint_problem, is_trained, short_name,
                                               trained_model)


def test_presets_are_not_checkpoints():
    for name in PRESETS:
        assert not is_trained(name) and checkpoint_of(name) == "" and short_name(name) == name
        assert checkpoint_problem(name) is None


def test_trained_round_trip_keeps_the_path_exactly():
    model = trained_model("  /data/runs/my model (v2).pth ")
    assert model == "trained:/data/runs/my model (v2).pth"
    assert is_trained(model) and checkpoint_of(model) == "/data/runs/my model (v2).pth"
    assert checkpoint_of("trained:C:/runs/a.pt") == "C:/runs/a.pt"  # only the first prefix is cut
    assert trained_model("~/runs/a.pt") == "trained:" + os.path.expanduser("~/runs/a.pt")


@pytest.mark.parametrize("model, short", [
    ("trained:/data/runs/epoch_12.pt", "trained:epoch_12.pt"),
    ("trained:relative.pth", "trained:relative.pth"),
    ("trained:C:\\runs\\best.pt", "trained:best.pt" if os.sep == "\\" else "trained:C:\\runs\\best.pt"),
    ("trained:", "trained:?"),
    ("tiny-random", "tiny-random"),
])
def test_short_name_is_the_file_name(model, short):
    assert short_name(model) == short


def test_checkpoint_problems_name_the_file(tmp_path):
    ok = tmp_path / "ok.pt"
    ok.write_bytes(b"x")
    assert checkpoint_problem(f"trained:{ok}") is None
    assert "choose" in checkpoint_problem("trained:")
    assert "choose" in checkpoint_problem("trained:   ")
    gone = tmp_path / "gone.pt"
    assert checkpoint_problem(f"trained:{gone}") == f"the checkpoint file does not exist: {gone}"
    assert checkpoint_problem(f"trained:{tmp_path}") == f"the checkpoint is not a file: {tmp_path}"
    assert checkpoint_problem("trained:runs/ok.pt") == "the checkpoint path must be a full path: runs/ok.pt"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads every file")
def test_an_unreadable_checkpoint_is_a_problem(tmp_path):
    locked = tmp_path / "locked.pt"
    locked.write_bytes(b"x")
    locked.chmod(0)
    assert "cannot be read" in checkpoint_problem(f"trained:{locked}")


def test_the_plugins_sam3_folder_check_asks_for_what_the_backend_reads():
    """The plugin cannot import the backend's reader (torch): its list of files must be the reader's."""
    from rrsis_qgis.engine.sam3 import checkpoint
    from rrsis_qgis.qgis_core.model_choice import FOLDER_RULES, SAM3

    rule = FOLDER_RULES[SAM3]
    assert rule.model_types == checkpoint.MODEL_TYPES
    assert [tuple(alternatives) for alternatives, _ in rule.needs] == [
        tuple((name,) for name in checkpoint.WEIGHT_FILES), ((checkpoint.PROCESSOR_FILE,),),
        checkpoint.TOKENIZER_FILES]


def test_a_sam3_setting_is_a_folder_family(tmp_path):
    model = trained_model(str(tmp_path), "sam3:")
    assert is_trained(model) and checkpoint_of(model) == str(tmp_path) and short_name(model) == f"sam3:{tmp_path.name}"
    assert not is_trained("sam3") and not is_trained("sam3-random")  # the presets
    assert checkpoint_problem("sam3:") == "choose the SAM 3 folder"
    (tmp_path / "config.json").write_text('{"model_type": "sam3"}')
    assert checkpoint_problem(model) == f"{tmp_path} has no weights (model.safetensors or pytorch_model.bin)"

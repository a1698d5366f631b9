"""`python -m rrsis_qgis.wheelhouse`: the pip commands that make an offline folder for another computer."""
from pathlib import Path

from rrsis_qgis import wheelhouse

ROOT = Path(__file__).resolve().parents[2]


def test_a_windows_cuda_wheelhouse_has_uv_torch_from_its_index_the_pins_and_sam2_source(tmp_path):
    constraints, requirements = ROOT / "constraints.txt", ROOT / "requirements.txt"
    uv, torch, rest, sam2 = wheelhouse.commands(tmp_path, "windows", "cu128", constraints, requirements, "py")
    assert uv[-1] == "uv==0.13.8" and "win_amd64" in uv
    assert torch[-2:] == ["torch", "torchvision"] and "https://download.pytorch.org/whl/cu128" in torch
    assert ["--platform", "win_amd64"] == torch[torch.index("--platform"):torch.index("--platform") + 2]
    assert ["--python-version", "3.11"] == rest[rest.index("--python-version"):rest.index("--python-version") + 2]
    assert "-c" in torch and "-c" in rest and "transformers" in rest and "pytest" not in rest
    assert sam2[-1] == "sam2" and "--no-binary" in sam2


def test_a_macos_wheelhouse_takes_pypi_torch(tmp_path):
    _uv, torch, _rest, _sam2 = wheelhouse.commands(tmp_path, "macos", "cu128", ROOT / "constraints.txt",
                                                   ROOT / "requirements.txt", "py")
    assert "--extra-index-url" not in torch and "macosx_14_0_arm64" in torch

"""The backend's self-test: versions, GPU report, "CUDA torch, no usable GPU" said plainly (simulated), and a
tiny forward of every model family, one failing family named without hiding the others."""
import json
import subprocess
import sys

import pytest
import torch

from rrsis_qgis import selftest


@pytest.fixture
def no_forward(monkeypatch):
    ran = []
    monkeypatch.setattr(selftest, "forwards", lambda device: ran.append(device) or [
        {"family": "zero-shot", "ok": True, "load_s": 0.1, "forward_s": 0.1}])
    return ran


def test_cuda_torch_without_a_usable_gpu_is_said_plainly(monkeypatch, no_forward):
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(selftest, "_nvidia_present", lambda: True)  # the driver sees a GPU, torch does not
    result = selftest.run("cuda")
    assert result["ok"] and result["device"] == "cpu" and no_forward == ["cpu"]  # still usable, on the CPU
    assert result["summary"].startswith("GPU found but torch cannot use it") and "CUDA 12.8" in result["summary"]


def test_cuda_requested_on_a_machine_without_nvidia_still_warns(monkeypatch, no_forward):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(selftest, "_nvidia_present", lambda: False)
    result = selftest.run("cuda")
    assert result["summary"].startswith("GPU found but torch cannot use it")


def test_a_driver_error_inside_torch_cuda_is_reported(monkeypatch, no_forward):
    def broken():
        raise RuntimeError("CUDA driver initialization failed")

    monkeypatch.setattr(torch.cuda, "is_available", broken)
    result = selftest.run("auto")
    assert "CUDA driver initialization failed" in result["summary"] and result["device"] == "cpu"


def test_a_usable_gpu_is_named(monkeypatch, no_forward):
    monkeypatch.setattr(torch.version, "cuda", "12.8")
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "NVIDIA GeForce RTX 4070")
    result = selftest.run("cuda")
    assert result["summary"].startswith("GPU: NVIDIA GeForce RTX 4070, CUDA 12.8, used ·") and no_forward == ["cuda"]


class _Tiny:
    def __init__(self, ran):
        self.ran = ran

    def segment(self, image, phrase):
        self.ran.append((image.shape, phrase))


def _broken(error):
    def build(folder, device):
        raise error
    return build


def test_every_model_family_runs_a_real_tiny_forward():
    result = selftest.run("cpu")
    families = result["families"]
    assert [f["family"] for f in families] == ["zero-shot", "trained", "rsrefseg2", "rs2sam2", "sam3"]
    assert all(f["ok"] and f["load_s"] > 0 and f["forward_s"] > 0 for f in families), families
    assert result["ok"] and not result["problem"]
    assert result["summary"].startswith("CPU") and " · tiny forwards with random weights: zero-shot " in result["summary"]
    assert ", trained " in result["summary"] and ", rsrefseg2 " in result["summary"] and ", rs2sam2 " in result["summary"]
    assert ", sam3 " in result["summary"]


def test_a_failing_family_is_named_and_the_others_still_run(monkeypatch):
    ran = []
    monkeypatch.setattr(selftest, "FAMILIES", {"zero-shot": lambda folder, device: _Tiny(ran),
                                               "trained": _broken(RuntimeError("no kernel image")),
                                               "rs2sam2": lambda folder, device: _Tiny(ran)})  # one entry a family
    result = selftest.run("cpu")
    assert [(f["family"], f["ok"]) for f in result["families"]] == [("zero-shot", True), ("trained", False),
                                                                   ("rs2sam2", True)]
    assert len(ran) == 2 and ran[0] == ((64, 64, 3), "the white tank")
    assert result["ok"]  # the others work: the environment is usable, with the failure said
    assert "zero-shot" in result["summary"] and "rs2sam2" in result["summary"]
    assert "trained FAILED on cpu: RuntimeError: no kernel image" in result["summary"]
    assert result["problem"] == "the tiny forward of trained failed on cpu"


def test_every_family_failing_is_not_ok(monkeypatch):
    monkeypatch.setattr(selftest, "FAMILIES", {"zero-shot": _broken(ImportError("no module named sam2")),
                                               "trained": _broken(RuntimeError("no kernel image"))})
    result = selftest.run("cpu")
    assert not result["ok"] and " · no model family ran; zero-shot FAILED on cpu: ImportError: " in result["summary"]
    assert "trained FAILED on cpu: RuntimeError: no kernel image" in result["summary"]


@pytest.mark.slow
def test_the_module_prints_one_json_line_after_a_real_tiny_forward():
    out = subprocess.run([sys.executable, "-m", "rrsis_qgis.selftest", "--device", "cpu"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["ok"] and result["device"] == "cpu" and result["forward_s"] > 0
    assert [f["family"] for f in result["families"]] == ["zero-shot", "trained", "rsrefseg2", "rs2sam2", "sam3"]
    assert "rsrefseg2 on cpu (random weights): loaded in" in out.stderr
    assert result["versions"]["torch"].startswith("2.14.1") and result["versions"]["sam2"] == "1.1.0"

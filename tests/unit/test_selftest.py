"""The backend's self-test: versions, GPU report, and "CUDA torch, no usable GPU" said plainly (simulated)."""
import json
import subprocess
import sys

import pytest
import torch

from rrsis_qgis import selftest


@pytest.fixture
def no_forward(monkeypatch):
    ran = []
    monkeypatch.setattr(selftest, "forward", lambda device: ran.append(device) or 0.1)
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
    assert result["summary"] == "GPU: NVIDIA GeForce RTX 4070, CUDA 12.8, used" and no_forward == ["cuda"]


def test_a_failing_forward_is_not_ok(monkeypatch):
    monkeypatch.setattr(selftest, "forward", lambda device: (_ for _ in ()).throw(RuntimeError("no kernel image")))
    result = selftest.run("cpu")
    assert not result["ok"] and "no kernel image" in result["summary"]


@pytest.mark.slow
def test_the_module_prints_one_json_line_after_a_real_tiny_forward():
    out = subprocess.run([sys.executable, "-m", "rrsis_qgis.selftest", "--device", "cpu"], capture_output=True,
                         text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert result["ok"] and result["device"] == "cpu" and result["forward_s"] > 0
    assert result["versions"]["torch"].startswith("2.14.1") and result["versions"]["sam2"] == "1.1.0"

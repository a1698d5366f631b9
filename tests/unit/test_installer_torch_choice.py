"""The installer's torch choice: a table of (OS, arch, driver, override) → build, and nvidia-smi parsing."""
import subprocess

import pytest

from rrsis_qgis.qgis_core.installer.torch_choice import (PYTORCH_INDEX, choose_torch, detect_gpu, driver_number,
                                                         parse_nvidia_smi)

TABLE = [  # os, arch, driver, override → index (None: PyPI), label, device, a word of the reason
    ("windows", "AMD64", "581.57", "auto", PYTORCH_INDEX + "cu130", "cu130", "cuda", "CUDA 13.0"),
    ("windows", "AMD64", "572.16", "auto", PYTORCH_INDEX + "cu128", "cu128", "cuda", "CUDA 12.8"),
    ("windows", "AMD64", "566.36", "auto", PYTORCH_INDEX + "cu126", "cu126", "cuda", "CUDA 12.6"),
    ("windows", "AMD64", None, "auto", None, "cpu", "cpu", "no NVIDIA driver"),
    ("windows", "AMD64", "581.57", "cpu", None, "cpu", "cpu", "chosen"),
    ("windows", "AMD64", "472.12", "auto", None, "cpu", "cpu", "older than CUDA 12.6"),
    ("darwin", "arm64", None, "auto", None, "mps", "mps", "MPS"),
    ("darwin", "x86_64", None, "auto", None, "unsupported", "cpu", "Intel Macs"),
    ("linux", "x86_64", "470.256.02", "auto", PYTORCH_INDEX + "cpu", "cpu", "cpu", "driver 470.256.02 is older"),
    ("linux", "x86_64", None, "auto", PYTORCH_INDEX + "cpu", "cpu", "cpu", "no NVIDIA driver"),
    ("linux", "x86_64", "580.95.05", "auto", None, "pypi-cu130", "cuda", "CUDA 13.0"),
    ("linux", "x86_64", "570.86.15", "auto", PYTORCH_INDEX + "cu128", "cu128", "cuda", "CUDA 12.8"),
    ("linux", "x86_64", "570.86.15", "cu126", PYTORCH_INDEX + "cu126", "cu126", "cuda", "chosen"),
    ("linux", "x86_64", None, "pypi", None, "pypi-cu130", "cpu", "PyPI"),  # this machine: no GPU
    ("linux", "x86_64", "580.95.05", "pypi", None, "pypi-cu130", "cuda", "PyPI"),
    ("linux", "aarch64", None, "auto", None, "cpu", "cpu", "no NVIDIA driver"),
]


@pytest.mark.parametrize("os_name, arch, driver, override, index, label, device, word", TABLE)
def test_torch_choice_table(os_name, arch, driver, override, index, label, device, word):
    choice = choose_torch(os_name, arch, driver, override)
    assert (choice.index_url, choice.label, choice.device) == (index, label, device)
    assert word in choice.reason
    assert choice.supported == (label != "unsupported")


def test_an_old_driver_says_gpu_found_and_what_to_do():
    reason = choose_torch("linux", "x86_64", "470.256.02").reason
    assert reason.startswith("GPU found but torch cannot use it") and "update the NVIDIA driver" in reason


def test_unknown_override_is_refused():
    with pytest.raises(ValueError, match="unknown torch build"):
        choose_torch("windows", "AMD64", None, "cu999")


def test_driver_numbers_compare_as_major_minor():
    assert driver_number("570.86.15") == 570.86 and driver_number("580") == 580.0
    assert driver_number("") is None and driver_number(None) is None and driver_number("N/A") is None


def test_nvidia_smi_output_is_parsed_and_absence_is_none():
    assert parse_nvidia_smi("572.16, NVIDIA GeForce RTX 4070\n572.16, NVIDIA RTX A2000\n") == \
        ("572.16", "NVIDIA GeForce RTX 4070")
    assert parse_nvidia_smi("") is None

    def ok(cmd, **kw):
        assert cmd[0] == "nvidia-smi" and "--query-gpu=driver_version,name" in cmd
        return subprocess.CompletedProcess(cmd, 0, "570.86.15, NVIDIA H100\n", "")

    def missing(cmd, **kw):
        raise FileNotFoundError(cmd[0])

    def failing(cmd, **kw):  # driver installed, no GPU / driver not loaded
        return subprocess.CompletedProcess(cmd, 9, "", "NVIDIA-SMI has failed")

    assert detect_gpu(ok) == ("570.86.15", "NVIDIA H100")
    assert detect_gpu(missing) is None and detect_gpu(failing) is None

"""Which torch build to install: a pure function of (OS, arch, NVIDIA driver version, user override)."""
from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from typing import Callable, Optional

from .messages import tr

PYTORCH_INDEX = "https://download.pytorch.org/whl/"
# torch 2.14.1 on PyPI: Linux x86-64 is a CUDA 13.0 build (measured: 2.14.1+cu130, nvidia-*-cu13 dependencies),
# Windows and macOS arm64 are CPU/MPS builds, there is no macOS x86-64 wheel (PyPI's file list, cp311).
# The CUDA variants on the PyTorch index and their minimum drivers (NVIDIA's CUDA release notes, GA drivers
# Linux / Windows) could not be checked from this machine: that index is not reachable here.
CUDA_VARIANTS = (  # newest first: (label, CUDA version, minimum driver Linux, minimum driver Windows)
    ("cu130", "13.0", 580.65, 580.88),
    ("cu128", "12.8", 570.26, 570.65),
    ("cu126", "12.6", 560.28, 560.76),
)
OLDEST_DRIVER = {"linux": 560.28, "windows": 560.76}  # below: no CUDA build of torch 2.14 runs
OVERRIDES = ("auto", "cpu", "pypi") + tuple(v[0] for v in CUDA_VARIANTS)


@dataclass(frozen=True)
class TorchChoice:
    """Where torch comes from (None: PyPI's default wheel), what it is, why, and the device it runs on."""

    index_url: Optional[str]
    label: str  # "cu128", "cpu", "mps", "pypi-cu130", … ("unsupported": nothing to install)
    reason: str
    device: str = "cpu"  # what the self-test runs the forward on: cpu / cuda / mps

    @property
    def supported(self) -> bool:
        return self.label != "unsupported"


def driver_number(driver: Optional[str]) -> Optional[float]:
    """'570.86.15' → 570.86 (major.minor, comparable); None or garbage → None."""
    match = re.match(r"\s*(\d+)(?:\.(\d+))?", driver or "")
    return float(f"{match.group(1)}.{match.group(2) or 0}") if match else None


def choose_torch(os_name: str, arch: str, driver: Optional[str], override: str = "auto") -> TorchChoice:
    """The torch build for this machine. ``os_name``: linux / windows / darwin; ``arch``: x86_64 / arm64 / …"""
    os_name, arch = os_name.lower(), _arch(arch)
    if os_name == "darwin":
        if arch != "arm64":
            return TorchChoice(None, "unsupported", tr(
                "torch 2.14 publishes no build for Intel Macs (macOS x86-64): use a backend on another machine "
                "(Settings → Backend → running backend URL)"))
        return TorchChoice(None, "mps", tr("Apple silicon: PyPI's torch (Metal/MPS GPU)"), "mps")
    if override not in OVERRIDES:
        raise ValueError(f"unknown torch build {override!r}; use one of {', '.join(OVERRIDES)}")
    if override == "cpu":
        return _cpu(os_name, arch, tr("CPU build (chosen in the installer)"))
    if override == "pypi":
        cuda = _pypi_label(os_name, arch) == "pypi-cu130" and driver_number(driver) is not None
        return TorchChoice(None, _pypi_label(os_name, arch), tr("PyPI's default torch build (chosen in the installer)"),
                           "cuda" if cuda else "cpu")
    if override != "auto":
        cuda = next(v for v in CUDA_VARIANTS if v[0] == override)
        return TorchChoice(PYTORCH_INDEX + override, override, tr("CUDA {} build (chosen in the installer)").format(cuda[1]),
                           "cuda")
    number = driver_number(driver)
    if number is None:
        return _cpu(os_name, arch, tr("no NVIDIA driver found: CPU build"))
    if arch != "x86_64" or os_name not in OLDEST_DRIVER:
        return TorchChoice(None, _pypi_label(os_name, arch), tr(
            "NVIDIA driver {} on {} {}: PyPI's default torch build").format(driver, os_name, arch), "cuda")
    for label, version, linux_min, windows_min in CUDA_VARIANTS:
        if number >= (windows_min if os_name == "windows" else linux_min):
            reason = tr("NVIDIA driver {}: CUDA {} build").format(driver.strip(), version)
            if os_name == "linux" and label == "cu130":
                return TorchChoice(None, "pypi-cu130", reason, "cuda")  # PyPI's own Linux wheel is this build
            return TorchChoice(PYTORCH_INDEX + label, label, reason, "cuda")
    return _cpu(os_name, arch, tr(
        "GPU found but torch cannot use it: driver {} is older than CUDA 12.6 needs ({}) — installed the CPU "
        "build; update the NVIDIA driver and press Repair").format(driver.strip(), OLDEST_DRIVER[os_name]))


def _cpu(os_name: str, arch: str, reason: str) -> TorchChoice:
    if os_name == "linux" and arch == "x86_64":  # PyPI's Linux wheel carries CUDA (~3 GB more): the CPU index has none
        return TorchChoice(PYTORCH_INDEX + "cpu", "cpu", reason)
    return TorchChoice(None, "cpu", reason)  # Windows, Linux arm64: PyPI's wheel is the CPU build


def _pypi_label(os_name: str, arch: str) -> str:
    return "pypi-cu130" if (os_name, arch) == ("linux", "x86_64") else "pypi-cpu"


def _arch(arch: str) -> str:
    arch = arch.lower()
    return {"amd64": "x86_64", "x64": "x86_64", "aarch64": "arm64"}.get(arch, arch)


def parse_nvidia_smi(text: str) -> Optional[tuple]:
    """`nvidia-smi --query-gpu=driver_version,name --format=csv,noheader` → (driver, GPU name) of the first GPU."""
    for line in text.splitlines():
        driver, _, name = line.partition(",")
        if driver_number(driver) is not None:
            return driver.strip(), name.strip()
    return None


def detect_gpu(run: Callable = subprocess.run) -> Optional[tuple]:
    """(driver, GPU name) from nvidia-smi, or None when there is none (not installed, no GPU, it fails)."""
    try:
        out = run(["nvidia-smi", "--query-gpu=driver_version,name", "--format=csv,noheader"],
                  capture_output=True, text=True, timeout=20, **_no_window())
    except (OSError, subprocess.SubprocessError):
        return None
    return parse_nvidia_smi(out.stdout or "") if out.returncode == 0 else None


def _no_window() -> dict:
    flag = getattr(subprocess, "CREATE_NO_WINDOW", 0)  # Windows: no console flashing up from QGIS
    return {"creationflags": flag} if flag else {}

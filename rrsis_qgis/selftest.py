"""`python -m rrsis_qgis.selftest`: in a backend environment, one JSON line — versions, GPU, each family's tiny forward.

Never imported by the plugin: the installer runs it in the new environment after the install.
"""
from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from importlib import metadata
from pathlib import Path

from .engine.tiny_families import FAMILIES

PACKAGES = ("torch", "torchvision", "sam2", "open_clip_torch", "transformers", "numpy", "shapely", "fastapi")


def versions() -> dict:
    found = {}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def gpu_report(torch) -> dict:
    """What torch was built for and what it can use; ``problem`` when a GPU build cannot use the GPU."""
    cuda_build = torch.version.cuda
    report = {"cuda_build": cuda_build, "cuda_available": False, "device_name": None,
              "mps_available": bool(getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()),
              "problem": None}
    try:
        report["cuda_available"] = bool(torch.cuda.is_available())
    except Exception as exc:  # noqa: BLE001 - a broken driver raises here; that is the answer
        report["problem"] = f"torch.cuda failed: {exc}"
    if report["cuda_available"]:
        report["device_name"] = torch.cuda.get_device_name(0)
    elif cuda_build and report["problem"] is None and _nvidia_present():
        report["problem"] = (f"GPU found but torch cannot use it: this torch is built for CUDA {cuda_build} and "
                             "torch.cuda.is_available() is False — update the NVIDIA driver, or reinstall with "
                             "an older CUDA build (installer: torch build)")
    return report


def _nvidia_present() -> bool:
    import shutil
    import subprocess

    if not shutil.which("nvidia-smi"):
        return False
    try:
        return subprocess.run(["nvidia-smi", "-L"], capture_output=True, timeout=20).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


def forwards(device: str) -> list:
    """Every family's tiny forward on ``device`` (random weights), one after another; a failure stops no other."""
    return [forward(family, build, device) for family, build in FAMILIES.items()]


def forward(family: str, build, device: str) -> dict:
    """One family: build its tiny model through its loader, run one query; the seconds of each, or the error."""
    import tempfile

    import numpy as np

    image = (np.random.default_rng(0).random((64, 64, 3)) * 255).astype(np.uint8)
    entry = {"family": family, "ok": False}
    try:
        with tempfile.TemporaryDirectory(prefix=f"rrsis-selftest-{family}-") as folder:
            started = time.perf_counter()
            segmenter = build(Path(folder), device)
            entry["load_s"] = round(time.perf_counter() - started, 2)
            started = time.perf_counter()
            segmenter.segment(image, "the white tank")
            entry["forward_s"] = round(time.perf_counter() - started, 2)
    except Exception as exc:  # noqa: BLE001 - reported with the family's name; the next family still runs
        entry["error"] = f"{type(exc).__name__}: {exc}"
        print(f"self-test: {family} on {device} FAILED: {entry['error']}", file=sys.stderr, flush=True)
        return entry
    entry["ok"] = True
    print(f"self-test: {family} on {device} (random weights): loaded in {entry['load_s']} s, "
          f"forward {entry['forward_s']} s", file=sys.stderr, flush=True)
    return entry


def families_line(families: list, device: str) -> str:
    passed = ", ".join(f"{f['family']} {f['forward_s']} s" for f in families if f["ok"])
    failed = "; ".join(f"{f['family']} FAILED on {device}: {f['error']}" for f in families if not f["ok"])
    line = f"tiny forwards with random weights: {passed}" if passed else "no model family ran"
    return f"{line}; {failed}" if failed else line


def device_line(report: dict, device: str) -> str:
    if report.get("problem"):
        return report["problem"]
    if device == "cuda":
        return f"GPU: {report['device_name']}, CUDA {report['cuda_build']}, used"
    if device == "mps":
        return "GPU: Apple MPS, used"
    return "CPU" + (f" (torch built for CUDA {report['cuda_build']}; no NVIDIA GPU here)" if report["cuda_build"] else "")


def run(wanted: str = "auto") -> dict:
    """The report; ``ok`` when torch imports and at least one family ran (a failed one is named in ``problem``)."""
    result = {"ok": False, "python": sys.version.split()[0], "platform": platform.platform(), "versions": versions()}
    try:
        import torch
    except Exception as exc:  # noqa: BLE001 - reported, not raised: the installer reads this line
        result["summary"] = f"torch does not import: {exc}"
        return result
    report = gpu_report(torch)
    result.update(report)
    device = wanted
    if wanted == "auto" or (wanted == "cuda" and not report["cuda_available"]) or \
            (wanted == "mps" and not report["mps_available"]):
        device = "cuda" if report["cuda_available"] else "mps" if report["mps_available"] else "cpu"
    result["device"] = device
    if wanted == "cuda" and device != "cuda" and not report["problem"]:
        result["problem"] = (
            "GPU found but torch cannot use it: the CUDA build was installed and torch.cuda.is_available() is False "
            "— update the NVIDIA driver or reinstall with the CPU build")
    families = result["families"] = forwards(device)
    result["forward_s"] = round(sum(f.get("forward_s", 0.0) for f in families), 2)
    result["summary"] = f"{device_line(result, device)} · {families_line(families, device)}"
    failed = [f["family"] for f in families if not f["ok"]]
    if failed and not result["problem"]:
        result["problem"] = f"the tiny forward of {', '.join(failed)} failed on {device}"
    result["ok"] = len(failed) < len(families)
    return result


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rrsis_qgis.selftest", description=__doc__.splitlines()[0])
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda", "mps"))
    args = parser.parse_args(argv)
    result = run(args.device)
    print(json.dumps(result), flush=True)
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())

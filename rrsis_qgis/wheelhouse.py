"""`python -m rrsis_qgis.wheelhouse DIR`: on a machine with internet, download every package the backend installer
needs for another computer (OS, torch build) into DIR; there, Install… → "Install from a folder" uses DIR offline.

Needs only Python 3.9+ with pip (no QGIS, no torch). Run it from the plugin folder's parent or a checkout.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

from .qgis_core.installer.pins import backend_requirements
from .qgis_core.installer.plan import PYTHON_VERSION
from .qgis_core.installer.torch_choice import OVERRIDES, PYTORCH_INDEX
from .qgis_core.installer.uv_wheel import UV_VERSION

PIP_PLATFORMS = {"windows": "win_amd64", "macos": "macosx_14_0_arm64", "linux": "manylinux_2_28_x86_64"}
PYPI = "https://pypi.org/simple"


def pin_files(root: Path) -> tuple:
    for folder in (root, root.parent):
        if (folder / "constraints.txt").is_file():
            return folder / "constraints.txt", folder / "requirements.txt"
    raise SystemExit("constraints.txt / requirements.txt not found beside the rrsis_qgis package")


def commands(target: Path, os_name: str, torch: str, constraints: Path, requirements: Path,
             python: str = sys.executable) -> list:
    """The pip commands that fill ``target`` (wheels for ``os_name``, Python 3.11; sam2 as its source)."""
    pip = [python, "-m", "pip", "download", "--dest", str(target), "-c", str(constraints)]
    binary = ["--only-binary=:all:", "--platform", PIP_PLATFORMS[os_name], "--python-version", PYTHON_VERSION,
              "--implementation", "cp"]
    torch_index = [] if torch in ("auto", "pypi") or os_name == "macos" else ["--extra-index-url", PYTORCH_INDEX + torch]
    uv_platform = {"windows": "win_amd64", "macos": "macosx_11_0_arm64", "linux": "manylinux_2_17_x86_64"}[os_name]
    return [
        [python, "-m", "pip", "download", "--dest", str(target), "--no-deps", "--only-binary=:all:",
         "--platform", uv_platform, f"uv=={UV_VERSION}"],
        pip + binary + ["--index-url", PYPI] + torch_index + ["torch", "torchvision"],
        pip + binary + ["--index-url", PYPI] + backend_requirements(requirements) + ["setuptools", "wheel"],
        pip + ["--no-deps", "--no-binary", "sam2", "--index-url", PYPI, "sam2"],  # built on the target (no CUDA ext)
    ]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m rrsis_qgis.wheelhouse", description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--os", dest="os_name", choices=sorted(PIP_PLATFORMS), default="windows")
    parser.add_argument("--torch", choices=OVERRIDES, default="cpu",
                        help="the torch build for the target (cu128 … for an NVIDIA GPU; macOS: always MPS)")
    args = parser.parse_args(argv)
    constraints, requirements = pin_files(Path(__file__).resolve().parent)
    args.folder.mkdir(parents=True, exist_ok=True)
    for command in commands(args.folder, args.os_name, args.torch, constraints, requirements):
        print("$ " + " ".join(command), flush=True)
        if subprocess.run(command).returncode != 0:
            print("error: that download failed (see above)", file=sys.stderr)
            return 1
    print(f"done: copy {args.folder} to the other computer; in QGIS, Install… → Install from a folder", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

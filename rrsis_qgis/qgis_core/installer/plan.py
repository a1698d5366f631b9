"""What to install where (Plan): the env folder, the torch build, the pins, and where packages come from."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .torch_choice import TorchChoice

PYPI_SIMPLE = "https://pypi.org/simple"
PYTHON_VERSION = "3.11"  # the Python the Makefile path uses (Debian 12's)


@dataclass
class Plan:
    """What to install where: the env folder, the torch build, the pins, and where packages come from."""

    env_dir: Path
    choice: TorchChoice
    constraints: Path
    requirements: Path
    package_root: Path  # the folder holding this rrsis_qgis package (the self-test runs it from there)
    os_name: str = sys.platform
    arch: str = "x86_64"
    wheelhouse: Optional[Path] = None  # offline: every package (and uv) from this folder, no network
    index_url: str = PYPI_SIMPLE
    python_version: str = PYTHON_VERSION
    environment: dict = field(default_factory=dict)  # proxy variables etc. for the processes

    def __post_init__(self):
        self.env_dir = Path(self.env_dir)
        self.os_name = "windows" if self.os_name.startswith("win") else self.os_name.lower()

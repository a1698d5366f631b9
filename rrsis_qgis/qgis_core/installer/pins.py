"""The backend's packages: requirements.txt less test-only and own-step packages, and their constraints.txt pins."""
from __future__ import annotations

from pathlib import Path

TEST_ONLY = {"pytest", "pytest-qgis", "pytest-qt", "pytest-timeout", "schemathesis", "hypothesis"}
INSTALLED_BY_STEP = {"torch", "torchvision", "sam2"}  # not in the packages step (own index, own build flags)


def backend_requirements(requirements: Path) -> list:
    """requirements.txt without the test-only packages and those installed by their own step."""
    names = []
    for line in Path(requirements).read_text("utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name and name.lower() not in TEST_ONLY | INSTALLED_BY_STEP:
            names.append(name)
    return names


def pins(constraints: Path, names) -> str:
    wanted = {n.lower() for n in names}
    return " ".join(line.strip() for line in Path(constraints).read_text("utf-8").splitlines()
                    if line.split("==")[0].strip().lower() in wanted)

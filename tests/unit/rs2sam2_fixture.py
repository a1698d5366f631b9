"""The official RS2-SAM 2 fixture (tests/data/rs2sam2_official) unpacked into a release folder for a test."""
import lzma
import shutil
from pathlib import Path

import numpy as np

FIXTURE = Path(__file__).parent.parent / "data" / "rs2sam2_official"
CASES = np.load(FIXTURE / "cases.npz")
N = len([k for k in CASES.files if k.startswith("view_")])


def release_folder(target: Path) -> Path:
    """The fixture's model folder as the release has it: config, tokenizer files, model.safetensors."""
    target = Path(target)
    target.mkdir(parents=True, exist_ok=True)
    for f in (FIXTURE / "model").iterdir():
        if f.suffix == ".xz":
            with lzma.open(f) as src, open(target / f.stem, "wb") as dst:
                shutil.copyfileobj(src, dst)
        else:
            shutil.copy(f, target / f.name)
    return target


def case(i: int) -> dict:
    return {k[: -len(f"_{i}")]: CASES[k] for k in CASES.files if k.endswith(f"_{i}")}

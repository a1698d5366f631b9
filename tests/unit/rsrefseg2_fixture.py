"""Small RSRefSeg 2 checkpoints in the release's layout (random weights, LoRA unmerged, bf16) and a tokenizer."""
from __future__ import annotations

from pathlib import Path

from rrsis_qgis.engine.rsrefseg2.random_release import TINY, random_lora, random_parts, standin_tokenizer, write_release


def tiny_parts(seed: int = 0) -> dict:
    return random_parts(TINY, seed)


def write_tokenizer(folder: Path) -> Path:
    return standin_tokenizer(folder)


def tiny_release(folder: Path, name: str = "tiny.pth", seed: int = 0) -> tuple:
    """A release-layout file ``folder/name`` with its tokenizer beside it → (folder, parts, lora)."""
    parts = tiny_parts(seed)
    lora = random_lora(parts)
    write_release(Path(folder) / name, parts, lora)
    write_tokenizer(folder)
    return Path(folder), parts, lora


__all__ = ["tiny_parts", "random_lora", "write_release", "write_tokenizer", "tiny_release"]

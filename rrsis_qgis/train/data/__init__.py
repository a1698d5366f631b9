"""Referring-segmentation datasets: `open_dataset("FORMAT:PATH", split)` → a ReferringDataset of Samples.

Formats: `refsegrs` (RefSegRS root), `rrsisd` (RRSIS-D folder with refs(unc).p + instances.json),
`jsonl` / `risbench` (a RISBench / RSRefSeg 2 datainfo .jsonl file). Each module's docstring names
the public loader whose on-disk layout it follows.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional, Union

from . import jsonl, refsegrs, rrsisd
from .common import DatasetError, ReferringDataset, Sample, build_dataset, collate_samples

FORMATS = {"refsegrs": refsegrs.read_index, "rrsisd": rrsisd.read_index,
           "jsonl": jsonl.read_index, "risbench": jsonl.read_index}

__all__ = ["DatasetError", "FORMATS", "ReferringDataset", "Sample", "collate_samples", "default_split", "open_dataset"]
ONE_SPLIT_PER_FILE = ("jsonl", "risbench")  # a .jsonl file is one split already: no filtering by default


def default_split(spec: str, split: Optional[str], usual: str) -> Optional[str]:
    """The split to read: the one asked for, else ``usual`` ("train", "val", "test") for datasets that hold
    several splits, else None (every line of a JSONL file)."""
    if split:
        return split
    return None if spec.partition(":")[0].lower() in ONE_SPLIT_PER_FILE else usual


def open_dataset(spec: str, split: Optional[str] = None,
                 image_root: Union[Path, str, None] = None) -> ReferringDataset:
    """Index the expressions of `spec` = "FORMAT:PATH" (one split); images are decoded only when read."""
    fmt, sep, path = spec.partition(":")
    if not sep or fmt.lower() not in FORMATS or not path:
        raise DatasetError(f"dataset spec {spec!r}: expected FORMAT:PATH with FORMAT one of {', '.join(FORMATS)}")
    root = Path(path).expanduser()
    records = FORMATS[fmt.lower()](root, split, Path(image_root).expanduser() if image_root else None)
    if not records and split is not None:
        raise DatasetError(f"{root}: no expressions of split {split!r}")
    return build_dataset(records, name=f"{fmt.lower()}:{root}" + (f" [{split}]" if split else ""))

"""COCO run-length encoding of binary masks (compressed string form), numpy only: server and plugin share it."""
from __future__ import annotations

import numpy as np


def encode(mask: np.ndarray) -> dict:
    """H×W bool → {"size": [H, W], "counts": str}, byte-identical to pycocotools' encode."""
    h, w = mask.shape
    flat = np.asarray(mask, dtype=bool).ravel(order="F")  # COCO runs go down the columns
    change = np.flatnonzero(flat[1:] != flat[:-1]) + 1
    bounds = np.concatenate([[0], change, [flat.size]])
    runs = np.diff(bounds).tolist()
    if flat.size and flat[0]:
        runs = [0] + runs  # counts always start with a run of zeros
    return {"size": [int(h), int(w)], "counts": _to_string(runs)}


def decode(rle: dict) -> np.ndarray:
    """{"size": [H, W], "counts": str | list} → H×W bool."""
    h, w = (int(v) for v in rle["size"])
    counts = rle["counts"]
    runs = _from_string(counts) if isinstance(counts, str) else [int(c) for c in counts]
    if sum(runs) != h * w or any(r < 0 for r in runs):
        raise ValueError(f"RLE counts do not describe a {h}×{w} mask")
    values = np.zeros(len(runs), dtype=bool)
    values[1::2] = True
    return np.repeat(values, runs).reshape((h, w), order="F")


def _to_string(runs: list) -> str:
    out = []
    for i, x in enumerate(runs):
        if i > 2:
            x -= runs[i - 2]  # delta against the run of the same value before
        more = True
        while more:
            c = x & 0x1F
            x >>= 5
            more = x != -1 if c & 0x10 else x != 0
            out.append(chr((c | 0x20 if more else c) + 48))
    return "".join(out)


def _from_string(text: str) -> list:
    runs: list = []
    p = 0
    while p < len(text):
        x, k, more = 0, 0, True
        while more:
            if p >= len(text):
                raise ValueError("truncated RLE string")
            c = ord(text[p]) - 48
            x |= (c & 0x1F) << (5 * k)
            more = bool(c & 0x20)
            p += 1
            k += 1
            if not more and c & 0x10:
                x |= -1 << (5 * k)
        if len(runs) > 2:
            x += runs[-2]
        runs.append(x)
    return runs

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


MAX_CHARS_PER_COUNT = 12  # 5 bits each: far beyond any mask's pixel count, and inside int64


def _to_string(runs: list) -> str:
    """COCO's compressed counts: each count (after the first three, minus the count two before it) in 5-bit
    chunks, low first, 0x20 = more follow, offset by 48 into printable ASCII. Vectorised over the counts."""
    counts = np.asarray(runs, dtype=np.int64)
    if counts.size == 0:
        return ""
    x = counts.copy()
    x[3:] -= counts[1:-2]  # delta against the run of the same value before
    chars, kept = [], []
    active = np.ones(x.size, bool)
    while active.any():
        c = x & 0x1F
        x = x >> 5  # arithmetic shift: negative deltas end on all ones
        more = np.where(c & 0x10, x != -1, x != 0)
        chars.append(np.where(more, c | 0x20, c) + 48)
        kept.append(active.copy())
        active &= more
    return np.stack(chars, 1)[np.stack(kept, 1)].astype(np.uint8).tobytes().decode("ascii")


def _from_string(text: str) -> list:
    """The inverse of :func:`_to_string`, vectorised over the characters."""
    if not text:
        return []
    try:
        c = np.frombuffer(text.encode("ascii"), dtype=np.uint8).astype(np.int64) - 48
    except UnicodeEncodeError:
        raise ValueError("RLE string is not ASCII") from None
    if c.min() < 0 or c.max() > 0x3F:
        raise ValueError("RLE string has characters outside COCO's alphabet")
    last = (c & 0x20) == 0  # the last chunk of a count
    if not last[-1]:
        raise ValueError("truncated RLE string")
    ends = np.flatnonzero(last)
    starts = np.concatenate([[0], ends[:-1] + 1])
    length = ends - starts + 1
    if length.max() > MAX_CHARS_PER_COUNT:
        raise ValueError("RLE string has a count too large for any mask")
    position = np.arange(c.size) - np.repeat(starts, length)  # chunk index within its count
    x = np.add.reduceat((c & 0x1F) << (5 * position), starts)
    negative = (c[ends] & 0x10) != 0
    x[negative] |= -1 << (5 * length[negative])  # sign-extend
    runs = x.copy()  # runs[i] = x[i] + runs[i - 2] for i > 2: a running sum over each parity from index 1 and 2
    runs[1::2] = np.cumsum(x[1::2])
    runs[2::2] = np.cumsum(x[2::2])
    return runs.tolist()

"""Referring-segmentation metrics: mIoU (= gIoU), oIoU (= cIoU) and Pr@t, mergeable across processes.

Definitions (DESIGN.md, "Metrics"):

- mIoU: mean over samples of I_i / U_i. A sample whose prediction and ground truth are both empty
  is a correct answer and counts IoU 1.
- oIoU: sum of I over sum of U for the whole split. When the sum of U is 0 (every prediction and
  every ground truth empty, n > 0) every answer was right, so oIoU is 1, the same convention as
  the per-sample one. Large objects weigh more in oIoU than in mIoU.
- Pr@t, t in 0.5 ... 0.9: fraction of samples with IoU >= t.
- A summary of no samples (n = 0) reports 0 for every metric: nothing was measured, and 0 never
  reads as a success.

The counts are plain sums, so the metrics of several processes combine exactly: `merge`, or
`state()` / `from_state()` for `all_gather_object`, or `as_array(kinds)` / `from_array()` for an
`all_reduce(SUM)` once the ranks agree on the list of kinds.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np

THRESHOLDS = (0.5, 0.6, 0.7, 0.8, 0.9)
_DECIMALS = 4


def intersection_union(pred: np.ndarray, gt: np.ndarray) -> tuple:
    """(|pred ∧ gt|, |pred ∨ gt|) in pixels, as Python ints."""
    pred = np.asarray(pred, dtype=bool)
    gt = np.asarray(gt, dtype=bool)
    if pred.shape != gt.shape:
        raise ValueError(f"prediction shape {pred.shape} differs from ground truth shape {gt.shape}")
    return int(np.count_nonzero(pred & gt)), int(np.count_nonzero(pred | gt))


def iou(pred: np.ndarray, gt: np.ndarray) -> float:
    """I / U of two boolean masks; 1.0 when both are empty."""
    inter, union = intersection_union(pred, gt)
    return _ratio(inter, union)


def _ratio(inter: float, union: float) -> float:
    return 1.0 if union == 0 else inter / union


@dataclass
class _Counts:
    """Raw sums for one group of samples: everything the metrics need, nothing derived."""

    n: int = 0
    iou_sum: float = 0.0
    inter_sum: int = 0
    union_sum: int = 0
    hits: List[int] = field(default_factory=lambda: [0] * len(THRESHOLDS))

    def add(self, inter: int, union: int) -> None:
        sample_iou = _ratio(inter, union)
        self.n += 1
        self.iou_sum += sample_iou
        self.inter_sum += inter
        self.union_sum += union
        # I / U is the double nearest the true ratio and each threshold literal is the double nearest
        # its decimal, so a ratio exactly equal to t (e.g. 3/5 and 0.6) compares equal: no epsilon.
        for k, t in enumerate(THRESHOLDS):
            self.hits[k] += sample_iou >= t

    def merge(self, other: "_Counts") -> None:
        self.n += other.n
        self.iou_sum += other.iou_sum
        self.inter_sum += other.inter_sum
        self.union_sum += other.union_sum
        self.hits = [a + b for a, b in zip(self.hits, other.hits)]

    def to_list(self) -> List[float]:
        return [self.n, self.iou_sum, self.inter_sum, self.union_sum, *self.hits]

    @classmethod
    def from_list(cls, values: Sequence[float]) -> "_Counts":
        n, iou_sum, inter_sum, union_sum, *hits = values
        if len(hits) != len(THRESHOLDS):
            raise ValueError(f"expected {4 + len(THRESHOLDS)} values, got {len(values)}")
        return cls(int(round(n)), float(iou_sum), int(round(inter_sum)), int(round(union_sum)),
                   [int(round(h)) for h in hits])

    def miou(self) -> float:
        return self.iou_sum / self.n if self.n else 0.0

    def oiou(self) -> float:
        return _ratio(self.inter_sum, self.union_sum) if self.n else 0.0

    def precision_at(self) -> Dict[str, float]:
        return {f"pr@{t}": (h / self.n if self.n else 0.0) for t, h in zip(THRESHOLDS, self.hits)}


_ROW = len(_Counts().to_list())


def _round(value: float) -> float:
    return round(float(value), _DECIMALS)


def markdown(summary: dict) -> str:
    """A Markdown table of a `ReferringMetrics.summary()`: the overall row, then one row per kind."""
    pr_keys = [f"pr@{t}" for t in THRESHOLDS]
    header = ["", "n", "mIoU", "oIoU"] + [f"Pr@{t}" for t in THRESHOLDS]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    overall = [f"{summary[k]:.4f}" for k in ("miou", "oiou")] + [f"{summary[k]:.4f}" for k in pr_keys]
    lines.append("| " + " | ".join(["all", str(summary["n"])] + overall) + " |")
    for kind, row in summary.get("per_kind", {}).items():
        cells = [kind, str(row["n"]), f"{row['miou']:.4f}", f"{row['oiou']:.4f}"] + ["–"] * len(pr_keys)
        lines.append("| " + " | ".join(cells) + " |")
    if summary.get("skipped"):
        reasons = ", ".join(f"{k}: {v}" for k, v in summary.get("skipped_reasons", {}).items())
        lines.append(f"\nskipped {summary['skipped']} expression(s)" + (f": {reasons}" if reasons else ""))
    return "\n".join(lines) + "\n"


class ReferringMetrics:
    """Accumulates I and U per sample (and per expression kind) and reports mIoU, oIoU and Pr@t."""

    markdown = staticmethod(markdown)

    def __init__(self) -> None:
        self._overall = _Counts()
        self._per_kind: Dict[str, _Counts] = {}

    def add(self, pred: np.ndarray, gt: np.ndarray, kind: Optional[str] = None) -> float:
        """Count one sample; returns its IoU."""
        inter, union = intersection_union(pred, gt)
        self._overall.add(inter, union)
        if kind is not None:
            self._per_kind.setdefault(kind, _Counts()).add(inter, union)
        return _ratio(inter, union)

    def merge(self, other: "ReferringMetrics") -> "ReferringMetrics":
        """Add another accumulator's counts to this one (in place); returns self."""
        self._overall.merge(other._overall)
        for kind, counts in other._per_kind.items():
            self._per_kind.setdefault(kind, _Counts()).merge(counts)
        return self

    def state(self) -> dict:
        """The raw sums as plain Python lists (JSON- and pickle-friendly)."""
        return {"overall": self._overall.to_list(),
                "per_kind": {kind: counts.to_list() for kind, counts in self._per_kind.items()}}

    @classmethod
    def from_state(cls, state: dict) -> "ReferringMetrics":
        metrics = cls()
        metrics._overall = _Counts.from_list(state["overall"])
        metrics._per_kind = {kind: _Counts.from_list(v) for kind, v in state.get("per_kind", {}).items()}
        return metrics

    def kinds(self) -> List[str]:
        return sorted(self._per_kind)

    def as_array(self, kinds: Sequence[str] = ()) -> np.ndarray:
        """float64 array (1 + len(kinds)) × row: overall first, then `kinds` in order (zeros if unseen).

        Sum these across ranks (all_reduce) when every rank passes the same `kinds`; float64 holds
        pixel counts exactly up to 2**53.
        """
        rows = [self._overall] + [self._per_kind.get(kind, _Counts()) for kind in kinds]
        return np.array([r.to_list() for r in rows], dtype=np.float64)

    @classmethod
    def from_array(cls, array: np.ndarray, kinds: Sequence[str] = ()) -> "ReferringMetrics":
        array = np.asarray(array, dtype=np.float64).reshape(1 + len(kinds), _ROW)
        metrics = cls()
        metrics._overall = _Counts.from_list(array[0])
        metrics._per_kind = {kind: _Counts.from_list(row) for kind, row in zip(kinds, array[1:]) if row[0] > 0}
        return metrics

    def summary(self) -> dict:
        """{"miou", "oiou", "pr@0.5" … "pr@0.9", "n"} plus "per_kind" when kinds were given."""
        result = {"miou": _round(self._overall.miou()), "oiou": _round(self._overall.oiou()),
                  **{k: _round(v) for k, v in self._overall.precision_at().items()},
                  "n": self._overall.n}
        if self._per_kind:
            result["per_kind"] = {kind: {"miou": _round(c.miou()), "oiou": _round(c.oiou()), "n": c.n}
                                  for kind, c in sorted(self._per_kind.items())}
        return result

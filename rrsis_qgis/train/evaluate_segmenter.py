"""Score any Segmenter (a released model, a preset) on a dataset: one view and one phrase at a time, as inference."""
from __future__ import annotations

from collections import Counter
from typing import Callable, Optional

from torch.utils.data import Dataset

from .data.common import nothing_scored, skipped_reasons
from .metrics import ReferringMetrics


def evaluate_segmenter(segmenter, dataset: Dataset, progress: Optional[Callable[[int, int], None]] = None) -> dict:
    """mIoU, oIoU, Pr@t (overall and per kind) of the masks ``segmenter.segment`` gives, how many expressions
    were skipped (absent at indexing or undecodable) and why; DatasetError if none could be scored.

    Each sample is its own query (a batch of one phrase), so no phrase's padding depends on another's.
    An empty answer counts as an empty mask.
    """
    metrics, skipped = ReferringMetrics(), sum(getattr(dataset, "skipped_at_construction", {}).values())
    load_skips_before = Counter(getattr(dataset, "skipped_at_load", {}))
    for i in range(len(dataset)):
        sample = dataset[i]
        if sample is None:
            skipped += 1
        else:
            result = segmenter.segment(sample.image, sample.phrase, top_k=1)
            pred = result.masks[0] if result.masks else sample.mask & False
            metrics.add(pred, sample.mask, sample.kind)
        if progress:
            progress(i + 1, len(dataset))
    summary = metrics.summary()
    at_load = Counter(getattr(dataset, "skipped_at_load", {})) - load_skips_before
    summary["skipped"], summary["skipped_reasons"] = skipped, skipped_reasons(dataset, at_load)
    if summary["n"] == 0:
        raise nothing_scored(dataset, summary["skipped_reasons"])
    return summary

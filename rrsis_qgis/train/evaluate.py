"""Batched prediction and evaluation of a ReferringModel on a dataset (the same ranking code as inference)."""
from __future__ import annotations

from collections import Counter
from typing import Callable, List, Optional

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler

from ..engine.clip_dense import rgb_tensor
from ..engine.phrase import parse
from ..engine.referring_model import ReferringModel, select_images
from ..engine.trained_ranking import ASPECTS, MASK_THRESHOLD, aspect_of, helper_phrases, is_geometric, pick
from .data import collate_samples
from .data.common import nothing_scored, skipped_reasons
from .distributed import Dist, all_sum
from .metrics import ReferringMetrics


def images_tensor(samples, side: int, device: torch.device) -> torch.Tensor:
    """Samples' images → B×3×side×side floats in [0, 1] (the SAM 2 encoder's square input)."""
    out = []
    for s in samples:
        x = rgb_tensor(s.image)
        if x.shape[-2:] != (side, side):
            x = F.interpolate(x, size=(side, side), mode="bilinear", align_corners=False, antialias=True)
        out.append(x)
    return torch.cat(out).to(device)


@torch.no_grad()
def predict(model: ReferringModel, samples, device: Optional[torch.device] = None,
            candidate_threshold: Optional[float] = None) -> List[tuple]:
    """Per sample, from one forward pass: (direct mask, reasoned mask, the phrase's aspect or None)."""
    device = device or next(model.parameters()).device
    side = model._sam.image_size
    features = model.encode_images(images_tensor(samples, side, device))
    ids = model._clip.tokenize([s.phrase for s in samples])
    probs = _probabilities(model, features, ids, samples)
    queries = [parse(s.phrase) for s in samples]
    categories, landmarks = _helper_maps(model, features, samples, queries)
    extra = {} if candidate_threshold is None else {"candidate_threshold": candidate_threshold}
    return [(pick(p, q, 1, "direct")[0].mask,
             pick(p, q, 1, "reasoned", landmarks.get(i), category=categories.get(i), **extra)[0].mask,
             aspect_of(q)) for i, (p, q) in enumerate(zip(probs, queries))]


def _probabilities(model, features: dict, ids: torch.Tensor, samples) -> List[np.ndarray]:
    logits = model.decode(features, ids)["logits"].float()
    out = []
    for i, s in enumerate(samples):
        up = F.interpolate(logits[i:i + 1], size=s.mask.shape, mode="bilinear", align_corners=False)
        out.append(torch.sigmoid(up)[0, 0].cpu().numpy())
    return out


def _helper_maps(model, features: dict, samples, queries) -> tuple:
    """For geometric phrases, what inference asks too: the category map (candidates) and landmark masks."""
    jobs = []  # (sample, phrase, is the category)
    for i, q in enumerate(queries):
        if is_geometric(q):
            category, landmarks = helper_phrases(q)
            jobs += [(i, category, True)] + [(i, name, False) for name in landmarks]
    if not jobs:
        return {}, {}
    ids = model._clip.tokenize([phrase for _, phrase, _ in jobs])
    sub = select_images(features, torch.as_tensor([i for i, _, _ in jobs], device=features["clip"].device))
    categories, landmarks = {}, {}
    for (i, _, is_category), p in zip(jobs, _probabilities(model, sub, ids, [samples[i] for i, _, _ in jobs])):
        if is_category:
            categories[i] = p
        else:
            landmarks.setdefault(i, []).append(p > MASK_THRESHOLD)
    return categories, landmarks


def evaluate(model: ReferringModel, dataset: Dataset, rankings=("direct", "reasoned"), device=None,
             d: Dist = Dist(), batch_size: int = 16, progress: Optional[Callable[[int, int], None]] = None,
             candidate_threshold: Optional[float] = None, reason_about: tuple = ASPECTS) -> dict:
    """{ranking: mIoU, oIoU, Pr@t overall and per kind (summed over all ranks), skipped count and reasons}.

    ``skipped`` counts every expression left out: absent files (at indexing) and undecodable ones (here);
    ``skipped_reasons`` says why. A dataset of which nothing could be scored raises DatasetError.
    "reasoned" ranks instances by geometry for the phrases whose aspect is in ``reason_about``;
    ``"aspects"`` adds, per aspect, mIoU of both rankings (what ``choose_reason_about`` reads).
    """
    was_training = model.training
    model.eval()
    sampler = DistributedSampler(dataset, d.world, d.rank, shuffle=False) if d.enabled else None
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, collate_fn=collate_samples)
    metrics = {r: ReferringMetrics() for r in ("direct", "reasoned", "aspect_direct", "aspect_reasoned")}
    load_skips_before = Counter(getattr(dataset, "skipped_at_load", {}))
    dropped, done = 0, 0
    for samples, n_dropped in loader:
        dropped += n_dropped
        predictions = predict(model, samples, device, candidate_threshold) if samples else []  # all dropped
        for s, (direct, reasoned, aspect) in zip(samples, predictions):
            metrics["direct"].add(direct, s.mask, s.kind)
            metrics["reasoned"].add(reasoned if (aspect or "none") in reason_about else direct, s.mask, s.kind)
            metrics["aspect_direct"].add(direct, s.mask, aspect or "none")
            metrics["aspect_reasoned"].add(reasoned, s.mask, aspect or "none")
        done += len(samples) + n_dropped
        if progress:
            progress(done, len(loader.sampler) if sampler else len(dataset))
    model.train(was_training)
    summaries = {r: _reduce(m, dropped, d) for r, m in metrics.items()}
    reasons = _skip_reasons(dataset, Counter(getattr(dataset, "skipped_at_load", {})) - load_skips_before, d)
    for summary in summaries.values():
        summary["skipped"] += sum(getattr(dataset, "skipped_at_construction", {}).values())
        summary["skipped_reasons"] = reasons
    if summaries["direct"]["n"] == 0:
        raise nothing_scored(dataset, reasons)
    out = {r: summaries[r] for r in rankings}
    out["aspects"] = {a: {"direct": v["miou"], "reasoned": summaries["aspect_reasoned"]["per_kind"][a]["miou"],
                          "n": v["n"]} for a, v in summaries["aspect_direct"].get("per_kind", {}).items()}
    return out


def _skip_reasons(dataset, at_load: Counter, d: Dist) -> dict:
    """skipped_reasons of the dataset, with the decode failures summed over the ranks."""
    if d.enabled:
        import torch.distributed as dist  # noqa: PLC0415

        gathered: list = [None] * d.world
        dist.all_gather_object(gathered, dict(at_load))
        at_load = sum((Counter(g) for g in gathered), Counter())
    return skipped_reasons(dataset, at_load)


def choose_reason_about(aspects: dict) -> tuple:
    """The aspects for which ranking instances by geometry beat the network alone (on validation data)."""
    return tuple(a for a in ASPECTS if a in aspects and aspects[a]["reasoned"] > aspects[a]["direct"])


def _reduce(metrics: ReferringMetrics, dropped: int, d: Dist) -> dict:
    if not d.enabled:
        summary = metrics.summary()
        summary["skipped"] = dropped
        return summary
    import torch.distributed as dist  # noqa: PLC0415

    kinds: list = [None] * d.world
    dist.all_gather_object(kinds, metrics.kinds())
    all_kinds = sorted({k for ks in kinds for k in ks})
    array = torch.as_tensor(np.append(metrics.as_array(all_kinds), dropped), dtype=torch.float64)
    array = all_sum(array, d).numpy()
    summary = ReferringMetrics.from_array(array[:-1], all_kinds).summary()
    summary["skipped"] = int(array[-1])
    return summary

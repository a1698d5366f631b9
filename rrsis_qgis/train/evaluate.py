"""Batched prediction and evaluation of a ReferringModel on a dataset (the same ranking code as inference)."""
from __future__ import annotations

from typing import Callable, List, Optional

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler

from ..engine.phrase import parse
from ..engine.referring_model import ReferringModel, select_images
from ..engine.trained_ranking import ASPECTS, MASK_THRESHOLD, aspect_of, category_phrase, is_geometric, pick
from ..engine.zero_shot import landmark_names
from .data import collate_samples
from .distributed import Dist, all_sum
from .metrics import ReferringMetrics


def images_tensor(samples, side: int, device: torch.device) -> torch.Tensor:
    """Samples' images → B×3×side×side floats in [0, 1] (the SAM 2 encoder's square input)."""
    out = []
    for s in samples:
        x = torch.from_numpy(np.ascontiguousarray(s.image)).permute(2, 0, 1)[None].float() / 255.0
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
    landmarks = _landmarks(model, features, samples, queries)
    categories = _categories(model, features, samples, queries)
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


def _categories(model, features: dict, samples, queries) -> dict:
    """For geometric phrases, the network's map of every instance of the target (the candidates)."""
    index = [i for i, q in enumerate(queries) if is_geometric(q)]
    if not index:
        return {}
    ids = model._clip.tokenize([category_phrase(queries[i]) for i in index])
    sub = select_images(features, torch.as_tensor(index, device=features["clip"].device))
    return dict(zip(index, _probabilities(model, sub, ids, [samples[i] for i in index])))


def _landmarks(model, features: dict, samples, queries) -> dict:
    """For relation phrases, the network's mask of each landmark ("the road", "the building")."""
    jobs = [(i, name) for i, q in enumerate(queries) if is_geometric(q) for name in landmark_names(q)]
    if not jobs:
        return {}
    ids = model._clip.tokenize([f"the {name}" for _, name in jobs])
    probs = _probabilities(model, select_images(features, torch.as_tensor([i for i, _ in jobs], device=features['clip'].device)), ids, [samples[i] for i, _ in jobs])
    out: dict = {}
    for (i, _), p in zip(jobs, probs):
        out.setdefault(i, []).append(p > MASK_THRESHOLD)
    return out


def evaluate(model: ReferringModel, dataset: Dataset, rankings=("direct", "reasoned"), device=None,
             d: Dist = Dist(), batch_size: int = 16, progress: Optional[Callable[[int, int], None]] = None,
             candidate_threshold: Optional[float] = None, reason_about: tuple = ASPECTS) -> dict:
    """{ranking: mIoU, oIoU, Pr@t overall and per kind (summed over all ranks), skipped count}.

    "reasoned" ranks instances by geometry for the phrases whose aspect is in ``reason_about``;
    ``"aspects"`` adds, per aspect, mIoU of both rankings (what ``choose_reason_about`` reads).
    """
    was_training = model.training
    model.eval()
    sampler = DistributedSampler(dataset, d.world, d.rank, shuffle=False) if d.enabled else None
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, collate_fn=collate_samples)
    metrics = {r: ReferringMetrics() for r in ("direct", "reasoned", "aspect_direct", "aspect_reasoned")}
    dropped, done = 0, 0
    for samples, n_dropped in loader:
        dropped += n_dropped
        for s, (direct, reasoned, aspect) in zip(samples, predict(model, samples, device, candidate_threshold)):
            metrics["direct"].add(direct, s.mask, s.kind)
            metrics["reasoned"].add(reasoned if (aspect or "none") in reason_about else direct, s.mask, s.kind)
            metrics["aspect_direct"].add(direct, s.mask, aspect or "none")
            metrics["aspect_reasoned"].add(reasoned, s.mask, aspect or "none")
        done += len(samples) + n_dropped
        if progress:
            progress(done, len(loader.sampler) if sampler else len(dataset))
    model.train(was_training)
    summaries = {r: _reduce(m, dropped, d) for r, m in metrics.items()}
    out = {r: summaries[r] for r in rankings}
    out["aspects"] = {a: {"direct": v["miou"], "reasoned": summaries["aspect_reasoned"]["per_kind"][a]["miou"],
                          "n": v["n"]} for a, v in summaries["aspect_direct"].get("per_kind", {}).items()}
    return out


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

"""Batched prediction and evaluation of a ReferringModel on a dataset (the same ranking code as inference)."""
from __future__ import annotations

from typing import Callable, List, Optional

import numpy as np
import torch
import torch.nn.functional as F
from torch.utils.data import DataLoader, Dataset
from torch.utils.data.distributed import DistributedSampler

from ..engine.phrase import parse
from ..engine.referring_model import ReferringModel
from ..engine.trained_ranking import MASK_THRESHOLD, is_geometric, pick
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


def select(features: dict, index: List[int]) -> dict:
    """The encoded images at ``index`` (one entry per phrase to decode)."""
    idx = torch.as_tensor(index, device=features["clip"].device)
    return {"clip": features["clip"][idx], "grid": features["grid"],
            "sam": {"image_embed": features["sam"]["image_embed"][idx],
                    "high_res_feats": [f[idx] for f in features["sam"]["high_res_feats"]]}}


@torch.no_grad()
def predict(model: ReferringModel, samples, rankings=("reasoned",), device: Optional[torch.device] = None,
            candidate_threshold: Optional[float] = None) -> dict:
    """{ranking: one H×W bool mask per sample, at the sample's own size} from one forward pass."""
    device = device or next(model.parameters()).device
    side = model._sam.image_size
    features = model.encode_images(images_tensor(samples, side, device))
    ids = model._clip.tokenize([s.phrase for s in samples])
    probs = _probabilities(model, features, ids, samples)
    queries = [parse(s.phrase) for s in samples]
    landmarks = _landmarks(model, features, samples, queries) if "reasoned" in rankings else {}
    extra = {} if candidate_threshold is None else {"candidate_threshold": candidate_threshold}
    return {r: [pick(p, q, 1, r, landmarks.get(i), **extra)[0].mask for i, (p, q) in enumerate(zip(probs, queries))]
            for r in rankings}


def _probabilities(model, features: dict, ids: torch.Tensor, samples) -> List[np.ndarray]:
    logits = model.decode(features, ids)["logits"].float()
    out = []
    for i, s in enumerate(samples):
        up = F.interpolate(logits[i:i + 1], size=s.mask.shape, mode="bilinear", align_corners=False)
        out.append(torch.sigmoid(up)[0, 0].cpu().numpy())
    return out


def _landmarks(model, features: dict, samples, queries) -> dict:
    """For relation phrases, the network's mask of each landmark ("the road", "the building")."""
    jobs = [(i, name) for i, q in enumerate(queries) if is_geometric(q) for name in landmark_names(q)]
    if not jobs:
        return {}
    ids = model._clip.tokenize([f"the {name}" for _, name in jobs])
    probs = _probabilities(model, select(features, [i for i, _ in jobs]), ids, [samples[i] for i, _ in jobs])
    out: dict = {}
    for (i, _), p in zip(jobs, probs):
        out.setdefault(i, []).append(p > MASK_THRESHOLD)
    return out


def evaluate(model: ReferringModel, dataset: Dataset, rankings=("direct", "reasoned"), device=None,
             d: Dist = Dist(), batch_size: int = 16, progress: Optional[Callable[[int, int], None]] = None,
             candidate_threshold: Optional[float] = None) -> dict:
    """{ranking: mIoU, oIoU, Pr@t overall and per kind, summed over all ranks, and the skipped count}."""
    was_training = model.training
    model.eval()
    sampler = DistributedSampler(dataset, d.world, d.rank, shuffle=False) if d.enabled else None
    loader = DataLoader(dataset, batch_size=batch_size, sampler=sampler, collate_fn=collate_samples)
    metrics = {r: ReferringMetrics() for r in rankings}
    dropped, done = 0, 0
    for samples, n_dropped in loader:
        dropped += n_dropped
        if samples:
            masks = predict(model, samples, rankings, device, candidate_threshold)
            for r in rankings:
                for s, m in zip(samples, masks[r]):
                    metrics[r].add(m, s.mask, s.kind)
        done += len(samples) + n_dropped
        if progress:
            progress(done, len(loader.sampler) if sampler else len(dataset))
    model.train(was_training)
    return {r: _reduce(m, dropped, d) for r, m in metrics.items()}


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

"""The zero-shot pipeline: phrase activation (dense CLIP) → prompts → SAM 2 masks, with stage timings."""
from __future__ import annotations

import dataclasses
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

import numpy as np
import torch

from ..phrase_check import clean_phrase
from . import zero_shot
from .activation import activation_map
from .clip_dense import DenseClip
from .device import resolve_device
from .phrase import parse
from .prompts import REGION_THRESHOLD, Prompts, coarse_mask, find_peaks, mask_logits, prompts_for_peak
from .refiner import Sam2Refiner
from .specs import ModelSpec, get_spec
from .weights import resolve_weights

MIN_SIDE = 8


@dataclass
class Result:
    masks: List[np.ndarray]  # H×W bool, best first
    scores: List[float]
    heatmap: np.ndarray  # H×W float32 in [0, 1]
    timings_ms: dict
    prompts: List[Prompts] = field(default_factory=list)
    model: str = ""
    query: dict = field(default_factory=dict)  # the parsed phrase
    candidates: List[dict] = field(default_factory=list)  # every candidate: bbox, score, per-term scores


@dataclass
class ImageEmbeddings:
    """Everything the image encoders computed for one view: a new phrase on it needs only this."""

    clip_patches: torch.Tensor
    sam_state: tuple
    hw: tuple

    @property
    def nbytes(self) -> int:
        tensors = [self.clip_patches, self.sam_state[0]["image_embed"], *self.sam_state[0]["high_res_feats"]]
        return sum(t.element_size() * t.nelement() for t in tensors)


class Segmenter:
    """Built once per model spec; ``segment`` is called per view and phrase."""

    def __init__(self, spec: ModelSpec, device: str = "auto", models_dir: Optional[Path] = None, seed: int = 0):
        self.spec = spec
        self.device = resolve_device(device)
        paths = resolve_weights(spec.weight_keys, models_dir)  # raises MissingWeightsError first
        torch.manual_seed(seed)
        self.clip = DenseClip(spec.clip, self.device, paths.get(spec.clip.weights))
        torch.manual_seed(seed + 1)
        self.refiner = Sam2Refiner(spec.sam2, self.device, paths.get(spec.sam2.weights))

    @classmethod
    def from_name(cls, name: str, **kwargs) -> "Segmenter":
        return cls(get_spec(name), **kwargs)

    def encode(self, image: np.ndarray, progress: Optional[Callable[[str], None]] = None,
               timings: Optional[dict] = None) -> ImageEmbeddings:
        """Run both image encoders on an H×W×3 uint8 view (the expensive, phrase-independent part)."""
        image = _check_image(image)
        stage = _Stages({} if timings is None else timings, progress)
        with stage("clip_image"):
            patches = self.clip.image_features(image)
        with stage("sam2_encoder"):
            self.refiner.set_image(image)
        return ImageEmbeddings(patches, self.refiner.image_state(), image.shape[:2])

    def segment(self, image: np.ndarray, phrase: str, top_k: int = 1, valid: Optional[np.ndarray] = None,
                progress: Optional[Callable[[str], None]] = None, embeddings: Optional[ImageEmbeddings] = None,
                points: Optional[np.ndarray] = None, boxes: Optional[np.ndarray] = None,
                reasoning: bool = True) -> Result:
        """H×W×3 uint8 view + phrase → masks (best first) with scores, heatmap and per-stage timings.

        ``embeddings`` from :meth:`encode` of the same view skip both image encoders. ``points``
        (N×3: x, y, label 1/0) and ``boxes`` (M×4) in view pixels refine the phrase's result: each
        box gives one candidate, otherwise the points join the activation peaks' prompts.
        With ``reasoning`` (default) the phrase is parsed; candidates of the target are ranked by
        activation, attributes and the geometry of position / relation / superlative / ordinal
        (score = the reasoner's). Without it, the whole phrase's activation peaks are refined and
        scored by SAM's predicted IoU × mean activation inside the mask.
        """
        phrase = clean_phrase(phrase)
        image = _check_image(image)
        h, w = image.shape[:2]
        valid = np.ones((h, w), bool) if valid is None else valid.astype(bool)
        timings: dict = {}
        stage = _Stages(timings, progress)
        if embeddings is None:
            embeddings = self.encode(image, progress, timings)
        elif tuple(embeddings.hw) != (h, w):
            raise ValueError("the cached embeddings belong to a view of another size")
        else:
            self.refiner.restore(embeddings.sam_state)
        query = parse(phrase) if reasoning else None
        with stage("clip_text"):
            texts = zero_shot.encode_texts(self.clip, query, phrase)
        with stage("activation"):
            heat = activation_map(embeddings.clip_patches, *texts["target"], (h, w), valid)
            n = zero_shot.candidate_count(query, top_k)
            candidates = _candidate_prompts(heat, n, self.refiner.mask_side, points, boxes)
        if query is None:
            with stage("sam2_decoder"):
                refined = dict(enumerate(self.refiner.refine_batch(candidates)))
            masks = {i: r.mask & valid for i, r in refined.items()}
            scores = [refined[i].iou * _mean_inside(heat, masks[i]) for i in range(len(candidates))]
            ranked = [zero_shot.Choice(i, s, {}) for i, s in sorted(enumerate(scores), key=lambda t: -t[1])]
        else:
            # coarse to fine: rank the activation regions, cut only the shortlist with SAM, rank again
            with stage("reasoning"):
                landmarks = zero_shot.landmark_masks(self, embeddings.clip_patches, texts, (h, w), valid)
                masks = {i: coarse_mask(heat, c) & valid for i, c in enumerate(candidates)}
                coarse = zero_shot.choose(query, [masks[i] for i in range(len(candidates))], heat,
                                          embeddings.clip_patches, texts, landmarks)
                shortlist = [c.index for c in coarse[:zero_shot.shortlist_size(top_k)]]
            with stage("sam2_decoder"):
                refined = dict(zip(shortlist, self.refiner.refine_batch([candidates[i] for i in shortlist])))
            with stage("reasoning"):
                masks.update({i: r.mask & valid for i, r in refined.items()})
                fine = zero_shot.choose(query, [masks[i] for i in shortlist], heat, embeddings.clip_patches,
                                        texts, landmarks)
                ranked = [zero_shot.Choice(shortlist[c.index], c.score, c.terms) for c in fine]
                ranked += [c for c in coarse if c.index not in refined]
        best = ranked[:top_k]
        with stage("sam2_refine"):  # the second pass, with its own mask as dense prompt, for the winners only
            final = [self.refiner.refine(dataclasses.replace(candidates[c.index], mask_logits=refined[c.index].low_res_logits),
                                         use_mask_prompt=True, second_pass=False).mask & valid for c in best]
        return Result(masks=final, scores=[round(c.score, 5) for c in best], heatmap=heat, timings_ms=timings,
                      prompts=[candidates[c.index] for c in best], model=self.spec.name,
                      query=query.as_dict() if query else {"text": phrase, "target": phrase},
                      candidates=[{"bbox": mask_bbox(masks[c.index]), "score": round(c.score, 5), "terms": c.terms,
                                   "refined": c.index in refined} for c in ranked])


def _mean_inside(heat: np.ndarray, mask: np.ndarray) -> float:
    return float(heat[mask].mean()) if mask.any() else 0.0


def mask_bbox(mask: np.ndarray) -> list:
    """[x0, y0, x1, y1] of a mask in pixels (exclusive max); zeros for an empty mask."""
    if not mask.any():
        return [0.0, 0.0, 0.0, 0.0]
    rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
    return [float(cols[0]), float(rows[0]), float(cols[-1] + 1), float(rows[-1] + 1)]


def _candidate_prompts(heat: np.ndarray, top_k: int, mask_side: int, points, boxes) -> List[Prompts]:
    """One Prompts per candidate: each user box, else each activation peak; user points join all."""
    pts = np.asarray(points, np.float32).reshape(-1, 3) if points is not None else np.zeros((0, 3), np.float32)
    user_points, user_labels = pts[:, :2], pts[:, 2].astype(np.int32)
    if boxes is not None and len(boxes):
        dense = mask_logits(heat, mask_side, REGION_THRESHOLD)
        return [Prompts(user_points, user_labels, np.asarray(b, np.float32), dense, peak=None) for b in boxes]
    candidates = []
    for peak in find_peaks(heat, k=max(1, top_k)):
        p = prompts_for_peak(heat, peak, mask_side)
        candidates.append(dataclasses.replace(p, points=np.concatenate([p.points, user_points]),
                                              labels=np.concatenate([p.labels, user_labels])))
    return candidates


def _check_image(image: np.ndarray) -> np.ndarray:
    image = np.asarray(image)
    if image.ndim != 3 or image.shape[2] != 3 or image.dtype != np.uint8:
        raise ValueError(f"the image must be H×W×3 uint8, got {image.shape} {image.dtype}")
    if min(image.shape[:2]) < MIN_SIDE:
        raise ValueError(f"the view is {image.shape[1]}×{image.shape[0]} px; at least {MIN_SIDE} px per side is needed")
    return np.ascontiguousarray(image)


class _Stages:
    """Context manager factory that times named stages in ms and reports each start."""

    def __init__(self, timings: dict, progress):
        self.timings, self.progress = timings, progress

    @contextmanager
    def __call__(self, name: str):
        if self.progress:
            self.progress(name)
        t0 = time.perf_counter()
        yield
        self.timings[name] = round(self.timings.get(name, 0.0) + (time.perf_counter() - t0) * 1000, 2)

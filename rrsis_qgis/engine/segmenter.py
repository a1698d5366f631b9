"""The zero-shot pipeline: phrase activation (dense CLIP) → prompts → SAM 2 masks, with stage timings."""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, List, Optional

import numpy as np
import torch

from .activation import activation_map
from .clip_dense import DenseClip
from .device import resolve_device
from .prompts import Prompts, find_peaks, prompts_for_peak
from .refiner import Sam2Refiner
from .specs import ModelSpec, get_spec
from .weights import resolve_weights

MAX_PHRASE_CHARS = 512
MIN_SIDE = 8


@dataclass
class Result:
    masks: List[np.ndarray]  # H×W bool, best first
    scores: List[float]
    heatmap: np.ndarray  # H×W float32 in [0, 1]
    timings_ms: dict
    prompts: List[Prompts] = field(default_factory=list)
    model: str = ""


def clean_phrase(phrase: str) -> str:
    """Collapse whitespace and refuse empty or over-long phrases with a user-facing message."""
    text = " ".join(str(phrase).split())
    if not text:
        raise ValueError("the phrase is empty: describe the object, e.g. 'the white storage tank left of the road'")
    if len(text) > MAX_PHRASE_CHARS:
        raise ValueError(f"the phrase has {len(text)} characters; the limit is {MAX_PHRASE_CHARS}")
    return text


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

    def segment(self, image: np.ndarray, phrase: str, top_k: int = 1, valid: Optional[np.ndarray] = None,
                progress: Optional[Callable[[str], None]] = None) -> Result:
        """H×W×3 uint8 view + phrase → masks (best first) with scores, heatmap and per-stage timings.

        A candidate's score is SAM's predicted IoU times the mean phrase activation inside its mask.
        """
        phrase = clean_phrase(phrase)
        image = _check_image(image)
        h, w = image.shape[:2]
        valid = np.ones((h, w), bool) if valid is None else valid.astype(bool)
        timings: dict = {}
        stage = _Stages(timings, progress)
        with stage("clip_image"):
            patches = self.clip.image_features(image)
        with stage("clip_text"):
            glob, tokens = self.clip.text_features(phrase)
        with stage("activation"):
            heat = activation_map(patches, glob, tokens, (h, w), valid)
            peaks = find_peaks(heat, k=max(1, top_k))
        with stage("sam2_encoder"):
            self.refiner.set_image(image)
        masks, scores, used = [], [], []
        with stage("sam2_decoder"):
            for peak in peaks:
                prompts = prompts_for_peak(heat, peak, self.refiner.mask_side)
                refined = self.refiner.refine(prompts)
                mask = refined.mask & valid
                inside = float(heat[mask].mean()) if mask.any() else 0.0
                masks.append(mask)
                scores.append(refined.iou * inside)
                used.append(prompts)
        order = np.argsort(-np.asarray(scores), kind="stable")[:top_k]
        return Result(masks=[masks[i] for i in order], scores=[float(scores[i]) for i in order],
                      heatmap=heat, timings_ms=timings, prompts=[used[i] for i in order], model=self.spec.name)


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
        self.timings[name] = round((time.perf_counter() - t0) * 1000, 2)

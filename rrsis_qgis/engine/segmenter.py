"""One interface for both referring strategies: image encoding, the embedding cache contract, the SAM 2 decode.

The referring step itself is a strategy: ``zero_shot.ZeroShot`` (training-free), ``trained.Trained`` (our
prompter from a checkpoint, ``--model trained:CKPT``), ``rsrefseg2.strategy.RSRefSeg2`` or
``rs2sam2.strategy.RS2SAM2`` (the authors' released checkpoints, ``--model rsrefseg2:FILE``, ``rs2sam2:FOLDER``),
``sam3.strategy.Sam3Strategy`` (SAM 3's instances ranked by our reasoner, ``--model sam3``, ``sam3:FOLDER``).
"""
from __future__ import annotations

import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import numpy as np
import torch

from ..phrase_check import clean_phrase
from .clip_dense import DenseClip
from .device import compute_precision, resolve_device
from .referral import Referral, ReferJob, mask_bbox  # noqa: F401 (mask_bbox: re-exported for the server)
from .load_rules import remedy
from .sam2_adapter import Sam2Refiner
from .sam2_checked import checked_refiner
from .specs import ModelSpec, get_spec
from .weights import load_manifest, redownload, resolve_weights
from .zero_shot import ZeroShot

MIN_SIDE = 8


@dataclass
class Result(Referral):
    """A strategy's referral with the per-stage timings and the model that made it."""

    timings_ms: dict = field(default_factory=dict)
    model: str = ""


@dataclass
class ImageEmbeddings:
    """Everything the image encoders computed for one view: a new phrase on it needs only this."""

    clip_patches: object  # the strategy's image features: a tensor, or a dict of tensors
    sam_state: Optional[tuple]  # None for a family whose SAM 2 encoder needs the phrase (RS2-SAM 2) or without one
    hw: tuple

    @property
    def nbytes(self) -> int:
        features = self.clip_patches.values() if isinstance(self.clip_patches, dict) else [self.clip_patches]
        tensors = [*features, *([] if self.sam_state is None else
                                [self.sam_state[0]["image_embed"], *self.sam_state[0]["high_res_feats"]])]
        return sum(t.element_size() * t.nelement() for t in tensors)


class Segmenter:
    """Built once per model; ``segment`` is called per view and phrase."""

    precision = "fp32"  # "bf16": the encoders and the referring step run under bf16 autocast (rsrefseg2 only)

    def __init__(self, spec: ModelSpec, device: str = "auto", models_dir: Optional[Path] = None, seed: int = 0):
        self.spec = spec
        self.device = resolve_device(device)
        paths = resolve_weights(spec.weight_keys, models_dir)  # MissingWeightsError first, pinned sha256 checked
        manifest = load_manifest()
        fixes = {key: redownload(manifest[key], path.parent) for key, path in paths.items()}  # if one fails to load
        torch.manual_seed(seed)
        with remedy(fixes.get(spec.clip.weights, "")):
            self.clip = DenseClip(spec.clip, self.device, paths.get(spec.clip.weights))
        torch.manual_seed(seed + 1)
        with remedy(fixes.get(spec.sam2.weights, "")):
            self.refiner = checked_refiner(spec.sam2, self.device, paths.get(spec.sam2.weights))
        self.strategy = ZeroShot(self.clip, min_score=spec.min_score)

    @classmethod
    def assemble(cls, spec: ModelSpec, device: torch.device, refiner: Optional[Sam2Refiner], strategy) -> "Segmenter":
        """A Segmenter around a model family's own strategy and SAM 2 (None: a family without one, SAM 3); no
        zero-shot CLIP is built."""
        segmenter = cls.__new__(cls)
        segmenter.spec, segmenter.device, segmenter.refiner, segmenter.strategy = spec, device, refiner, strategy
        return segmenter

    @classmethod
    def from_name(cls, name: str, precision: str = "fp32", **kwargs) -> "Segmenter":
        """A named model spec, ``trained:CHECKPOINT``, ``rsrefseg2:FILE``, ``rs2sam2:FOLDER``, ``sam3:FOLDER`` or a
        release preset (rsrefseg2-rrsisd, rs2sam2-rrsisd, sam3, …)."""
        from .rs2sam2.build import is_rs2sam2_model  # noqa: PLC0415
        from .sam3.build import is_sam3_model  # noqa: PLC0415 (the package imports transformers' SAM 3 lazily)
        from .rsrefseg2.build import is_rsrefseg2_model  # noqa: PLC0415
        from .trained_checkpoint import is_trained_name  # noqa: PLC0415

        if is_rsrefseg2_model(name):
            from .rsrefseg2.build import rsrefseg2_segmenter  # noqa: PLC0415

            return rsrefseg2_segmenter(name, precision=precision, **kwargs)
        if precision != "fp32":
            raise ValueError(f"--precision {precision} is an option of the rsrefseg2 models only; {name} runs in fp32")

        if is_trained_name(name):
            from .trained import trained_segmenter  # noqa: PLC0415

            return trained_segmenter(name, **kwargs)
        if is_rs2sam2_model(name):
            from .rs2sam2.build import rs2sam2_segmenter  # noqa: PLC0415

            return rs2sam2_segmenter(name, **kwargs)
        if is_sam3_model(name):
            from .sam3.build import sam3_segmenter  # noqa: PLC0415

            return sam3_segmenter(name, **kwargs)
        return cls(get_spec(name), **kwargs)

    def encode(self, image: np.ndarray, progress: Optional[Callable[[str], None]] = None,
               timings: Optional[dict] = None) -> ImageEmbeddings:
        """Run both image encoders on an H×W×3 uint8 view (the expensive, phrase-independent part)."""
        image = _check_image(image)
        stage = _Stages({} if timings is None else timings, progress)
        with compute_precision(self.device, self.precision):
            return self._encode(image, stage)

    def _encode(self, image: np.ndarray, stage) -> ImageEmbeddings:
        # One after the other: side by side in two threads measured 0.98 × this on 2 idle cores (each encoder
        # already keeps both busy), not worth a thread.
        with stage(getattr(self.strategy, "image_stage", "clip_image")):
            features = self.strategy.image_features(image)
        # RS2-SAM 2's SAM 2 encoder runs per phrase, in refer(); SAM 3 has no SAM 2 at all
        if getattr(self.strategy, "sam_needs_phrase", False) or not getattr(self.strategy, "has_sam2", True):
            return ImageEmbeddings(features, None, image.shape[:2])
        with stage("sam2_encoder"):
            own_canvas = getattr(self.strategy, "sam_canvas", None)  # a family with its own preprocessing
            if own_canvas is None:
                self.refiner.set_image(image)
            else:
                self.refiner.set_canvas(own_canvas(image), image.shape[:2])
        return ImageEmbeddings(features, self.refiner.image_state(), image.shape[:2])

    def segment(self, image: np.ndarray, phrase: str, top_k: int = 1, valid: Optional[np.ndarray] = None,
                progress: Optional[Callable[[str], None]] = None, embeddings: Optional[ImageEmbeddings] = None,
                points: Optional[np.ndarray] = None, boxes: Optional[np.ndarray] = None,
                reasoning: bool = True) -> Result:
        """H×W×3 uint8 view + phrase → masks (best first) with scores, heatmap and per-stage timings.

        ``embeddings`` from :meth:`encode` of the same view skip both image encoders. ``points``
        (N×3: x, y, label 1/0) and ``boxes`` (M×4) in view pixels refine the phrase's result.
        ``reasoning`` (default) parses the phrase and ranks candidates by its geometry; what
        exactly happens is the strategy's (zero-shot: activation → SAM candidates → reasoner;
        trained: prompter → SAM 2 decoder, instances ranked by geometry when the checkpoint says so).
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
        elif embeddings.sam_state is not None:
            self.refiner.restore(embeddings.sam_state)
        job = ReferJob(phrase=phrase, hw=(h, w), valid=valid, top_k=top_k, image_features=embeddings.clip_patches,
                       decoder=self.refiner, stage=stage, points=points, boxes=boxes, reasoning=reasoning)
        with compute_precision(self.device, self.precision):
            out = self.strategy.refer(job)
        return Result(**vars(out), timings_ms=timings, model=self.spec.name)


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

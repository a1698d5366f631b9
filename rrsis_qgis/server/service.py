"""What the endpoints do, without HTTP: segment with the embedding cache, health, the model list."""
from __future__ import annotations

import time
from pathlib import Path

import numpy as np

from .. import __version__
from ..engine.segmenter import Segmenter, mask_bbox
from ..engine.releases import load_releases
from ..engine.specs import load_specs
from ..engine.weights import MissingWeightsError, default_models_dir, load_manifest, resolve_weights
from ..geo import rle
from .cache import EmbeddingCache, cache_key
from .codec import encode_heatmap
from .schemas import (CacheStats, Candidate, EncodeResponse, Health, MaskOut, ModelFile, ModelInfo, Models, Parse, Rle,
                      SegmentRequest, SegmentResponse)


# strategies whose whole model is one checkpoint file (named by the model id after "family:")
CHECKPOINT_STRATEGIES = ("trained", "rsrefseg2", "rs2sam2", "sam3")


class Service:
    def __init__(self, segmenter: Segmenter, cache_bytes: int, models_dir=None):
        self.segmenter = segmenter
        self.cache = EmbeddingCache(cache_bytes)
        self.models_dir = Path(models_dir) if models_dir else default_models_dir()
        spec = segmenter.spec
        self.model_ids = {
            "spec": spec.name,
            "localizer": f"open_clip:{spec.clip.arch}:{spec.clip.weights or 'random'}",
            "refiner": f"sam2:{Path(spec.sam2.config).stem}:{spec.sam2.weights or 'random'}",
            "strategy": segmenter.strategy.name,
        }
        if segmenter.strategy.name in CHECKPOINT_STRATEGIES:
            self.model_ids["localizer"] = self.model_ids["refiner"] = spec.name

    def segment(self, req: SegmentRequest, image: np.ndarray, valid: np.ndarray, request_id: str) -> SegmentResponse:
        """Runs on the inference thread: one at a time."""
        t0 = time.perf_counter()
        timings: dict = {}
        embeddings, hit = self._embeddings(image, timings)
        result = self.segmenter.segment(
            image, req.phrase, top_k=req.top_k, valid=valid, embeddings=embeddings,
            points=np.asarray(req.points, np.float32) if req.points else None,
            boxes=np.asarray(req.boxes, np.float32) if req.boxes else None, reasoning=req.reasoning)
        timings.update(result.timings_ms)
        masks = [MaskOut(rle=Rle(**rle.encode(m)), score=round(s, 5), bbox=mask_bbox(m), terms=t)
                 for m, s, t in zip(result.masks, result.scores, result.mask_terms()) if m.any()]
        timings["total"] = round((time.perf_counter() - t0) * 1000, 2)
        return SegmentResponse(
            request_id=request_id, masks=masks,
            heatmap=encode_heatmap(result.heatmap) if req.return_heatmap else None,
            candidates=[Candidate(**c) for c in result.candidates],
            parse=Parse(**{k: v for k, v in result.query.items() if k in Parse.model_fields}),
            timings_ms=timings, models=self.model_ids, cache="hit" if hit else "miss",
            message=None if masks else f"nothing matching '{' '.join(req.phrase.split())[:80]}' in this view")

    def encode(self, image: np.ndarray, request_id: str) -> EncodeResponse:
        """Fill the embedding cache for ``image`` (on the inference thread); a hit costs nothing."""
        t0 = time.perf_counter()
        timings: dict = {}
        _embeddings, hit = self._embeddings(image, timings)
        timings["total"] = round((time.perf_counter() - t0) * 1000, 2)
        return EncodeResponse(request_id=request_id, cache="hit" if hit else "miss", timings_ms=timings)

    def _embeddings(self, image: np.ndarray, timings: dict) -> tuple:
        """(the view's image embeddings, whether the cache had them); a miss runs both encoders and caches them."""
        key = cache_key(image, self.segmenter.spec.name)
        embeddings = self.cache.get(key)
        if embeddings is not None:
            return embeddings, True
        embeddings = self.segmenter.encode(image, timings=timings)
        self.cache.put(key, embeddings, embeddings.nbytes)
        return embeddings, False

    def health(self, queue_depth: int) -> Health:
        return Health(status="ok", version=__version__, device=str(self.segmenter.device),
                      models=self.model_ids, cache=CacheStats(**self.cache.stats()), queue=queue_depth)

    def models(self) -> Models:
        manifest = load_manifest()
        out = []
        named = [(s.name, s.description, s.random_weights, s.weight_keys) for s in load_specs().values()]
        named += [(r.name, f"{r.description}; trained on {r.trained_on}", False, r.weight_keys)
                  for r in load_releases().values()]
        for name, description, random_weights, keys in named:
            files = []
            for key in keys:
                entry = manifest.get(key)
                if entry is None:  # a mirror's manifest (RRSIS_WEIGHTS_MANIFEST) without this checkpoint
                    files.append(ModelFile(key=key, file="", url="", present=False, size=None, sha256=None))
                    continue
                try:
                    resolve_weights([key], self.models_dir, verify=False)
                    present = True
                except MissingWeightsError:
                    present = False
                files.append(ModelFile(key=key, file=entry.file, url=entry.url, present=present,
                                       size=entry.size, sha256=entry.sha256))
            out.append(ModelInfo(id=name, description=description, loaded=name == self.segmenter.spec.name,
                                 random_weights=random_weights, files=files))
        loaded = self.segmenter.spec
        if self.segmenter.strategy.name in CHECKPOINT_STRATEGIES and ":" in loaded.name:  # the file this server runs
            path = Path(loaded.name.split(":", 1)[1])
            out.append(ModelInfo(id=loaded.name, description=loaded.description, loaded=True, random_weights=False,
                                 files=[ModelFile(key="checkpoint", file=path.name, url=path.as_uri(),
                                                  present=path.is_file(), size=_size(path), sha256=None)]))
        return Models(models=out)


def _size(path: Path):
    return path.stat().st_size if path.is_file() else None


def check_prompts_inside(req: SegmentRequest, width: int, height: int) -> None:
    """Points must lie on the image and boxes overlap it: anything else is a client error, not 'no mask'."""
    for x, y, _ in req.points or []:
        if not (0 <= x <= width and 0 <= y <= height):
            raise ValueError(f"point ({x:g}, {y:g}) is outside the {width}×{height} px image")
    for x0, y0, x1, y1 in req.boxes or []:
        if x1 <= 0 or y1 <= 0 or x0 >= width or y0 >= height:
            raise ValueError(f"box [{x0:g}, {y0:g}, {x1:g}, {y1:g}] does not overlap the {width}×{height} px image")

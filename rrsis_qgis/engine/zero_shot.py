"""The training-free referring strategy: dense CLIP activation → SAM 2 candidates → the rule-based reasoner."""
from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import Callable, List, Optional

import numpy as np
import torch

from .activation import activation_map, pooled_regions, region_similarity
from .phrase import Query, parse
from .prompts import REGION_THRESHOLD, HeatMaps, Prompts, coarse_mask, find_peaks, mask_logits, prompts_for_peak
from .candidate_ranking import Choice, keep_found, rank_masks  # noqa: F401 (Choice, keep_found: re-exported)
from .reasoner import landmark_names
from .referral import Referral, ReferJob, mask_bbox

MAX_CANDIDATES = 8
LANDMARK_PIECES = 3  # instances of a landmark picked by its own superlative ("the larger pond")
PLAIN_CANDIDATES = 4
TEXT_CACHE_SIZE = 256  # phrases; a few kB each
SHORTLIST = 3  # candidates cut by SAM after the coarse ranking on activation regions
ATTRIBUTE_GAIN = 20.0


def encode_texts(features: "TextCache", query: Optional[Query], phrase: str) -> dict:
    """Text features needed: the target (with its attributes), the bare target, each landmark; the ones not
    cached yet come from one pass of the text tower."""
    if query is None:
        return {"target": features(phrase), "landmarks": []}
    target = " ".join(query.attributes + [query.target])
    names = landmark_names(query)
    features.many([target] + ([query.target] if query.attributes else []) + names)  # the lookups below are hits
    texts = {"target": features(target), "landmarks": [(name, features(name)) for name in names]}
    if query.attributes:
        texts["plain"] = features(query.target)
    return texts


class TextCache:
    """CLIP text features by phrase, least recently used out: analysts reuse targets and landmarks ("tank",
    "road") across views, and a phrase's features do not depend on the image."""

    def __init__(self, encode: Callable[[str], tuple], size: int = TEXT_CACHE_SIZE,
                 encode_many: Optional[Callable[[list], list]] = None):
        self.encode, self.size = encode, size
        self.encode_many = encode_many or (lambda phrases: [self.encode(p) for p in phrases])
        self.entries: "OrderedDict[str, tuple]" = OrderedDict()

    def many(self, phrases: list) -> None:
        """Encode the phrases not cached yet in one batch."""
        missing = list(dict.fromkeys(p for p in phrases if p not in self.entries))
        for phrase, value in zip(missing, self.encode_many(missing) if missing else []):
            self._put(phrase, value)

    def __call__(self, phrase: str) -> tuple:
        if phrase in self.entries:
            self.entries.move_to_end(phrase)
            return self.entries[phrase]
        return self._put(phrase, self.encode(phrase))

    def _put(self, phrase: str, value: tuple) -> tuple:
        self.entries[phrase] = value
        if len(self.entries) > self.size:
            self.entries.popitem(last=False)
        return value


def candidate_count(query: Optional[Query], top_k: int) -> int:
    if query is None:
        return max(1, top_k)
    geometric = query.position or query.relation or query.superlative or query.ordinal
    return max(top_k, MAX_CANDIDATES if geometric else PLAIN_CANDIDATES)


def shortlist_size(top_k: int) -> int:
    return max(top_k, SHORTLIST)


def landmark_masks(decode: Callable[[List[Prompts]], list], mask_side: int, patches: torch.Tensor, texts: dict,
                   hw: tuple, valid: np.ndarray, pieces: Optional[dict] = None) -> List[np.ndarray]:
    """One SAM mask per landmark mention; the same noun twice ("between the two tanks") takes two peaks.
    ``pieces`` {mention: n}: that mention's mask is the union of its n strongest instances, for the reasoner to
    pick one by its own superlative ("beside the larger pond"). All landmarks are cut in one decoder call."""
    prompts, used, pieces = [], {}, pieces or {}
    for i, (name, (glob, tokens)) in enumerate(texts["landmarks"]):
        heat = HeatMaps(activation_map(patches, glob, tokens, hw, valid))
        first, wanted = used.get(name, 0), pieces.get(i, 1)
        peaks = find_peaks(heat, k=first + wanted, min_distance_px=max(hw) / 16)
        prompts += [(i, prompts_for_peak(heat, peak, mask_side)) for peak in peaks[first:first + wanted]]
        used[name] = first + wanted
    masks = [np.zeros(hw, bool) for _ in texts["landmarks"]]
    for (i, _), refined in zip(prompts, decode([p for _, p in prompts]) if prompts else []):
        masks[i] |= refined.mask & valid
    return masks


def choose(query: Query, masks: List[np.ndarray], heat: np.ndarray, patches: torch.Tensor, texts: dict,
           landmarks: List[np.ndarray]) -> List[Choice]:
    """Rank candidates by the reasoner, with the mean activation and the CLIP attribute score of each."""
    activations = [float(heat[m].mean()) if m.any() else 0.0 for m in masks]
    return rank_masks(query, masks, activations, attribute_scores(patches, masks, texts), landmarks)


@torch.inference_mode()
def attribute_scores(patches: torch.Tensor, masks: List[np.ndarray], texts: dict) -> List[float]:
    """How much more each masked region matches "white tank" than "tank" (dense CLIP features), in [0, 1]."""
    if "plain" not in texts or not masks:
        return [0.5] * len(masks)
    pooled = pooled_regions(patches, masks)
    gain = pooled @ texts["target"][0] - pooled @ texts["plain"][0]
    return torch.sigmoid(ATTRIBUTE_GAIN * gain).tolist()


class ZeroShot:
    """Training-free: works with stock pretrained CLIP and SAM 2 weights."""

    name = "zero-shot"

    def __init__(self, clip, min_score: Optional[float] = None):
        self.clip = clip
        self.text_features = TextCache(clip.text_features, encode_many=clip.text_features_many)
        self.min_score = min_score  # per model, calibrated on real weights; None: always return the best

    def image_features(self, image: np.ndarray) -> torch.Tensor:
        return self.clip.image_features(image)

    def refer(self, job: ReferJob) -> Referral:
        """Parse → activation → candidates → (coarse ranking → SAM shortlist → fine ranking) → second pass."""
        stage, decoder, (h, w), valid, top_k = job.stage, job.decoder, job.hw, job.valid, job.top_k
        query = parse(job.phrase) if job.reasoning else None
        with stage("clip_text"):
            texts = encode_texts(self.text_features, query, job.phrase)
        with stage("activation"):
            heat = activation_map(job.image_features, *texts["target"], (h, w), valid)
            candidates = _candidate_prompts(heat, candidate_count(query, top_k), decoder.mask_side, job.points,
                                            job.boxes)
        if query is None:
            with stage("sam2_decoder"):
                refined = dict(enumerate(decoder.refine_batch(candidates)))
            masks = {i: r.mask & valid for i, r in refined.items()}
            scores = [refined[i].iou * _mean_inside(heat, masks[i]) for i in range(len(candidates))]
            ranked = [Choice(i, s, {}) for i, s in sorted(enumerate(scores), key=lambda t: -t[1])]
        else:
            # coarse to fine: rank the activation regions, cut only the shortlist with SAM, rank again
            with stage("reasoning"):
                landmarks = landmark_masks(decoder.refine_batch, decoder.mask_side, job.image_features, texts,
                                           (h, w), valid, {0: LANDMARK_PIECES} if query.landmark_superlative else None)
                masks = {i: coarse_mask(heat, c) & valid for i, c in enumerate(candidates)}
                coarse = choose(query, [masks[i] for i in range(len(candidates))], heat, job.image_features,
                                texts, landmarks)
                shortlist = [c.index for c in coarse[:shortlist_size(top_k)]]
            with stage("sam2_decoder"):
                refined = dict(zip(shortlist, decoder.refine_batch([candidates[i] for i in shortlist])))
            with stage("reasoning"):
                masks.update({i: r.mask & valid for i, r in refined.items()})
                fine = choose(query, [masks[i] for i in shortlist], heat, job.image_features, texts, landmarks)
                ranked = [Choice(shortlist[c.index], c.score, c.terms) for c in fine]
                ranked += [c for c in coarse if c.index not in refined]
        best = ranked[:top_k]
        with stage("sam2_refine"):  # the second pass, with its own mask as dense prompt, for the winners only
            final = [decoder.refine(dataclasses.replace(candidates[c.index], mask_logits=refined[c.index].low_res_logits),
                                    use_mask_prompt=True, second_pass=False).mask & valid for c in best]
            best, final = keep_found(best, final, region_similarity(job.image_features, texts["target"][0], final),
                                     self.min_score)
        return Referral(masks=final, scores=[round(c.score, 5) for c in best], heatmap=heat,
                        prompts=[candidates[c.index] for c in best],
                        query=query.as_dict() if query else {"text": job.phrase, "target": job.phrase},
                        candidates=[{"bbox": mask_bbox(masks[c.index]), "score": round(c.score, 5), "terms": c.terms,
                                     "refined": c.index in refined} for c in ranked])


def _mean_inside(heat: np.ndarray, mask: np.ndarray) -> float:
    return float(heat[mask].mean()) if mask.any() else 0.0


def _candidate_prompts(heat: np.ndarray, top_k: int, mask_side: int, points, boxes) -> List[Prompts]:
    """One Prompts per candidate: each user box, else each activation peak; user points join all."""
    heat = HeatMaps(heat)
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

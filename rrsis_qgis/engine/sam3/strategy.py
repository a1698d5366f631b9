"""SAM 3 + our reasoner as a referring strategy: SAM 3 finds every instance of the concept, the reasoner picks one.

The phrase is parsed; its target noun with its attributes ("white tank") is SAM 3's concept prompt, and
each landmark ("the road") a prompt of its own, so relations are judged against SAM 3's landmark masks.
SAM 3's instances are ranked exactly as the zero-shot path ranks its candidates (position bands,
relations, superlatives, ordinals), SAM 3's score standing in for the activation. No instance above SAM 3's
own default threshold (uncalibrated on aerial imagery) means the concept is not in this view: an empty result.
Masks are SAM 3's own; a user box joins the concept prompt as a positive exemplar; clicks are not used
(SAM 3's detector takes no points).
"""
from __future__ import annotations

from typing import List, Optional

import numpy as np

from ..candidate_ranking import Choice, rank_masks
from ..phrase import Query, parse
from ..reasoner import landmark_names
from ..referral import Referral, ReferJob, mask_bbox
from ..zero_shot import TextCache
from .detector import Instances, Sam3Detector


class Sam3Strategy:
    name = "sam3"
    image_stage = "sam3_vision"  # Segmenter.encode's stage name for image_features()
    has_sam2 = False  # no SAM 2 refiner: SAM 3's masks are the result

    def __init__(self, detector: Sam3Detector):
        self.detector = detector
        self.text_features = TextCache(lambda phrase: detector.text([phrase])[0], encode_many=detector.text)

    def image_features(self, image: np.ndarray) -> dict:
        return self.detector.vision(image)

    def refer(self, job: ReferJob) -> Referral:
        query = parse(job.phrase) if job.reasoning else None
        concept = _concept(query) if query else job.phrase
        names = landmark_names(query) if query else []
        with job.stage("sam3_text"):
            self.text_features.many([concept, *names])
        with job.stage("sam3_detector"):
            found = self.detector.detect(job.image_features, self.text_features(concept), job.hw, job.boxes)
            landmarks = self._landmarks(names, job)
        masks = [m & job.valid for m in found.masks]
        with job.stage("reasoning"):
            ranked = self._rank(query, masks, found.scores, landmarks)
        threshold = self.detector.threshold
        for choice in ranked:
            choice.terms.update({"sam3": found.scores[choice.index], "presence": found.presence,
                                 **({} if threshold is None else {"threshold": threshold})})
        best = [c for c in ranked[:job.top_k] if masks[c.index].any()]
        return Referral(masks=[masks[c.index] for c in best], scores=[round(c.score, 5) for c in best],
                        heatmap=(found.heat * job.valid).astype(np.float32),
                        query=query.as_dict() if query else {"text": job.phrase, "target": job.phrase},
                        candidates=[{"bbox": mask_bbox(masks[c.index]), "score": round(c.score, 5), "terms": c.terms,
                                     "refined": True} for c in ranked])

    def _landmarks(self, names: List[str], job: ReferJob) -> List[np.ndarray]:
        """Each landmark mention's mask: the union of SAM 3's instances of it (the reasoner picks a piece for
        "the larger pond"); the same noun twice ("between the two tanks") takes one instance each."""
        out, seen, detected = [], {}, {}
        for name in names:
            if name not in detected:  # the same noun twice is one detector run
                detected[name] = self.detector.detect(job.image_features, self.text_features(name), job.hw)
            found = detected[name]
            repeated = names.count(name) > 1
            nth = seen.get(name, 0)
            seen[name] = nth + 1
            if repeated:
                pieces = found.masks[nth:nth + 1]
            else:
                pieces = found.masks if self.detector.threshold is not None else found.masks[:1]
            out.append(np.any(pieces, axis=0) & job.valid if len(pieces) else np.zeros(job.hw, bool))
        return out

    @staticmethod
    def _rank(query: Optional[Query], masks: List[np.ndarray], scores: List[float],
              landmarks: List[np.ndarray]) -> List[Choice]:
        """The reasoner's order (SAM 3's score as the activation), or SAM 3's own without a parsed phrase."""
        if query is None or len(masks) < 2:
            return [Choice(i, s, {}) for i, s in sorted(enumerate(scores), key=lambda t: -t[1])]
        return rank_masks(query, masks, scores, [0.5] * len(masks), landmarks)


def _concept(query: Query) -> str:
    """SAM 3's concept prompt: the target noun phrase with its attributes ("white storage tank"), each word once."""
    words = [a for a in query.attributes if a not in query.target.split()] + [query.target]
    return " ".join(words).strip() or query.text

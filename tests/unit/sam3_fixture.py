"""A stub SAM 3 detector whose instance and landmark masks are known, and a Segmenter around it."""
import numpy as np
import torch

from rrsis_qgis.engine.sam3.detector import SCORE_THRESHOLD, Instances
from rrsis_qgis.engine.sam3.strategy import Sam3Strategy
from rrsis_qgis.engine.segmenter import Segmenter
from rrsis_qgis.engine.specs import get_spec

H, W = 120, 200


def box(x0, y0, x1, y1) -> np.ndarray:
    mask = np.zeros((H, W), bool)
    mask[y0:y1, x0:x1] = True
    return mask


LEFT_TANK, RIGHT_TANK = box(10, 50, 30, 70), box(170, 50, 190, 70)
ROAD = box(95, 0, 105, H)


class StubDetector:
    """Each prompt's instances from ``scenes`` {prompt: (masks, scores, presence)}; records prompts and calls."""

    threshold = SCORE_THRESHOLD

    def __init__(self, scenes: dict):
        self.scenes, self.prompts, self.vision_calls, self.texts, self.boxes = scenes, [], 0, [], []

    def vision(self, image):
        self.vision_calls += 1
        return {"fpn_0": torch.zeros(1, 4, 2, 2)}

    def text(self, phrases):
        self.texts += list(phrases)
        return [(phrase,) for phrase in phrases]

    def detect(self, features, text, hw, boxes=None):
        prompt = text[0]
        self.prompts.append(prompt)
        self.boxes.append(None if boxes is None else np.asarray(boxes).tolist())
        masks, scores, presence = self.scenes.get(prompt, ([], [], 0.01))
        kept = [i for i, s in enumerate(scores) if s * presence > self.threshold]
        return Instances(np.array([masks[i] for i in kept], bool).reshape(-1, *hw),
                         [scores[i] * presence for i in kept], presence, np.zeros(hw, np.float32))


def stub_segmenter(scenes: dict) -> Segmenter:
    detector = StubDetector(scenes)
    return Segmenter.assemble(get_spec("tiny-random"), torch.device("cpu"), None, Sam3Strategy(detector))


TANKS_AND_ROAD = {"tank": ([LEFT_TANK, RIGHT_TANK], [0.8, 0.9], 0.95), "road": ([ROAD], [0.9], 0.95)}

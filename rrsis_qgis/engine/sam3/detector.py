"""SAM 3 as a concept detector on a cached view: vision features once, text features per phrase, instances per prompt.

Thresholds are those of transformers' ``Sam3Processor.post_process_instance_segmentation`` (SAM 3's own
defaults: an instance's score is sigmoid(logit) × sigmoid(presence), kept above 0.3; a mask pixel is on above
0.5). Nobody has calibrated them on aerial imagery yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import torch
import torch.nn.functional as F

SCORE_THRESHOLD = 0.3  # Sam3Processor's default ``threshold``
MASK_THRESHOLD = 0.5  # Sam3Processor's default ``mask_threshold``
TEXT_POSITIONS = 32  # Sam3Processor pads every phrase to 32 tokens, the text encoder's positions
MAX_INSTANCES = 16  # instances kept per prompt, best first (the release has 200 queries)


@dataclass
class Instances:
    """One prompt's instances on the view, best first."""

    masks: np.ndarray  # N×H×W bool, view pixels
    scores: List[float]  # sigmoid(logit) × presence
    presence: float  # sigmoid(presence logit): "is the concept in this view"
    heat: np.ndarray  # H×W float32 in [0, 1]: SAM 3's semantic map for the prompt


class Sam3Detector:
    """``Sam3Model`` + ``Sam3Processor``; ``threshold`` None keeps the best instances whatever their score
    (random weights: nothing would ever pass SAM 3's threshold)."""

    def __init__(self, model, processor, threshold: Optional[float] = SCORE_THRESHOLD):
        self.model, self.processor, self.threshold = model.eval(), processor, threshold
        self.device = next(model.parameters()).device
        self._positions: dict = {}  # the FPN's sine position encodings by shape: they do not depend on the image

    @torch.inference_mode()
    def vision(self, image: np.ndarray) -> dict:
        """The vision backbone + FPN on an H×W×3 uint8 view → {"fpn_0": …}: the levels the detector reads."""
        pixels = self.processor.image_processor(images=image, return_tensors="pt").pixel_values.to(self.device)
        out = self.model.get_vision_features(pixel_values=pixels)
        levels = out.fpn_hidden_states[:-1]  # Sam3Model.forward reads all but the coarsest level
        for level, position in zip(levels, out.fpn_position_encoding):
            self._positions[tuple(level.shape)] = position
        return {f"fpn_{i}": level for i, level in enumerate(levels)}

    @torch.inference_mode()
    def text(self, phrases: List[str]) -> List[tuple]:
        """One pass of the text encoder → per phrase (features 1×32×D, attention mask 1×32). Tokenised as
        Sam3Processor does, but a phrase over the 32 positions is cut (as SAM 3's own tokenizer does), not refused."""
        tokens = self.processor.tokenizer(phrases, return_tensors="pt", padding="max_length", truncation=True,
                                          max_length=TEXT_POSITIONS)
        ids, attention = tokens["input_ids"].to(self.device), tokens["attention_mask"].to(self.device)
        features = self.model.get_text_features(input_ids=ids, attention_mask=attention).pooler_output
        return [(features[i:i + 1], attention[i:i + 1]) for i in range(len(phrases))]

    @torch.inference_mode()
    def detect(self, features: dict, text: tuple, hw: tuple, boxes: Optional[np.ndarray] = None) -> Instances:
        """SAM 3's DETR encoder, decoder and mask head for one prompt on the cached view. ``boxes`` (M×4 view
        pixels, x0 y0 x1 y1): positive exemplar boxes joining the text prompt."""
        from transformers.modeling_outputs import BaseModelOutputWithPooling  # noqa: PLC0415
        from transformers.models.sam3.modeling_sam3 import Sam3VisionEncoderOutput  # noqa: PLC0415

        levels = [features[f"fpn_{i}"] for i in range(len(features))]
        positions = [self._positions[tuple(level.shape)] for level in levels]
        # forward drops the last level, which it never reads: repeat one so the cached ones all arrive
        vision = Sam3VisionEncoderOutput(fpn_hidden_states=(*levels, levels[-1]),
                                         fpn_position_encoding=(*positions, positions[-1]))
        text_features, attention = text
        out = self.model(vision_embeds=vision, text_embeds=BaseModelOutputWithPooling(pooler_output=text_features),
                         attention_mask=attention, **self._box_prompts(boxes, hw))
        return self._instances(out, hw)

    def _box_prompts(self, boxes: Optional[np.ndarray], hw: tuple) -> dict:
        if boxes is None or not len(boxes):
            return {}
        h, w = hw
        xyxy = torch.as_tensor(np.asarray(boxes, np.float32).reshape(-1, 4) / [w, h, w, h], dtype=torch.float32)
        cxcywh = torch.stack([(xyxy[:, 0] + xyxy[:, 2]) / 2, (xyxy[:, 1] + xyxy[:, 3]) / 2,
                              xyxy[:, 2] - xyxy[:, 0], xyxy[:, 3] - xyxy[:, 1]], dim=1).clamp(0, 1)
        return {"input_boxes": cxcywh[None].to(self.device),
                "input_boxes_labels": torch.ones(1, len(cxcywh), dtype=torch.long, device=self.device)}

    def _instances(self, out, hw: tuple) -> Instances:
        presence = out.presence_logits.sigmoid()[0, 0]
        scores = out.pred_logits.sigmoid()[0] * presence
        order = torch.argsort(scores, descending=True)[:MAX_INSTANCES]
        if self.threshold is not None:
            order = order[scores[order] > self.threshold]
        masks = torch.zeros((0, *hw), dtype=torch.bool)
        if len(order):
            probs = F.interpolate(out.pred_masks[:, order].float().sigmoid(), size=hw, mode="bilinear",
                                  align_corners=False)  # sigmoid, then resize: the processor's order
            masks = (probs[0] > MASK_THRESHOLD).cpu()
        heat = F.interpolate(out.semantic_seg.float(), size=hw, mode="bilinear", align_corners=False)
        return Instances(masks.numpy(), [round(float(s), 5) for s in scores[order]], round(float(presence), 5),
                         heat[0, 0].sigmoid().cpu().numpy().astype(np.float32))

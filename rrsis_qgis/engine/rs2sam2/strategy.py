"""RS2-SAM 2 as a referring strategy: BEiT-3 on view + phrase, the text-conditioned SAM 2.0, one mask.

Its SAM 2 image encoder takes the phrase (text adapters in every Hiera block) and BEiT-3 sees image and
phrase in one sequence, so almost nothing of a view can be reused for a second phrase: the cache keeps the
stretched inputs' patch embeddings (Hiera's patch + position embedding, BEiT-3's patch embedding) and
every phrase runs both encoders' blocks.
"""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import torch

from ..referral import Referral, ReferJob, single_mask_referral
from ..sam2_text import decode_with_text, encode_with_text, trunk_input
from .model import RS2SAM2Heads
from .preprocess import SAM_SIDE, foreground, logits_at, stretched
from .tokenizer import encode, phrase_fits


class RS2SAM2:
    """No re-ranking, no candidates: the authors' single mask. Clicks and a box, when given, join the text
    token in SAM 2's prompt encoder (an addition of ours; without them the output is the official one)."""

    name = "rs2sam2"
    sam_needs_phrase = True  # Segmenter.encode caches only image_features(); refer() runs SAM 2's encoder

    def __init__(self, heads: RS2SAM2Heads, tokenizer, sam_model, mask_size: int):
        self.heads, self.tokenizer, self.sam, self.mask_size = heads.eval(), tokenizer, sam_model, mask_size

    @torch.inference_mode()
    def image_features(self, image: np.ndarray) -> dict:
        """The phrase-independent start of both encoders, on the stretched 1024² and 224² inputs."""
        device = self.heads.text_feat_linear.weight.device
        beit = self.heads.sizes.img_size
        return {"trunk_input": trunk_input(self.sam, stretched(image, SAM_SIDE).to(device)),
                "vision_tokens": self.heads.vision_tokens(stretched(image, beit).to(device))}

    @torch.inference_mode()
    def forward(self, features: dict, phrase: str, points=None, stage=None) -> dict:
        """The official forward from the cached features: {"pseudo", "mask_prompt", "sparse", "text_feat",
        "cls", "low_res", "iou", "input_ids"}."""
        stage = stage or _no_stage
        ids, attention = encode(self.tokenizer, phrase)
        phrase_fits(ids, self.heads.sizes.max_phrase_tokens)
        device = features["vision_tokens"].device
        with stage("beit3"):
            out = self.heads(features["vision_tokens"], ids.to(device), attention.to(device), self.mask_size)
        with stage("sam2_encoder"):
            feats = encode_with_text(self.sam, features["trunk_input"], out["text_feat"])
        with stage("sam2_decoder"):
            out["low_res"], out["iou"] = decode_with_text(self.sam, feats, out["text_feat"], out["sparse"],
                                                          out["mask_prompt"], points)
        out["input_ids"] = ids
        return out

    @torch.inference_mode()
    def refer(self, job: ReferJob) -> Referral:
        h, w = job.hw
        out = self.forward(job.image_features, job.phrase, _user_points(job), job.stage)
        logits = logits_at(out["low_res"], (h, w))
        mask = foreground(logits)[0, 0].cpu().numpy() & job.valid
        # the decision is logit > 0.5, so the heatmap is sigmoid(logit − 0.5): 0.5 exactly on the boundary
        heat = (torch.sigmoid(logits[0, 0] - 0.5).cpu().numpy() * job.valid).astype(np.float32)
        return single_mask_referral(mask, heat, round(float(out["iou"][0, 0]), 5), job.phrase)


@contextmanager
def _no_stage(_name):
    yield


def _user_points(job: ReferJob):
    """Clicks and one box in view pixels → SAM 2 point prompts on the stretched 1024² canvas, or None."""
    clicks = job.click_prompts()
    if clicks is None:
        return None
    h, w = job.hw
    xy = clicks[0] * np.array([SAM_SIDE / w, SAM_SIDE / h], np.float32)
    device = job.image_features["vision_tokens"].device
    return torch.as_tensor(xy, device=device)[None], torch.as_tensor(clicks[1], device=device)[None]

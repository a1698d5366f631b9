"""RSRefSeg 2 as a referring strategy: the official single mask, from the cached SigLIP tokens and SAM 2 features."""
from __future__ import annotations

from contextlib import contextmanager

import numpy as np
import torch

from ..referral import Referral, ReferJob, single_mask_referral
from .model import RSRefSeg2Model, sam_input
from .preprocess import Letterbox, canvas, foreground, logits_to_view


class RSRefSeg2:
    """No re-ranking, no candidates: the phrase → prompter → SAM 2 → one mask, as the authors' inference.

    Clicks and a box, when given, join the learned prompt tokens (an addition of ours; without them the
    output is exactly the official one). ``top_k`` and ``reasoning`` do not apply: the model gives one mask.
    """

    name = "rsrefseg2"

    def __init__(self, model: RSRefSeg2Model, mask_size: int):
        self.model, self.mask_size = model.eval(), mask_size

    def image_features(self, image: np.ndarray) -> torch.Tensor:
        """SigLIP 2's tokens of the letterboxed view (cached with the SAM 2 state)."""
        return self.model.image_tokens(canvas(image, self.model.canvas_side)[0])

    def sam_canvas(self, image: np.ndarray) -> torch.Tensor:
        """What SAM 2's encoder gets instead of its own resize: the same letterboxed canvas."""
        return sam_input(canvas(image, self.model.canvas_side)[0])

    @torch.inference_mode()
    def forward(self, image_features: torch.Tensor, phrase: str, decoder, points=None, stage=None) -> dict:
        """The official forward after the image encoders: {"sparse", "dense", "low_res", "iou"} (the decoder's
        current view must be the one ``image_features`` belong to)."""
        stage = stage or _no_stage
        with stage("prompter"):
            out = self.model.prompts(image_features, phrase, self.mask_size)
        with stage("sam2_decoder"):
            out["low_res"], out["iou"] = decoder.decode_single(out["sparse"], out["dense"], points)
        return out

    @torch.inference_mode()
    def refer(self, job: ReferJob) -> Referral:
        box = Letterbox.of(job.hw, self.model.canvas_side)
        out = self.forward(job.image_features, job.phrase, job.decoder, _user_points(job, box), job.stage)
        low, iou = out["low_res"], out["iou"]
        logits = logits_to_view(low.float(), box)
        mask = foreground(logits)[0, 0].cpu().numpy() & job.valid
        heat = (torch.sigmoid(logits[0, 0]).cpu().numpy() * job.valid).astype(np.float32)
        return single_mask_referral(mask, heat, round(float(iou[0, 0]), 5), job.phrase)


@contextmanager
def _no_stage(_name):
    yield


def _user_points(job: ReferJob, box: Letterbox):
    """Clicks and one box in view pixels → SAM 2 point prompts on the canvas, or None."""
    clicks = job.click_prompts()
    if clicks is None:
        return None
    device = job.image_features.device
    return torch.as_tensor(clicks[0] * box.factor, device=device)[None], torch.as_tensor(clicks[1], device=device)[None]

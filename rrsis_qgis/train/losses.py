"""Training losses of RSRefSeg 2 (BCE + Dice, decorrelation, contrastive) and RS2-SAM 2's boundary term."""
from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
import torch.nn.functional as F

from ..engine.prompter import decorrelation


@dataclass(frozen=True)
class LossWeights:
    bce: float = 5.0  # RSRefSeg 2: BCE(5) + Dice(5) + decorrelation(0.5) + contrastive(0.5)
    dice: float = 5.0
    decorrelation: float = 0.5
    contrastive: float = 0.5
    boundary: float = 0.0  # RS2-SAM 2's text-guided boundary loss; off unless asked for
    pseudo: float = 1.0  # supervision of the pseudo-mask dense prompt (only with dense = pseudo_mask)

    def as_dict(self) -> dict:
        return asdict(self)


def dice_loss(logits: torch.Tensor, target: torch.Tensor, eps: float = 1.0) -> torch.Tensor:
    prob = logits.sigmoid().flatten(1)
    target = target.flatten(1)
    inter = (prob * target).sum(1)
    return (1 - (2 * inter + eps) / (prob.sum(1) + target.sum(1) + eps)).mean()


def boundary_band(target: torch.Tensor, width: int = 3) -> torch.Tensor:
    """Pixels within ``width`` of the mask's outline (dilation minus erosion)."""
    k = 2 * width + 1
    dilated = F.max_pool2d(target, k, stride=1, padding=width)
    eroded = -F.max_pool2d(-target, k, stride=1, padding=width)
    return (dilated - eroded).clamp(0, 1)


def boundary_loss(logits: torch.Tensor, target: torch.Tensor, text_gate: torch.Tensor) -> torch.Tensor:
    """BCE on the outline band, weighted per sample by how well the phrase matches the object (text guidance)."""
    band = boundary_band(target)
    bce = F.binary_cross_entropy_with_logits(logits, target, reduction="none")
    per_sample = (bce * band).flatten(1).sum(1) / band.flatten(1).sum(1).clamp(min=1)
    return (per_sample * text_gate).mean()


def region_contrastive(image: torch.Tensor, grid: tuple, text: torch.Tensor, target: torch.Tensor,
                       temperature: float = 0.07) -> torch.Tensor:
    """InfoNCE between each phrase and the image tokens pooled inside its mask, across the batch."""
    b = image.shape[0]
    weights = F.adaptive_avg_pool2d(target, grid).flatten(1)  # B×N
    weights = weights / weights.sum(1, keepdim=True).clamp(min=1e-6)
    region = F.normalize(torch.einsum("bn,bnc->bc", weights, image), dim=-1)
    logits = region @ text.T / temperature
    labels = torch.arange(b, device=image.device)
    return 0.5 * (F.cross_entropy(logits, labels) + F.cross_entropy(logits.T, labels))


def referring_loss(out: dict, target: torch.Tensor, weights: LossWeights) -> tuple:
    """Model outputs + B×1×H×W float targets → (total, {term: value}) with masks compared at the target's size."""
    logits = F.interpolate(out["logits"], size=target.shape[-2:], mode="bilinear", align_corners=False)
    terms = {"bce": F.binary_cross_entropy_with_logits(logits, target), "dice": dice_loss(logits, target),
             "decorrelation": decorrelation(out["q1"], out["q2"])}
    has_object = target.flatten(1).amax(1) > 0
    if weights.contrastive:
        # on the image tokens before they meet the text: after fusion they carry the phrase and would
        # match it without looking at the image
        pixel = F.interpolate(out["pixel"], size=target.shape[-2:], mode="bilinear", align_corners=False)
        terms["contrastive"] = F.binary_cross_entropy_with_logits(pixel, target)
        if int(has_object.sum()) > 1:
            keep = has_object.nonzero()[:, 0]
            grid = out["pixel"].shape[-2:]
            terms["contrastive"] = terms["contrastive"] + region_contrastive(
                out["image_raw"][keep], grid, out["text"][keep], target[keep])
    if weights.boundary:
        gate = torch.sigmoid(out["coarse"]).flatten(1).amax(1).detach()
        terms["boundary"] = boundary_loss(logits, target, gate)
    if "pseudo" in out and weights.pseudo:
        pseudo = F.interpolate(out["pseudo"], size=target.shape[-2:], mode="bilinear", align_corners=False)
        terms["pseudo"] = F.binary_cross_entropy_with_logits(pseudo, target) + dice_loss(pseudo, target)
    total = sum(getattr(weights, k) * v for k, v in terms.items())
    return total, {k: float(v.detach()) for k, v in terms.items()}

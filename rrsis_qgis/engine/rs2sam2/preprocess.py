"""RS2-SAM 2's input and output geometry: the view stretched to 1024² and 224² (PIL bilinear), logits back.

As the authors' test transforms (torchvision ``F.resize`` of a PIL image, i.e. PIL's bilinear resampling,
aspect ratio not kept, no padding; ``ToTensor``; ImageNet mean/std for both copies). Their evaluation stops
at 1024²; back to the view's size we resample the 256² logits once, bilinearly (align_corners=False), and
keep the authors' decision rule there: foreground where the logit is above 0.5 (their argmax over
[1 − x, x]).
"""
from __future__ import annotations

import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image

SAM_SIDE = 1024
IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)
THRESHOLD = 0.5


def stretched(image: np.ndarray, side: int) -> torch.Tensor:
    """H×W×3 uint8 → 1×3×side×side, PIL bilinear, /255, ImageNet-normalised (float32)."""
    resized = Image.fromarray(np.ascontiguousarray(image)).resize((side, side), Image.BILINEAR)
    x = torch.from_numpy(np.asarray(resized, np.float32) / 255.0).permute(2, 0, 1)
    mean = torch.tensor(IMAGENET_MEAN).view(3, 1, 1)
    std = torch.tensor(IMAGENET_STD).view(3, 1, 1)
    return ((x - mean) / std)[None]


def logits_at(low_res: torch.Tensor, hw: tuple) -> torch.Tensor:
    """Low-res logits B×1×m×m → B×1×H×W (bilinear, align_corners=False): at (1024, 1024) as the authors
    evaluate, at the view's (H, W) for the product."""
    return F.interpolate(low_res.float(), size=tuple(hw), mode="bilinear", align_corners=False)


def foreground(logits: torch.Tensor) -> torch.Tensor:
    return logits > THRESHOLD

"""RS2-SAM 2's own modules around SAM 2 (``EvfSamModel`` minus ``visual_model``), names as in the release.

``forward`` is the part of the authors' ``EvfSamModel.forward`` before SAM 2: BEiT-3 on image + phrase, then
the pseudo-mask prompt (class token × attention over the image tokens → per-token sigmoid map) and the
text projections that SAM 2's adapters, prompt encoder and decoder receive.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..sam2_text import TEXT_DIM, Fusion
from .beit3 import Beit3Sizes, Extractor

VMTOKEN_HEADS = 8


class RS2SAM2Heads(nn.Module):
    def __init__(self, sizes: Beit3Sizes, out_dim: int = TEXT_DIM):
        super().__init__()
        d = sizes.dim
        self.mm_extractor = Extractor(sizes)
        self.text_hidden_fcs = nn.ModuleList([nn.Sequential(nn.Linear(d, d), nn.ReLU(), nn.Linear(d, out_dim))])
        self.text_feat_linear = nn.Linear(d, TEXT_DIM)
        self.mask_linear = nn.Linear(d, d)
        self.mask_product = nn.Linear(d, 1)
        self.vmtoken = Fusion(d, VMTOKEN_HEADS, multiply=True)
        # the release's meo_linear and text2one_linear feed no inference output: not built (named unused)

    @property
    def sizes(self) -> Beit3Sizes:
        return self.mm_extractor.beit3.sizes

    def vision_tokens(self, image224: torch.Tensor) -> torch.Tensor:
        """BEiT-3's patch embedding with its class token (the only phrase-independent part; cached)."""
        return self.mm_extractor.beit3.vision_embed(image224)

    def forward(self, vision_tokens: torch.Tensor, input_ids: torch.Tensor, attention_mask: torch.Tensor,
                mask_size: int) -> dict:
        """→ {"pseudo": B×1×g×g sigmoid map, "mask_prompt": B×1×M×M (SAM's dense prompt),
        "sparse": B×1×256 (the text token), "text_feat": B×L×256, "cls": B×1×D}."""
        out = self.mm_extractor.beit3(vision_tokens, input_ids, ~attention_mask.bool())
        text_len = input_ids.shape[1]
        visual_len = out.shape[1] - text_len - 1
        cls = out[:, :1]
        visual = out[:, 1:visual_len + 1]
        text = out[:, out.shape[1] - text_len:]
        token = self.vmtoken(cls.transpose(0, 1), visual.transpose(0, 1)).transpose(0, 1)
        token = self.mask_linear(token).unsqueeze(1)  # B×1×1×D
        g = self.sizes.grid
        grid = visual.reshape(visual.shape[0], g, g, -1)
        pseudo = torch.sigmoid(self.mask_product(grid * token)).permute(0, 3, 1, 2)
        mask_prompt = pseudo
        if tuple(pseudo.shape[-2:]) != (mask_size, mask_size):
            mask_prompt = F.interpolate(pseudo.float(), size=(mask_size, mask_size), mode="bilinear",
                                        align_corners=False, antialias=True)
        return {"pseudo": pseudo, "mask_prompt": mask_prompt, "sparse": self.text_hidden_fcs[0](cls),
                "text_feat": self.text_feat_linear(text), "cls": cls}

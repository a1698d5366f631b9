"""The released model's parts outside SAM 2: SigLIP 2's towers, the fine-tuned logit scale and bias, the prompter."""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn
from torchvision.transforms.functional import normalize

SIGLIP_MEAN = SIGLIP_STD = (0.5, 0.5, 0.5)  # SigLIP's image processor
SAM_MEAN, SAM_STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)  # RefSegSam's normalisation
TOKENIZER_MAX_LENGTH = 128  # the official call; the text tower's own position table is the real limit
CANVAS_PER_SIGLIP_INPUT = 2  # the release letterboxes onto 1024² and SigLIP sees it at 512²; small models alike


class RSRefSeg2Model(nn.Module):
    """Image tokens and phrase features as the official ``extract_feat`` computes them, and the prompter."""

    def __init__(self, vision: nn.Module, text: nn.Module, logit_scale: torch.Tensor, logit_bias: torch.Tensor,
                 prompter: nn.Module, tokenizer):
        super().__init__()
        self.vision, self.text, self.prompter = vision, text, prompter
        self.logit_scale = nn.Parameter(logit_scale.reshape(1), requires_grad=False)
        self.logit_bias = nn.Parameter(logit_bias.reshape(1), requires_grad=False)
        self.tokenizer = tokenizer
        self.input_size = vision.config.image_size
        self.canvas_side = CANVAS_PER_SIGLIP_INPUT * self.input_size
        self.max_tokens = min(TOKENIZER_MAX_LENGTH, text.config.max_position_embeddings)

    @torch.inference_mode()
    def image_tokens(self, canvas: torch.Tensor) -> torch.Tensor:
        """1×3×1024×1024 canvas in [0, 1] → 1×N×C post-layernorm SigLIP tokens (the whole padded canvas at 512²)."""
        return self.encode_canvases(canvas)

    @torch.inference_mode()
    def phrase(self, phrase: str) -> tuple:
        """The raw phrase, alone in its batch → (1×L×C text tokens after the final norm, 1×C pooled = head(last))."""
        return self.encode_phrases([phrase])

    def encode_canvases(self, canvases: torch.Tensor) -> torch.Tensor:
        """:meth:`image_tokens` for a B×3×S×S batch, differentiable (training)."""
        x = normalize(canvases.to(self.logit_scale.device), SIGLIP_MEAN, SIGLIP_STD)
        x = F.interpolate(x, size=(self.input_size, self.input_size), mode="bilinear", align_corners=False)
        return self.vision(pixel_values=x).last_hidden_state

    def encode_phrases(self, phrases: list) -> tuple:
        """:meth:`phrase` for a batch (padded to its longest; the official test's batching), differentiable."""
        ids = self.tokenizer(phrases, return_tensors="pt", padding=True, truncation=True, max_length=self.max_tokens)
        device = self.logit_scale.device
        out = self.text(input_ids=ids["input_ids"].to(device), attention_mask=ids["attention_mask"].to(device))
        return out.last_hidden_state, out.pooler_output

    @torch.inference_mode()
    def prompts(self, image_tokens: torch.Tensor, phrase: str, mask_size: int) -> dict:
        tokens, pooled = self.phrase(phrase)
        return self.prompter(image_tokens, tokens, pooled, self.logit_scale, self.logit_bias, mask_size)


def sam_input(canvas: torch.Tensor) -> torch.Tensor:
    """The canvas as SAM 2 sees it in RefSegSam.forward: ImageNet-normalised."""
    return normalize(canvas, SAM_MEAN, SAM_STD)

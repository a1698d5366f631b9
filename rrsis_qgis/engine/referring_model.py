"""The trained RSRefSeg 2 model as one nn.Module: CLIP image/text encoders → prompter → SAM 2 mask decoder."""
from __future__ import annotations

from typing import Optional

import torch
from torch import nn

from .clip_dense import DenseClip
from .lora import add_lora
from .prompter import CascadedPrompter, PrompterConfig
from .sam2_adapter import Sam2Refiner

_DECODER = tuple(f"sam_model.{name}." for name in Sam2Refiner.DECODER_PARTS)
TRAINED_PREFIXES = {  # state-dict prefixes of what each mode trains (+ every ".lora_" weight)
    "all": ("clip_model.", f"sam_model.{Sam2Refiner.ENCODER}.", f"sam_model.{Sam2Refiner.ENCODER_EXTRA}",
            *_DECODER, "prompter."),
    "lora": (*_DECODER, "prompter."),
}


class ReferringModel(nn.Module):
    """Shares its CLIP and SAM 2 modules with the Segmenter that built them (one copy of the weights)."""

    def __init__(self, clip: DenseClip, sam: Sam2Refiner, cfg: PrompterConfig):
        super().__init__()
        self.clip_model, self.sam_model = clip.model, sam.model
        self._clip, self._sam = clip, sam  # plain attributes: helpers around the same modules
        self.cfg = cfg
        dim = clip.embed_dim
        self.prompter = CascadedPrompter(cfg, image_dim=dim, text_dim=dim, prompt_dim=sam.prompt_dim)
        self.clip_input_size = cfg.clip_input_size or clip.spec.input_size
        self.mask_side = sam.mask_side  # SAM's low-res mask grid: the dense prompt's size
        sam.single_mask_decoding()

    # ---- which weights train
    def set_trainable(self, train_all: bool, lora_rank: int = 16) -> dict:
        """Everything (``train_all``), or LoRA on the encoders + prompter + SAM 2 decoder; returns a summary."""
        for p in self.parameters():
            p.requires_grad_(False)
        adapted = []
        if train_all:
            for module in (self.clip_model, getattr(self.sam_model, Sam2Refiner.ENCODER)):
                for p in module.parameters():
                    p.requires_grad_(True)
            self.clip_model.logit_scale.requires_grad_(False)  # unused on this path
            getattr(self.sam_model, Sam2Refiner.ENCODER_EXTRA).requires_grad_(True)
        else:
            encoder = getattr(self.sam_model, Sam2Refiner.ENCODER)
            adapted = add_lora(self.clip_model, lora_rank) + add_lora(encoder, lora_rank)
        for name in Sam2Refiner.DECODER_PARTS:
            for p in getattr(self.sam_model, name).parameters():
                p.requires_grad_(True)
        for p in self.prompter.parameters():
            p.requires_grad_(True)
        trainable = sum(p.numel() for p in self.parameters() if p.requires_grad)
        self._trained_prefixes = tuple(TRAINED_PREFIXES["all" if train_all else "lora"])
        return {"mode": "train-all" if train_all else f"lora-r{lora_rank}", "lora_weights": len(adapted),
                "trainable_params": trainable, "total_params": sum(p.numel() for p in self.parameters())}

    def trained_state(self) -> dict:
        """Only what training changed (with the buffers of those modules): the checkpoint's weights."""
        prefixes = getattr(self, "_trained_prefixes", TRAINED_PREFIXES["all"])
        return {k: v.detach().cpu() for k, v in self.state_dict().items()
                if k.startswith(prefixes) or ".lora_" in k}

    # ---- forward
    def encode_images(self, images: torch.Tensor) -> dict:
        """B×3×H×W in [0, 1] → CLIP patch tokens (B×N×D, grid) and SAM 2 features."""
        x, grid = self._clip.prepare_batch(images, self.clip_input_size)
        tokens = self._clip.image_tokens(x, grid)
        return {"clip": tokens, "grid": grid, "sam": self._sam.encode_batch(self._sam.preprocess(images))}

    def decode(self, image: dict, ids: torch.Tensor) -> dict:
        """Encoded images + token ids (one phrase per image) → low-res mask logits and the prompter's outputs."""
        text, pooled, padding = self._clip.text_tokens(ids)
        out = self.prompter(image["clip"], image["grid"], text, pooled, padding, self.mask_side)
        out["logits"], out["iou"] = self._sam.decode_embeddings(image["sam"], out["sparse"], out["dense"])
        return out

    def forward(self, images: torch.Tensor, ids: torch.Tensor, image_of: Optional[torch.Tensor] = None) -> dict:
        """Images B×3×H×W in [0, 1] and P phrases; ``image_of`` (P) names each phrase's image (default: i → i)."""
        features = self.encode_images(images)
        if image_of is not None:
            features = select_images(features, image_of)
        return self.decode(features, ids)


def select_images(features: dict, index: torch.Tensor) -> dict:
    """Encoded images re-indexed: one entry per phrase to decode (several phrases may share an image)."""
    return {"clip": features["clip"][index], "grid": features["grid"],
            "sam": {"image_embed": features["sam"]["image_embed"][index],
                    "high_res_feats": [f[index] for f in features["sam"]["high_res_feats"]]}}

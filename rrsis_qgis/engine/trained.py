"""The trained referring strategy: a checkpoint's prompter turns CLIP features + phrase into SAM 2 prompts."""
from __future__ import annotations

from pathlib import Path
from typing import List, Optional

import numpy as np
import torch

from .phrase import parse
from .prompter import load_prompter_config
from .referral import Referral, ReferJob, mask_bbox
from .referring_model import TRAINED_PREFIXES, ReferringModel
from .sam2_adapter import Sam2Refiner
from .trained_checkpoint import (base_spec, check_config, checkpoint_errors, checkpoint_path, is_trained_name,
                                 load_checkpoint, load_trained_state, refuse_resume_file)
from .trained_ranking import ASPECTS, MASK_THRESHOLD, RANKINGS, aspect_of, helper_phrases, pick


class Trained:
    """Referring with a trained ReferringModel; the Segmenter's CLIP and SAM 2 are the model's own modules."""

    name = "trained"

    def __init__(self, model: ReferringModel, ranking: str = "reasoned", reason_about: tuple = ASPECTS):
        if ranking not in RANKINGS:
            raise ValueError(f"ranking must be one of {RANKINGS}, got {ranking!r}")
        self.model, self.ranking, self.reason_about = model.eval(), ranking, tuple(reason_about)

    @torch.inference_mode()
    def image_features(self, image: np.ndarray) -> torch.Tensor:
        """The trained CLIP tower's patch tokens as D×gh×gw (cached with the SAM 2 state)."""
        clip = self.model._clip
        x, grid = clip.prepare(image, self.model.clip_input_size)
        tokens = clip.image_tokens(x, grid)[0]
        return tokens.T.reshape(-1, *grid).contiguous()

    @torch.inference_mode()
    def refer(self, job: ReferJob) -> Referral:
        query = parse(job.phrase)
        reasons = job.reasoning and self.ranking == "reasoned" and aspect_of(query) in self.reason_about  # geometric
        category, landmarks = helper_phrases(query) if reasons else (None, [])
        phrases = [job.phrase] + ([category] if category else []) + landmarks
        with job.stage("prompter"):
            out = self._prompts(job.image_features, phrases)
        with job.stage("sam2_decoder"):
            probs = self._decode(job, out)
        heat = probs[0]
        with job.stage("reasoning"):
            ranking = self.ranking if job.reasoning else "direct"
            extra = list(probs[1:])
            category_map = extra.pop(0) if category else None
            picks = pick(heat, query, job.top_k, ranking, [p > MASK_THRESHOLD for p in extra],
                         reason_about=self.reason_about, category=category_map)
        masks = [p.mask & job.valid for p in picks]
        return Referral(masks=masks, scores=[round(p.score, 5) for p in picks], heatmap=heat,
                        query=query.as_dict(),
                        candidates=[{"bbox": mask_bbox(p.bbox_mask), "score": round(p.score, 5), "terms": p.terms,
                                     "refined": True} for p in picks])

    def _prompts(self, features: torch.Tensor, phrases: List[str]) -> dict:
        model = self.model
        clip = model._clip
        d, gh, gw = features.shape
        tokens = features.reshape(d, -1).T[None].expand(len(phrases), -1, -1)
        text, pooled, padding = clip.text_tokens(clip.tokenize(phrases))
        return model.prompter(tokens, (gh, gw), text, pooled, padding, model.mask_side)

    def _decode(self, job: ReferJob, out: dict) -> np.ndarray:
        """The phrase's (and each landmark's) probability map at view size, 0 outside the valid pixels."""
        decoder = job.decoder
        n = out["sparse"].shape[0]
        features = decoder.features()
        batch = {"image_embed": features["image_embed"].expand(n, -1, -1, -1),
                 "high_res_feats": [f.expand(n, -1, -1, -1) for f in features["high_res_feats"]]}
        user = decoder.user_prompts(job.points, job.boxes, job.hw, n)
        logits, _ = decoder.decode_embeddings(batch, out["sparse"], out["dense"], user)
        probs = torch.sigmoid(decoder.upsample(logits, job.hw)[:, 0].float()).cpu().numpy()
        return probs * job.valid[None]


def build_trained(name: str, device: str = "auto", models_dir: Optional[Path] = None) -> tuple:
    """``trained:CKPT`` (or a path) → (Segmenter, ReferringModel in eval mode with LoRA merged, config).

    The model shares the Segmenter's CLIP and SAM 2 modules: one copy of the weights.
    """
    from .lora import add_lora, merge_lora  # noqa: PLC0415
    from .segmenter import Segmenter  # noqa: PLC0415

    path = checkpoint_path(name) if is_trained_name(name) else Path(name)
    payload = load_checkpoint(path)
    refuse_resume_file(payload, path)
    config = payload["config"]
    check_config(config, path)
    with checkpoint_errors(path):
        spec = base_spec(config, f"trained:{path.resolve()}")
        prompter = load_prompter_config(config["prompter"])
    segmenter = Segmenter(spec, device=device, models_dir=models_dir)  # its own errors: the base weights'
    with checkpoint_errors(path):
        model = ReferringModel(segmenter.clip, segmenter.refiner, prompter)
        model.to(segmenter.device)
        if not config.get("train_all", False):
            add_lora(model.clip_model, config["lora_rank"])
            add_lora(getattr(model.sam_model, Sam2Refiner.ENCODER), config["lora_rank"])
        load_trained_state(model, payload["state"], path,
                           TRAINED_PREFIXES["all" if config.get("train_all", False) else "lora"])
        merge_lora(model)
    for p in model.parameters():
        p.requires_grad_(False)
    return segmenter, model.eval(), config


def load_trained_model(name: str, device: str = "auto", models_dir: Optional[Path] = None) -> tuple:
    """(ReferringModel, config, device) for ``train eval``."""
    segmenter, model, config = build_trained(name, device, models_dir)
    return model, config, segmenter.device


def trained_segmenter(name: str, device: str = "auto", models_dir: Optional[Path] = None, seed: int = 0,
                      ranking: Optional[str] = None):
    """A Segmenter whose referring step is the checkpoint's prompter (``--model trained:CKPT``)."""
    segmenter, model, config = build_trained(name, device, models_dir)
    segmenter.strategy = Trained(model, ranking or config.get("ranking", "reasoned"),
                                 tuple(config.get("reason_about", ASPECTS)))
    return segmenter

"""`train fit --init rsrefseg2:FILE`: continue a released RSRefSeg 2 with the authors' losses and LoRA layout.

Trained as the official configs do: LoRA (r 16, alpha 16) on SAM 2's Hiera qkv/proj and FPN 1×1 convs and on
SigLIP's attention projections and text head; the prompter, SAM 2's prompt encoder and mask decoder,
``no_mem_embed``, SigLIP's logit scale and bias and the losses' own scales fully; losses BCE (5) + Dice (5)
on the 1024² canvas, 0.5 · mean cos²(Q1, Q2) and 0.5 · the batch contrastive loss of the CLIP map pooled
over the mask against mean(Q2). One difference: the letterbox padding is left out of BCE and Dice (the
authors' datasets are square, their losses would count it). The result is a release-layout .pth.
``--train-all`` trains every weight instead (no LoRA; for a random small release, as ``bench/learning.py``),
saved in fp32.
"""
from __future__ import annotations

import json
import math
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn

from ..engine.device import resolve_device
from ..engine.rsrefseg2.build import load_model, locate
from ..engine.rsrefseg2.layout import release_state_dict
from ..engine.rsrefseg2.lora_train import add_lora, plain_state
from ..engine.rsrefseg2.model import sam_input
from ..engine.rsrefseg2.preprocess import CANVAS, Letterbox, canvas
from ..engine.segmenter import Segmenter
from .data import default_split, open_dataset
from .evaluate_segmenter import evaluate_segmenter

CHECKPOINT = "checkpoint.pth"
IGNORE = 255
LOSS_WEIGHTS = {"bce": 5.0, "dice": 5.0, "queries": 0.5, "contrast": 0.5}


@dataclass
class ReleaseFitOptions:
    init: str
    data: str
    out: Path
    val: Optional[str] = None
    split: Optional[str] = None
    val_split: Optional[str] = None
    image_root: Optional[Path] = None
    epochs: int = 1
    batch_size: int = 2
    lr: float = 1e-4
    weight_decay: float = 0.05
    lora_rank: int = 16
    device: str = "auto"
    models_dir: Optional[Path] = None
    seed: int = 0
    max_minutes: Optional[float] = None
    train_all: bool = False


class ReleaseTrainer(nn.Module):
    """The released model in training mode: LoRA added, the parts the authors trained left trainable."""

    def __init__(self, model, refiner, rank: int, loss_scales: dict, train_all: bool = False):
        super().__init__()
        self.model, self.refiner, self.train_all = model, refiner, train_all
        self.sam = refiner.model  # registered, so its parameters train and move with the trainer
        for p in list(model.parameters()) + list(refiner.model.parameters()):
            p.requires_grad_(train_all)
        self.lora_layers = 0 if train_all else \
            add_lora({"sam": refiner.model, "vision": model.vision, "text": model.text}, rank)
        for module in (model.prompter, refiner.model.sam_prompt_encoder, refiner.model.sam_mask_decoder):
            for p in module.parameters():
                p.requires_grad_(True)
        refiner.model.no_mem_embed.requires_grad_(True)
        model.logit_scale.requires_grad_(True)
        model.logit_bias.requires_grad_(True)
        # the contrastive loss's own scale and bias (decode_head.* in the file; the authors' init otherwise)
        self.logit_scale2 = nn.Parameter(torch.tensor(float(loss_scales.get("logit_scale2", math.log(1 / 0.07)))))
        self.logit_bias2 = nn.Parameter(torch.tensor(float(loss_scales.get("logit_bias2", math.log(0.5)))))

    def forward(self, canvases: list, phrases: list) -> dict:
        m, batch = self.model, torch.stack(canvases)
        image_tokens = m.encode_canvases(batch)
        tokens, pooled = m.encode_phrases(phrases)
        out = m.prompter(image_tokens, tokens, pooled, m.logit_scale, m.logit_bias, self.refiner.mask_side)
        feats = self.refiner.encode_batch(sam_input(batch))
        out["low_res"], _ = self.refiner.decode_tokens(feats, out["sparse"], out["dense"])
        out["image_tokens"] = image_tokens
        return out


def official_losses(out: dict, labels: torch.Tensor, trainer: ReleaseTrainer) -> dict:
    """The authors' four losses; ``labels`` B×1024×1024 with 0/1 and IGNORE on the padding."""
    logits = F.interpolate(out["low_res"], size=labels.shape[-2:], mode="bilinear", align_corners=False)[:, 0]
    valid = (labels != IGNORE).float()
    target = (labels == 1).float()
    bce = (F.binary_cross_entropy_with_logits(logits, target, reduction="none") * valid).mean()
    prob = logits.sigmoid() * valid
    a = (prob * target).flatten(1).sum(1)
    dice = (1 - 2 * a / ((prob * prob).flatten(1).sum(1) + 1e-3 + (target * target).flatten(1).sum(1) + 1e-3)).mean()
    q1 = F.normalize(out["text_queries1"].mean(1), dim=1)
    q2 = F.normalize(out["text_queries2"].mean(1), dim=1)
    queries = (F.cosine_similarity(q1, q2, dim=1) ** 2).mean()
    b, n, c = out["image_tokens"].shape
    grid = math.isqrt(n)
    fmap = out["image_tokens"].transpose(1, 2).reshape(b, c, grid, grid)
    small = (F.interpolate(target[:, None], size=(grid, grid), mode="bilinear", align_corners=True)[:, 0] > 0.5).float()
    pooled = F.normalize(torch.einsum("bchw,bhw->bchw", fmap, small).mean(dim=(2, 3)), dim=1)
    logits_img = trainer.logit_scale2.exp() * pooled @ q2.t() + trainer.logit_bias2
    arange = torch.arange(b, device=logits_img.device)
    contrast = (F.cross_entropy(logits_img, arange) + F.cross_entropy(logits_img.t(), arange)) / 2
    parts = {"bce": bce, "dice": dice, "queries": queries, "contrast": contrast}
    parts["total"] = sum(LOSS_WEIGHTS[k] * v for k, v in parts.items())
    return parts


def canvas_label(mask: np.ndarray, side: int = CANVAS) -> torch.Tensor:
    """A view's mask → side² labels as the authors' pipeline (nearest keep-ratio resize), padding IGNORE."""
    import cv2  # noqa: PLC0415

    h, w = Letterbox.of(mask.shape, side).resized_hw
    resized = cv2.resize(mask.astype(np.uint8), (w, h), interpolation=cv2.INTER_NEAREST)
    label = torch.full((side, side), IGNORE, dtype=torch.long)
    label[:h, :w] = torch.from_numpy(resized.astype(np.int64))
    return label


def fit_release(opts: ReleaseFitOptions, say=print) -> dict:
    torch.manual_seed(opts.seed)
    random.seed(opts.seed)
    device = resolve_device(opts.device)
    located = locate(opts.init, opts.models_dir)
    model, refiner, state = load_model(located, device)
    trainer = ReleaseTrainer(model, refiner, opts.lora_rank, state.loss_scales, opts.train_all).to(device)
    trainer.train()
    params = [p for p in trainer.parameters() if p.requires_grad]
    how = "every weight" if opts.train_all else f"{trainer.lora_layers} LoRA layers, rank {opts.lora_rank}"
    say(f"fine-tuning {located.checkpoint.name}: {sum(p.numel() for p in params):,} trainable parameters "
        f"({how}) on {device}")
    side = model.canvas_side
    data = open_dataset(opts.data, default_split(opts.data, opts.split, "train"), opts.image_root)
    optimizer = torch.optim.AdamW(params, lr=opts.lr, weight_decay=opts.weight_decay)
    out_dir = Path(opts.out)
    out_dir.mkdir(parents=True, exist_ok=True)
    history, t0, order, steps = [], time.perf_counter(), list(range(len(data))), 0
    for epoch in range(opts.epochs):
        if _out_of_time(opts, t0):
            break
        random.shuffle(order)
        losses = []
        for start in range(0, len(order) - opts.batch_size + 1, opts.batch_size):
            samples = [s for s in (data[i] for i in order[start:start + opts.batch_size]) if s is not None]
            if len(samples) < 2:
                continue
            canvases = [canvas(s.image, side)[0][0].to(device) for s in samples]
            labels = torch.stack([canvas_label(s.mask, side) for s in samples]).to(device)
            parts = official_losses(trainer(canvases, [s.phrase for s in samples]), labels, trainer)
            optimizer.zero_grad()
            parts["total"].backward()
            optimizer.step()
            losses.append({k: float(v.detach()) for k, v in parts.items()})
            steps += 1
            if _out_of_time(opts, t0):
                break
        history.append({"epoch": epoch + 1, "steps": steps, "train_s": round(time.perf_counter() - t0, 1),
                        **({k: float(np.mean([l[k] for l in losses])) for k in losses[0]} if losses else {})})
        say(json.dumps(history[-1]))
    path = save_release(trainer, out_dir / CHECKPOINT, torch.float32 if opts.train_all else torch.bfloat16)
    for f in located.tokenizer.iterdir():
        if f.is_file() and f.suffix == ".json":
            shutil.copy(f, out_dir / f.name)
    result = {"checkpoint": str(path), "history": history}
    if opts.val:
        val = open_dataset(opts.val, default_split(opts.val, opts.val_split, "val"), opts.image_root)
        segmenter = Segmenter.from_name(f"rsrefseg2:{out_dir}", device=str(device))
        result["val"] = evaluate_segmenter(segmenter, val)
    (out_dir / "log.jsonl").write_text("".join(json.dumps(h) + "\n" for h in history))
    return result


def save_release(trainer: ReleaseTrainer, path: Path, dtype: torch.dtype = torch.bfloat16) -> Path:
    """The fine-tuned model in the release's layout: base weights + the trained LoRA factors, bf16 as released."""
    m, sam = trainer.model, trainer.refiner.model
    parts, lora = {}, {}
    for part, module, keep in (("vision", m.vision, None), ("text", m.text, None),
                               ("sam", sam, trainer.refiner.IMAGE_PATH)):
        state, factors = plain_state(module)
        parts[part] = {k: v for k, v in state.items() if keep is None or k.split(".")[0] in keep}
        lora.update({f"{part}:{layer}": ab for layer, ab in factors.items()})
    parts["prompter"] = dict(m.prompter.state_dict())
    parts["text_scale"] = {"logit_scale": m.logit_scale.detach(), "logit_bias": m.logit_bias.detach()}
    state = release_state_dict(parts, lora, dtype)
    state["decode_head.logit_scale2"] = trainer.logit_scale2.detach().to(dtype)
    state["decode_head.logit_bias2"] = trainer.logit_bias2.detach().to(dtype)
    tmp = path.with_name(path.name + ".tmp")
    torch.save({"state_dict": state}, str(tmp))
    tmp.replace(path)
    return path


def _out_of_time(opts: ReleaseFitOptions, t0: float) -> bool:
    return bool(opts.max_minutes) and time.perf_counter() - t0 > opts.max_minutes * 60

"""`train fit`: train the RSRefSeg 2 model (prompter → SAM 2) on a referring dataset; DDP under torchrun."""
from __future__ import annotations

import json
import math
import os
import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import numpy as np
import torch
from torch.nn.parallel import DistributedDataParallel
from torch.utils.data import DataLoader
from torch.utils.data.distributed import DistributedSampler
from tqdm import tqdm

from ..engine.prompter import load_prompter_config
from ..engine.referring_model import ReferringModel
from ..engine.segmenter import Segmenter
from ..engine.specs import get_spec
from ..engine.trained_checkpoint import load_checkpoint, save_checkpoint
from ..engine.trained_ranking import RANKINGS
from . import distributed
from .data import default_split, open_dataset
from .evaluate import choose_reason_about, evaluate, images_tensor
from .image_groups import ImageGroups, augment_group, category_samples, collate_groups
from .losses import LossWeights, referring_loss

CHECKPOINT = "checkpoint.pt"  # the best on --val (or the last without it): weights + config only
RESUME = "last.pt"  # everything to resume: weights, optimizer, scheduler position, epoch
LOG = "log.jsonl"


@dataclass
class FitOptions:
    data: str
    out: Path
    base: str = "tiny-random"
    val: Optional[str] = None
    split: Optional[str] = None  # None: "train" (RefSegRS, RRSIS-D) or the whole JSONL file
    val_split: Optional[str] = None  # None: "val" or the whole JSONL file
    image_root: Optional[Path] = None
    prompter: str = "rsrefseg2"
    train_all: bool = False
    lora_rank: int = 16
    epochs: int = 20
    batch_size: int = 16
    lr: float = 1e-4
    weight_decay: float = 0.01
    warmup_steps: int = 100
    ranking: str = "reasoned"
    device: str = "auto"
    models_dir: Optional[Path] = None
    seed: int = 0
    augment: bool = True
    max_minutes: Optional[float] = None  # stop (and save) after this long; the schedule stays as planned
    workers: int = 0
    category_phrases: bool = True  # also train "the <target>" → all its referred instances in the image
    losses: LossWeights = field(default_factory=LossWeights)


def build(opts: FitOptions, device: torch.device) -> tuple:
    """The base model (pretrained or random) with a fresh prompter; refuses LoRA on random encoders."""
    spec = get_spec(opts.base)
    if spec.random_weights and not opts.train_all:
        raise ValueError(f"the base model {opts.base!r} has random weights: LoRA adapts pretrained encoders and "
                         "is meaningless here; pass --train-all to train every weight")
    torch.manual_seed(opts.seed)
    segmenter = Segmenter(spec, device=str(device), models_dir=opts.models_dir, seed=opts.seed)
    model = ReferringModel(segmenter.clip, segmenter.refiner, load_prompter_config(opts.prompter)).to(device)
    summary = model.set_trainable(opts.train_all, opts.lora_rank)
    return model, summary


def checkpoint_config(opts: FitOptions, model: ReferringModel, trainable: dict) -> dict:
    return {"base": opts.base, "prompter": model.cfg.as_dict(), "train_all": opts.train_all,
            "lora_rank": None if opts.train_all else opts.lora_rank, "ranking": opts.ranking,
            "data": opts.data, "trainable": trainable}


def fit(opts: FitOptions) -> dict:
    if opts.ranking not in RANKINGS:
        raise ValueError(f"--ranking must be one of {RANKINGS}")
    device = distributed.device_for(opts.device, int(os.environ.get("LOCAL_RANK", "0")))
    d = distributed.init(device)
    try:
        return _fit(opts, device, d)
    finally:
        distributed.shutdown(d)


def _fit(opts: FitOptions, device: torch.device, d: distributed.Dist) -> dict:
    out = Path(opts.out)
    out.mkdir(parents=True, exist_ok=True)
    model, trainable = build(opts, device)
    say = _printer(d)
    say(f"training {trainable['mode']}: {trainable['trainable_params']:,} of {trainable['total_params']:,} "
        f"parameters ({'every weight: --train-all' if opts.train_all else 'LoRA on the encoders'}; "
        f"prompter + SAM 2 decoder fully), {d.world} process(es) on {device}")
    train_set = open_dataset(opts.data, default_split(opts.data, opts.split, "train"), opts.image_root)
    val_set = open_dataset(opts.val, default_split(opts.val, opts.val_split, "val"), opts.image_root) \
        if opts.val else None
    say(f"data: {len(train_set)} expressions" + (f", val {len(val_set)}" if val_set else "") +
        (f"; skipped at indexing: {train_set.skipped}" if train_set.skipped else ""))
    groups = ImageGroups(train_set)
    sampler = DistributedSampler(groups, d.world, d.rank, shuffle=True, seed=opts.seed) if d.enabled else None
    gen = torch.Generator().manual_seed(opts.seed)
    loader = DataLoader(groups, batch_size=opts.batch_size, shuffle=sampler is None, sampler=sampler,
                        collate_fn=collate_groups, num_workers=opts.workers, drop_last=True, generator=gen)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=opts.lr, weight_decay=opts.weight_decay)
    total_steps = max(1, opts.epochs * len(loader))
    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, _cosine_with_warmup(opts.warmup_steps, total_steps))
    config = checkpoint_config(opts, model, trainable)
    start_epoch, best = _resume(out / RESUME, model, optimizer, scheduler, say)
    net = DistributedDataParallel(model, find_unused_parameters=True) if d.enabled else model
    autocast = torch.autocast("cuda", dtype=torch.bfloat16) if device.type == "cuda" else nullcontext()
    rng = np.random.default_rng(opts.seed * 1000 + d.rank)
    t_start, history = time.perf_counter(), []
    for epoch in range(start_epoch, opts.epochs):
        if sampler is not None:
            sampler.set_epoch(epoch)
        model.train()
        sums, seen, dropped, t0 = {}, 0, 0, time.perf_counter()
        bar = tqdm(loader, desc=f"epoch {epoch + 1}/{opts.epochs}", disable=not d.main, file=sys.stderr,
                   dynamic_ncols=True, leave=False)
        for samples, image_of, n_dropped in bar:
            dropped += n_dropped
            if not samples:
                continue
            if opts.augment:
                samples = augment_group(samples, image_of, rng)
            if opts.category_phrases:
                extra, extra_of = category_samples(samples, image_of)
                samples, image_of = samples + extra, image_of + extra_of
            side = model._sam.image_size
            first = [image_of.index(i) for i in range(max(image_of) + 1)]  # one sample per image
            images = images_tensor([samples[i] for i in first], side, device)
            target = torch.from_numpy(np.stack([_square_mask(s.mask, side) for s in samples]))[:, None].to(device)
            ids = model._clip.tokenize([s.phrase for s in samples])
            with autocast:
                outputs = net(images, ids, torch.as_tensor(image_of, device=device))
                loss, terms = referring_loss(outputs, target.float(), opts.losses)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 1.0)
            optimizer.step()
            scheduler.step()
            seen += len(samples)
            for k, v in {"loss": float(loss.detach()), **terms}.items():
                sums[k] = sums.get(k, 0.0) + v * len(samples)
            bar.set_postfix(loss=f"{float(loss.detach()):.3f}")
            if _out_of_time(opts, t_start):
                break
        seconds = time.perf_counter() - t0
        record = {"epoch": epoch + 1, **{k: round(v / max(1, seen), 4) for k, v in sums.items()},
                  "samples_per_s": round(seen * d.world / seconds, 2), "epoch_s": round(seconds, 1),
                  "lr": scheduler.get_last_lr()[0], "skipped": dropped}
        if val_set is not None:
            record["val"] = evaluate(model, val_set, RANKINGS, device, d, opts.batch_size)
            aspects = record["val"]["aspects"]
            config["reason_about"] = list(choose_reason_about(aspects)) if opts.ranking == "reasoned" else []
            record["val"]["selected"] = {"miou": _selected_miou(aspects, config["reason_about"]),
                                         "reason_about": config["reason_about"]}
        history.append(record)
        score = record["val"]["selected"]["miou"] if val_set is not None else -record.get("loss", 0.0)
        if d.main:
            _log(out / LOG, record)
            say(json.dumps(record))
            if score > best:
                best = score
                save_checkpoint(out / CHECKPOINT, model.trained_state(), config, {"epoch": epoch + 1})
            save_checkpoint(out / RESUME, model.trained_state(), config,
                            {"epoch": epoch + 1, "best": best, "optimizer": optimizer.state_dict(),
                             "scheduler": scheduler.state_dict()})
        distributed.barrier(d)
        if _out_of_time(opts, t_start):
            say(f"stopping after {opts.max_minutes} minutes (--max-minutes); resume with the same command")
            break
    sync = _ranks_in_sync(model, d)
    if d.main:
        _log(out / LOG, {"done": True, "world": d.world, **sync})
        if d.enabled:
            say(f"{d.world} ranks finished; parameters identical across ranks: {sync['ranks_in_sync']}")
    return {"checkpoint": str(out / CHECKPOINT), "history": history, "trainable": trainable, "world": d.world, **sync}


def _ranks_in_sync(model, d: distributed.Dist) -> dict:
    """Compare every trained parameter across ranks (DDP must keep them identical)."""
    if not d.enabled:
        return {"ranks_in_sync": True, "rank_param_max_diff": 0.0}
    import torch.distributed as dist  # noqa: PLC0415

    flat = torch.cat([p.detach().double().flatten() for p in model.parameters() if p.requires_grad])
    gathered = [torch.empty_like(flat) for _ in range(d.world)]
    dist.all_gather(gathered, flat)
    diff = max(float((g - gathered[0]).abs().max()) for g in gathered)
    return {"ranks_in_sync": diff == 0.0, "rank_param_max_diff": diff}


def _selected_miou(aspects: dict, reason_about: list) -> float:
    """mIoU when the phrases of the chosen aspects are ranked by geometry and the rest by the network alone."""
    n = sum(v["n"] for v in aspects.values())
    total = sum(v["n"] * (v["reasoned"] if a in reason_about else v["direct"]) for a, v in aspects.items())
    return round(total / max(1, n), 4)


def _square_mask(mask: np.ndarray, side: int) -> np.ndarray:
    """The target at the encoder's square input size (nearest neighbour: a mask stays a mask)."""
    if mask.shape == (side, side):
        return mask.astype(np.float32)
    t = torch.from_numpy(mask.astype(np.float32))[None, None]
    return torch.nn.functional.interpolate(t, size=(side, side), mode="nearest")[0, 0].numpy()


def _cosine_with_warmup(warmup: int, total: int):
    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        progress = min(1.0, (step - warmup) / max(1, total - warmup))
        return 0.5 * (1 + math.cos(math.pi * progress))
    return factor


def _resume(path: Path, model, optimizer, scheduler, say) -> tuple:
    if not path.is_file():
        return 0, -math.inf
    payload = load_checkpoint(path)
    model.load_state_dict(payload["state"], strict=False)
    optimizer.load_state_dict(payload["optimizer"])
    scheduler.load_state_dict(payload["scheduler"])
    say(f"resuming from {path} after epoch {payload['epoch']}")
    return int(payload["epoch"]), float(payload.get("best", -math.inf))


def _out_of_time(opts: FitOptions, t_start: float) -> bool:
    return opts.max_minutes is not None and time.perf_counter() - t_start > opts.max_minutes * 60


def _log(path: Path, record: dict) -> None:
    with open(path, "a") as f:
        f.write(json.dumps(record) + "\n")


def _printer(d: distributed.Dist):
    def say(message: str) -> None:
        if d.main:
            print(message, file=sys.stderr, flush=True)
    return say


"""Helpers for the trained-mode tests: a tiny RISBench JSONL dataset of coloured shapes, tiny models, checkpoints."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from pycocotools import mask as coco

# (colour name, RGB, shape, centre x, centre y, half size) as fractions of the image side
SHAPES = [("red", (220, 30, 30), "square", 0.30, 0.35, 0.16),
          ("blue", (40, 60, 230), "disc", 0.65, 0.60, 0.18),
          ("yellow", (235, 220, 40), "square", 0.60, 0.30, 0.14),
          ("white", (245, 245, 245), "disc", 0.35, 0.70, 0.15),
          ("red", (220, 30, 30), "disc", 0.50, 0.50, 0.20),
          ("blue", (40, 60, 230), "square", 0.72, 0.72, 0.13)]
BACKGROUND = (70, 95, 65)


def scene(index: int, size: int = 64) -> tuple:
    """(H×W×3 uint8 image, H×W bool mask, phrase) of one coloured shape on a noisy background."""
    name, rgb, shape, cx, cy, half = SHAPES[index % len(SHAPES)]
    rng = np.random.default_rng(index)
    image = np.clip(np.array(BACKGROUND) + rng.normal(0, 6, (size, size, 3)), 0, 255).astype(np.uint8)
    yy, xx = np.mgrid[0:size, 0:size] + 0.5
    dx, dy, r = xx - cx * size, yy - cy * size, half * size
    mask = (np.abs(dx) <= r) & (np.abs(dy) <= r) if shape == "square" else dx ** 2 + dy ** 2 <= r ** 2
    image[mask] = rgb
    return image, mask, f"the {name} {shape}"


def compressed_rle(mask: np.ndarray) -> dict:
    rle = coco.encode(np.asfortranarray(mask.astype(np.uint8)))
    return {"size": [int(v) for v in rle["size"]], "counts": rle["counts"].decode("ascii")}


def write_jsonl_dataset(root: Path, n: int = 6, size: int = 64, split: str = "train") -> Path:
    """`root/index.jsonl` + `root/images/*.png` (RISBench layout); returns the index path."""
    root = Path(root)
    (root / "images").mkdir(parents=True, exist_ok=True)
    lines = []
    for i in range(n):
        image, mask, phrase = scene(i, size)
        name = f"scene_{i}.png"
        Image.fromarray(image).save(root / "images" / name)
        lines.append(json.dumps({"sent": phrase, "file_name": name, "segmentation": compressed_rle(mask),
                                 "kind": "colour", "split": split, "image_id": i}))
    index = root / "index.jsonl"
    index.write_text("\n".join(lines) + "\n")
    return index


def tiny_options(data: str, out: Path, **overrides):
    """FitOptions for the tiny random base: every weight trained, no augmentation, no worker processes."""
    from rrsis_qgis.train.fit import FitOptions

    values = dict(data=data, out=Path(out), base="tiny-random", prompter="tiny", train_all=True, epochs=1,
                  batch_size=2, lr=1e-3, warmup_steps=1, device="cpu", augment=False, workers=0)
    values.update(overrides)
    return FitOptions(**values)


def tiny_model(seed: int = 0):
    """An untrained tiny ReferringModel set up for train-all, and its checkpoint config."""
    from rrsis_qgis.train.fit import build, checkpoint_config

    opts = tiny_options("jsonl:unused", Path("unused"), seed=seed)
    model, trainable = build(opts, torch.device("cpu"))
    return model, checkpoint_config(opts, model, trainable)


def save_tiny_checkpoint(path: Path, seed: int = 0):
    """A train-all checkpoint of an untrained tiny model (0 steps); returns the model."""
    from rrsis_qgis.engine.trained_checkpoint import save_checkpoint

    model, config = tiny_model(seed)
    save_checkpoint(path, model.trained_state(), config, {"epoch": 0})
    return model

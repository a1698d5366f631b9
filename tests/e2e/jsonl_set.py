"""A tiny RISBench-style JSONL set (random images, one box-shaped mask each) for `train eval` runs."""
import json

import numpy as np


def write_jsonl_set(folder, n: int = 3, phrase: str = "the red building"):
    """``n`` 80×64 PNGs in ``folder`` and ``folder/set.jsonl`` naming them; returns the JSONL path."""
    from PIL import Image
    from pycocotools import mask as coco

    rng = np.random.default_rng(2)
    lines = []
    for i in range(n):
        Image.fromarray(rng.integers(0, 255, (64, 80, 3), dtype=np.uint8)).save(folder / f"{i}.png")
        gt = np.zeros((64, 80), np.uint8)
        gt[10:40, 20:60] = 1
        rle = coco.encode(np.asfortranarray(gt))
        rle["counts"] = rle["counts"].decode()
        lines.append(json.dumps({"sent": phrase, "file_name": f"{i}.png", "segmentation": rle}))
    data = folder / "set.jsonl"
    data.write_text("\n".join(lines) + "\n")
    return data

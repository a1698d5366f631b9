"""The reasoner on real geometry: RISBench train-split images, their true masks as equal-activation candidates."""
import collections
import csv
import json
from pathlib import Path

import numpy as np
import pytest

from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.reasoner import Instance, rank

DATA = Path(__file__).resolve().parents[1] / "data"
mask_utils = pytest.importorskip("pycocotools.mask")


def _cases():
    lines = [line for line in (DATA / "risbench_train_expressions.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    labels = {r["image_id"]: r for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}
    for line in (DATA / "risbench_train_multi.jsonl").read_text(encoding="utf-8").splitlines():
        groups = collections.defaultdict(list)
        for obj in json.loads(line)["objects"]:
            groups[obj["category"]].append(obj)
        for objs in groups.values():
            if len(objs) < 2:
                continue
            masks = [mask_utils.decode({"size": o["rle"]["size"], "counts": o["rle"]["counts"].encode()}).astype(bool)
                     for o in objs]
            for i, obj in enumerate(objs):
                if any(labels[obj["id"]][k] for k in ("position", "superlative", "ordinal")):
                    yield obj, i, masks


CASES = list(_cases())


def test_the_fixture_is_real_multi_object_geometry():
    assert len(CASES) >= 100
    for obj, _, masks in CASES:
        assert obj["id"].startswith("train_") and all(m.shape == (512, 512) and m.any() for m in masks)


def test_top1_on_expressions_with_a_position_order_or_superlative_cue():
    hits, chance, misses = [], [], []
    for obj, answer, masks in CASES:
        ranked = rank([Instance(m, 1.0) for m in masks], parse(obj["sent"]))
        hits.append(ranked[0].index == answer)
        chance.append(1.0 / len(masks))
        if not hits[-1]:
            misses.append(obj["sent"])
    top1 = float(np.mean(hits))
    assert top1 >= 0.92 and top1 > 1.5 * float(np.mean(chance)), (top1, misses)


def test_swapping_left_and_right_breaks_it():
    """The measurement can fail: the same phrases with left/right swapped must mostly miss."""
    swap = {"left": "right", "right": "left", "leftmost": "rightmost", "rightmost": "leftmost"}
    hits = []
    for obj, answer, masks in CASES:
        words = obj["sent"].replace("-", " - ").split()
        if not any(w.lower().strip(".,") in swap for w in words):
            continue
        swapped = " ".join(swap.get(w.lower().strip(".,"), w) for w in words).replace(" - ", "-")
        hits.append(rank([Instance(m, 1.0) for m in masks], parse(swapped))[0].index == answer)
    assert len(hits) >= 30 and np.mean(hits) < 0.5

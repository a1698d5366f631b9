"""Referring reasoning on real geometry: RISBench train-split images, their true masks as the candidates.

    .venv/bin/python bench/reasoning.py [--model full-random] [--runs 3] [--skip-latency]

Accuracy: every train-split image of tests/data/risbench_train_multi.jsonl with two or more referred objects of one
category; the candidates are those objects' true masks (COCO RLE) with equal activation, so only the phrase's
geometry can decide. Each expression with a position / order / superlative cue (its hand label in
tests/data/risbench_train_expressions.tsv) is parsed by the real parser and ranked by the real reasoner;
top-1 = the object it was written for. Chance = mean of 1/candidates over the same expressions.
Parse time: every phrase of the expression table, each its median of 21 parses; median and p99 over phrases.
Latency: on one 1024² view, the first query (both encoders + plain activation → SAM), then, with the
embeddings cached, plain vs reasoning segment() in the same run; added / first query (target ≤ 0.25).
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import statistics
import sys
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rrsis_qgis.engine.phrase import parse  # noqa: E402
from rrsis_qgis.engine.reasoner import Instance, rank  # noqa: E402
from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: E402

DATA = REPO / "tests" / "data"
GEOMETRIC_PHRASE = "the largest white storage tank left of the road"


def _labels() -> dict:
    lines = [line for line in (DATA / "risbench_train_expressions.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return {r["image_id"]: r for r in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)}


def _decode(rle: dict) -> np.ndarray:
    from pycocotools import mask as mask_utils

    return mask_utils.decode({"size": rle["size"], "counts": rle["counts"].encode()}).astype(bool)


def real_geometry() -> dict:
    labels = _labels()
    hits, chance, kinds, misses = [], [], collections.defaultdict(list), []
    for line in (DATA / "risbench_train_multi.jsonl").read_text(encoding="utf-8").splitlines():
        image = json.loads(line)
        by_category = collections.defaultdict(list)
        for obj in image["objects"]:
            by_category[obj["category"]].append(obj)
        for objs in by_category.values():
            if len(objs) < 2:
                continue
            candidates = [Instance(_decode(o["rle"]), 1.0) for o in objs]
            for i, obj in enumerate(objs):
                label = labels[obj["id"]]
                cue = [k for k in ("position", "superlative", "ordinal") if label[k]]
                if not cue:
                    continue
                ok = rank(candidates, parse(obj["sent"]))[0].index == i
                hits.append(ok)
                chance.append(1.0 / len(objs))
                kinds["+".join(cue)].append(ok)
                if not ok:
                    misses.append(obj["id"])
    return {"images_expressions": len(hits), "top1": round(float(np.mean(hits)), 4),
            "chance": round(float(np.mean(chance)), 4), "target_min": 0.92,
            "per_cue": {k: {"n": len(v), "top1": round(float(np.mean(v)), 3)} for k, v in sorted(kinds.items())},
            "misses": misses}


def parse_time(rounds: int = 21) -> dict:
    """Each phrase's own median over ``rounds`` parses (the machine is shared), then median and p99 over phrases."""
    phrases = [r["sent"] for r in _labels().values()]
    per_phrase = []
    for p in phrases:
        times = []
        for _ in range(rounds):
            t0 = time.perf_counter()
            parse(p)
            times.append(time.perf_counter() - t0)
        per_phrase.append(statistics.median(times) * 1e6)
    return {"phrases": len(phrases), "rounds": rounds, "median_us": round(float(np.median(per_phrase)), 1),
            "p99_us": round(float(np.percentile(per_phrase, 99)), 1), "max_us": round(max(per_phrase), 1)}


def latency(model: str, runs: int) -> dict:
    from rrsis_qgis.engine.segmenter import Segmenter

    seg = Segmenter.from_name(model, device="cpu")
    image = demo_scene(size=1024).image
    firsts, plain, reasoned, candidates = [], [], [], []
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        embeddings = seg.encode(image)
        seg.segment(image, GEOMETRIC_PHRASE, embeddings=embeddings, reasoning=False)
        firsts.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        seg.segment(image, GEOMETRIC_PHRASE, embeddings=embeddings, reasoning=False)
        plain.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        result = seg.segment(image, GEOMETRIC_PHRASE, embeddings=embeddings)
        reasoned.append(time.perf_counter() - t0)
        candidates.append(len(result.candidates))
    firsts, plain, reasoned = firsts[1:], plain[1:], reasoned[1:]  # the first round warms up
    ratios = [(r - p) / f for f, p, r in zip(firsts, plain, reasoned)]
    return {"model": model, "view": "1024x1024", "phrase": GEOMETRIC_PHRASE, "candidates": max(candidates),
            "median_first_query_ms": round(statistics.median(firsts) * 1000, 1),
            "median_plain_cached_ms": round(statistics.median(plain) * 1000, 1),
            "median_reasoning_cached_ms": round(statistics.median(reasoned) * 1000, 1),
            "added_over_first_query": {"median": round(statistics.median(ratios), 4), "max": round(max(ratios), 4),
                                       "target_max": 0.25},
            "last_timings_ms": result.timings_ms}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="full-random")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-latency", action="store_true")
    args = ap.parse_args()
    out = {"bench": "reasoning", "real_geometry": real_geometry(), "parse_time": parse_time()}
    if not args.skip_latency:
        out["latency"] = latency(args.model, args.runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

"""Referring reasoning: accuracy per phrase type with oracle activations, and its added latency.

    .venv/bin/python bench/reasoning.py [--samples 540] [--model full-random] [--runs 3]

Accuracy: synthetic scenes with known instance masks and oracle target activations (no model),
the phrase parsed by the real parser, ranked by the real reasoner; top-1 = the referred instance.
Latency: on one 1024² view, the first query (both encoders + plain activation → SAM), then, with the
embeddings cached, plain vs reasoning segment() in the same run; added / first query (target ≤ 0.25).
"""
from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rrsis_qgis.engine.phrase import parse  # noqa: E402
from rrsis_qgis.engine.reasoner import Instance, rank  # noqa: E402
from rrsis_qgis.train.referring_scenes import generate  # noqa: E402
from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: E402

GEOMETRIC_PHRASE = "the largest white storage tank left of the road"


def accuracy(n: int, seed: int) -> dict:
    hits = collections.defaultdict(list)
    kinds = collections.defaultdict(list)
    t0 = time.perf_counter()
    for s in generate(n, seed=seed):
        ranked = rank([Instance(m, a) for m, a in zip(s.masks, s.activations)], parse(s.phrase), s.landmarks)
        ok = ranked[0].index == s.answer
        hits[s.subtype].append(ok)
        kinds[s.kind].append(ok)
    every = [x for v in hits.values() for x in v]
    return {"samples": len(every), "overall": round(sum(every) / len(every), 4), "target_min": 0.95,
            "per_kind": {k: round(sum(v) / len(v), 4) for k, v in kinds.items()},
            "per_type": {k: round(sum(v) / len(v), 3) for k, v in sorted(hits.items())},
            "ms_per_sample": round((time.perf_counter() - t0) * 1000 / len(every), 2)}


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
    ap.add_argument("--samples", type=int, default=540)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--model", default="full-random")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--skip-latency", action="store_true")
    args = ap.parse_args()
    out = {"bench": "reasoning", "accuracy": accuracy(args.samples, args.seed)}
    if not args.skip_latency:
        out["latency"] = latency(args.model, args.runs)
    print(json.dumps(out))


if __name__ == "__main__":
    main()

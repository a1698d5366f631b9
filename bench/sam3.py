"""SAM 3 + our reasoner on CPU: first query and second phrase on a 1024² view, peak RSS, beside default and quality.

    .venv/bin/python bench/sam3.py [--runs 3] [--sam3-runs 1] [--skip-sam3]

Each model runs in its own process (its own peak RSS): ``default-random`` and ``quality-random`` (the
zero-shot presets' architectures, random weights; one warm-up run, then ``--runs``) and SAM 3 at the FULL
size with random weights (Sam3Config()'s defaults: the release's 840 M parameters, so the release's cost;
``--sam3-runs``, no warm-up, since one forward takes minutes on a small CPU). The first query is
encode (vision backbone) + phrase 1, "the white storage tank left of the road" (SAM 3: two prompts, the
target and the road); the second phrase, "the red building at the bottom" (one prompt), runs on the
cached view. Random scores never pass SAM 3's threshold, so the random model keeps its best instances:
the masks are upsampled and ranked as they would be for real hits. Prints one JSON object: medians and
the ratios of the same run.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
import rsrefseg2_release  # noqa: E402 (its per-model child process runner)

SAM3_FULL = "sam3-full-random"


def child(model: str, runs: int, warmup: int) -> dict:
    from rrsis_qgis.engine.segmenter import Segmenter  # noqa: PLC0415
    from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: PLC0415

    t0 = time.perf_counter()
    if model == SAM3_FULL:
        from rrsis_qgis.engine.sam3.build import sam3_segmenter  # noqa: PLC0415

        segmenter = sam3_segmenter("sam3-random", device="cpu", full_size=True)
    else:
        segmenter = Segmenter.from_name(model, device="cpu")
    load_s = time.perf_counter() - t0
    view = demo_scene(size=1024, seed=3).image
    first, second, stages, embeddings = rsrefseg2_release.time_queries(segmenter, view, runs, warmup)
    return {"model": model, "load_s": round(load_s, 1), "warmup_runs": warmup, "runs": runs,
            "first_query_ms": round(statistics.median(first)), "second_phrase_ms": round(statistics.median(second)),
            "second_over_first": round(statistics.median(s / f for s, f in zip(second, first)), 4),
            "cached_view_mb": round(embeddings.nbytes / 1e6, 1),
            "stages_ms": {k: round(statistics.median(s[k] for s in stages)) for k in stages[0]},
            "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2)}


def run_child(model: str, runs: int, warmup: int) -> dict:
    return rsrefseg2_release.run_child(model, runs, "--warmup", str(warmup), script=__file__)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--sam3-runs", type=int, default=1)
    ap.add_argument("--skip-sam3", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--warmup", type=int, default=1, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.runs, args.warmup)))
        return
    out = {"bench": "sam3", "view": "1024x1024", "device": "cpu",
           "default": run_child("default-random", args.runs, 1), "quality": run_child("quality-random", args.runs, 1)}
    if not args.skip_sam3:
        sam3 = out["sam3"] = run_child(SAM3_FULL, args.sam3_runs, 0)
        for base in ("default", "quality"):
            out[f"first_query_sam3_over_{base}"] = round(sam3["first_query_ms"] / out[base]["first_query_ms"], 3)
            out[f"second_phrase_sam3_over_{base}"] = round(sam3["second_phrase_ms"] / out[base]["second_phrase_ms"], 3)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

"""RSRefSeg 2 at the released size (random weights): load time of a 2.9 GB file, first query, cache hit, peak RSS.

    .venv/bin/python bench/rsrefseg2_release.py [--runs 3] [--file /tmp/x.pth] [--skip-quality]

Writes a release-layout file of random weights (so400m + SAM 2.1-L, bf16, LoRA unmerged: the released
shapes and size), then, each in its own process so the peak RSS is its own: ``rsrefseg2:FILE`` (load,
then per run a 1024² view's first query = both encoders + prompter + decoder, and a second phrase on the
cached view) and the ``quality-random`` preset (SigLIP 2 so400m + SAM 2.1-L, zero-shot) on the same
view. Prints one JSON object: medians and the ratios of the same run.
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
PHRASES = ("the white storage tank left of the road", "the red building at the bottom")


def child(model: str, runs: int) -> dict:
    import torch  # noqa: PLC0415

    from rrsis_qgis.engine.segmenter import Segmenter  # noqa: PLC0415
    from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: PLC0415

    torch.set_num_threads(torch.get_num_threads())
    t0 = time.perf_counter()
    segmenter = Segmenter.from_name(model, device="cpu")
    load_s = time.perf_counter() - t0
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6
    first, hit, stages, _ = time_queries(segmenter, demo_scene(size=1024, seed=3).image, runs, warmup=1)
    return {"model": model, "load_s": round(load_s, 1), "rss_after_load_gb": round(rss_loaded, 2),
            "peak_rss_gb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e6, 2),
            "first_query_ms": round(statistics.median(first)), "cache_hit_ms": round(statistics.median(hit)),
            "hit_over_first": round(statistics.median(h / f for h, f in zip(hit, first)), 4),
            "stages_ms": {k: round(statistics.median(s[k] for s in stages)) for k in stages[0]}, "runs": runs}


def time_queries(segmenter, view, runs: int, warmup: int) -> tuple:
    """Per run after ``warmup``: the first query's ms (encode + PHRASES[0]), the second phrase's ms on the
    cached view, the stage timings of the first; and the last run's embeddings."""
    first, second, stages = [], [], []
    for run in range(warmup + runs):
        t = time.perf_counter()
        embeddings = segmenter.encode(view, timings=(timings := {}))
        result = segmenter.segment(view, PHRASES[0], embeddings=embeddings)
        first_ms = (time.perf_counter() - t) * 1000
        t = time.perf_counter()
        segmenter.segment(view, PHRASES[1], embeddings=embeddings)
        if run >= warmup:
            second.append((time.perf_counter() - t) * 1000)
            first.append(first_ms)
            stages.append({**timings, **result.timings_ms})
    return first, second, stages, embeddings


def run_child(model: str, runs: int, *extra: str, script: str = __file__) -> dict:
    """``script --child MODEL --runs N EXTRA…`` in its own process (its own peak RSS) → its JSON line."""
    out = subprocess.run([sys.executable, script, "--child", model, "--runs", str(runs), *extra], capture_output=True,
                         text=True, check=True)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    print(json.dumps(result), file=sys.stderr, flush=True)  # each model's numbers as soon as they exist
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--file", type=Path, help="where to write the random release (default: a temp folder)")
    ap.add_argument("--skip-quality", action="store_true")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        print(json.dumps(child(args.child, args.runs)))
        return
    from rrsis_qgis.engine.rsrefseg2.random_release import RELEASED, random_lora, random_parts, standin_tokenizer, write_release  # noqa: PLC0415,E501

    folder = args.file.parent if args.file else Path(tempfile.mkdtemp(prefix="rsrefseg2-bench-"))
    path = args.file or folder / "rsrefseg2_random.pth"
    t = time.perf_counter()
    if not path.is_file():
        parts = random_parts(RELEASED)
        write_release(path, parts, random_lora(parts))
        del parts
    standin_tokenizer(folder)
    written_s = time.perf_counter() - t
    release = run_child(f"rsrefseg2:{path}", args.runs)
    out = {"bench": "rsrefseg2_release", "view": "1024x1024", "file_gb": round(path.stat().st_size / 1e9, 3),
           "file_written_s": round(written_s, 1), "rsrefseg2": release}
    if not args.skip_quality:
        quality = run_child("quality-random", args.runs)
        out["quality"] = quality
        out["first_query_rsrefseg2_over_quality"] = round(release["first_query_ms"] / quality["first_query_ms"], 3)
        out["cache_hit_rsrefseg2_over_quality"] = round(release["cache_hit_ms"] / quality["cache_hit_ms"], 3)
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()

"""Per-stage latency of raster + phrase → polygons on a 1024² view; prints one JSON object.

    .venv/bin/python bench/latency.py --model full-random [--runs 5] [--device cpu]
    .venv/bin/python bench/latency.py --model full-random,quality-random --runs 1   # presets, same run

Any model spec works, and ``<preset>-random`` for every preset (its architectures with random weights:
compute does not depend on the weight values). Several comma-separated models are measured one after
the other in this process (one model in memory at a time) and reported with their totals' ratio to
the first one's, measured in the same run.

Stages: read, clip_image, clip_text, activation, sam2_encoder, sam2_decoder, polygonize, write.
Medians over the runs (after one warm-up) and, per run, the wall-clock total / the SAM 2 encoder alone
(timed by itself just before, same view), whose median is reported: a ratio measured within one run is
robust to a noisy shared machine.
"""
from __future__ import annotations

import argparse
import dataclasses
import gc
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rrsis_qgis.engine.segmenter import Segmenter  # noqa: E402
from rrsis_qgis.engine.specs import get_spec  # noqa: E402
from rrsis_qgis.geo.raster_window import read_view  # noqa: E402
from rrsis_qgis.pipeline import segment_raster  # noqa: E402
from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff  # noqa: E402

REAL_1024 = REPO.parent / "shared" / "data" / "rasterio_cogeo.tif"
PHRASE = "the white storage tank left of the road"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="full-random", help="a spec, <preset>-random, or several, comma-separated")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--clip-input-size", type=int, help="override the spec's CLIP input side (quality/speed)")
    ap.add_argument("--plain", action="store_true", help="activation → SAM only, without the referring reasoner")
    args = ap.parse_args()
    models = [m.strip() for m in args.model.split(",") if m.strip()]
    if len(models) == 1:
        print(json.dumps(measure(models[0], args)))
        return
    results = []
    for name in models:  # one model in memory at a time
        results.append(measure(name, args))
        gc.collect()
    first = results[0]["median_total_ms"]
    print(json.dumps({"bench": "latency_presets", "view": results[0]["view"], "runs": args.runs,
                      "device": results[0]["device"], "reference": models[0],
                      "total_ratio_to_reference": {r["model"]: round(r["median_total_ms"] / first, 2) for r in results},
                      "models": results}))


def measure(model: str, args) -> dict:
    """Build ``model``, warm up once, then ``args.runs`` first queries on the 1024² view: the result object."""
    import torch

    with tempfile.TemporaryDirectory() as tmp:
        raster = REAL_1024 if REAL_1024.is_file() and args.size == 1024 else \
            Path(write_geotiff(f"{tmp}/scene.tif", demo_scene(size=args.size).image))
        t0 = time.perf_counter()
        spec = get_spec(model)
        if args.clip_input_size:
            spec = dataclasses.replace(spec, clip=dataclasses.replace(spec.clip, input_size=args.clip_input_size))
        segmenter = Segmenter(spec, device=args.device)
        build_s = time.perf_counter() - t0
        runs, walls, alone = [], [], []
        rgb = read_view(str(raster), max_side=args.size).rgb
        for i in range(args.runs + 1):
            t0 = time.perf_counter()
            segmenter.refiner.set_image(rgb)  # the SAM 2 encoder alone: the ratio's denominator, same run
            encoder_alone = time.perf_counter() - t0
            getattr(getattr(segmenter.strategy, "text_features", None), "entries", {}).clear()  # a first query
            t0 = time.perf_counter()
            summary = segment_raster(segmenter, str(raster), PHRASE, f"{tmp}/out{i}.gpkg", max_side=args.size,
                                     reasoning=not args.plain)
            if i:  # the first run warms up allocators and kernels
                runs.append(summary.timings_ms)
                walls.append(time.perf_counter() - t0)
                alone.append(encoder_alone)
        if segmenter.device.type == "cuda":
            torch.cuda.synchronize()

        compact_ms = _compact_polygonize_ms(args.size)

    stages = list(runs[0])
    totals = [w * 1000 for w in walls]  # wall clock of the whole job
    ratios = [w / a for w, a in zip(walls, alone)]
    device = str(segmenter.device)
    del segmenter
    return {
        "bench": "latency", "model": model, "device": device,
        "torch_threads": torch.get_num_threads(), "clip_input_size": spec.clip.input_size,
        "reasoning": not args.plain, "view": f"{args.size}x{args.size}",
        "raster": raster.name if raster.parent != Path(tmp) else "synthetic", "runs": len(runs),
        "model_build_s": round(build_s, 2),
        "median_ms": {s: round(statistics.median(r[s] for r in runs), 1) for s in stages},
        "median_total_ms": round(statistics.median(totals), 1),
        "median_sam2_encoder_alone_ms": round(statistics.median(alone) * 1000, 1),
        "ratio_total_to_sam2_encoder": {"median": round(statistics.median(ratios), 3),
                                        "min": round(min(ratios), 3), "max": round(max(ratios), 3),
                                        "target_max": 1.3},
        # random weights give speckled masks (thousands of parts); a real object is one compact part:
        "polygonize_one_compact_object_ms": compact_ms,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def _compact_polygonize_ms(size: int) -> float:
    """Median time to vectorize the demo scene's tank mask at the bench's view size."""
    from rrsis_qgis.geo.vectorize import mask_to_geometry

    tank = demo_scene(size=size).find("storage tank", "white")[0].mask
    gt = (741000.0, 0.5, 0.0, 3735000.0, 0.0, -0.5)
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        mask_to_geometry(tank, gt)
        times.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(times), 2)


if __name__ == "__main__":
    main()

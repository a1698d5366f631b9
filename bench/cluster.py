"""Tiled runs on a Dask cluster: tiles/s with 1 and 2 local workers vs one in-process backend, the scheduler's cost
per tile, and the client's peak RSS for 1 vs 20 scenes (one JSON object).

Each measurement runs in a fresh process. Tile rates are medians of ``--repeats`` rounds over the same
raster, after a warm-up round (every worker has built its model); each round runs the three paths
one after the other. The single-backend path is `segment --tiled --mode all` in-process (the engine,
one tile at a time, the next tile read ahead); run the bench with OMP_NUM_THREADS=1 to give it one
torch thread, as Dask's nanny gives each worker. The
scheduler's cost is measured with tasks that do nothing (their answer: an empty tile), once as bare
Dask round trips and once through the whole client loop (window, merger, journal). Client RSS is
the client process's peak (with `local:N` the scheduler lives in it too) over 1 and 20 copies of
one scene, on the same workers.

    .venv/bin/python bench/cluster.py [--model tiny-random] [--repeats 3] [--tasks 400]
"""
from __future__ import annotations

import argparse
import json
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TILE, OVERLAP, PHRASE = 256, 64, "the white storage tank"


def empty_tile(job):
    """A task that does nothing: what is left of a tile's time is the scheduler's and the client's."""
    from rrsis_qgis.cluster.tile_task import TileResult

    return TileResult(job.source, job.tile.key, [], "none")


def nothing(i):
    return i


def child_rates(args) -> dict:
    """tiles/s of the single-backend path and of local clusters of 1 and 2 workers, their repeats interleaved
    (the machine's load drifts: each round measures all three within a minute or two)."""
    import contextlib

    from rrsis_qgis.cluster.connect import cluster_client
    from rrsis_qgis.cluster.run import GridOptions, plan_scenes, run_cluster
    from rrsis_qgis.cluster.tile_task import ModelSpec
    from rrsis_qgis.engine.segmenter import Segmenter
    from rrsis_qgis.tiled import segment_tiled

    options = GridOptions(tile=TILE, overlap=OVERLAP)
    segmenter = Segmenter.from_name(args.model, device="cpu")
    tiles = len(plan_scenes([args.raster], options)[0].grid.tiles)

    def single(out: str) -> None:
        segment_tiled(segmenter, args.raster, PHRASE, out, tile=TILE, overlap=OVERLAP, mode="all")

    with contextlib.ExitStack() as stack:
        runs = {"single_backend": single}
        for n in (1, 2):
            client = stack.enter_context(cluster_client(f"local:{n}"))
            runs[f"local_{n}"] = lambda out, client=client: run_cluster(
                client, plan_scenes([args.raster], options), PHRASE, out, ModelSpec(args.model, "cpu"), options)
        rates = {name: [] for name in runs}
        for round_ in range(args.repeats + 1):  # round 0 warms up: every worker builds its model
            for name, run in runs.items():
                t0 = time.perf_counter()
                run(str(Path(args.tmp) / f"{name}.gpkg"))
                rates[name].append(tiles / (time.perf_counter() - t0))
    return {"tiles": tiles, "tiles_per_s": {k: round(statistics.median(v[1:]), 3) for k, v in rates.items()},
            "warm_up_tiles_per_s": {k: round(v[0], 3) for k, v in rates.items()}}


def child_overhead(args) -> dict:
    """ms per task: bare Dask round trips, and the whole client loop with empty tiles; one worker thread."""
    from dask.distributed import as_completed

    from rrsis_qgis.cluster.connect import cluster_client
    from rrsis_qgis.cluster.run import GridOptions, plan_scenes, run_cluster
    from rrsis_qgis.cluster.tile_task import ModelSpec

    options = GridOptions(tile=64, overlap=0)  # a 1280² raster in 64 px tiles: 400 tiles
    with cluster_client("local:1") as client:
        client.submit(nothing, -1).result()
        bare = []
        for _ in range(args.repeats):
            t0 = time.perf_counter()
            futures = [client.submit(nothing, i, pure=False) for i in range(args.tasks)]
            for future in as_completed(futures, loop=client.loop):
                future.release()
            bare.append((time.perf_counter() - t0) * 1000 / args.tasks)
        loop = []
        for _ in range(args.repeats):
            scenes = plan_scenes([args.raster], options)
            t0 = time.perf_counter()
            summary = run_cluster(client, scenes, PHRASE, str(Path(args.tmp) / "overhead.gpkg"), ModelSpec("none"),
                                  options, task=empty_tile)
            loop.append((time.perf_counter() - t0) * 1000 / summary.tiles)
    return {"bare_dask_ms_per_task": round(statistics.median(bare), 3),
            "client_loop_ms_per_tile": round(statistics.median(loop), 3), "tiles": summary.tiles}


def child_rss(args) -> dict:
    """The client's peak RSS over ``args.scenes`` copies of the scene (a folder of rasters)."""
    from rrsis_qgis.cluster.connect import cluster_client
    from rrsis_qgis.cluster.inputs import expand_rasters
    from rrsis_qgis.cluster.run import GridOptions, plan_scenes, run_cluster
    from rrsis_qgis.cluster.tile_task import ModelSpec

    folder = Path(args.tmp) / f"scenes{args.scenes}"
    folder.mkdir()
    for i in range(args.scenes):
        shutil.copy(args.raster, folder / f"scene{i:02d}.tif")
    options = GridOptions(tile=TILE, overlap=OVERLAP)
    with cluster_client(f"local:{args.workers}") as client:
        t0 = time.perf_counter()
        summary = run_cluster(client, plan_scenes(expand_rasters([str(folder)]), options), PHRASE,
                              str(Path(args.tmp) / f"rss{args.scenes}.gpkg"), ModelSpec(args.model, "cpu"), options)
        seconds = time.perf_counter() - t0
    return {"scenes": args.scenes, "tiles": summary.tiles, "features": summary.features, "seconds": round(seconds, 1),
            "client_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def child(args, kind: str, **extra) -> dict:
    cmd = [sys.executable, __file__, "--child", kind, "--model", args.model, "--repeats", str(args.repeats),
           "--tasks", str(args.tasks), "--tmp", args.tmp]
    for key, value in extra.items():
        cmd += [f"--{key}", str(value)]
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=REPO)
    if proc.returncode:
        raise SystemExit(f"{kind} {extra} failed:\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--model", default="tiny-random")
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--tasks", type=int, default=400)
    p.add_argument("--child")
    p.add_argument("--tmp")
    p.add_argument("--raster")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--scenes", type=int, default=1)
    args = p.parse_args()
    if args.child:
        print(json.dumps({"rates": child_rates, "overhead": child_overhead, "rss": child_rss}[args.child](args)))
        return
    from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff

    args.tmp = tempfile.mkdtemp(prefix="rrsis-cluster-bench-")
    try:
        scene = write_geotiff(str(Path(args.tmp) / "scene.tif"), demo_scene(size=768, seed=0).image)  # 16 tiles
        small = write_geotiff(str(Path(args.tmp) / "small.tif"), demo_scene(size=600, seed=1).image)  # 9 tiles
        grid = write_geotiff(str(Path(args.tmp) / "grid.tif"), demo_scene(size=1280, seed=2).image)
        rates = child(args, "rates", raster=scene)
        overhead = child(args, "overhead", raster=grid)
        rss = {n: child(args, "rss", raster=small, workers=2, scenes=n) for n in (1, 20)}
    finally:
        shutil.rmtree(args.tmp, ignore_errors=True)
    per_s = rates["tiles_per_s"]
    limit = 1000.0 / overhead["client_loop_ms_per_tile"]
    print(json.dumps({
        "model": args.model, "tile": TILE, "overlap": OVERLAP, "repeats": args.repeats, "tiles": rates["tiles"],
        "tiles_per_s": per_s, "warm_up_tiles_per_s": rates["warm_up_tiles_per_s"],
        "ratio_local_1_vs_single": round(per_s["local_1"] / per_s["single_backend"], 3),
        "ratio_local_2_vs_single": round(per_s["local_2"] / per_s["single_backend"], 3),
        "ratio_local_2_vs_local_1": round(per_s["local_2"] / per_s["local_1"], 3),
        "scheduler": dict(overhead, tile_rate_where_the_client_loop_is_the_limit=round(limit, 1)),
        "client_peak_rss": {"1_scene": rss[1], "20_scenes": rss[20],
                            "ratio_20_vs_1": round(rss[20]["client_peak_rss_mb"] / rss[1]["client_peak_rss_mb"], 3)},
    }, indent=1))


if __name__ == "__main__":
    main()

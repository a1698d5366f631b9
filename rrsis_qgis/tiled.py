"""`segment --tiled`: a whole scene through the in-process engine, tile by tile (geo/tiled_run), with a progress bar."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Optional, Sequence

from . import __version__

MODES = ("single", "all")  # as geo.tiled_run.MODES; repeated so `--help` needs no GDAL


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The `segment` options of a tiled run (ignored without --tiled)."""
    from .engine.device import CHOICES

    g = parser.add_argument_group("whole scenes (--tiled)")
    g.add_argument("--tiled", action="store_true",
                   help="segment the whole extent tile by tile at --gsd (default native) instead of one capped view")
    g.add_argument("--tile", type=_bounded(int, 64, 4096), default=1024,
                   help="tile side in pixels (64–4096, default 1024)")
    g.add_argument("--overlap", type=_bounded(int, 0, 2048), default=128,
                   help="overlap of neighbouring tiles in pixels, at most half a tile (default 128)")
    g.add_argument("--mode", choices=MODES,
                   help="single: the one referred object over the whole area; all: every instance "
                        "(default single; with --cluster, all)")
    g.add_argument("--threshold", type=float, default=0.0, help="drop objects scoring below this (default 0)")
    g.add_argument("--gsd", type=_bounded(float, 1e-6, 1e6),
                   help="target ground sampling distance in m/px (default: the raster's)")
    g.add_argument("--cluster", type=_address, metavar="local:N|tcp://HOST:PORT",
                   help="run the tiles as Dask tasks: N worker processes here, or a running Dask scheduler; "
                        "resumable (a journal beside --out), --mode all only")
    g.add_argument("--worker-device", choices=CHOICES,
                   help="--cluster: the device each worker runs the model on (default: --device)")
    g.add_argument("--overview-side", type=_bounded(int, 64, 4096), default=1024,
                   help="--mode single: long side of the whole-area overview that picks the object (default 1024)")


def _bounded(kind, low, high):
    """An argparse type: a number in [low, high], refused (exit 2) before any model is loaded."""
    def parse(text: str):
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a number, got {text!r}") from None
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"{value} is outside {low}–{high}")
        return value
    return parse


def _address(text: str) -> str:
    from .cluster.connect import check_address

    try:
        return check_address(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def run_cli(segmenter, phrase: str, args) -> int:
    """`segment --tiled`: run, print the summary (stdout) and the progress bar (stderr)."""
    args.mode = args.mode or "single"
    summary = segment_tiled(segmenter, args.raster, phrase, args.out, extent=args.extent, target_gsd_m=args.gsd,
                            tile=args.tile, overlap=args.overlap, mode=args.mode, threshold=args.threshold,
                            bands=args.bands, overview_side=args.overview_side, progress=ProgressBar(),
                            say=lambda msg: print(msg, file=sys.stderr, flush=True))
    if args.json:
        print(json.dumps(summary.__dict__))
    else:
        found = "no object found" if summary.features == 0 else f"score {', '.join(map(str, summary.scores[:10]))}"
        print(f"{summary.features} feature(s) written to {summary.output} ({summary.crs}); {found}")
        print(f"{summary.view}; timings (ms): " + ", ".join(f"{k} {v:.0f}" for k, v in summary.timings_ms.items()))
    return 0


class SegmenterAsk:
    """The engine as a tile backend (the same answers the HTTP backend would give, without HTTP)."""

    def __init__(self, segmenter):
        self.segmenter = segmenter

    def __call__(self, q):
        import numpy as np

        from .geo.tiled_run import TileAnswer

        boxes = np.asarray(q.boxes, np.float32) if q.boxes else None
        result = self.segmenter.segment(q.view.rgb, q.phrase, top_k=q.top_k, valid=q.view.valid, boxes=boxes,
                                        reasoning=q.reasoning)
        return TileAnswer([(m, float(s), t) for m, s, t in zip(result.masks, result.scores, result.mask_terms())
                           if m.any()], result.model)


class ProgressBar:
    """A one-line bar on a terminal; on a pipe or file, a line every tenth of the way."""

    def __init__(self, stream=None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width, self.t0, self._last_decile = width, time.perf_counter(), -1
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()

    def __call__(self, fraction: float, message: str) -> None:
        elapsed = time.perf_counter() - self.t0
        filled = int(round(self.width * fraction))
        line = f"  [{'#' * filled}{'.' * (self.width - filled)}] {fraction * 100:5.1f} %  {message}  {elapsed:.0f} s"
        if self.tty:
            self.stream.write("\r" + line + ("\n" if fraction >= 1 else ""))
            self.stream.flush()
        elif int(fraction * 10) > self._last_decile or fraction >= 1:
            self._last_decile = int(fraction * 10)
            print(line, file=self.stream, flush=True)


def segment_tiled(segmenter, raster: str, phrase: str, out: str, extent: Optional[Sequence[float]] = None,
                  target_gsd_m: Optional[float] = None, tile: int = 1024, overlap: int = 128, mode: str = "single",
                  threshold: float = 0.0, bands: Optional[Sequence[int]] = None, overview_side: int = 1024,
                  progress=None, say=None):
    """Plan the grid, run every tile through ``segmenter``, merge and write ``out`` whole (or not at all)."""
    from .geo.tiled_run import result_row, run_tiled
    from .geo.tiling import plan_grid
    from .geo.vector_writer import ResultFeature, write_features
    from .pipeline import Summary, _crs_label

    say = say or (lambda _msg: None)
    grid = plan_grid(raster, extent, target_gsd_m, tile, overlap, bands)
    say(f"  {grid.describe()}, mode {mode}")
    outcome = run_tiled(grid, phrase, SegmenterAsk(segmenter), mode=mode, threshold=threshold,
                        overview_side=overview_side, progress=progress)
    instances = sorted(outcome.instances, key=lambda inst: -inst.score)
    rows = [result_row(outcome, inst, i, phrase, Path(raster).name, __version__) for i, inst in enumerate(instances)]
    t0 = time.perf_counter()
    count = write_features(out, [ResultFeature(i.geom, row) for i, row in zip(instances, rows)], grid.crs_wkt)
    tiles_per_s = outcome.tiles_read / outcome.seconds if outcome.seconds else 0.0
    view = f"{grid.describe()}; {outcome.requests} request(s), {tiles_per_s:.2f} tiles/s"
    return Summary(output=str(out), features=count, crs=_crs_label(grid.crs_wkt), view=view,
                   scores=[r["score"] for r in rows],
                   timings_ms={"tiles": round(outcome.seconds * 1000, 2),
                               "write": round((time.perf_counter() - t0) * 1000, 2)})


def run_cluster_cli(phrase: str, args) -> int:
    """`segment --tiled --cluster`: plan every raster here, run the tiles on the cluster, print the summary."""
    from .cli import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK
    from .cluster.connect import cluster_client, dashboard_link
    from .cluster.inputs import expand_rasters
    from .cluster.journal import journal_path
    from .cluster.run import GridOptions, plan_scenes, run_cluster
    from .cluster.tile_task import ModelSpec

    if not args.tiled:
        raise ValueError("--cluster runs whole scenes tile by tile: add --tiled")
    if args.mode == "single":
        raise ValueError("--cluster runs --mode all (every instance); --mode single reads one overview and a few "
                         "tiles, which one backend does: drop --cluster")

    def say(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    options = GridOptions(args.extent, args.gsd, args.tile, args.overlap, args.bands, args.threshold)
    scenes = plan_scenes(expand_rasters(args.raster), options)  # bad rasters are refused before any worker starts
    say(f"  {len(scenes)} raster(s), {sum(len(s.grid.tiles) for s in scenes)} tile(s); {scenes[0].grid.describe()}")
    model = ModelSpec(args.model, args.worker_device or args.device, str(args.models_dir) if args.models_dir else None)
    try:
        with cluster_client(args.cluster) as client:
            link = dashboard_link(client)
            workers = len(client.scheduler_info().get("workers", {}))
            say(f"  cluster {args.cluster}: {workers} worker(s) now" + (f", dashboard {link}" if link else ""))
            summary = run_cluster(client, scenes, phrase, args.out, model, options, progress=ProgressBar(), say=say)
    except KeyboardInterrupt:
        say(f"interrupted: the finished tiles are kept in {journal_path(Path(args.out))}; the same command "
            "resumes from there (the output is written when every tile is in)")
        return EXIT_INTERRUPTED
    for line in summary.failures:
        say(f"  failed: {line}")
    if args.json:
        print(json.dumps(summary.__dict__))
    else:
        print(f"{summary.features} feature(s) from {summary.rasters} raster(s) written to {summary.output} "
              f"({summary.crs})")
        print(f"tiles: {summary.done}/{summary.tiles} done ({summary.resumed} from the journal), {summary.retried} "
              f"retried, {summary.failed} failed; {summary.tiles_per_s:.2f} tiles/s")
    if summary.failed:
        say(f"error: {summary.failed} tile(s) failed (listed above); the output holds everything else")
        return EXIT_FAILED
    return EXIT_OK

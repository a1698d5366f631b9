"""The client of a cluster run: tiles as Dask tasks, pieces merged in whatever order they finish, objects journaled.

Tiles are submitted in scan order through a bounded window (a few per worker thread), so neither the
client nor the scheduler holds the whole scene list of tasks, and the merger's open front stays
small. Each result goes through the raster's own ``TileMerger`` (order does not matter to it: two
pieces are one object when their masks agree in the strip their tiles share, whichever came
first); what it makes final goes to the journal with the tile, in one transaction. The output file
is written at the end from the journal, best score first, streamed — the client keeps only the
open front of each raster, however many rasters there are.

A worker that dies takes nothing with it: the scheduler gives its tiles to another worker (up to
``distributed.scheduler.allowed-failures`` times; those tiles are counted as retried). A tile that
fails for its own reason (an unreadable block) is journaled as failed with its message and counted;
its neighbours treat it as empty. A model that cannot be built on a worker stops the run.
"""
from __future__ import annotations

import json
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable, List, Optional, Sequence

from osgeo import gdal, ogr, osr

from .. import __version__
from ..geo.result_schema import result_attributes
from ..geo.tile_merge import Instance, TileMerger
from ..geo.tiling import TileGrid, plan_grid, stretch_limits
from ..geo.vector_writer import ResultFeature, write_features
from .connect import ClusterError
from .inputs import check_same_crs
from .journal import Journal, ObjectRow, journal_path
from .tile_task import ModelSpec, TileJob, TileResult, segment_tile

MIN_WINDOW, PER_THREAD = 32, 4  # tiles in flight: at least MIN_WINDOW, or PER_THREAD per worker thread
FLUSH_S = 1.0  # how often finished tasks are counted for retries and released on the scheduler


@dataclass
class GridOptions:
    extent: Optional[Sequence[float]] = None
    gsd_m: Optional[float] = None
    tile: int = 1024
    overlap: int = 128
    bands: Optional[Sequence[int]] = None
    threshold: float = 0.0


@dataclass
class ClusterSummary:
    output: str
    features: int
    crs: str
    view: str
    rasters: int
    tiles: int
    done: int  # tiles answered, this run and earlier runs of the journal
    resumed: int  # of those, taken from the journal
    retried: int  # tiles whose worker died while it ran them
    failed: int
    failures: List[str] = field(default_factory=list)
    seconds: float = 0.0
    tiles_per_s: float = 0.0


@dataclass
class _Scene:
    raster: str
    grid: TileGrid
    job_grid: TileGrid  # the grid without its tiles list: what each job carries
    limits: list
    srs: osr.SpatialReference
    merger: Optional[TileMerger] = None
    remaining: int = 0
    by_key: dict = field(default_factory=dict)


def plan_scenes(rasters: Sequence[str], options: GridOptions) -> List[_Scene]:
    scenes = []
    for raster in rasters:
        grid = plan_grid(raster, options.extent, options.gsd_m, options.tile, options.overlap, options.bands)
        srs = osr.SpatialReference(wkt=grid.crs_wkt)
        scenes.append(_Scene(raster, grid, replace(grid, tiles=[]), stretch_limits(gdal.Open(raster), grid), srs,
                             TileMerger(grid), len(grid.tiles), {t.key: t for t in grid.tiles}))
    check_same_crs(rasters, [s.grid.crs_wkt for s in scenes])
    return scenes


def run_cluster(client, scenes: List[_Scene], phrase: str, out: str, model: ModelSpec, options: GridOptions,
                progress: Optional[Callable[[float, str], None]] = None, say: Optional[Callable[[str], None]] = None,
                task: Callable[[TileJob], TileResult] = segment_tile) -> ClusterSummary:
    """Run ``phrase`` over every tile of ``scenes`` on ``client``'s cluster and write ``out``; resumes its journal."""
    say = say or (lambda _msg: None)
    journal = Journal(journal_path(Path(out)), _fingerprint(scenes, phrase, model, options), uuid.uuid4().hex[:12])
    try:
        if journal.discarded:
            say(f"  {journal.path.name} belonged to another run (other inputs or options): starting over")
        run = _ClusterRun(client, scenes, phrase, model, options.threshold, journal, progress, task)
        run.replay()
        if run.resumed:
            say(f"  resuming: {run.resumed} of {run.total} tile(s) are in {journal.path.name}")
        run.scan()
        t0 = time.perf_counter()
        count = write_features(out, _features(journal, scenes, phrase), scenes[0].grid.crs_wkt)
        run.seconds["write"] = time.perf_counter() - t0
        summary = run.summary(out, count)
    except BaseException:
        journal.close()
        raise
    journal.close(remove=True)  # the output is whole: nothing is left to resume
    return summary


class _ClusterRun:
    def __init__(self, client, scenes, phrase, model, threshold, journal: Journal, progress, task):
        self.client, self.scenes, self.phrase, self.model = client, scenes, phrase, model
        self.threshold, self.journal, self.task = threshold, journal, task
        self.progress = progress or (lambda _f, _m: None)
        self.total = sum(len(s.grid.tiles) for s in scenes)
        self.resumed = self.done = self.retried = 0
        self.failures: List[str] = []
        self.models = {}
        self.seconds = {"scan": 0.0, "write": 0.0}
        self._finished: List = []  # futures answered but not yet counted for retries and released
        self._last_flush = time.monotonic()
        self._done: set = set()  # (source, tile key) of the journaled tiles
        self.window = MIN_WINDOW

    def replay(self) -> None:
        """Put the journaled tiles back into their mergers; the objects they release were written before."""
        for source, key, failed, model, pieces in self.journal.tiles():
            scene = self.scenes[source]
            tile = scene.by_key[key]
            scene.merger.add(tile, [] if failed else [p.piece(scene.srs) for p in pieces])
            scene.remaining -= 1
            self.models.setdefault(source, model)
            if failed:
                self.failures.append(self._failure_line(source, key, failed))
            self._done.add((source, key))
        self.resumed = self.done = len(self._done)
        for source, scene in enumerate(self.scenes):
            if scene.remaining == 0:
                self._finish(source)

    def scan(self) -> None:
        from dask.distributed import as_completed

        todo = ((s, t) for s, scene in enumerate(self.scenes) for t in scene.grid.tiles if (s, t.key) not in self._done)
        session = uuid.uuid4().hex[:8]
        inflight = {}
        # this client's loop: as_completed takes the default client's (the last made), whose loop may be another's
        results = as_completed(with_results=True, raise_errors=False, loop=self.client.loop)

        def submit(count: int) -> None:
            for _ in range(count):
                item = next(todo, None)
                if item is None:
                    return
                source, tile = item
                scene = self.scenes[source]
                job = TileJob(source, scene.job_grid, scene.limits, tile, self.phrase, self.model)
                future = self.client.submit(self.task, job, key=f"rrsis-tile-{session}-{source}-{tile.col}-{tile.row}",
                                            retries=0)
                inflight[future.key] = (source, tile)
                results.add(future)

        t0 = time.perf_counter()
        self._resize()
        submit(self.window)
        for future, result in results:
            source, tile = inflight.pop(future.key)
            if future.status == "error":
                self._failed(source, tile, result[1])
            else:
                self._answered(source, tile, result)
            self._finished.append(future)
            self.done += 1
            self._flush()
            submit(self.window - len(inflight))
            self._report(t0)
        self._flush(force=True)
        self.seconds["scan"] = time.perf_counter() - t0

    def _answered(self, source: int, tile, result: TileResult) -> None:
        scene = self.scenes[source]
        self.models.setdefault(source, result.model)
        instances = scene.merger.add(tile, [p.piece(scene.srs) for p in result.pieces])
        self.journal.record(source, tile.key, result.pieces, result.model, None, self._rows(source, instances))
        self._tile_done(source)

    def _failed(self, source: int, tile, exc: BaseException) -> None:
        if _stops_the_run(exc):
            raise exc
        problem = _environment_problem(exc)
        if problem is not None:
            raise problem
        message = _failure_message(exc)
        scene = self.scenes[source]
        instances = scene.merger.add(tile, [])  # its neighbours' objects may close without it
        self.journal.record(source, tile.key, [], "", message, self._rows(source, instances))
        self.failures.append(self._failure_line(source, tile.key, message))
        self._tile_done(source)

    def _tile_done(self, source: int) -> None:
        scene = self.scenes[source]
        scene.remaining -= 1
        if scene.remaining == 0:
            self._finish(source)

    def _finish(self, source: int) -> None:
        """The raster's last tile is in: what is still open is final; its merger is dropped."""
        scene = self.scenes[source]
        rest = scene.merger.finish()
        if not self.journal.finished(source):
            self.journal.finish(source, self._rows(source, rest))
        scene.merger = None

    def _rows(self, source: int, instances: List[Instance]) -> List[ObjectRow]:
        model = self.models.get(source, "")
        return [(source, inst.score, model, bytes(inst.geom.ExportToWkb())) for inst in instances
                if inst.score >= self.threshold]

    def _failure_line(self, source: int, key: tuple, message: str) -> str:
        return f"{Path(self.scenes[source].raster).name} tile {key[0]},{key[1]}: {message}"

    def _resize(self) -> None:
        """Tiles in flight for the workers there are now (they may come and go: adaptive clusters)."""
        try:
            threads = sum(self.client.nthreads().values())
        except Exception:  # noqa: BLE001 (a scheduler that does not say: the minimum)
            threads = 0
        self.window = max(MIN_WINDOW, PER_THREAD * threads)

    def _flush(self, force: bool = False) -> None:
        """Count the finished tasks whose worker died under them, then let the scheduler forget them."""
        if not self._finished or (not force and time.monotonic() - self._last_flush < FLUSH_S):
            return
        keys = [f.key for f in self._finished]
        try:
            self.retried += sum(1 for n in self.client.run_on_scheduler(_suspicious_counts(), keys=keys) if n)
        except Exception:  # noqa: BLE001 (a scheduler that refuses to run code: retries are not counted)
            pass
        for future in self._finished:
            future.release()
        self._finished, self._last_flush = [], time.monotonic()
        self._resize()

    def _report(self, t0: float) -> None:
        fresh = self.done - self.resumed
        elapsed = time.perf_counter() - t0
        rate = fresh / elapsed if elapsed > 0 else 0.0
        eta = (self.total - self.done) / rate if rate > 0 else float("nan")
        extra = "".join(f", {n} {what}" for n, what in ((self.retried, "retried"), (len(self.failures), "failed"))
                        if n)
        self.progress(self.done / self.total,
                      f"tiles {self.done}/{self.total}{extra}, {rate:.2f} tiles/s, ETA {_duration(eta)}")

    def summary(self, out: str, count: int) -> ClusterSummary:
        from ..pipeline import _crs_label

        fresh = self.done - self.resumed
        scan = self.seconds["scan"]
        grids = "; ".join(s.grid.describe() for s in self.scenes[:3]) + ("; …" if len(self.scenes) > 3 else "")
        return ClusterSummary(str(out), count, _crs_label(self.scenes[0].grid.crs_wkt), grids, len(self.scenes),
                              self.total, self.done, self.resumed, self.retried, len(self.failures), self.failures,
                              round(scan + self.seconds["write"], 3), round(fresh / scan, 3) if scan else 0.0)


def _suspicious_counts():
    """A scheduler-side function, built here so that it travels by value (the scheduler needs no rrsis_qgis)."""
    def counts(keys, dask_scheduler=None):
        return [getattr(dask_scheduler.tasks.get(k), "suspicious", 0) for k in keys]
    return counts


def _stops_the_run(exc: BaseException) -> bool:
    """A worker that cannot build the model would fail every tile: stop and say why (its own exception)."""
    return getattr(exc, "building_model", None) is not None


def _environment_problem(exc: BaseException) -> Optional[ClusterError]:
    """The scheduler or a worker cannot import this package (Dask unpickles the tasks on both)."""
    if isinstance(exc, ImportError) or "deserialization of the task graph" in str(exc):
        return ClusterError(f"the Dask scheduler or a worker cannot load this run's tasks ({_one_line(exc)}); start "
                            "`dask scheduler` and `dask worker` from this repository's venv with the repository "
                            "importable (PYTHONPATH=/path/to/rrsis_qgis; README: Many scenes on a Dask cluster)")
    return None


def _failure_message(exc: BaseException) -> str:
    from dask.distributed import KilledWorker

    if isinstance(exc, KilledWorker):
        return "every worker that ran it died (out of memory?); Dask gave up on it"
    return _one_line(exc)


def _one_line(exc: BaseException) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())


def _features(journal: Journal, scenes: List[_Scene], phrase: str):
    """The output's features from the journal, best score first (one at a time: nothing piles up)."""
    for index, (source, score, model, wkb) in enumerate(journal.objects()):
        scene = scenes[source]
        row = result_attributes(phrase, score, model, __version__, scene.grid.gsd_m, Path(scene.raster).name,
                                f"{journal.run_id}-{index}")
        yield ResultFeature(ogr.CreateGeometryFromWkb(wkb), row)


def _fingerprint(scenes: List[_Scene], phrase: str, model: ModelSpec, options: GridOptions) -> dict:
    """What makes two runs the same run: the rasters (as files on disk), the phrase, the grid, the model."""
    rasters = []
    for scene in scenes:
        st = Path(scene.raster).stat()
        rasters.append([str(Path(scene.raster).resolve()), st.st_size, st.st_mtime_ns])
    opts = {k: (list(v) if isinstance(v, tuple) else v) for k, v in options.__dict__.items()}
    return json.loads(json.dumps({"rasters": rasters, "phrase": phrase, "model": model.name, "options": opts}))


def _duration(seconds: float) -> str:
    if seconds != seconds:  # NaN: no rate yet
        return "?"
    seconds = int(round(seconds))
    return f"{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}" if seconds >= 3600 else \
        f"{seconds // 60}:{seconds % 60:02d}"


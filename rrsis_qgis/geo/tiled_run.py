"""Segment a whole scene tile by tile: read, ask a backend, vectorise and merge, one tile ahead (plugin-safe).

The same loop serves the Processing algorithm (the backend is HTTP, through ``BackendAsk``) and
``segment --tiled`` (the engine in-process). Tile n+1 is read and sent from a worker thread while
tile n is vectorised and merged here, so the backend never waits for the client.

Modes
-----
``all`` — every instance the phrase names: each tile is asked for its best ``ALL_TOP_K`` masks (the
reasoner still weighs attributes and nearby landmarks inside the tile), pieces are merged across
tile borders, and objects under the score threshold are dropped.

``single`` — the one referred object, with positions, relations and superlatives judged over the
whole area ("the largest tank", "the building in the top-left corner" mean the scene's, not a
tile's). Decision: *overview, then refine*. The whole area is read once as a coarse overview (long
side ``overview_side`` px, GDAL averaging) and the backend's reasoner picks the object there, with
every landmark in view; then only the tiles under that object's box are read at the target GSD and
cut with the box as SAM prompt; their pieces are clipped to the box and unioned (overlaps split at their
middle). We rejected
"collect every tile's candidates, then pick once": a tile's scores are tile-relative (its corners,
its largest, its landmarks — a road cut by a tile border is half a landmark), so picking among them
needs the reasoner again over the whole area, which lives with the model (torch) and cannot run in
QGIS's Python; re-implementing it here would be a second reasoner. The price of the overview: an
object smaller than a few overview pixels cannot be picked (raise ``overview_side``, up to 4096, or
narrow the extent); the gain: 1 + a few requests instead of one per tile.
"""
from __future__ import annotations

import concurrent.futures
import time
import uuid
from dataclasses import dataclass, field
from typing import Callable, List, Optional

import numpy as np

from . import rle
from .result_schema import result_attributes
from .seam_union import union_pieces
from .tile_merge import Instance, Piece, TileMerger, dedupe_masks
from .tiling import Tile, TileGrid, TileReader
from .vectorize import mask_to_geometry
from .view import View

ALL_TOP_K = 8  # the backend's maximum per request
DEFAULT_OVERVIEW_SIDE = 1024
MODES = ("single", "all")
MIN_BOX_PX = 4  # a tile that holds less of the object's box than this is left to its neighbour


class TiledCancelled(Exception):
    """The run was cancelled; nothing is written."""


@dataclass
class TileQuery:
    view: View
    phrase: str
    request_id: str
    top_k: int = 1
    reasoning: bool = True
    boxes: Optional[list] = None  # [[x0, y0, x1, y1]] in view pixels


@dataclass
class TileAnswer:
    masks: list  # [(H×W bool, score, terms)] best first
    model: str = ""


Ask = Callable[[TileQuery], TileAnswer]
Progress = Callable[[float, str], None]


@dataclass
class TiledOutcome:
    instances: List[Instance]
    grid: TileGrid
    model: str = ""
    count: int = 0  # objects delivered
    requests: int = 0
    tiles_read: int = 0
    seconds: float = 0.0
    run_id: str = field(default_factory=lambda: uuid.uuid4().hex[:12])


class BackendAsk:
    """Adapts a BackendClient (``segment(image, phrase, request_id, **options)`` → the /v1 JSON) to ``Ask``."""

    def __init__(self, client):
        self.client = client
        self._current = ""

    def __call__(self, q: TileQuery) -> TileAnswer:
        self._current = q.request_id
        image = np.dstack([q.view.rgb, q.view.valid.astype(np.uint8) * 255])
        answer = self.client.segment(image, q.phrase, q.request_id, top_k=q.top_k, boxes=q.boxes,
                                     reasoning=q.reasoning)
        candidates = answer.get("candidates", [])
        masks = []
        for rank, m in enumerate(answer.get("masks", [])):
            terms = m.get("terms") or (candidates[rank].get("terms", {}) if rank < len(candidates) else {})
            masks.append((rle.decode(m["rle"]), float(m["score"]), terms))
        return TileAnswer(masks, answer.get("models", {}).get("spec", ""))

    def cancel(self) -> None:
        if self._current:
            self.client.cancel(self._current)


def run_tiled(grid: TileGrid, phrase: str, ask: Ask, mode: str = "single", threshold: float = 0.0,
              overview_side: int = DEFAULT_OVERVIEW_SIDE, progress: Optional[Progress] = None,
              cancelled: Optional[Callable[[], bool]] = None,
              on_instance: Optional[Callable[[Instance, "TiledOutcome"], None]] = None) -> TiledOutcome:
    """Run ``phrase`` over ``grid``; raises TiledCancelled when ``cancelled()`` turns true.

    Objects scoring at least ``threshold`` go to ``on_instance(instance, outcome)`` as soon as no
    tile can change them (then ``outcome.instances`` stays empty: nothing of a large scene piles
    up), else into ``outcome.instances``. ``outcome.count`` counts them either way.
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {', '.join(MODES)} (got {mode!r})")
    run = _Run(grid, phrase, ask, progress or (lambda _f, _m: None), cancelled or (lambda: False),
               threshold, on_instance)
    t0 = time.perf_counter()
    if mode == "all":
        run.all()
    else:
        run.single(overview_side)
    run.outcome.seconds = time.perf_counter() - t0
    return run.outcome


class _Run:
    def __init__(self, grid: TileGrid, phrase: str, ask: Ask, progress: Progress, cancelled, threshold: float,
                 on_instance):
        self.grid, self.phrase, self.ask, self.say, self.cancelled = grid, phrase, ask, progress, cancelled
        self.threshold, self.on_instance = threshold, on_instance
        self.reader = TileReader(grid)
        self.outcome = TiledOutcome([], grid)

    def emit(self, instances: List[Instance]) -> None:
        for inst in instances:
            if inst.score >= self.threshold:
                self.outcome.count += 1
                if self.on_instance is None:
                    self.outcome.instances.append(inst)
                else:
                    self.on_instance(inst, self.outcome)

    def all(self) -> None:
        merger = TileMerger(self.grid)
        self._tiles(self.grid.tiles, lambda t: dict(top_k=ALL_TOP_K, reasoning=True),
                    lambda tile, view, answer: self.emit(merger.add(tile, tile_pieces(tile, view, answer))))
        self.emit(merger.finish())

    def single(self, overview_side: int) -> None:
        if len(self.grid.tiles) == 1:  # the area fits one tile: no overview needed
            merger, found = TileMerger(self.grid), []
            self._tiles(self.grid.tiles, lambda t: dict(top_k=1, reasoning=True),
                        lambda tile, view, answer: found.extend(merger.add(tile, tile_pieces(tile, view, answer))))
            self.emit(sorted(found + merger.finish(), key=lambda i: -i.score)[:1])
            return
        self.say(0.0, "overview of the whole area")
        overview = self.reader.overview(overview_side)
        answer = self._ask(TileQuery(overview, self.phrase, self._rid("overview"), top_k=1, reasoning=True))
        self._check()
        if not answer.masks or answer.masks[0][1] < self.threshold:
            return
        mask, score, terms = answer.masks[0]
        box = self._box_in_area(mask & overview.valid)
        if box is None:
            return
        tiles = _tiles_under(self.grid.tiles, box, skip_slivers=self.grid.overlap >= MIN_BOX_PX)
        parts: List[tuple] = []  # (geometry, tile)

        def options(tile: Tile) -> dict:
            return dict(top_k=1, reasoning=False, boxes=[_clip_box(box, tile)])

        def consume(tile: Tile, view: View, tile_answer: TileAnswer) -> None:
            x0, y0, x1, y1 = _clip_box(box, tile)
            inside = np.zeros(view.valid.shape, dtype=bool)  # SAM may spill out of its box: keep the box
            inside[int(y0):int(np.ceil(y1)), int(x0):int(np.ceil(x1))] = True
            parts.extend((p.geom, tile) for p in tile_pieces(tile, view, tile_answer, inside))

        self._tiles(tiles, options, consume, base=0.1)
        if parts:
            self.emit([Instance(union_pieces(parts, self.grid), float(score), terms, {t.key for t in tiles})])

    def _tiles(self, tiles: List[Tile], options: Callable[[Tile], dict], consume, base: float = 0.0) -> None:
        """Read + ask tile n+1 on a worker thread while tile n is consumed here."""
        def fetch(tile: Tile):
            view = self.reader.tile(tile)  # the reader opens the raster for each read: no handle is shared
            return view, self.ask(TileQuery(view, self.phrase, self._rid(f"{tile.col}-{tile.row}"), **options(tile)))

        with concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="rrsis-tile") as pool:
            pending = pool.submit(fetch, tiles[0]) if tiles else None
            for i, tile in enumerate(tiles):
                view, answer = self._wait(pending)
                self._count(answer)
                self.outcome.tiles_read += 1
                self._check()
                pending = pool.submit(fetch, tiles[i + 1]) if i + 1 < len(tiles) else None
                consume(tile, view, answer)
                self.say(base + (1.0 - base) * (i + 1) / len(tiles), f"tile {i + 1}/{len(tiles)}")

    def _ask(self, query: TileQuery) -> TileAnswer:
        with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
            answer = self._wait(pool.submit(self.ask, query))
        self._count(answer)
        return answer

    def _count(self, answer: TileAnswer) -> None:
        self.outcome.requests += 1
        self.outcome.model = self.outcome.model or answer.model

    def _wait(self, future):
        while True:
            try:
                result = future.result(timeout=0.25)
            except concurrent.futures.TimeoutError:
                if self.cancelled():
                    future.cancel()
                    getattr(self.ask, "cancel", lambda: None)()
                    raise TiledCancelled("cancelled") from None
                continue
            return result

    def _check(self) -> None:
        if self.cancelled():
            raise TiledCancelled("cancelled")

    def _box_in_area(self, mask: np.ndarray):
        """Bounding box of an overview mask in output pixels of the area, padded by one overview pixel."""
        rows, cols = np.nonzero(mask)
        if rows.size == 0:
            return None
        fx, fy = self.grid.out_w / mask.shape[1], self.grid.out_h / mask.shape[0]
        return (max(0.0, (cols.min() - 1) * fx), max(0.0, (rows.min() - 1) * fy),
                min(float(self.grid.out_w), (cols.max() + 2) * fx), min(float(self.grid.out_h), (rows.max() + 2) * fy))

    def _rid(self, suffix: str) -> str:
        return f"{self.outcome.run_id}-{suffix}"


def tile_pieces(tile: Tile, view: View, answer: TileAnswer, inside: Optional[np.ndarray] = None) -> List[Piece]:
    """The tile's masks (within ``inside``), repeats dropped, vectorised; each keeps its pixels for matching."""
    for mask, _score, _terms in answer.masks:
        if mask.shape != view.valid.shape:
            raise ValueError(f"the backend answered with a {mask.shape} mask for a {view.valid.shape} tile")
    pieces = []
    keep = view.valid if inside is None else view.valid & inside
    for mask, score, terms in dedupe_masks([(m & keep, s, t) for m, s, t in answer.masks]):
        geom = mask_to_geometry(mask, view.geotransform, view.crs_wkt)
        if geom is None:
            continue
        rows, cols = np.nonzero(mask.any(axis=1))[0], np.nonzero(mask.any(axis=0))[0]
        crop = mask[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        pieces.append(Piece(geom, float(score), dict(terms or {}), crop, (tile.x0 + int(cols[0]),
                                                                          tile.y0 + int(rows[0]))))
    return pieces


def _clip_box(box: tuple, tile: Tile) -> list:
    """The area box in the tile's own pixels, clipped to the tile."""
    x0, y0, x1, y1 = box
    return [max(0.0, x0 - tile.x0), max(0.0, y0 - tile.y0), min(float(tile.w), x1 - tile.x0),
            min(float(tile.h), y1 - tile.y0)]


def _tiles_under(tiles: List[Tile], box: tuple, skip_slivers: bool = True) -> List[Tile]:
    """Tiles holding a part of the box; a sliver at a tile's edge lies in the overlap, so its neighbour has it."""
    hits = []
    for tile in tiles:
        x0, y0, x1, y1 = _clip_box(box, tile)
        if x1 - x0 > 0 and y1 - y0 > 0:
            hits.append((min(x1 - x0, y1 - y0), tile))
    if not hits:
        return []
    usable = [t for side, t in hits if side >= MIN_BOX_PX or not skip_slivers]
    return usable or [max(hits, key=lambda h: h[0])[1]]


def result_row(outcome: TiledOutcome, inst: Instance, index: int, phrase: str, src_layer: str, version: str) -> dict:
    """One object's attributes in the results schema (the same fields as the dock's layer)."""
    return result_attributes(phrase, inst.score, outcome.model, version, outcome.grid.gsd_m, src_layer,
                             f"{outcome.run_id}-{index}")

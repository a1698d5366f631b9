"""A Dask worker's part of a cluster run: read one tile of a shared raster, segment it, answer compact pieces.

What travels back is small: each piece's polygon (WKB, in the raster's CRS) and its mask cropped to its
box as COCO RLE (the merger matches pieces on those pixels), never the tile's pixels. Each worker
process builds its ``Segmenter`` once per model spec and keeps it for every later tile.
"""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Dict, List, Optional

from ..geo import rle
from ..geo.tile_merge import Piece
from ..geo.tiled_run import ALL_TOP_K, TileQuery, tile_pieces
from ..geo.tiling import Tile, TileGrid, TileReader


@dataclass(frozen=True)
class ModelSpec:
    """What a worker needs to build the model: the `--model` name, the device, the models folder."""

    name: str
    device: str = "auto"
    models_dir: Optional[str] = None


@dataclass
class TileJob:
    source: int  # index of the raster in the run
    grid: TileGrid  # its tiles list left empty: every job carries only its own tile
    limits: list  # the whole area's stretch limits, fixed by the client so that all tiles agree
    tile: Tile
    phrase: str
    model: ModelSpec


@dataclass
class PieceRecord:
    """One piece as it travels and as the journal keeps it."""

    wkb: bytes
    score: float
    terms: dict
    rle: dict  # the mask cropped to its box
    offset: tuple  # (x, y) of the crop in output pixels of the area

    @classmethod
    def of(cls, piece: Piece) -> "PieceRecord":
        return cls(bytes(piece.geom.ExportToWkb()), piece.score, piece.terms, rle.encode(piece.mask),
                   tuple(piece.offset))

    def piece(self, srs) -> Piece:
        from osgeo import ogr

        geom = ogr.CreateGeometryFromWkb(self.wkb)
        geom.AssignSpatialReference(srs)
        return Piece(geom, self.score, dict(self.terms), rle.decode(self.rle), tuple(self.offset))


@dataclass
class TileResult:
    source: int
    key: tuple
    pieces: List[PieceRecord] = field(default_factory=list)
    model: str = ""
    seconds: float = 0.0


_SEGMENTERS: Dict[ModelSpec, object] = {}
_BUILDING = threading.Lock()


def segmenter_for(spec: ModelSpec):
    """This worker process's segmenter for ``spec``, built at its first tile."""
    with _BUILDING:
        if spec not in _SEGMENTERS:
            from ..engine.segmenter import Segmenter

            try:
                _SEGMENTERS[spec] = Segmenter.from_name(spec.name, device=spec.device, models_dir=spec.models_dir)
            except Exception as exc:
                exc.building_model = spec.name  # travels with the pickled exception: the client stops the run
                raise
        return _SEGMENTERS[spec]


def segment_tile(job: TileJob, ask=None) -> TileResult:
    """The Dask task: one tile in, its pieces out (exceptions reach the client as the tile's failure).

    ``ask`` (a ``geo.tiled_run.Ask``) replaces the worker's own segmenter: tests answer with the truth."""
    from ..tiled import SegmenterAsk

    t0 = time.perf_counter()
    view = TileReader(job.grid, job.limits).tile(job.tile)
    ask = ask or SegmenterAsk(segmenter_for(job.model))
    answer = ask(TileQuery(view, job.phrase, f"{job.source}-{job.tile.col}-{job.tile.row}", top_k=ALL_TOP_K))
    pieces = [PieceRecord.of(p) for p in tile_pieces(job.tile, view, answer)]
    return TileResult(job.source, job.tile.key, pieces, answer.model, time.perf_counter() - t0)

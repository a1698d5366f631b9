"""Merge per-tile instance polygons into whole objects: union across tile overlaps, duplicates dropped (OGR only).

Two pieces from neighbouring tiles are the same object when, inside the strip the two tiles share,
they cover mostly the same ground: area(a ∩ b ∩ strip) ≥ ``MATCH`` × min(area(a ∩ strip),
area(b ∩ strip)). Their union is then the object (each tile saw the part the other cut off). Inside
one tile, two masks with IoU ≥ ``MATCH`` are one object answered twice: the better-scored one stays.
Only the tiles around the new one are compared, so the cost grows with the scene, not its square.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

from osgeo import ogr

from .tiling import Tile, TileGrid

ogr.UseExceptions()

MATCH = 0.5


@dataclass
class Piece:
    """One mask of one tile, vectorised in the raster's CRS."""

    geom: ogr.Geometry
    score: float
    terms: dict = field(default_factory=dict)


@dataclass
class Instance:
    """A merged object: its outline, best score (and that piece's terms), the tiles it was seen in."""

    geom: ogr.Geometry
    score: float
    terms: dict
    tiles: Set[Tuple[int, int]]


class TileMerger:
    """Feed tiles in any order with :meth:`add`; :meth:`instances` gives the merged objects."""

    def __init__(self, grid: TileGrid):
        self.grid = grid
        self._tiles: Dict[Tuple[int, int], Tile] = {t.key: t for t in grid.tiles}
        self._by_tile: Dict[Tuple[int, int], Set[int]] = {}
        self._items: Dict[int, Instance] = {}
        self._next = 0

    def add(self, tile: Tile, pieces: Iterable[Piece]) -> None:
        for piece in dedupe(list(pieces)):
            matches = self._matches(tile, piece)
            item = Instance(piece.geom, piece.score, piece.terms, {tile.key})
            for ident in matches:
                old = self._items.pop(ident)
                item = _join(item, old)
                for key in old.tiles:
                    self._by_tile[key].discard(ident)
            ident = self._next
            self._next += 1
            self._items[ident] = item
            for key in item.tiles:
                self._by_tile.setdefault(key, set()).add(ident)

    def instances(self, threshold: float = 0.0) -> List[Instance]:
        """Merged objects scoring at least ``threshold``, best first."""
        kept = [i for i in self._items.values() if i.score >= threshold]
        return sorted(kept, key=lambda i: -i.score)

    def _matches(self, tile: Tile, piece: Piece) -> List[int]:
        found: Set[int] = set()
        env = piece.geom.GetEnvelope()
        for key in self.grid.neighbours(tile):
            other = self._tiles.get(key)
            if other is None or not self._by_tile.get(key):
                continue
            strip = _overlap(self.grid, tile, other)
            if strip is None or not _envelopes_meet(env, strip.GetEnvelope()):
                continue
            mine = piece.geom.Intersection(strip)
            if mine is None or mine.IsEmpty():
                continue
            for ident in self._by_tile[key]:
                if ident not in found and same_object(mine, self._items[ident].geom, strip):
                    found.add(ident)
        return sorted(found)


def same_object(mine_in_strip: ogr.Geometry, theirs: ogr.Geometry, strip: ogr.Geometry) -> bool:
    """Do two pieces cover mostly the same ground inside the strip two tiles share?"""
    if not _envelopes_meet(mine_in_strip.GetEnvelope(), theirs.GetEnvelope()):
        return False
    theirs_in_strip = theirs.Intersection(strip)
    if theirs_in_strip is None or theirs_in_strip.IsEmpty():
        return False
    common = mine_in_strip.Intersection(theirs_in_strip)
    smaller = min(mine_in_strip.GetArea(), theirs_in_strip.GetArea())
    return common is not None and smaller > 0 and common.GetArea() >= MATCH * smaller


def dedupe(pieces: List[Piece]) -> List[Piece]:
    """One tile's pieces without repeats: of two with IoU ≥ MATCH, the better-scored stays."""
    kept: List[Piece] = []
    for piece in sorted(pieces, key=lambda p: -p.score):
        if not any(iou(piece.geom, k.geom) >= MATCH for k in kept):
            kept.append(piece)
    return kept


def iou(a: ogr.Geometry, b: ogr.Geometry) -> float:
    if not _envelopes_meet(a.GetEnvelope(), b.GetEnvelope()):
        return 0.0
    inter = a.Intersection(b)
    inter_area = inter.GetArea() if inter is not None else 0.0
    union = a.GetArea() + b.GetArea() - inter_area
    return inter_area / union if union > 0 else 0.0


def _join(a: Instance, b: Instance) -> Instance:
    best = a if a.score >= b.score else b
    return Instance(_multi(a.geom.Union(b.geom)), best.score, best.terms, a.tiles | b.tiles)


def _multi(geom: ogr.Geometry) -> ogr.Geometry:
    out = ogr.ForceToMultiPolygon(geom)
    srs = geom.GetSpatialReference()
    if srs is not None:
        out.AssignSpatialReference(srs)
    return out


def _overlap(grid: TileGrid, a: Tile, b: Tile) -> Optional[ogr.Geometry]:
    x0, y0 = max(a.x0, b.x0), max(a.y0, b.y0)
    x1, y1 = min(a.x0 + a.w, b.x0 + b.w), min(a.y0 + a.h, b.y0 + b.h)
    if x1 <= x0 or y1 <= y0:
        return None
    return grid.footprint(x0, y0, x1 - x0, y1 - y0)


def _envelopes_meet(a: tuple, b: tuple) -> bool:
    """OGR envelopes are (xmin, xmax, ymin, ymax)."""
    return a[0] <= b[1] and b[0] <= a[1] and a[2] <= b[3] and b[2] <= a[3]

"""Merge per-tile instances into whole objects: union across tile overlaps, duplicates dropped (numpy + OGR).

Tiles share one pixel grid, so the strip two neighbouring tiles share is the same pixels in both:
two pieces are the same object when, inside that strip, they cover mostly the same pixels —
|a ∧ b| ≥ ``MATCH`` × min(|a|, |b|), counted on the masks (exact and cheap, no polygon clipping).
Inside one tile, two masks with IoU ≥ ``MATCH`` are one object answered twice: the better-scored
stays (:func:`dedupe_masks`, before anything is vectorised). A piece keeps its mask only until every
neighbour of its tile is done; an object's polygons are unioned once, when no tile that could still
add to it is left (:func:`seam_union.union_pieces`: each overlap split at its middle, GEOS only at the
seams), and it is then handed out and forgotten. So each tile costs the same however
large the scene, and memory holds only what is still open at the front of the scan.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, Iterable, List, Optional, Set, Tuple

import numpy as np
from osgeo import ogr

from .seam_union import union_pieces
from .tiling import Tile, TileGrid

ogr.UseExceptions()

MATCH = 0.5
Key = Tuple[int, int]


@dataclass
class Piece:
    """One mask of one tile: its polygon in the raster's CRS, and (while it may still match) its pixels."""

    geom: ogr.Geometry
    score: float
    terms: dict = field(default_factory=dict)
    mask: Optional[np.ndarray] = None  # bool, cropped to the mask's box; dropped when no neighbour is left
    offset: Tuple[int, int] = (0, 0)  # (x, y) of mask[0, 0] in output pixels of the area


@dataclass
class Instance:
    """A merged object: its outline, best score (and that piece's terms), the tiles it was seen in."""

    geom: ogr.Geometry
    score: float
    terms: dict
    tiles: Set[Key]


class TileMerger:
    """Feed tiles with :meth:`add` (it returns the objects that became final); :meth:`finish` gives the rest."""

    def __init__(self, grid: TileGrid):
        self.grid = grid
        self._tiles: Dict[Key, Tile] = {t.key: t for t in grid.tiles}
        self._pieces: Dict[int, Tuple[Piece, Key]] = {}
        self._by_tile: Dict[Key, List[int]] = {}
        self._groups: Dict[int, List[int]] = {}  # root piece id → member ids
        self._root: Dict[int, int] = {}
        self._done: Set[Key] = set()
        self._next = 0

    def add(self, tile: Tile, pieces: Iterable[Piece]) -> List[Instance]:
        """``pieces``: the tile's masks after :func:`dedupe_masks`; returns the objects now final."""
        ids = [self._new(p, tile.key) for p in pieces]
        for key in self.grid.neighbours(tile):
            if key in self._done and self._by_tile.get(key):
                self._match(ids, tile, self._tiles[key])
        self._done.add(tile.key)
        for key in [tile.key] + self.grid.neighbours(tile):  # pixels no longer needed: no neighbour left
            if key in self._tiles and self._surrounded(key):
                for ident in self._by_tile.get(key, ()):
                    self._pieces[ident][0].mask = None
        return self._close(tile)

    def finish(self) -> List[Instance]:
        """Every object still open (call after the last tile)."""
        return [self._pop(root) for root in list(self._groups)]

    def _new(self, piece: Piece, key: Key) -> int:
        ident, self._next = self._next, self._next + 1
        self._pieces[ident] = (piece, key)
        self._by_tile.setdefault(key, []).append(ident)
        self._groups[ident], self._root[ident] = [ident], ident
        return ident

    def _match(self, ids: List[int], tile: Tile, other: Tile) -> None:
        window = _overlap(tile, other)
        if window is None:
            return
        theirs = [(i, b) for i in self._by_tile[other.key] if (b := _in_window(self._pieces[i][0], window))]
        for ident in ids:
            mine = _in_window(self._pieces[ident][0], window)
            for other_id, band in theirs if mine else ():
                if self._root[ident] != self._root[other_id] and same_object(mine, band):
                    self._union(ident, other_id)

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._root[a], self._root[b]
        if len(self._groups[ra]) < len(self._groups[rb]):
            ra, rb = rb, ra
        for member in self._groups.pop(rb):
            self._root[member] = ra
            self._groups[ra].append(member)

    def _close(self, tile: Tile) -> List[Instance]:
        """Objects near ``tile`` whose every tile has all its neighbours done: nothing can join them now."""
        near = [tile.key] + self.grid.neighbours(tile)
        roots = {self._root[i] for key in near for i in self._by_tile.get(key, ())}
        return [self._pop(r) for r in sorted(roots) if self._complete(r)]

    def _complete(self, root: int) -> bool:
        return all(self._surrounded(key) for key in {self._pieces[i][1] for i in self._groups[root]})

    def _surrounded(self, key: Key) -> bool:
        """Is every neighbour of this (done) tile done too?"""
        return all(nb in self._done or nb not in self._tiles for nb in self.grid.neighbours(self._tiles[key]))

    def _pop(self, root: int) -> Instance:
        members = self._groups.pop(root)
        pieces = []
        for ident in members:
            piece, key = self._pieces.pop(ident)
            self._by_tile[key].remove(ident)
            del self._root[ident]
            pieces.append((piece, key))
        best = max(pieces, key=lambda pk: pk[0].score)[0]
        score, terms, keys = best.score, best.terms, {k for _, k in pieces}
        parts = [(p.geom, self._tiles[k]) for p, k in pieces]
        del pieces, best  # union_pieces frees each piece once it is cut
        return Instance(union_pieces(parts, self.grid), score, terms, keys)


Band = Tuple[int, int, np.ndarray, int]  # x0, y0 (area px), the mask's pixels there, their count


def _in_window(piece: Piece, window: tuple) -> Optional[Band]:
    """The part of a piece's mask inside ``window`` = (x0, y0, x1, y1) in area pixels, if any."""
    if piece.mask is None:
        return None
    px, py = piece.offset
    h, w = piece.mask.shape
    x0, y0, x1, y1 = max(window[0], px), max(window[1], py), min(window[2], px + w), min(window[3], py + h)
    if x1 <= x0 or y1 <= y0:
        return None
    sub = piece.mask[y0 - py:y1 - py, x0 - px:x1 - px]
    count = int(np.count_nonzero(sub))
    return (x0, y0, sub, count) if count else None


def same_object(a: Band, b: Band) -> bool:
    """Do two pieces cover mostly the same pixels of the strip their tiles share?"""
    (ax, ay, am, an), (bx, by, bm, bn) = a, b
    x0, y0 = max(ax, bx), max(ay, by)
    x1, y1 = min(ax + am.shape[1], bx + bm.shape[1]), min(ay + am.shape[0], by + bm.shape[0])
    if x1 <= x0 or y1 <= y0:
        return False
    common = np.count_nonzero(am[y0 - ay:y1 - ay, x0 - ax:x1 - ax] & bm[y0 - by:y1 - by, x0 - bx:x1 - bx])
    return common >= MATCH * min(an, bn)


def dedupe_masks(masks: list) -> list:
    """One tile's [(mask, score, terms)] without repeats: of two with IoU ≥ MATCH, the better-scored stays."""
    kept: list = []
    for mask, score, terms in sorted(masks, key=lambda m: -m[1]):
        area = np.count_nonzero(mask)
        if area and not any(_iou(mask, area, k[0], k[3]) >= MATCH for k in kept):
            kept.append((mask, score, terms, area))
    return [k[:3] for k in kept]


def _iou(a: np.ndarray, area_a: int, b: np.ndarray, area_b: int) -> float:
    common = np.count_nonzero(a & b)
    return common / float(area_a + area_b - common)


def _overlap(a: Tile, b: Tile) -> Optional[tuple]:
    """The strip two tiles share, (x0, y0, x1, y1) in area pixels."""
    x0, y0 = max(a.x0, b.x0), max(a.y0, b.y0)
    x1, y1 = min(a.x0 + a.w, b.x0 + b.w), min(a.y0 + a.h, b.y0 + b.h)
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None

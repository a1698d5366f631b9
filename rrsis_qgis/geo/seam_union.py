"""Union one object's tile pieces with GEOS working only at the seams, so a scene-wide object costs little more than its outline.

GEOS's union needs several times its input in memory (~200 bytes per vertex: a 1M-vertex object that spans
10k² took 260 MB). Most of such an object cannot change in a union: every piece is first cut to its tile's
own part (an overlap shared with a tile holding the same object is split at its middle, so each pixel comes
from the nearer tile centre), and then a polygon or a hole that no other piece's box reaches is final as it
is. Only the rest — outer rings and the holes near the cut lines — go through GEOS; the final holes are put
back into the polygon that holds them, the final polygons beside it. Plugin-safe (GDAL/OGR only).
"""
from __future__ import annotations

from typing import Dict, List, Optional, Tuple

from osgeo import ogr

from .tiling import Tile, TileGrid
from .vectorize import polygon_parts
from .view import apply_geotransform

ogr.UseExceptions()

Key = Tuple[int, int]
Envelope = Tuple[float, float, float, float]  # OGR's order: min x, max x, min y, max y


def union_all(geoms: List[ogr.Geometry]) -> ogr.Geometry:
    """One MultiPolygon from many (cascaded union: one pass, not a union per piece)."""
    collection = ogr.Geometry(ogr.wkbMultiPolygon)
    for geom in geoms:
        for part in polygon_parts(geom):
            collection.AddGeometry(part)
    out = ogr.ForceToMultiPolygon(collection.UnionCascaded() if len(geoms) > 1 else collection)
    srs = geoms[0].GetSpatialReference() if geoms else None
    if srs is not None:
        out.AssignSpatialReference(srs)
    return out


def union_pieces(parts: List[Tuple[ogr.Geometry, Tile]], grid: TileGrid) -> ogr.Geometry:
    """The union of one object's pieces (each with the tile it came from); ``parts`` is emptied as it goes."""
    srs = parts[0][0].GetSpatialReference() if parts else None
    if len(parts) == 1:
        return union_all([parts.pop()[0]])
    tiles = {t.key: t for t in grid.tiles}
    keys = {tile.key for _, tile in parts}
    cores = [_rectangle(grid, core_window(tile, keys, tiles), srs) for _, tile in parts]
    boxes = [_meet(geom.GetEnvelope(), core.GetEnvelope()) for (geom, _), core in zip(parts, cores)]
    finals: List[ogr.Geometry] = []  # polygons no other piece reaches: they go to the output as they are
    open_parts: List[Tuple[ogr.Geometry, list]] = []  # (a polygon without its final holes, those holes)
    for i in range(len(parts)):
        geom, _tile = parts[i]
        parts[i] = None  # the piece is freed as soon as it is cut
        others = [b for j, b in enumerate(boxes) if j != i and b and boxes[i] and _touch(b, boxes[i])]
        for poly in _clip(geom, cores[i]):
            if not any(_touch(poly.GetEnvelope(), b) for b in others):
                finals.append(poly)
                continue
            kept, final = ogr.Geometry(ogr.wkbPolygon), []
            for k in range(poly.GetGeometryCount()):
                ring = poly.GetGeometryRef(k)
                if k == 0 or any(_touch(ring.GetEnvelope(), b) for b in others):
                    kept.AddGeometry(ring)
                else:
                    final.append(ring.Clone())
            open_parts.append((kept, final))
        del geom
    parts.clear()
    out = ogr.Geometry(ogr.wkbMultiPolygon)
    if open_parts:
        out = union_all([kept for kept, _ in open_parts])
        _put_back_holes(out, open_parts)
    for poly in finals:
        out.AddGeometryDirectly(poly)
    if srs is not None:
        out.AssignSpatialReference(srs)
    return out


def core_window(tile: Tile, keys: set, tiles: Dict[Key, Tile]) -> Tuple[int, int, int, int]:
    """(x0, y0, x1, y1) in area pixels: the tile, its overlap with each side neighbour in ``keys`` cut at the middle."""
    x0, y0, x1, y1 = tile.x0, tile.y0, tile.x0 + tile.w, tile.y0 + tile.h
    left, right = tiles.get((tile.col - 1, tile.row)), tiles.get((tile.col + 1, tile.row))
    up, down = tiles.get((tile.col, tile.row - 1)), tiles.get((tile.col, tile.row + 1))
    if left is not None and left.key in keys:
        x0 = (tile.x0 + left.x0 + left.w) // 2
    if right is not None and right.key in keys:
        x1 = (right.x0 + tile.x0 + tile.w) // 2
    if up is not None and up.key in keys:
        y0 = (tile.y0 + up.y0 + up.h) // 2
    if down is not None and down.key in keys:
        y1 = (down.y0 + tile.y0 + tile.h) // 2
    return x0, y0, x1, y1


def _put_back_holes(joined: ogr.Geometry, open_parts: list) -> None:
    """Each final hole lies inside the polygon its own polygon became part of: add it there."""
    polygons = [joined.GetGeometryRef(k) for k in range(joined.GetGeometryCount())]
    for kept, final in open_parts:
        if not final:
            continue
        target = polygons[0] if len(polygons) == 1 else _holder(polygons, kept)
        for ring in final:
            target.AddGeometryDirectly(ring)


def _holder(polygons: list, kept: ogr.Geometry) -> ogr.Geometry:
    point = kept.PointOnSurface()
    x, y = point.GetX(), point.GetY()
    near = [p for p in polygons if _touch(p.GetEnvelope(), (x, x, y, y))]
    if len(near) == 1:
        return near[0]
    return next((p for p in near if p.Intersects(point)), near[0] if near else polygons[0])


def _clip(geom: ogr.Geometry, core: ogr.Geometry) -> list:
    """The piece's polygons inside its core (uncut when the core holds it whole)."""
    gx0, gx1, gy0, gy1 = geom.GetEnvelope()
    cx0, cx1, cy0, cy1 = core.GetEnvelope()
    inside = cx0 <= gx0 and gx1 <= cx1 and cy0 <= gy0 and gy1 <= cy1
    return [part.Clone() for part in polygon_parts(geom if inside else geom.Intersection(core))]


def _rectangle(grid: TileGrid, window: tuple, srs) -> ogr.Geometry:
    x0, y0, x1, y1 = window
    gt = grid.geotransform()
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for px, py in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
        ring.AddPoint_2D(*apply_geotransform(gt, px, py))
    rect = ogr.Geometry(ogr.wkbPolygon)
    rect.AddGeometry(ring)
    if srs is not None:
        rect.AssignSpatialReference(srs)
    return rect


def _meet(a: Envelope, b: Envelope) -> Optional[Envelope]:
    box = (max(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), min(a[3], b[3]))
    return box if box[0] <= box[1] and box[2] <= box[3] else None


def _touch(a: Envelope, b: Envelope) -> bool:
    """Do two boxes meet (touching counts)?"""
    return a[0] <= b[1] and b[0] <= a[1] and a[2] <= b[3] and b[2] <= a[3]

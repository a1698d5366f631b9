"""Cluster-run helpers: a scene of red objects across tile borders, truth-answering tasks, an in-process cluster."""
from __future__ import annotations

import contextlib
import os
import time
import zlib
from pathlib import Path

import numpy as np
from osgeo import gdal, ogr

from rrsis_qgis.cluster.tile_task import segment_tile
from rrsis_qgis.geo.tiled_run import result_row, run_tiled
from rrsis_qgis.geo.tiling import plan_grid
from rrsis_qgis.geo.vector_writer import ResultFeature, write_features
from tests.conftest import write_tif
from tests.unit.tiling_fixture import RED, TruthBackend, object_mask

SIZE, TILE, OVERLAP = 1000, 256, 64  # tile starts 0, 192, 384, 576, 744: overlaps 192-256, 384-448, …
# across one border, across a 4-tile corner, across five tiles, at the raster's edge, inside one tile
OBJECTS = [(150, 40, 120, 60, "rect"), (360, 360, 120, 120, "disk"), (100, 600, 700, 40, "rect"),
           (950, 300, 50, 100, "rect"), (620, 850, 60, 60, "disk")]


PHRASE = "the red objects"


def single_backend(raster, out, ask, tile=TILE, overlap=OVERLAP) -> str:
    """The one-backend tiled run (`segment --tiled --mode all`), written as the CLI writes it."""
    grid = plan_grid(raster, tile=tile, overlap=overlap)
    outcome = run_tiled(grid, PHRASE, ask, mode="all")
    instances = sorted(outcome.instances, key=lambda i: -i.score)
    write_features(str(out), [ResultFeature(i.geom, result_row(outcome, i, n, PHRASE, "x", "0"))
                              for n, i in enumerate(instances)], grid.crs_wkt)
    return str(out)


def write_red_scene(path, corrupt_block=None) -> str:
    """The scene as a DEFLATE GeoTIFF in 64 px blocks; ``corrupt_block`` = (bx, by) gets garbage bytes."""
    bands = np.empty((3, SIZE, SIZE), np.uint8)
    bands[:] = np.array([110, 120, 100], np.uint8)[:, None, None]
    for x, y, w, h, shape in OBJECTS:
        mask = object_mask(w, h, shape)
        for b, value in enumerate(RED):
            bands[b, y:y + h, x:x + w][mask] = value
    plain = write_tif(str(path) + ".plain.tif", bands)
    gdal.Translate(str(path), plain, creationOptions=["TILED=YES", "BLOCKXSIZE=64", "BLOCKYSIZE=64",
                                                      "COMPRESS=DEFLATE"])
    gdal.Unlink(plain)
    if corrupt_block is not None:
        ds = gdal.Open(str(path))
        bx, by = corrupt_block
        offset = int(ds.GetRasterBand(1).GetMetadataItem(f"BLOCK_OFFSET_{bx}_{by}", "TIFF"))
        size = int(ds.GetRasterBand(1).GetMetadataItem(f"BLOCK_SIZE_{bx}_{by}", "TIFF"))
        ds = None
        with open(path, "r+b") as f:
            f.seek(offset)
            f.write(zlib.compress(b"no pixels here")[:2] + b"\xff" * (size - 2))  # a zlib header, then garbage
    return str(path)


def truth_tile(job):
    """A tile answered with the truth, finishing after a delay that depends on the tile: shuffled order."""
    time.sleep(0.02 * ((job.tile.col * 7 + job.tile.row * 3) % 5))
    return segment_tile(job, ask=TruthBackend())


SIGNAL_DIR = "RRSIS_TEST_TILES_DONE"  # environment: a folder the workers share with the test


def late_first_tile(job):
    """The real worker task (the worker's own segmenter); the first tile waits until six others are done."""
    folder = Path(os.environ[SIGNAL_DIR])
    result = segment_tile(job)
    if job.tile.key != (0, 0):
        (folder / f"{job.tile.col}-{job.tile.row}").touch()
        return result
    deadline = time.monotonic() + 60
    while len(list(folder.iterdir())) < 6 and time.monotonic() < deadline:
        time.sleep(0.05)
    return result


def slow_truth_tile(job):
    """The truth, a third of a second per tile: a run long enough to lose a worker in the middle of it."""
    time.sleep(0.3)
    return segment_tile(job, ask=TruthBackend())


@contextlib.contextmanager
def threads_client(threads: int = 3):
    """A cluster of one in-process worker with ``threads`` threads (starts in ~1 s: for the truth tasks)."""
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=threads, processes=False, dashboard_address=None) as cluster:
        with Client(cluster) as client:
            yield client


def normalised(path) -> list:
    """(score, normalised WKB geometry) of every feature of a vector file, best score first."""
    import shapely

    ds = ogr.Open(str(path))
    layer = ds.GetLayer(0)
    rows = [(f.GetField("score"), shapely.normalize(shapely.from_wkb(bytes(f.GetGeometryRef().ExportToWkb()))))
            for f in layer]
    return sorted(rows, key=lambda r: (-r[0], r[1].centroid.x, r[1].centroid.y))


def same_objects(a, b) -> bool:
    """Same count, same scores, geometries equal within 1e-6 after normalisation."""
    ra, rb = normalised(a), normalised(b)
    return len(ra) == len(rb) and all(sa == sb and ga.equals_exact(gb, 1e-6) for (sa, ga), (sb, gb) in zip(ra, rb))

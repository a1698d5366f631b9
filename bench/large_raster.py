"""Whole scenes, tiled: peak RSS of the QGIS-side code and of the backend, and tiles/s, 2k² vs 10k² (one JSON object).

Per raster size a fresh backend (`python -m rrsis_qgis.server`, tiny-random by default) and a fresh
client process run; the client is the code the Processing algorithm runs (GDAL windows → HTTP →
vectorise → merge; no torch, no QGIS needed), so both peak RSS figures belong to that size alone.
The single-tile rate is measured in the same client right after the run: tiles read, sent and
vectorised one at a time (offset windows the backend's embedding cache has never seen).
Every block of the rasters carries a stamp of its own, so no two tiles are the same image.

``--backend synthetic`` replaces the backend by a stand-in that answers every tile with its part of one
scene-wide holed object (the case that costs the client most: one object made of every tile's piece),
so the client's memory is measured in a minute instead of ten, without a server.

    .venv/bin/python bench/large_raster.py [--sizes 2000,10000] [--tile 1024] [--overlap 128] [--backend synthetic]
"""
from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

BLOCK = 1000


def write_raster(path: Path, size: int) -> None:
    """A size×size GeoTIFF of demo scenes, written block by block, each block stamped with its index."""
    import numpy as np
    from osgeo import gdal, osr

    from rrsis_qgis.train.synthetic_scene import demo_scene

    base = demo_scene(size=BLOCK, seed=1).image
    ds = gdal.GetDriverByName("GTiff").Create(str(path), size, size, 3, gdal.GDT_Byte,
                                              ["TILED=YES", "COMPRESS=DEFLATE", "BIGTIFF=IF_SAFER"])
    ds.SetGeoTransform((741_000.0, 0.5, 0.0, 3_735_000.0, 0.0, -0.5))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32616)
    ds.SetProjection(srs.ExportToWkt())
    for k, (y, x) in enumerate((y, x) for y in range(0, size, BLOCK) for x in range(0, size, BLOCK)):
        h, w = min(BLOCK, size - y), min(BLOCK, size - x)
        block = base[:h, :w].copy()
        stamp = np.frombuffer(k.to_bytes(64, "little"), np.uint8)[:max(0, w - 5)]
        block[5:9, 5:5 + stamp.size] = stamp[None, :, None]
        for b in range(3):
            ds.GetRasterBand(b + 1).WriteArray(block[..., b], x, y)
    ds = None


def start_server(model: str, cache_mb: int, token_file: Path):
    cmd = [sys.executable, "-m", "rrsis_qgis.server", "--model", model, "--device", "cpu", "--port", "0",
           "--cache-mb", str(cache_mb), "--token-file", str(token_file)]
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line: dict = {}
    reader = threading.Thread(target=lambda: line.update(text=proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(300)
    event = json.loads(line.get("text") or '{"event": "error", "message": "no answer"}')
    if event.get("event") != "listening":
        proc.kill()
        raise SystemExit(f"backend did not start: {event}")
    return proc, f"http://127.0.0.1:{event['port']}"


def peak_rss_mb(pid: int) -> float:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmHWM:"):
            return round(int(row.split()[1]) / 1024, 1)
    return float("nan")


class SceneWideObject:
    """Stand-in backend: every tile's part of one holed object covering the scene (area pixel coordinates)."""

    def __init__(self, grid):
        self.origin = grid.geotransform()

    def __call__(self, query):
        import numpy as np

        from rrsis_qgis.geo.tiled_run import TileAnswer

        gt, (x0, px, _, y0, _, py) = query.view.geotransform, self.origin
        h, w = query.view.valid.shape
        rows, cols = np.mgrid[0:h, 0:w]
        x, y = cols + (gt[0] - x0) / px, rows + (gt[3] - y0) / py
        field = np.sin(x / 23.0) * np.cos(y / 31.0) + 0.5 * np.sin((x + y) / 17.0)
        return TileAnswer([(field > -0.6, 0.9, {})], "synthetic")


def client(raster: str, url: str, token_file: str, tile: int, overlap: int, singles: int) -> dict:
    """The QGIS-side work for one raster (run in its own process): the tiled run, then single tiles."""
    from rrsis_qgis.geo.tiled_run import BackendAsk, TileQuery, run_tiled
    from rrsis_qgis.geo.tiling import TileReader, plan_grid
    from rrsis_qgis.geo.vectorize import mask_to_geometry
    from rrsis_qgis.qgis_core.backend_client import BackendClient

    grid = plan_grid(raster, tile=tile, overlap=overlap)
    if url == "synthetic":
        ask = SceneWideObject(grid)
    else:
        ask = BackendAsk(BackendClient(url, Path(token_file).read_text().strip()))
    written = []  # what the Processing algorithm does: each object to the sink as soon as it is final
    out = run_tiled(grid, "the white storage tank", ask, mode="all",
                    on_instance=lambda inst, _outcome: written.append(inst.geom.WkbSize()))
    reader, times = TileReader(grid), []
    for i in range(singles):  # unseen windows: shifted off the grid by a few pixels
        t0 = time.perf_counter()
        view = reader.read(3 + 5 * i, 3 + 5 * i, min(tile, grid.out_w - 20), min(tile, grid.out_h - 20),
                           min(tile, grid.out_w - 20), min(tile, grid.out_h - 20))
        answer = ask(TileQuery(view, "the white storage tank", f"single-{i}", top_k=8))
        for mask, _score, _terms in answer.masks:
            mask_to_geometry(mask & view.valid, view.geotransform, view.crs_wkt)
        times.append(time.perf_counter() - t0)
    return {"tiles": len(grid.tiles), "seconds": round(out.seconds, 2),
            "tiles_per_s": round(len(grid.tiles) / out.seconds, 3),
            "single_tile_per_s": round(1.0 / statistics.median(times), 3), "objects": out.count,
            "output_mb": round(sum(written) / 1e6, 2),
            "client_peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)}


def measure(size: int, args, work: Path) -> dict:
    raster = work / f"scene{size}.tif"
    if not raster.exists():
        write_raster(raster, size)
    token = work / f"token{size}"
    proc, url = start_server(args.model, args.cache_mb, token) if args.backend == "server" else (None, "synthetic")
    try:
        cmd = [sys.executable, __file__, "--client", str(raster), url, str(token), "--tile", str(args.tile),
               "--overlap", str(args.overlap), "--singles", str(args.singles)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        if done.returncode != 0:
            raise SystemExit(done.stderr[-2000:])
        result = json.loads(done.stdout.strip().splitlines()[-1])
        if proc is not None:
            result["backend_peak_rss_mb"] = peak_rss_mb(proc.pid)
        return result
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(60)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", default="2000,10000")
    p.add_argument("--tile", type=int, default=1024)
    p.add_argument("--overlap", type=int, default=128)
    p.add_argument("--model", default="tiny-random")
    p.add_argument("--backend", choices=("server", "synthetic"), default="server",
                   help="synthetic: no server, one scene-wide object (client memory only)")
    p.add_argument("--cache-mb", type=int, default=256, help="the backend's embedding cache bound (default 256)")
    p.add_argument("--singles", type=int, default=3, help="single tiles timed after the run (median)")
    p.add_argument("--work", default=str(REPO / "build" / "bench_large_raster"))
    p.add_argument("--client", nargs=3, metavar=("RASTER", "URL", "TOKEN_FILE"), help=argparse.SUPPRESS)
    args = p.parse_args()
    if args.client:
        print(json.dumps(client(*args.client, args.tile, args.overlap, args.singles)))
        return
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    runs = {str(s): measure(s, args, work) for s in sizes}
    small, large = runs[str(sizes[0])], runs[str(sizes[-1])]
    print(json.dumps({
        "model": args.model, "tile": args.tile, "overlap": args.overlap, "backend_cache_mb": args.cache_mb,
        "runs": runs,
        "peak_rss_ratio": {side: round(large[f"{side}_peak_rss_mb"] / small[f"{side}_peak_rss_mb"], 3)
                           for side in ("client", "backend") if f"{side}_peak_rss_mb" in large},
        "throughput_vs_single_tile": {k: round(r["tiles_per_s"] / r["single_tile_per_s"], 3) for k, r in runs.items()},
        "targets": {"peak_rss_ratio_max": 1.2, "throughput_vs_single_tile_min": 0.9},
    }))


if __name__ == "__main__":
    main()

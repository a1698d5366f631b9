"""Perceived latency in QGIS: the canvas is still for a while, then a phrase → polygons in the results layer,
with and without encoding the view while idle (the plugin's Session and IdleEncoder, offscreen QGIS,
a real backend process).

    QT_QPA_PLATFORM=offscreen .venv/bin/python bench/perceived.py [--model full-random] [--still 4] [--runs 3]

Each run uses a fresh view (another part of the raster), so nothing is cached beforehand. Prints one JSON
object: medians of 'phrase → polygons' after the canvas was still for --still seconds, with idle encoding on
and off, their ratio per run (target ≤ 0.15) and the time the idle encode itself took.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from qgis.core import QgsApplication, QgsProject, QgsRasterLayer, QgsRectangle  # noqa: E402
from qgis.gui import QgsMapCanvas  # noqa: E402

from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff  # noqa: E402
from tests.e2e.server_process import start_server  # noqa: E402

PHRASE = "the white storage tank left of the road"


def wait(app, condition, timeout_s: float) -> bool:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            return False
        app.processEvents()
        time.sleep(0.005)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="full-random")
    ap.add_argument("--still", type=float, default=4.0, help="seconds the canvas is still before the phrase")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--side", type=int, default=1024, help="view side in pixels")
    args = ap.parse_args()

    app = QgsApplication([], False)
    app.initQgis()
    from rrsis_qgis.qgis_core.idle_encoder import READY, IdleEncoder
    from rrsis_qgis.qgis_core.session import Session
    from rrsis_qgis.qgis_core.settings import PluginSettings

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        srv = start_server("--model", args.model, "--token-file", tmp / "token", timeout=900)
        # one big scene; each run looks at another window of it, so every view starts uncached
        raster = write_geotiff(str(tmp / "scene.tif"), demo_scene(size=args.side * 3, seed=5).image)
        layer = QgsRasterLayer(raster, "scene")
        QgsProject.instance().addMapLayer(layer)
        canvas = QgsMapCanvas()
        canvas.resize(args.side, args.side)
        canvas.setDestinationCrs(layer.crs())
        settings = PluginSettings(backend_url=srv.url, token_file=str(srv.token_file), model=args.model,
                                  results_path=str(tmp / "results.gpkg"), max_side=args.side, show_overlays=False)
        session = Session(canvas, settings)
        session.backend.start()
        assert wait(app, lambda: session.backend.state == "connected", 60), session.backend.detail
        idle = session.idle = IdleEncoder(session, lambda: layer)
        canvas.extentsChanged.connect(idle.schedule)  # the dock passes the view it made; here schedule makes it
        done: list = []
        session.resultsAdded.connect(lambda rows: done.append(time.perf_counter()))
        session.failed.connect(lambda msg, _restart: done.append(msg))
        session.info.connect(lambda msg: done.append(time.perf_counter()))  # "nothing found" also ends a query

        e, rows = layer.extent(), []
        windows = [(i % 3, i // 3) for i in range(2 * args.runs + 1)]

        def look_at(k: int) -> None:
            col, row = windows[k]
            w, h = e.width() / 3, e.height() / 3
            canvas.setExtent(QgsRectangle(e.xMinimum() + col * w, e.yMaximum() - (row + 1) * h,
                                          e.xMinimum() + (col + 1) * w, e.yMaximum() - row * h))

        def query() -> float:
            done.clear()
            t0 = time.perf_counter()
            session.run(layer, PHRASE)
            assert wait(app, lambda: done, 900), "no answer"
            assert isinstance(done[0], float), done[0]
            return done[0] - t0

        look_at(2 * args.runs)  # warm-up: the first query loads lazily-built parts of the models
        settings.idle_encode = False
        query()
        for run in range(args.runs):
            result = {}
            for k, idle_on in ((2 * run, False), (2 * run + 1, True)):
                settings.idle_encode = idle_on
                idle.set_active(True)
                look_at(k)
                t_still = time.perf_counter()
                ready_at = []
                idle.stateChanged.connect(lambda s, r=ready_at: r.append(time.perf_counter()) if s == READY else None)
                wait(app, lambda: False, args.still)  # the analyst reads the map, then types
                result["idle" if idle_on else "cold"] = query()
                if idle_on:
                    result["encode_ready_after_still_s"] = round(ready_at[0] - t_still, 2) if ready_at else None
                idle.stateChanged.disconnect()
                idle.set_active(False)
            rows.append(result)
        stats = session.backend.client().health()["cache"]
        session.shutdown()
        srv.stop()
    cold = [r["cold"] for r in rows]
    warm = [r["idle"] for r in rows]
    print(json.dumps({
        "bench": "perceived", "model": args.model, "view": f"{args.side}x{args.side}", "still_s": args.still,
        "runs": args.runs, "phrase_to_polygons_ms": {"no_idle_encode": round(statistics.median(cold) * 1000),
                                                      "idle_encode": round(statistics.median(warm) * 1000)},
        "ratio_idle_to_cold": {"median": round(statistics.median(w / c for w, c in zip(warm, cold)), 3),
                               "target_max": 0.15},
        "idle_encode_ready_after_still_s": [r.get("encode_ready_after_still_s") for r in rows],
        "backend_cache": {"hits": stats["hits"], "misses": stats["misses"]},  # hits = queries after an idle encode
    }))
    app.exitQgis()


if __name__ == "__main__":
    main()

"""Backend latency with the embedding cache: first query (miss) vs new phrase on the same view (hit).

    .venv/bin/python bench/server.py --model full-random [--views 3] [--phrases 3] [--clients 4]

Prints one JSON object: medians of miss and hit latency measured in the same run and their ratio
(target: hit ≤ 0.10 × miss), hit requests/s with concurrent clients, the plugin client's job path (submit +
polls) against one synchronous request for the same hits, and the server's peak RSS.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: E402
from tests.e2e.server_process import npy_b64, png_b64, start_server  # noqa: E402

PHRASES = ["the white storage tank left of the road", "the red building at the bottom", "the road",
           "the grey tank right of the road", "the blue roof"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="full-random")
    ap.add_argument("--size", type=int, default=1024)
    ap.add_argument("--views", type=int, default=3)
    ap.add_argument("--phrases", type=int, default=3)
    ap.add_argument("--clients", type=int, default=4)
    ap.add_argument("--hits-per-client", type=int, default=3)
    ap.add_argument("--job-pairs", type=int, default=5, help="cached queries by job and synchronously, alternating")
    ap.add_argument("--plain", action="store_true", help="reasoning off: activation peaks → SAM only")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        srv = start_server("--model", args.model, "--token-file", Path(tmp) / "token", timeout=600)
        try:
            result = run(srv, args)
            result["server_peak_rss_mb"] = peak_rss_mb(srv.proc.pid)
        finally:
            srv.stop()
    print(json.dumps(result))


def run(srv, args) -> dict:
    client = httpx.Client(base_url=srv.url, headers=srv.headers, timeout=600)
    views = [png_b64(demo_scene(size=args.size, seed=s).image) for s in range(args.views + 1)]

    def ask(image, phrase, c=client):
        t0 = time.perf_counter()
        r = c.post("/v1/segment", json={"image": image, "phrase": phrase, "reasoning": not args.plain})
        r.raise_for_status()
        return (time.perf_counter() - t0) * 1000, r.json()

    ask(views[-1], PHRASES[0])  # warm-up view, not counted
    miss, hit, ratios = [], [], []
    for image in views[:-1]:
        first_ms, body = ask(image, PHRASES[0])
        assert body["cache"] == "miss"
        hits = []
        for phrase in PHRASES[1:args.phrases + 1]:
            ms, body = ask(image, phrase)
            assert body["cache"] == "hit"
            hits.append(ms)
        miss.append(first_ms)
        hit.extend(hits)
        ratios.append(statistics.median(hits) / first_ms)

    def hammer(_):
        with httpx.Client(base_url=srv.url, headers=srv.headers, timeout=600) as c:
            return [ask(views[0], PHRASES[i % len(PHRASES)], c)[0] for i in range(args.hits_per_client)]

    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(args.clients) as pool:
        done = sum(len(r) for r in pool.map(hammer, range(args.clients)))
    elapsed = time.perf_counter() - t0
    job_ms, sync_ms = job_vs_sync(srv, client, views[0], args)
    health = client.get("/v1/health").json()
    return {
        "bench": "server", "model": args.model, "reasoning": not args.plain, "device": health["device"], "view": f"{args.size}x{args.size}",
        "views": args.views, "phrases_per_view": args.phrases,
        "median_miss_ms": round(statistics.median(miss), 1), "median_hit_ms": round(statistics.median(hit), 1),
        "ratio_hit_to_miss": {"median": round(statistics.median(ratios), 4), "max": round(max(ratios), 4),
                              "target_max": 0.10},
        "concurrent_hits": {"clients": args.clients, "requests": done, "requests_per_s": round(done / elapsed, 2)},
        "job_vs_sync_hits": {"requests": len(job_ms), "median_job_ms": round(statistics.median(job_ms), 1),
                             "median_sync_ms": round(statistics.median(sync_ms), 1),
                             "ratio": round(statistics.median(job_ms) / statistics.median(sync_ms), 3)},
        "cache": health["cache"],
    }


def job_vs_sync(srv, client, image_b64: str, args) -> tuple:
    """Cached queries, alternating: the plugin's BackendClient (POST /v1/jobs + polls) vs one POST /v1/segment."""
    import base64
    import io

    import numpy as np
    from PIL import Image

    from rrsis_qgis.qgis_core.backend_client import BackendClient

    rgb = np.asarray(Image.open(io.BytesIO(base64.b64decode(image_b64))).convert("RGB"))
    image = np.dstack([rgb, np.full(rgb.shape[:2], 255, np.uint8)])
    plugin = BackendClient(srv.url, srv.token)
    plugin.segment(image, PHRASES[0], "job-warm-up", reasoning=not args.plain)  # this view's bytes into the cache
    job_ms, sync_ms = [], []
    for i in range(args.job_pairs):
        t0 = time.perf_counter()
        assert plugin.segment(image, PHRASES[i % len(PHRASES)], f"job-{i}", reasoning=not args.plain)["cache"] == "hit"
        job_ms.append((time.perf_counter() - t0) * 1000)
        t0 = time.perf_counter()
        r = client.post("/v1/segment", json={"image": npy_b64(image), "phrase": PHRASES[i % len(PHRASES)],
                                             "reasoning": not args.plain})  # the same bytes the plugin sends
        assert r.json()["cache"] == "hit"
        sync_ms.append((time.perf_counter() - t0) * 1000)
    return job_ms, sync_ms


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return float("nan")


if __name__ == "__main__":
    main()

"""Soak: N clients × M minutes of mixed valid / malformed / cancelled / oversized requests, one SIGKILL and
restart of the server half-way, CLI runs writing GeoPackages throughout.

    .venv/bin/python bench/soak.py [--clients 6] [--minutes 4] [--model tiny-random]

Prints one JSON object: requests, answers by class, 5xx (target 0), p50/p95 latency of valid requests,
the server's RSS at start / after warm-up / peak / end for each of its two lives (target: end ≤ 1.15 ×
after warm-up), and how many CLI outputs were written and whether every one opens cleanly.
"""
from __future__ import annotations

import argparse
import collections
import json
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from rrsis_qgis.train.synthetic_scene import demo_scene  # noqa: E402
from tests.e2e.server_process import png_b64, start_server  # noqa: E402

PHRASES = ["the white storage tank left of the road", "the red building at the bottom", "the road",
           "the second tank from the left", "a building near the road"]
KINDS = ("valid", "valid", "valid", "malformed", "cancelled", "oversized", "bad_numbers", "health")


class Target:
    """The live server's URL and headers; swapped when it is restarted."""

    def __init__(self, srv):
        self.lock = threading.Lock()
        self.set(srv)

    def set(self, srv):
        with self.lock:
            self.srv, self.url, self.headers = srv, srv.url, dict(srv.headers)


def rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def one_request(client: httpx.Client, target: Target, kind: str, views: list, rng: random.Random, stats):
    url, headers = target.url, target.headers
    body = {"image": rng.choice(views), "phrase": rng.choice(PHRASES), "top_k": rng.randint(1, 3)}
    t0 = time.perf_counter()
    try:
        if kind == "health":
            r = client.get(url + "/v1/health", headers=headers)
        elif kind == "valid":
            r = client.post(url + "/v1/segment", headers=headers, json=body)
        elif kind == "malformed":
            junk = rng.choice([b"{", b'{"image": "!!", "phrase": "x"}', b'{"phrase": "   ", "image": "AAAA"}',
                               b"\xff\xfe", b'{"image": 5, "phrase": []}'])
            r = client.post(url + "/v1/segment", headers={**headers, "content-type": "application/json"}, content=junk)
        elif kind == "bad_numbers":
            r = client.post(url + "/v1/segment", headers={**headers, "content-type": "application/json"},
                            content=b'{"image": "%s", "phrase": "x", "boxes": [[0, 0, 1e999, 5]]}'
                                    % body["image"].encode())
        elif kind == "oversized":
            r = client.post(url + "/v1/segment", headers={**headers, "content-type": "application/json"},
                            content=b'{"image": "' + b"A" * (3 << 20) + b'", "phrase": "x"}')
        else:  # cancelled: a DELETE right after the POST, from another thread
            rid = f"c{rng.getrandbits(40):x}"
            threading.Timer(0.05, lambda: _quiet(lambda: httpx.delete(f"{url}/v1/requests/{rid}", headers=headers,
                                                                       timeout=10))).start()
            r = client.post(url + "/v1/segment", headers=headers, json={**body, "request_id": rid})
    except httpx.HTTPError as exc:
        stats.record(kind, f"connection:{type(exc).__name__}", None)
        time.sleep(0.25)  # the server is down (killed, restarting): do not spin
        return
    code = r.status_code
    label = str(code) if code < 400 else f"{code}:{_error_code(r)}"
    stats.record(kind, label, (time.perf_counter() - t0) * 1000 if kind == "valid" and code == 200 else None)


def _error_code(r) -> str:
    try:
        return r.json()["error"]["code"]
    except Exception:
        return "non-json"


def _quiet(fn):
    try:
        fn()
    except httpx.HTTPError:
        pass


class Stats:
    def __init__(self):
        self.lock = threading.Lock()
        self.by_kind = collections.defaultdict(collections.Counter)
        self.latency_ms: list = []

    def record(self, kind: str, label: str, latency_ms):
        with self.lock:
            self.by_kind[kind][label] += 1
            if latency_ms is not None:
                self.latency_ms.append(latency_ms)


def cli_writer(target_dir: Path, raster: Path, stop: threading.Event, outputs: list, model: str):
    """Write a GeoPackage with the CLI over and over (half of them onto the same file)."""
    i = 0
    while not stop.is_set():
        out = target_dir / ("same.gpkg" if i % 2 else f"run{i}.gpkg")
        proc = subprocess.run([sys.executable, "-m", "rrsis_qgis", "segment", str(raster), rng_phrase(i),
                               "--model", model, "--device", "cpu", "--out", str(out)],
                              cwd=REPO, capture_output=True, text=True)
        if proc.returncode == 0:
            outputs.append(out)
        i += 1


def rng_phrase(i: int) -> str:
    return PHRASES[i % len(PHRASES)]


def opens_cleanly(path: Path) -> bool:
    ok = subprocess.run(["ogrinfo", "-q", "-al", "-so", str(path)], capture_output=True, text=True)
    with sqlite3.connect(path) as con:
        integrity = con.execute("PRAGMA integrity_check").fetchone()[0]
    return ok.returncode == 0 and "malformed" not in ok.stderr and integrity == "ok"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="tiny-random")
    ap.add_argument("--clients", type=int, default=6)
    ap.add_argument("--minutes", type=float, default=4.0)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    duration = args.minutes * 60
    views = [png_b64(demo_scene(size=s, seed=k).image) for k, s in enumerate((256, 384, 512, 512))]

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        server_args = ("--model", args.model, "--device", "cpu", "--max-body-mb", "2", "--max-queue", "4",
                       "--token-file", tmp / "token")
        lives = [{"rss": []}]
        srv = start_server(*server_args, timeout=600)
        target, stats, stop = Target(srv), Stats(), threading.Event()
        raster = tmp / "scene.tif"
        subprocess.run([sys.executable, "-m", "rrsis_qgis", "demo-raster", str(raster), "--size", "384"],
                       cwd=REPO, check=True, capture_output=True)
        outputs: list = []
        writer = threading.Thread(target=cli_writer, args=(tmp, raster, stop, outputs, args.model), daemon=True)
        writer.start()

        def client_loop(seed: int):
            rng = random.Random(seed)
            with httpx.Client(timeout=120) as client:
                while not stop.is_set():
                    one_request(client, target, rng.choice(KINDS), views, rng, stats)

        threads = [threading.Thread(target=client_loop, args=(args.seed * 100 + i,), daemon=True)
                   for i in range(args.clients)]
        t_start = time.monotonic()
        for t in threads:
            t.start()
        killed = False
        while time.monotonic() - t_start < duration:
            lives[-1]["rss"].append((time.monotonic() - t_start, rss_mb(target.srv.proc.pid)))
            if not killed and time.monotonic() - t_start > duration / 2:
                target.srv.proc.send_signal(signal.SIGKILL)
                target.srv.proc.wait()
                killed = True
                lives.append({"rss": [], "restart_s": None})
                t0 = time.monotonic()
                target.set(start_server(*server_args, timeout=600))
                lives[-1]["restart_s"] = round(time.monotonic() - t0, 1)
            time.sleep(0.5)
        stop.set()
        for t in threads:
            t.join(150)
        writer.join(300)
        target.srv.stop()
        clean = [opens_cleanly(p) for p in sorted(set(outputs)) if p.exists()]

    answers = collections.Counter()
    for counter in stats.by_kind.values():
        answers.update(counter)
    lat = sorted(stats.latency_ms)
    print(json.dumps({
        "model": args.model, "clients": args.clients, "minutes": args.minutes,
        "requests": sum(answers.values()),
        "answers": dict(sorted(answers.items())),
        "by_kind": {k: dict(sorted(v.items())) for k, v in sorted(stats.by_kind.items())},
        "server_errors_5xx": sum(n for label, n in answers.items() if label[:1] == "5" and not
                                 label.startswith("503:shutting_down")),
        "latency_ms_valid": {"p50": round(statistics.median(lat), 1) if lat else None,
                             "p95": round(lat[int(0.95 * (len(lat) - 1))], 1) if lat else None, "n": len(lat)},
        "server_lives": [_rss_summary(life) for life in lives],
        "cli_outputs": {"written": len(outputs), "files": len(clean), "all_open_cleanly": all(clean)},
    }))


def _rss_summary(life: dict) -> dict:
    samples = [mb for _t, mb in life["rss"] if mb > 0]
    if not samples:
        return {}
    warm = samples[max(0, len(samples) // 5 - 1)]  # after the first fifth of this life
    out = {"start_mb": round(samples[0]), "after_warmup_mb": round(warm), "peak_mb": round(max(samples)),
           "end_mb": round(samples[-1]), "end_over_warmup": round(samples[-1] / warm, 3)}
    if life.get("restart_s") is not None:
        out["restart_s"] = life["restart_s"]
    return out


if __name__ == "__main__":
    main()

"""`python -m rrsis_qgis.server`: load the model, bind, print one JSON "listening" line, serve until SIGTERM."""
from __future__ import annotations

import argparse
import ctypes
import ipaddress
import json
import logging
import math
import signal
import socket
import sys
import threading
import time
from pathlib import Path

EXIT_BAD_ARGS, EXIT_MISSING_WEIGHTS, EXIT_FAILED = 2, 3, 1
MAX_CONNECTIONS = 128  # beyond this uvicorn answers 503 itself; the queue's 429 comes far earlier


def main(argv=None) -> int:
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # argparse printed its usage message; say it on the listening channel too
        if exc.code:
            print(json.dumps({"event": "error", "message": "invalid arguments (see stderr)"}), flush=True)
        raise
    _default_sizes(args)
    problem = _check_args(args)
    if problem:
        return _fail(EXIT_BAD_ARGS, problem)
    _limit_malloc_arenas()
    logging.basicConfig(level=logging.DEBUG if args.debug else logging.WARNING, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s %(message)s")
    for name in ("rrsis_qgis", "uvicorn.error"):  # ours at INFO; the libraries' chatter stays quiet
        logging.getLogger(name).setLevel(logging.DEBUG if args.debug else logging.INFO)
    from .auth import TokenFileError, default_token_path, load_or_create_token, remove_stale_tokens

    if not _is_loopback(args.host) and args.token_file is None:
        return _fail(EXIT_BAD_ARGS, f"refusing to listen on {args.host} without --token-file: anyone on the "
                     "network could use this server. Create a private token file and pass it on both sides.")
    token_path = args.token_file or default_token_path()
    if args.token_file is None:
        remove_stale_tokens(token_path.parent)
    try:
        token, created = load_or_create_token(token_path)
    except (TokenFileError, OSError) as exc:
        return _fail(EXIT_BAD_ARGS, str(exc))
    try:
        return _serve(args, token, token_path)
    finally:
        if created and args.token_file is None:
            token_path.unlink(missing_ok=True)


def _serve(args, token: str, token_path: Path) -> int:
    import uvicorn

    from ..engine.load_rules import LoadError
    from ..engine.segmenter import Segmenter
    from ..engine.weights import MissingWeightsError
    from .app import Limits, create_app
    from .header_deadline import HeaderDeadlineProtocol
    from .parent_watch import watch_parent
    from .service import Service

    log = logging.getLogger("rrsis_qgis.server")
    t0 = time.perf_counter()
    try:
        segmenter = Segmenter.from_name(args.model, device=args.device, models_dir=args.models_dir,
                                           precision=args.precision)
    except MissingWeightsError as exc:
        return _fail(EXIT_MISSING_WEIGHTS, str(exc), missing=[e.file for e in exc.entries])
    except LoadError as exc:
        if exc.users_file:  # a trained checkpoint
            return _fail(EXIT_BAD_ARGS, str(exc))
        # a models-folder checkpoint that is damaged or not the pinned one: downloading it again replaces it
        return _fail(EXIT_MISSING_WEIGHTS, str(exc), damaged=[exc.path.name] if exc.path else [])
    except (KeyError, ValueError) as exc:
        return _fail(EXIT_BAD_ARGS, str(exc))
    except Exception as exc:  # noqa: BLE001 (whatever it is, the plugin must read why on the listening channel)
        log.exception("cannot load the model")
        return _fail(EXIT_FAILED, f"cannot load the model {args.model}: {type(exc).__name__}: {exc}")
    log.info("model %s loaded on %s in %.1f s", args.model, segmenter.device, time.perf_counter() - t0)
    service = Service(segmenter, cache_bytes=args.cache_mb << 20, models_dir=args.models_dir)
    limits = Limits(max_body_bytes=args.max_body_mb << 20, max_image_side=args.max_image_side,
                    request_timeout_s=args.request_timeout, max_queue=args.max_queue,
                    max_inflight_bytes=args.max_inflight_mb << 20, body_timeout_s=args.client_timeout)
    HeaderDeadlineProtocol.header_timeout_s = args.client_timeout
    app = create_app(service, token, limits)

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a killed server's port is free at once
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        return _fail(EXIT_BAD_ARGS, f"cannot listen on {args.host}:{args.port}: {exc.strerror}")
    sock.listen(64)
    port = sock.getsockname()[1]
    queue = app.api.state.queue

    class Server(uvicorn.Server):
        def handle_exit(self, sig, frame):  # SIGTERM/SIGINT: waiting requests get a JSON 503 at once
            queue.close()
            super().handle_exit(sig, frame)

    server = Server(uvicorn.Config(app, log_config=None, access_log=False, timeout_graceful_shutdown=5,
                                   http=HeaderDeadlineProtocol, timeout_keep_alive=5,
                                   limit_concurrency=MAX_CONNECTIONS))

    def announce():
        while not server.started and not server.should_exit:
            time.sleep(0.02)
        if server.started:
            print(json.dumps({"event": "listening", "host": args.host, "port": port, "token_file": str(token_path),
                              "device": str(segmenter.device), "model": args.model}), flush=True)

    threading.Thread(target=announce, daemon=True).start()
    if args.exit_with_parent:
        def parent_exited():
            log.info("process %d that started the server is gone: stopping", args.exit_with_parent)
            queue.close()
            server.should_exit = True

        watch_parent(args.exit_with_parent, parent_exited)
    # uvicorn handles SIGINT/SIGTERM (finish in-flight requests, then stop) and re-raises the signal
    # afterwards into the handlers found at start: make those no-ops so cleanup runs and we exit 0.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: None)
    server.run(sockets=[sock])
    log.info("stopped")
    return 0


def _default_sizes(args) -> None:
    """Body limits not given: large enough for the largest view the image-side limit admits (the plugin's
    settings allow 4096 px), and at least one such body in flight."""
    from .codec import body_bytes_for

    if args.max_body_mb is None:
        args.max_body_mb = -(-body_bytes_for(max(args.max_image_side, 1)) // (1 << 20))
    if args.max_inflight_mb is None:
        args.max_inflight_mb = max(256, args.max_body_mb)


def _check_args(args) -> str:
    """The first problem with the numbers and paths given, or ''."""
    if not 0 <= args.port <= 65535:
        return f"--port {args.port}: a port is 0 (any free one) to 65535"
    for name, value, low in (("--cache-mb", args.cache_mb, 0), ("--max-body-mb", args.max_body_mb, 1),
                             ("--max-image-side", args.max_image_side, 64), ("--max-queue", args.max_queue, 1),
                             ("--max-inflight-mb", args.max_inflight_mb, 1)):
        if value < low:
            return f"{name} {value}: must be at least {low}"
    if args.max_inflight_mb < args.max_body_mb:
        return f"--max-inflight-mb {args.max_inflight_mb} is below --max-body-mb {args.max_body_mb}: no request could pass"
    for name, value in (("--request-timeout", args.request_timeout), ("--client-timeout", args.client_timeout)):
        if not (value > 0 and math.isfinite(value)):
            return f"{name} {value}: must be a positive number of seconds"
    if args.token_file is not None:
        if args.token_file.is_dir():
            return f"--token-file {args.token_file} is a folder; give the path of a file (it is made if missing)"
        if not args.token_file.parent.is_dir():
            return f"--token-file: folder {args.token_file.parent} does not exist; create it (mkdir -m 700) first"
    if args.models_dir is not None and args.models_dir.exists() and not args.models_dir.is_dir():
        return f"--models-dir {args.models_dir} is not a folder"
    return ""


def _limit_malloc_arenas() -> None:
    """One malloc arena per thread fragments memory under concurrent requests (RSS creeps for minutes);
    glibc's M_ARENA_MAX caps it. Same effect as MALLOC_ARENA_MAX=2, set before any thread starts."""
    try:
        ctypes.CDLL("libc.so.6").mallopt(-8, 2)  # M_ARENA_MAX
    except (OSError, AttributeError):  # not glibc: nothing to do
        pass


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _fail(code: int, message: str, **details) -> int:
    """The error event on stdout (``details``: machine-readable parts, e.g. the missing checkpoint files), the
    message on stderr, and the exit code."""
    print(json.dumps({"event": "error", "message": message, **details}), flush=True)
    print(f"error: {message}", file=sys.stderr, flush=True)
    return code


def _parser() -> argparse.ArgumentParser:
    from ..engine.device import CHOICES, PRECISIONS

    p = argparse.ArgumentParser(prog="python -m rrsis_qgis.server", description=__doc__)
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1; others need --token-file)")
    p.add_argument("--port", type=int, default=0, help="0 = any free port (the listening line says which)")
    p.add_argument("--model", default="default",
                   help="default | remote-sensing | remote-sensing-large | quality | <any>-random | tiny-random | trained:CHECKPOINT (from `python -m rrsis_qgis.train fit`) | rsrefseg2:FILE (a released RSRefSeg 2 .pth) | rsrefseg2-rrsisd | rsrefseg2-refsegrs | rsrefseg2-risbench | rs2sam2:FOLDER (a released RS2-SAM 2 folder) | rs2sam2-rrsisd | rs2sam2-refsegrs | sam3 (SAM 3 + our reasoner, facebook/sam3) | sam3:FOLDER (a SAM 3 save_pretrained folder) | sam3-random")
    p.add_argument("--device", default="auto", choices=CHOICES)
    p.add_argument("--precision", default="fp32", choices=PRECISIONS,
                   help="fp32 (default; exactly the official model) | bf16: autocast, rsrefseg2 models only (for CUDA; its deviation is in the README)")
    p.add_argument("--models-dir", type=Path)
    p.add_argument("--token-file", type=Path, help="private file with the token (made, mode 0600, if missing)")
    p.add_argument("--cache-mb", type=int, default=1024, help="embedding cache size (default 1024 MB)")
    p.add_argument("--max-body-mb", type=int,
                   help="largest request body (default: what a view of --max-image-side needs, 87 MB for 4096 px)")
    p.add_argument("--max-image-side", type=int, default=4096)
    p.add_argument("--request-timeout", type=float, default=300.0, help="seconds (default 300)")
    p.add_argument("--client-timeout", type=float, default=15.0,
                   help="seconds a client may take to send its headers, or between pieces of a body (default 15)")
    p.add_argument("--max-queue", type=int, default=8, help="requests waiting or running; more get 429 (default 8)")
    p.add_argument("--max-inflight-mb", type=int,
                   help="request bodies held at once; more get 429 (default 256 MB, or --max-body-mb if larger)")
    p.add_argument("--exit-with-parent", type=int, metavar="PID",
                   help="stop when process PID exits (the plugin passes QGIS's, so no backend outlives QGIS)")
    p.add_argument("--debug", action="store_true")
    return p


if __name__ == "__main__":
    sys.exit(main())

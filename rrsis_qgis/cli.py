"""Command line: `python -m rrsis_qgis segment|download|demo-raster`; clear messages, no tracebacks."""
from __future__ import annotations

import argparse
import json
import logging
import math
import signal
import sys
import time
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_BAD_INPUT, EXIT_MISSING_WEIGHTS, EXIT_WRITE, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
STAGE_LABELS = {
    "read": "reading the raster view", "clip_image": "CLIP image features", "clip_text": "CLIP text features",
    "activation": "phrase activation map", "sam2_encoder": "SAM 2 image encoder", "sam2_decoder": "SAM 2 masks",
    "sam3_vision": "SAM 3 image features", "sam3_text": "SAM 3 text features",
    "sam3_detector": "SAM 3 instances", "polygonize": "polygons", "write": "writing the output",
}


def main(argv=None) -> int:
    argv = _dash_values(sys.argv[1:] if argv is None else list(argv))
    previous = _watch_interrupts()
    try:
        return _main(argv)
    finally:
        if previous is not None:
            signal.signal(signal.SIGINT, previous)


def _main(argv: list) -> int:
    debug = "--debug" in argv
    out, before = None, None
    try:  # Ctrl-C lands anywhere, also while torch is being imported
        args = _parser().parse_args(argv)
        out = getattr(args, "out", None)
        before = _identity(out)
        logging.basicConfig(level=logging.DEBUG if debug else logging.WARNING, format="%(levelname)s %(message)s")
        return args.func(args)
    except KeyboardInterrupt:
        if out is not None and _identity(out) != before:  # writers replace whole files: it is all new
            _err(f"interrupted after the output was complete: {out} was written")
        else:
            _err("interrupted; nothing was written (an existing output is unchanged)")
        return EXIT_INTERRUPTED
    except Exception as exc:  # the last line of defence: a message, never a traceback, unless --debug
        if debug:
            raise
        return _report(exc)


INTERRUPTS = []  # every Ctrl+C seen, also one that a library's bare `except:` swallowed


def _watch_interrupts():
    """Ctrl+C raises KeyboardInterrupt as always, and is remembered (unless SIGINT is ignored: nohup, `&`);
    returns the handler to put back, or None."""
    INTERRUPTS.clear()
    previous = signal.getsignal(signal.SIGINT)
    if previous is not signal.default_int_handler:
        return None

    def interrupt(signum, frame):
        INTERRUPTS.append(signum)
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    return previous


def _stop_if_interrupted() -> None:
    """Honour a Ctrl+C that was swallowed on its way (importing torch can swallow one at startup)."""
    if INTERRUPTS:
        raise KeyboardInterrupt


def _stage(stage: str) -> None:
    _stop_if_interrupted()
    _err(f"  {STAGE_LABELS.get(stage, stage)} …")


PATH_OPTIONS = ("--out", "--models-dir")


def _dash_values(argv: list) -> list:
    """``--out -dash.gpkg`` → ``--out=-dash.gpkg``: argparse takes a value starting with '-' for an option."""
    out = []
    for arg in argv:
        if out and out[-1] in PATH_OPTIONS and arg.startswith("-") and not arg.startswith("--") and arg != "-":
            out[-1] = f"{out[-1]}={arg}"
        else:
            out.append(arg)
    return out


def _identity(path) -> tuple:
    """Which file is at ``path`` now (a replaced output is a new file); a Shapefile is known by its .shp."""
    try:
        st = Path(path).stat()
    except (OSError, TypeError, ValueError):
        return ()
    return st.st_dev, st.st_ino, st.st_mtime_ns, st.st_size


def _report(exc: Exception) -> int:
    from .cluster.connect import ClusterError  # imports no dask
    from .engine.download import DownloadError
    from .engine.load_rules import LoadError
    from .engine.weights import MissingWeightsError
    from .geo.raster_window import RasterError
    from .geo.vector_writer import WriteError

    _err(f"error: {exc}")
    if isinstance(exc, MissingWeightsError) or (isinstance(exc, LoadError) and not exc.users_file):
        return EXIT_MISSING_WEIGHTS  # missing, or in the models folder but damaged: download it (again)
    if isinstance(exc, WriteError):
        return EXIT_WRITE
    if isinstance(exc, ClusterError):  # no scheduler answers, or it cannot load the tasks: the message says what to do
        return EXIT_FAILED
    if isinstance(exc, (RasterError, ValueError, KeyError, DownloadError)):
        return EXIT_BAD_INPUT
    _err("(unexpected; run again with --debug for the details and report it)")
    return EXIT_FAILED


def _segment(args) -> int:
    from .geo.raster_window import plan_view
    from .geo.vector_writer import check_target
    from .phrase_check import clean_phrase
    from .pipeline import segment_raster
    from .server.schemas import MAX_TOP_K

    phrase = clean_phrase(args.phrase)  # refuse bad input before loading any model (~10 s)
    check_target(Path(args.out))
    if args.cluster:
        from .tiled import run_cluster_cli

        return run_cluster_cli(phrase, args)  # the workers load the model, not this process
    if len(args.raster) > 1 or Path(args.raster[0]).is_dir():
        raise ValueError("several rasters (or a folder) need --tiled --cluster (local:N runs N workers here)")
    args.raster = args.raster[0]
    if not Path(args.raster).exists():
        raise ValueError(f"raster {args.raster} does not exist")
    if not 1 <= args.top_k <= MAX_TOP_K:
        raise ValueError(f"--top-k {args.top_k}: write 1 to {MAX_TOP_K} objects")
    plan_view(args.raster, extent=args.extent, max_side=args.max_side, bands=args.bands)  # CRS, extent, bands
    t0 = time.perf_counter()
    _err(f"loading model '{args.model}' …")
    segmenter = _load_model(args)
    _stop_if_interrupted()
    _err(f"  ready in {time.perf_counter() - t0:.1f} s on {segmenter.device}")
    if args.tiled:
        from .tiled import run_cli

        return run_cli(segmenter, phrase, args)
    summary = segment_raster(segmenter, args.raster, phrase, args.out, extent=args.extent,
                             max_side=args.max_side, bands=args.bands, top_k=args.top_k,
                             progress=_stage)
    if args.json:
        print(json.dumps(summary.__dict__))
    else:
        found = "no object found" if summary.features == 0 else f"score {', '.join(map(str, summary.scores))}"
        print(f"{summary.features} feature(s) written to {summary.output} ({summary.crs}); {found}")
        print(f"view {summary.view}; timings (ms): "
              + ", ".join(f"{k} {v:.0f}" for k, v in summary.timings_ms.items()))
    return EXIT_OK


def _download(args) -> int:
    from .engine.specs import get_spec
    from .engine.weights import default_models_dir, load_manifest
    from .models_cli import token_of

    manifest = load_manifest()
    keys = args.weights or list(get_spec(args.model).weight_keys)
    models_dir = Path(args.models_dir) if args.models_dir else default_models_dir()
    fetch([manifest[key] for key in keys], models_dir, accept_license=args.accept_license, token=token_of(args))
    return EXIT_OK


class TextReport:
    """How ``fetch`` tells a person: the file and its URL, a progress line a second on stderr, the path at the end."""

    interval_s = 1.0

    def start(self, entry) -> None:
        _err(f"{entry.file} ← {entry.url}")

    def progress(self, entry, done: int, total) -> None:
        _err(f"  {done / 1e6:.1f} / {total / 1e6:.1f} MB" if total else f"  {done / 1e6:.1f} MB")

    def done(self, entry, path: Path) -> None:
        check = "sha256 verified" if entry.sha256 else "no sha256 pinned in the manifest: not verified"
        print(f"{path} ({check})")

    def error(self, entry, exc: Exception) -> None:
        pass  # the exception reaches main(), which prints it

    def accepts(self, notices: list) -> bool:
        """The licences printed on stderr; on a terminal, the answer to "accept?" (elsewhere: no)."""
        for text in notices:
            _err(text)
        if not sys.stdin.isatty():
            return False
        _err("Accept this licence and download? [y/N] ")
        return sys.stdin.readline().strip().lower() in ("y", "yes")


def fetch(entries, models_dir: Path, report=None, accept_license: bool = False, token=None) -> None:
    """Download each manifest entry into ``models_dir`` (resume, sha256), told through ``report`` (a
    ``TextReport`` by default; `models download --json` passes its JSON-lines one).

    Entries whose licence restricts use (`accept_license`) are downloaded only when ``accept_license`` is
    set or the person at the terminal accepts it; otherwise nothing is fetched (LicenseNotAccepted).
    ``token``: the access token for gated entries (None: $HF_TOKEN or $HUGGING_FACE_HUB_TOKEN).
    """
    from .engine.download import download
    from .engine.license_terms import LicenseNotAccepted, licenses_to_accept, notice, refusal

    report = report or TextReport()
    pending = licenses_to_accept(entries, models_dir)
    if pending:
        notices = [notice(*group) for group in pending]
        if accept_license:
            for text in notices:
                _err(text)
            _err("accepted with --accept-license")
        elif not report.accepts(notices):
            exc = LicenseNotAccepted(refusal(pending))
            report.error(pending[0][2][0], exc)
            raise exc
    for entry in entries:
        report.start(entry)
        last = [0.0]

        def progress(done, total, entry=entry, last=last):
            if time.monotonic() - last[0] >= report.interval_s or (total and done >= total):  # and the last
                last[0] = time.monotonic()
                report.progress(entry, done, total)

        try:
            path = download(entry, models_dir, progress=progress, token=token)
        except Exception as exc:
            report.error(entry, exc)
            raise
        report.done(entry, path)


def _load_model(args):
    """The model; with --download-missing, fetch missing weights first (offline: the usual message, exit 3)."""
    from .engine.download import DownloadError
    from .engine.license_terms import LicenseNotAccepted
    from .engine.segmenter import Segmenter
    from .engine.weights import MissingWeightsError
    from .models_cli import token_of

    try:
        return Segmenter.from_name(args.model, device=args.device, models_dir=args.models_dir, precision=args.precision)
    except MissingWeightsError as missing:
        if not args.download_missing:
            raise
        _err(f"weights missing in {missing.models_dir}: downloading {', '.join(e.file for e in missing.entries)}")
        try:
            fetch(missing.entries, missing.models_dir, accept_license=args.accept_license, token=token_of(args))
        except LicenseNotAccepted:
            raise
        except DownloadError as exc:
            _err(f"could not download ({exc}); offline? Fetch the files by hand:")
            raise missing from None
    return Segmenter.from_name(args.model, device=args.device, models_dir=args.models_dir, precision=args.precision)


def _demo_raster(args) -> int:
    from .train.synthetic_scene import demo_scene, write_geotiff

    write_geotiff(args.out, demo_scene(size=args.size, seed=args.seed).image)
    print(f"synthetic scene written to {args.out}")
    return EXIT_OK


def _floats(text: str) -> tuple:
    try:
        values = tuple(float(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers separated by commas, got {text!r}") from None
    if len(values) != 4:
        raise argparse.ArgumentTypeError("--extent needs four numbers: xmin,ymin,xmax,ymax")
    if not all(math.isfinite(v) for v in values):
        raise argparse.ArgumentTypeError(f"--extent needs finite numbers, got {text!r}")
    return values


def _ints(text: str) -> tuple:
    try:
        return tuple(int(v) for v in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected band numbers like 1,2,3, got {text!r}") from None


def _parser() -> argparse.ArgumentParser:
    from .engine.device import CHOICES, PRECISIONS
    from .models_cli import add_download_options

    p = argparse.ArgumentParser(prog="python -m rrsis_qgis", description=__doc__)
    p.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    sub = p.add_subparsers(required=True, metavar="COMMAND")

    s = sub.add_parser("segment", help="segment the object a phrase describes and write polygons")
    s.add_argument("raster", nargs="+", metavar="RASTER",
                   help="a georeferenced raster (GeoTIFF, COG, VRT, anything GDAL reads); with --cluster also "
                        "several, or folders of them")
    s.add_argument("phrase", help='e.g. "the white storage tank left of the road"')
    s.add_argument("--out", required=True, help="output .gpkg or .shp (replaced whole if it exists)")
    s.add_argument("--extent", type=_floats, help="xmin,ymin,xmax,ymax in the raster's CRS (default: all)")
    s.add_argument("--max-side", type=int, default=1024, help="long side of the view in pixels (default 1024)")
    s.add_argument("--bands", type=_ints, help="band numbers for R,G,B (default 1,2,3; one band → gray)")
    s.add_argument("--model", default="default",
                   help="default | remote-sensing | remote-sensing-large | quality | <any>-random | tiny-random | trained:CHECKPOINT (from `python -m rrsis_qgis.train fit`) | rsrefseg2:FILE (a released RSRefSeg 2 .pth) | rsrefseg2-rrsisd | rsrefseg2-refsegrs | rsrefseg2-risbench | rs2sam2:FOLDER (a released RS2-SAM 2 folder) | rs2sam2-rrsisd | rs2sam2-refsegrs | sam3 (SAM 3 + our reasoner, facebook/sam3) | sam3:FOLDER (a SAM 3 save_pretrained folder) | sam3-random")
    s.add_argument("--models-dir", type=Path, help="folder with the checkpoints (default ~/.cache/rrsis_qgis/models)")
    s.add_argument("--device", default="auto", choices=CHOICES)
    s.add_argument("--precision", default="fp32", choices=PRECISIONS,
                   help="fp32 (default; exactly the official model) | bf16: autocast, rsrefseg2 models only (for CUDA; its deviation is in the README)")
    s.add_argument("--top-k", type=int, default=1, help="how many candidate objects to write (default 1)")
    s.add_argument("--json", action="store_true", help="print the summary as one JSON object")
    s.add_argument("--download-missing", action="store_true",
                   help="download the model's weights first if they are missing (make demo does)")
    add_download_options(s)
    from .tiled import add_arguments

    add_arguments(s)  # --tiled and its options: whole scenes, tile by tile
    s.set_defaults(func=_segment)

    d = sub.add_parser("download", help="download a model's checkpoints into the models folder")
    d.add_argument("--model", default="default")
    d.add_argument("--weights", nargs="*", help="manifest keys instead of a model's, e.g. sam2.1-hiera-large")
    d.add_argument("--models-dir", type=Path)
    add_download_options(d)
    d.set_defaults(func=_download)
    from .models_cli import add_parser as add_models_parser

    add_models_parser(sub)  # models list|download NAME|verify|path

    r = sub.add_parser("demo-raster", help="write the synthetic demo scene (road, tanks, buildings) as a GeoTIFF")
    r.add_argument("out")
    r.add_argument("--size", type=int, default=512)
    r.add_argument("--seed", type=int, default=0)
    r.set_defaults(func=_demo_raster)
    return p


def _err(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)

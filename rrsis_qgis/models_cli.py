"""`python -m rrsis_qgis models list|download NAME|verify [NAME]|path`: the checkpoints of the manifest, on disk or not."""
from __future__ import annotations

import json
import sys
from pathlib import Path

EXIT_OK, EXIT_MISMATCH, EXIT_BAD_INPUT, EXIT_MISSING = 0, 1, 2, 3


def add_parser(sub) -> None:
    """The `models` command and its four actions, on the CLI's subparsers."""
    m = sub.add_parser("models", help="list, download, verify the model checkpoints; print the models folder")
    actions = m.add_subparsers(required=True, metavar="ACTION")
    for name, helptext in (("list", "every known checkpoint: file, size, on disk or not, checksum pinned or why not"),
                           ("download", "download the checkpoints of a model (default, …) or manifest key(s)"),
                           ("verify", "check size and sha256 of the checkpoints on disk (all, or the named ones)"),
                           ("path", "print the models folder")):
        a = actions.add_parser(name, help=helptext)
        if name in ("download", "verify"):
            a.add_argument("names", nargs="+" if name == "download" else "*", metavar="NAME",
                           help="a model (default, …) or a manifest key (sam2.1-hiera-large, …)")
        a.add_argument("--models-dir", type=Path, help="default: $RRSIS_MODELS_DIR or ~/.cache/rrsis_qgis/models")
        if name in ("list", "verify"):
            a.add_argument("--json", action="store_true", help="one JSON object on stdout")
        if name == "download":
            a.add_argument("--json", action="store_true",
                           help="one JSON line per step on stdout: start, progress, done or error (for the plugin)")
            add_download_options(a)
        a.set_defaults(func=globals()[f"_{name}"])


def add_download_options(parser) -> None:
    """--accept-license and --token-env, on every command that downloads."""
    parser.add_argument("--accept-license", action="store_true",
                        help="accept the licence of checkpoints whose licence restricts use (SAM 3's SAM License); "
                             "it is printed first. Without it a terminal asks, anything else downloads nothing")
    parser.add_argument("--token-env", metavar="NAME",
                        help="read the access token for gated checkpoints (Hugging Face facebook/sam3) from the "
                             "environment variable NAME (default: HF_TOKEN, then HUGGING_FACE_HUB_TOKEN); the token "
                             "itself never goes on the command line")


def token_of(args):
    """The token --token-env names (ValueError when that variable is empty), else None: the download reads
    $HF_TOKEN or $HUGGING_FACE_HUB_TOKEN itself."""
    from .engine.download import token_from_environment

    name = getattr(args, "token_env", None)
    if not name:
        return None
    token = token_from_environment((name,))
    if not token:
        raise ValueError(f"--token-env {name}: the environment variable {name} is not set or empty")
    return token


def resolve_names(names) -> list:
    """Model names (their checkpoints) and manifest keys or file names → manifest keys, in order, once each."""
    from .engine.releases import load_releases
    from .engine.specs import load_specs
    from .engine.weights import load_manifest

    manifest, specs, releases = load_manifest(), load_specs(), load_releases()
    by_file = {e.file: k for k, e in manifest.items()}
    keys: list = []
    for name in names:
        if name in releases:  # a release preset: its checkpoint and the tokenizer files it needs
            found = list(releases[name].weight_keys)
        elif name in manifest:
            found = [name]
        elif name in by_file:
            found = [by_file[name]]
        elif name in specs:
            found = list(specs[name].weight_keys)
        else:
            raise ValueError(f"unknown model or checkpoint {name!r}; known: {', '.join(list(specs) + list(manifest))}")
        keys += [k for k in found if k not in keys]
    return keys


def _folder(args) -> Path:
    from .engine.weights import default_models_dir

    return Path(args.models_dir) if args.models_dir else default_models_dir()


def _path(args) -> int:
    print(_folder(args))
    return EXIT_OK


def _list(args) -> int:
    from .engine.weights import load_manifest

    folder, users = _folder(args), _users()
    rows = []
    for key, entry in load_manifest().items():
        path = folder / entry.file
        rows.append({"key": key, "file": entry.file, "size": entry.size, "present": path.is_file(),
                     "size_on_disk": path.stat().st_size if path.is_file() else None,
                     "partial": _part_size(path),
                     "sha256": entry.sha256, "unverified": entry.unverified or None, "url": entry.url,
                     "license": entry.license, "license_url": entry.license_url or None,
                     "accept_license": entry.accept_license, "gated": entry.gated or None,
                     "used_by": [name for name, keys in users.items() if key in keys]})
    if args.json:
        print(json.dumps({"models_dir": str(folder), "checkpoints": rows}))
        return EXIT_OK
    print(f"models folder: {folder}")
    for r in rows:
        size = f"{r['size'] / 1e6:.0f} MB" if r["size"] else "size ?"
        state = "on disk" if r["present"] else "missing"
        pinned = "sha256 pinned" if r["sha256"] and r["size"] else f"unverified: {r['unverified']}"
        used = f"  (model: {', '.join(r['used_by'])})" if r["used_by"] else ""
        gated = f"  gated: needs a token, access on {r['gated']}" if r["gated"] else ""
        print(f"  {r['key']:<24} {r['file']:<28} {size:>9}  {state:<8} {pinned}{used}{gated}")
    return EXIT_OK


def _users() -> dict:
    """Model name → the manifest keys it needs: models.json's presets, then releases.json's."""
    from .engine.releases import load_releases
    from .engine.specs import load_specs

    return {name: m.weight_keys for models in (load_specs(), load_releases()) for name, m in models.items()}


def _part_size(path: Path):
    """Bytes of an interrupted download of ``path`` (its .part file, resumed by the next download), or None."""
    from .engine.download import part_path

    part = part_path(path)
    return part.stat().st_size if part.is_file() else None


def _download(args) -> int:
    """`models download`: the same loop as `download` (cli.fetch); with --json told as JSON lines."""
    from .cli import fetch
    from .engine.weights import load_manifest

    try:
        keys, manifest, token = resolve_names(args.names), load_manifest(), token_of(args)
    except ValueError as exc:
        if args.json:
            _emit(event="error", key=None, message=str(exc))
        raise
    fetch([manifest[key] for key in keys], _folder(args), JsonReport() if args.json else None,
          accept_license=args.accept_license, token=token)
    return EXIT_OK


class JsonReport:
    """`models download --json`: what the plugin's model manager reads, one JSON object a line, flushed."""

    interval_s = 0.2  # ≤ 5 progress lines a second

    def start(self, entry) -> None:
        _emit(event="start", key=entry.key, file=entry.file, url=entry.url, size=entry.size)

    def progress(self, entry, done: int, total) -> None:
        _emit(event="progress", key=entry.key, done=done, total=total)

    def done(self, entry, path: Path) -> None:
        _emit(event="done", key=entry.key, file=entry.file, path=str(path), verified=entry.sha256 is not None)

    def error(self, entry, exc: Exception) -> None:  # the line says why; the exit code stays the CLI's
        _emit(event="error", key=entry.key, file=entry.file, message=str(exc))

    def accepts(self, notices: list) -> bool:  # the plugin shows the licence itself, then passes --accept-license
        return False


def _emit(**event) -> None:
    print(json.dumps(event), flush=True)


def _verify(args) -> int:
    from .engine.download import sha256_of
    from .engine.weights import load_manifest

    folder, manifest = _folder(args), load_manifest()
    keys = resolve_names(args.names) if args.names else [k for k, e in manifest.items() if (folder / e.file).is_file()]
    results = [_check(key, manifest[key], folder / manifest[key].file, sha256_of) for key in keys]
    states = [r["state"] for r in results]
    code = EXIT_MISMATCH if any(s.startswith(("wrong", "sha256")) for s in states) else \
        EXIT_MISSING if "missing" in states else EXIT_OK
    if args.json:
        print(json.dumps({"models_dir": str(folder), "results": results}))
    else:
        if not results:
            print(f"no known checkpoint in {folder}", file=sys.stderr)
        for r in results:
            print(f"{r['file']}: {r['state']}" + (f" (sha256 {r['sha256']})" if r.get("sha256") else ""))
    return code


def _check(key: str, entry, path: Path, sha256_of) -> dict:
    result = {"key": key, "file": entry.file}
    if not path.is_file():
        result["state"] = "missing"
    elif entry.size is not None and path.stat().st_size != entry.size:
        result["state"] = f"wrong size ({path.stat().st_size} bytes, expected {entry.size}): download it again"
    else:
        result["sha256"] = sha256_of(path)
        if entry.sha256 is None:
            result["state"] = f"present, not verifiable: {entry.unverified or 'no sha256 pinned'}"
        elif result["sha256"] == entry.sha256:
            result["state"] = "ok"
        else:
            result["state"] = "sha256 mismatch: delete it and download again"
    return result

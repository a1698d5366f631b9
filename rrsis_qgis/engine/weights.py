"""Where checkpoints live, what the manifest says about them (checked when read), and the error when one is missing."""
from __future__ import annotations

import json
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Optional

from .load_rules import verify_pinned

MODELS_DIR_ENV = "RRSIS_MODELS_DIR"
MANIFEST_ENV = "RRSIS_WEIGHTS_MANIFEST"  # a manifest of one's own (an internal mirror's URLs) instead of ours
ALLOW_HTTP_ENV = "RRSIS_ALLOW_HTTP"  # "1": a manifest may name plain http:// URLs (an internal mirror)
_SHA256 = re.compile(r"[0-9a-fA-F]{64}")
_KNOWN_FIELDS = ("file", "url", "size", "sha256", "license", "unverified", "gated", "license_url", "accept_license")


@dataclass(frozen=True)
class WeightsEntry:
    key: str
    file: str
    url: str
    size: Optional[int]
    sha256: Optional[str]  # lower-case hex
    license: str = ""
    unverified: str = ""  # why size or sha256 is not pinned (the manifest must say, never leave it silent)
    gated: str = ""  # the page where access is requested; the download then sends the user's token to `url`'s host
    license_url: str = ""  # the licence's full text
    accept_license: bool = False  # the licence restricts use: the user accepts it before the download starts
    extra: dict = field(default_factory=dict, compare=False, hash=False, repr=False)  # fields this version ignores


class ManifestError(ValueError):
    """The weights manifest cannot be used; the message names the file and the entry."""


class MissingWeightsError(FileNotFoundError):
    """A real checkpoint is not in the models folder; the message says what to fetch and where."""

    def __init__(self, entries: list, models_dir: Path):
        self.entries, self.models_dir = entries, models_dir
        lines = [f"Model weights are missing from the models folder {models_dir}:"]
        for e in entries:
            lines.append(f"  - {e.file}  (download: {e.url})")
            if e.gated:
                lines.append(f"    gated: request access on {e.gated}, then set HF_TOKEN or use the model manager's "
                             "token field")
        if any(e.accept_license for e in entries):
            lines.append("Their licence restricts use: the download prints it and needs --accept-license (or a yes).")
        lines.append("Download them with:  python -m rrsis_qgis download --models-dir " + str(models_dir)
                     + "   (in the repository: make download)")
        lines.append("or fetch each URL by hand and put the file in that folder (the name must match).")
        lines.append("To try the pipeline without weights, use --model tiny-random (random weights, "
                     "meaningless masks).")
        super().__init__("\n".join(lines))


def is_inside_name(name) -> bool:
    """Whether ``name`` stays inside the models folder: plain names (a multi-file model's files in their own
    subfolder: "a/b"), none of them "", "." or "..", no backslash, drive colon or NUL, not absolute."""
    return (isinstance(name, str) and not name.startswith("/") and not set(name) & set("\\:\0")
            and all(part not in ("", ".", "..") for part in name.split("/")))


def load_manifest() -> dict:
    """The packaged weights_manifest.json, or the file $RRSIS_WEIGHTS_MANIFEST names (same format), checked:
    ManifestError names the file and the entry that is wrong. Fields this version does not know are kept
    in ``entry.extra`` and otherwise ignored."""
    override = os.environ.get(MANIFEST_ENV)
    if override:
        where = f"the weights manifest {override} (${MANIFEST_ENV})"
        try:
            text = Path(override).expanduser().read_text(encoding="utf-8")
        except OSError as exc:
            raise ManifestError(f"cannot read the weights manifest ${MANIFEST_ENV}={override}: {exc.strerror}") from None
        except UnicodeDecodeError as exc:
            raise ManifestError(f"{where} is not UTF-8 text ({exc.reason})") from None
    else:
        resource = resources.files("rrsis_qgis.engine.configs").joinpath("weights_manifest.json")
        where = f"the weights manifest {resource}"
        text = resource.read_text(encoding="utf-8")
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{where} is not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise ManifestError(f"{where} must be a JSON object of entries, got {type(raw).__name__}")
    return {k: _entry(k, v, where) for k, v in raw.items() if not k.startswith("_")}


def _entry(key: str, value, where: str) -> WeightsEntry:
    def bad(what: str) -> ManifestError:
        return ManifestError(f"{where}, entry {key!r}: {what}")

    if not isinstance(value, dict):
        raise bad(f"must be an object with {', '.join(_KNOWN_FIELDS[:4])}, got {type(value).__name__}")
    missing = [name for name in ("file", "url") if name not in value]
    if missing:
        raise bad(f"missing field(s) {', '.join(missing)}")
    name = value["file"]
    if not is_inside_name(name):
        raise bad(f"`file` must be a plain file name, or names/separated/by/slashes, inside the models folder "
                  f"(no '..', not absolute), got {name!r}")
    url = value["url"]
    parts = urllib.parse.urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("https", "http"):
        raise bad(f"`url` must be an https:// URL, got {url!r}")
    if parts.scheme == "http" and os.environ.get(ALLOW_HTTP_ENV) != "1":
        raise bad(f"`url` {url!r} is plain http (anyone on the way can swap the file); use https, or set "
                  f"{ALLOW_HTTP_ENV}=1 for an internal mirror you trust")
    if not parts.hostname:
        raise bad(f"`url` {url!r} names no host")
    size = value.get("size")
    if size is not None and (isinstance(size, bool) or not isinstance(size, int) or size < 0):
        raise bad(f"`size` must be a number of bytes or null, got {size!r}")
    sha = value.get("sha256")
    if sha is not None and not (isinstance(sha, str) and _SHA256.fullmatch(sha)):
        raise bad(f"`sha256` must be 64 hex digits or null, got {sha!r}")
    for text_field in ("license", "unverified"):
        if not isinstance(value.get(text_field, ""), str):
            raise bad(f"`{text_field}` must be text, got {value[text_field]!r}")
    for page_field in ("gated", "license_url"):
        page = value.get(page_field, "")
        if page != "" and not (isinstance(page, str) and urllib.parse.urlsplit(page).scheme in ("https", "http")
                               and urllib.parse.urlsplit(page).hostname):
            raise bad(f"`{page_field}` must be the https:// address of a web page, got {page!r}")
    if not isinstance(value.get("accept_license", False), bool):
        raise bad(f"`accept_license` must be true or false, got {value['accept_license']!r}")
    if value.get("accept_license") and not value.get("license"):
        raise bad("`accept_license` is true but `license` is empty: there is nothing to accept")
    return WeightsEntry(key=key, file=name, url=url, size=size, sha256=sha.lower() if sha else None,
                        license=value.get("license", ""), unverified=value.get("unverified", ""),
                        gated=value.get("gated", ""), license_url=value.get("license_url", ""),
                        accept_license=value.get("accept_license", False),
                        extra={k: v for k, v in value.items() if k not in _KNOWN_FIELDS})


def default_models_dir() -> Path:
    """$RRSIS_MODELS_DIR, else $XDG_CACHE_HOME/rrsis_qgis/models (~/.cache/rrsis_qgis/models)."""
    if os.environ.get(MODELS_DIR_ENV):
        return Path(os.environ[MODELS_DIR_ENV]).expanduser()
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return cache / "rrsis_qgis" / "models"


def resolve_weights(keys, models_dir: Optional[Path] = None, verify: bool = True) -> dict:
    """Manifest key → existing checkpoint path; raises MissingWeightsError naming every missing file.

    ``verify``: a file whose sha256 the manifest pins is checked against it before anything opens it
    (load_rules.LoadError if it differs; hashed once per size + mtime).
    """
    models_dir = Path(models_dir) if models_dir else default_models_dir()
    manifest = load_manifest()
    found, missing = {}, []
    for key in keys:
        entry = manifest[key]
        path = models_dir / entry.file
        if path.is_file() and (entry.size is None or path.stat().st_size == entry.size):
            found[key] = path
        else:
            missing.append(entry)
    if missing:
        raise MissingWeightsError(missing, models_dir)
    if verify:
        for key, path in found.items():
            if manifest[key].sha256:
                verify_pinned(path, manifest[key].sha256, redownload(manifest[key], models_dir))
    return found


def redownload(entry: WeightsEntry, models_dir: Path) -> str:
    """What to do about a damaged manifest checkpoint (the download replaces a file that fails its pins;
    one without pins it keeps, so that one must be deleted first)."""
    command = f"python -m rrsis_qgis models download {entry.key} --models-dir {models_dir}"
    if entry.sha256:
        return f"download it again: {command}"
    return f"delete {models_dir / entry.file} and download it again: {command}"

"""Download a manifest checkpoint: progress, resume from a .part file (HTTP Range), size and sha256 checks, and
for a gated one (Hugging Face facebook/sam3) the user's access token, sent to the entry's own host only."""
from __future__ import annotations

import errno
import hashlib
import http.client
import os
import socket
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Callable, Optional

from .weights import WeightsEntry, is_inside_name

CHUNK = 1 << 20
Progress = Callable[[int, Optional[int]], None]  # (bytes done, total bytes or None)
TOKEN_ENVS = ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN")  # Hugging Face's own names for the access token
_DEFAULT_PORTS = {"http": 80, "https": 443}


class DownloadError(RuntimeError):
    """A download that did not produce a verified file; the message is meant for the user."""


def part_path(target: Path) -> Path:
    """Where an interrupted download of ``target`` is kept until the next download resumes it."""
    return target.with_name(target.name + ".part")


def token_from_environment(names=TOKEN_ENVS) -> str:
    """The first of the environment variables ``names`` that holds a token, else ""."""
    for name in names:
        value = os.environ.get(name, "").strip()
        if value:
            return value
    return ""


def download(entry: WeightsEntry, models_dir: Path, progress: Optional[Progress] = None,
             url: Optional[str] = None, timeout: float = 60.0, token: Optional[str] = None) -> Path:
    """Fetch ``entry`` into ``models_dir`` unless a verified copy is there; returns the file path.

    ``url`` overrides the manifest URL (mirrors, tests). An interrupted or stalled download leaves
    ``<file>.part`` behind and the next call resumes it. ``timeout``: the longest wait for the server
    to connect or to send the next bytes. ``token``: the access token for a gated entry (None: from
    $HF_TOKEN or $HUGGING_FACE_HUB_TOKEN); it goes only to the scheme, host and port of the entry's
    own URL, never across a redirect to another host, and never into a message.
    """
    models_dir = Path(models_dir)
    if not is_inside_name(entry.file):  # load_manifest refuses these too
        raise DownloadError(f"{entry.file!r} is not a file name inside the models folder: it would be written "
                            f"outside {models_dir}")
    _make_folder(models_dir, "the models folder")
    target = models_dir / entry.file
    if target.parent != models_dir:  # a file of a multi-file model sits in its own subfolder
        _make_folder(target.parent, "the folder")
    part = part_path(target)
    for path in (target, part):
        if path.exists() and not path.is_file():
            raise DownloadError(f"{path} is a folder (or another non-file) where the download writes "
                                f"{entry.file}: move it away and run the download again")
    if target.is_file() and _verified(target, entry):
        return target
    url = url or entry.url
    token = (token_from_environment() if token is None else token.strip()) if entry.gated else ""
    if not (token.isascii() and token.isprintable()) or " " in token:  # http.client would refuse it, quoting it
        raise DownloadError("the access token holds spaces, control characters or letters outside ASCII: copy it "
                            "again from the account's token page")
    sent = token if token and _origin(url) == _origin(entry.url) else ""
    try:
        _fetch(url, part, entry, progress, timeout, sent)
    except urllib.error.HTTPError as exc:
        exc.close()
        if entry.gated and exc.code in (401, 403):
            host, said = urllib.parse.urlsplit(url).hostname, (exc.headers.get("X-Error-Message") or "")[:300]
            raise DownloadError(_refused(entry, exc.code, bool(sent), host)
                                + (f" ({host} says: {said})" if said else "")) from None
        raise DownloadError(
            f"cannot download {entry.file} from {url}: the server answered {exc.code} {exc.reason}."
            + (" It asks for a login: if the file needs an access token, the manifest entry must name the page "
               "where access is requested (`gated`)." if exc.code in (401, 403) else "")
        ) from None
    except _ReadError as exc:
        kept = part.stat().st_size if part.is_file() else 0
        raise DownloadError(
            f"{exc.reason} while downloading {entry.file} from {url}; the {kept / 1e6:.1f} MB received are "
            f"kept in {part} and the next download resumes from there."
        ) from None
    except _TooLong:
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"{entry.file} from {url}: the server sent more than the {entry.size} bytes the manifest pins; "
            "stopped there and deleted the partial file. The server sends a different file: check the URL."
        ) from None
    except urllib.error.URLError as exc:
        raise DownloadError(
            f"cannot download {entry.file} from {url}: {getattr(exc, 'reason', exc)}. If this machine is "
            f"offline, download the file elsewhere and copy it to {Path(models_dir) / entry.file}."
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EFBIG):
            raise DownloadError(
                f"the disk holding {models_dir} is full (or refused the write) while downloading {entry.file}"
                + (f" ({entry.size / 1e6:.0f} MB needed)" if entry.size else "")
                + "; free space and run the download again (it resumes)."
            ) from None
        raise DownloadError(f"cannot write {part}: {exc.strerror or exc}") from None
    if not _verified(part, entry):
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"{entry.file} from {url} does not match the manifest (size or sha256); the file was "
            "deleted. The server sent a different file: check the URL or download it again."
        )
    try:
        os.replace(part, target)
    except OSError as exc:
        raise DownloadError(f"cannot move the downloaded {part} to {target}: {exc.strerror or exc}") from None
    return target


def _origin(url: str) -> tuple:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or _DEFAULT_PORTS.get(parts.scheme)


def _refused(entry: WeightsEntry, code: int, token_sent: bool, host: str) -> str:
    """Why a gated entry's host said 401/403 and what to do; never the token itself."""
    name = urllib.parse.urlsplit(entry.gated).path.strip("/") or entry.key
    if not token_sent:
        return (f"{name} is gated: request access on the model page {entry.gated} (logged in to that site), then "
                "set HF_TOKEN to a read token of that account or enter the token in the model manager, and download "
                "again")
    if code == 401:
        return (f"{host} refused the access token for {name} (401 Unauthorized): the token is not valid (mistyped, "
                "revoked or expired); create a read token in the account's settings "
                + ("(https://huggingface.co/settings/tokens) " if host == "huggingface.co" else "")
                + "and set it in HF_TOKEN or the model manager's token field")
    return (f"the access token has no access to {name} yet (403 Forbidden): request access on the model page "
            f"{entry.gated} with the account the token belongs to (the authors grant each request), then download "
            "again")


class _TokenStaysHome(urllib.request.HTTPRedirectHandler):
    """Follows redirects; the token goes along only to its own scheme, host and port (a renamed repository on
    the same site), never to another host (Hugging Face's CDN gets a signed URL and no token)."""

    def __init__(self, token: str, origin: tuple):
        super().__init__()
        self.token, self.origin = token, origin

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None and self.token and _origin(new.full_url) == self.origin:
            new.add_unredirected_header("Authorization", f"Bearer {self.token}")
        return new


def _make_folder(folder: Path, what: str) -> None:
    if folder.exists() and not folder.is_dir():
        raise DownloadError(f"{what} {folder} is a file, not a folder: choose another models folder "
                            "(--models-dir, $RRSIS_MODELS_DIR) or move that file away")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = "a part of its path is a file, not a folder" if exc.errno in (errno.ENOTDIR, errno.EEXIST) \
            else exc.strerror or str(exc)
        raise DownloadError(f"cannot create {what} {folder}: {reason}") from None


class _ReadError(Exception):
    """The server stalled or broke the connection mid-body; what arrived is in the .part file."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _TooLong(Exception):
    """The server sends more bytes than the manifest's pinned size."""


def _fetch(url: str, part: Path, entry: WeightsEntry, progress: Optional[Progress], timeout: float,
           token: str) -> None:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "rrsis_qgis"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    if token:  # unredirected: urllib copies ordinary headers to wherever a redirect points
        request.add_unredirected_header("Authorization", f"Bearer {token}")
    host = urllib.parse.urlsplit(url).hostname
    opener = urllib.request.build_opener(_TokenStaysHome(token, _origin(url)))
    try:
        response = opener.open(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the .part is already whole
            return
        raise
    except (socket.timeout, TimeoutError):  # connected, but no answer (urllib wraps only the connect's)
        raise _ReadError(f"the server {host} stalled: no answer for {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise _ReadError(f"the connection to {host} broke ({type(exc).__name__}: {exc})") from None
    with response:
        if have and response.status != 206:  # server ignored the Range: start over
            have = 0
        length = response.headers.get("Content-Length")
        total = have + int(length) if length is not None and length.isdigit() else entry.size
        if entry.size is not None and total is not None and total > entry.size:
            raise _TooLong()
        with open(part, "ab" if have else "wb") as out:
            done = reported = have
            while True:
                chunk = _read(response, host, timeout)
                if entry.size is not None and done + len(chunk) > entry.size:  # no Content-Length, or a lie
                    raise _TooLong()
                out.write(chunk)
                out.flush()  # on disk before the next wait: a cancel (kill) or a stall keeps every byte received
                done += len(chunk)
                if progress and (done - reported >= CHUNK or (not chunk and done > reported)):
                    progress(done, total)  # per MiB (reads return as little as the socket has) and at the end
                    reported = done
                if not chunk:
                    break
        if length is not None and total is not None and done < total:
            raise _ReadError(f"the server {host} closed the connection after {done} of {total} bytes")


def _read(response, host: str, timeout: float) -> bytes:
    """The next bytes as soon as any arrive (read1: a stall loses nothing already received)."""
    try:
        return response.read1(CHUNK)
    except (socket.timeout, TimeoutError):
        raise _ReadError(f"the server {host} stalled: no data for {timeout:g} s") from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise _ReadError(f"the connection to {host} broke ({type(exc).__name__}: {exc})") from None


def _verified(path: Path, entry: WeightsEntry) -> bool:
    if entry.size is not None and path.stat().st_size != entry.size:
        return False
    return entry.sha256 is None or sha256_of(path) == entry.sha256


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    return digest.hexdigest()

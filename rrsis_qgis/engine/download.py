"""Download a manifest checkpoint: progress, resume from a .part file (HTTP Range), sha256 check."""
from __future__ import annotations

import errno
import hashlib
import os
import urllib.error
import urllib.request
from pathlib import Path
from typing import Callable, Optional

from .weights import WeightsEntry

CHUNK = 1 << 20
Progress = Callable[[int, Optional[int]], None]  # (bytes done, total bytes or None)


class DownloadError(RuntimeError):
    """A download that did not produce a verified file; the message is meant for the user."""


def part_path(target: Path) -> Path:
    """Where an interrupted download of ``target`` is kept until the next download resumes it."""
    return target.with_name(target.name + ".part")


def download(entry: WeightsEntry, models_dir: Path, progress: Optional[Progress] = None,
             url: Optional[str] = None, timeout: float = 60.0) -> Path:
    """Fetch ``entry`` into ``models_dir`` unless a verified copy is there; returns the file path.

    ``url`` overrides the manifest URL (mirrors, tests). An interrupted download leaves
    ``<file>.part`` behind and the next call resumes it.
    """
    models_dir = Path(models_dir)
    if Path(entry.file).name != entry.file or entry.file in ("", ".", ".."):  # load_manifest refuses these too
        raise DownloadError(f"{entry.file!r} is not a plain file name: it would be written outside {models_dir}")
    models_dir.mkdir(parents=True, exist_ok=True)
    target = models_dir / entry.file
    target.parent.mkdir(parents=True, exist_ok=True)  # a file of a multi-file model sits in its own subfolder
    if target.is_file() and _verified(target, entry):
        return target
    part = part_path(target)
    url = url or entry.url
    try:
        _fetch(url, part, entry, progress, timeout)
    except urllib.error.URLError as exc:
        raise DownloadError(
            f"cannot download {entry.file} from {url}: {getattr(exc, 'reason', exc)}. If this machine is "
            f"offline, download the file elsewhere and copy it to {models_dir}/."
        ) from None
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EFBIG):
            raise DownloadError(
                f"the disk holding {models_dir} is full (or refused the write) while downloading {entry.file}"
                + (f" ({entry.size / 1e6:.0f} MB needed)" if entry.size else "")
                + "; free space and run the download again (it resumes)."
            ) from None
        raise DownloadError(f"cannot write {part}: {exc}") from None
    if not _verified(part, entry):
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"{entry.file} from {url} does not match the manifest (size or sha256); the file was "
            "deleted. The server sent a different file: check the URL or download it again."
        )
    os.replace(part, target)
    return target


def _fetch(url: str, part: Path, entry: WeightsEntry, progress: Optional[Progress], timeout: float) -> None:
    have = part.stat().st_size if part.exists() else 0
    request = urllib.request.Request(url, headers={"User-Agent": "rrsis_qgis"})
    if have:
        request.add_header("Range", f"bytes={have}-")
    try:
        response = urllib.request.urlopen(request, timeout=timeout)
    except urllib.error.HTTPError as exc:
        if exc.code == 416 and have:  # the .part is already whole
            return
        raise
    with response:
        if have and response.status != 206:  # server ignored the Range: start over
            have = 0
        length = response.headers.get("Content-Length")
        total = have + int(length) if length is not None else entry.size
        with open(part, "ab" if have else "wb") as out:
            done = have
            while True:
                chunk = response.read(CHUNK)
                if not chunk:
                    break
                out.write(chunk)
                done += len(chunk)
                if progress:
                    progress(done, total)


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

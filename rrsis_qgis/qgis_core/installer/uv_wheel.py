"""uv itself: its PyPI wheel for this platform (PEP 691 index JSON), checked by sha256 and unpacked with zipfile."""
from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import zipfile
from pathlib import Path
from typing import Optional

from .messages import tr

UV_VERSION = "0.13.8"
INDEX_JSON = "application/vnd.pypi.simple.v1+json"
# the platform part of uv's wheel names, by (os, arch)
PLATFORM_TAGS = {
    ("windows", "x86_64"): "win_amd64", ("windows", "arm64"): "win_arm64",
    ("darwin", "arm64"): "macosx_11_0_arm64", ("darwin", "x86_64"): "macosx_10_12_x86_64",
    ("linux", "x86_64"): "manylinux_2_17_x86_64", ("linux", "arm64"): "manylinux_2_17_aarch64",
}


class WheelError(Exception):
    """A uv wheel that cannot be found, is damaged or has no uv binary in it (the message says which)."""


def platform_tag(os_name: str, arch: str) -> str:
    arch = {"amd64": "x86_64", "aarch64": "arm64"}.get(arch.lower(), arch.lower())
    tag = PLATFORM_TAGS.get((os_name.lower(), arch))
    if tag is None:
        raise WheelError(tr("uv publishes no build for {} {}").format(os_name, arch))
    return tag


def pick_wheel(index_json: bytes, tag: str, version: str = UV_VERSION) -> dict:
    """The index entry (filename, url, hashes, size) of uv ``version``'s wheel for ``tag``."""
    try:
        files = json.loads(index_json.decode("utf-8"))["files"]
    except (ValueError, KeyError, UnicodeDecodeError) as exc:
        raise WheelError(tr("the package index sent an unexpected answer for uv ({})").format(exc)) from exc
    for entry in files:
        name = entry.get("filename", "")
        if name.startswith(f"uv-{version}-") and name.endswith(".whl") and tag in name and not entry.get("yanked"):
            return entry
    raise WheelError(tr("no uv {} wheel for {} on the package index").format(version, tag))


def find_local_wheel(folder: Path, tag: str, version: str = UV_VERSION) -> Path:
    """uv's wheel in an offline wheelhouse."""
    found = sorted(Path(folder).glob(f"uv-{version}-*{tag}*.whl"))
    if not found:
        raise WheelError(tr("the folder {} has no uv {} wheel for {} (uv-{}-…{}….whl)").format(
            folder, version, tag, version, tag))
    return found[0]


def unpack_uv(data: bytes, target_dir: Path, sha256: Optional[str] = None) -> Path:
    """Write the uv executable from wheel bytes into ``target_dir``; its path. A damaged wheel raises WheelError."""
    if sha256 and hashlib.sha256(data).hexdigest() != sha256:
        raise WheelError(tr("the downloaded uv wheel is damaged (sha256 mismatch): press Repair to download it again"))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as wheel:
            names = [n for n in wheel.namelist() if ".data/scripts/" in n and Path(n).stem == "uv"]
            if not names:
                raise WheelError(tr("the uv wheel has no uv program in it"))
            binary = wheel.read(names[0])
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError) as exc:
        raise WheelError(tr("the uv wheel is damaged ({}): press Repair to download it again").format(exc)) from exc
    target_dir.mkdir(parents=True, exist_ok=True)
    target = target_dir / Path(names[0]).name
    partial = target.with_name(target.name + ".part")
    partial.write_bytes(binary)
    partial.chmod(partial.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    os.replace(partial, target)
    return target

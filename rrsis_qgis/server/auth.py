"""The bearer token: made at start, kept in a file only the user can read, compared in constant time."""
from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path
from typing import Optional

from ..engine.weights import default_models_dir


class TokenFileError(ValueError):
    """A token file that cannot be used safely; the message says how to fix it."""


def default_token_path() -> Path:
    """$XDG_RUNTIME_DIR/rrsis_qgis/server-<pid>.token, else ~/.cache/rrsis_qgis/run/server-<pid>.token."""
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    base = Path(runtime) / "rrsis_qgis" if runtime else default_models_dir().parent / "run"
    return base / f"server-{os.getpid()}.token"


def load_or_create_token(path: Path) -> tuple:
    """(token, created): reuse the token in ``path`` (it must be private) or write a new one, mode 0600."""
    path = Path(path)
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise TokenFileError(f"token file {path} can be read by other users (mode {mode:o}); run chmod 600 on it")
        token = path.read_text().strip()
        if len(token) < 16:
            raise TokenFileError(f"token file {path} holds no token of at least 16 characters")
        return token, False
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as f:
        f.write(token + "\n")
    return token, True


def remove_stale_tokens(folder: Path) -> None:
    """Delete server-<pid>.token files whose server is gone (killed before it could clean up)."""
    for file in Path(folder).glob("server-*.token"):
        pid = file.stem.removeprefix("server-")
        if pid.isdigit() and not _alive(int(pid)):
            file.unlink(missing_ok=True)


def token_matches(header: Optional[str], token: str) -> bool:
    """True for exactly "Bearer <token>"; constant-time in the token."""
    if not header or not header.startswith("Bearer "):
        return False
    return secrets.compare_digest(header[7:].strip().encode(), token.encode())


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True

"""A backend environment folder: where its Python and uv lie, and its state file (read, written atomically)."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from .errors import InstallError
from .explain import explain

STATE_FILE, LOG_FILE = "install_state.json", "install.log"


def venv_python(env_dir: Path, os_name: str = sys.platform) -> Path:
    venv = Path(env_dir) / "venv"
    return venv / "Scripts" / "python.exe" if os_name.startswith("win") else venv / "bin" / "python"


def uv_program(env_dir: Path, os_name: str) -> Path:
    """The uv the install step unpacked (``os_name`` as Plan has it: windows / linux / darwin)."""
    return Path(env_dir) / "uv" / ("uv.exe" if os_name == "windows" else "uv")


def read_state(env_dir: Path) -> dict:
    try:
        state = json.loads((Path(env_dir) / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {"steps": {}, "complete": False}
    return state if isinstance(state, dict) and isinstance(state.get("steps"), dict) else {"steps": {}, "complete": False}


def write_state(env_dir: Path, state: dict) -> None:
    """The state file replaced whole (never half-written); a full disk is an InstallError saying so."""
    path = Path(env_dir) / STATE_FILE
    partial = path.with_name(STATE_FILE + ".part")
    try:
        partial.write_text(json.dumps(state, indent=1), "utf-8")
        os.replace(partial, path)
    except OSError as exc:
        raise InstallError(explain(str(exc), "state", 1)) from exc

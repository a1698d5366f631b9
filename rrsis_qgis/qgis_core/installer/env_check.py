"""What the plugin asks of a backend Python: is it in an installer env, is that env complete, its self-test line."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from .env_folder import STATE_FILE, read_state
from .messages import tr


def env_of(python: str) -> Optional[Path]:
    """The installer env a backend Python lies in (…/venv/bin/python → …), or None for any other Python."""
    venv = Path(python).parent.parent
    return venv.parent if venv.name == "venv" and (venv.parent / STATE_FILE).is_file() else None


def env_problem(python: str) -> str:
    """Why Start must not use ``python``: its installer env is incomplete ('' when fine or not an installer env)."""
    env = env_of(python)
    if env is None or read_state(env).get("complete"):
        return ""
    return tr("the backend environment {} is not completely installed: open Settings → Install… and press "
              "Install (it resumes) or Repair").format(env)


def installed_summary(python: str) -> str:
    """The self-test line of the complete installer env ``python`` lies in ('' for any other Python)."""
    env = env_of(python) if python else None
    state = read_state(env) if env else {}
    return str((state.get("selftest") or {}).get("summary", "")) if state.get("complete") else ""

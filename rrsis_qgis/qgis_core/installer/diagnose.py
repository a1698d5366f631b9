"""Diagnose and Remove: a plain-text report of a backend environment (for bug reports), and deleting it whole."""
from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path
from typing import Optional

from .disk import GB
from .env_folder import LOG_FILE, STATE_FILE, read_state, venv_python
from .messages import tr
from .steps import STEPS


def last_run_log(env_dir: Path, lines: int = 60) -> str:
    """The tail of the last run in install.log."""
    try:
        text = (Path(env_dir) / LOG_FILE).read_text("utf-8", "replace")
    except OSError:
        return ""
    last = text.rsplit("\n=== ", 1)
    run = ("=== " + last[1]) if len(last) == 2 else text
    return "\n".join(run.strip().splitlines()[-lines:])


def report(env_dir: Path, python: str = "", gpu: Optional[tuple] = None, choice=None) -> str:
    """Everything a bug report needs about the backend environment, as text."""
    env_dir = Path(env_dir)
    state = read_state(env_dir)
    test = state.get("selftest") or {}
    lines = ["rrsis_qgis backend report", f"environment: {env_dir}" + ("" if env_dir.is_dir() else " (not there)"),
             f"backend Python (settings): {python or '-'}",
             f"environment Python: {venv_python(env_dir)}" + ("" if venv_python(env_dir).exists() else " (missing)"),
             f"complete: {'yes' if state.get('complete') else 'no'}"]
    for step in STEPS:
        done = state["steps"].get(step)
        lines.append(f"  {step}: " + (f"done ({done.get('seconds', '?')} s)" if done else "not done"))
    if state.get("failed"):
        lines.append(f"failed: {state['failed'].get('step')}: {state['failed'].get('message')}")
    recorded = state.get("choice") or {}
    if recorded:
        lines.append(f"torch build installed: {recorded.get('label')} ({recorded.get('reason')})")
    if choice is not None:
        lines.append(f"torch build for this machine now: {choice.label} ({choice.reason})")
    lines.append(f"NVIDIA GPU: {gpu[1]}, driver {gpu[0]}" if gpu else "NVIDIA GPU: none found (nvidia-smi)")
    if test:
        lines.append(f"self-test: {test.get('summary')}; device {test.get('device')}; Python {test.get('python')}")
        lines.append("versions: " + ", ".join(f"{k} {v}" for k, v in (test.get("versions") or {}).items()))
        lines.append(f"CUDA build: {test.get('cuda_build')}; cuda available: {test.get('cuda_available')}; "
                     f"GPU: {test.get('device_name')}; MPS: {test.get('mps_available')}")
    try:
        folder = env_dir if env_dir.is_dir() else env_dir.parent
        lines.append(f"free disk: {shutil.disk_usage(folder).free / GB:.1f} GB")
    except OSError:
        pass
    lines.append(f"QGIS Python: {sys.version.split()[0]} on {sys.platform}")
    log = last_run_log(env_dir)
    lines += ["", "last install log:", log or "(none)"]
    return "\n".join(lines)


def remove_env(env_dir: Path) -> None:
    """Delete the environment folder whole; only a folder the installer made (it holds the state file)."""
    env_dir = Path(env_dir)
    if not env_dir.exists():
        return
    if not (env_dir / STATE_FILE).is_file() and not (env_dir / "uv").is_dir():
        raise OSError(tr("{} was not made by the installer: not removed").format(env_dir))

    def writable_again(function, path, _info):  # Windows: read-only files in wheels
        os.chmod(path, stat.S_IWRITE)
        function(path)

    shutil.rmtree(env_dir, onerror=writable_again)

"""The install's child processes (uv, pip through uv, the self-test): output to install.log and as events, Cancel."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Callable, Optional

from .env_folder import uv_program, venv_python
from .errors import Cancelled, InstallError
from .explain import explain
from .messages import tr
from .plan import Plan


class Commands:
    """Runs ``plan``'s commands in this thread; ``on_event`` gets a "log" event per output line. ``cancel()`` may
    come from another thread: it kills the running process and what it started."""

    def __init__(self, plan: Plan, on_event: Callable):
        self.plan, self.on_event = plan, on_event
        self.cancelled = False
        self.log = None  # install.log, open while a run lasts
        self._process: Optional[subprocess.Popen] = None

    @property
    def python(self) -> Path:
        return venv_python(self.plan.env_dir, self.plan.os_name)

    @property
    def uv(self) -> Path:
        return uv_program(self.plan.env_dir, self.plan.os_name)

    def cancel(self) -> None:
        self.cancelled = True
        process = self._process
        if process is not None and process.poll() is None:
            _kill(process)

    def check_cancel(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def pip(self, what: list, step: str, repair: bool, torch_index: Optional[str] = None,
            extra_env: Optional[dict] = None) -> None:
        args = ["pip", "install", "--python", str(self.python), "-c", str(self.plan.constraints)]
        if self.plan.wheelhouse:
            args += ["--offline", "--no-index", "--find-links", str(self.plan.wheelhouse)]
        else:
            args += ["--index-url", self.plan.index_url]
            if torch_index:  # torch's own index beside PyPI; its local version (+cu128) wins over PyPI's 2.14.1
                args += ["--extra-index-url", torch_index, "--index-strategy", "unsafe-best-match"]
        if repair:
            args.append("--reinstall")
        self.run_uv(args + what, step, extra_env)

    def run_uv(self, args: list, step: str, extra_env: Optional[dict] = None) -> str:
        return self.run([str(self.uv), *args], step, extra_env=extra_env)

    def run(self, command: list, step: str, cwd: Optional[Path] = None, extra_env: Optional[dict] = None,
            check: bool = True) -> str:
        """The command's last 200 output lines; with ``check``, an exit code other than 0 is an InstallError."""
        self.check_cancel()
        self.write_log("$ " + " ".join(command))
        try:
            self._process = subprocess.Popen(
                command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                cwd=str(cwd or self.plan.env_dir), env=self._environment(extra_env), **_new_group())
        except OSError as exc:
            raise InstallError(tr("Cannot run {}: {}").format(command[0], exc)) from exc
        tail: list = []
        for raw in self._process.stdout:
            line = raw.decode("utf-8", "replace").rstrip()
            tail = (tail + [line])[-200:]
            self.write_log(line)
            self.on_event({"event": "log", "step": step, "line": line})
        code = self._process.wait()
        self._process = None
        self.check_cancel()
        output = "\n".join(tail)
        if check and code != 0:
            raise InstallError(explain(output, step, code), step, output)
        return output

    def write_log(self, line: str) -> None:
        if self.log is not None:
            try:
                self.log.write(line + "\n")
                self.log.flush()
            except OSError:
                pass  # a full disk must not hide the real error behind a logging one

    def _environment(self, extra: Optional[dict]) -> dict:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "CONDA_PREFIX") and not k.startswith("UV_")}
        root = self.plan.env_dir
        env.update(UV_CACHE_DIR=str(root / "cache"), UV_PYTHON_INSTALL_DIR=str(root / "python"),
                   UV_SYSTEM_CERTS="1", UV_NO_PROGRESS="1", UV_HTTP_TIMEOUT="120", PYTHONUTF8="1")
        env.update(self.plan.environment)
        env.update(extra or {})
        return env


def _new_group() -> dict:
    if sys.platform.startswith("win"):
        return {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP | getattr(subprocess, "CREATE_NO_WINDOW", 0)}
    return {"start_new_session": True}  # Cancel kills uv and what it started (a sam2 build)


def _kill(process: subprocess.Popen) -> None:
    try:
        if sys.platform.startswith("win"):
            process.kill()
        else:
            os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        pass

"""The install as resumable steps (uv → venv → torch → packages → sam2 → self-test), recorded in the env's state file.

Each step's key hashes its inputs and the previous step's key: a run skips every step whose recorded key
is current (a second run is a no-op), and a changed pin redoes that step and those after it. The env is
marked complete only after the self-test passed; any run that has work to do marks it incomplete first,
so Start never uses a half-made environment (see ``env_problem``).
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from .explain import explain
from .messages import tr
from .torch_choice import TorchChoice
from .uv_wheel import INDEX_JSON, UV_VERSION, WheelError, find_local_wheel, pick_wheel, platform_tag, unpack_uv

STEPS = ("uv", "venv", "torch", "packages", "sam2", "selftest")
STATE_FILE, LOG_FILE = "install_state.json", "install.log"
PYPI_SIMPLE = "https://pypi.org/simple"
PYTHON_VERSION = "3.11"  # the Python the Makefile path uses (Debian 12's)
TEST_ONLY = {"pytest", "pytest-qgis", "pytest-qt", "pytest-timeout", "schemathesis", "hypothesis"}
INSTALLED_BY_STEP = {"torch", "torchvision", "sam2"}  # not in the packages step (own index, own build flags)
GB = 1024 ** 3


class InstallError(Exception):
    """A step failed; ``str()`` is the message for the user, ``step`` which one."""

    def __init__(self, message: str, step: str = "", output: str = ""):
        super().__init__(message)
        self.step, self.output = step, output  # output: the failed command's last lines


class FetchError(Exception):
    """A download failed; the message is the network's (host not found, SSL, proxy, HTTP status)."""


class Cancelled(Exception):
    """The user pressed Cancel; the state file says where the next run resumes."""


@dataclass
class Plan:
    """What to install where: the env folder, the torch build, the pins, and where packages come from."""

    env_dir: Path
    choice: TorchChoice
    constraints: Path
    requirements: Path
    package_root: Path  # the folder holding this rrsis_qgis package (the self-test runs it from there)
    os_name: str = sys.platform
    arch: str = "x86_64"
    wheelhouse: Optional[Path] = None  # offline: every package (and uv) from this folder, no network
    index_url: str = PYPI_SIMPLE
    python_version: str = PYTHON_VERSION
    environment: dict = field(default_factory=dict)  # proxy variables etc. for the processes

    def __post_init__(self):
        self.env_dir = Path(self.env_dir)
        self.os_name = "windows" if self.os_name.startswith("win") else self.os_name.lower()


def venv_python(env_dir: Path, os_name: str = sys.platform) -> Path:
    venv = Path(env_dir) / "venv"
    return venv / "Scripts" / "python.exe" if os_name.startswith("win") else venv / "bin" / "python"


def read_state(env_dir: Path) -> dict:
    try:
        state = json.loads((Path(env_dir) / STATE_FILE).read_text("utf-8"))
    except (OSError, ValueError):
        return {"steps": {}, "complete": False}
    return state if isinstance(state, dict) and isinstance(state.get("steps"), dict) else {"steps": {}, "complete": False}


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


def backend_requirements(requirements: Path) -> list:
    """requirements.txt without the test-only packages and those installed by their own step."""
    names = []
    for line in Path(requirements).read_text("utf-8").splitlines():
        name = line.split("#", 1)[0].strip()
        if name and name.lower() not in TEST_ONLY | INSTALLED_BY_STEP:
            names.append(name)
    return names


def pins(constraints: Path, names) -> str:
    wanted = {n.lower() for n in names}
    return " ".join(line.strip() for line in Path(constraints).read_text("utf-8").splitlines()
                    if line.split("==")[0].strip().lower() in wanted)


def disk_needed(choice: TorchChoice) -> int:
    """Bytes a fresh env needs (measured: CUDA build ~5.6 GB venv; CPU build ~1.5 GB), with room for downloads."""
    return 8 * GB if choice.device == "cuda" else 3 * GB


class Installer:
    """Runs the steps of ``plan`` in this thread. ``fetch(url, accept) -> bytes`` downloads (QGIS's network in the
    plugin); ``on_event(dict)`` receives {"event": "step"|"log"|"progress", …}. ``cancel()`` may come from another
    thread: it kills the running process."""

    def __init__(self, plan: Plan, fetch: Callable, on_event: Optional[Callable] = None):
        self.plan, self.fetch = plan, fetch
        self.on_event = on_event or (lambda event: None)
        self.cancelled = False
        self._process: Optional[subprocess.Popen] = None
        self._log = None

    # public ---------------------------------------------------------------------------------
    def run(self, repair: bool = False) -> dict:
        """Do what is left (all of it with ``repair``: damaged downloads fetched again); the self-test result."""
        env = self.plan.env_dir
        self._prepare_folder()
        state = read_state(env)
        if repair:
            shutil.rmtree(env / "cache", ignore_errors=True)  # damaged downloads live there
            state["steps"] = {k: v for k, v in state["steps"].items() if k in ("uv", "venv")}
        with open(env / LOG_FILE, "a", encoding="utf-8") as self._log:
            self._write_log(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} install ({self.plan.choice.label}"
                            f"{', from ' + str(self.plan.wheelhouse) if self.plan.wheelhouse else ''})")
            key, redone = "", False
            for number, step in enumerate(STEPS, 1):
                key = self._key(step, key)
                done = state["steps"].get(step, {})
                if not redone and done.get("key") == key and self._still_there(step):
                    self._event("step", step=step, status="skipped", number=number)
                    continue
                if state.get("complete"):
                    state["complete"] = False
                    self._save(state)
                if step in ("torch", "packages") and not state["steps"].get(step):
                    self._check_disk()
                self._event("step", step=step, status="running", number=number)
                redone = True  # what follows a redone step is redone too (a new venv is empty)
                started = time.monotonic()
                try:
                    result = getattr(self, "_step_" + step)(repair)
                except Cancelled:
                    self._write_log(f"--- {step}: cancelled")
                    self._event("step", step=step, status="cancelled", number=number)
                    raise
                except InstallError as exc:
                    exc.step = step
                    self._write_log(f"--- {step}: FAILED: {exc}")
                    state["steps"].pop(step, None)
                    state["failed"] = {"step": step, "message": str(exc)}
                    try:
                        self._save(state)
                    except InstallError:
                        pass  # a full disk: the step's own message says so; the file still says incomplete
                    self._event("step", step=step, status="failed", number=number, message=str(exc))
                    raise
                seconds = round(time.monotonic() - started, 1)
                state["steps"][step] = {"key": key, "seconds": seconds}
                if step == "selftest":
                    state["selftest"] = result
                self._save(state)
                self._write_log(f"--- {step}: done in {seconds} s")
                self._event("step", step=step, status="done", number=number, seconds=seconds)
            state.update(complete=True, python=str(self.python), choice=vars(self.plan.choice))
            state.pop("failed", None)
            self._save(state)
            return state.get("selftest", {})

    def cancel(self) -> None:
        self.cancelled = True
        process = self._process
        if process is not None and process.poll() is None:
            _kill(process)

    @property
    def python(self) -> Path:
        return venv_python(self.plan.env_dir, self.plan.os_name)

    @property
    def uv(self) -> Path:
        return self.plan.env_dir / "uv" / ("uv.exe" if self.plan.os_name == "windows" else "uv")

    # steps ----------------------------------------------------------------------------------
    def _step_uv(self, _repair) -> None:
        tag = platform_tag(self.plan.os_name, self.plan.arch)
        try:
            if self.plan.wheelhouse:
                wheel = find_local_wheel(self.plan.wheelhouse, tag)
                data, sha = wheel.read_bytes(), None
            else:
                entry = pick_wheel(self.fetch(f"{self.plan.index_url}/uv/", INDEX_JSON), tag)
                self._write_log(f"downloading {entry['url']}")
                data, sha = self.fetch(entry["url"], None), (entry.get("hashes") or {}).get("sha256")
            self._check_cancel()
            unpack_uv(data, self.uv.parent, sha)
        except WheelError as exc:
            raise InstallError(str(exc)) from exc
        except FetchError as exc:
            self._check_cancel()
            raise InstallError(explain(f"failed to download: {exc}", "uv", 1)) from exc
        except OSError as exc:
            raise InstallError(explain(str(exc), "uv", 1)) from exc

    def _step_venv(self, _repair) -> None:
        args = ["venv", "--clear", "--python", self.plan.python_version, str(self.plan.env_dir / "venv")]
        if self.plan.wheelhouse:
            args.insert(1, "--offline")
        self._uv(args, "venv")

    def _step_torch(self, repair) -> None:
        index = None if self.plan.wheelhouse else self.plan.choice.index_url
        try:
            # Reinstalled even when a torch 2.14.1 is there: another build (+cpu, +cu128) satisfies the same pin,
            # and uv would keep the old one.
            self._pip(["--reinstall-package", "torch", "--reinstall-package", "torchvision", "torch", "torchvision"],
                      "torch", repair, torch_index=index)
        except InstallError as exc:
            if index and index in exc.output and str(exc).startswith(tr("No connection")):  # PyPI is reachable (uv came)
                raise InstallError(tr("The PyTorch index {} cannot be reached (PyPI can): allow that address, or "
                                      "choose “PyPI's default build” as the torch build.\n{}").format(index, exc)) from exc
            raise

    def _step_packages(self, repair) -> None:
        listing = self.plan.env_dir / "requirements-backend.txt"
        listing.write_text("\n".join(backend_requirements(self.plan.requirements)) + "\n", "utf-8")
        self._pip(["-r", str(listing)], "packages", repair)

    def _step_sam2(self, repair) -> None:
        self._pip(["setuptools", "wheel"], "sam2", False)  # sam2 builds against the installed torch: no isolation
        self._pip(["--no-build-isolation", "sam2"], "sam2", repair, extra_env={"SAM2_BUILD_CUDA": "0"})

    def _step_selftest(self, _repair) -> dict:
        output = self._run([str(self.python), "-m", "rrsis_qgis.selftest", "--device", self.plan.choice.device],
                           "selftest", cwd=self.plan.package_root, check=False)
        result = None
        for line in reversed(output.strip().splitlines()):
            try:
                result = json.loads(line)
                break
            except ValueError:
                continue
        if not isinstance(result, dict):
            raise InstallError(tr("The self-test printed no result: {}").format(output.strip()[-500:]))
        if not result.get("ok"):
            raise InstallError(tr("The self-test failed: {}").format(result.get("summary") or result))
        return result

    # helpers --------------------------------------------------------------------------------
    def _pip(self, what: list, step: str, repair: bool, torch_index: Optional[str] = None,
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
        self._uv(args + what, step, extra_env)

    def _uv(self, args: list, step: str, extra_env: Optional[dict] = None) -> str:
        return self._run([str(self.uv), *args], step, extra_env=extra_env)

    def _run(self, command: list, step: str, cwd: Optional[Path] = None, extra_env: Optional[dict] = None,
             check: bool = True) -> str:
        self._check_cancel()
        self._write_log("$ " + " ".join(command))
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
            self._write_log(line)
            self._event("log", step=step, line=line)
        code = self._process.wait()
        self._process = None
        self._check_cancel()
        output = "\n".join(tail)
        if check and code != 0:
            raise InstallError(explain(output, step, code), step, output)
        return output

    def _environment(self, extra: Optional[dict]) -> dict:
        env = {k: v for k, v in os.environ.items()
               if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "CONDA_PREFIX") and not k.startswith("UV_")}
        root = self.plan.env_dir
        env.update(UV_CACHE_DIR=str(root / "cache"), UV_PYTHON_INSTALL_DIR=str(root / "python"),
                   UV_SYSTEM_CERTS="1", UV_NO_PROGRESS="1", UV_HTTP_TIMEOUT="120", PYTHONUTF8="1")
        env.update(self.plan.environment)
        env.update(extra or {})
        return env

    def _prepare_folder(self) -> None:
        env = self.plan.env_dir
        try:
            env.mkdir(parents=True, exist_ok=True)
            probe = env / ".write-test"
            probe.write_bytes(b"ok")
            probe.unlink()
        except OSError as exc:
            raise InstallError(tr("Cannot write to {} ({}): choose another folder for the backend environment.")
                               .format(env, exc.strerror or exc), "folder") from exc

    def _check_disk(self) -> None:
        free, need = shutil.disk_usage(self.plan.env_dir).free, disk_needed(self.plan.choice)
        if free < need:
            raise InstallError(tr("Not enough disk space in {}: {:.1f} GB free, the backend needs about {:.0f} GB. "
                                  "Free some space or choose another folder.").format(
                self.plan.env_dir, free / GB, need / GB), "disk")

    def _still_there(self, step: str) -> bool:
        if step == "uv":
            return self.uv.is_file()
        return self.python.exists()

    def _key(self, step: str, previous: str) -> str:
        plan = self.plan
        own = {
            "uv": UV_VERSION,
            "venv": plan.python_version,
            "torch": f"{plan.choice.index_url} {plan.choice.label} {pins(plan.constraints, ['torch', 'torchvision'])}",
            "packages": pins(plan.constraints, backend_requirements(plan.requirements))
            + " ".join(backend_requirements(plan.requirements)),
            "sam2": pins(plan.constraints, ["sam2"]),
            "selftest": plan.choice.device,
        }[step]
        return hashlib.sha256(f"{previous}|{step}|{own}".encode()).hexdigest()[:16]

    def _save(self, state: dict) -> None:
        path = self.plan.env_dir / STATE_FILE
        partial = path.with_name(STATE_FILE + ".part")
        try:
            partial.write_text(json.dumps(state, indent=1), "utf-8")
            os.replace(partial, path)
        except OSError as exc:
            raise InstallError(explain(str(exc), "state", 1)) from exc

    def _check_cancel(self) -> None:
        if self.cancelled:
            raise Cancelled()

    def _event(self, kind: str, **fields) -> None:
        self.on_event({"event": kind, **fields})

    def _write_log(self, line: str) -> None:
        if self._log is not None:
            try:
                self._log.write(line + "\n")
                self._log.flush()
            except OSError:
                pass  # a full disk must not hide the real error behind a logging one


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

"""The install as resumable steps (uv → venv → torch → packages → sam2 → self-test), recorded in the env's state file.

Each step's key hashes its inputs and the previous step's key: a run skips every step whose recorded key
is current (a second run is a no-op), and a changed pin redoes that step and those after it. The env is
marked complete only after the self-test passed; any run that has work to do marks it incomplete first,
so Start never uses a half-made environment (see ``env_check.env_problem``).
"""
from __future__ import annotations

import hashlib
import shutil
import time
from pathlib import Path
from typing import Callable, Optional

from .commands import Commands
from .disk import check_free_space, disk_needed
from .env_folder import LOG_FILE, read_state, write_state
from .errors import Cancelled, InstallError
from .messages import tr
from .pins import backend_requirements, pins
from .plan import Plan
from .step_actions import ACTIONS
from .uv_wheel import UV_VERSION

STEPS = tuple(ACTIONS)


class Installer:
    """Runs the steps of ``plan`` in this thread. ``fetch(url, accept) -> bytes`` downloads (QGIS's network in the
    plugin); ``on_event(dict)`` receives {"event": "step"|"log"|"progress", …}. ``cancel()`` may come from another
    thread: it kills the running process."""

    def __init__(self, plan: Plan, fetch: Callable, on_event: Optional[Callable] = None):
        self.plan, self.fetch = plan, fetch
        self.on_event = on_event or (lambda event: None)
        self.commands = Commands(plan, lambda event: self.on_event(event))

    def run(self, repair: bool = False) -> dict:
        """Do what is left (all of it with ``repair``: damaged downloads fetched again); the self-test result."""
        env = self.plan.env_dir
        self._prepare_folder()
        state = read_state(env)
        if repair:
            shutil.rmtree(env / "cache", ignore_errors=True)  # damaged downloads live there
            state["steps"] = {k: v for k, v in state["steps"].items() if k in ("uv", "venv")}
        with open(env / LOG_FILE, "a", encoding="utf-8") as self.commands.log:
            self.commands.write_log(f"\n=== {time.strftime('%Y-%m-%d %H:%M:%S')} install ({self.plan.choice.label}"
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
                    write_state(env, state)
                if step in ("torch", "packages") and not state["steps"].get(step):
                    check_free_space(env, disk_needed(self.plan.choice))
                self._event("step", step=step, status="running", number=number)
                redone = True  # what follows a redone step is redone too (a new venv is empty)
                started = time.monotonic()
                try:
                    result = ACTIONS[step](self.commands, self.fetch, repair)
                except Cancelled:
                    self.commands.write_log(f"--- {step}: cancelled")
                    self._event("step", step=step, status="cancelled", number=number)
                    raise
                except InstallError as exc:
                    exc.step = step
                    self.commands.write_log(f"--- {step}: FAILED: {exc}")
                    state["steps"].pop(step, None)
                    state["failed"] = {"step": step, "message": str(exc)}
                    try:
                        write_state(env, state)
                    except InstallError:
                        pass  # a full disk: the step's own message says so; the file still says incomplete
                    self._event("step", step=step, status="failed", number=number, message=str(exc))
                    raise
                seconds = round(time.monotonic() - started, 1)
                state["steps"][step] = {"key": key, "seconds": seconds}
                if step == "selftest":
                    state["selftest"] = result
                write_state(env, state)
                self.commands.write_log(f"--- {step}: done in {seconds} s")
                self._event("step", step=step, status="done", number=number, seconds=seconds)
            state.update(complete=True, python=str(self.python), choice=vars(self.plan.choice))
            state.pop("failed", None)
            write_state(env, state)
            return state.get("selftest", {})

    def cancel(self) -> None:
        self.commands.cancel()

    @property
    def python(self) -> Path:
        return self.commands.python

    @property
    def uv(self) -> Path:
        return self.commands.uv

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

    def _event(self, kind: str, **fields) -> None:
        self.on_event({"event": kind, **fields})

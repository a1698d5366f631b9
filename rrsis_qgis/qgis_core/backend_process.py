"""The backend as seen from QGIS: start it with QProcess (or use a configured URL), track its state."""
from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Optional

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QCoreApplication, QObject, QProcess, QProcessEnvironment, QThread, QTimer, pyqtSignal

from .backend_client import BackendClient, BackendError
from .installer.messages import python_problem
from .installer.env_check import env_problem
from .model_choice import checkpoint_problem, short_name
from ..resources import PACKAGE_DIR
from .settings import PluginSettings

TAG = "rrsis_qgis"
DOWN, STARTING, CONNECTED = "down", "starting", "connected"
STOP_GRACE_MS = 5000  # SIGTERM lets the backend finish its request; then it is killed


def parse_event(line: bytes) -> Optional[dict]:
    """One JSON line a backend process prints (the server's start-up, `models download --json`) → its event
    dict, or None for anything else."""
    try:
        event = json.loads(line.decode("utf-8", "replace"))
    except ValueError:
        return None
    return event if isinstance(event, dict) and "event" in event else None


LOG_LEVEL = re.compile(r"^(?:\S+ \S+ )?(DEBUG|INFO|WARNING|ERROR|CRITICAL)\b")  # the server's log format
EXCEPTION_LINE = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception|Interrupt|Exit)\b")


def crash_reason(stderr: str) -> str:
    """Why a backend died, from the tail of its stderr: the exception of its last traceback, else its last
    ERROR/CRITICAL log line, else its last line that is not a DEBUG/INFO log line ("" when nothing says)."""
    lines = [line.rstrip() for line in stderr.splitlines() if line.strip()]
    starts = [i for i, line in enumerate(lines) if line.startswith("Traceback (most recent call last)")]
    if starts:
        for line in reversed(lines[starts[-1] + 1:]):
            if EXCEPTION_LINE.match(line):
                return line
    levels = [(LOG_LEVEL.match(line), line) for line in lines]
    for match, line in reversed(levels):
        if match and match.group(1) in ("ERROR", "CRITICAL"):
            return line
    for match, line in reversed(levels):
        if not match or match.group(1) not in ("DEBUG", "INFO"):
            return line
    return ""


def backend_environment(extra: Optional[dict] = None) -> QProcessEnvironment:
    """QGIS's environment without its Python paths (they must not leak into the backend's Python)."""
    env = QProcessEnvironment.systemEnvironment()
    env.remove("PYTHONPATH")
    env.remove("PYTHONHOME")
    for key, value in (extra or {}).items():
        env.insert(key, value)
    return env


class BackendManager(QObject):
    """One backend per QGIS session. ``stateChanged(state, detail)`` drives the dock's status badge.

    Nothing here waits on the GUI thread: the health check runs in a thread, Stop sends SIGTERM and
    kills later if needed. After ``shutdown()`` (plugin unloaded) it starts nothing any more.
    """

    stateChanged = pyqtSignal(str, str)
    _healthDone = pyqtSignal(int, object, object)  # generation, info, error (from the health thread)

    def __init__(self, settings: PluginSettings, parent=None):
        super().__init__(parent)
        self.settings = settings
        self.state, self.detail = DOWN, ""
        self.url: Optional[str] = None
        self.token: Optional[str] = None
        self.info: dict = {}
        self.closed = False
        self.missing_weights: list = []  # checkpoint files the last start found missing (the model manager offers them)
        self._process: Optional[QProcess] = None
        self._stopping: list = []  # processes sent SIGTERM, not yet gone
        self._generation = 0  # a health answer for an older start is ignored
        self._stdout = b""
        self._stderr_tail = b""
        self._healthDone.connect(self._on_health)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.shutdown)

    def client(self, timeout: float = 600.0) -> BackendClient:
        if self.state != CONNECTED:
            raise BackendError("the backend is not connected: press Start in the panel", "down")
        return BackendClient(self.url, self.token, timeout)

    def start(self) -> None:
        """Connect to the configured URL, or launch `python -m rrsis_qgis.server` and wait for its line."""
        if self.closed:
            return  # a stale button after the plugin was unloaded: nothing may start now
        self.stop()
        self.missing_weights = []
        if self.settings.backend_url:
            self._connect_external()
            return
        python = self.settings.python()
        missing = python_problem(python)
        if missing:
            self._set(DOWN, missing)
            return
        unfinished = env_problem(python)
        if unfinished:  # a half-made (failed, cancelled, being repaired) installer environment is never started
            self._set(DOWN, unfinished)
            return
        problem = checkpoint_problem(self.settings.model)
        if problem:  # the backend would only exit with the same complaint after seconds of loading
            self._set(DOWN, self.tr("{} — choose the checkpoint in the plugin settings").format(problem))
            return
        args = ["-m", "rrsis_qgis.server", "--port", "0", "--model", self.settings.model,
                "--device", self.settings.device, "--exit-with-parent", str(os.getpid())]  # none outlives QGIS
        if self.settings.models_dir:
            args += ["--models-dir", self.settings.models_dir]
        process = QProcess(self)
        process.setWorkingDirectory(str(PACKAGE_DIR.parent))  # so -m finds this copy of the package
        process.setProcessEnvironment(backend_environment())
        process.readyReadStandardOutput.connect(self._on_stdout)
        process.readyReadStandardError.connect(self._on_stderr)
        process.finished.connect(self._on_finished)
        process.errorOccurred.connect(self._on_error)
        self._process, self._stdout, self._stderr_tail = process, b"", b""
        self._set(STARTING, self.tr("loading the model…"))
        process.start(python, args)

    def stop(self) -> None:
        """SIGTERM the backend and return at once; it is killed if it is still there after STOP_GRACE_MS."""
        self._generation += 1
        process, self._process = self._process, None
        if process is not None and process.state() != QProcess.NotRunning:
            for signal in (process.readyReadStandardOutput, process.readyReadStandardError, process.finished,
                           process.errorOccurred):
                signal.disconnect()  # a process we stop on purpose reports nothing more
            self._stopping.append(process)
            process.finished.connect(lambda *_, p=process: self._forget(p))
            process.terminate()
            QTimer.singleShot(STOP_GRACE_MS, lambda p=process: self._kill(p))
        if self.state != DOWN:
            self._set(DOWN, self.tr("stopped"), Qgis.Info)  # asked for: not a warning

    def shutdown(self) -> None:
        """Plugin unload or QGIS exit: every backend this manager started is gone when this returns."""
        if self.closed:
            return
        self.closed = True
        self.stop()
        for process in list(self._stopping):
            if not process.waitForFinished(3000):
                process.kill()
                process.waitForFinished(2000)
        self._stopping.clear()
        app = QCoreApplication.instance()
        if app is not None:
            try:
                app.aboutToQuit.disconnect(self.shutdown)
            except (TypeError, RuntimeError):
                pass

    def _kill(self, process: QProcess) -> None:
        if process in self._stopping and process.state() != QProcess.NotRunning:
            process.kill()

    def _forget(self, process: QProcess) -> None:
        if process in self._stopping:
            self._stopping.remove(process)
            process.deleteLater()

    def process_id(self) -> int:
        return int(self._process.processId()) if self._process is not None else 0

    def _connect_external(self) -> None:
        try:
            self.token = Path(self.settings.token_file).read_text().strip() if self.settings.token_file else ""
        except OSError as exc:
            self._set(DOWN, self.tr("cannot read the token file: {}").format(exc))
            return
        self.url = self.settings.backend_url.rstrip("/")
        self._check_health()

    def _check_health(self) -> None:
        """Ask /v1/health in a thread; the answer comes back through ``_healthDone`` on the GUI thread."""
        generation, url, token = self._generation, self.url, self.token
        if self.state != STARTING:
            self._set(STARTING, self.tr("connecting to {}…").format(url))

        def ask():
            try:
                answer, error = BackendClient(url, token).health(timeout=10), None
            except BackendError as exc:
                answer, error = None, exc.message
            try:
                self._healthDone.emit(generation, answer, error)
            except RuntimeError:  # the manager was deleted meanwhile (plugin unloaded)
                pass

        _Worker(ask).start()  # a QThread: QGIS's network code (a remote backend) needs one

    def _on_health(self, generation: int, info, error) -> None:
        if generation != self._generation or self.closed:
            return  # stopped or restarted meanwhile
        if error is not None:
            self._set(DOWN, error)
            return
        self.info = info
        spec = str(self.info.get("models", {}).get("spec", "?"))
        self._set(CONNECTED, f"{self.info.get('device', '?')} · {short_name(spec)}")

    def model_spec(self) -> str:
        """The loaded model as the backend names it (full checkpoint path for ``trained:``); empty when not connected."""
        return str(self.info.get("models", {}).get("spec", "")) if self.state == CONNECTED else ""

    def _on_stdout(self) -> None:
        if self._process is None:
            return
        self._stdout += bytes(self._process.readAllStandardOutput())
        while b"\n" in self._stdout:
            line, self._stdout = self._stdout.split(b"\n", 1)
            event = parse_event(line)
            if event is None:
                continue
            if event["event"] == "listening":
                self.url = f"http://127.0.0.1:{event['port']}"
                try:
                    self.token = Path(event["token_file"]).read_text().strip()
                except OSError as exc:
                    self._set(DOWN, self.tr("cannot read the backend's token: {}").format(exc))
                    return
                self._check_health()
            elif event["event"] == "error":
                message = str(event.get("message", "error"))
                self.missing_weights = [str(f) for f in event.get("missing", [])]
                self._set(DOWN, message)

    def _on_stderr(self) -> None:
        if self._process is None:
            return
        chunk = bytes(self._process.readAllStandardError())
        self._stderr_tail = (self._stderr_tail + chunk)[-4000:]
        for line in chunk.decode("utf-8", "replace").splitlines():
            QgsMessageLog.logMessage(line, TAG + " backend", Qgis.Info)

    def _on_finished(self, code: int, _status) -> None:
        if self.state == DOWN:
            return  # the error event already said why
        reason = crash_reason(self._stderr_tail.decode("utf-8", "replace"))
        self._set(DOWN, self.tr("the backend exited (code {}) {}").format(code, reason).strip())

    def _on_error(self, error) -> None:
        if error == QProcess.FailedToStart:
            self._set(DOWN, self.tr("cannot start {}: check the backend Python in the settings").format(
                self.settings.python()))

    def forget_reason(self) -> None:
        """A down backend's reason no longer shown (the settings it was about changed)."""
        if self.state == DOWN and self.detail:
            self._set(DOWN, "")

    def _set(self, state: str, detail: str, level=None) -> None:
        self.state, self.detail = state, detail
        if level is None:
            level = Qgis.Info if state != DOWN else Qgis.Warning
        QgsMessageLog.logMessage(f"backend {state}: {detail}", TAG, level)
        self.stateChanged.emit(state, detail)


class _Worker(QThread):
    """Runs ``work`` once; kept alive until it has ended (a QThread destroyed while running aborts QGIS)."""

    running: set = set()

    def __init__(self, work):
        super().__init__()
        self.work = work
        _Worker.running.add(self)
        self.finished.connect(self._forget)

    def run(self) -> None:
        self.work()

    def _forget(self) -> None:
        self.wait()
        _Worker.running.discard(self)

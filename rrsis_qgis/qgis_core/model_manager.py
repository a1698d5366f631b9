"""The checkpoints as the plugin sees them: list, download, verify via `python -m rrsis_qgis models` (QProcess).

The plugin never imports torch and cannot count on a running backend (one cannot start while its
weights are missing), so each action runs the backend's Python as a short process and reads its
JSON output. A download is killed on Cancel: its ``.part`` file stays and the next download resumes
it; nothing appears under the final name before the size and sha256 check passed.

The access token for a gated checkpoint reaches the download process as $HF_TOKEN in its environment,
never on its command line (any user's `ps` shows that); this module neither logs nor stores it.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional

from qgis.core import Qgis, QgsMessageLog
from qgis.PyQt.QtCore import QObject, QProcess, pyqtSignal

from ..resources import PACKAGE_DIR
from .backend_process import TAG, backend_environment, parse_event
from .installer.messages import python_problem
# What a checkpoint's checksum is known to be: not checked yet, matches the manifest, the manifest pins none, wrong.
UNCHECKED, VERIFIED, NOT_PINNED, WRONG, MISSING = "unchecked", "verified", "not pinned", "wrong", "missing"
CANCELLED = "cancelled"


@dataclass
class ModelRow:
    """One manifest checkpoint and what is on disk (a row of `models list --json`)."""

    key: str
    file: str
    size: Optional[int]  # bytes, from the manifest (None: not pinned)
    present: bool
    size_on_disk: Optional[int] = None
    partial: Optional[int] = None  # bytes of an interrupted download (.part), resumed by the next one
    sha256: Optional[str] = None
    unverified: Optional[str] = None  # why the manifest pins no size/sha256
    license: str = ""
    license_url: str = ""
    accept_license: bool = False  # the licence restricts use: the user accepts it before the download
    gated: str = ""  # the page where access is requested; the download needs a token
    used_by: tuple = ()
    check: str = UNCHECKED  # UNCHECKED / VERIFIED / NOT_PINNED / WRONG / MISSING
    check_detail: str = ""

    @property
    def pinned(self) -> bool:
        return bool(self.sha256)


def parse_list(text: str) -> tuple:
    """`models list --json` output → (models folder, [ModelRow]); unpinned rows NOT_PINNED, absent ones MISSING."""
    data = json.loads(text)
    rows = []
    for r in data["checkpoints"]:
        row = ModelRow(key=r["key"], file=r["file"], size=r.get("size"), present=bool(r.get("present")),
                       size_on_disk=r.get("size_on_disk"), partial=r.get("partial"), sha256=r.get("sha256"),
                       unverified=r.get("unverified"), license=r.get("license") or "",
                       license_url=r.get("license_url") or "", accept_license=bool(r.get("accept_license")),
                       gated=r.get("gated") or "", used_by=tuple(r.get("used_by") or ()))
        if not row.pinned:  # nothing to verify against, on disk or not
            row.check, row.check_detail = NOT_PINNED, row.unverified or ""
        elif not row.present:
            row.check = MISSING
        rows.append(row)
    return data.get("models_dir", ""), rows


def parse_verify(text: str) -> dict:
    """`models verify --json` output → {key: (check, detail)} in this module's terms."""
    checks = {}
    for r in json.loads(text)["results"]:
        state = r.get("state", "")
        if state == "ok":
            checks[r["key"]] = (VERIFIED, r.get("sha256", ""))
        elif state == "missing":
            checks[r["key"]] = (MISSING, "")
        elif state.startswith("present, not verifiable"):
            checks[r["key"]] = (NOT_PINNED, state.split(":", 1)[-1].strip())
        else:  # wrong size / sha256 mismatch
            checks[r["key"]] = (WRONG, state)
    return checks


def percent(done: int, total: Optional[int]) -> Optional[int]:
    """0–100, or None when the total is unknown (no size pinned and no Content-Length)."""
    if not total:
        return None
    return max(0, min(100, int(100 * done / total)))


class ModelManager(QObject):
    """Runs `models list|download|verify` in the backend's Python; one download process per checkpoint.

    Signals: ``listed(models_dir, rows)``, ``checked(checks)``, ``progress(key, done, total)`` (total
    0 when unknown), ``finished(key, outcome, message)`` with outcome "done" / CANCELLED / "failed",
    ``failed(message)`` for list and verify.
    """

    listed = pyqtSignal(str, object)
    checked = pyqtSignal(object)
    progress = pyqtSignal(str, int, int)
    finished = pyqtSignal(str, str, str)
    failed = pyqtSignal(str)

    def __init__(self, python: str, models_dir: str = "", env: Optional[dict] = None, parent=None):
        super().__init__(parent)
        self.python, self.models_dir, self.env = python, models_dir, env
        self.downloads: dict = {}  # key → QProcess
        self._cancelled: set = set()
        self._others: list = []  # list / verify processes still running
        self.closed = False  # after shutdown() nothing starts any more

    # actions ----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """List the checkpoints; ``listed`` (or ``failed``) follows."""
        self._run_once(["list", "--json"], lambda out: self.listed.emit(*parse_list(out)))

    def verify(self, keys=()) -> None:
        """Hash the checkpoints on disk (all, or ``keys``); ``checked`` (or ``failed``) follows."""
        self._run_once(["verify", *keys, "--json"], lambda out: self.checked.emit(parse_verify(out)),
                       codes=(0, 1, 3))  # 1: a mismatch, 3: a named one is missing — still an answer

    def download(self, key: str, token: str = "", accept_license: bool = False) -> bool:
        """Start downloading ``key``; False when it is already downloading or no Python is set.

        ``token``: for a gated checkpoint, given to the process as $HF_TOKEN (empty: the process inherits
        QGIS's own $HF_TOKEN, if any). ``accept_license``: the user accepted the licence it restricts use by.
        """
        if key in self.downloads or self.closed:
            return False
        problem = self._python_problem()
        if problem:
            self.finished.emit(key, "failed", problem)
            return False
        process = self._process({"HF_TOKEN": token} if token else None)
        state = {"buffer": b"", "stderr": b"", "outcome": None, "message": ""}
        process.readyReadStandardOutput.connect(lambda: self._on_download_output(key, process, state))
        process.readyReadStandardError.connect(lambda: self._keep_stderr(process, state))
        process.finished.connect(lambda code, _status: self._on_download_finished(key, code, state))
        process.errorOccurred.connect(lambda error: self._on_start_error(key, process, error, state))
        self.downloads[key] = process
        self._cancelled.discard(key)
        process.start(self.python, self._args(["download", key, "--json"] + ["--accept-license"] * accept_license))
        return True

    def cancel(self, key: str) -> None:
        """Kill the download of ``key``: the .part file stays (resumed next time), no file gets the final name."""
        process = self.downloads.get(key)
        if process is not None and process.state() != QProcess.NotRunning:
            self._cancelled.add(key)
            process.kill()

    def shutdown(self) -> None:
        """Kill every process this manager started and wait for them (dialog closed, plugin unloaded)."""
        self.closed = True
        for key in list(self.downloads):
            self.cancel(key)
        for process in list(self.downloads.values()) + self._others:
            if process.state() != QProcess.NotRunning:
                process.kill()
                process.waitForFinished(3000)

    # processes --------------------------------------------------------------------------------
    def _args(self, action: list) -> list:
        args = ["-m", "rrsis_qgis", "models", *action]
        if self.models_dir:
            args += ["--models-dir", self.models_dir]
        return args

    def _process(self, secrets: Optional[dict] = None) -> QProcess:
        process = QProcess(self)
        process.setWorkingDirectory(str(PACKAGE_DIR.parent))  # so -m finds this copy of the package
        process.setProcessEnvironment(backend_environment({**(self.env or {}), **(secrets or {})}))
        return process

    def _python_problem(self) -> str:
        return python_problem(self.python)

    def _run_once(self, action: list, on_output, codes=(0,)) -> None:
        if self.closed:
            return
        problem = self._python_problem()
        if problem:
            self.failed.emit(problem)
            return
        process = self._process()
        self._others.append(process)

        def done(code, _status):
            out = bytes(process.readAllStandardOutput()).decode("utf-8", "replace")
            err = bytes(process.readAllStandardError()).decode("utf-8", "replace").strip()
            self._others.remove(process)
            process.deleteLater()
            if code not in codes:
                self.failed.emit(_last_line(err) or self.tr("`models {}` exited with code {}").format(action[0], code))
                return
            try:
                on_output(out)
            except (ValueError, KeyError, TypeError) as exc:
                self.failed.emit(self.tr("unexpected answer from `models {}`: {}").format(action[0], exc))

        def error(kind):
            if kind == QProcess.FailedToStart and process in self._others:
                self._others.remove(process)
                self.failed.emit(
                    self.tr("cannot start {}: check the backend Python in the settings").format(self.python))

        process.finished.connect(done)
        process.errorOccurred.connect(error)
        process.start(self.python, self._args(action))

    def _on_download_output(self, key: str, process: QProcess, state: dict) -> None:
        state["buffer"] += bytes(process.readAllStandardOutput())
        while b"\n" in state["buffer"]:
            line, state["buffer"] = state["buffer"].split(b"\n", 1)
            event = parse_event(line)
            if event is None:
                continue
            kind = event["event"]
            if kind == "progress":
                self.progress.emit(key, int(event.get("done") or 0), int(event.get("total") or 0))
            elif kind == "done":
                state["outcome"], state["message"] = "done", str(event.get("path", ""))
            elif kind == "error":
                state["outcome"], state["message"] = "failed", str(event.get("message", ""))

    def _keep_stderr(self, process: QProcess, state: dict) -> None:
        state["stderr"] = (state["stderr"] + bytes(process.readAllStandardError()))[-4000:]

    def _on_download_finished(self, key: str, code: int, state: dict) -> None:
        process = self.downloads.pop(key, None)
        if process is None:
            return  # FailedToStart already reported it
        self._on_download_output(key, process, state)  # lines that came with the exit
        process.deleteLater()
        if key in self._cancelled:
            self._cancelled.discard(key)
            outcome, message = CANCELLED, ""
        elif state["outcome"] == "done" and code == 0:
            outcome, message = "done", state["message"]
        else:
            stderr = _last_line(state["stderr"].decode("utf-8", "replace"))
            outcome = "failed"
            message = state["message"] or stderr or self.tr("the download exited with code {}").format(code)
        level = Qgis.Warning if outcome == "failed" else Qgis.Info
        QgsMessageLog.logMessage(f"download {key}: {outcome} {message}".strip(), TAG, level)
        self.finished.emit(key, outcome, message)

    def _on_start_error(self, key: str, process: QProcess, error, state: dict) -> None:
        if error == QProcess.FailedToStart and self.downloads.get(key) is process:
            del self.downloads[key]
            process.deleteLater()
            self.finished.emit(key, "failed",
                               self.tr("cannot start {}: check the backend Python in the settings").format(self.python))


def _last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1].removeprefix("error: ") if lines else ""

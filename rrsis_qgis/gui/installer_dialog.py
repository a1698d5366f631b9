"""The backend installer (installer_dialog.ui): Install / Cancel / Repair / Diagnose / Remove a private environment."""
from __future__ import annotations

from pathlib import Path

from qgis.gui import QgsFileWidget
from qgis.PyQt import uic
from qgis.PyQt.QtCore import pyqtSignal
from qgis.PyQt.QtWidgets import QApplication, QDialog, QListWidgetItem, QMessageBox

from ..qgis_core.installer.diagnose import remove_env, report
from ..qgis_core.installer.env_folder import read_state, venv_python
from ..qgis_core.installer.errors import InstallError
from ..qgis_core.installer.runner import InstallThread, default_env_dir, machine_plan
from ..qgis_core.installer.steps import STEPS
from ..qgis_core.installer.torch_choice import OVERRIDES

FORM, _ = uic.loadUiType(str(Path(__file__).with_name("installer_dialog.ui")))
ERROR_STYLE, WARN_STYLE, OK_STYLE = "color: #d7301f;", "color: #b35806;", "color: #1a9850;"
_RUNNING: set = set()  # install threads still running (kept referenced until they end)
MARKS = {"running": "▶", "done": "✔", "skipped": "✔", "failed": "✘", "cancelled": "■"}


class InstallerDialog(QDialog):
    """``installed(python)`` after a self-test passed: the settings take that Python as the backend's."""

    installed = pyqtSignal(str)

    def __init__(self, python: str = "", env_dir: str = "", parent=None):
        super().__init__(parent)
        self.ui = FORM()
        self.ui.setupUi(self)
        ui = self.ui
        self.python = python  # the backend Python in the settings now (for the report)
        self.thread = None
        self.step_names = {"uv": self.tr("Get uv (the installer's tool)"), "venv": self.tr("Make the Python environment"),
                           "torch": self.tr("Install torch"), "packages": self.tr("Install the backend's packages"),
                           "sam2": self.tr("Install SAM 2"), "selftest": self.tr("Self-test")}
        ui.folderWidget.setStorageMode(QgsFileWidget.GetDirectory)
        ui.folderWidget.setFilePath(env_dir or str(default_env_dir()))
        ui.wheelhouseWidget.setStorageMode(QgsFileWidget.GetDirectory)
        ui.wheelhouseWidget.setEnabled(False)
        ui.offlineCheck.toggled.connect(ui.wheelhouseWidget.setEnabled)
        ui.torchCombo.addItem(self.tr("automatic (for this computer)"), "auto")
        labels = {"cpu": self.tr("CPU only"), "pypi": self.tr("PyPI's default build")}
        for override in OVERRIDES[1:]:
            ui.torchCombo.addItem(labels.get(override, self.tr("CUDA build {}").format(override)), override)
        ui.torchCombo.currentIndexChanged.connect(self._show_choice)
        ui.folderWidget.fileChanged.connect(self._show_state)
        ui.installButton.clicked.connect(lambda: self.install())
        ui.repairButton.clicked.connect(lambda: self.install(repair=True))
        ui.cancelButton.clicked.connect(self.cancel)
        ui.diagnoseButton.clicked.connect(self.diagnose)
        ui.copyButton.clicked.connect(self.copy_report)
        ui.removeButton.clicked.connect(self.remove)
        ui.closeButton.clicked.connect(self.close)
        for step in STEPS:
            ui.stepsList.addItem(QListWidgetItem(self.step_names[step]))
        self._show_choice()
        self._show_state()

    def env_dir(self) -> Path:
        return Path(self.ui.folderWidget.filePath().strip() or default_env_dir())

    def plan(self):
        wheelhouse = self.ui.wheelhouseWidget.filePath().strip() if self.ui.offlineCheck.isChecked() else None
        return machine_plan(self.env_dir(), self.ui.torchCombo.currentData(), wheelhouse)

    # actions --------------------------------------------------------------------------------
    def install(self, repair: bool = False, fetch=None) -> bool:
        """Start (or resume) the install in a thread; False when it cannot start (the message says why)."""
        if self.thread is not None:
            return False
        folder = self.ui.wheelhouseWidget.filePath().strip()
        if self.ui.offlineCheck.isChecked() and not (folder and Path(folder).is_dir()):
            self._say(self.tr("Choose the folder of wheels to install from."), ERROR_STYLE)
            return False
        try:
            plan, _gpu = self.plan()
        except (InstallError, ValueError) as exc:
            self._say(str(exc), ERROR_STYLE)
            return False
        if not plan.choice.supported:
            self._say(plan.choice.reason, ERROR_STYLE)
            return False
        self.ui.logView.clear()
        self._reset_steps()
        self.thread = thread = InstallThread(plan, repair, fetch)  # no parent: it outlives a dialog deleted mid-run
        _RUNNING.add(thread)
        thread.finished.connect(lambda: _RUNNING.discard(thread))
        self.destroyed.connect(thread.cancel)
        thread.event.connect(self._on_event)
        thread.done.connect(self._on_done)
        self._busy(True)
        self._say(self.tr("Installing into {} ({})…").format(plan.env_dir, plan.choice.reason))
        self.thread.start()
        return True

    def cancel(self) -> None:
        if self.thread is not None:
            self._say(self.tr("Cancelling…"))
            self.thread.cancel()

    def diagnose(self) -> str:
        text = self.report()
        self.ui.logView.setPlainText(text)
        return text

    def report(self) -> str:
        try:
            plan, gpu = self.plan()
            choice = plan.choice
        except (InstallError, ValueError):
            gpu = choice = None
        return report(self.env_dir(), self.python, gpu, choice)

    def copy_report(self) -> None:
        QApplication.clipboard().setText(self.report())
        self._say(self.tr("The report is on the clipboard."))

    def remove(self, confirm: bool = True) -> bool:
        env = self.env_dir()
        if self.thread is not None or not env.exists():
            return False
        if confirm and QMessageBox.question(
                self, self.tr("Remove the backend environment"),
                self.tr("Delete {} and everything in it?").format(env)) != QMessageBox.Yes:
            return False
        try:
            remove_env(env)
        except OSError as exc:
            self._say(self.tr("Could not remove {}: {}").format(env, exc), ERROR_STYLE)
            return False
        self._reset_steps()
        self._say(self.tr("Removed {}.").format(env))
        return True

    def closeEvent(self, event):  # noqa: N802 (Qt's name)
        if self.thread is not None:  # closing cancels: the state file says where the next Install resumes
            self.thread.cancel()
            self.thread.wait(30000)
        super().closeEvent(event)

    # progress ---------------------------------------------------------------------------------
    def _on_event(self, event: dict) -> None:
        if event["event"] == "log":
            self.ui.logView.appendPlainText(event["line"])
        elif event["event"] == "step":
            index = STEPS.index(event["step"])
            item = self.ui.stepsList.item(index)
            status = event["status"]
            extra = self.tr(" (already done)") if status == "skipped" else ""
            item.setText(f"{MARKS.get(status, '')} {self.step_names[event['step']]}{extra}")
            if status in ("done", "skipped"):
                self.ui.progressBar.setValue(index + 1)

    def _on_done(self, outcome: str, message: str, result) -> None:
        self.thread.wait()
        self.thread = None
        self._busy(False)
        if outcome == "done":
            python = str(venv_python(self.env_dir()))
            style = WARN_STYLE if (result or {}).get("problem") else OK_STYLE
            self._say(self.tr("Installed. Self-test: {}").format(message), style)
            self.installed.emit(python)
        elif outcome == "cancelled":
            self._say(self.tr("Cancelled. Press Install to resume where it stopped."), WARN_STYLE)
        else:
            self._say(message, ERROR_STYLE)

    def _show_choice(self, *_) -> None:
        try:
            plan, gpu = self.plan()
        except (InstallError, ValueError) as exc:
            self.ui.choiceLabel.setText(str(exc))
            return
        if not gpu and self.ui.torchCombo.currentData() == "auto":  # the reason already says what was found
            self.ui.choiceLabel.setText(plan.choice.reason)
            return
        found = self.tr("NVIDIA GPU: {} (driver {})").format(gpu[1], gpu[0]) if gpu else self.tr("no NVIDIA GPU found")
        self.ui.choiceLabel.setText(f"{found} — {plan.choice.reason}")

    def _show_state(self, *_) -> None:
        state = read_state(self.env_dir())
        if state.get("complete"):
            test = state.get("selftest") or {}
            self._say(self.tr("Installed. Self-test: {}").format(test.get("summary", "")),
                      WARN_STYLE if test.get("problem") else OK_STYLE)
        elif state.get("failed"):
            self._say(self.tr("Not completely installed: {}").format(state["failed"].get("message", "")), WARN_STYLE)
        elif state["steps"]:
            self._say(self.tr("Not completely installed: press Install to resume."), WARN_STYLE)
        else:
            self._say("")

    def _reset_steps(self) -> None:
        for index, step in enumerate(STEPS):
            self.ui.stepsList.item(index).setText(self.step_names[step])
        self.ui.progressBar.setValue(0)

    def _busy(self, busy: bool) -> None:
        ui = self.ui
        for widget in (ui.installButton, ui.repairButton, ui.removeButton, ui.folderWidget, ui.torchCombo,
                       ui.offlineCheck):
            widget.setEnabled(not busy)
        ui.wheelhouseWidget.setEnabled(not busy and ui.offlineCheck.isChecked())
        ui.cancelButton.setEnabled(busy)

    def _say(self, text: str, style: str = "") -> None:
        self.ui.resultLabel.setText(text)
        self.ui.resultLabel.setStyleSheet(style)

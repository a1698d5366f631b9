"""The settings dialog (settings_dialog.ui): shows and edits a PluginSettings."""
import dataclasses
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QDialog, QDialogButtonBox, QFileDialog
from qgis.gui import QgsFileWidget

from ..qgis_core.model_choice import (FAMILIES, FOLDER_RULES, PRESETS, RS2SAM2, RSREFSEG2, SAM3, TRAINED,
                                      checkpoint_of, checkpoint_problem, family_of, trained_model)
from ..qgis_core.installer.env_check import env_of, env_problem
from ..qgis_core.installer.env_folder import read_state
from ..qgis_core.settings import PluginSettings, default_backend_python, default_results_path

FORM, _ = uic.loadUiType(str(Path(__file__).with_name("settings_dialog.ui")))
DEVICES = ("auto", "cpu", "cuda", "mps")


class SettingsDialog(QDialog):
    def __init__(self, settings: PluginSettings, parent=None):
        super().__init__(parent)
        self._settings = settings  # what the dialog does not show (e.g. the dock's heatmap toggle) is kept
        self.ui = FORM()
        self.ui.setupUi(self)
        ui = self.ui
        ui.deviceCombo.addItems(DEVICES)
        for name in PRESETS:
            ui.modelCombo.addItem(name, name)
        ui.modelCombo.addItem(self.tr("Trained checkpoint…"), TRAINED)
        ui.modelCombo.addItem(self.tr("RSRefSeg 2 release file (.pth)…"), RSREFSEG2)
        ui.modelCombo.addItem(self.tr("RS2-SAM 2 release folder…"), RS2SAM2)
        ui.modelCombo.addItem(self.tr("SAM 3 folder…"), SAM3)
        self._folder_titles = {RS2SAM2: self.tr("Choose the RS2-SAM 2 release folder"),
                               SAM3: self.tr("Choose the SAM 3 folder")}
        ui.checkpointWidget.setFilter(self.tr("Checkpoints (*.pt *.pth)"))
        ui.checkpointWidget.setDialogTitle(self.tr("Choose a trained checkpoint"))
        ui.crsCombo.addItem(self.tr("the raster layer's CRS (one results layer per CRS)"), "layer")
        ui.crsCombo.addItem(self.tr("the project CRS"), "project")
        ui.pythonEdit.setPlaceholderText(default_backend_python() or ui.pythonEdit.placeholderText())
        ui.resultsEdit.setPlaceholderText(self.tr("beside the project: <project>_rrsis_results.gpkg (unsaved: {})")
                                          .format(default_results_path()))
        ui.pythonEdit.setText(settings.backend_python)
        ui.urlEdit.setText(settings.backend_url)
        ui.tokenEdit.setText(settings.token_file)
        ui.deviceCombo.setCurrentText(settings.device)
        self._show_model(settings.model)
        ui.modelsDirEdit.setText(settings.models_dir)
        ui.maxSideSpin.setValue(settings.max_side)
        ui.bandsEdit.setText(settings.bands)
        ui.crsCombo.setCurrentIndex(max(0, ui.crsCombo.findData(settings.output_crs)))
        ui.resultsEdit.setText(settings.results_path)
        ui.memoryCheck.setChecked(settings.memory_layer)
        ui.topKSpin.setValue(settings.top_k)
        ui.idleCheck.setChecked(settings.idle_encode)
        ui.idleDelaySpin.setValue(settings.idle_delay_ms / 1000)
        ui.idleCheck.toggled.connect(ui.idleDelaySpin.setEnabled)
        ui.idleDelaySpin.setEnabled(settings.idle_encode)
        ui.modelCombo.currentIndexChanged.connect(self._check_model)
        ui.checkpointWidget.fileChanged.connect(self._check_model)
        ui.modelsDirButton.clicked.connect(self._choose_models_dir)
        ui.modelsButton.clicked.connect(lambda: self.open_models())
        self.models_dialog = None  # the model manager, while open
        self._grown_from = 0  # the height before a long refusal grew the dialog: given back when it goes
        self._reserve_problem_room()
        ui.installButton.clicked.connect(lambda: self.open_installer())
        ui.pythonEdit.textChanged.connect(self._show_install_status)
        self.installer_dialog = None
        self._show_install_status()
        self._check_model()

    def values(self) -> PluginSettings:
        ui = self.ui
        return dataclasses.replace(
            self._settings, backend_python=ui.pythonEdit.text().strip(), backend_url=ui.urlEdit.text().strip(),
            token_file=ui.tokenEdit.text().strip(), device=ui.deviceCombo.currentText(),
            model=self.model(), models_dir=ui.modelsDirEdit.text().strip(),
            max_side=ui.maxSideSpin.value(), bands=ui.bandsEdit.text().strip(), output_crs=ui.crsCombo.currentData(),
            results_path=ui.resultsEdit.text().strip(), memory_layer=ui.memoryCheck.isChecked(),
            top_k=ui.topKSpin.value(), idle_encode=ui.idleCheck.isChecked(),
            idle_delay_ms=round(ui.idleDelaySpin.value() * 1000))

    def open_models(self, focus=()):
        """The model manager for the backend Python and models folder shown here (before OK); ``focus``: to select."""
        from .models_dialog import open_models_dialog

        python = self.ui.pythonEdit.text().strip() or default_backend_python()
        return open_models_dialog(self, python, self.ui.modelsDirEdit.text().strip(), focus)

    def open_installer(self):
        """The backend installer; a passed self-test puts the new environment's Python in the field (kept on OK)."""
        from .installer_dialog import InstallerDialog

        if self.installer_dialog is None:
            python = self.ui.pythonEdit.text().strip()
            env = env_of(python) if python else None
            self.installer_dialog = InstallerDialog(python, str(env) if env else "", self)
            self.installer_dialog.installed.connect(self.ui.pythonEdit.setText)
            self.installer_dialog.installed.connect(self._show_install_status)
        self.installer_dialog.show()
        self.installer_dialog.raise_()
        return self.installer_dialog

    def _show_install_status(self, *_) -> None:
        """The installed environment's self-test line (or why it cannot be used) under the backend Python."""
        python = self.ui.pythonEdit.text().strip()
        env = env_of(python) if python else None
        problem = env_problem(python) if env else ""
        text = problem or (self.tr("Self-test: {}").format((read_state(env).get("selftest") or {}).get("summary", ""))
                           if env else "")
        self.ui.installStatusLabel.setText(text)
        self.ui.installStatusLabel.setStyleSheet("color: #d7301f;" if problem else "")
        self.ui.installStatusLabel.setVisible(bool(text))

    def _choose_models_dir(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Choose the models folder"),
                                                  self.ui.modelsDirEdit.text().strip() or str(Path.home()))
        if folder:
            self.ui.modelsDirEdit.setText(folder)

    def model(self) -> str:
        """The model setting the dialog shows: a preset's name or ``<family>:<checkpoint>``."""
        choice = self.ui.modelCombo.currentData()
        return trained_model(self.ui.checkpointWidget.filePath(), choice) if choice in FAMILIES else choice

    def _show_model(self, model: str) -> None:
        combo = self.ui.modelCombo
        if family_of(model):
            self.ui.checkpointWidget.setFilePath(checkpoint_of(model))
            model = family_of(model)
        elif combo.findData(model) < 0:  # a name set outside this dialog is kept, not silently replaced
            combo.insertItem(combo.count() - len(FAMILIES), model, model)
        combo.setCurrentIndex(combo.findData(model))

    def _check_model(self, *_) -> None:
        """The checkpoint chooser is live only for a checkpoint family; a file that cannot be loaded blocks OK."""
        choice = self.ui.modelCombo.currentData()
        trained = choice in FAMILIES
        folder = choice in FOLDER_RULES  # a Hugging Face model folder, not one file
        self.ui.checkpointWidget.setStorageMode(QgsFileWidget.GetDirectory if folder else QgsFileWidget.GetFile)
        self.ui.checkpointWidget.setDialogTitle(self._folder_titles[choice] if folder
                                                else self.tr("Choose a trained checkpoint"))
        self.ui.checkpointLabel.setText(self.tr("Folder") if folder else self.tr("Checkpoint"))
        self.ui.checkpointLabel.setEnabled(trained)
        self.ui.checkpointWidget.setEnabled(trained)
        problem = checkpoint_problem(self.model())
        self.ui.modelProblemLabel.setText(problem or "")
        self.ui.modelProblemLabel.setVisible(bool(problem))
        self.ui.buttons.button(QDialogButtonBox.Ok).setEnabled(not problem)
        self._fit_height()

    def showEvent(self, event):  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self._fit_height()

    def _reserve_problem_room(self) -> None:
        """The refusal's two lines are always there, shown or not: OK never moves under the pointer."""
        label = self.ui.modelProblemLabel
        policy = label.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        label.setSizePolicy(policy)
        metrics = label.fontMetrics()
        label.setMinimumHeight(metrics.height() + metrics.lineSpacing())

    def _fit_height(self) -> None:
        """Grow to show a longer message whole (a window does not follow its layout's height-for-width), and
        give the room back when it goes."""
        self.layout().activate()
        needed = max(self.heightForWidth(self.width()), self.minimumSizeHint().height())
        if needed > self.height():
            self._grown_from = self._grown_from or self.height()
            self.resize(self.width(), needed)
        elif self._grown_from and needed <= self._grown_from:
            self.resize(self.width(), self._grown_from)
            self._grown_from = 0

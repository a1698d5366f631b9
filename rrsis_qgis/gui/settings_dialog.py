"""The settings dialog (settings_dialog.ui): shows and edits a PluginSettings."""
from pathlib import Path

from qgis.PyQt import uic
from qgis.PyQt.QtWidgets import QDialog

from ..qgis_core.settings import PluginSettings, default_backend_python, default_results_path

FORM, _ = uic.loadUiType(str(Path(__file__).with_name("settings_dialog.ui")))
DEVICES = ("auto", "cpu", "cuda", "mps")
MODELS = ("default", "tiny-random", "full-random")


class SettingsDialog(QDialog):
    def __init__(self, settings: PluginSettings, parent=None):
        super().__init__(parent)
        self.ui = FORM()
        self.ui.setupUi(self)
        ui = self.ui
        ui.deviceCombo.addItems(DEVICES)
        ui.modelCombo.addItems(MODELS)
        ui.crsCombo.addItem(self.tr("the raster layer's CRS"), "layer")
        ui.crsCombo.addItem(self.tr("the project CRS"), "project")
        ui.pythonEdit.setPlaceholderText(default_backend_python() or ui.pythonEdit.placeholderText())
        ui.resultsEdit.setPlaceholderText(default_results_path())
        ui.pythonEdit.setText(settings.backend_python)
        ui.urlEdit.setText(settings.backend_url)
        ui.tokenEdit.setText(settings.token_file)
        ui.deviceCombo.setCurrentText(settings.device)
        ui.modelCombo.setCurrentText(settings.model)
        ui.modelsDirEdit.setText(settings.models_dir)
        ui.maxSideSpin.setValue(settings.max_side)
        ui.bandsEdit.setText(settings.bands)
        ui.crsCombo.setCurrentIndex(max(0, ui.crsCombo.findData(settings.output_crs)))
        ui.resultsEdit.setText(settings.results_path)
        ui.memoryCheck.setChecked(settings.memory_layer)
        ui.topKSpin.setValue(settings.top_k)

    def values(self) -> PluginSettings:
        ui = self.ui
        return PluginSettings(
            backend_python=ui.pythonEdit.text().strip(), backend_url=ui.urlEdit.text().strip(),
            token_file=ui.tokenEdit.text().strip(), device=ui.deviceCombo.currentText(),
            model=ui.modelCombo.currentText(), models_dir=ui.modelsDirEdit.text().strip(),
            max_side=ui.maxSideSpin.value(), bands=ui.bandsEdit.text().strip(), output_crs=ui.crsCombo.currentData(),
            results_path=ui.resultsEdit.text().strip(), memory_layer=ui.memoryCheck.isChecked(),
            top_k=ui.topKSpin.value())

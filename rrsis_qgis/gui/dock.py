"""The dock panel (dock.ui): draws the session's state and forwards clicks to it."""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsCoordinateTransform, QgsMapLayerProxyModel, QgsProject, QgsSettings
from qgis.gui import QgsDockWidget, QgsMapLayerComboBox
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QKeySequence
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton, QShortcut, QTreeWidgetItem, QVBoxLayout, QWidget

from ..geo.vector_writer import WriteError
from ..qgis_core.results_layer import ResultsError
from .refine_tool import RefineTool

FORM, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))
HISTORY_KEY, HISTORY_SIZE = "rrsis_qgis/phrase_history", 20
BADGE = {"connected": "#1fa34a", "starting": "#e69500", "down": "#d7301f"}


class RrsisDock(QgsDockWidget):
    def __init__(self, iface, session, open_settings, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("RRSIS — find by phrase"))
        self.setObjectName("RrsisDock")
        self.iface, self.session, self.open_settings = iface, session, open_settings
        self.ui = FORM()
        self._container = QWidget(self)
        self.ui.setupUi(self._container)
        self.setWidget(self._container)
        self.layer_combo = QgsMapLayerComboBox(self._container)
        self.layer_combo.setFilters(QgsMapLayerProxyModel.RasterLayer)
        QVBoxLayout(self.ui.layerComboHolder).addWidget(self.layer_combo)
        self.ui.layerComboHolder.layout().setContentsMargins(0, 0, 0, 0)
        self.refine_tool = RefineTool(iface.mapCanvas())
        self.refine_points: list = []
        self._load_history()
        self._connect()
        self._on_backend(session.backend.state, session.backend.detail)
        self._on_busy(False)
        if iface.activeLayer() is not None and iface.activeLayer().type() == iface.activeLayer().RasterLayer:
            self.layer_combo.setLayer(iface.activeLayer())
        self.update_view_info()

    # wiring -----------------------------------------------------------------------------------
    def _connect(self):
        ui, s = self.ui, self.session
        ui.runButton.clicked.connect(self.run)
        ui.phraseCombo.lineEdit().returnPressed.connect(self.run)
        ui.cancelButton.clicked.connect(s.cancel)
        ui.startButton.clicked.connect(s.backend.start)
        ui.stopButton.clicked.connect(s.backend.stop)
        ui.settingsButton.clicked.connect(self.open_settings)
        ui.acceptButton.clicked.connect(lambda: self._mark("accepted"))
        ui.rejectButton.clicked.connect(lambda: self._mark("rejected"))
        ui.zoomButton.clicked.connect(lambda: s.zoom_to(self._selected_ids()))
        ui.exportButton.clicked.connect(self.export)
        ui.refineButton.toggled.connect(self._toggle_refine)
        self.refine_tool.clicked.connect(self._on_refine_click)
        self.refine_tool.deactivated.connect(lambda: ui.refineButton.setChecked(False))
        for keys, slot in (("Ctrl+Return", self.run), ("Alt+A", lambda: self._mark("accepted")),
                           ("Alt+R", lambda: self._mark("rejected")), ("Esc", s.cancel)):
            shortcut = QShortcut(QKeySequence(keys), self._container)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.layer_combo.layerChanged.connect(lambda _layer: self.update_view_info())
        self.iface.mapCanvas().extentsChanged.connect(self.update_view_info)
        s.backend.stateChanged.connect(self._on_backend)
        s.busyChanged.connect(self._on_busy)
        s.resultsAdded.connect(self._on_results)
        s.failed.connect(self._on_failed)
        s.info.connect(lambda msg: self.iface.messageBar().pushMessage("RRSIS", msg, Qgis.Info, 5))

    # actions ----------------------------------------------------------------------------------
    def run(self):
        phrase = self.ui.phraseCombo.currentText()
        task = self.session.run(self.layer_combo.currentLayer(), phrase)
        if task is not None:
            self.refine_points = []
            self._remember(phrase)
            task.progressChanged.connect(lambda p: self.ui.progress.setValue(int(p)))

    def export(self):
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export results"), str(Path.home()),
                                              self.tr("GeoPackage (*.gpkg);;Shapefile (*.shp)"))
        if not path:
            return
        if not path.lower().endswith((".gpkg", ".shp")):
            path += ".gpkg"
        try:
            count = self.session.export(path, accepted_only=not self.ui.exportAllCheck.isChecked())
        except (WriteError, ResultsError) as exc:
            self.iface.messageBar().pushMessage("RRSIS", str(exc), Qgis.Critical, 0)
            return
        bar = self.iface.messageBar()
        item = bar.createMessage("RRSIS", self.tr("{} feature(s) exported to {}").format(count, path))
        button = QPushButton(self.tr("Open folder"))
        button.clicked.connect(lambda: _open_folder(Path(path).parent))
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.Success, 8)

    def update_view_info(self, *_):
        layer = self.layer_combo.currentLayer()
        self.ui.viewInfo.setText(self.session.describe_view(layer) if layer else self.tr("no raster layer"))

    def _mark(self, status):
        ids = self._selected_ids()
        if ids and self.session.set_status(ids, status):
            for item in self.ui.resultsList.selectedItems():
                item.setText(2, status)

    def _toggle_refine(self, on):
        canvas = self.iface.mapCanvas()
        if on:
            canvas.setMapTool(self.refine_tool)
        elif canvas.mapTool() is self.refine_tool:
            canvas.unsetMapTool(self.refine_tool)

    def _on_refine_click(self, point, label):
        params = self.session.last_params
        layer = QgsProject.instance().mapLayer(params.view.layer_id) if params else None
        if layer is None:
            self._on_failed(self.tr("run a phrase first, then add points to refine it"), False)
            return
        transform = QgsCoordinateTransform(self.iface.mapCanvas().mapSettings().destinationCrs(), layer.crs(),
                                           QgsProject.instance())
        p = transform.transform(point)
        self.refine_points.append([p.x(), p.y(), label])
        self.session.refine(list(self.refine_points))

    # session → widgets ------------------------------------------------------------------------
    def _on_backend(self, state, detail):
        colour = BADGE.get(state, "#777")
        self.ui.statusBadge.setText(f"<span style='color:{colour}'>●</span> {state}: {detail}")
        self.ui.statusBadge.setToolTip(self.session.backend.model_spec())  # the badge shows a checkpoint's name only
        self.ui.startButton.setText(self.tr("Restart") if state == "connected" else self.tr("Start"))
        self.ui.stopButton.setEnabled(state != "down")

    def _on_busy(self, busy):
        self.ui.runButton.setEnabled(not busy)
        self.ui.cancelButton.setEnabled(busy)
        self.ui.progress.setValue(0)
        self.ui.progress.setVisible(busy)

    def _on_results(self, rows):
        for row in rows:
            item = QTreeWidgetItem([row["prompt"], f"{row['score']:.3f}", row["status"]])
            item.setData(0, Qt.UserRole, row["req_id"])
            why = " · ".join(f"{k} {v:.2f}" for k, v in row.get("why", {}).items())
            for column in range(3):
                item.setToolTip(column, why)
            self.ui.resultsList.insertTopLevelItem(0, item)
        self.ui.resultsList.clearSelection()
        self.ui.resultsList.topLevelItem(0).setSelected(True)

    def _on_failed(self, message, offer_restart):
        bar = self.iface.messageBar()
        item = bar.createMessage("RRSIS", message)
        if offer_restart:
            button = QPushButton(self.tr("Restart backend"))
            button.clicked.connect(self.session.backend.start)
            item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.Warning, 0 if offer_restart else 8)

    # helpers ----------------------------------------------------------------------------------
    def _selected_ids(self):
        return [item.data(0, Qt.UserRole) for item in self.ui.resultsList.selectedItems()]

    def _load_history(self):
        history = QgsSettings().value(HISTORY_KEY, []) or []
        self.ui.phraseCombo.addItems([h for h in history if isinstance(h, str)])
        self.ui.phraseCombo.setCurrentText("")
        self.ui.phraseCombo.lineEdit().setPlaceholderText(self.tr("e.g. the white storage tank left of the road"))

    def _remember(self, phrase):
        phrase = " ".join(phrase.split())
        history = [phrase] + [h for h in (QgsSettings().value(HISTORY_KEY, []) or []) if h != phrase]
        QgsSettings().setValue(HISTORY_KEY, history[:HISTORY_SIZE])
        combo = self.ui.phraseCombo
        index = combo.findText(phrase)
        if index >= 0:
            combo.removeItem(index)
        combo.insertItem(0, phrase)
        combo.setCurrentIndex(0)

    def closeEvent(self, event):  # noqa: N802 (Qt's name)
        self._toggle_refine(False)
        super().closeEvent(event)


def _open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

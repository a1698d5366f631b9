"""The dock panel (dock.ui): draws the session's state and forwards clicks to it."""
from __future__ import annotations

from pathlib import Path

from qgis.core import Qgis, QgsCoordinateTransform, QgsMapLayerProxyModel, QgsPointXY, QgsProject, QgsSettings
from qgis.gui import QgsDockWidget, QgsMapLayerComboBox
from qgis.PyQt import uic
from qgis.PyQt.QtCore import Qt, QTimer, QUrl
from qgis.PyQt.QtGui import QDesktopServices, QFontMetrics, QKeySequence, QTextLayout
from qgis.PyQt.QtWidgets import QFileDialog, QPushButton, QShortcut, QVBoxLayout, QWidget

from ..geo.vector_writer import WriteError
from ..qgis_core.export import SHAPEFILE_TEXT
from ..qgis_core.idle_encoder import IdleEncoder
from ..qgis_core.installer.env_check import installed_summary
from ..qgis_core.results_layer import ResultsError
from .refine_tool import RefineTool
from .review_list import ReviewList

FORM, _ = uic.loadUiType(str(Path(__file__).with_name("dock.ui")))
HISTORY_KEY, HISTORY_SIZE = "rrsis_qgis/phrase_history", 20
EXPORT_DIR_KEY = "rrsis_qgis/last_export_dir"
BADGE = {"connected": "#1fa34a", "starting": "#e69500", "down": "#d7301f"}
QUIET_DOWN = ("", "stopped")  # a down backend's details that need no explanation in the dock
BADGE_DETAIL = 40  # characters of the backend's detail shown beside the dot; the rest is in the tooltip
VIEW_ROWS = 2  # the view line's height in text lines: the CRS and ground resolution, then the size and idle state


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
        self.refine_box = None  # [xmin, ymin, xmax, ymax] in the layer's CRS, when one was drawn
        self._previous_tool = None
        self._restart_item = None  # the one "Restart backend" message in the bar, if shown
        self.models_dialog = None  # the model manager, while open
        self._view, self._view_text = None, ""  # the view and its one-line text or why there is none: per canvas move
        line = self.ui.viewInfo  # a fixed height: the phrase field below must not move while the analyst aims at it
        line.setFixedHeight(VIEW_ROWS * line.fontMetrics().lineSpacing() + 2 * (line.frameWidth() + line.margin()))
        for button in (self.ui.startButton, self.ui.stopButton):
            button.setFocusPolicy(Qt.TabFocus)  # a click leaves the focus where it was: typing never restarts
        self.ui.problemRow.hide()
        self.review = ReviewList(self, self.ui, session, iface, self._on_failed)
        self.ui.heatmapCheck.setChecked(session.settings.show_heatmap)
        self.idle = session.idle = IdleEncoder(session, self.layer_combo.currentLayer, self)
        self._load_history()
        self._connect()
        self._on_backend(session.backend.state, session.backend.detail)
        self._on_busy(False)
        if iface.activeLayer() is not None and iface.activeLayer().type() == iface.activeLayer().RasterLayer:
            self.layer_combo.setLayer(iface.activeLayer())
        self.update_view_info()
        self.review.refresh()

    # wiring -----------------------------------------------------------------------------------
    def _connect(self):
        ui, s = self.ui, self.session
        self._enter_handled = False
        ui.runButton.clicked.connect(self.run)
        ui.phraseCombo.lineEdit().returnPressed.connect(self._on_enter)
        ui.cancelButton.clicked.connect(s.cancel)
        ui.startButton.clicked.connect(self._start_backend)
        ui.stopButton.clicked.connect(s.backend.stop)
        ui.settingsButton.clicked.connect(self.open_settings)
        ui.problemSettingsButton.clicked.connect(self.open_settings)
        ui.exportButton.clicked.connect(self.export)
        ui.refineButton.toggled.connect(self._toggle_refine)
        ui.heatmapCheck.toggled.connect(self._toggle_heatmap)
        self.refine_tool.clicked.connect(self._on_refine_click)
        self.refine_tool.boxDrawn.connect(self._on_refine_box)
        self.refine_tool.deactivated.connect(lambda: ui.refineButton.setChecked(False))
        self._shortcuts = []
        for keys, slot in (("Ctrl+Return", self.run), ("Esc", s.cancel)):  # the review keys: ReviewList
            shortcut = QShortcut(QKeySequence(keys), self._container)
            shortcut.setContext(Qt.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
            self._shortcuts.append(shortcut)
        self.layer_combo.layerChanged.connect(lambda _layer: self.update_view_info())
        canvas = self.iface.mapCanvas()
        canvas.extentsChanged.connect(self.update_view_info)  # it schedules the idle encode
        # QGIS 3.22 emits extentsChanged before the new CRS is in the map settings (a new project's first raster)
        canvas.destinationCrsChanged.connect(self.update_view_info)
        self._after_layers = QTimer(self)
        self._after_layers.setSingleShot(True)
        self._after_layers.setInterval(0)
        self._after_layers.timeout.connect(self.update_view_info)
        QgsProject.instance().layersAdded.connect(self._on_layers_added)
        self.visibilityChanged.connect(self.idle.set_active)
        self.idle.stateChanged.connect(self._show_view_info)
        s.backend.stateChanged.connect(self.idle.on_backend)
        s.backend.stateChanged.connect(self._on_backend)
        s.busyChanged.connect(self._on_busy)
        s.progress.connect(self.ui.progress.setValue)
        s.resultsAdded.connect(self._on_results)
        s.failed.connect(self._on_failed)
        s.info.connect(lambda msg: self.iface.messageBar().pushMessage("RRSIS", msg, Qgis.Info, 5))

    # actions ----------------------------------------------------------------------------------
    def _on_enter(self):
        """Enter in the phrase field: one query. An editable QComboBox's line edit emits returnPressed twice for one
        Enter (the combo hands the key it was given back to the line edit), and the second said "a query is already
        running" (seen in the Xvfb walk)."""
        if self._enter_handled:
            return
        self._enter_handled = True
        QTimer.singleShot(0, lambda: setattr(self, "_enter_handled", False))  # after this key event
        self.run()

    def run(self):
        phrase = self.ui.phraseCombo.currentText()
        if self.session.run(self.layer_combo.currentLayer(), phrase) is not None:
            self._clear_refine_points()
            self._remember(phrase)

    def export(self):
        gpkg, shp = self.tr("GeoPackage (*.gpkg)"), self.tr("Shapefile (*.shp)")
        folder = QgsSettings().value(EXPORT_DIR_KEY, "") or ""
        path, chosen = QFileDialog.getSaveFileName(self, self.tr("Export results"),
                                                   folder if Path(folder).is_dir() else str(Path.home()),
                                                   f"{gpkg};;{shp}")
        if not path:
            return
        if not path.lower().endswith((".gpkg", ".shp")):
            path += ".shp" if "*.shp" in chosen else ".gpkg"  # the type chosen in the dialog, not always GeoPackage
        QgsSettings().setValue(EXPORT_DIR_KEY, str(Path(path).parent))
        accepted_only = not self.ui.exportAllCheck.isChecked()
        try:
            count = self.session.export(path, accepted_only=accepted_only)
        except (WriteError, ResultsError) as exc:
            self.iface.messageBar().pushMessage("RRSIS", str(exc), Qgis.Critical, 0)
            return
        bar = self.iface.messageBar()
        item = bar.createMessage("RRSIS", self.tr("{} feature(s) exported to {}").format(count, path))
        button = QPushButton(self.tr("Open folder"))
        button.clicked.connect(lambda: _open_folder(Path(path).parent))
        item.layout().addWidget(button)
        bar.pushWidget(item, Qgis.Success, 8)
        cut = self.session.long_prompts(accepted_only) if path.lower().endswith(".shp") else 0
        if cut:
            bar.pushWidget(bar.createMessage("RRSIS", self.tr(
                "{} phrase(s) are longer than {} characters: the Shapefile keeps only their first {}; export to "
                "GeoPackage to keep them whole").format(cut, SHAPEFILE_TEXT, SHAPEFILE_TEXT)), Qgis.Warning, 0)

    def update_view_info(self, *_):
        """The canvas or the layer changed: describe the view a query would read and hand the same view to the
        idle encoder (one view per change: making one opens the raster)."""
        layer = self.layer_combo.currentLayer()
        view, self._view_text = self.session.current_view(layer) if layer else (None, self.tr("no raster layer"))
        self._view = view
        self.idle.schedule(view=view)
        self._show_view_info()

    def _on_layers_added(self, _layers):
        self._after_layers.start()  # once QGIS has set the project's CRS from the first layer

    def _show_view_info(self, *_):
        """Two lines, each elided to the dock's width (the whole text is the tooltip): the CRS and ground
        resolution first, whole in a narrow dock, then the view's size and the idle state; a reason why there is
        no view wraps over both."""
        if not hasattr(self, "idle"):
            return  # a resize while the dock is being built
        state = {"ready": self.tr("view ready"), "encoding": self.tr("preparing the view…")}.get(self.idle.state)
        state = f" · {state}" if self.layer_combo.currentLayer() and state else ""
        label = self.ui.viewInfo
        label.setToolTip(self._view_text + state)
        metrics, width = label.fontMetrics(), label.contentsRect().width()
        view = self._view
        if view is None:
            label.setText("\n".join(_wrapped(self._view_text, label.font(), width, VIEW_ROWS)))
            return
        where = self.tr("{crs} · {gsd} m/px (ground)").format(crs=view.crs_authid or self.tr("custom CRS"),
                                                                gsd=f"{view.ground_m:.3g}")
        size = self.tr("{width}×{height} px").format(width=view.plan.out_w, height=view.plan.out_h)
        room = max(0, width - metrics.horizontalAdvance(state))
        label.setText("\n".join((metrics.elidedText(where, Qt.ElideRight, width),
                                 metrics.elidedText(size, Qt.ElideRight, room) + state)))

    def _toggle_heatmap(self, on):
        self.session.set_heatmap(on)
        self.session.settings.save()

    def _start_backend(self):
        self.session.backend.start()
        self.ui.phraseCombo.setFocus()  # what comes next is a phrase (and Start keeps no focus to press again)

    def _toggle_refine(self, on):
        canvas = self.iface.mapCanvas()
        if on:
            if canvas.mapTool() is not self.refine_tool:
                self._previous_tool = canvas.mapTool()
            canvas.setMapTool(self.refine_tool)
        else:
            if canvas.mapTool() is self.refine_tool:
                canvas.unsetMapTool(self.refine_tool)
                if self._previous_tool is not None:
                    canvas.setMapTool(self._previous_tool)  # back to Pan (or whatever was in use)
            self._previous_tool = None
            self._clear_refine_points()

    def _on_refine_click(self, point, label):
        p = self._refine_target(point)
        if p is None:
            return
        self.refine_points.append([p.x(), p.y(), label])
        self.refine_tool.mark(point, label)
        self.session.refine(list(self.refine_points), self.refine_box)

    def _on_refine_box(self, rect):
        corners = [self._refine_target(c) for c in (QgsPointXY(rect.xMinimum(), rect.yMinimum()),
                                                    QgsPointXY(rect.xMaximum(), rect.yMaximum()))]
        if None in corners:
            return
        xs, ys = sorted(c.x() for c in corners), sorted(c.y() for c in corners)
        self.refine_box = [xs[0], ys[0], xs[1], ys[1]]
        self.session.refine(list(self.refine_points), self.refine_box)

    def _refine_target(self, point):
        """``point`` (canvas CRS) in the last query's layer CRS, or None with a message when it cannot be used."""
        params = self.session.last_params
        layer = QgsProject.instance().mapLayer(params.view.layer_id) if params else None
        if layer is None:
            self._on_failed(self.tr("run a phrase first, then add points to refine it"), False)
            return None
        transform = QgsCoordinateTransform(self.iface.mapCanvas().mapSettings().destinationCrs(), layer.crs(),
                                           QgsProject.instance())
        p = transform.transform(point)
        xmin, ymin, xmax, ymax = params.view.extent
        if not (xmin <= p.x() <= xmax and ymin <= p.y() <= ymax):
            self._on_failed(self.tr("that point is outside the view of the last query: run the phrase again "
                                    "on this view first"), False)
            return None
        return p

    def _clear_refine_points(self):
        self.refine_points, self.refine_box = [], None
        self.refine_tool.clear_marks()

    # session → widgets ------------------------------------------------------------------------
    def _on_backend(self, state, detail):
        short = " ".join(detail.split()) if state == "connected" else ""  # failures: the reason is in the tooltip
        short = short if len(short) <= BADGE_DETAIL else short[:BADGE_DETAIL - 1] + "…"
        self._badge = (BADGE.get(state, "#777"), state, short)
        self._fit_badge()
        tip = [f"{state}: {detail}"] if detail else [state]
        spec = self.session.backend.model_spec()  # the badge shows a checkpoint's name only
        settings = self.session.backend.settings
        tested = installed_summary(settings.python()) if state == "connected" and not settings.backend_url else ""
        if tested:  # started from the installer's environment: what its self-test found (GPU used or why not)
            spec = "\n".join((spec, self.tr("Self-test: {}").format(tested)))
        self.ui.statusBadge.setToolTip("\n".join(tip + [spec]) if state == "connected" else "\n".join(tip + [
            self.tr("Details: View ▸ Panels ▸ Log Messages ▸ rrsis_qgis")]))
        self.ui.startButton.setText(self.tr("Restart") if state == "connected" else self.tr("Start"))
        self.ui.stopButton.setEnabled(state != "down")
        problem = state == "down" and detail not in QUIET_DOWN and not self.session.backend.missing_weights
        # said in the dock, not only in a tooltip; below the phrase field, which must not move when it comes and goes
        self.ui.problemLabel.setText(detail if problem else "")
        self.ui.problemRow.setVisible(problem)
        if state == "connected":
            self._clear_restart_message()  # it no longer applies
        elif state == "down" and self.session.backend.missing_weights:
            self._offer_download(self.session.backend.missing_weights)

    def _fit_badge(self):
        """One line: the detail is elided to the badge's width once it is on screen (the rest is in the tooltip).

        Connected, the detail (device · model) stands alone: the green dot and Restart/Stop say connected, and
        "connected: " would leave a fresh profile's dock room for "cp…" only."""
        colour, state, short = getattr(self, "_badge", ("#777", "down", ""))
        label = self.ui.statusBadge
        words = "" if state == "connected" and short else f"{state}: " if short else state
        if short and label.isVisible():
            room = label.width() - label.fontMetrics().horizontalAdvance(f"● {words}")
            short = label.fontMetrics().elidedText(short, Qt.ElideRight, max(0, room))
        label.setText(f"<span style='color:{colour}'>●</span> {words}{short}")

    def resizeEvent(self, event):  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self._fit_badge()
        self._show_view_info()

    def _on_busy(self, busy):
        self.ui.runButton.setEnabled(not busy)
        self.ui.cancelButton.setEnabled(busy)
        self.ui.progress.setValue(0)
        self.ui.progress.setVisible(busy)

    def _on_results(self, rows):
        self.review.select_next(row["req_id"] for row in rows)
        self.review.refresh()
        layer = QgsProject.instance().mapLayer(rows[0]["layer_id"]) if rows else None
        if layer is not None:
            self.iface.setActiveLayer(layer)  # Ctrl+Z, the vertex tool and the attribute table act on it

    def _on_failed(self, message, offer_restart):
        bar = self.iface.messageBar()
        item = bar.createMessage("RRSIS", message)
        if offer_restart:
            self._clear_restart_message()  # one at a time
            button = QPushButton(self.tr("Restart backend"))
            button.clicked.connect(self._start_backend)
            item.layout().addWidget(button)
            self._restart_item = item
        bar.pushWidget(item, Qgis.Warning, 0 if offer_restart else 8)

    def _offer_download(self, files):
        """Start found checkpoints missing: say which and offer the model manager on them (one message of ours)."""
        self._clear_restart_message()
        bar = self.iface.messageBar()
        item = bar.createMessage("RRSIS", self.tr("Model weights are missing: {} — download them, then press Start")
                                 .format(", ".join(files)))
        button = QPushButton(self.tr("Download…"))
        button.clicked.connect(lambda: self.open_models(files))
        item.layout().addWidget(button)
        self._restart_item = item  # the same slot as "Restart backend": cleared once connected, and on unload
        bar.pushWidget(item, Qgis.Warning, 0)

    def open_models(self, focus=()):
        """The model manager for the session's backend Python and models folder; ``focus``: files or keys to select."""
        from .models_dialog import open_models_dialog

        settings = self.session.settings
        return open_models_dialog(self, settings.python(), settings.models_dir, focus)

    def _clear_restart_message(self):
        item, self._restart_item = self._restart_item, None
        if item is not None:
            try:
                self.iface.messageBar().popWidget(item)
            except RuntimeError:  # the user closed it already
                pass

    def cleanup(self):
        """Before the plugin is unloaded: no map tool, marker or message of ours stays behind."""
        self._toggle_refine(False)
        self._clear_restart_message()
        self.idle.stop()
        self.review.cleanup()
        canvas = self.iface.mapCanvas()
        for signal, slot in ((canvas.extentsChanged, self.update_view_info),
                             (canvas.destinationCrsChanged, self.update_view_info),
                             (QgsProject.instance().layersAdded, self._on_layers_added)):
            try:
                signal.disconnect(slot)
            except TypeError:
                pass

    # helpers ----------------------------------------------------------------------------------
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


def _wrapped(text: str, font, width: int, rows: int) -> list:
    """``text`` broken at word boundaries into at most ``rows`` lines ``width`` px wide, the last one elided."""
    layout = QTextLayout(text, font)
    layout.beginLayout()
    lines, start = [], 0
    while len(lines) < rows - 1:
        line = layout.createLine()
        if not line.isValid():
            break
        line.setLineWidth(width)
        lines.append(text[start:line.textStart() + line.textLength()].rstrip())
        start = line.textStart() + line.textLength()
    layout.endLayout()
    rest = text[start:]
    return lines + [QFontMetrics(font).elidedText(rest, Qt.ElideRight, width)] if rest else lines


def _open_folder(folder: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder)))

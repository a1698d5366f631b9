"""Run inside QGIS desktop (qgis --code docs/screenshot_sam3.py): what an analyst sees of SAM 3, as screenshots.

Used by `make screenshot-sam3` under Xvfb (1366×768). The model manager scrolled to SAM 3 and its licence
question (Download on `sam3`), the settings' model list and the "SAM 3 folder…" item, one phrase through a
`sam3-random` backend (RRSIS_SHOT_URL), and an absent concept through a `sam3:FOLDER` backend
(RRSIS_SHOT_FOLDER_URL: a save_pretrained folder of random weights, where SAM 3's 0.3 threshold applies).
Writes RRSIS_SHOT_DIR/sam3-*.png, each cropped to the windows it shows (screenshot_sam3.sh makes them small).
"""
import os

import qgis.utils
from qgis.core import QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QPoint, QRect, QTimer
from qgis.PyQt.QtWidgets import QApplication, QMessageBox

env = os.environ
iface = qgis.utils.iface
OUT = env["RRSIS_SHOT_DIR"]
raster = QgsRasterLayer(env["RRSIS_SHOT_RASTER"], os.path.basename(env["RRSIS_SHOT_RASTER"]))
QgsProject.instance().addMapLayer(raster)
iface.mapCanvas().setDestinationCrs(raster.crs())
iface.mainWindow().showMaximized()
state = {"connected": 0}


def save(name, *windows):
    """The screen, cropped to ``windows`` (windows or widgets, united), or the whole main window."""
    area = QRect()
    for window in windows or (iface.mainWindow(),):
        area = area.united(window.frameGeometry() if window.isWindow() else
                           QRect(window.mapToGlobal(QPoint(0, 0)), window.size()))
    shot = QApplication.primaryScreen().grabWindow(0).copy(area.adjusted(-8, -8, 8, 8))
    path = os.path.join(OUT, f"sam3-{name}.png")
    shot.save(path)
    print(f"[shot] {path} {shot.width()}x{shot.height()}", flush=True)


def later(ms, *steps):
    """Run the steps one after another, ``ms`` apart (windows repaint in between)."""
    if steps:
        QTimer.singleShot(ms, lambda: (steps[0](), later(ms, *steps[1:])))


def map_and_dock():
    return iface.mainWindow().centralWidget(), state["plugin"].dock


def start():
    qgis.utils.loadPlugin("rrsis_qgis")
    qgis.utils.startPlugin("rrsis_qgis")
    plugin = state["plugin"] = qgis.utils.plugins["rrsis_qgis"]
    plugin.action.trigger()
    view = raster.extent()
    view.scale(0.5)  # zoomed in on the middle, as an analyst looks for one object (and the PNG stays small)
    iface.mapCanvas().setExtent(view)
    settings = plugin.session.settings
    settings.backend_url, settings.token_file = env["RRSIS_SHOT_URL"], env["RRSIS_SHOT_TOKEN_FILE"]
    settings.backend_python, settings.models_dir = env["RRSIS_SHOT_PYTHON"], env["RRSIS_SHOT_MODELS"]
    settings.model = "sam3-random"
    settings.results_path = os.path.join(OUT, "results.gpkg")
    plugin.dock.layer_combo.setLayer(raster)
    models()


def models():
    from rrsis_qgis.gui.models_dialog import open_models_dialog

    settings = state["plugin"].session.settings
    dialog = state["models"] = open_models_dialog(iface.mainWindow(), settings.backend_python, settings.models_dir)
    dialog.manager.listed.connect(lambda *_: not state.get("listed") and later(800, scroll_to_sam3))


def scroll_to_sam3():
    state["listed"] = True
    dialog = state["models"]
    table, row = dialog.ui.modelsTable, list(dialog.rows).index("sam3")
    table.scrollToItem(table.item(row, 0), table.PositionAtTop)
    table.selectRow(row)
    later(600, lambda: save("1-models", dialog), press_download)


def press_download():
    dialog = state["models"]
    table = dialog.ui.modelsTable
    table.cellWidget(list(dialog.rows).index("sam3"), table.columnCount() - 1).click()
    later(800, lambda: save("2-licence", dialog, dialog.license_box), close_models)


def close_models():
    dialog = state["models"]
    dialog.license_box.button(QMessageBox.Cancel).click()
    later(500, dialog.close, settings_list)


def settings_list():
    from rrsis_qgis.gui.settings_dialog import SettingsDialog

    dialog = state["settings"] = SettingsDialog(state["plugin"].session.settings, iface.mainWindow())
    dialog.show()
    later(800, dialog.ui.modelCombo.showPopup,
          lambda: save("3-settings-models", dialog, dialog.ui.modelCombo.view().window()), settings_folder)


def settings_folder():
    dialog = state["settings"]
    combo = dialog.ui.modelCombo
    combo.hidePopup()
    combo.setCurrentIndex(combo.findData("sam3:"))
    dialog.ui.checkpointWidget.setFilePath(env["RRSIS_SHOT_MODELS"])  # an empty folder: refused, OK greyed
    later(800, lambda: save("4-settings-refused", dialog),
          lambda: dialog.ui.checkpointWidget.setFilePath(env["RRSIS_SHOT_FOLDER"]),
          lambda: save("5-settings-folder", dialog), dialog.reject, query)


def query():
    session = state["plugin"].session
    session.backend.stateChanged.connect(lambda s, _detail: s == "connected" and connected())
    session.resultsAdded.connect(lambda rows: later(2500, lambda: save("6-result", *map_and_dock()), absent))
    session.info.connect(lambda message: print("[info]", message, flush=True) or (
        "nothing" in message and later(600, lambda: save("7-nothing", *map_and_dock()), quit_)))
    session.failed.connect(lambda message, _restart: (print("[failed]", message, flush=True),
                                                       later(1500, lambda: save("failed"), quit_)))
    session.backend.start()


def connected():
    state["connected"] += 1
    dock = state["plugin"].dock
    dock.ui.phraseCombo.setCurrentText(env["RRSIS_SHOT_PHRASE"] if state["connected"] == 1 else
                                       env["RRSIS_SHOT_ABSENT"])
    later(1000, dock.run)


def absent():
    """The same view through the ``sam3:FOLDER`` backend, whose threshold is SAM 3's own."""
    session = state["plugin"].session
    state["plugin"].dock.ui.resultsList.clearSelection()  # the first result stays, not highlighted
    session.settings.backend_url = env["RRSIS_SHOT_FOLDER_URL"]
    session.settings.token_file = env["RRSIS_SHOT_FOLDER_TOKEN_FILE"]
    session.settings.model = "sam3:" + env["RRSIS_SHOT_FOLDER"]
    session.backend.start()


def quit_():
    QgsProject.instance().setDirty(False)
    print("[shot] exiting", flush=True)
    QTimer.singleShot(4000, lambda: (save("exit-blocked"), os._exit(1)))  # what stops QGIS from closing, if any
    iface.actionExit().trigger()


QTimer.singleShot(3000, start)

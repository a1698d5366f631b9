"""Run inside QGIS desktop (qgis --code docs/screenshot.py): open the dock, run a phrase, save screenshots.

Used by `make screenshot` under Xvfb. Environment: RRSIS_SHOT_RASTER, RRSIS_SHOT_OUT, RRSIS_SHOT_URL,
RRSIS_SHOT_TOKEN_FILE, RRSIS_SHOT_PHRASE. Writes RRSIS_SHOT_OUT (the result, heatmap on) and a sequence
beside it: <out>-1-phrase.png, -2-result.png, -3-accepted.png, -4-exported.png.
"""
import os

import qgis.utils
from qgis.core import QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QTimer

iface = qgis.utils.iface
OUT = os.environ["RRSIS_SHOT_OUT"]
raster = QgsRasterLayer(os.environ["RRSIS_SHOT_RASTER"], os.path.basename(os.environ["RRSIS_SHOT_RASTER"]))
QgsProject.instance().addMapLayer(raster)
iface.mapCanvas().setDestinationCrs(raster.crs())
iface.mapCanvas().setExtent(raster.extent())
iface.mainWindow().showMaximized()
state = {}


def save(name):
    path = OUT if name is None else OUT.replace(".png", f"-{name}.png")
    iface.mainWindow().grab().save(path)
    print("saved", path)


def later(ms, *steps):
    """Run the steps one after another, ``ms`` apart (the map repaints in between)."""
    if steps:
        QTimer.singleShot(ms, lambda: (steps[0](), later(ms, *steps[1:])))


def start():
    qgis.utils.loadPlugin("rrsis_qgis")
    qgis.utils.startPlugin("rrsis_qgis")
    plugin = state["plugin"] = qgis.utils.plugins["rrsis_qgis"]
    plugin.action.trigger()
    session = plugin.session
    session.settings.backend_url = os.environ["RRSIS_SHOT_URL"]
    session.settings.token_file = os.environ["RRSIS_SHOT_TOKEN_FILE"]
    session.settings.results_path = OUT.replace(".png", ".gpkg")
    dock = plugin.dock
    dock.layer_combo.setLayer(raster)
    dock.ui.heatmapCheck.setChecked(True)
    dock.ui.phraseCombo.setCurrentText(os.environ.get("RRSIS_SHOT_PHRASE", "the white storage tank left of the road"))
    session.backend.stateChanged.connect(lambda s, _detail: s == "connected" and not state.get("ran") and ask())
    session.resultsAdded.connect(lambda rows: later(2500, lambda: save("2-result"), lambda: save(None), accept))
    session.failed.connect(lambda msg, restart: (print("failed:", msg), later(1500, lambda: save(None), quit_)))
    session.backend.start()


def ask():
    state["ran"] = True
    later(1000, lambda: save("1-phrase"), state["plugin"].dock.run)


def accept():
    dock = state["plugin"].dock
    dock.ui.resultsList.topLevelItem(0).setSelected(True)
    dock.ui.acceptButton.click()
    later(1500, lambda: save("3-accepted"), export)


def export():
    dock = state["plugin"].dock
    path = OUT.replace(".png", "-export.gpkg")
    from qgis.PyQt.QtWidgets import QFileDialog

    QFileDialog.getSaveFileName = staticmethod(lambda *a, **k: (path, ""))  # no dialog to click under Xvfb
    dock.ui.exportButton.click()
    later(1500, lambda: save("4-exported"), quit_)


def quit_():
    """Project ▸ Exit QGIS, as a user would: a question about unsaved results would hang here (the run's timeout)."""
    QgsProject.instance().setDirty(False)  # the project file itself is not what is checked
    print("exiting")
    iface.actionExit().trigger()


QTimer.singleShot(3000, start)

"""Run inside QGIS desktop (qgis --code docs/screenshot.py): open the dock, run a phrase, save a screenshot.

Used by `make screenshot` under Xvfb. Environment: RRSIS_SHOT_RASTER, RRSIS_SHOT_OUT, RRSIS_SHOT_URL,
RRSIS_SHOT_TOKEN_FILE, RRSIS_SHOT_PHRASE.
"""
import os

import qgis.utils
from qgis.core import QgsApplication, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import QTimer

iface = qgis.utils.iface
raster = QgsRasterLayer(os.environ["RRSIS_SHOT_RASTER"], os.path.basename(os.environ["RRSIS_SHOT_RASTER"]))
QgsProject.instance().addMapLayer(raster)
iface.mapCanvas().setDestinationCrs(raster.crs())
iface.mapCanvas().setExtent(raster.extent())
iface.mainWindow().showMaximized()


def start():
    qgis.utils.loadPlugin("rrsis_qgis")
    qgis.utils.startPlugin("rrsis_qgis")
    plugin = qgis.utils.plugins["rrsis_qgis"]
    plugin.action.trigger()
    session = plugin.session
    session.settings.backend_url = os.environ["RRSIS_SHOT_URL"]
    session.settings.token_file = os.environ["RRSIS_SHOT_TOKEN_FILE"]
    session.settings.results_path = os.environ["RRSIS_SHOT_OUT"] + ".gpkg"
    session.backend.start()
    dock = plugin.dock
    dock.layer_combo.setLayer(raster)
    dock.ui.phraseCombo.setCurrentText(os.environ.get("RRSIS_SHOT_PHRASE", "the white storage tank left of the road"))
    session.resultsAdded.connect(lambda rows: QTimer.singleShot(2500, shoot))
    session.failed.connect(lambda msg, restart: (print("failed:", msg), QTimer.singleShot(1500, shoot)))
    dock.run()


def shoot():
    iface.mapCanvas().refresh()
    QTimer.singleShot(1500, lambda: (iface.mainWindow().grab().save(os.environ["RRSIS_SHOT_OUT"]),
                                     QgsApplication.exit(0)))


QTimer.singleShot(3000, start)

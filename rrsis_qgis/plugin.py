"""QGIS plugin object: toolbar button + Raster menu entry toggling the dock, Processing provider, clean unload."""
from __future__ import annotations

from qgis.core import QgsApplication, QgsSettings
from qgis.PyQt.QtCore import QCoreApplication, Qt, QTranslator
from qgis.PyQt.QtGui import QIcon
from qgis.PyQt.QtWidgets import QAction

from .resources import icon_path, translation_file

MENU = "&RRSIS"


class RrsisPlugin:
    def __init__(self, iface):
        self.iface = iface
        self.action = None
        self.dock = None
        self.session = None
        self.provider = None
        self.translator = None
        self.quitting = False

    def initGui(self):  # noqa: N802 (QGIS's name)
        QCoreApplication.instance().aboutToQuit.connect(self._on_quit)
        self._install_translator()
        self.action = QAction(QIcon(icon_path()), QCoreApplication.translate("RrsisPlugin", "RRSIS — find by phrase"), self.iface.mainWindow())
        self.action.setCheckable(True)
        self.action.setToolTip(QCoreApplication.translate(
            "RrsisPlugin", "Find the object a phrase describes and get its outline as polygons"))
        self.action.toggled.connect(self._toggle_dock)
        self.iface.addToolBarIcon(self.action)
        self.iface.addPluginToRasterMenu(MENU, self.action)
        self.initProcessing()

    def initProcessing(self):  # noqa: N802 (QGIS's name: qgis_process calls only this one)
        if self.provider is None:
            from .processing.provider import RrsisProvider

            self.provider = RrsisProvider()
            QgsApplication.processingRegistry().addProvider(self.provider)

    def unload(self):
        from .qgis_core.overlays import clean_overlay_dir

        if self.dock is not None:
            self.dock.cleanup()  # map tool, markers, the "Restart backend" message (its button would start one)
        try:
            QCoreApplication.instance().aboutToQuit.disconnect(self._on_quit)
        except TypeError:
            pass
        if self.session is not None:
            self.session.shutdown(self.quitting)  # cancels a running query, waits for the backend, drops overlays
        clean_overlay_dir()
        if self.dock is not None:
            self.iface.removeDockWidget(self.dock)
            self.dock.deleteLater()
        if self.action is not None:
            self.iface.removeToolBarIcon(self.action)
            self.iface.removePluginRasterMenu(MENU, self.action)
            self.action.deleteLater()
        if self.provider is not None:
            QgsApplication.processingRegistry().removeProvider(self.provider)
        if self.translator is not None:
            QCoreApplication.removeTranslator(self.translator)
        self.dock = self.session = self.action = self.provider = self.translator = None

    def _on_quit(self):
        self.quitting = True

    def _toggle_dock(self, visible: bool):
        if visible and self.dock is None:
            self._create_dock()
        if self.dock is not None:
            self.dock.setVisible(visible)

    def _create_dock(self):
        from .gui.dock import RrsisDock
        from .qgis_core.session import Session

        self.session = Session(self.iface.mapCanvas())
        self.dock = RrsisDock(self.iface, self.session, self._open_settings, self.iface.mainWindow())
        self.dock.visibilityChanged.connect(lambda visible: self.action.setChecked(visible) if self.action else None)
        self.iface.addDockWidget(Qt.RightDockWidgetArea, self.dock)

    def _open_settings(self):
        from .gui.settings_dialog import SettingsDialog

        from .qgis_core.backend_process import DOWN
        from .qgis_core.settings import backend_changed

        dialog = SettingsDialog(self.session.settings, self.iface.mainWindow())
        if dialog.exec_():
            new = dialog.values()
            new.save()
            changed = backend_changed(self.session.settings, new)
            restart = changed and self.session.backend.state != DOWN
            self.session.settings.__dict__.update(new.__dict__)  # the session and backend share this object
            self.dock.update_view_info()
            if restart:  # a running backend still has the old model/device: start the new one now
                self.session.backend.start()  # stops the old process first
                self.iface.messageBar().pushInfo(
                    "RRSIS", QCoreApplication.translate("RrsisPlugin", "Restarting the backend with the new settings"))
            elif changed:  # why it could not start (no backend Python yet, …) may be fixed now: Start tells
                self.session.backend.forget_reason()

    def _install_translator(self):
        locale = (QgsSettings().value("locale/userLocale", "") or "en")[:2]
        path = translation_file(locale)
        if path.exists():
            self.translator = QTranslator()
            if self.translator.load(str(path)):
                QCoreApplication.installTranslator(self.translator)
            else:
                self.translator = None

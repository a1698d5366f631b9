"""The dock's results list: rows from the results layers, Accept/Reject/Zoom, window-wide review keys."""
from __future__ import annotations

from qgis.PyQt.QtCore import QObject, Qt
from qgis.PyQt.QtGui import QKeySequence
from qgis.PyQt.QtWidgets import QAction, QTreeWidgetItem

# Alt+<letter> opens QGIS's menus (Alt+R = Raster): the review keys add Shift, which no menu uses.
SHORTCUTS = {"accept": "Alt+Shift+A", "reject": "Alt+Shift+R", "zoom": "Alt+Shift+Z"}


class ReviewList(QObject):
    """Drives ``ui.resultsList`` and the review buttons. The review keys are QGIS actions of the main window
    (Settings ▸ Keyboard Shortcuts can change them) and work wherever the focus is, the map included:
    reviewing happens looking at the map. Selecting rows selects their polygons on the map."""

    def __init__(self, dock, ui, session, iface, on_failed):
        super().__init__(dock)
        self.ui, self.session, self.iface, self.on_failed = ui, session, iface, on_failed
        self._select_next: list = []  # req_ids to select when the list is next rebuilt (a new query's)
        ui.acceptButton.clicked.connect(lambda: self.mark("accepted"))
        ui.rejectButton.clicked.connect(lambda: self.mark("rejected"))
        ui.zoomButton.clicked.connect(self.zoom)
        ui.resultsList.itemSelectionChanged.connect(lambda: self._select_on_map(flash=True))
        session.watcher.changed.connect(self.refresh)
        self.actions = []
        for key, text, slot in (
                ("accept", self.tr("RRSIS: accept the selected results"), lambda: self.mark("accepted")),
                ("reject", self.tr("RRSIS: reject the selected results"), lambda: self.mark("rejected")),
                ("zoom", self.tr("RRSIS: zoom to the selected results"), self.zoom)):
            action = QAction(text, dock)  # dies with the dock, so a dock never cleaned up leaves no shortcut behind
            action.setObjectName(f"mActionRrsis_{key}")
            action.setShortcut(QKeySequence(SHORTCUTS[key]))
            action.setShortcutContext(Qt.ApplicationShortcut)  # the map, a floating dock, the layer panel
            action.triggered.connect(slot)
            for widget in (iface.mainWindow(), dock):  # a shortcut lives while a widget holding it is shown
                widget.addAction(action)
            iface.registerMainWindowAction(action, SHORTCUTS[key])
            self.actions.append(action)

    def refresh(self):
        """Rebuild the list from the results layers (they are the truth: undo, attribute table, vertex tool)."""
        tree = self.ui.resultsList
        selected = set(self._select_next) or set(self.selected_ids())
        self._select_next = []
        tree.blockSignals(True)  # one map selection for the rebuilt list, not one per row
        try:
            tree.clear()
            for row in self.session.rows():
                item = QTreeWidgetItem([row["prompt"], f"{row['score']:.3f}", row["status"]])
                item.setData(0, Qt.UserRole, row["req_id"])
                why = " · ".join(f"{k} {v:.2f}" for k, v in row["why"].items())
                for column in range(3):
                    item.setToolTip(column, why)
                tree.addTopLevelItem(item)
                item.setSelected(row["req_id"] in selected)
        finally:
            tree.blockSignals(False)
        self._select_on_map()

    def select_next(self, req_ids):
        self._select_next = list(req_ids)

    def selected_ids(self):
        return [item.data(0, Qt.UserRole) for item in self.ui.resultsList.selectedItems()]

    def mark(self, status):
        ids = self.selected_ids()
        if ids and not self.session.set_status(ids, status):
            self.on_failed(self.tr("the selected result is no longer in the results layer (undone or deleted)"),
                           False)
        self.refresh()

    def zoom(self):
        ids = self.selected_ids()
        if ids and not self.session.zoom_to(ids):
            self.on_failed(self.tr("the selected result is no longer in the results layer (undone or deleted)"),
                           False)

    def _select_on_map(self, flash=False):
        self.session.select_results(self.selected_ids(), flash)

    def cleanup(self):
        for action in self.actions:
            self.iface.unregisterMainWindowAction(action)
            for widget in (self.iface.mainWindow(), self.parent()):
                widget.removeAction(action)
            action.deleteLater()
        self.actions = []

"""Tell the dock when any results layer changes: queries, undo/redo, QGIS's own tools, the attribute table."""
from __future__ import annotations

from qgis.core import QgsProject
from qgis.PyQt.QtCore import QObject, QTimer, pyqtSignal

from .results_layer import MARKER

LAYER_SIGNALS = ("featureAdded", "featuresDeleted", "attributeValueChanged", "geometryChanged",
                 "afterCommitChanges", "afterRollBack", "dataChanged")


class ResultsWatcher(QObject):
    """``changed`` fires once per burst of edits (coalesced on the event loop)."""

    changed = pyqtSignal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.changed)
        self._watched = {}
        project = QgsProject.instance()
        project.layersAdded.connect(self._on_layers_added)
        project.layersRemoved.connect(self._on_layers_removed)
        self._on_layers_added(list(project.mapLayers().values()))

    def _on_layers_added(self, layers) -> None:
        for layer in layers:
            if layer.customProperty(MARKER) and layer.id() not in self._watched:
                for name in LAYER_SIGNALS:
                    getattr(layer, name).connect(self._schedule)
                self._watched[layer.id()] = layer
                self._schedule()

    def _on_layers_removed(self, layer_ids) -> None:
        if any(self._watched.pop(layer_id, None) is not None for layer_id in list(layer_ids)):
            self._schedule()

    def _schedule(self, *_) -> None:
        self._timer.start()

    def close(self) -> None:
        project = QgsProject.instance()
        project.layersAdded.disconnect(self._on_layers_added)
        project.layersRemoved.disconnect(self._on_layers_removed)
        for layer in self._watched.values():
            for name in LAYER_SIGNALS:
                try:
                    getattr(layer, name).disconnect(self._schedule)
                except (TypeError, RuntimeError):  # the layer is already gone
                    pass
        self._watched.clear()
        self._timer.stop()

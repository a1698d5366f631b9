"""Where layers go in the layer tree: overlays just below the results, results above newly added rasters."""
from __future__ import annotations

from qgis.core import QgsMapLayer, QgsProject
from qgis.PyQt.QtCore import QObject, QTimer

from .results_layer import MARKER


def add_below_results(layer: QgsMapLayer) -> None:
    """Add ``layer`` to the project just below the topmost results layer (on top when there is none)."""
    project = QgsProject.instance()
    project.addMapLayer(layer, False)  # not through the layer panel's insertion point: it would become current
    root = project.layerTreeRoot()
    node = _top_results_node(root)
    if node is None:
        root.insertLayer(0, layer)
    else:
        parent = node.parent()
        parent.insertLayer(parent.children().index(node) + 1, layer)


def _top_results_node(root):
    for node in root.findLayers():
        if node.layer() is not None and node.layer().customProperty(MARKER):
            return node
    return None


class ResultsOnTop(QObject):
    """A raster newly added above the results (a basemap, an orthophoto) is moved just below them.

    Only new layers move: a raster the analyst drags above the results later stays where it is put, and a
    project that is opened keeps the order it was saved with.
    """

    def __init__(self, parent=None):
        super().__init__(parent)
        self._new_ids: list = []
        QgsProject.instance().layersAdded.connect(self._on_added)
        QgsProject.instance().readProject.connect(self._forget)

    def _forget(self, *_) -> None:
        self._new_ids = []

    def _on_added(self, layers) -> None:
        self._new_ids += [layer.id() for layer in layers if layer.type() == QgsMapLayer.RasterLayer]
        if self._new_ids:
            QTimer.singleShot(0, self.fix)  # after the layer panel has placed them

    def fix(self) -> None:
        new, self._new_ids = set(self._new_ids), []
        root = QgsProject.instance().layerTreeRoot()
        nodes = root.findLayers()
        results = [n for n in nodes if n.layer() is not None and n.layer().customProperty(MARKER)]
        if not results:
            return
        for node in nodes[:nodes.index(results[0])]:
            if node.layerId() in new:
                _move_below(node, results[-1])

    def close(self) -> None:
        for signal, slot in ((QgsProject.instance().layersAdded, self._on_added),
                             (QgsProject.instance().readProject, self._forget)):
            try:
                signal.disconnect(slot)
            except (TypeError, RuntimeError):
                pass


def _move_below(node, anchor) -> None:
    clone = node.clone()
    parent = anchor.parent()
    parent.insertChildNode(parent.children().index(anchor) + 1, clone)
    node.parent().removeChildNode(node)

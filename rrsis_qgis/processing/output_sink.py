"""The algorithm's output layer: created at the first feature (or at the end), removed again if the run stops.

A cancelled or failed run must leave nothing behind — no empty GeoPackage at the output path, no
half-filled layer loaded into the project. So the sink is not made before the run starts, and
:meth:`OutputSink.discard` deletes what was made (the file set through its GDAL driver, or the
temporary layer) when the run stops after the first object was written.
"""
from __future__ import annotations

from osgeo import gdal
from qgis.core import QgsFeature, QgsFeatureSink, QgsProcessingException, QgsWkbTypes

MAX_NAME = 60  # characters of the phrase kept in the output layer's name


class OutputSink:
    def __init__(self, alg, parameters, context, fields, crs, layer_name: str):
        self.alg, self.parameters, self.context = alg, parameters, context
        self.fields, self.crs, self.layer_name = fields, crs, layer_name
        self.sink, self.dest = None, None

    def add(self, feature: QgsFeature) -> None:
        self._open().addFeature(feature, QgsFeatureSink.FastInsert)

    def close(self) -> str:
        """Finish the output (an empty layer when nothing was found) and return its destination."""
        self._open()
        self.sink = None  # the writer is flushed and closed when the last reference goes
        return self.dest

    def discard(self) -> None:
        """Remove whatever was written: the file (set) or the temporary layer, and its load on completion."""
        if self.dest is None:
            return
        self.sink = None
        dest, self.dest = self.dest, None
        layers = self.context.layersToLoadOnCompletion()
        if dest in layers:
            del layers[dest]
            self.context.setLayersToLoadOnCompletion(layers)
        store = self.context.temporaryLayerStore()
        if store.mapLayer(dest) is not None:
            store.removeMapLayer(dest)
            return
        path = dest.split("|", 1)[0]
        driver = gdal.IdentifyDriverEx(path, gdal.OF_VECTOR)
        if driver is not None:
            driver.Delete(path)  # a Shapefile's .shx/.dbf/.prj/.cpg go with it

    def _open(self):
        if self.dest is None:
            name = self.alg.OUTPUT
            self.sink, self.dest = self.alg.parameterAsSink(self.parameters, name, self.context, self.fields,
                                                            QgsWkbTypes.MultiPolygon, self.crs)
            if self.sink is None:
                raise QgsProcessingException(self.alg.invalidSinkError(self.parameters, name))
            if self.context.willLoadLayerOnCompletion(self.dest):
                self.context.layerToLoadOnCompletionDetails(self.dest).name = layer_label(self.layer_name)
        return self.sink


def layer_label(phrase: str) -> str:
    return phrase if len(phrase) <= MAX_NAME else phrase[:MAX_NAME - 1].rstrip() + "…"

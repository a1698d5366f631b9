"""Processing algorithm "Segment by phrase": a whole raster, tile by tile through the backend, into a polygon layer."""
from __future__ import annotations

from pathlib import Path

from qgis.core import (QgsFeature, QgsGeometry, QgsProcessing, QgsProcessingAlgorithm,
                       QgsProcessingException, QgsProcessingFeedback, QgsProcessingParameterEnum,
                       QgsProcessingParameterExtent, QgsProcessingParameterFeatureSink, QgsProcessingParameterFile,
                       QgsProcessingParameterNumber, QgsProcessingParameterRasterLayer,
                       QgsProcessingParameterString)
from qgis.PyQt.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qgis.PyQt.QtGui import QIcon

from .. import __version__
from ..geo.raster_window import RasterError
from ..geo.result_schema import FIELD_NAMES
from ..geo.tiled_run import MODES, BackendAsk, TiledCancelled, result_row, run_tiled
from ..geo.tiling import MAX_TILE, MIN_TILE, plan_grid
from ..phrase_check import clean_phrase
from ..qgis_core.backend_client import BackendError
from ..qgis_core.extent import layer_crs_wkt
from ..qgis_core.results_layer import result_fields
from ..qgis_core.settings import PluginSettings
from ..resources import icon_path
from .backend_choice import backend_client
from .cluster_cli import Cancelled, cluster_command, read_features, remove_output, run_command
from .output_sink import OutputSink

HELP = QT_TRANSLATE_NOOP("SegmentByPhrase", """\
Finds what a phrase describes in a whole raster and writes its outlines as polygons (in the raster's CRS, \
with the fields of the RRSIS results layer).

The raster (or the extent) is read in tiles through GDAL windows at the target GSD — never whole —, each tile \
goes to the RRSIS backend, and objects cut by tile borders are joined across the overlap.

<b>Mode</b> <i>single</i>: the one object the phrase refers to; positions, relations and superlatives ("the largest \
tank", "the building in the top-left corner") are judged over the whole area on a coarse overview, then the object \
is cut at the target GSD in the tiles under it. <i>all</i>: every instance the phrase names, each tile searched.

<b>Backend</b>: empty URL = the backend the RRSIS panel started (or the one set in its settings); otherwise the \
URL of a running <tt>python -m rrsis_qgis.server</tt> and its token file.

<b>Dask cluster</b>: <tt>local:N</tt> (N worker processes on this machine) or a scheduler's address \
(<tt>tcp://HOST:8786</tt>): the tiles run as Dask tasks, each worker with its own model (the plugin's model and \
device settings), mode <i>all</i> only. The backend's Python runs the run; a cancelled run resumes when started \
again with the same inputs.""")  # marked: pylupdate5 collects it


class SegmentByPhrase(QgsProcessingAlgorithm):
    INPUT, PHRASE, EXTENT, GSD, TILE, OVERLAP = "INPUT", "PHRASE", "EXTENT", "GSD", "TILE", "OVERLAP"
    MODE, THRESHOLD, BACKEND_URL, TOKEN_FILE, OUTPUT = "MODE", "THRESHOLD", "BACKEND_URL", "TOKEN_FILE", "OUTPUT"
    CLUSTER = "CLUSTER"

    def tr(self, text: str) -> str:
        return QCoreApplication.translate("SegmentByPhrase", text)

    def createInstance(self):  # noqa: N802 (QGIS's names)
        return SegmentByPhrase()

    def name(self):
        return "segmentbyphrase"

    def displayName(self):  # noqa: N802
        return self.tr("Segment by phrase")

    def shortHelpString(self):  # noqa: N802
        return self.tr(HELP)

    def icon(self):
        return QIcon(icon_path())

    def initAlgorithm(self, config=None):  # noqa: N802
        number = QgsProcessingParameterNumber
        self.addParameter(QgsProcessingParameterRasterLayer(self.INPUT, self.tr("Raster layer")))
        self.addParameter(QgsProcessingParameterString(self.PHRASE, self.tr("Phrase"),
                                                       defaultValue="the white storage tank left of the road"))
        self.addParameter(QgsProcessingParameterExtent(self.EXTENT, self.tr("Extent (default: the whole raster)"),
                                                       optional=True))
        self.addParameter(number(self.GSD, self.tr("Target GSD, m/px (0 = the raster's)"), number.Double,
                                 defaultValue=0.0, minValue=0.0))
        self.addParameter(number(self.TILE, self.tr("Tile size, px"), number.Integer, defaultValue=1024,
                                 minValue=MIN_TILE, maxValue=MAX_TILE))
        self.addParameter(number(self.OVERLAP, self.tr("Tile overlap, px"), number.Integer, defaultValue=128,
                                 minValue=0, maxValue=MAX_TILE // 2))
        self.addParameter(QgsProcessingParameterEnum(
            self.MODE, self.tr("Mode"), options=[self.tr("single: the one referred object"),
                                                 self.tr("all: every instance")], defaultValue=0))
        self.addParameter(number(self.THRESHOLD, self.tr("Score threshold"), number.Double, defaultValue=0.0,
                                 minValue=0.0, maxValue=1.0))
        self.addParameter(QgsProcessingParameterString(self.BACKEND_URL, self.tr("Backend URL (empty: the panel's)"),
                                                       defaultValue="", optional=True))
        self.addParameter(QgsProcessingParameterFile(self.TOKEN_FILE, self.tr("Backend token file"), optional=True,
                                                     fileFilter="All files (*)"))  # token files have no extension
        self.addParameter(QgsProcessingParameterString(
            self.CLUSTER, self.tr("Dask cluster address (empty: the tiles go to the backend)"), defaultValue="",
            optional=True))
        self.addParameter(QgsProcessingParameterFeatureSink(self.OUTPUT, self.tr("Segments"),
                                                            QgsProcessing.TypeVectorPolygon))

    def processAlgorithm(self, parameters, context, feedback):  # noqa: N802
        feedback = feedback or QgsProcessingFeedback()
        layer, phrase, grid = self._plan(parameters, context, feedback)
        address = self.parameterAsString(parameters, self.CLUSTER, context).strip()
        if address:
            return self._on_cluster(address, layer, phrase, parameters, context, feedback)
        client = backend_client(self.parameterAsString(parameters, self.BACKEND_URL, context).strip(),
                                self.parameterAsFile(parameters, self.TOKEN_FILE, context))
        mode = MODES[self.parameterAsEnum(parameters, self.MODE, context)]
        feedback.pushInfo(self.tr("{}, mode {}, backend {}").format(grid.describe(), mode, client.url))
        fields = result_fields()
        output = OutputSink(self, parameters, context, fields, layer.crs(), phrase)
        src_layer = Path(layer.source()).name

        def write(inst, outcome) -> None:  # each object as soon as it is final: nothing piles up
            row = result_row(outcome, inst, outcome.count - 1, phrase, src_layer, __version__)
            feature = QgsFeature(fields)
            geom = QgsGeometry()
            geom.fromWkb(bytes(inst.geom.ExportToWkb()))
            feature.setGeometry(geom)
            feature.setAttributes([row[name] for name in FIELD_NAMES])
            output.add(feature)

        def progress(fraction: float, message: str) -> None:
            feedback.setProgress(100.0 * fraction)
            feedback.setProgressText(message)

        try:
            outcome = run_tiled(grid, phrase, BackendAsk(client), mode=mode,
                                threshold=self.parameterAsDouble(parameters, self.THRESHOLD, context),
                                progress=progress, cancelled=feedback.isCanceled, on_instance=write)
        except TiledCancelled:
            # Not an error: QGIS 3.22's dialog still prints its own "Execution failed" for any cancelled run.
            output.discard()
            feedback.pushInfo(self.tr("Cancelled: nothing was written."))
            return {}
        except (BackendError, ValueError) as exc:
            output.discard()
            raise QgsProcessingException(getattr(exc, "message", None) or str(exc)) from None
        feedback.pushInfo(self.tr("{} object(s); {} request(s) in {:.1f} s").format(
            outcome.count, outcome.requests, outcome.seconds))
        return {self.OUTPUT: output.close()}

    def _on_cluster(self, address, layer, phrase, parameters, context, feedback):
        """The tiles as Dask tasks: the backend's Python runs the command line, its objects go to the sink."""
        if MODES[self.parameterAsEnum(parameters, self.MODE, context)] != "all":
            raise QgsProcessingException(self.tr("a Dask cluster runs the mode 'all: every instance'; the mode "
                                                 "'single' reads one overview and a few tiles: leave the cluster "
                                                 "address empty for it"))
        settings = PluginSettings.load()
        command = cluster_command(settings.python(), layer.source(), phrase, address,
                                  self.parameterAsInt(parameters, self.TILE, context),
                                  self.parameterAsInt(parameters, self.OVERLAP, context),
                                  self.parameterAsDouble(parameters, self.THRESHOLD, context),
                                  self.parameterAsDouble(parameters, self.GSD, context),
                                  self._extent(parameters, context, layer), settings.model, settings.device,
                                  settings.models_dir)
        feedback.pushInfo(self.tr("Dask cluster {}: {}").format(address, " ".join(command[1:])))
        try:
            summary = run_command(command, feedback)
        except Cancelled:
            feedback.pushInfo(self.tr("Cancelled: nothing was written; the finished tiles are kept, and the same run "
                                      "started again resumes from them."))
            return {}
        output = OutputSink(self, parameters, context, result_fields(), layer.crs(), phrase)
        for feature in read_features(summary["output"], result_fields()):
            output.add(feature)
        remove_output(summary["output"])
        feedback.pushInfo(self.tr("{} object(s); tiles: {} done, {} retried, {} failed").format(
            summary["features"], summary["done"], summary["retried"], summary["failed"]))
        return {self.OUTPUT: output.close()}

    def _plan(self, parameters, context, feedback):
        """(layer, phrase, tile grid) from the parameters; a target GSD finer than the raster's is said, not hidden."""
        layer = self.parameterAsRasterLayer(parameters, self.INPUT, context)
        if layer is None or layer.providerType() != "gdal":
            raise QgsProcessingException(self.tr("the input must be a raster file that GDAL reads "
                                                 "(web layers are not tiled; use the panel for them)"))
        target = self.parameterAsDouble(parameters, self.GSD, context) or None
        try:
            phrase = clean_phrase(self.parameterAsString(parameters, self.PHRASE, context))
            grid = plan_grid(layer.source(), self._extent(parameters, context, layer), target,
                             self.parameterAsInt(parameters, self.TILE, context),
                             self.parameterAsInt(parameters, self.OVERLAP, context),
                             crs_wkt=layer_crs_wkt(layer))
        except (RasterError, ValueError) as exc:
            raise QgsProcessingException(str(exc)) from None
        if target and target < grid.gsd_m * (1 - 1e-6):
            feedback.pushWarning(self.tr("The target GSD {:.3g} m/px is finer than the raster's {:.3g} m/px: the "
                                         "raster's own GSD is used (tiles are never upsampled).").format(
                                             target, grid.gsd_m))
        return layer, phrase, grid

    def _extent(self, parameters, context, layer):
        if not parameters.get(self.EXTENT):
            return None
        rect = self.parameterAsExtent(parameters, self.EXTENT, context, layer.crs())
        return None if rect.isNull() else (rect.xMinimum(), rect.yMinimum(), rect.xMaximum(), rect.yMaximum())

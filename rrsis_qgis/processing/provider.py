"""The RRSIS Processing provider: "Segment by phrase" for the toolbox, batch runs, the Model Builder and qgis_process."""

from qgis.core import QgsProcessingProvider
from qgis.PyQt.QtGui import QIcon

from ..resources import icon_path


class RrsisProvider(QgsProcessingProvider):
    def id(self):  # noqa: A003 (QGIS's name)
        return "rrsis"

    def name(self):
        return "RRSIS"

    def longName(self):  # noqa: N802
        return self.tr("RRSIS — referring segmentation")

    def icon(self):
        return QIcon(icon_path())

    def loadAlgorithms(self):  # noqa: N802
        from .segment_algorithm import SegmentByPhrase

        self.addAlgorithm(SegmentByPhrase())

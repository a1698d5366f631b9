"""The RRSIS Processing provider, registered so batch and Model Builder algorithms have a home."""

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
        pass  # the tiled large-raster algorithm is added by its own issue

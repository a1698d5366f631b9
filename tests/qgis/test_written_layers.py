"""What the CLI writes opens in QGIS as a proper vector layer (offscreen QgsApplication via pytest-qgis)."""
import numpy as np
import pytest
from qgis.core import QgsProject, QgsVectorLayer, QgsWkbTypes

from rrsis_qgis.geo.result_schema import FIELD_NAMES
from rrsis_qgis.geo.vector_writer import ResultFeature, write_features
from rrsis_qgis.geo.vectorize import mask_to_geometry
from tests.conftest import wkt_of

GT = (741000.0, 0.5, 0.0, 3735000.0, 0.0, -0.5)


def result_features():
    mask = np.zeros((40, 40), bool)
    mask[5:15, 5:25] = True
    mask[8:11, 8:11] = False  # a hole
    other = np.zeros((40, 40), bool)
    other[25:35, 25:35] = True
    return [ResultFeature(mask_to_geometry(m, GT, wkt_of(32616)),
                          {"prompt": "the white storage tank", "score": s, "model": "tiny-random",
                           "status": "candidate", "gsd_m": 0.5})
            for m, s in ((mask, 0.9), (other, 0.4))]


@pytest.mark.parametrize("name", ["result.gpkg", "result.shp"])
def test_written_file_loads_as_a_qgis_layer(qgis_app, tmp_path, name):
    path = tmp_path / name
    write_features(str(path), result_features(), wkt_of(32616))
    layer = QgsVectorLayer(str(path), "RRSIS results", "ogr")
    QgsProject.instance().addMapLayer(layer)  # owned by the project, released with it
    try:
        assert layer.isValid()
        assert layer.crs().authid() == "EPSG:32616"
        assert layer.featureCount() == 2
        assert [f.name() for f in layer.fields() if f.name() != "fid"] == list(FIELD_NAMES)
        assert QgsWkbTypes.geometryType(layer.wkbType()) == QgsWkbTypes.PolygonGeometry
        feats = sorted(layer.getFeatures(), key=lambda f: -f["score"])
        assert feats[0]["prompt"] == "the white storage tank" and feats[0]["status"] == "candidate"
        assert feats[0].geometry().area() == pytest.approx((200 - 9) * 0.25)
        assert feats[1].geometry().area() == pytest.approx(100 * 0.25)
    finally:
        QgsProject.instance().removeMapLayer(layer.id())

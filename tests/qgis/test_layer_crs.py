"""The layer's CRS as QGIS knows it (Layer Properties → Source) georeferences the results, not the file's."""
from __future__ import annotations

import pytest
from qgis.core import (QgsCoordinateReferenceSystem, QgsProcessingContext, QgsProcessingFeedback, QgsProject,
                       QgsRasterLayer, QgsVectorLayer)

from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.conftest import write_tif
from tests.qgis.conftest import show

PHRASE = "the white storage tank"
UTM33 = QgsCoordinateReferenceSystem("EPSG:32633")
GT = (500_000.0, 0.5, 0.0, 4_000_000.0, 0.0, -0.5)  # UTM 33N coordinates


def scene_tif(path, epsg):
    return write_tif(path, demo_scene(size=256).image.transpose(2, 0, 1), gt=GT, epsg=epsg)


def layer_with_crs_set_in_qgis(path) -> QgsRasterLayer:
    layer = QgsRasterLayer(str(path), "scene")
    assert layer.isValid()
    layer.setCrs(UTM33)  # what Layer Properties → Source → "Assigned coordinate reference system" does
    QgsProject.instance().addMapLayer(layer)
    return layer


@pytest.mark.parametrize("file_epsg", [None, 4326], ids=["file_without_crs", "file_with_a_wrong_crs"])
def test_the_dock_georeferences_with_the_crs_assigned_in_qgis(qtbot, qgis_canvas, session, tmp_path, file_epsg):
    from rrsis_qgis.qgis_core.results_layer import find_results_layer, find_results_layers

    layer = layer_with_crs_set_in_qgis(scene_tif(tmp_path / "scene.tif", file_epsg))
    show(qgis_canvas, layer)
    failures, rows = [], []
    session.failed.connect(lambda message, _restart: failures.append(message))
    session.resultsAdded.connect(rows.extend)
    with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        assert session.run(layer, PHRASE) is not None, failures
    assert not failures and rows
    results = find_results_layer(UTM33)  # an earlier test's results layers may be in the project too
    assert results is not None and results.crs().authid() == "EPSG:32633"
    assert {layer.crs().authid() for layer in find_results_layers() if layer.featureCount()} >= {"EPSG:32633"}
    for feature in results.getFeatures():
        assert layer.extent().contains(feature.geometry().boundingBox())


@pytest.mark.slow
@pytest.mark.parametrize("file_epsg", [None, 4326], ids=["file_without_crs", "file_with_a_wrong_crs"])
def test_processing_georeferences_with_the_crs_assigned_in_qgis(qgis_app, backend, tmp_path, file_epsg):
    from rrsis_qgis.processing.segment_algorithm import SegmentByPhrase

    layer = layer_with_crs_set_in_qgis(scene_tif(tmp_path / "scene.tif", file_epsg))
    try:
        context = QgsProcessingContext()
        context.setProject(QgsProject.instance())
        out = tmp_path / "out.gpkg"
        results, ok = SegmentByPhrase().create().run(
            {"INPUT": layer, "PHRASE": PHRASE, "TILE": 160, "OVERLAP": 32, "MODE": 1, "BACKEND_URL": backend.url,
             "TOKEN_FILE": str(backend.token_file), "OUTPUT": str(out)}, context, QgsProcessingFeedback())
        assert ok, results
        written = QgsVectorLayer(results["OUTPUT"], "out", "ogr")
        assert written.isValid() and written.crs().authid() == "EPSG:32633"
        features = list(written.getFeatures())
        assert features
        for feature in features:
            assert layer.extent().contains(feature.geometry().boundingBox())
            assert feature["gsd_m"] == pytest.approx(0.5, abs=0.01)  # metres of 32633, not "degrees" of the file
    finally:
        QgsProject.instance().removeMapLayer(layer.id())

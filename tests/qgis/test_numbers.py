"""Numbers the analyst reads and stores: ground GSD in any CRS, one results layer per CRS, rotated views,
and the Shapefile's 254-character limit."""
import math

import pytest
from osgeo import ogr
from qgis.core import QgsCoordinateReferenceSystem, QgsGeometry, QgsPointXY, QgsProject, QgsRasterLayer
from qgis.PyQt.QtCore import Qt

from rrsis_qgis.qgis_core.results_layer import find_results_layers
from rrsis_qgis.train.synthetic_scene import demo_scene
from tests.conftest import write_tif
from tests.qgis.conftest import show
from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (fixture)

WEB_MERCATOR_PX = 0.5971642834779395  # zoom level 18
LAT = 37.7


@pytest.fixture
def mercator_layer(tmp_path):
    """The demo scene as a Web Mercator raster at 37.7° N (San Francisco), zoom-18 pixels."""
    y = 6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(LAT) / 2))
    image = demo_scene(size=256).image.transpose(2, 0, 1)
    path = write_tif(tmp_path / "sf_3857.tif", image, gt=(-13627361.0, WEB_MERCATOR_PX, 0.0, y + 128 * WEB_MERCATOR_PX,
                                                          0.0, -WEB_MERCATOR_PX), epsg=3857)
    layer = QgsRasterLayer(path, "sf_3857")
    QgsProject.instance().addMapLayer(layer)
    return layer


def test_web_mercator_gsd_is_ground_metres_and_each_crs_gets_its_own_results_layer(
        qtbot, qgis_canvas, plugin, scene_layer, mercator_layer, settings):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(mercator_layer)
    show(qgis_canvas, mercator_layer)
    assert "256×256 px @ 0.472 m/px (ground), EPSG:3857" in dock.ui.viewInfo.toolTip()  # not 0.597 (the line may be elided)
    run_phrase(qtbot, dock, "the white storage tank left of the road")
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    run_phrase(qtbot, dock, "the white storage tank left of the road")

    layers = {layer.crs().authid(): layer for layer in find_results_layers()}
    assert set(layers) == {"EPSG:3857", "EPSG:32616"}  # "the raster layer's CRS", for every raster
    [merc] = layers["EPSG:3857"].getFeatures()
    assert merc["gsd_m"] == pytest.approx(WEB_MERCATOR_PX * math.cos(math.radians(LAT)), abs=0.002)
    assert merc["src_layer"] == "sf_3857"
    ds = ogr.Open(settings.results_file())
    tables = {ds.GetLayer(i).GetName(): ds.GetLayer(i).GetFeatureCount() for i in range(ds.GetLayerCount())}
    assert sorted(tables.values()) == [1, 1] and len(tables) == 2

    settings.output_crs = "project"  # the other choice: everything in the project's CRS
    QgsProject.instance().setCrs(QgsCoordinateReferenceSystem("EPSG:4326"))
    run_phrase(qtbot, dock, "the red building")
    assert {layer.crs().authid() for layer in find_results_layers()} == {"EPSG:3857", "EPSG:32616", "EPSG:4326"}


def test_a_rotated_view_finds_nothing_outside_what_is_on_screen(qtbot, qgis_canvas, plugin, scene_layer):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    qgis_canvas.zoomByFactor(0.6)
    qgis_canvas.setRotation(30)
    visible = QgsGeometry.fromPolygonXY([[QgsPointXY(p) for p in qgis_canvas.mapSettings().visiblePolygon()]])
    for phrase in ("the white storage tank", "the red building", "the road"):
        run_phrase(qtbot, dock, phrase)
    qgis_canvas.setRotation(0)
    found = [f.geometry() for layer in find_results_layers() for f in layer.getFeatures()]
    assert found
    for geom in found:  # within half a pixel of the visible area
        assert visible.buffer(0.5, 4).contains(geom), geom.asWkt(1)[:120]


def test_shapefile_export_warns_when_a_phrase_is_longer_than_it_keeps(qtbot, qgis_iface, qgis_canvas, plugin,
                                                                       scene_layer, tmp_path, monkeypatch):
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(scene_layer)
    show(qgis_canvas, scene_layer)
    phrase = "the white storage tank " + "that stands near the long straight road " * 8
    assert 254 < len(phrase.strip()) <= 512
    run_phrase(qtbot, dock, phrase)
    dock.ui.exportAllCheck.setChecked(True)
    out = tmp_path / "all.shp"
    monkeypatch.setattr("rrsis_qgis.gui.dock.QFileDialog.getSaveFileName", lambda *a, **k: (str(out), ""))
    messages = []
    qgis_iface.messageBar().widgetAdded.connect(lambda item: messages.append(item.text()))
    qtbot.mouseClick(dock.ui.exportButton, Qt.LeftButton)
    assert any("longer than 254 characters" in m and "GeoPackage" in m for m in messages), messages
    ds = ogr.Open(str(out))
    assert len(next(iter(ds.GetLayer(0))).GetField("prompt")) <= 254
    messages.clear()
    monkeypatch.setattr("rrsis_qgis.gui.dock.QFileDialog.getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "all.gpkg"), ""))
    qtbot.mouseClick(dock.ui.exportButton, Qt.LeftButton)
    assert not any("longer than" in m for m in messages)  # a GeoPackage keeps the whole phrase

"""Extent capture against GDAL on real rasters, and failure paths: killed backend, awkward rasters."""
import signal

import numpy as np
import pytest
from osgeo import gdal, osr
from qgis.core import QgsProject, QgsRasterLayer

from rrsis_qgis.qgis_core.extent import view_request
from tests.conftest import write_tif
from tests.qgis.conftest import EPSG4326, show

PHRASE = "the white storage tank"


def gdal_window(path, lonlat_box):
    """Independent expectation: the lon/lat box's corners (densified) → raster pixels, snapped outwards."""
    ds = gdal.Open(str(path))
    dst = osr.SpatialReference(wkt=ds.GetProjection())
    src = osr.SpatialReference()
    src.ImportFromEPSG(4326)
    for s in (src, dst):
        s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    lon0, lat0, lon1, lat1 = lonlat_box
    edge = np.linspace(0, 1, 33)
    pts = [(lon0 + t * (lon1 - lon0), lat) for t in edge for lat in (lat0, lat1)]
    pts += [(lon, lat0 + t * (lat1 - lat0)) for t in edge for lon in (lon0, lon1)]
    xy = [ct.TransformPoint(*p)[:2] for p in pts]
    inv = gdal.InvGeoTransform(ds.GetGeoTransform())
    cols, rows = zip(*[gdal.ApplyGeoTransform(inv, x, y) for x, y in xy])
    c0, c1 = max(0, int(np.floor(min(cols)))), min(ds.RasterXSize, int(np.ceil(max(cols))))
    r0, r1 = max(0, int(np.floor(min(rows)))), min(ds.RasterYSize, int(np.ceil(max(rows))))
    return c0, r0, c1 - c0, r1 - r0, ds.GetGeoTransform()


@pytest.mark.shared_data
@pytest.mark.parametrize("name", ["spacenet4_atlanta_pan_sample.tif", "rasterio_cogeo.tif"])
def test_canvas_in_4326_gives_the_exact_pixel_window_and_geotransform(qgis_canvas, shared_data, name):
    layer = QgsRasterLayer(str(shared_data / name), name)
    QgsProject.instance().addMapLayer(layer)
    try:
        show(qgis_canvas, layer, EPSG4326)
        full = qgis_canvas.extent()
        # zoom on the middle third of the view
        box = (full.xMinimum() + full.width() / 3, full.yMinimum() + full.height() / 3,
               full.xMinimum() + 2 * full.width() / 3, full.yMinimum() + 2 * full.height() / 3)
        from qgis.core import QgsRectangle

        qgis_canvas.setExtent(QgsRectangle(*box))
        visible = qgis_canvas.mapSettings().visibleExtent()
        request = view_request(qgis_canvas.mapSettings(), layer, max_side=4096)
        c0, r0, w, h, gt = gdal_window(shared_data / name, (visible.xMinimum(), visible.yMinimum(),
                                                             visible.xMaximum(), visible.yMaximum()))
        plan = request.plan
        assert (plan.xoff, plan.yoff, plan.win_w, plan.win_h) == (c0, r0, w, h)
        assert (plan.out_w, plan.out_h) == (w, h)  # under max_side: native resolution
        assert plan.geotransform == pytest.approx((gt[0] + c0 * gt[1], gt[1], 0, gt[3] + r0 * gt[5], 0, gt[5]))
        capped = view_request(qgis_canvas.mapSettings(), layer, max_side=100).plan
        assert max(capped.out_w, capped.out_h) == 100
    finally:
        QgsProject.instance().removeMapLayer(layer.id())


def test_rotated_canvas_covers_the_whole_visible_area(qgis_canvas, scene_layer):
    show(qgis_canvas, scene_layer)
    qgis_canvas.zoomByFactor(0.25)  # well inside the layer, so clipping does not hide the rotation
    straight = view_request(qgis_canvas.mapSettings(), scene_layer, 4096).plan
    qgis_canvas.setRotation(30)
    rotated = view_request(qgis_canvas.mapSettings(), scene_layer, 4096).plan
    qgis_canvas.setRotation(0)
    # the bounding box of a w×h view turned by 30°: w·cos + h·sin by w·sin + h·cos
    w, h = straight.win_w, straight.win_h
    c, s = np.cos(np.radians(30)), np.sin(np.radians(30))
    assert abs(rotated.win_w - (w * c + h * s)) <= 2 and abs(rotated.win_h - (w * s + h * c)) <= 2


def test_backend_killed_during_a_query_is_a_message_and_nothing_is_lost(qtbot, qgis_canvas, tmp_path, scene_layer):
    from rrsis_qgis.qgis_core.results_layer import find_results_layer
    from rrsis_qgis.qgis_core.session import Session
    from rrsis_qgis.qgis_core.settings import PluginSettings
    from tests.e2e.server_process import start_server

    srv = start_server("--token-file", tmp_path / "token")
    settings = PluginSettings(backend_url=srv.url, token_file=str(srv.token_file), results_path=str(tmp_path / "r.gpkg"))
    session = Session(qgis_canvas, settings)
    session.backend.start()
    qtbot.waitUntil(lambda: session.backend.state == "connected", timeout=30000)
    show(qgis_canvas, scene_layer)
    with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        session.run(scene_layer, PHRASE)
    layer = find_results_layer()
    assert layer.featureCount() == 1
    failures = []
    session.failed.connect(lambda message, restart: failures.append((message, restart)))
    settings.max_side = 2048  # a bigger view: the kill lands while the backend is busy
    big = write_tif(tmp_path / "big.tif", np.random.default_rng(0).integers(0, 255, (3, 2048, 2048), dtype=np.uint8),
                    gt=(741000.0, 0.5, 0.0, 3735000.0, 0.0, -0.5), epsg=32616)
    big_layer = QgsRasterLayer(big, "big")
    QgsProject.instance().addMapLayer(big_layer)
    show(qgis_canvas, big_layer)
    with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        session.run(big_layer, PHRASE)
        qtbot.wait(300)
        srv.stop(signal.SIGKILL)
    assert failures and failures[-1][1] is True, failures  # a message with a Restart offer
    assert "backend" in failures[-1][0]
    assert layer.featureCount() == 1  # the earlier result is still there
    session.shutdown()
    QgsProject.instance().removeAllMapLayers()


@pytest.mark.parametrize("kind", ["no_crs", "uint16_1band", "rgba"])
def test_awkward_rasters_give_a_result_or_a_clear_message(qtbot, qgis_canvas, session, tmp_path, kind):
    rng = np.random.default_rng(1)
    gt = (741000.0, 0.5, 0.0, 3735000.0, 0.0, -0.5)
    if kind == "no_crs":
        path = write_tif(tmp_path / "a.tif", rng.integers(0, 255, (3, 64, 64), dtype=np.uint8), gt=gt, epsg=None)
    elif kind == "uint16_1band":
        path = write_tif(tmp_path / "a.tif", rng.integers(0, 4000, (64, 64), dtype=np.uint16), gt=gt, epsg=32616)
    else:
        bands = rng.integers(0, 255, (4, 64, 64), dtype=np.uint8)
        bands[3, :, :20] = 0
        path = write_tif(tmp_path / "a.tif", bands, gt=gt, epsg=32616, alpha=True)
    layer = QgsRasterLayer(path, kind)
    QgsProject.instance().addMapLayer(layer)
    show(qgis_canvas, layer)
    failures, results = [], []
    session.failed.connect(lambda message, restart: failures.append(message))
    session.resultsAdded.connect(results.extend)
    session.info.connect(failures.append)
    task = session.run(layer, PHRASE)
    if task is not None:
        with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
            pass
    if kind == "no_crs":
        assert failures and "coordinate reference system" in failures[0]
    else:
        assert results or failures, "neither a result nor a message"


def test_managed_backend_starts_dies_and_restarts(qtbot, tmp_path):
    """The plugin's own QProcess backend: start, killed from outside → down with a reason, Start again."""
    import os
    import sys

    from rrsis_qgis.qgis_core.backend_process import BackendManager
    from rrsis_qgis.qgis_core.settings import PluginSettings

    manager = BackendManager(PluginSettings(backend_python=sys.executable, model="tiny-random", device="cpu"))
    states = []
    manager.stateChanged.connect(lambda state, detail: states.append((state, detail)))
    manager.start()
    qtbot.waitUntil(lambda: manager.state == "connected", timeout=120000)
    assert manager.client().health()["models"]["spec"] == "tiny-random"
    cmdline = open(f"/proc/{manager.process_id()}/cmdline").read().split("\0")
    assert cmdline[cmdline.index("--exit-with-parent") + 1] == str(os.getpid())  # it dies with QGIS
    os.kill(manager.process_id(), signal.SIGKILL)
    qtbot.waitUntil(lambda: manager.state == "down", timeout=30000)
    assert "exited" in manager.detail
    manager.start()
    qtbot.waitUntil(lambda: manager.state == "connected", timeout=120000)
    manager.stop()
    assert manager.state == "down" and [s for s, _ in states].count("connected") == 2


def test_missing_backend_python_is_a_message(qtbot):
    from rrsis_qgis.qgis_core.backend_process import BackendManager
    from rrsis_qgis.qgis_core.settings import PluginSettings

    manager = BackendManager(PluginSettings(backend_python="/nonexistent/python"))
    manager.start()
    assert manager.state == "down" and "backend Python" in manager.detail


def test_web_layers_are_rendered_at_the_planned_size_and_segmented(qtbot, qgis_canvas, session, scene_layer):
    """A layer that is not a file goes through QgsMapRendererParallelJob; the scene raster stands in for
    a WMS/XYZ layer here (no network), so the rendered pixels can be checked against GDAL's."""
    from rrsis_qgis.geo.raster_window import read_view
    from rrsis_qgis.qgis_core.render_view import render_view

    show(qgis_canvas, scene_layer)
    scene_layer.providerType = lambda: "wms"  # what a web layer answers
    request = view_request(qgis_canvas.mapSettings(), scene_layer, max_side=128)
    assert request.rendered and (request.plan.out_w, request.plan.out_h) == (128, 128)
    view = render_view(qgis_canvas.mapSettings(), scene_layer, request)
    assert view.rgb.shape == (128, 128, 3) and view.valid.all()
    assert view.geotransform == pytest.approx(request.plan.geotransform)
    truth = read_view(scene_layer.source(), max_side=128).rgb.astype(float)
    correlation = np.corrcoef(view.rgb.astype(float).ravel(), truth.ravel())[0, 1]
    assert correlation > 0.9, correlation  # QGIS's display stretch changes values, not the picture
    results = []
    session.resultsAdded.connect(results.extend)
    with qtbot.waitSignal(session.busyChanged, timeout=60000, check_params_cb=lambda busy: not busy):
        assert session.run(scene_layer, PHRASE) is not None
    assert results and results[0]["src_layer"] == scene_layer.name()

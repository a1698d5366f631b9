"""QGIS-side fixtures: a real tiny-random backend process, a session wired to it, raster layers."""
from __future__ import annotations

import threading

import pytest
from qgis.core import QgsCoordinateReferenceSystem, QgsNetworkAccessManager, QgsProject, QgsRasterLayer, QgsSettings

from rrsis_qgis.train.synthetic_scene import demo_scene, write_geotiff
from tests.e2e.server_process import start_server
from tests.qgis.proxy_server import Proxy


@pytest.fixture(scope="module")
def backend(tmp_path_factory):
    srv = start_server("--token-file", tmp_path_factory.mktemp("backend") / "token")
    yield srv
    srv.stop()


@pytest.fixture
def settings(tmp_path, backend):
    from rrsis_qgis.qgis_core.settings import PluginSettings

    return PluginSettings(backend_url=backend.url, token_file=str(backend.token_file), model="tiny-random",
                          results_path=str(tmp_path / "results.gpkg"), max_side=256)


@pytest.fixture
def session(qtbot, qgis_canvas, settings):
    from rrsis_qgis.qgis_core.session import Session

    s = Session(qgis_canvas, settings)
    s.backend.start()
    qtbot.waitUntil(lambda: s.backend.state != "starting", timeout=30000)  # the health check runs in a thread
    assert s.backend.state == "connected", s.backend.detail
    yield s
    s.shutdown()
    QgsProject.instance().removeAllMapLayers()


@pytest.fixture
def scene_layer(tmp_path):
    path = write_geotiff(str(tmp_path / "scene.tif"), demo_scene(size=256).image)
    layer = QgsRasterLayer(path, "scene")
    assert layer.isValid()
    QgsProject.instance().addMapLayer(layer)
    return layer


def show(canvas, layer, crs=None):
    """Point the canvas at the whole layer, optionally in another CRS."""
    from qgis.core import QgsCoordinateTransform

    target = crs or layer.crs()
    canvas.setDestinationCrs(target)
    extent = QgsCoordinateTransform(layer.crs(), target, QgsProject.instance()).transformBoundingBox(layer.extent())
    canvas.setExtent(extent)
    canvas.refresh()


EPSG4326 = QgsCoordinateReferenceSystem("EPSG:4326")


def saved_statuses(path) -> dict:
    """req_id → status as another process (ogrinfo, a crash-restarted QGIS) reads the GeoPackage: what survives
    a crash or 'Discard'."""
    import json
    import subprocess
    import sys

    code = ("import json, sys; from osgeo import ogr; ds = ogr.Open(sys.argv[1]); "
            "print(json.dumps({f.GetField('req_id'): f.GetField('status') "
            "for i in range(ds.GetLayerCount()) for f in ds.GetLayer(i)}))")
    out = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


@pytest.fixture
def proxy(qgis_app):
    """QGIS's proxy setting (Settings → Options → Network) pointing at a recording proxy."""
    server = Proxy()
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings, keys = QgsSettings(), ("proxy/proxyEnabled", "proxy/proxyType", "proxy/proxyHost", "proxy/proxyPort")
    before = {key: settings.value(key) for key in keys}
    for key, value in zip(keys, (True, "HttpProxy", "127.0.0.1", str(server.server_address[1]))):
        settings.setValue(key, value)
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    yield server
    for key, value in before.items():
        settings.remove(key) if value is None else settings.setValue(key, value)
    QgsNetworkAccessManager.instance().setupDefaultProxyAndCache()
    server.shutdown()

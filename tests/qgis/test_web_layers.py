"""A real XYZ layer served by a local tile server: the query's pixels and georeferencing match the tiles,
at two zoom levels and with a canvas CRS other than the tiles' (EPSG:3857); rendering never blocks."""
import http.server
import math
import re
import threading
import time
from urllib.parse import parse_qsl, urlsplit

import numpy as np
import pytest
from osgeo import gdal
from qgis.core import (QgsCoordinateReferenceSystem, QgsCoordinateTransform, QgsPointXY, QgsProject,
                       QgsRasterLayer, QgsRectangle)
from qgis.PyQt.QtCore import Qt

from tests.qgis.test_plugin_gui import open_dock, plugin, run_phrase  # noqa: F401 (fixture)

HALF = 20037508.342789244  # half the Web Mercator world, metres
TARGET = (-84.3880, 33.7490)  # lon/lat of a white square on a gray world (Atlanta)
SIDE_M = 300.0  # its side in Web Mercator metres


def to_mercator(lon, lat):
    return HALF * lon / 180.0, HALF * math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)) / math.pi


def tile_png(z, x, y):
    """256² XYZ tile: gray, white inside the target square."""
    res = 2 * HALF / (256 * 2 ** z)
    return map_png(-HALF + x * 256 * res, HALF - (y + 1) * 256 * res, -HALF + (x + 1) * 256 * res,
                   HALF - y * 256 * res, 256, 256)


def map_png(xmin, ymin, xmax, ymax, width, height):
    """A Web Mercator box as a PNG: gray, white inside the target square (computed per pixel)."""
    cx, cy = to_mercator(*TARGET)
    xs = xmin + (np.arange(width) + 0.5) * (xmax - xmin) / width
    ys = ymax - (np.arange(height) + 0.5) * (ymax - ymin) / height
    inside = (np.abs(ys - cy)[:, None] <= SIDE_M / 2) & (np.abs(xs - cx)[None, :] <= SIDE_M / 2)
    rgb = np.where(inside, 255, 90).astype(np.uint8)
    mem = gdal.GetDriverByName("MEM").Create("", width, height, 3, gdal.GDT_Byte)
    for band in range(3):
        mem.GetRasterBand(band + 1).WriteArray(rgb)
    path = f"/vsimem/map_{xmin}_{ymin}_{width}.png"
    gdal.GetDriverByName("PNG").CreateCopy(path, mem)
    data = bytes(gdal.VSIGetMemFileBuffer_unsafe(path))  # copied before the file goes
    gdal.Unlink(path)
    return data


def capabilities(port):
    """The smallest WMS 1.3.0 capabilities QGIS accepts: one layer 'square' in EPSG:3857."""
    online = f'<DCPType><HTTP><Get><OnlineResource xlink:href="http://127.0.0.1:{port}/wms?"/></Get></HTTP></DCPType>'
    box = f'<BoundingBox CRS="EPSG:3857" minx="{-HALF}" miny="{-HALF}" maxx="{HALF}" maxy="{HALF}"/>'
    geo = ("<EX_GeographicBoundingBox><westBoundLongitude>-180</westBoundLongitude><eastBoundLongitude>180"
           "</eastBoundLongitude><southBoundLatitude>-85</southBoundLatitude><northBoundLatitude>85"
           "</northBoundLatitude></EX_GeographicBoundingBox>")
    return ('<?xml version="1.0"?><WMS_Capabilities version="1.3.0" xmlns="http://www.opengis.net/wms" '
            'xmlns:xlink="http://www.w3.org/1999/xlink"><Service><Name>WMS</Name><Title>test</Title></Service>'
            f"<Capability><Request><GetCapabilities><Format>text/xml</Format>{online}</GetCapabilities>"
            f"<GetMap><Format>image/png</Format>{online}</GetMap></Request>"
            "<Exception><Format>XML</Format></Exception>"
            f"<Layer><Title>root</Title><CRS>EPSG:3857</CRS>{geo}{box}"
            f"<Layer><Name>square</Name><Title>square</Title><CRS>EPSG:3857</CRS>{geo}{box}</Layer>"
            "</Layer></Capability></WMS_Capabilities>")


@pytest.fixture
def tile_server():
    requests, slow = [], []  # slow: seconds each tile takes (a far server), when set

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            match = re.match(r"/(\d+)/(\d+)/(\d+)\.png", self.path)
            query = {k.upper(): v for k, v in parse_qsl(urlsplit(self.path).query)}
            if match:
                requests.append(self.path)
                if slow:
                    time.sleep(slow[0])
                body, kind = tile_png(*map(int, match.groups())), "image/png"
            elif query.get("REQUEST") == "GetCapabilities":
                body, kind = capabilities(self.server.server_port).encode(), "text/xml"
            elif query.get("REQUEST") == "GetMap":
                requests.append(self.path)
                box = [float(v) for v in query["BBOX"].split(",")]
                body, kind = map_png(*box, int(query["WIDTH"]), int(query["HEIGHT"])), "image/png"
            else:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", requests, slow
    server.shutdown()


@pytest.mark.parametrize("kind, half_width_m", [("xyz", 400.0), ("xyz", 2000.0), ("wms", 400.0)])
def test_web_layers_reach_the_query_exactly_where_they_are(qtbot, qgis_canvas, plugin, tile_server, kind,
                                                           half_width_m):
    """XYZ at two zoom levels of the tiles, and a WMS GetMap."""
    url, requests, _ = tile_server
    uri = (f"type=xyz&url={url}/{{z}}/{{x}}/{{y}}.png&zmin=0&zmax=19" if kind == "xyz" else
           f"crs=EPSG:3857&format=image/png&layers=square&styles=&url={url}/wms")
    layer = QgsRasterLayer(uri, "tiles", "wms")
    assert layer.isValid(), layer.error().summary()
    QgsProject.instance().addMapLayer(layer)
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(layer)
    utm = QgsCoordinateReferenceSystem("EPSG:32616")  # the canvas is not in the tiles' CRS
    qgis_canvas.setDestinationCrs(utm)
    centre = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:4326"), utm, QgsProject.instance()).transform(
        QgsPointXY(*TARGET))
    qgis_canvas.setExtent(QgsRectangle(centre.x() - half_width_m, centre.y() - half_width_m,
                                       centre.x() + half_width_m, centre.y() + half_width_m))
    requests.clear()
    run_phrase(qtbot, dock, "the white square")
    assert requests  # tiles were fetched from the server during the query
    zooms = {int(r.split("/")[1]) for r in requests if kind == "xyz"} or {19}  # WMS: no tiles to quantise
    pixels = plugin.session.last_params.pixels
    assert pixels is not None and pixels.rgb.shape[:2] == pixels.valid.shape
    white = (pixels.rgb[..., 0] > 200) & pixels.valid
    assert white.sum() > 4, (white.sum(), zooms)
    rows, cols = np.nonzero(white)
    gt = pixels.geotransform
    x = gt[0] + (cols.mean() + 0.5) * gt[1]
    y = gt[3] + (rows.mean() + 0.5) * gt[5]
    tx, ty = to_mercator(*TARGET)
    zoom = min(zooms)  # the canvas may fetch its own tiles too: the coarsest bounds the error
    tolerance = 2 * HALF / (256 * 2 ** zoom) + 2 * gt[1]  # a tile pixel (their own quantisation) + 2 view pixels
    assert abs(x - tx) < tolerance and abs(y - ty) < tolerance, (x - tx, y - ty, tolerance)
    side = math.sqrt(white.sum()) * gt[1]
    assert abs(side - SIDE_M) < 2 * tolerance, (side, tolerance)
    QgsProject.instance().removeMapLayer(layer.id())



def test_slow_tiles_do_not_freeze_qgis_and_esc_cancels(qtbot, qgis_canvas, plugin, tile_server):
    url, requests, slow = tile_server
    layer = QgsRasterLayer(f"type=xyz&url={url}/{{z}}/{{x}}/{{y}}.png&zmin=0&zmax=19", "far tiles", "wms")
    QgsProject.instance().addMapLayer(layer)
    dock = open_dock(qtbot, plugin)
    dock.layer_combo.setLayer(layer)
    qgis_canvas.setDestinationCrs(layer.crs())
    x, y = to_mercator(*TARGET)
    qgis_canvas.setExtent(QgsRectangle(x - 700, y - 700, x + 700, y + 700))
    slow.append(3.0)  # every tile now takes 3 s
    edit = dock.ui.phraseCombo.lineEdit()
    qtbot.keyClicks(edit, "the white square")
    started = time.monotonic()
    qtbot.keyClick(edit, Qt.Key_Return)
    assert time.monotonic() - started < 1.0  # Enter returns at once: the tiles download in the background
    assert not dock.ui.runButton.isEnabled() and dock.ui.cancelButton.isEnabled()
    qtbot.wait(200)  # the event loop runs meanwhile (a blocked GUI thread would not get here before 3 s)
    assert time.monotonic() - started < 2.0
    with qtbot.waitSignal(plugin.session.busyChanged, timeout=5000, check_params_cb=lambda busy: not busy):
        qtbot.keyClick(edit, Qt.Key_Escape)  # Esc cancels
    assert time.monotonic() - started < 2.9  # before the first tile came back
    assert plugin.session.task is None and dock.ui.runButton.isEnabled()
    QgsProject.instance().removeMapLayer(layer.id())

"""The plugin's `gsd_m` is the CLI's, and both are what QGIS itself measures on the ellipsoid (3857, UTM, 4326)."""
import math

import numpy as np
import pytest
from qgis.core import (QgsCoordinateTransformContext, QgsDistanceArea, QgsPointXY, QgsProject, QgsRasterLayer,
                       QgsUnitTypes)

from rrsis_qgis.geo.raster_window import plan_view
from rrsis_qgis.qgis_core.extent import view_request
from tests.conftest import write_tif
from tests.qgis.conftest import show

MERCATOR_Y = 6378137.0 * math.log(math.tan(math.pi / 4 + math.radians(37.7) / 2))
RASTERS = {  # epsg, geotransform of a 64×64 raster
    "web-mercator": (3857, (-13627361.0, 0.5971642834779395, 0.0, MERCATOR_Y, 0.0, -0.5971642834779395)),
    "utm-far-from-its-meridian": (32616, (741000.0, 0.5, 0.0, 3735000.0, 0.0, -0.5)),
    "geographic-at-60N": (4326, (10.0, 1e-5, 0.0, 60.0, 0.0, -1e-5)),
}


def qgis_ground_gsd(gt, width, height, crs):
    """QGIS's own ellipsoidal measure of one pixel step each way at the view's centre (the reference)."""
    area = QgsDistanceArea()
    area.setSourceCrs(crs, QgsCoordinateTransformContext())
    assert area.setEllipsoid(crs.ellipsoidAcronym())
    cx, cy = gt[0] + gt[1] * width / 2 + gt[2] * height / 2, gt[3] + gt[4] * width / 2 + gt[5] * height / 2
    sides = []
    for dx, dy in ((gt[1], gt[4]), (gt[2], gt[5])):
        length = area.measureLine(QgsPointXY(cx - dx / 2, cy - dy / 2), QgsPointXY(cx + dx / 2, cy + dy / 2))
        sides.append(area.convertLengthMeasurement(length, QgsUnitTypes.DistanceMeters))
    return math.sqrt(sides[0] * sides[1])


@pytest.mark.parametrize("name", RASTERS)
def test_the_plugin_and_the_cli_store_the_same_ground_metres(qgis_canvas, tmp_path, name):
    epsg, gt = RASTERS[name]
    path = write_tif(tmp_path / f"{name}.tif", np.zeros((3, 64, 64), np.uint8), gt=gt, epsg=epsg)
    layer = QgsRasterLayer(path, name)
    QgsProject.instance().addMapLayer(layer)
    try:
        show(qgis_canvas, layer)
        request = view_request(qgis_canvas.mapSettings(), layer, 1024)
        plan = request.plan
        reference = qgis_ground_gsd(plan.geotransform, plan.out_w, plan.out_h, layer.crs())
        assert request.gsd_m == pytest.approx(reference, rel=1e-6)  # the plugin: what QGIS measures
        cli = plan_view(path, request.extent, 1024).gsd_m  # the CLI, the tiled runs, Processing
        assert cli == pytest.approx(request.gsd_m, rel=1e-9)
        assert f"@ {request.gsd_m:.3g} m/px (ground)" in request.describe()
    finally:
        QgsProject.instance().removeMapLayer(layer.id())

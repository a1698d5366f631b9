"""Real footprints → mask on the real raster grid → polygons: they must land back on the footprints."""
import pytest
from osgeo import gdal, ogr, osr

from rrsis_qgis.geo.raster_window import read_view
from rrsis_qgis.geo.vectorize import mask_to_geometry

pytestmark = pytest.mark.shared_data


def test_vectorized_mask_lands_on_the_spacenet_footprints(shared_data):
    view = read_view(str(shared_data / "spacenet4_atlanta_pan_sample.tif"))
    h, w = view.valid.shape
    mem = gdal.GetDriverByName("MEM").Create("", w, h, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(view.geotransform)
    mem.SetProjection(view.crs_wkt)
    truth_ds = ogr.Open(str(shared_data / "spacenet4_atlanta_buildings.geojson"))
    layer = truth_ds.GetLayer(0)
    gdal.RasterizeLayer(mem, [1], layer, burn_values=[1])
    mask = mem.ReadAsArray().astype(bool)

    geom = mask_to_geometry(mask, view.geotransform, view.crs_wkt, min_area_px=0)
    assert geom.GetSpatialReference().IsSame(osr.SpatialReference(wkt=view.crs_wkt))
    truth = ogr.Geometry(ogr.wkbMultiPolygon)
    for feat in layer:
        g = feat.GetGeometryRef()
        for part in ([g] if g.GetGeometryType() == ogr.wkbPolygon else [g.GetGeometryRef(i) for i in range(g.GetGeometryCount())]):
            truth.AddGeometry(part)
    truth = truth.UnionCascaded()
    # pixel quantization: the difference stays within about half a pixel along every outline …
    px = view.geotransform[1]
    error = geom.SymDifference(truth).GetArea()
    assert error <= 0.5 * px * truth.Boundary().Length()
    # … and a placement off by one pixel would be clearly worse
    gt = list(view.geotransform)
    gt[0] += px
    shifted = mask_to_geometry(mask, tuple(gt), view.crs_wkt, min_area_px=0).SymDifference(truth).GetArea()
    assert error < 0.6 * shifted
    assert geom.GetArea() == pytest.approx(truth.GetArea(), rel=0.05)

import math

import numpy as np
import pytest
from osgeo import gdal

from rrsis_qgis.geo.raster_window import RasterError, read_view
from tests.conftest import write_tif
from tests.unit.test_gsd import radii

GT = (500000.0, 2.0, 0.0, 4000000.0, 0.0, -2.0)
UTM_K0 = 0.9996  # UTM's scale on its central meridian (x = 500000)


def rgb(h=100, w=120):
    return np.stack([np.full((h, w), v, np.uint8) for v in (10, 20, 30)])


def test_whole_raster_keeps_geotransform_and_crs(tmp_path):
    path = write_tif(tmp_path / "a.tif", rgb())
    view = read_view(path)
    assert view.size == (120, 100)
    assert view.geotransform == GT
    assert "32633" in view.crs_wkt
    assert view.gsd_m == pytest.approx(2.0 / UTM_K0, rel=1e-5)  # ground metres: a UTM metre is 1/k of one
    assert view.rgb[0, 0].tolist() == [10, 20, 30] and view.valid.all()


def test_extent_is_snapped_outwards_to_the_pixel_grid(tmp_path):
    path = write_tif(tmp_path / "a.tif", rgb())
    # x 500011..500031 → columns 5.5..15.5 → 5..16; y 3999950..3999969 → rows 15.5..25 → 15..25
    view = read_view(path, extent=(500011, 3999950, 500031, 3999969))
    assert view.size == (11, 10)
    assert view.geotransform == (500010.0, 2.0, 0.0, 3999970.0, 0.0, -2.0)


def test_long_side_is_capped_and_never_upsampled(tmp_path):
    path = write_tif(tmp_path / "a.tif", rgb(100, 200))
    view = read_view(path, max_side=50)
    assert view.size == (50, 25)
    assert view.geotransform[1] == pytest.approx(8.0) and view.geotransform[5] == pytest.approx(-8.0)
    assert view.gsd_m == pytest.approx(8.0 / UTM_K0, rel=1e-5)
    assert read_view(path, max_side=4096).size == (200, 100)


def test_single_band_uint16_becomes_stretched_gray_rgb(tmp_path):
    band = np.tile(np.arange(0, 4000, 40, dtype=np.uint16), (30, 1))
    view = read_view(write_tif(tmp_path / "pan.tif", band))
    assert view.rgb.dtype == np.uint8 and view.rgb.shape == (30, 100, 3)
    assert np.array_equal(view.rgb[..., 0], view.rgb[..., 2])
    assert view.rgb.min() == 0 and view.rgb.max() == 255


def test_nodata_pixels_are_zero_and_invalid(tmp_path):
    data = rgb()
    data[:, :10, :] = 0
    view = read_view(write_tif(tmp_path / "n.tif", data, nodata=0))
    assert not view.valid[:10].any() and view.valid[10:].all()
    assert np.all(view.rgb[:10] == 0)


def test_alpha_band_masks_pixels_and_bands_default_to_rgb(tmp_path):
    data = np.concatenate([rgb(20, 20), np.full((1, 20, 20), 255, np.uint8)])
    data[3, :, :5] = 0
    view = read_view(write_tif(tmp_path / "rgba.tif", data, alpha=True))
    assert view.valid[:, 5:].all() and not view.valid[:, :5].any()
    assert view.rgb[0, 10].tolist() == [10, 20, 30]


def test_band_mapping_is_checked(tmp_path):
    path = write_tif(tmp_path / "a.tif", rgb())
    assert read_view(path, bands=(3, 2, 1)).rgb[0, 0].tolist() == [30, 20, 10]
    with pytest.raises(RasterError, match="do not exist"):
        read_view(path, bands=(1, 2, 5))


def test_raster_without_crs_is_a_clear_error(tmp_path):
    path = write_tif(tmp_path / "nocrs.tif", rgb(), epsg=None)
    with pytest.raises(RasterError, match="no coordinate reference system"):
        read_view(path)


def test_extent_outside_the_raster_is_a_clear_error(tmp_path):
    path = write_tif(tmp_path / "a.tif", rgb())
    with pytest.raises(RasterError, match="does not overlap"):
        read_view(path, extent=(0, 0, 10, 10))
    with pytest.raises(RasterError, match="empty"):
        read_view(path, extent=(500010, 3999950, 500000, 3999960))


def test_unreadable_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "not.tif"
    bad.write_text("hello")
    with pytest.raises(RasterError, match="cannot open"):
        read_view(str(bad))


def test_rotated_raster_keeps_its_rotation(tmp_path):
    gt = (1000.0, 1.0, 0.5, 2000.0, 0.5, -1.0)
    view = read_view(write_tif(tmp_path / "rot.tif", rgb(40, 40), gt=gt), max_side=20)
    assert view.geotransform == pytest.approx((1000.0, 2.0, 1.0, 2000.0, 1.0, -2.0))
    corner = gdal.ApplyGeoTransform(view.geotransform, 20, 20)
    assert corner == pytest.approx(gdal.ApplyGeoTransform(gt, 40, 40))


def test_geographic_crs_reports_metres(tmp_path):
    gt = (10.0, 0.0001, 0.0, 60.0, 0.0, -0.0001)  # at 60°N a degree of longitude is half as long
    view = read_view(write_tif(tmp_path / "geo.tif", rgb(10, 10), gt=gt, epsg=4326))
    m, n = radii(60.0 - 5e-4)  # the view's centre, on the WGS 84 ellipsoid
    step = math.radians(1e-4)
    assert view.gsd_m == pytest.approx(math.sqrt(n * math.cos(math.radians(60.0 - 5e-4)) * step * m * step), rel=1e-6)

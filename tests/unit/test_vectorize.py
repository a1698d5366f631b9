import numpy as np
import pytest
from osgeo import ogr

from rrsis_qgis.geo.vectorize import mask_to_geometry
from tests.conftest import wkt_of

GT = (500000.0, 0.5, 0.0, 3700000.0, 0.0, -0.5)  # 0.25 m² pixels
WKT = wkt_of(32616)


def test_square_with_a_hole_has_the_exact_area_and_keeps_the_hole():
    mask = np.zeros((20, 20), bool)
    mask[2:12, 2:12] = True
    mask[5:8, 5:8] = False
    geom = mask_to_geometry(mask, GT, WKT)
    assert geom.GetArea() == pytest.approx((100 - 9) * 0.25)
    assert geom.GetGeometryCount() == 1
    assert geom.GetGeometryRef(0).GetGeometryCount() == 2  # outer ring + hole
    assert geom.GetSpatialReference().GetAuthorityCode(None) == "32616"
    xmin, xmax, ymin, ymax = geom.GetEnvelope()
    assert (xmin, xmax, ymin, ymax) == (500001.0, 500006.0, 3699994.0, 3699999.0)


def test_two_blobs_are_two_parts_of_one_feature():
    mask = np.zeros((20, 20), bool)
    mask[1:4, 1:4] = True
    mask[10:15, 10:12] = True
    geom = mask_to_geometry(mask, GT, WKT)
    assert geom.GetGeometryCount() == 2
    assert geom.GetArea() == pytest.approx(19 * 0.25)


def test_diagonal_pixels_are_8_connected_and_exact():
    geom = mask_to_geometry(np.eye(6, dtype=bool), GT, WKT, simplify_px=0, min_area_px=0)
    assert geom.IsValid()
    assert geom.GetArea() == pytest.approx(6 * 0.25)


def test_slivers_below_min_area_are_dropped():
    mask = np.zeros((20, 20), bool)
    mask[0, 0] = True  # 1 px
    mask[5:10, 5:10] = True
    geom = mask_to_geometry(mask, GT, WKT, min_area_px=4)
    assert geom.GetGeometryCount() == 1 and geom.GetArea() == pytest.approx(25 * 0.25)


def test_empty_mask_gives_none():
    assert mask_to_geometry(np.zeros((8, 8), bool), GT, WKT) is None


def test_simplification_stays_within_half_a_pixel():
    yy, xx = np.mgrid[0:100, 0:100]
    disc = (xx - 50) ** 2 + (yy - 50) ** 2 <= 30 ** 2
    exact = mask_to_geometry(disc, GT, WKT, simplify_px=0)
    simple = mask_to_geometry(disc, GT, WKT, simplify_px=0.5)
    assert simple.IsValid()
    assert _vertices(simple) < _vertices(exact)
    # Hausdorff-like bound: every simplified vertex lies within 0.5 px of the exact outline
    boundary = exact.Boundary()
    ring = simple.GetGeometryRef(0).GetGeometryRef(0)
    for i in range(ring.GetPointCount()):
        pt = ogr.Geometry(ogr.wkbPoint)
        pt.AddPoint_2D(*ring.GetPoint_2D(i))
        assert pt.Distance(boundary) <= 0.5 * 0.5 + 1e-9


def test_affine_places_pixels_in_a_rotated_grid():
    gt = (100.0, 1.0, 1.0, 200.0, 1.0, -1.0)  # sheared/rotated: pixel area |1*-1 - 1*1| = 2
    mask = np.zeros((4, 4), bool)
    mask[1:3, 1:3] = True
    geom = mask_to_geometry(mask, gt, WKT, min_area_px=0)
    assert geom.GetArea() == pytest.approx(4 * 2.0)


def _vertices(geom) -> int:
    return sum(geom.GetGeometryRef(i).GetGeometryRef(0).GetPointCount() for i in range(geom.GetGeometryCount()))

"""Shared fixtures: small GeoTIFFs made with GDAL, the ../shared/data folder, a tiny-random segmenter."""
from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, osr

REPO = Path(__file__).resolve().parents[1]
SHARED_DATA = Path(os.environ.get("RRSIS_SHARED_DATA", REPO.parent / "shared" / "data"))


@pytest.fixture
def shared_data() -> Path:
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real rasters not available: {SHARED_DATA} is absent (set RRSIS_SHARED_DATA)")
    return SHARED_DATA


def wkt_of(epsg: int) -> str:
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    return srs.ExportToWkt()


def write_tif(path, bands: np.ndarray, gt=(500000.0, 2.0, 0.0, 4000000.0, 0.0, -2.0), epsg=32633,
              nodata=None, alpha: bool = False) -> str:
    """bands: B×H×W array of any GDAL-supported dtype. epsg=None writes a raster without CRS."""
    bands = np.asarray(bands)
    if bands.ndim == 2:
        bands = bands[None]
    gdal_type = gdal.GetDataTypeByName({"uint8": "Byte", "uint16": "UInt16", "int16": "Int16",
                                        "float32": "Float32"}[bands.dtype.name])
    ds = gdal.GetDriverByName("GTiff").Create(str(path), bands.shape[2], bands.shape[1], bands.shape[0], gdal_type,
                                              ["ALPHA=YES"] if alpha else [])
    ds.SetGeoTransform(gt)
    if epsg is not None:
        ds.SetProjection(wkt_of(epsg))
    for i, b in enumerate(bands):
        band = ds.GetRasterBand(i + 1)
        band.WriteArray(b)
        if nodata is not None:
            band.SetNoDataValue(nodata)
    ds = None
    return str(path)


@pytest.fixture(scope="session")
def tiny_segmenter():
    from rrsis_qgis.engine.segmenter import Segmenter

    return Segmenter.from_name("tiny-random", device="cpu")

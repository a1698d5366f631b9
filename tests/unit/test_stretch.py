import numpy as np

from rrsis_qgis.geo.stretch import to_uint8


def test_uint8_passes_through_unchanged():
    bands = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    out = to_uint8(bands, np.ones((3, 4), bool))
    assert out.shape == (3, 4, 2) and out.dtype == np.uint8
    assert np.array_equal(out[..., 1], bands[1])


def test_uint16_is_stretched_between_2nd_and_98th_percentile():
    band = np.linspace(1000, 2000, 101, dtype=np.float64).round().astype(np.uint16).reshape(1, 1, 101)
    out = to_uint8(band, np.ones((1, 101), bool))[0, :, 0]
    assert out[:3].tolist() == [0, 0, 0]  # values at/below the 2nd percentile
    assert out[-3:].tolist() == [255, 255, 255]
    assert out[50] in (127, 128)
    assert np.all(np.diff(out.astype(int)) >= 0)


def test_invalid_pixels_are_zero_and_ignored_by_the_percentiles():
    band = np.full((1, 2, 50), 500, np.uint16)
    band[0, 0, :] = np.arange(50) + 100
    valid = np.ones((2, 50), bool)
    valid[1] = False
    band[0, 1, :] = 65535  # nodata fill value: must not stretch the range
    out = to_uint8(band, valid)
    assert np.all(out[1] == 0)
    assert out[0, :, 0].max() == 255 and out[0, :, 0].min() == 0


def test_constant_band_becomes_mid_grey_not_nan():
    out = to_uint8(np.full((1, 4, 4), 7, np.int16), np.ones((4, 4), bool))
    assert np.all(out == 128)

import numpy as np
import pytest
from pycocotools import mask as coco

from rrsis_qgis.geo import rle


@pytest.mark.parametrize("seed", range(5))
def test_encoding_is_identical_to_pycocotools(seed):
    rng = np.random.default_rng(seed)
    h, w = rng.integers(1, 300, size=2)
    mask = rng.random((h, w)) < rng.random()
    mask[: h // 2, : w // 3] = True  # long runs too (multi-character deltas)
    ours = rle.encode(mask)
    theirs = coco.encode(np.asfortranarray(mask.astype(np.uint8)))
    assert ours["counts"] == theirs["counts"].decode() and ours["size"] == list(theirs["size"])
    assert np.array_equal(rle.decode(ours), mask)
    assert np.array_equal(rle.decode(theirs | {"counts": theirs["counts"].decode()}), mask)


@pytest.mark.parametrize("mask", [np.zeros((4, 5), bool), np.ones((4, 5), bool), np.eye(7, dtype=bool)])
def test_edge_cases_round_trip(mask):
    assert np.array_equal(rle.decode(rle.encode(mask)), mask)


def test_uncompressed_counts_and_bad_input():
    assert rle.decode({"size": [2, 2], "counts": [1, 2, 1]}).tolist() == [[False, True], [True, False]]
    with pytest.raises(ValueError):
        rle.decode({"size": [2, 2], "counts": [1, 2]})


def test_a_large_mask_with_runs_of_millions_matches_pycocotools():
    mask = np.zeros((3000, 2500), bool)
    mask[100:2900, 200:2400] = True  # counts above 2**20: five-chunk deltas, negative ones too
    mask[1500, ::7] = False
    ours = rle.encode(mask)
    assert ours["counts"] == coco.encode(np.asfortranarray(mask.astype(np.uint8)))["counts"].decode()
    assert np.array_equal(rle.decode(ours), mask)


@pytest.mark.parametrize("counts", ["3", "0b", "é2", "0\x7f", "o" * 13 + "0"])
def test_corrupt_strings_are_refused(counts):
    """Truncated, non-ASCII, outside COCO's alphabet, an absurdly long count: a ValueError, not garbage."""
    with pytest.raises(ValueError):
        rle.decode({"size": [2, 2], "counts": counts})

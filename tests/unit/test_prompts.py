import numpy as np

from rrsis_qgis.engine.prompts import REGION_THRESHOLD, find_peaks, prompts_for_peak


def two_blobs(h=200, w=300):
    yy, xx = np.mgrid[0:h, 0:w]
    strong = np.exp(-((xx - 60) ** 2 + (yy - 50) ** 2) / (2 * 12 ** 2))
    weak = 0.8 * np.exp(-((xx - 220) ** 2 + (yy - 150) ** 2) / (2 * 12 ** 2))
    return (strong + weak).astype(np.float32)


def test_peaks_are_found_strongest_first_at_the_blob_centres():
    peaks = find_peaks(two_blobs(), k=3)
    assert len(peaks) == 2  # nothing else reaches half the maximum
    assert abs(peaks[0].x - 60.5) <= 1 and abs(peaks[0].y - 50.5) <= 1
    assert abs(peaks[1].x - 220.5) <= 1 and abs(peaks[1].y - 150.5) <= 1
    assert peaks[0].score > peaks[1].score


def test_peaks_respect_k_and_min_distance():
    assert len(find_peaks(two_blobs(), k=1)) == 1
    assert len(find_peaks(two_blobs(), k=3, min_distance_px=400)) == 1
    assert find_peaks(np.zeros((10, 10), np.float32)) == []


def test_box_covers_the_peak_region_and_point_is_the_peak():
    heat = two_blobs()
    peak = find_peaks(heat, k=1)[0]
    p = prompts_for_peak(heat, peak, mask_side=64)
    assert p.points.tolist() == [[peak.x, peak.y]] and p.labels.tolist() == [1]
    # region of a Gaussian with sigma 12 above 0.6 of its peak: radius 12*sqrt(2 ln(1/0.6)) ≈ 12.1 px
    x0, y0, x1, y1 = p.box
    assert abs((x1 - x0) / 2 - 12.1) <= 1.5 and abs((y1 - y0) / 2 - 12.1) <= 1.5
    assert x0 < peak.x < x1 and y0 < peak.y < y1


def test_mask_logits_are_positive_exactly_above_the_region_threshold():
    heat = two_blobs(64, 64)
    peak = find_peaks(heat, k=1)[0]
    p = prompts_for_peak(heat, peak, mask_side=64)
    assert p.mask_logits.shape == (1, 64, 64)
    assert np.array_equal(p.mask_logits[0] > 0, heat > REGION_THRESHOLD * peak.score)


def test_heat_maps_resample_once_and_give_the_plain_arrays_prompts(monkeypatch):
    from rrsis_qgis.engine import prompts

    heat = np.kron(two_blobs(), np.ones((4, 4), np.float32))  # 800×1200: resampled to the 256-px work map
    plain = [prompts.prompts_for_peak(heat, p, mask_side=64) for p in find_peaks(heat, k=3)]
    calls = []
    work_map = prompts._work_map
    monkeypatch.setattr(prompts, "_work_map", lambda a: calls.append(1) or work_map(a))
    maps = prompts.HeatMaps(heat)
    shared = [prompts.prompts_for_peak(maps, p, mask_side=64) for p in find_peaks(maps, k=3)]
    assert len(calls) == 1 and len(shared) == len(plain) == 2
    for a, b in zip(plain, shared):
        assert np.array_equal(a.box, b.box) and np.array_equal(a.points, b.points)
        assert np.array_equal(a.mask_logits, b.mask_logits) and np.array_equal(a.region, b.region)

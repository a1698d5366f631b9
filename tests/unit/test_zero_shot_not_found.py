"""'Nothing here': an absolute region score that min–max normalisation cannot fake, and the per-model cut on it."""
import numpy as np
import torch

from rrsis_qgis.engine.activation import activation_map, region_similarity
from rrsis_qgis.engine.zero_shot import Choice, keep_found


def _view(present: bool):
    """8×8 patch grid of unit features: 'tank' direction in the left half only when present, else noise."""
    g = torch.Generator().manual_seed(0)
    feats = torch.nn.functional.normalize(torch.randn(16, 8, 8, generator=g), dim=0) * 0.2
    tank = torch.zeros(16)
    tank[0] = 1.0
    if present:
        feats[:, :, :4] += tank[:, None, None]
    return torch.nn.functional.normalize(feats, dim=0), tank


def test_the_absolute_score_tells_absent_from_present_where_the_heatmap_cannot():
    left = np.zeros((64, 64), bool)
    left[:, :32] = True
    for present in (True, False):
        feats, tank = _view(present)
        heat = activation_map(feats, tank, tank[None], (64, 64))
        assert heat.max() == 1.0  # min–max: the best region looks perfect either way
    here = region_similarity(*_view(True), [left])[0]
    absent = region_similarity(*_view(False), [left])[0]
    assert here > 0.9 and abs(absent) < 0.3


def test_keep_found_tags_and_cuts():
    masks = [np.ones((4, 4), bool), np.ones((4, 4), bool)]
    best, kept = keep_found([Choice(0, 0.9, {}), Choice(1, 0.8, {})], masks, [0.31, 0.12], None)
    assert len(kept) == 2 and best[0].terms["absolute"] == 0.31  # no threshold: always the best, with the why
    best, kept = keep_found([Choice(0, 0.9, {}), Choice(1, 0.8, {})], masks, [0.31, 0.12], 0.2)
    assert [c.index for c in best] == [0] and len(kept) == 1
    best, kept = keep_found([Choice(0, 0.9, {})], masks[:1], [0.12], 0.2)
    assert best == [] and kept == []  # an empty result: "nothing matching … in this view"

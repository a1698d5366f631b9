import numpy as np
import torch
import torch.nn.functional as F

from rrsis_qgis.engine.activation import activation_map, normalise


def features_with_target(d=16, gh=6, gw=8, at=(2, 5)):
    torch.manual_seed(0)
    text = F.normalize(torch.randn(d), dim=0)
    feats = F.normalize(torch.randn(d, gh, gw), dim=0)
    feats[:, at[0], at[1]] = text  # one patch is exactly the phrase
    return feats, text


def test_shape_range_and_peak_at_the_matching_patch():
    feats, text = features_with_target()
    heat = activation_map(feats, text, text[None], (60, 80))
    assert heat.shape == (60, 80) and heat.dtype == np.float32
    assert heat.min() == 0.0 and heat.max() == 1.0
    row, col = np.unravel_index(np.argmax(heat), heat.shape)
    assert (row // 10, col // 10) == (2, 5)  # 10 px per patch


def test_invalid_pixels_are_zero_and_do_not_set_the_range():
    feats, text = features_with_target()
    valid = np.ones((60, 80), bool)
    valid[:, :40] = False
    heat = activation_map(feats, text, text[None], (60, 80), valid)
    assert np.all(heat[:, :40] == 0)
    assert heat[:, 40:].max() == 1.0 and heat[:, 40:].min() == 0.0


def test_tokens_that_disagree_with_the_sentence_weigh_little():
    feats, text = features_with_target()
    noise = F.normalize(torch.randn(1, 16), dim=1)
    with_noise = activation_map(feats, text, torch.cat([text[None], noise]), (6, 8))
    clean = activation_map(feats, text, text[None], (6, 8))
    assert np.abs(with_noise - clean).max() < 0.05


def test_flat_map_normalises_to_zero():
    assert np.all(normalise(np.full((3, 3), 0.7)) == 0)

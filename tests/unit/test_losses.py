"""Training losses on hand-made tensors: Dice, the boundary band, and which terms `referring_loss` includes."""
import math

import pytest
import torch

import torch.nn.functional as F

from rrsis_qgis.train.losses import LossWeights, boundary_band, dice_loss, referring_loss, region_contrastive


def square(side=32, top=10, size=10):
    t = torch.zeros(1, 1, side, side)
    t[..., top:top + size, top:top + size] = 1.0
    return t


def test_dice_is_zero_for_a_perfect_confident_prediction_and_one_for_a_disjoint_one():
    target = square()
    perfect = (target * 2 - 1) * 30.0  # ±30 logits
    assert dice_loss(perfect, target).item() == pytest.approx(0.0, abs=1e-6)
    disjoint = torch.roll(target, shifts=16, dims=-1) * 60.0 - 30.0
    assert not (torch.roll(target, 16, -1) * target).any()
    # 1 - (0 + eps) / (100 + 100 + eps) with eps = 1
    assert dice_loss(disjoint, target).item() == pytest.approx(1 - 1 / 201, abs=1e-5)
    half = torch.zeros_like(target)  # p = 0.5 everywhere on 32² px: 1 - (2·50 + 1) / (512 + 100 + 1)
    assert dice_loss(half, target).item() == pytest.approx(1 - 101 / 613, abs=1e-5)


def test_dice_averages_over_the_batch():
    target = torch.cat([square(), square()])
    logits = torch.cat([(square() * 2 - 1) * 30.0, torch.roll(square(), 16, -1) * 60.0 - 30.0])
    assert dice_loss(logits, target).item() == pytest.approx((0 + (1 - 1 / 201)) / 2, abs=1e-5)


@pytest.mark.parametrize("width, expected", [(1, 12 * 12 - 8 * 8), (3, 16 * 16 - 4 * 4)])
def test_boundary_band_of_a_square(width, expected):
    """10×10 square: dilated by w → (10+2w)², eroded by w → (10-2w)²; the band is the difference."""
    band = boundary_band(square(), width)
    assert band.shape == (1, 1, 32, 32)
    assert set(band.unique().tolist()) <= {0.0, 1.0}
    assert int(band.sum()) == expected
    assert band[0, 0, 15, 15] == 0 or width >= 5  # the square's centre is not outline
    assert band[0, 0, 10, 10] == 1 and band[0, 0, 0, 0] == 0


def outputs(batch=3, gh=4, gw=4, c=8, side=16, seed=0, pseudo=True):
    g = torch.Generator().manual_seed(seed)
    out = {"logits": torch.randn(batch, 1, side // 2, side // 2, generator=g),
           "q1": torch.randn(batch, 3, c, generator=g), "q2": torch.randn(batch, 3, c, generator=g),
           "coarse": torch.randn(batch, 1, gh, gw, generator=g), "pixel": torch.randn(batch, 1, gh, gw, generator=g),
           "image": torch.randn(batch, gh * gw, c, generator=g),
           "image_raw": torch.randn(batch, gh * gw, c, generator=g),
           "text": F.normalize(torch.randn(batch, c, generator=g), dim=-1)}
    if pseudo:
        out["pseudo"] = torch.randn(batch, 1, gh, gw, generator=g)
    for v in out.values():
        v.requires_grad_(True)
    return out


def targets(has_object, side=16):
    t = torch.zeros(len(has_object), 1, side, side)
    for i, has in enumerate(has_object):
        if has:
            t[i, 0, 2 + i:8 + i, 3:9] = 1.0
    return t


def test_all_terms_finite_and_the_total_is_their_weighted_sum():
    out, weights = outputs(), LossWeights(boundary=0.7)
    total, terms = referring_loss(out, targets([True, True, False]), weights)
    assert set(terms) == {"bce", "dice", "decorrelation", "contrastive", "boundary", "pseudo"}
    assert all(math.isfinite(v) for v in terms.values()) and torch.isfinite(total)
    assert total.item() == pytest.approx(sum(getattr(weights, k) * v for k, v in terms.items()), rel=1e-5)
    total.backward()
    for name in ("logits", "q1", "q2", "pixel", "image_raw", "text", "pseudo"):  # what the terms train
        assert out[name].grad is not None and torch.isfinite(out[name].grad).all(), name
        assert out[name].grad.abs().sum() > 0, name


@pytest.mark.parametrize("has_object", [[True, True, True], [True, True, False], [True, False, False],
                                        [False, False, False]])
def test_the_region_infonce_joins_the_contrastive_term_only_with_two_or_more_objects(has_object):
    """contrastive = text-to-pixel BCE (every sample) + InfoNCE over the samples that have an object (≥ 2)."""
    out, target = outputs(), targets(has_object)
    total, terms = referring_loss(out, target, LossWeights())
    assert "boundary" not in terms  # off unless asked for
    assert all(math.isfinite(v) for v in terms.values()) and torch.isfinite(total)
    pixel = F.interpolate(out["pixel"], size=target.shape[-2:], mode="bilinear", align_corners=False)
    expected = F.binary_cross_entropy_with_logits(pixel, target).item()
    keep = [i for i, has in enumerate(has_object) if has]
    if len(keep) >= 2:
        infonce = region_contrastive(out["image_raw"][keep], (4, 4), out["text"][keep], target[keep]).item()
        assert infonce > 0
        expected += infonce
    assert terms["contrastive"] == pytest.approx(expected, rel=1e-5)


def test_optional_terms_follow_their_weights():
    _, terms = referring_loss(outputs(pseudo=False), targets([True, True, True]),
                              LossWeights(contrastive=0.0, pseudo=1.0))
    assert set(terms) == {"bce", "dice", "decorrelation"}
    _, terms = referring_loss(outputs(), targets([True, True, True]), LossWeights(pseudo=0.0))
    assert "pseudo" not in terms


def test_matching_regions_make_a_smaller_contrastive_term():
    """Text vectors equal to their own region's pooled (pre-fusion) image feature → lower than shuffled ones."""
    out = outputs(batch=3, seed=1)
    t = targets([True, True, True])
    weights = torch.nn.functional.adaptive_avg_pool2d(t, (4, 4)).flatten(1)
    region = torch.einsum("bn,bnc->bc", weights / weights.sum(1, keepdim=True), out["image_raw"].detach())
    out["text"] = F.normalize(region, dim=-1)
    _, matched = referring_loss(out, t, LossWeights())
    out["text"] = out["text"].roll(1, dims=0)
    _, shuffled = referring_loss(out, t, LossWeights())
    assert matched["contrastive"] < shuffled["contrastive"]

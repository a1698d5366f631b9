"""From a probability map to the referred mask: direct thresholding, or instances ranked by the phrase's geometry."""
import numpy as np
import pytest

from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.trained_ranking import (ASPECTS, CANDIDATE_THRESHOLD, GEOMETRIC, INSTANCE_SHARE, MASK_THRESHOLD,
                                               aspect_of, category_phrase, instances, pick)

H, W = 48, 96


def blob(prob, x0, peak, size=10, y0=19):
    """A square region of ``size`` px with a confident core (``peak``) and a 2-px rim at 0.3."""
    prob[y0:y0 + size, x0:x0 + size] = 0.3
    prob[y0 + 2:y0 + size - 2, x0 + 2:x0 + size - 2] = peak
    region = np.zeros_like(prob, bool)
    region[y0:y0 + size, x0:x0 + size] = True
    return region


@pytest.fixture
def three_tanks():
    """Left (peak 0.7), middle (0.95, the most probable), right (0.8) on a weak background."""
    prob = np.full((H, W), 0.02, np.float32)
    regions = [blob(prob, 8, 0.7), blob(prob, 43, 0.95), blob(prob, 78, 0.8)]
    return prob, regions


def core(region, prob):
    """An instance's mask: its pixels at or above half its own peak."""
    return region & (prob >= INSTANCE_SHARE * prob[region].max())


def test_instances_are_the_connected_regions_strongest_first(three_tanks):
    prob, (left, middle, right) = three_tanks
    found = instances(prob)
    assert len(found) == 3
    for got, want in zip(found, (middle, right, left)):
        np.testing.assert_array_equal(got, want)


def test_reasoned_leftmost_picks_the_left_blob_although_it_is_not_the_most_probable(three_tanks):
    prob, (left, middle, _) = three_tanks
    assert prob[left].max() < prob[middle].max()
    picks = pick(prob, parse("the left-most tank"), top_k=1, ranking="reasoned")
    assert len(picks) == 1
    np.testing.assert_array_equal(picks[0].mask, core(left, prob))  # the confident core, not the rim
    np.testing.assert_array_equal(picks[0].bbox_mask, left)
    assert picks[0].terms["superlative"] == 1.0 and picks[0].terms["activation"] == pytest.approx(0.7)


def test_reasoned_rightmost_and_position_follow_the_geometry(three_tanks):
    prob, (left, _, right) = three_tanks
    np.testing.assert_array_equal(pick(prob, parse("the right-most tank"))[0].mask, core(right, prob))
    np.testing.assert_array_equal(pick(prob, parse("the tank on the left"))[0].mask, core(left, prob))


def test_direct_is_the_thresholded_map_whatever_the_phrase(three_tanks):
    prob, _ = three_tanks
    for phrase in ("the left-most tank", "the tank"):
        picks = pick(prob, parse(phrase), top_k=1, ranking="direct")
        assert len(picks) == 1
        np.testing.assert_array_equal(picks[0].mask, prob > 0.5)
        assert picks[0].score == pytest.approx(float(prob[prob > 0.5].mean()))


def test_a_non_geometric_phrase_is_the_thresholded_map_unless_none_is_reasoned_about(three_tanks):
    prob, (_, middle, _) = three_tanks
    query = parse("the white storage tank")
    assert aspect_of(query) is None
    picks = pick(prob, query, top_k=1, ranking="reasoned", reason_about=GEOMETRIC)
    np.testing.assert_array_equal(picks[0].mask, prob > 0.5)
    picks = pick(prob, None, top_k=1, ranking="reasoned")  # no parse at all
    np.testing.assert_array_equal(picks[0].mask, prob > 0.5)
    assert "none" in ASPECTS  # with "none" reasoned about, one instance: the most confident
    picks = pick(prob, query, top_k=1, ranking="reasoned", reason_about=ASPECTS)
    np.testing.assert_array_equal(picks[0].mask, core(middle, prob))


def test_aspects_left_out_of_reason_about_are_decided_directly(three_tanks):
    prob, (left, _, _) = three_tanks
    query = parse("the left-most tank")
    direct = pick(prob, query, reason_about=("relation", "position"))
    np.testing.assert_array_equal(direct[0].mask, prob > 0.5)
    reasoned = pick(prob, query, reason_about=("superlative",))
    np.testing.assert_array_equal(reasoned[0].mask, core(left, prob))


def test_top_2_reasoned_gives_two_distinct_instances_best_first(three_tanks):
    prob, (left, middle, _) = three_tanks
    picks = pick(prob, parse("the left-most tank"), top_k=2, ranking="reasoned")
    assert len(picks) == 2
    np.testing.assert_array_equal(picks[0].mask, core(left, prob))
    np.testing.assert_array_equal(picks[1].mask, core(middle, prob))  # second from the left
    assert not (picks[0].mask & picks[1].mask).any() and picks[0].score > picks[1].score


def test_the_category_map_supplies_candidates_the_phrase_map_misses(three_tanks):
    """"the right-most tank": the phrase's map saw only two tanks; the map of "the tank" sees the third."""
    category, (_, _, right) = three_tanks
    prob = category.copy()
    prob[right] = 0.02
    alone = pick(prob, parse("the right-most tank"))[0]
    assert not (alone.mask & right).any()
    helped = pick(prob, parse("the right-most tank"), category=category)[0]
    np.testing.assert_array_equal(helped.mask, core(right, category))


@pytest.mark.parametrize("phrase, expected", [("the left-most ship", "the ship"), ("the ship on the left", "the ship"),
                                              ("the white storage tank left of the road", "the storage tank"),
                                              ("the second ship from the left", "the ship")])
def test_category_phrase_drops_the_geometry(phrase, expected):
    assert category_phrase(parse(phrase)) == expected


def test_top_2_direct_adds_the_strongest_unconfident_region():
    prob = np.full((H, W), 0.02, np.float32)
    sure = blob(prob, 10, 0.9)
    unsure = blob(prob, 60, 0.4)  # above the candidate threshold, below the mask threshold
    assert CANDIDATE_THRESHOLD < 0.4 < MASK_THRESHOLD
    picks = pick(prob, parse("the tank"), top_k=2, ranking="direct")
    assert len(picks) == 2
    np.testing.assert_array_equal(picks[0].mask, core(sure, prob))
    np.testing.assert_array_equal(picks[1].mask, unsure)  # no confident core: the whole region
    assert picks[0].score > picks[1].score == pytest.approx(0.4)


def test_an_empty_map_gives_an_empty_mask_with_a_low_score():
    prob = np.full((H, W), 0.1, np.float32)
    for ranking in ("direct", "reasoned"):
        picks = pick(prob, parse("the left-most tank"), top_k=3, ranking=ranking)
        assert len(picks) == 1 and not picks[0].mask.any() and picks[0].score == pytest.approx(0.1)


def test_unknown_ranking_is_refused(three_tanks):
    with pytest.raises(ValueError, match="ranking"):
        pick(three_tanks[0], None, ranking="best")

"""The reasoner with oracle inputs: known instance masks and activations, no model involved."""
import collections

import numpy as np
import pytest

from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.reasoner import Instance, rank
from rrsis_qgis.train.referring_scenes import SIZE, disc, generate

SAMPLES = generate(2 * 46, seed=7)  # every phrase type twice


def choose(sample):
    candidates = [Instance(m, a) for m, a in zip(sample.masks, sample.activations)]
    return rank(candidates, parse(sample.phrase), sample.landmarks)


@pytest.mark.parametrize("sample", SAMPLES, ids=[f"{s.subtype}-{i}" for i, s in enumerate(SAMPLES)])
def test_the_referred_instance_is_chosen(sample):
    ranked = choose(sample)
    assert ranked[0].index == sample.answer, (sample.phrase, [(r.index, r.score, r.terms) for r in ranked])


def test_every_type_is_covered():
    kinds = collections.Counter(s.kind for s in SAMPLES)
    assert set(kinds) == {"position", "relation", "superlative", "ordinal"}
    subtypes = {s.subtype for s in SAMPLES}
    assert {"left_of", "right_of", "above", "below", "north_of", "south_of", "east_of", "west_of", "near",
            "far_from", "between", "inside", "largest", "smallest", "leftmost", "rightmost", "topmost",
            "bottommost", "closest_to_edge", "closest_to_landmark", "second_from_left", "third_from_bottom"} <= subtypes


def test_ties_come_back_as_top_k_with_the_why():
    twins = [disc(60, 60, 15), disc(190, 190, 15), disc(60, 190, 6)]
    ranked = rank([Instance(m, 0.9) for m in twins], parse("the largest storage tank"))
    assert {ranked[0].index, ranked[1].index} == {0, 1}
    assert ranked[0].score == pytest.approx(ranked[1].score) and ranked[2].score < ranked[1].score
    assert set(ranked[0].terms) == {"activation", "attribute", "superlative"}


def test_without_geometry_the_activation_and_attributes_decide():
    a, b = disc(60, 60, 10), disc(190, 190, 10)
    ranked = rank([Instance(a, 0.3, 0.9), Instance(b, 0.7, 0.1)], parse("the white tank"))
    assert ranked[0].index == 1  # 0.35·0.7 + 0.15·0.1 = 0.26 > 0.35·0.3 + 0.15·0.9 = 0.24
    ranked = rank([Instance(a, 0.5, 0.9), Instance(b, 0.6, 0.1)], parse("the white tank"))
    assert ranked[0].index == 0  # the colour agreement outweighs a little less activation
    assert rank([], parse("the tank")) == []


def test_a_missing_landmark_does_not_break_ranking():
    ranked = rank([Instance(disc(60, 60, 10), 0.9)], parse("the tank left of the road"), [np.zeros((SIZE, SIZE), bool)])
    assert ranked[0].terms["relation"] == 0.0


@pytest.mark.parametrize("phrase, answer", [
    ("the tank at the middle-right of the image", 0),  # the right edge's middle, not its top corner
    ("the tank at the top-right of the image", 1),
    ("the tank in the top-middle area of the image", 2),  # the top edge's middle
    ("the tank in the center of the image", 3),
])
def test_the_middle_of_an_edge_is_not_a_corner_nor_the_centre(phrase, answer):
    right_middle, right_top, top_middle, centre = (disc(235, 128, 8), disc(235, 20, 8), disc(128, 20, 8),
                                                   disc(128, 128, 8))
    ranked = rank([Instance(m, 0.9) for m in (right_middle, right_top, top_middle, centre)], parse(phrase))
    assert ranked[0].index == answer, [(r.index, r.terms) for r in ranked]


def test_generated_scenes_every_type_right():
    """Regression on 540 generated scenes (the old bench oracle): every phrase type at least 95 % top-1."""
    hits = collections.defaultdict(list)
    for s in generate(540, seed=1):
        ranked = rank([Instance(m, a) for m, a in zip(s.masks, s.activations)], parse(s.phrase), s.landmarks)
        hits[s.subtype].append(ranked[0].index == s.answer)
    assert len(hits) >= 40
    low = {k: sum(v) / len(v) for k, v in hits.items() if sum(v) / len(v) < 0.95}
    assert not low, low


def test_an_object_matching_position_and_relation_wins():
    road = np.zeros((SIZE, SIZE), bool)
    road[:, 120:136] = True
    left_top, left_bottom, right_bottom = disc(60, 30, 10), disc(100, 230, 10), disc(230, 230, 10)
    cands = [Instance(m, 0.9) for m in (left_top, left_bottom, right_bottom)]
    ranked = rank(cands, parse("the tank at the bottom of the image, left of the road"), [road])
    assert ranked[0].index == 1, [(r.index, r.terms) for r in ranked]
    ranked = rank(cands, parse("the tank at the bottom, right of the road"), [road])
    assert ranked[0].index == 2


@pytest.mark.parametrize("phrase, answer", [
    ("the tank closest to the top left corner", 0),
    ("the largest tank in the bottom-right", 2),  # the superlative among those at the bottom-right, not overall
])
def test_corners_and_superlatives_within_a_position(phrase, answer):
    masks = [disc(20, 30, 8), disc(70, 15, 8), disc(220, 220, 12), disc(128, 128, 30)]
    ranked = rank([Instance(m, 0.9) for m in masks], parse(phrase))
    assert ranked[0].index == answer, [(r.index, r.terms) for r in ranked]


def test_large_leans_to_the_larger_and_small_names_the_category():
    big, little = disc(200, 240, 12), disc(225, 225, 6)  # both in the bottom-right; the small one nearer the corner
    cands = [Instance(m, 0.9) for m in (big, little)]
    assert rank(cands, parse("the large vehicle at the bottom right"))[0].index == 0
    assert rank(cands, parse("the small vehicle at the bottom right"))[0].index == 1  # position alone decides

"""Referring language about landmarks: a position inside another object, a part of a landmark, a landmark picked
by its own superlative or attribute, and anaphora (issue 21); quoted phrases are RISBench train-split sentences."""
import pytest

from rrsis_qgis.engine.phrase import parse

NEW = ("frame", "landmark_part", "landmark_superlative", "landmark_attributes", "landmark_is_target")


@pytest.mark.parametrize("phrase, expected", [
    ("the vehicle in the upper-right part of the dock", dict(target="vehicle", position="top-right", frame="dock")),
    ("the plane at the lower end of the runway", dict(target="plane", position="bottom", frame="runway")),
    ("The ship positioned at the bottom-middle of the sea area.",
     dict(target="ship", position="bottom-middle", frame="sea area")),
    ("The vehicle located at the lower-left corner within the service area boundary.",
     dict(target="vehicle", position="bottom-left", frame="service area boundary", relation=None)),
    ("The vehicle situated at the upper central part of the expressway service area.",
     dict(target="vehicle", position="top-middle", frame="expressway service area")),
    ("the tank in the top-left corner of the image", dict(target="tank", position="top-left", frame=None)),
])
def test_a_position_inside_another_object_has_that_object_as_its_frame(phrase, expected):
    q = parse(phrase)
    assert {k: getattr(q, k) for k in expected} == expected, q


@pytest.mark.parametrize("phrase, expected", [
    ("the ship nearest the tip of the pier",
     dict(superlative="closest_to", superlative_ref="pier", landmark_part="end")),
    ("the car near the end of the bridge", dict(relation="near", landmark="bridge", landmark_part="end")),
    ("the house near the edge of the forest", dict(relation="near", landmark="forest", landmark_part="edge")),
    ("the ship closest to the top edge of the image",
     dict(superlative="closest_to", superlative_ref="top edge of the image", landmark_part=None)),
])
def test_a_part_of_a_landmark_is_read_apart_from_the_landmark(phrase, expected):
    q = parse(phrase)
    assert {k: getattr(q, k) for k in expected} == expected, q


@pytest.mark.parametrize("phrase, expected", [
    ("the boat beside the larger pond",
     dict(target="boat", superlative=None, relation="next_to", landmark="pond", landmark_superlative="largest")),
    ("the vehicle next to the smallest white building",
     dict(superlative=None, landmark="white building", landmark_superlative="smallest", landmark_attributes=["white"])),
    ("the ship docked to the most extended pier", dict(landmark="pier", landmark_superlative="largest")),
    ("the largest tank near the road", dict(superlative="largest", landmark="road", landmark_superlative=None)),
    ("the tank closest to the largest building",
     dict(superlative="closest_to", superlative_ref="building", landmark_superlative="largest")),
])
def test_a_landmark_picked_by_its_own_superlative_keeps_it_from_the_target(phrase, expected):
    q = parse(phrase)
    assert {k: getattr(q, k) for k in expected} == expected, q


@pytest.mark.parametrize("phrase, relation", [
    ("the tank next to the first one", "next_to"),
    ("the tennis court to the left of the other one", "left_of"),
    ("the tank to the right of another one", "right_of"),
    ("the tank below the other tank", "below"),
])
def test_anaphora_makes_another_instance_of_the_target_the_landmark(phrase, relation):
    q = parse(phrase)
    assert (q.relation, q.landmark_is_target, q.landmark) == (relation, True, q.target), q


def test_a_landmark_of_another_kind_is_not_anaphora():
    q = parse("The left-most harbor extends into the water away from the other structures.")
    assert (q.relation, q.landmark, q.landmark_is_target) == ("far_from", "structures", False)


def test_the_new_fields_are_in_the_dict_and_the_old_ones_keep_their_meaning():
    d = parse("the white tank left of the road").as_dict()
    assert set(NEW) <= set(d)
    assert (d["target"], d["attributes"], d["relation"], d["landmark"], d["frame"]) == \
        ("tank", ["white"], "left_of", "road", None)

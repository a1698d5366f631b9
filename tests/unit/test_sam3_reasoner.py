"""SAM 3 finds the instances, the reasoner picks one: landmarks are SAM 3 prompts too; an absent concept is empty."""
import numpy as np
import pytest

from rrsis_qgis.server.schemas import SegmentRequest
from rrsis_qgis.server.service import Service
from tests.unit.sam3_fixture import H, LEFT_TANK, RIGHT_TANK, TANKS_AND_ROAD, W, stub_segmenter

IMAGE = np.zeros((H, W, 3), np.uint8)


@pytest.mark.parametrize("phrase, expected", [("the tank left of the road", LEFT_TANK),
                                              ("the tank right of the road", RIGHT_TANK)])  # the swapped control
def test_the_relation_to_sam3s_road_picks_the_tank(phrase, expected):
    segmenter = stub_segmenter(TANKS_AND_ROAD)
    result = segmenter.segment(IMAGE, phrase)
    assert len(result.masks) == 1 and np.array_equal(result.masks[0], expected)
    assert segmenter.strategy.detector.prompts == ["tank", "road"]  # the landmark was a SAM 3 prompt
    assert result.candidates[0]["terms"]["relation"] > result.candidates[1]["terms"]["relation"]


def test_without_geometry_or_reasoning_sam3s_best_instance_wins():
    segmenter = stub_segmenter({**TANKS_AND_ROAD, "the tank left of the road": TANKS_AND_ROAD["tank"]})
    assert np.array_equal(segmenter.segment(IMAGE, "the tank").masks[0], RIGHT_TANK)
    plain = segmenter.segment(IMAGE, "the tank left of the road", reasoning=False)
    assert np.array_equal(plain.masks[0], RIGHT_TANK)
    assert segmenter.strategy.detector.prompts[-1] == "the tank left of the road"  # the phrase as it is


def test_the_attributes_join_the_concept_prompt_and_terms_name_the_threshold():
    segmenter = stub_segmenter({"white tank": ([LEFT_TANK], [0.9], 0.9)})
    result = segmenter.segment(IMAGE, "the white tank")
    assert segmenter.strategy.detector.prompts == ["white tank"]
    assert result.candidates[0]["terms"]["threshold"] == 0.3 and result.candidates[0]["terms"]["presence"] == 0.9


def test_an_absent_concept_is_an_empty_result_and_the_server_says_nothing_matching():
    segmenter = stub_segmenter({"tank": ([LEFT_TANK, RIGHT_TANK], [0.9, 0.9], 0.05)})  # presence under threshold
    assert segmenter.segment(IMAGE, "the tank left of the road").masks == []
    response = Service(segmenter, 1 << 20).segment(SegmentRequest(image="x", phrase="the tank left of the road"),
                                                   IMAGE, np.ones((H, W), bool), "r1")
    assert response.masks == [] and response.message == "nothing matching 'the tank left of the road' in this view"


def test_text_features_are_cached_per_phrase():
    segmenter = stub_segmenter(TANKS_AND_ROAD)
    embeddings = segmenter.encode(IMAGE)
    segmenter.segment(IMAGE, "the tank left of the road", embeddings=embeddings)
    segmenter.segment(IMAGE, "the tank right of the road", embeddings=embeddings)
    assert segmenter.strategy.detector.texts == ["tank", "road"] and segmenter.strategy.detector.vision_calls == 1


def test_a_box_joins_the_concept_prompt_only_and_clicks_are_ignored():
    segmenter = stub_segmenter(TANKS_AND_ROAD)
    segmenter.segment(IMAGE, "the tank left of the road", boxes=np.array([[5, 45, 35, 75]]),
                      points=np.array([[20, 60, 1]]))
    assert segmenter.strategy.detector.boxes == [[[5, 45, 35, 75]], None]  # the target's prompt, not the road's


def test_the_same_landmark_noun_twice_is_one_detector_run_and_one_instance_each():
    from tests.unit.sam3_fixture import box

    between, aside = box(90, 55, 110, 65), box(10, 95, 30, 115)
    segmenter = stub_segmenter({"car": ([between, aside], [0.8, 0.9], 0.95),
                                "tanks": ([LEFT_TANK, RIGHT_TANK], [0.9, 0.85], 0.95)})
    result = segmenter.segment(IMAGE, "the car between the two tanks")
    assert np.array_equal(result.masks[0], between)
    assert segmenter.strategy.detector.prompts == ["car", "tanks"]

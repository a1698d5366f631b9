"""The zero-shot path asks for a position's frame and segments (issue 21); a superlative landmark's instances:
test_speedups.py."""
from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.reasoner import landmark_names
from rrsis_qgis.train.synthetic_scene import demo_scene


def test_a_framed_position_asks_for_the_frame_and_segments(tiny_segmenter):
    image = demo_scene(size=128, seed=4).image
    query = parse("the tank in the upper-right part of the road")
    assert landmark_names(query) == ["road"]
    result = tiny_segmenter.segment(image, query.text)
    assert result.query["frame"] == "road" and result.query["position"] == "top-right" and result.masks

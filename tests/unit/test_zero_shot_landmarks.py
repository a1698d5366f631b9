"""The zero-shot path finds what the new landmark phrasing needs: a frame's mask, several instances of a landmark
picked by its own superlative (issue 21)."""
import numpy as np

from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.reasoner import landmark_names
from rrsis_qgis.engine.zero_shot import TextCache, encode_texts, landmark_masks
from rrsis_qgis.train.synthetic_scene import demo_scene


def test_a_landmark_with_its_own_superlative_is_cut_as_several_instances_in_one_call(tiny_segmenter):
    image = demo_scene(size=192, seed=6).image
    embeddings = tiny_segmenter.encode(image)
    refiner = tiny_segmenter.refiner
    refiner.restore(embeddings.sam_state)
    query = parse("the tank beside the larger building")
    clip = tiny_segmenter.clip
    texts = encode_texts(TextCache(clip.text_features, encode_many=clip.text_features_many), query, query.text)
    valid = np.ones(image.shape[:2], bool)
    calls = []

    def batched(prompts):
        calls.append(len(prompts))
        return refiner.refine_batch(prompts)

    one = landmark_masks(batched, refiner.mask_side, embeddings.clip_patches, texts, image.shape[:2], valid)
    several = landmark_masks(batched, refiner.mask_side, embeddings.clip_patches, texts, image.shape[:2], valid,
                             {0: 3})
    assert calls[0] == 1 and calls[1] > 1  # the instances in one decoder call
    assert (several[0] | one[0]).sum() == several[0].sum() and several[0].sum() >= one[0].sum()


def test_a_framed_position_asks_for_the_frame_and_segments(tiny_segmenter):
    image = demo_scene(size=128, seed=4).image
    query = parse("the tank in the upper-right part of the road")
    assert landmark_names(query) == ["road"]
    result = tiny_segmenter.segment(image, query.text)
    assert result.query["frame"] == "road" and result.query["position"] == "top-right" and result.masks

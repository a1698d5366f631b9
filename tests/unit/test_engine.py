import numpy as np
import pytest

from rrsis_qgis.phrase_check import clean_phrase
from rrsis_qgis.train.synthetic_scene import demo_scene

PHRASE = "the white storage tank left of the road"


def test_sam2_refinement_returns_a_mask_of_the_view_size(tiny_segmenter):
    from rrsis_qgis.engine.prompts import Peak, prompts_for_peak

    image = demo_scene(size=256).image[:200, :]  # not square on purpose
    refiner = tiny_segmenter.refiner
    refiner.set_image(image)
    heat = np.zeros((200, 256), np.float32)
    heat[40:80, 50:100] = 1.0
    refined = refiner.refine(prompts_for_peak(heat, Peak(75.0, 60.0, 1.0), refiner.mask_side))
    assert refined.mask.shape == (200, 256) and refined.mask.dtype == bool
    assert refined.low_res_logits.shape == (1, 64, 64)
    assert np.isfinite(refined.iou)


def test_pipeline_outputs_are_consistent(tiny_segmenter):
    image = demo_scene(size=192).image
    result = tiny_segmenter.segment(image, PHRASE, top_k=2)
    assert 1 <= len(result.masks) <= 2 and len(result.scores) == len(result.masks)
    assert all(m.shape == (192, 192) and m.dtype == bool for m in result.masks)
    assert result.scores == sorted(result.scores, reverse=True)
    assert result.heatmap.shape == (192, 192) and 0 <= result.heatmap.min() and result.heatmap.max() == 1
    assert set(result.timings_ms) == {"clip_image", "clip_text", "activation", "sam2_encoder", "sam2_decoder",
                                      "reasoning", "sam2_refine"}


def test_tiny_random_is_deterministic_with_a_fixed_seed(tiny_segmenter):
    from rrsis_qgis.engine.segmenter import Segmenter

    image = demo_scene(size=160).image
    first = tiny_segmenter.segment(image, PHRASE)
    again = Segmenter.from_name("tiny-random", device="cpu").segment(image, PHRASE)
    assert np.array_equal(first.heatmap, again.heatmap)
    assert np.array_equal(first.masks[0], again.masks[0]) and first.scores == again.scores
    other_phrase = tiny_segmenter.segment(image, "a red building")
    assert not np.array_equal(first.heatmap, other_phrase.heatmap)


def test_invalid_pixels_never_end_up_in_a_mask(tiny_segmenter):
    image = demo_scene(size=128).image
    valid = np.ones((128, 128), bool)
    valid[:, :64] = False
    result = tiny_segmenter.segment(image, PHRASE, valid=valid)
    assert not result.masks[0][:, :64].any() and np.all(result.heatmap[:, :64] == 0)


@pytest.mark.parametrize("phrase, message", [("", "empty"), ("   \n\t", "empty"), ("x" * 513, "limit is 512")])
def test_bad_phrases_are_refused_with_a_message(phrase, message):
    with pytest.raises(ValueError, match=message):
        clean_phrase(phrase)


def test_phrase_whitespace_is_collapsed():
    assert clean_phrase("  the   white\ttank ") == "the white tank"


@pytest.mark.parametrize("image", [np.zeros((32, 32), np.uint8), np.zeros((32, 32, 4), np.uint8),
                                   np.zeros((32, 32, 3), np.uint16), np.zeros((4, 32, 3), np.uint8)])
def test_bad_images_are_refused_with_a_message(tiny_segmenter, image):
    with pytest.raises(ValueError, match="image|view"):
        tiny_segmenter.segment(image, PHRASE)


def test_cached_embeddings_give_the_same_result_without_the_encoders(tiny_segmenter):
    image = demo_scene(size=128).image
    fresh = tiny_segmenter.segment(image, PHRASE)
    embeddings = tiny_segmenter.encode(image)
    tiny_segmenter.encode(demo_scene(size=128, seed=5).image)  # another view becomes current
    cached = tiny_segmenter.segment(image, PHRASE, embeddings=embeddings)
    assert "sam2_encoder" not in cached.timings_ms and "clip_image" not in cached.timings_ms
    assert np.array_equal(fresh.heatmap, cached.heatmap)
    assert np.array_equal(fresh.masks[0], cached.masks[0]) and fresh.scores == cached.scores
    assert embeddings.nbytes > 0
    with pytest.raises(ValueError, match="another size"):
        tiny_segmenter.segment(image[:100], PHRASE, embeddings=embeddings)


def test_user_boxes_make_one_candidate_each_and_points_join_the_prompts(tiny_segmenter):
    image = demo_scene(size=128).image
    boxes = np.array([[10, 10, 60, 60], [70, 70, 120, 120]], np.float32)
    result = tiny_segmenter.segment(image, PHRASE, top_k=2, boxes=boxes)
    assert len(result.masks) == 2
    assert sorted(p.box.tolist() for p in result.prompts) == boxes.tolist()
    clicked = tiny_segmenter.segment(image, PHRASE, points=np.array([[30, 40, 0]], np.float32))
    prompts = clicked.prompts[0]
    assert prompts.points[-1].tolist() == [30, 40] and prompts.labels.tolist() == [1, 0]


def test_full_reasoning_path_returns_a_parse_and_candidates_deterministically(tiny_segmenter):
    from rrsis_qgis.engine.segmenter import Segmenter

    image = demo_scene(size=160).image
    phrase = "the largest white storage tank left of the road"
    result = tiny_segmenter.segment(image, phrase, top_k=2)
    assert result.query["target"] == "storage tank" and result.query["relation"] == "left_of"
    assert result.query["landmark"] == "road" and result.query["superlative"] == "largest"
    assert 2 <= len(result.candidates) <= 8
    assert {"activation", "attribute", "relation", "superlative"} <= set(result.candidates[0]["terms"])
    refined = [c for c in result.candidates if c["refined"]]  # the shortlist SAM cut, ranked again…
    rest = [c for c in result.candidates if not c["refined"]]  # …then the others, by their coarse regions
    assert result.candidates == refined + rest and len(refined) == 3
    for group in (refined, rest):
        assert [c["score"] for c in group] == sorted((c["score"] for c in group), reverse=True)
    assert result.scores == [c["score"] for c in result.candidates[:2]]
    again = Segmenter.from_name("tiny-random", device="cpu").segment(image, phrase, top_k=2)
    assert again.candidates == result.candidates and np.array_equal(again.masks[0], result.masks[0])


def test_plain_path_without_reasoning_still_works(tiny_segmenter):
    result = tiny_segmenter.segment(demo_scene(size=128).image, PHRASE, reasoning=False)
    assert len(result.masks) == 1 and "reasoning" not in result.timings_ms

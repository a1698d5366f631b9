"""Speed-ups on the query path give the reference path's masks: cached text features, batched landmark decodes."""
import numpy as np

from rrsis_qgis.engine.phrase import parse
from rrsis_qgis.engine.zero_shot import TextCache, encode_texts, landmark_masks
from rrsis_qgis.train.metrics import iou
from rrsis_qgis.train.synthetic_scene import demo_scene


def test_text_cache_encodes_each_phrase_once_and_forgets_the_least_recent():
    calls = []
    cache = TextCache(lambda p: calls.append(p) or (p.upper(),), size=2)
    assert cache("tank") == ("TANK",) and cache("road") == ("ROAD",) and cache("tank") == ("TANK",)
    assert calls == ["tank", "road"]
    cache("ship")  # evicts "road", the least recently used
    cache("tank")
    cache("road")
    assert calls == ["tank", "road", "ship", "road"]


def test_a_repeated_phrase_skips_the_text_encoder_with_the_same_result(tiny_segmenter, monkeypatch):
    image = demo_scene(size=128, seed=4).image
    embeddings = tiny_segmenter.encode(image)
    phrase = "the white tank left of the road"
    first = tiny_segmenter.segment(image, phrase, embeddings=embeddings)
    calls = []
    encode = tiny_segmenter.strategy.text_features.encode
    monkeypatch.setattr(tiny_segmenter.strategy.text_features, "encode", lambda p: calls.append(p) or encode(p))
    again = tiny_segmenter.segment(image, phrase, embeddings=embeddings)
    assert calls == []
    assert all(np.array_equal(a, b) for a, b in zip(first.masks, again.masks)) and first.scores == again.scores


def landmark_inputs(segmenter, phrase: str):
    """What landmark_masks needs for ``phrase`` on a generated view: (decode, counting calls), calls, arguments."""
    image = demo_scene(size=192, seed=6).image
    embeddings = segmenter.encode(image)
    refiner = segmenter.refiner
    refiner.restore(embeddings.sam_state)
    query = parse(phrase)
    clip = segmenter.clip
    texts = encode_texts(TextCache(clip.text_features, encode_many=clip.text_features_many), query, query.text)
    calls = []

    def batched(prompts):
        calls.append(len(prompts))
        return refiner.refine_batch(prompts)

    return batched, calls, (refiner.mask_side, embeddings.clip_patches, texts, image.shape[:2],
                            np.ones(image.shape[:2], bool))


def test_landmarks_cut_in_one_decoder_call_match_one_call_each(tiny_segmenter):
    batched, calls, args = landmark_inputs(tiny_segmenter, "the tank between the road and the building")
    assert len(args[2]["landmarks"]) == 2
    together = landmark_masks(batched, *args)
    one_by_one = landmark_masks(lambda ps: [tiny_segmenter.refiner.refine_batch([p])[0] for p in ps], *args)
    assert calls == [2] and all(m.any() for m in together)
    assert all(iou(a, b) >= 0.99 for a, b in zip(together, one_by_one))


def test_a_landmark_with_its_own_superlative_is_cut_as_several_instances_in_one_call(tiny_segmenter):
    batched, calls, args = landmark_inputs(tiny_segmenter, "the tank beside the larger building")
    one = landmark_masks(batched, *args)
    several = landmark_masks(batched, *args, {0: 3})
    assert calls[0] == 1 and calls[1] > 1  # the instances in one decoder call
    assert (several[0] | one[0]).sum() == several[0].sum() and several[0].sum() >= one[0].sum()


def test_a_querys_phrases_go_through_the_text_tower_in_one_pass_with_the_same_features(tiny_segmenter):
    import torch

    clip = tiny_segmenter.clip
    phrases = ["white storage tank", "storage tank", "the long grey road next to it"]
    together = clip.text_features_many(phrases)
    for phrase, (glob, tokens) in zip(phrases, together):
        alone_glob, alone_tokens = clip.text_features(phrase)
        assert torch.allclose(glob, alone_glob, atol=1e-5) and torch.allclose(tokens, alone_tokens, atol=1e-5)
    batches = []
    cache = TextCache(clip.text_features, encode_many=lambda ps: batches.append(list(ps)) or
                      clip.text_features_many(ps))
    cache("storage tank")
    texts = encode_texts(cache, parse("the white storage tank left of the road"), "")
    assert batches == [["white storage tank", "road"]]  # "storage tank" was cached; one pass for the rest
    assert set(texts) == {"target", "plain", "landmarks"} and texts["landmarks"][0][0] == "road"


def test_decoding_only_the_best_mask_gives_the_predictors_masks_scores_and_logits(tiny_segmenter):
    """The adapter upsamples only each prompt set's best mask; sam2's predictor, which upsamples all three,
    must pick and return the very same."""
    from rrsis_qgis.engine.prompts import Peak, prompts_for_peak

    image = demo_scene(size=160, seed=2).image
    refiner = tiny_segmenter.refiner
    refiner.set_image(image)
    heat = np.random.default_rng(0).random(image.shape[:2]).astype(np.float32)
    batch = [prompts_for_peak(heat, Peak(x, y, 1.0), refiner.mask_side) for x, y in ((30.5, 40.5), (120.5, 90.5))]
    ours = refiner.refine_batch(batch)
    masks, ious, low = refiner.predictor.predict(point_coords=np.stack([p.points for p in batch]),
                                                 point_labels=np.stack([p.labels for p in batch]),
                                                 box=np.stack([p.box for p in batch]), multimask_output=True)
    for i, refined in enumerate(ours):
        best = int(ious[i].argmax())
        assert np.array_equal(refined.mask, masks[i, best] > 0) and refined.mask.any()
        assert refined.iou == float(ious[i, best])
        assert np.array_equal(refined.low_res_logits, low[i, best:best + 1])
    second = refiner.refine(batch[0], use_mask_prompt=True, second_pass=False)  # dense prompt, single mask
    m, s, lo = refiner.predictor.predict(point_coords=batch[0].points, point_labels=batch[0].labels,
                                         box=batch[0].box, mask_input=batch[0].mask_logits, multimask_output=False)
    assert np.array_equal(second.mask, m[0] > 0) and second.iou == float(s[0])

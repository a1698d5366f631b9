"""Our cached SAM 3 path gives what transformers' own pipeline gives: Sam3Processor → Sam3Model → post-processing."""
import numpy as np
import pytest
import torch

from rrsis_qgis.engine.sam3.detector import MAX_INSTANCES, Sam3Detector
from rrsis_qgis.engine.sam3.random_release import random_model


@pytest.fixture(scope="module")
def sam3():
    torch.manual_seed(3)
    model, processor = random_model()
    return model.eval(), processor


def _reference(model, processor, image, phrase, boxes=None):
    """transformers' documented pipeline, every instance kept (random scores never pass 0.3), best first."""
    hw = image.shape[:2]
    extra = {} if boxes is None else {"input_boxes": [boxes.tolist()], "input_boxes_labels": [[1] * len(boxes)]}
    inputs = processor(images=image, text=phrase, return_tensors="pt", **extra)
    with torch.inference_mode():
        out = model(**inputs)
    ref = processor.post_process_instance_segmentation(out, threshold=0.0, mask_threshold=0.5, target_sizes=[hw])[0]
    order = torch.argsort(ref["scores"], descending=True)[:MAX_INSTANCES]
    return ref["scores"][order].numpy(), ref["masks"][order].numpy().astype(bool)


@pytest.mark.parametrize("hw,phrase,boxes", [
    ((200, 300), "white storage tank", None),
    ((256, 256), "ship", None),
    ((180, 320), "the large building", np.array([[40.0, 30.0, 150.0, 120.0]])),
])
def test_the_cached_path_gives_transformers_scores_and_masks(sam3, hw, phrase, boxes):
    model, processor = sam3
    image = np.random.default_rng(sum(hw)).integers(0, 256, (*hw, 3), dtype=np.uint8)
    detector = Sam3Detector(model, processor, threshold=None)
    ours = detector.detect(detector.vision(image), detector.text([phrase])[0], hw, boxes=boxes)
    scores, masks = _reference(model, processor, image, phrase, boxes)
    np.testing.assert_allclose(ours.scores, scores, atol=1e-5)
    assert ours.masks.shape == masks.shape
    differ = (ours.masks != masks).sum(axis=(1, 2)) / masks[0].size
    assert differ.max() <= 1e-3, differ

"""Real checkpoint files (the formats the official ones use) load into the engine's models."""
import numpy as np
import torch

from rrsis_qgis.engine.clip_dense import DenseClip
from rrsis_qgis.engine.sam2_adapter import Sam2Refiner
from rrsis_qgis.engine.specs import get_spec
from rrsis_qgis.train.synthetic_scene import demo_scene

SPEC = get_spec("tiny-random")


def test_clip_state_dict_checkpoint_is_loaded(tmp_path):
    torch.manual_seed(0)
    source = DenseClip(SPEC.clip, torch.device("cpu"))
    path = tmp_path / "clip.pt"
    torch.save(source.model.state_dict(), path)
    torch.manual_seed(123)  # different random init: only the checkpoint can make them agree
    loaded = DenseClip(SPEC.clip, torch.device("cpu"), checkpoint=path)
    image = demo_scene(size=96).image
    assert torch.equal(source.image_features(image), loaded.image_features(image))


def test_sam2_checkpoint_in_the_official_format_is_loaded(tmp_path):
    torch.manual_seed(0)
    source = Sam2Refiner(SPEC.sam2, torch.device("cpu"))
    path = tmp_path / "sam2.pt"
    torch.save({"model": source.predictor.model.state_dict()}, path)
    torch.manual_seed(123)
    loaded = Sam2Refiner(SPEC.sam2, torch.device("cpu"), checkpoint=path)
    for name, tensor in source.predictor.model.state_dict().items():
        assert torch.equal(tensor, loaded.predictor.model.state_dict()[name]), name
    image = demo_scene(size=64).image
    source.set_image(image)
    loaded.set_image(image)
    assert np.array_equal(source.predictor._features["image_embed"].numpy(),
                          loaded.predictor._features["image_embed"].numpy())

import numpy as np
import pytest
import torch
import torch.nn.functional as F

from rrsis_qgis.engine.clip_dense import TEMPLATES, DenseClip
from rrsis_qgis.engine.specs import get_spec


@pytest.fixture(scope="module")
def clip():
    torch.manual_seed(0)
    return DenseClip(get_spec("tiny-random").clip, torch.device("cpu"))


def test_global_text_embedding_equals_open_clips_own(clip):
    phrase = "the white storage tank left of the road"
    glob, tokens = clip.text_features(phrase)
    own = F.normalize(clip.model.encode_text(clip.tokenizer([t.format(phrase) for t in TEMPLATES])), dim=-1)
    assert torch.allclose(glob, F.normalize(own.mean(0), dim=0), atol=1e-6)
    assert tokens.shape[0] == len(clip.tokenizer.encode(phrase))  # one feature per word piece
    assert torch.allclose(tokens.norm(dim=-1), torch.ones(tokens.shape[0]), atol=1e-5)


@pytest.mark.parametrize("hw", [(300, 400), (128, 128), (50, 200)])
def test_patch_grid_follows_the_view_aspect(clip, hw):
    feats = clip.image_features(np.zeros(hw + (3,), np.uint8))
    gh, gw = feats.shape[1:]
    side = clip.spec.input_size / clip.patch
    assert max(gh, gw) == round(side)
    assert abs(gw / gh - hw[1] / hw[0]) <= 0.5
    assert feats.shape[0] == clip.model.visual.output_dim
    assert torch.allclose(feats.norm(dim=0), torch.ones(gh, gw), atol=1e-5)


def test_native_grid_uses_the_pretrained_positional_embedding(clip):
    n = clip.model.visual.positional_embedding.shape[0]
    side = int((n - 1) ** 0.5)
    assert clip.vision.positional(side, side) is clip.model.visual.positional_embedding
    assert clip.vision.positional(3, 5).shape == (16, n and clip.model.visual.positional_embedding.shape[1])

"""Dense CLIP for every preset's tower: timm/SigLIP (no class token, attention-pooling head), patch 14/16/32.

Fast tests use a tiny SigLIP-like open_clip config (timm ViT + MAP head + bidirectional text tower);
the slow ones build each preset's CLIP at real size with random weights, one at a time.
"""
import gc
import json

import numpy as np
import open_clip
import pytest
import torch
import torch.nn.functional as F

from rrsis_qgis.engine import clip_dense
from rrsis_qgis.engine.clip_dense import DenseClip, StandInTokenizer, TokenizerUnavailable, load_tokenizer
from rrsis_qgis.engine.clip_towers import TimmViT, clear_clip_attention
from rrsis_qgis.engine.specs import ClipSpec, get_spec

CPU = torch.device("cpu")
TINY_SIGLIP = "rrsis-test-tiny-siglip"
CONTEXT = 16


@pytest.fixture(scope="module")
def siglip(tmp_path_factory):
    """A tiny SigLIP-shaped model: timm ViT (class token here, to cover prefix tokens) with a MAP head."""
    cfg = {"embed_dim": 192, "custom_text": True, "init_logit_bias": -10,
           "vision_cfg": {"image_size": 64, "timm_model_name": "vit_tiny_patch16_224", "timm_model_pretrained": False,
                          "timm_pool": "map", "timm_proj": "none"},
           "text_cfg": {"context_length": CONTEXT, "vocab_size": 50000, "width": 64, "heads": 2, "layers": 2,
                        "no_causal_mask": True, "proj_bias": True, "pool_type": "last"}}
    path = tmp_path_factory.mktemp("cfg") / f"{TINY_SIGLIP}.json"
    path.write_text(json.dumps(cfg))
    open_clip.add_model_config(path)
    torch.manual_seed(0)
    spec = ClipSpec(TINY_SIGLIP, None, False, 96, mean=(0.5, 0.5, 0.5), std=(0.5, 0.5, 0.5))
    return DenseClip(spec, CPU, tokenizer=StandInTokenizer(CONTEXT))


def test_timm_embedding_matches_timms_own_forward_at_the_native_grid(siglip):
    trunk = siglip.model.visual.trunk
    x = torch.randn(2, 3, 224, 224)
    with torch.no_grad():
        ours = siglip.vision.embed(x, (14, 14))
        for block in trunk.blocks:
            ours = block(ours)
        assert torch.allclose(trunk.norm(ours), trunk.forward_features(x), atol=1e-5)


def test_attention_pool_applied_per_token_is_the_pool_of_that_token_alone(siglip):
    pool = siglip.model.visual.trunk.attn_pool
    vision = siglip.vision
    x = torch.randn(1, 5, 192)
    with torch.no_grad():
        per_token = vision.head(x)
        alone = torch.cat([siglip.model.visual.head(pool(vision.t.norm(x[:, i:i + 1]))) for i in range(5)], dim=0)
    assert torch.allclose(per_token[0], alone.reshape(5, -1), atol=1e-5)


@pytest.mark.parametrize("kind", ["timm", "open_clip"])
def test_clear_clip_attention_is_ordinary_attention_when_keys_equal_queries(siglip, kind):
    if kind == "timm":
        attn = siglip.model.visual.trunk.blocks[-1].attn
        weight, bias, c = attn.qkv.weight, attn.qkv.bias, attn.qkv.in_features
    else:
        torch.manual_seed(1)
        attn = torch.nn.MultiheadAttention(32, 4, batch_first=True)  # what open_clip's blocks hold
        weight, bias, c = attn.in_proj_weight, attn.in_proj_bias, attn.embed_dim
    with torch.no_grad():
        weight[c:2 * c] = weight[:c]
        bias[c:2 * c] = bias[:c]
        y = torch.randn(2, 7, c)
        ordinary = attn(y) if kind == "timm" else attn(y, y, y, need_weights=False)[0]
        assert torch.allclose(clear_clip_attention(y, attn), ordinary, atol=1e-5)


@pytest.mark.parametrize("hw", [(300, 400), (96, 96), (100, 200)])
def test_siglip_patch_grid_follows_the_view(siglip, hw):
    feats = siglip.image_features(np.zeros(hw + (3,), np.uint8))
    gh, gw = feats.shape[1:]
    assert max(gh, gw) == 96 // 16 and abs(gw / gh - hw[1] / hw[0]) <= 0.5
    assert feats.shape[0] == 192 == siglip.embed_dim and torch.allclose(feats.norm(dim=0), torch.ones(gh, gw), atol=1e-5)


def test_siglip_positions_native_and_interpolated(siglip):
    pos = siglip.model.visual.trunk.pos_embed[0]
    native = siglip.vision.positional(14, 14)
    assert native.data_ptr() == pos.data_ptr() and native.shape == pos.shape  # as trained, not resampled
    assert siglip.vision.positional(3, 5).shape == (1 + 15, pos.shape[1])  # the class position is kept


def test_siglip_text_is_pooled_at_the_last_position_like_open_clip(siglip):
    phrase = "the white storage tank left of the road"
    ids = siglip.tokenize([phrase, "a red car"])
    assert ids.shape == (2, CONTEXT)  # bidirectional: never cut
    x, pooled, padding = siglip.text_tokens(ids)
    with torch.no_grad():
        assert torch.allclose(pooled, siglip.model.encode_text(ids), atol=1e-5)
    assert torch.equal(padding, ids == 0)
    glob, tokens = siglip.text_features(phrase)
    assert glob.shape == (192,) and tokens.shape == (len(siglip.tokenizer.bpe.encode(phrase)), 192)


def test_siglip_dense_tokens_for_the_trained_path(siglip):
    x, grid = siglip.prepare(np.zeros((64, 128, 3), np.uint8))
    assert siglip.image_tokens(x, grid).shape == (1, grid[0] * grid[1], 192)


def test_stand_in_tokenizer_lays_ids_out_like_siglip():
    ids = StandInTokenizer(8)(["a red car", "x " * 20])
    assert ids.shape == (2, 8) and ids[0, 3] == StandInTokenizer.EOS and (ids[0, 4:] == 0).all()
    assert (ids[0, :3] > 1).all() and ids[1, -1] == StandInTokenizer.EOS


def _no_hub(exc):
    def refuse(*_args, **_kwargs):
        raise exc
    return refuse


@pytest.mark.parametrize("exc", [ImportError("No module named 'transformers'"), OSError("cannot reach huggingface.co")])
def test_a_missing_siglip_tokenizer_is_a_clear_error_with_real_weights(monkeypatch, exc):
    monkeypatch.setattr(clip_dense.open_clip, "get_tokenizer", _no_hub(exc))
    with pytest.raises(TokenizerUnavailable) as info:
        load_tokenizer(get_spec("quality").clip)
    text = str(info.value)
    assert "timm/ViT-SO400M-16-SigLIP2-512" in text and "transformers" in text and "HF_HUB_OFFLINE" in text
    assert isinstance(info.value, ValueError)  # the CLI and server report it as a message, never a traceback


def test_quality_without_its_tokenizer_stops_before_building_a_model(monkeypatch, tmp_path):
    from rrsis_qgis.engine.segmenter import Segmenter
    from rrsis_qgis.engine.weights import load_manifest

    manifest = load_manifest()
    for key in get_spec("quality").weight_keys:  # files of the right size (sparse): resolve_weights finds them
        with open(tmp_path / manifest[key].file, "wb") as f:
            f.truncate(manifest[key].size or 1)
    monkeypatch.setattr("rrsis_qgis.engine.weights.verify_pinned", lambda *a, **k: None)  # stand-ins: not the pins
    monkeypatch.setattr(clip_dense.open_clip, "get_tokenizer", _no_hub(ImportError("No module named 'transformers'")))
    built = []
    monkeypatch.setattr(clip_dense.open_clip, "create_model", lambda *a, **k: built.append(a))
    with pytest.raises(TokenizerUnavailable, match="transformers"):
        Segmenter.from_name("quality", device="cpu", models_dir=tmp_path)
    assert not built


def test_random_siglip_weights_use_the_stand_in_tokenizer(monkeypatch, caplog):
    monkeypatch.setattr(clip_dense.open_clip, "get_tokenizer", _no_hub(ImportError("no transformers")))
    tok = load_tokenizer(get_spec("quality-random").clip)
    assert isinstance(tok, StandInTokenizer) and tok.context_length == 64
    assert "stand-in tokenizer" in caplog.text


def test_clip_tokenizers_stay_offline_and_their_errors_are_not_masked(monkeypatch):
    assert isinstance(load_tokenizer(get_spec("remote-sensing").clip), open_clip.SimpleTokenizer)
    monkeypatch.setattr(clip_dense.open_clip, "get_tokenizer", _no_hub(RuntimeError("boom")))
    with pytest.raises(RuntimeError, match="boom"):
        load_tokenizer(get_spec("default").clip)


def test_safetensors_checkpoints_load(tmp_path):
    from safetensors.torch import save_file

    spec = get_spec("tiny-random").clip
    torch.manual_seed(3)
    source = DenseClip(spec, CPU)
    path = tmp_path / "open_clip_model.safetensors"
    save_file({k: v.contiguous() for k, v in source.model.state_dict().items()}, str(path))
    torch.manual_seed(4)
    loaded = DenseClip(spec, CPU, checkpoint=path)
    image = np.random.default_rng(0).integers(0, 255, (80, 90, 3), dtype=np.uint8)
    assert torch.equal(source.image_features(image), loaded.image_features(image))


# ---- real sizes, random weights: one model at a time, freed after use

REAL = {  # spec → (patch, embedding dim)
    "full-random": (16, 512),
    "remote-sensing-random": (32, 512),
    "remote-sensing-large-random": (14, 768),
    "quality-random": (16, 1152),
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(REAL))
def test_each_presets_tower_at_real_size(name):
    spec = get_spec(name).clip
    patch, dim = REAL[name]
    torch.manual_seed(0)
    clip = DenseClip(spec, CPU)
    try:
        assert clip.patch == patch
        feats = clip.image_features(np.zeros((300, 420, 3), np.uint8))
        gh, gw = feats.shape[1:]
        assert feats.shape[0] == dim == clip.embed_dim and gw == round(spec.input_size / patch)
        assert gh == round(gw * 300 / 420)
        assert torch.allclose(feats.norm(dim=0), torch.ones(gh, gw), atol=1e-4)
        glob, tokens = clip.text_features("the white storage tank left of the road")
        assert glob.shape == (dim,) and tokens.shape[1] == dim and 1 <= tokens.shape[0] <= 16
        x, grid = clip.prepare(np.zeros((64, 96, 3), np.uint8), input_size=6 * patch)
        assert clip.image_tokens(x, grid).shape == (1, grid[0] * grid[1], dim)
        if isinstance(clip.vision, TimmViT):  # SigLIP 2: no class token, the MAP head, 0.5/0.5 normalisation
            assert clip.vision.prefix == 0 and clip.model.visual.trunk.attn_pool is not None
            assert torch.allclose(clip.mean.flatten(), torch.tensor([0.5, 0.5, 0.5]))
    finally:
        del clip
        gc.collect()


@pytest.mark.slow
def test_vit_l_14_with_quick_gelu_at_real_size():
    spec = ClipSpec("ViT-L-14", None, True, 224)
    clip = DenseClip(spec, CPU)
    try:
        assert type(clip.model.visual.transformer.resblocks[0].mlp.gelu).__name__ == "QuickGELU"
        feats = clip.image_features(np.zeros((224, 224, 3), np.uint8))
        assert feats.shape == (768, 16, 16)
        assert clip.vision.positional(16, 16) is clip.model.visual.positional_embedding  # the native grid: as trained
    finally:
        del clip
        gc.collect()


@pytest.mark.slow
def test_the_remote_sensing_preset_segments_end_to_end_with_random_weights():
    from rrsis_qgis.engine.segmenter import Segmenter
    from rrsis_qgis.train.synthetic_scene import demo_scene

    segmenter = Segmenter.from_name("remote-sensing-random", device="cpu")
    try:
        result = segmenter.segment(demo_scene(size=256).image, "the white storage tank left of the road")
        assert result.masks and result.masks[0].shape == (256, 256) and result.model == "remote-sensing-random"
        assert result.heatmap.shape == (256, 256)
    finally:
        del segmenter
        gc.collect()

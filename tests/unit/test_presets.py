"""Model presets (quality, remote-sensing, remote-sensing-large): specs, manifest entries, and their random variants."""
import pytest

from rrsis_qgis.engine.specs import get_spec, load_specs
from rrsis_qgis.engine.weights import MissingWeightsError, load_manifest, resolve_weights

PRESETS = {  # name → (open_clip arch, CLIP manifest key, SAM 2.1 manifest key)
    "quality": ("ViT-SO400M-16-SigLIP2-512", "clip-siglip2-so400m-16-512", "sam2.1-hiera-large"),
    "remote-sensing": ("ViT-B-32", "clip-remoteclip-vit-b-32", "sam2.1-hiera-tiny"),
    "remote-sensing-large": ("ViT-L-14", "clip-remoteclip-vit-l-14", "sam2.1-hiera-large"),
}


@pytest.mark.parametrize("name", sorted(PRESETS))
def test_presets_name_their_architectures_and_checkpoints(name):
    spec = get_spec(name)
    arch, clip_key, sam_key = PRESETS[name]
    assert spec.clip.arch == arch and spec.weight_keys == (clip_key, sam_key)
    assert not spec.random_weights and set(spec.weight_keys) <= set(load_manifest())
    large = sam_key == "sam2.1-hiera-large"
    assert spec.sam2.config.endswith("sam2.1_hiera_l.yaml" if large else "sam2.1_hiera_t.yaml")


def test_the_existing_specs_are_unchanged():
    default, full, tiny = get_spec("default"), get_spec("full-random"), get_spec("tiny-random")
    assert (default.clip.arch, default.clip.quick_gelu, default.clip.input_size) == ("ViT-B-16", True, 336)
    assert default.weight_keys == ("clip-vit-b-16-openai", "sam2.1-hiera-tiny")
    assert full.clip == default.clip.__class__("ViT-B-16", None, True, 336) and full.random_weights
    assert full.sam2.config == default.sam2.config and not full.sam2.overrides
    assert (tiny.clip.arch, tiny.clip.input_size, tiny.sam2.image_size) == ("clip-tiny-random", 128, 256)
    assert all(s.clip.mean is None and s.clip.std is None for s in (default, full, tiny))


@pytest.mark.parametrize("name", ["default", "quality", "remote-sensing", "remote-sensing-large"])
def test_every_spec_has_a_random_variant_of_the_same_architectures(name):
    real, fake = get_spec(name), get_spec(f"{name}-random")
    assert fake.name == f"{name}-random" and fake.random_weights and fake.weight_keys == ()
    assert (fake.clip.arch, fake.clip.input_size, fake.clip.quick_gelu, fake.clip.mean) == \
        (real.clip.arch, real.clip.input_size, real.clip.quick_gelu, real.clip.mean)
    assert (fake.sam2.config, fake.sam2.image_size, fake.sam2.overrides) == \
        (real.sam2.config, real.sam2.image_size, real.sam2.overrides)
    assert f"{name}-random" not in load_specs()  # derived, so /v1/models and `models list` do not grow


def test_explicit_random_specs_win_and_unknown_names_are_refused():
    assert get_spec("full-random").description.startswith("the default architectures")
    with pytest.raises(KeyError, match="<name>-random"):
        get_spec("nope-random")
    with pytest.raises(KeyError):
        get_spec("random")


def test_siglip_preset_uses_siglips_input_normalisation():
    clip = get_spec("quality").clip
    assert clip.mean == (0.5, 0.5, 0.5) and clip.std == (0.5, 0.5, 0.5) and not clip.quick_gelu
    assert clip.input_size == 512  # RSRefSeg 2's google/siglip2-so400m-patch16-512: a 32×32 grid


def test_remoteclip_entries_are_pinned_to_the_publishers_revision():
    manifest = load_manifest()
    for key, size in (("clip-remoteclip-vit-b-32", 605208421), ("clip-remoteclip-vit-l-14", 1710613765)):
        entry = manifest[key]
        assert entry.url.startswith("https://huggingface.co/chendelong/RemoteCLIP/resolve/bf1d8a3")
        assert entry.size == size and len(entry.sha256) == 64 and not entry.unverified
    siglip = manifest["clip-siglip2-so400m-16-512"]
    assert siglip.url.startswith("https://huggingface.co/timm/ViT-SO400M-16-SigLIP2-512/")
    assert siglip.sha256 is None and "sha256" in siglip.unverified


def test_missing_preset_weights_name_each_file_and_url(tmp_path):
    with pytest.raises(MissingWeightsError) as info:
        resolve_weights(get_spec("quality").weight_keys, tmp_path)
    text = str(info.value)
    assert "open_clip_model.safetensors" in text and "sam2.1_hiera_large.pt" in text
    assert "https://huggingface.co/timm/ViT-SO400M-16-SigLIP2-512/resolve/main/open_clip_model.safetensors" in text

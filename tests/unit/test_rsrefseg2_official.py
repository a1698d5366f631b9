"""rsrefseg2: gives the official RSRefSeg 2 code's outputs on its own checkpoint (tests/data/rsrefseg2_official).

The fixture was made by running the authors' classes offline with random weights (README there); their
code is not in this repository. Per case: the prompter's sparse and dense prompts, the SAM 2 decoder's
chosen low-res logits, and the final mask at the view's size.
"""
import json
import lzma
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from rrsis_qgis.engine.segmenter import Segmenter
from rrsis_qgis.train.metrics import iou

FIXTURE = Path(__file__).parent.parent / "data" / "rsrefseg2_official"
CASES = np.load(FIXTURE / "cases.npz") if (FIXTURE / "cases.npz").is_file() else None
N = len([k for k in CASES.files if k.startswith("view_")]) if CASES is not None else 0


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("official")
    with lzma.open(FIXTURE / "rsrefseg2_tiny.pth.xz") as src, open(folder / "rsrefseg2_tiny.pth", "wb") as dst:
        shutil.copyfileobj(src, dst)
    for f in (FIXTURE / "tokenizer").iterdir():
        shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture(scope="module")
def official(folder):
    return Segmenter.from_name(f"rsrefseg2:{folder}", device="cpu")


def _case(i):
    return {k[: -len(f"_{i}")]: CASES[k] for k in CASES.files if k.endswith(f"_{i}")}


@pytest.fixture(scope="module")
def ours(official):
    out = []
    for i in range(N):
        case = _case(i)
        view, phrase = case["view"], str(case["phrase"])
        embeddings = official.encode(view)
        official.refiner.restore(embeddings.sam_state)
        parts = official.strategy.forward(embeddings.clip_patches, phrase, official.refiner)
        result = official.segment(view, phrase, embeddings=embeddings)
        mask = result.masks[0] if result.masks else np.zeros(view.shape[:2], bool)
        out.append((case, parts, mask))
    return out


def test_the_fixture_covers_both_stability_branches_and_padding():
    assert N >= 4
    branches = {int(_case(i)["branch"]) for i in range(N)}
    shapes = [tuple(_case(i)["view"].shape[:2]) for i in range(N)]
    assert branches == {0, 1}
    assert any(h != w for h, w in shapes) and any(h == w for h, w in shapes)


@pytest.mark.parametrize("i", range(N))
def test_the_tokenizer_gives_the_official_ids(official, i):
    case = _case(i)
    ids = official.strategy.model.tokenizer([str(case["phrase"])])["input_ids"][0]
    assert ids == case["input_ids"].tolist()


@pytest.mark.parametrize("i", range(N))
def test_sparse_and_dense_prompts_match_the_official(ours, i):
    case, parts, _ = ours[i]
    np.testing.assert_allclose(parts["sparse"][0].numpy(), case["sparse"].reshape(parts["sparse"][0].shape), atol=1e-4)
    np.testing.assert_allclose(parts["dense"][0].numpy(), case["dense"].reshape(parts["dense"][0].shape), atol=1e-3)


@pytest.mark.parametrize("i", range(N))
def test_low_res_logits_match_the_official_within_1e_3(ours, i):
    case, parts, _ = ours[i]
    low = parts["low_res"][0].numpy()
    assert np.abs(low - case["lowres"].reshape(low.shape)).max() < 1e-3


@pytest.mark.parametrize("i", range(N))
def test_the_mask_matches_the_official_with_iou_at_least_0_999(ours, i):
    case, _, mask = ours[i]
    assert mask.shape == case["mask"].shape
    assert iou(mask, case["mask"].astype(bool)) >= 0.999


@pytest.mark.slow
def test_a_released_size_checkpoint_maps_completely():
    """The official model's full-size key list (so400m + SAM 2.1-L), as meta tensors, fills every module."""
    from rrsis_qgis.engine.rsrefseg2.checkpoint import check_complete, merge_lora, shapes_of, split_key, unused_reason
    from rrsis_qgis.engine.rsrefseg2.prompter import CascadedPrompter, PrompterSizes
    from rrsis_qgis.engine.rsrefseg2.siglip import text_config, vision_config
    from rrsis_qgis.engine.sam2_variant import sam21_spec

    keys = json.loads(lzma.open(FIXTURE / "full_size_keys.json.xz").read())["keys"]
    state = {k: torch.empty(shape, dtype=getattr(torch, dtype.replace("torch.", "")), device="meta")
             for k, (shape, dtype) in keys.items()}
    assert len(state) == 2649
    merged, layers, rank = merge_lora(state, Path("released.pth"))
    assert (layers, rank) == (320, 16)
    parts: dict = {}
    for key, tensor in merged.items():
        part, local = split_key(key)
        if not unused_reason(part, local, key):
            assert part is not None, key
            parts.setdefault(part, {})[local] = tensor
    sizes = PrompterSizes.from_state(parts["prompter"])
    assert (sizes.text_dim, sizes.prompt_dim, sizes.internal_dim, sizes.mlp_dim, sizes.grid) == (1152, 256, 512, 512, 32)
    with torch.device("meta"):
        check_complete(shapes_of(CascadedPrompter(sizes)), parts["prompter"], "prompter", Path("x"))
    v, t = vision_config(parts["vision"], Path("x")), text_config(parts["text"], Path("x"))
    assert (v.hidden_size, v.num_hidden_layers, v.num_attention_heads, v.patch_size, v.image_size) == (1152, 27, 16, 16, 512)
    assert (t.vocab_size, t.max_position_embeddings, t.num_hidden_layers) == (256000, 64, 27)
    from transformers import SiglipTextModel, SiglipVisionModel
    with torch.device("meta"):
        check_complete(shapes_of(SiglipVisionModel(v)), parts["vision"], "vision", Path("x"))
        check_complete(shapes_of(SiglipTextModel(t)), parts["text"], "text", Path("x"))
    assert set(parts["text_scale"]) == {"logit_scale", "logit_bias"}
    spec = sam21_spec(parts["sam"])
    assert spec.config == "configs/sam2.1/sam2.1_hiera_l.yaml" and not spec.overrides
    from rrsis_qgis.engine.sam2_adapter import Sam2Refiner
    check_complete(Sam2Refiner(spec, torch.device("cpu")).image_path_shapes(), parts["sam"], "SAM", Path("x"))


# bench/rsrefseg2_bf16.py measured, on this fixture under CPU autocast: mask IoU ≥ 0.966 against fp32 (random
# weights put many logits near 0), low-res logits within 0.59.
BF16_MIN_MASK_IOU = 0.95


def test_bf16_autocast_computes_in_bf16_and_keeps_the_masks_within_the_stated_bound(folder, official, ours):
    bf16 = Segmenter.from_name(f"rsrefseg2:{folder}", device="cpu", precision="bf16")
    dtypes, hooks = {}, []
    for name, seg in (("fp32", official), ("bf16", bf16)):  # SigLIP, SAM 2's encoder, the prompter
        for module in (seg.strategy.model.vision.encoder.layers[0].self_attn.q_proj,
                       seg.refiner.model.image_encoder.trunk.blocks[0].attn.qkv, seg.strategy.model.prompter):
            hooks.append(module.register_forward_hook(lambda m, i, o, n=name: dtypes.setdefault(n, set()).add(
                (o["sparse"] if isinstance(o, dict) else o).dtype)))
    official.segment(_case(N - 1)["view"], str(_case(N - 1)["phrase"]))
    for hook in hooks[:3]:
        hook.remove()
    assert dtypes["fp32"] == {torch.float32}
    ious = []
    for i in range(N):
        case, _, fp32_mask = ours[i]
        result = bf16.segment(case["view"], str(case["phrase"]))
        mask = result.masks[0] if result.masks else np.zeros(fp32_mask.shape, bool)
        ious.append(iou(mask, fp32_mask))
    assert dtypes["bf16"] == {torch.bfloat16}
    assert min(ious) >= BF16_MIN_MASK_IOU, ious


def test_bf16_is_refused_for_a_family_without_it():
    with pytest.raises(ValueError, match="rsrefseg2 models only"):
        Segmenter.from_name("tiny-random", device="cpu", precision="bf16")


def test_the_text_config_names_special_ids_inside_its_vocabulary(official):
    """transformers 5 warns on every load when they are not (SiglipTextConfig's defaults are CLIP's 49406/49407)."""
    cfg = official.strategy.model.text.config
    assert all(0 <= i < cfg.vocab_size for i in (cfg.pad_token_id, cfg.bos_token_id, cfg.eos_token_id))

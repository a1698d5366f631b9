"""The cascaded prompter: output shapes per dense mode on a non-square grid, padding, decorrelation, config checks."""
import math

import pytest
import torch

from rrsis_qgis.engine.prompter import (CascadedPrompter, PrompterConfig, _pool_tokens, decorrelation,
                                        load_prompter_config)

B, GRID, L, IMAGE_DIM, TEXT_DIM, PROMPT_DIM, MASK_SIDE = 2, (3, 5), 7, 24, 20, 16, 12


def inputs(seed=0):
    g = torch.Generator().manual_seed(seed)
    image = torch.randn(B, GRID[0] * GRID[1], IMAGE_DIM, generator=g)
    text = torch.randn(B, L, TEXT_DIM, generator=g)
    pooled = torch.randn(B, TEXT_DIM, generator=g)
    padding = torch.zeros(B, L, dtype=torch.bool)
    padding[1, 4:] = True  # the second phrase is shorter
    return image, text, pooled, padding


def prompter(dense):
    torch.manual_seed(0)
    cfg = PrompterConfig(**{**load_prompter_config("tiny").as_dict(), "dense": dense})
    return CascadedPrompter(cfg, IMAGE_DIM, TEXT_DIM, PROMPT_DIM).eval(), cfg


@pytest.mark.parametrize("dense", ["similarity", "pseudo_mask"])
def test_output_shapes_on_a_non_square_grid(dense):
    model, cfg = prompter(dense)
    image, text, pooled, padding = inputs()
    out = model(image, GRID, text, pooled, padding, MASK_SIDE)
    c, (gh, gw) = cfg.width, GRID
    assert out["sparse"].shape == (B, cfg.sparse_tokens, PROMPT_DIM)
    assert out["dense"].shape == (B, 1, MASK_SIDE, MASK_SIDE)
    assert out["coarse"].shape == (B, 1, gh, gw)
    assert out["q1"].shape == out["q2"].shape == (B, cfg.queries, c)
    assert out["image"].shape == out["image_raw"].shape == (B, gh * gw, c) and out["text"].shape == (B, c)
    assert out["pixel"].shape == (B, 1, gh, gw)  # text-to-pixel agreement before fusion
    assert ("pseudo" in out) == (dense == "pseudo_mask")
    if dense == "pseudo_mask":
        assert out["pseudo"].shape == (B, 1, gh, gw)
    torch.testing.assert_close(out["text"].norm(dim=-1), torch.ones(B))
    assert all(torch.isfinite(v).all() for v in out.values())


def test_the_two_samples_are_independent_and_padding_is_ignored():
    model, _ = prompter("pseudo_mask")
    image, text, pooled, padding = inputs()
    out = model(image, GRID, text, pooled, padding, MASK_SIDE)
    text2 = text.clone()
    text2[1, 4:] = 100.0  # only padded positions of sample 1 change
    image2 = image.clone()
    image2[0] = 0.0  # only sample 0's image changes
    out2 = model(image2, GRID, text2, pooled, padding, MASK_SIDE)
    torch.testing.assert_close(out2["dense"][1], out["dense"][1], rtol=1e-5, atol=1e-5)
    torch.testing.assert_close(out2["sparse"][1], out["sparse"][1], rtol=1e-5, atol=1e-5)
    assert (out2["dense"][0] - out["dense"][0]).abs().max() > 1e-4


def test_the_grid_position_matters():
    """Two image tokens with equal features at different places must not get the same coarse logit."""
    model, _ = prompter("similarity")
    image, text, pooled, padding = inputs()
    image[:] = image[:, :1]  # every token has the same features
    coarse = model(image, GRID, text, pooled, padding, MASK_SIDE)["coarse"]
    assert coarse[0, 0].std() > 1e-4


def test_pooling_to_three_slots_averages_consecutive_valid_tokens():
    tokens = torch.arange(6, dtype=torch.float32).reshape(1, 6, 1)  # values 0..5
    padding = torch.tensor([[False, False, False, False, False, True]])  # 5 valid tokens
    pooled = _pool_tokens(tokens, padding, 3)[0, :, 0]
    # slot = floor(position * 3 / 5): positions 0,1 → 0; 2,3 → 1; 4 → 2
    torch.testing.assert_close(pooled, torch.tensor([0.5, 2.5, 4.0]))


def test_decorrelation_orthogonal_is_zero_parallel_is_one():
    e = torch.eye(6)
    orthogonal = decorrelation(e[None, :3], e[None, 3:])
    assert orthogonal.item() == pytest.approx(0.0, abs=1e-7)
    v = torch.randn(1, 1, 6).expand(1, 3, 6)
    assert decorrelation(v, 5.0 * v).item() == pytest.approx(1.0, abs=1e-6)  # scale does not matter
    assert decorrelation(e[None, :3], e[None, :3]).item() == pytest.approx(3 / 9)  # identity cosine matrix
    diagonal = (e[0] + e[1])[None, None]
    assert decorrelation(e[None, :1], diagonal).item() == pytest.approx(math.cos(math.pi / 4) ** 2)


@pytest.mark.parametrize("bad", [{"width": 66, "heads": 4}, {"dense": "heatmap"}])
def test_bad_config_is_refused(bad):
    with pytest.raises(ValueError):
        PrompterConfig(**bad)
    with pytest.raises(ValueError):
        load_prompter_config({**PrompterConfig().as_dict(), **bad})


def test_variants_by_name_and_round_trip_through_a_dict():
    tiny = load_prompter_config("tiny")
    assert (tiny.width, tiny.heads, tiny.dense, tiny.clip_input_size) == (64, 4, "pseudo_mask", 256)
    assert load_prompter_config("rsrefseg2").dense == "similarity"
    assert load_prompter_config(tiny.as_dict()) == tiny  # what a checkpoint stores rebuilds the same config
    with pytest.raises(KeyError, match="tiny-similarity"):  # the message lists the known variants
        load_prompter_config("no-such-prompter")

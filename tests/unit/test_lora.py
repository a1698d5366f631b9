"""LoRA as a parametrization: starts as the identity, trains only its own weights, merges exactly, finds its targets."""
import pytest
import torch
from torch import nn
from torch.nn.utils import parametrize

from rrsis_qgis.engine.lora import LoraDelta, add_lora, lora_targets, merge_lora
from rrsis_qgis.engine.specs import get_spec


class Block(nn.Module):
    """What LoRA meets in the encoders: a fused-projection MultiheadAttention (open_clip) and a `qkv` Linear (Hiera)."""

    def __init__(self, width=16):
        super().__init__()
        self.attn = nn.MultiheadAttention(width, 2, batch_first=True)
        self.qkv = nn.Linear(width, 3 * width)
        self.proj = nn.Linear(3 * width, width)  # not an attention projection: left alone
        self.cross = nn.MultiheadAttention(width, 2, kdim=8, vdim=8, batch_first=True)  # no fused in_proj_weight

    def forward(self, x, memory):
        x = x + self.attn(x, x, x, need_weights=False)[0]
        x = x + self.cross(x, memory, memory, need_weights=False)[0]
        return self.proj(self.qkv(x))


@pytest.fixture
def block():
    torch.manual_seed(0)
    return Block().eval()


@pytest.fixture
def inputs():
    g = torch.Generator().manual_seed(1)
    return torch.randn(2, 5, 16, generator=g), torch.randn(2, 3, 8, generator=g)


def lora_deltas(module):
    return [m for m in module.modules() if isinstance(m, LoraDelta)]


def test_targets_are_the_fused_attention_and_qkv_weights_only(block):
    assert sorted(q for _, _, q in lora_targets(block)) == ["attn.in_proj_weight", "qkv.weight"]


def test_fresh_lora_changes_nothing_and_trains_only_itself(block, inputs):
    before = block(*inputs)
    names = add_lora(block, rank=4)
    assert sorted(names) == ["attn.in_proj_weight", "qkv.weight"]
    assert all(parametrize.is_parametrized(m, a) for m, a in ((block.attn, "in_proj_weight"), (block.qkv, "weight")))
    torch.testing.assert_close(block(*inputs), before, rtol=0, atol=1e-6)  # B is zero (MHA may take its fast path now)
    trainable = sorted(n for n, p in block.named_parameters() if p.requires_grad)
    assert trainable and all(n.rsplit(".", 1)[-1] in ("lora_a", "lora_b") for n in trainable)
    assert len(trainable) == 2 * len(names)
    block(*inputs).square().sum().backward()
    assert all(d.lora_b.grad is not None and d.lora_b.grad.abs().sum() > 0 for d in lora_deltas(block))
    assert block.proj.weight.grad is None and block.attn.out_proj.weight.grad is None


def test_a_nonzero_b_changes_the_output(block, inputs):
    add_lora(block, rank=4)
    before = block(*inputs)
    with torch.no_grad():
        block.attn.parametrizations.in_proj_weight[0].lora_b.normal_()
    assert (block(*inputs) - before).abs().max() > 1e-3


def test_merge_gives_the_same_outputs_and_removes_the_parametrization(block, inputs):
    w0 = block.qkv.weight.detach().clone()
    add_lora(block, rank=4, alpha=8.0)  # scale alpha / rank = 2
    g = torch.Generator().manual_seed(2)
    with torch.no_grad():
        for d in lora_deltas(block):
            d.lora_b.copy_(torch.randn(d.lora_b.shape, generator=g) * 0.1)
    delta = block.qkv.parametrizations.weight[0]
    expected_qkv = w0 + 2.0 * delta.lora_b.detach() @ delta.lora_a.detach()
    adapted = block(*inputs).detach()
    assert merge_lora(block) == 2
    assert not any(parametrize.is_parametrized(m) for m in block.modules())
    assert not any("lora_" in k or "parametrizations" in k for k in block.state_dict())
    torch.testing.assert_close(block.qkv.weight.detach(), expected_qkv)
    torch.testing.assert_close(block(*inputs), adapted, rtol=1e-5, atol=1e-5)
    assert merge_lora(block) == 0  # nothing left to merge


def test_open_clip_tiny_targets_every_attention_of_both_towers():
    from rrsis_qgis.engine.clip_dense import DenseClip

    torch.manual_seed(0)
    clip = DenseClip(get_spec("tiny-random").clip, torch.device("cpu"))
    model = clip.model
    attentions = [n for n, m in model.named_modules() if isinstance(m, nn.MultiheadAttention)]
    names = [q for _, _, q in lora_targets(model)]
    assert names == [f"{n}.in_proj_weight" for n in attentions]
    assert any(n.startswith("visual.") for n in names) and any(n.startswith("transformer.") for n in names)
    ids = clip.tokenize(["the red square", "a tank"])
    before = clip.text_tokens(ids)[0].detach()
    add_lora(model, rank=2)
    torch.testing.assert_close(clip.text_tokens(ids)[0].detach(), before, rtol=0, atol=1e-6)
    with torch.no_grad():
        for d in lora_deltas(model):
            d.lora_b.fill_(0.05)
    assert (clip.text_tokens(ids)[0].detach() - before).abs().max() > 1e-4


def test_sam2_hiera_targets_the_qkv_of_every_block():
    from rrsis_qgis.engine.sam2_adapter import Sam2Refiner

    torch.manual_seed(0)
    encoder = Sam2Refiner(get_spec("tiny-random").sam2, torch.device("cpu")).model.image_encoder.eval()
    blocks = encoder.trunk.blocks
    names = [q for _, _, q in lora_targets(encoder)]
    assert names == [f"trunk.blocks.{i}.attn.qkv.weight" for i in range(len(blocks))]
    x = torch.rand(1, 3, 256, 256)
    with torch.no_grad():
        before = encoder(x)["vision_features"]
    add_lora(encoder, rank=2)
    with torch.no_grad():
        torch.testing.assert_close(encoder(x)["vision_features"], before, rtol=0, atol=1e-6)
        for d in lora_deltas(encoder):
            d.lora_b.fill_(0.05)
        adapted = encoder(x)["vision_features"]
        assert (adapted - before).abs().max() > 1e-4
        assert merge_lora(encoder) == len(blocks)
        torch.testing.assert_close(encoder(x)["vision_features"], adapted, rtol=1e-4, atol=1e-4)

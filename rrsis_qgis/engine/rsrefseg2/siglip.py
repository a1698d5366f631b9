"""SigLIP 2's two towers as RSRefSeg 2 runs them (transformers' Siglip models, sdpa), sized from the file's shapes."""
from __future__ import annotations

import math
from pathlib import Path

import torch
from torch import nn

from .checkpoint import ReleaseError, check_complete, shapes_of
from .prompter import layer_count

# SigLIP's head size is 64, except so400m (1152 wide, 16 heads of 72) and giant-opt (1536, 16 of 96).
HEADS_BY_WIDTH = {1152: 16, 1536: 16}
HEAD_DIM = 64
# What every SigLIP 2 checkpoint's config says (transformers' defaults are not these)
COMMON = dict(hidden_act="gelu_pytorch_tanh", layer_norm_eps=1e-6)
# Gemma's special ids, as SigLIP 2's text config has them (SiglipTextConfig defaults to CLIP's 49406/49407, which
# transformers 5 warns about for a smaller vocabulary); the text tower pools the last token and never reads them
TEXT_IDS = dict(pad_token_id=0, eos_token_id=1, bos_token_id=2)


def vision_config(state: dict, path: Path):
    from transformers import SiglipVisionConfig  # noqa: PLC0415

    width, _, patch, _ = _shape(state, "embeddings.patch_embedding.weight", "SigLIP vision tower", path)
    positions = _shape(state, "embeddings.position_embedding.weight", "SigLIP vision tower", path)[0]
    grid = math.isqrt(positions)
    if grid * grid != positions:
        raise ReleaseError(f"{path}: SigLIP's position table has {positions} rows, not a square patch grid")
    cfg = SiglipVisionConfig(hidden_size=width, intermediate_size=_mlp(state, "SigLIP vision tower", path),
                             num_hidden_layers=layer_count(state, "encoder.layers"), num_attention_heads=_heads(width),
                             patch_size=patch, image_size=grid * patch, vision_use_head=False, **COMMON)
    cfg._attn_implementation = "sdpa"
    return cfg


def text_config(state: dict, path: Path):
    from transformers import SiglipTextConfig  # noqa: PLC0415

    vocab, width = _shape(state, "embeddings.token_embedding.weight", "SigLIP text tower", path)
    positions = _shape(state, "embeddings.position_embedding.weight", "SigLIP text tower", path)[0]
    projection = _shape(state, "head.weight", "SigLIP text tower", path)[0]
    cfg = SiglipTextConfig(vocab_size=vocab, hidden_size=width, intermediate_size=_mlp(state, "SigLIP text tower", path),
                           num_hidden_layers=layer_count(state, "encoder.layers"), num_attention_heads=_heads(width),
                           max_position_embeddings=positions, projection_size=projection, **TEXT_IDS, **COMMON)
    cfg._attn_implementation = "sdpa"
    return cfg


def build_vision(state: dict, path: Path) -> nn.Module:
    """transformers' SiglipVisionModel (no pooling head) holding the file's weights."""
    from transformers import SiglipVisionModel  # noqa: PLC0415

    return materialize(lambda: SiglipVisionModel(vision_config(state, path)), state, "SigLIP vision tower", path)


def build_text(state: dict, path: Path) -> nn.Module:
    """transformers' SiglipTextModel holding the file's weights (its head gives the pooled phrase)."""
    from transformers import SiglipTextModel  # noqa: PLC0415

    return materialize(lambda: SiglipTextModel(text_config(state, path)), state, "SigLIP text tower", path)


def materialize(make, state: dict, part: str, path: Path) -> nn.Module:
    """Build ``make()`` without initialising it (meta device), then take the file's tensors as its weights.

    Saves the random init of a billion parameters; the non-persistent ``position_ids`` are made anew.
    """
    with torch.device("meta"):
        module = make()
    check_complete(shapes_of(module), state, part, path)
    module.load_state_dict(state, strict=True, assign=True)
    for name, buf in list(module.named_buffers()):
        if buf.is_meta:
            if not name.endswith("position_ids"):
                raise RuntimeError(f"{part}: buffer {name} has no value")  # a transformers change; never a user error
            owner = module.get_submodule(name.rsplit(".", 1)[0])
            owner.register_buffer("position_ids", torch.arange(buf.shape[-1]).expand((1, -1)), persistent=False)
    return module.eval()


def _shape(state: dict, key: str, part: str, path: Path) -> tuple:
    if key not in state:
        raise ReleaseError(f"{path} is incomplete: the {part} has no {key}")
    return tuple(state[key].shape)


def _mlp(state: dict, part: str, path: Path) -> int:
    return _shape(state, "encoder.layers.0.mlp.fc1.weight", part, path)[0]


def _heads(width: int) -> int:
    return HEADS_BY_WIDTH.get(width, max(1, width // HEAD_DIM))

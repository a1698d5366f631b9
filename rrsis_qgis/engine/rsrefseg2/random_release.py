"""RSRefSeg 2 weights with random values in the release's layout, at the released sizes or tiny (benchmarks, tests).

No released file can be downloaded on the project's machines; compute and memory do not depend on the
values, so ``rsrefseg2-<dataset>-random`` benchmarks the real architecture. Its tokenizer is a stand-in
(word-level, ids below the vocabulary size): the real one is a download too.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import torch

from ..sam2_adapter import Sam2Refiner
from ..specs import Sam2Spec
from .layout import is_lora_target, release_state_dict
from .prompter import CascadedPrompter, PrompterSizes

STANDIN_WORDS = ("the", "a", "white", "red", "small", "large", "storage", "tank", "building", "road", "car", "ship",
                 "left", "right", "of", "near", "top", "bottom", "corner", "center", "next", "to", "between", "and")


@dataclass(frozen=True)
class ReleaseSizes:
    siglip_width: int
    siglip_depth: int
    siglip_mlp: int
    vocab: int
    sam: Sam2Spec
    prompt_dim: int  # SAM 2's d_model
    internal_dim: int
    mlp_dim: int
    siglip_image: int = 512  # SigLIP's input side; the canvas is twice it


RELEASED = ReleaseSizes(1152, 27, 4304, 256000, Sam2Spec("configs/sam2.1/sam2.1_hiera_l.yaml", None, 1024),
                        256, 512, 512)
TINY_SAM_OVERRIDES = (
    "++model.image_encoder.trunk.embed_dim=16", "++model.image_encoder.trunk.num_heads=1",
    "++model.image_encoder.trunk.stages=[1,1,2,1]", "++model.image_encoder.trunk.global_att_blocks=[3]",
    "++model.image_encoder.trunk.window_pos_embed_bkg_spatial_size=[7,7]",
    "++model.image_encoder.trunk.window_spec=[8,4,14,7]", "++model.image_encoder.neck.d_model=64",
    "++model.image_encoder.neck.backbone_channel_list=[128,64,32,16]",
    "++model.image_encoder.neck.position_encoding.num_pos_feats=64", "++model.memory_attention.num_layers=1",
)
TINY = ReleaseSizes(64, 2, 128, 300, Sam2Spec("configs/sam2.1/sam2.1_hiera_t.yaml", None, 1024, TINY_SAM_OVERRIDES),
                    64, 32, 32)


def random_parts(sizes: ReleaseSizes = TINY, seed: int = 0) -> dict:
    """Every part's weights (keys as the loader's parts), random; BatchNorm statistics and logit scale set."""
    return random_release(sizes, seed)[0]


def random_release(sizes: ReleaseSizes = TINY, seed: int = 0, device: torch.device = torch.device("cpu")) -> tuple:
    """(random_parts, the Sam2Refiner on ``device`` whose weights they hold: a loader may use it as it is)."""
    from transformers import SiglipTextConfig, SiglipTextModel, SiglipVisionConfig, SiglipVisionModel  # noqa: PLC0415

    from .siglip import COMMON, TEXT_IDS, _heads  # noqa: PLC0415

    w = sizes.siglip_width
    tower = dict(hidden_size=w, intermediate_size=sizes.siglip_mlp, num_hidden_layers=sizes.siglip_depth,
                 num_attention_heads=_heads(w), **COMMON)
    g = torch.Generator().manual_seed(seed)
    with torch.device("meta"):
        vision = SiglipVisionModel(SiglipVisionConfig(patch_size=16, image_size=sizes.siglip_image, **tower))
        text = SiglipTextModel(SiglipTextConfig(vocab_size=sizes.vocab, max_position_embeddings=64, **TEXT_IDS, **tower))
        prompter = CascadedPrompter(PrompterSizes(w, w, sizes.prompt_dim, sizes.internal_dim, sizes.mlp_dim, 3, 9,
                                                  sizes.siglip_image // 16, (2, 2, 2)))
    torch.manual_seed(seed)
    side = 2 * sizes.siglip_image
    sam_spec = sizes.sam if side == sizes.sam.image_size else \
        replace(sizes.sam, image_size=side, overrides=(f"++model.image_size={side}", *sizes.sam.overrides))
    sam = Sam2Refiner(sam_spec, device, stability_fallback=True)
    parts = {"vision": _fill(vision, g), "text": _fill(text, g), "prompter": _fill(prompter, g),
             "sam": {k: v for k, v in sam.model.state_dict().items() if k.split(".")[0] in Sam2Refiner.IMAGE_PATH},
             "text_scale": {"logit_scale": torch.tensor([2.3]), "logit_bias": torch.tensor([-1.5])}}
    bn = "dense_prompt_conv.1."
    parts["prompter"][bn + "running_mean"] = torch.randn(w // 2, generator=g) * 0.1
    parts["prompter"][bn + "running_var"] = torch.rand(w // 2, generator=g) + 0.5
    parts["prompter"][bn + "num_batches_tracked"] = torch.tensor(1000)
    return parts, sam


def random_lora(parts: dict, rank: int = 16, seed: int = 2) -> dict:
    """Non-zero LoRA factors (A and B) for every official target layer of ``parts``."""
    g = torch.Generator().manual_seed(seed)
    lora = {}
    for part, state in parts.items():
        for key, w in state.items():
            layer, _, leaf = key.rpartition(".")
            if leaf == "weight" and is_lora_target(part, layer):
                a = torch.randn(rank, w.shape[1], *w.shape[2:], generator=g) * 0.02
                b = torch.randn(w.shape[0], rank, *([1] * (w.dim() - 2)), generator=g) * 0.02
                lora[f"{part}:{layer}"] = (a, b)
    return lora


def write_release(path: Path, parts: dict, lora: dict = None) -> Path:
    """``torch.save({'state_dict': …})`` in the release's layout (bf16, with decode_head's training scalars)."""
    state = release_state_dict(parts, lora)
    for name in ("logit_scale1", "logit_scale2", "logit_bias1", "logit_bias2"):
        state[f"decode_head.{name}"] = torch.tensor(2.0, dtype=torch.bfloat16)
    torch.save({"state_dict": state}, str(path))
    return Path(path)


def standin_tokenizer(folder: Path, words: tuple = STANDIN_WORDS) -> Path:
    """A word-level fast tokenizer (``save_pretrained`` files) of ``words``; ids below every vocabulary used here
    for the default words (a training vocabulary must fit the text tower's)."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers  # noqa: PLC0415
    from transformers import PreTrainedTokenizerFast  # noqa: PLC0415

    vocab = {"<pad>": 0, "<unk>": 1, "<eos>": 2, **{word: i + 3 for i, word in enumerate(words)}}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.normalizer = normalizers.Lowercase()
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", pad_token="<pad>", eos_token="<eos>",
                                   model_input_names=["input_ids", "attention_mask"])
    Path(folder).mkdir(parents=True, exist_ok=True)
    fast.save_pretrained(str(folder))
    return Path(folder)


def _fill(module: torch.nn.Module, g: torch.Generator) -> dict:
    """Random values for a meta module's state: N(0, 0.02) weights, ~1 for norm scales, small biases."""
    out = {}
    for key, t in module.state_dict().items():
        if key.endswith(("norm.weight", "norm1.weight", "norm2.weight", "layernorm.weight")) or \
                (".norm_" in key and key.endswith("weight")):
            out[key] = 1.0 + 0.1 * torch.randn(t.shape, generator=g)
        elif t.is_floating_point():
            out[key] = 0.02 * torch.randn(t.shape, generator=g) if t.dim() > 1 else 0.01 * torch.randn(t.shape, generator=g)
        else:
            out[key] = torch.zeros(t.shape, dtype=t.dtype)
    return out

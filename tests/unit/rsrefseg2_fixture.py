"""Small RSRefSeg 2 checkpoints in the release's layout (random weights, LoRA unmerged, bf16) and a tokenizer."""
from __future__ import annotations

import json
from pathlib import Path

import torch

TOKENIZER_DIR = Path(__file__).parent.parent / "data" / "rsrefseg2_official" / "tokenizer"
SAM_OVERRIDES = (
    "++model.image_encoder.trunk.embed_dim=16", "++model.image_encoder.trunk.num_heads=1",
    "++model.image_encoder.trunk.stages=[1,1,2,1]", "++model.image_encoder.trunk.global_att_blocks=[3]",
    "++model.image_encoder.trunk.window_pos_embed_bkg_spatial_size=[7,7]",
    "++model.image_encoder.trunk.window_spec=[8,4,14,7]", "++model.image_encoder.neck.d_model=64",
    "++model.image_encoder.neck.backbone_channel_list=[128,64,32,16]",
    "++model.image_encoder.neck.position_encoding.num_pos_feats=64", "++model.memory_attention.num_layers=1",
)


def tiny_parts(width: int = 64, vocab: int = 300, seed: int = 0) -> dict:
    """Random weights for every part at tiny sizes (SigLIP ``width``, SAM 2.1 hiera 16-wide with d_model 64)."""
    from transformers import SiglipTextConfig, SiglipVisionConfig
    from transformers.models.siglip.modeling_siglip import SiglipTextTransformer, SiglipVisionTransformer

    from rrsis_qgis.engine.rsrefseg2.prompter import CascadedPrompter, PrompterSizes
    from rrsis_qgis.engine.sam2_adapter import Sam2Refiner
    from rrsis_qgis.engine.specs import Sam2Spec

    torch.manual_seed(seed)
    common = dict(hidden_size=width, intermediate_size=2 * width, num_hidden_layers=2, num_attention_heads=2,
                  hidden_act="gelu_pytorch_tanh", layer_norm_eps=1e-6)
    vision = SiglipVisionTransformer(SiglipVisionConfig(patch_size=16, image_size=512, **common))
    text = SiglipTextTransformer(SiglipTextConfig(vocab_size=vocab, max_position_embeddings=64, **common))
    refiner = Sam2Refiner(Sam2Spec("configs/sam2.1/sam2.1_hiera_t.yaml", None, 1024, SAM_OVERRIDES),
                          torch.device("cpu"), stability_fallback=True)
    prompter = CascadedPrompter(PrompterSizes(width, width, 64, 32, 32, 3, 9, 32, (2, 2, 2)))
    parts = {"sam": {k: v.clone() for k, v in refiner.model.state_dict().items()
                     if k.split(".")[0] in refiner.IMAGE_PATH},
             "vision": dict(vision.state_dict()), "text": dict(text.state_dict()),
             "text_scale": {"logit_scale": torch.tensor([2.3]), "logit_bias": torch.tensor([-1.5])},
             "prompter": dict(prompter.state_dict())}
    g = torch.Generator().manual_seed(seed + 1)
    for part in ("vision", "text", "prompter"):
        for k, v in parts[part].items():
            if v.is_floating_point():
                parts[part][k] = torch.randn(v.shape, generator=g) * 0.05 + (1.0 if k.endswith("norm.weight") or
                                                                              "layer_norm" in k and k.endswith("weight") else 0)
    bn = "dense_prompt_conv.1."
    parts["prompter"][bn + "running_mean"] = torch.randn(width // 2, generator=g) * 0.1
    parts["prompter"][bn + "running_var"] = torch.rand(width // 2, generator=g) + 0.5
    parts["prompter"][bn + "num_batches_tracked"] = torch.tensor(1234)
    return parts


def random_lora(parts: dict, rank: int = 16, seed: int = 2) -> dict:
    """Non-zero LoRA factors for every official target layer of ``parts``."""
    from rrsis_qgis.engine.rsrefseg2.layout import is_lora_target

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


def write_release(path: Path, parts: dict, lora: dict = None, extra: dict = None) -> Path:
    """torch.save({'state_dict': …}) in the release's layout, bf16."""
    from rrsis_qgis.engine.rsrefseg2.layout import release_state_dict

    state = release_state_dict(parts, lora)
    state["decode_head.logit_scale1"] = torch.tensor(2.0, dtype=torch.bfloat16)
    state.update(extra or {})
    torch.save({"state_dict": state}, str(path))
    return path


def write_tokenizer(folder: Path, words=("the", "white", "storage", "tank", "left", "of", "road", "red",
                                          "building", "a", "small", "car", "near", "top", "corner")) -> Path:
    """A word-level fast tokenizer saved with save_pretrained (ids < 300), for tiny text towers."""
    from tokenizers import Tokenizer, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    vocab = {"<pad>": 0, "<unk>": 1, "<eos>": 2, **{w: i + 3 for i, w in enumerate(words)}}
    tok = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    tok.pre_tokenizer = pre_tokenizers.Whitespace()
    fast = PreTrainedTokenizerFast(tokenizer_object=tok, unk_token="<unk>", pad_token="<pad>",
                                   eos_token="<eos>", model_input_names=["input_ids", "attention_mask"])
    folder.mkdir(parents=True, exist_ok=True)
    fast.save_pretrained(str(folder))
    json.loads((folder / "tokenizer_config.json").read_text())
    return folder

"""SAM 3's architecture with random weights: a small config for tests, the full one for benchmarks, a tiny tokenizer."""
from __future__ import annotations

from pathlib import Path

SMALL_SIDE = 224  # the small model's input side (the release: 1008); patch 14 → a 16×16 token grid
SMALL_WIDTH = 64
BOS, EOS = "<|startoftext|>", "<|endoftext|>"


def small_config(vocab_size: int):
    """Sam3Config with every part narrowed to SMALL_WIDTH and one or two layers (about 1 M parameters)."""
    from transformers import Sam3Config  # noqa: PLC0415

    d, narrow = SMALL_WIDTH, {"num_attention_heads": 2, "intermediate_size": 2 * SMALL_WIDTH}
    grid = SMALL_SIDE // 14 * 4  # the FPN's finest level: 4× the ViT grid, as 288 = 4 × 72 in the release
    return Sam3Config(
        vision_config={"backbone_config": {"model_type": "sam3_vit_model", "hidden_size": d, "num_hidden_layers": 2,
                                           "image_size": SMALL_SIDE, "window_size": 8, "global_attn_indexes": [1],
                                           "pretrain_image_size": SMALL_SIDE // 2, **narrow},
                       "fpn_hidden_size": d, "backbone_feature_sizes": [[grid, grid], [grid // 2] * 2, [grid // 4] * 2]},
        text_config={"model_type": "clip_text_model", "vocab_size": vocab_size, "hidden_size": d, "projection_dim": d,
                     "num_hidden_layers": 2, "max_position_embeddings": 32, "bos_token_id": 0, "eos_token_id": 1,
                     "pad_token_id": 1, **narrow},
        geometry_encoder_config={"hidden_size": d, "num_layers": 1, **narrow},
        detr_encoder_config={"hidden_size": d, "num_layers": 1, **narrow},
        detr_decoder_config={"hidden_size": d, "num_layers": 1, "num_queries": 16, **narrow},
        mask_decoder_config={"hidden_size": d, "num_attention_heads": 2},
    )


def tiny_tokenizer():
    """A CLIP byte-level BPE tokenizer without merges (every character a token): offline, a few hundred ids."""
    from transformers import CLIPTokenizer  # noqa: PLC0415
    from transformers.convert_slow_tokenizer import bytes_to_unicode  # noqa: PLC0415

    chars = list(bytes_to_unicode().values())
    vocab = {BOS: 0, EOS: 1, **{c: i + 2 for i, c in enumerate(chars)},
             **{c + "</w>": i + 2 + len(chars) for i, c in enumerate(chars)}}
    return CLIPTokenizer(vocab=vocab, merges=[], bos_token=BOS, eos_token=EOS, pad_token=EOS, unk_token=EOS)


def processor(tokenizer, side: int):
    """Sam3Processor around ``tokenizer`` resizing views to ``side``² (its masks come at side × 2/7)."""
    from transformers import Sam3ImageProcessor, Sam3Processor  # noqa: PLC0415

    mask = side * 2 // 7
    return Sam3Processor(Sam3ImageProcessor(size={"height": side, "width": side},
                                            mask_size={"height": mask, "width": mask}), tokenizer)


def random_model(full_size: bool = False) -> tuple:
    """(Sam3Model, Sam3Processor) with module-initialised weights: the small config, or Sam3Config()'s sizes."""
    from transformers import Sam3Config, Sam3Model  # noqa: PLC0415

    tokenizer = tiny_tokenizer()
    if full_size:
        return Sam3Model(Sam3Config()), processor(tokenizer, 1008)
    return Sam3Model(small_config(len(tokenizer))), processor(tokenizer, SMALL_SIDE)


def write_folder(folder: Path) -> Path:
    """A ``save_pretrained`` folder of the small random model (config.json, model.safetensors, processor files)."""
    model, proc = random_model()
    folder = Path(folder)
    model.save_pretrained(str(folder))
    proc.save_pretrained(str(folder))
    return folder

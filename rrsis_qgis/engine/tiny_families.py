"""Each model family's tiny random-weight Segmenter, built through its own loader (the installer's self-test).

One entry per family in ``FAMILIES``: ``name → build(folder, device) -> Segmenter``; ``folder`` is an empty
temporary folder for the files a family loads from (a checkpoint, a tokenizer). A new family adds one entry.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Dict


def zero_shot(_folder: Path, device: str):
    """CLIP + SAM 2 zero-shot, the presets' path, at the tiny-random sizes."""
    from .segmenter import Segmenter  # noqa: PLC0415

    return Segmenter.from_name("tiny-random", device=device)


def trained(folder: Path, device: str):
    """``trained:CKPT``: a train-all checkpoint of an untrained tiny prompter on tiny-random, saved and loaded."""
    from .prompter import load_prompter_config  # noqa: PLC0415
    from .referring_model import ReferringModel  # noqa: PLC0415
    from .segmenter import Segmenter  # noqa: PLC0415
    from .trained_checkpoint import PREFIX, save_checkpoint  # noqa: PLC0415

    base = Segmenter.from_name("tiny-random", device="cpu")
    model = ReferringModel(base.clip, base.refiner, load_prompter_config("tiny"))
    config = {"base": "tiny-random", "prompter": model.cfg.as_dict(), "train_all": True, "lora_rank": None,
              "ranking": "reasoned"}
    path = Path(folder) / "tiny.pt"
    save_checkpoint(path, model.trained_state(), config, {"epoch": 0})
    return Segmenter.from_name(f"{PREFIX}{path}", device=device)


def rsrefseg2(folder: Path, device: str):
    """``rsrefseg2:FOLDER``: a release-layout file at the TINY sizes (LoRA unmerged) and the stand-in tokenizer."""
    from .rsrefseg2 import PREFIX  # noqa: PLC0415
    from .rsrefseg2.random_release import TINY, random_lora, random_parts, standin_tokenizer, write_release  # noqa: PLC0415
    from .segmenter import Segmenter  # noqa: PLC0415

    parts = random_parts(TINY)
    write_release(Path(folder) / "tiny.pth", parts, random_lora(parts))
    standin_tokenizer(folder)
    return Segmenter.from_name(f"{PREFIX}{folder}", device=device)


_P = "++model.image_encoder."
RS2SAM2_TINY_SAM = (  # SAM 2.0 hiera-L's config, a tiny trunk; d_model stays 256 (the authors' text adapters' width)
    f"{_P}trunk.embed_dim=16", f"{_P}trunk.num_heads=1", f"{_P}trunk.stages=[1,1,2,1]",
    f"{_P}trunk.global_att_blocks=[3]", f"{_P}trunk.window_pos_embed_bkg_spatial_size=[7,7]",
    f"{_P}trunk.window_spec=[8,4,16,8]", f"{_P}neck.backbone_channel_list=[128,64,32,16]",
    "++model.memory_attention.num_layers=1",
)


def rs2sam2(folder: Path, device: str):
    """``rs2sam2:FOLDER``: a release folder (config.json, model.safetensors, tokenizer) of a tiny BEiT-3 + SAM 2.0."""
    import json  # noqa: PLC0415

    import torch  # noqa: PLC0415
    from safetensors.torch import save_file  # noqa: PLC0415

    from .rs2sam2.beit3 import Beit3Sizes  # noqa: PLC0415
    from .rs2sam2.build import PREFIX, build_model  # noqa: PLC0415
    from .rs2sam2.checkpoint import MODEL_TYPE, SAM_PREFIX  # noqa: PLC0415
    from .rs2sam2.random_release import RELEASED_SAM, standin_tokenizer  # noqa: PLC0415
    from .sam2_text import TEXT_DIM  # noqa: PLC0415
    from .segmenter import Segmenter  # noqa: PLC0415
    from .specs import Sam2Spec  # noqa: PLC0415

    torch.manual_seed(0)
    sam = Sam2Spec(RELEASED_SAM.config, None, RELEASED_SAM.image_size, RS2SAM2_TINY_SAM)
    heads, refiner = build_model(sam, Beit3Sizes(dim=64, heads=1, ffn=128, layers=2, vocab=200), TEXT_DIM,
                                 torch.device("cpu"))
    state = {SAM_PREFIX + k: v.contiguous() for k, v in refiner.model.state_dict().items()}
    state.update({k: v.contiguous() for k, v in heads.state_dict().items()})
    save_file(state, str(Path(folder) / "model.safetensors"))
    (Path(folder) / "config.json").write_text(json.dumps({"model_type": MODEL_TYPE, "out_dim": TEXT_DIM}))
    standin_tokenizer(folder)
    return Segmenter.from_name(f"{PREFIX}{folder}", device=device)


def sam3(folder: Path, device: str):
    """``sam3:FOLDER``: a save_pretrained folder of SAM 3's architecture at a small size, with a tiny tokenizer."""
    import torch  # noqa: PLC0415

    from .sam3.build import PREFIX  # noqa: PLC0415
    from .sam3.random_release import write_folder  # noqa: PLC0415
    from .segmenter import Segmenter  # noqa: PLC0415

    torch.manual_seed(0)
    return Segmenter.from_name(f"{PREFIX}{write_folder(folder)}", device=device)


FAMILIES: Dict[str, Callable] = {
    "zero-shot": zero_shot,
    "trained": trained,
    "rsrefseg2": rsrefseg2,
    "rs2sam2": rs2sam2,
    "sam3": sam3,
}

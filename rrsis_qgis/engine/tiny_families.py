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


FAMILIES: Dict[str, Callable] = {
    "zero-shot": zero_shot,
    "trained": trained,
    "rsrefseg2": rsrefseg2,
}

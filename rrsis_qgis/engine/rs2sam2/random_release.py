"""The released RS2-SAM 2 architecture with random weights (benchmarks, tests) and a stand-in tokenizer."""
from __future__ import annotations

import tempfile
from pathlib import Path

from ..sam2_text import TEXT_DIM
from ..specs import Sam2Spec
from .beit3 import Beit3Sizes
from .tokenizer import SPM_FILES, load_tokenizer

RELEASED_SAM = Sam2Spec(config="configs/sam2/sam2_hiera_l.yaml", weights=None, image_size=1024)
STANDIN_TEXT = ("the white storage tank left of the road", "a small boat near the harbor",
                "the large building at the top right", "vehicle parked beside the long bridge",
                "the green field in the middle", "two airplanes on the runway at the bottom")


def random_model(device, build) -> tuple:
    """(heads, refiner, tokenizer) at the released sizes (BEiT-3 large, SAM 2.0 hiera-L), random weights."""
    heads, refiner = build(RELEASED_SAM, Beit3Sizes(), TEXT_DIM, device)
    folder = standin_tokenizer(Path(tempfile.mkdtemp(prefix="rrsis-rs2sam2-tokenizer-")))
    return heads, refiner, load_tokenizer(folder)


def standin_tokenizer(folder: Path, vocab_size: int = 60) -> Path:
    """A release folder's tokenizer file: a sentencepiece model trained on a few phrases (``[SEG]`` is added on
    load, as the authors' code adds it), ids < 64010."""
    import sentencepiece as spm  # noqa: PLC0415

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / SPM_FILES[0].removesuffix(".model")
    spm.SentencePieceTrainer.train(sentence_iterator=iter(STANDIN_TEXT), model_prefix=str(prefix),
                                   vocab_size=vocab_size, model_type="unigram", minloglevel=2,
                                   hard_vocab_limit=False)
    Path(f"{prefix}.vocab").unlink()
    return folder

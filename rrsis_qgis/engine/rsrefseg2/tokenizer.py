"""SigLIP 2's tokenizer for RSRefSeg 2: the Hugging Face tokenizer files, found beside the checkpoint or in the models folder."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from ..gemma_bos_eos import restore_bos_eos
from .checkpoint import ReleaseError

TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json")
# The manifest keeps SigLIP 2's tokenizer files in this subfolder of the models folder.
MODELS_DIR_FOLDER = "siglip2-so400m-patch16-512"
MANIFEST_KEYS = ("siglip2-tokenizer", "siglip2-tokenizer-config", "siglip2-special-tokens")


def has_tokenizer(folder: Path) -> bool:
    return all((Path(folder) / name).is_file() for name in TOKENIZER_FILES)


def find_tokenizer(checkpoint: Path, models_dir: Optional[Path]) -> Path:
    """The folder with the tokenizer files: the checkpoint's own folder, else the models folder's copy."""
    from ..weights import default_models_dir  # noqa: PLC0415

    beside = Path(checkpoint).parent
    if has_tokenizer(beside):
        return beside
    shared = Path(models_dir or default_models_dir()) / MODELS_DIR_FOLDER
    if has_tokenizer(shared):
        return shared
    raise ReleaseError(
        f"SigLIP 2's tokenizer is missing: RSRefSeg 2 needs {' and '.join(TOKENIZER_FILES)} of "
        f"google/siglip2-so400m-patch16-512, either beside {checkpoint} or in {shared}. Download them with "
        f"`python -m rrsis_qgis models download siglip2-tokenizer siglip2-tokenizer-config siglip2-special-tokens`.")


def load_tokenizer(folder: Path):
    """transformers' tokenizer from ``folder`` (the class its tokenizer_config.json names), offline, adding BOS
    and EOS as transformers 4.53.1 (the authors' version) did."""
    from transformers import AutoTokenizer  # noqa: PLC0415

    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
        config = json.loads((Path(folder) / "tokenizer_config.json").read_text(encoding="utf-8"))
    except Exception as exc:  # noqa: BLE001 (a damaged or foreign file: transformers raises many kinds)
        raise ReleaseError(f"cannot read the tokenizer in {folder}: {type(exc).__name__}: {exc}") from None
    return restore_bos_eos(tokenizer, config)

"""The release folder's XLM-R sentencepiece tokenizer, loaded and applied as the authors' inference does."""
from __future__ import annotations

from pathlib import Path

import torch

from .checkpoint import RS2SAM2Error

SEG_TOKEN = "[SEG]"
SPM_FILES = ("sentencepiece.bpe.model", "beit3.spm")


def load_tokenizer(folder: Path):
    """``AutoTokenizer(folder, padding_side="right", use_fast=False)`` with pad = unk and ``[SEG]`` known."""
    from transformers import AutoTokenizer, XLMRobertaTokenizer  # noqa: PLC0415

    folder = Path(folder)
    if not any((folder / n).is_file() for n in SPM_FILES):
        raise RS2SAM2Error(f"{folder} has no sentencepiece model ({' or '.join(SPM_FILES)}): the release's "
                           "tokenizer files are missing; download the release folder again")
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(folder), padding_side="right", use_fast=False,
                                                  local_files_only=True)
    except Exception as exc:  # noqa: BLE001 (transformers raises many kinds for a broken folder)
        raise RS2SAM2Error(f"{folder}: the tokenizer does not load ({type(exc).__name__}: "
                           f"{str(exc).splitlines()[0][:200] if str(exc) else ''})") from None
    if not isinstance(tokenizer, XLMRobertaTokenizer):
        raise RS2SAM2Error(f"{folder}: the tokenizer is a {type(tokenizer).__name__}; RS2-SAM 2 uses XLM-R's "
                           "sentencepiece tokenizer (XLMRobertaTokenizer)")
    tokenizer.pad_token = tokenizer.unk_token
    tokenizer.add_tokens(SEG_TOKEN)
    return tokenizer


def encode(tokenizer, phrase: str) -> tuple:
    """One phrase → (input_ids 1×L, attention mask 1×L): ``<s>`` … ``</s>``, no truncation, and — as in the
    authors' code — every position whose id is the pad id (= unk) masked, unknown pieces included."""
    ids = tokenizer(phrase, return_tensors="pt").input_ids[0][None]
    return ids, ids.ne(tokenizer.pad_token_id)


def phrase_fits(ids: torch.Tensor, max_positions: int) -> None:
    """Refuse a phrase longer than the text position table (the authors' code would fail on it)."""
    if ids.shape[1] > max_positions:
        raise ValueError(f"the phrase is {ids.shape[1]} tokens long; RS2-SAM 2's text encoder takes at most "
                         f"{max_positions}")

"""The release folder's XLM-R sentencepiece tokenizer, applied as transformers 4.53.1's slow XLMRobertaTokenizer does.

The authors load it with ``AutoTokenizer(folder, use_fast=False)``; transformers 5 has no slow sentencepiece
path any more, so this reads the folder's sentencepiece model itself and repeats what that class did: the
fairseq id offset, the added tokens (``[SEG]``, the specials) cut out of the text before sentencepiece sees it,
``<s>`` … ``</s>`` around the phrase, and pad = unk (the authors' choice). tests/data/rs2sam2_official holds
4.53.1's ids for the release's phrases and for ~300 varied ones.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List

import torch

from .checkpoint import RS2SAM2Error

SEG_TOKEN = "[SEG]"
SPM_FILES = ("sentencepiece.bpe.model", "beit3.spm")
# fairseq's first four ids; every sentencepiece id moves up by one (its own id 0, <unk>, becomes fairseq's <unk>)
FAIRSEQ_IDS = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
FAIRSEQ_OFFSET = 1
BOS, EOS, UNK = "<s>", "</s>", "<unk>"
MASK = "<mask>"


@dataclass(frozen=True)
class AddedToken:
    """A token cut out of the text before sentencepiece; the strip flags eat the whitespace beside it."""
    content: str
    id: int
    lstrip: bool = False
    rstrip: bool = False
    single_word: bool = False


class XlmrTokenizer:
    """Phrase → ids as 4.53.1's ``XLMRobertaTokenizer`` (``tokenize`` + ``build_inputs_with_special_tokens``)."""

    def __init__(self, sp, added: List[AddedToken]):
        self.sp = sp
        self.fairseq = {**FAIRSEQ_IDS, MASK: len(sp) + FAIRSEQ_OFFSET}
        self.added: Dict[str, AddedToken] = {}
        self._split = re.compile("(?!)")
        for token in added:
            self.add(token)

    @property
    def vocab_size(self) -> int:
        return len(self.sp) + FAIRSEQ_OFFSET + 1  # + <mask>

    def __len__(self) -> int:
        return self.vocab_size + sum(t.id >= self.vocab_size for t in self.added.values())

    def add(self, token: AddedToken) -> None:
        self.added[token.content] = token
        # transformers' trie takes the longest added token at the leftmost place; so does this alternation
        contents = sorted(self.added, key=len, reverse=True)
        self._split = re.compile("(" + "|".join(map(re.escape, contents)) + ")")

    def add_token(self, content: str) -> None:
        """``add_tokens(content)``: a plain token after the vocabulary, unless the folder already has it."""
        if content not in self.added:
            self.add(AddedToken(content, len(self)))

    def token_id(self, token: str) -> int:
        if token in self.added:
            return self.added[token].id
        if token in self.fairseq:
            return self.fairseq[token]
        spm_id = self.sp.PieceToId(token)
        return spm_id + FAIRSEQ_OFFSET if spm_id else self.unk_token_id

    @property
    def unk_token_id(self) -> int:
        return self.token_id(UNK)

    pad_token_id = unk_token_id  # the authors set pad_token = unk_token

    def tokenize(self, text: str) -> List[str]:
        """Pieces of ``text``: added tokens whole (their strip flags applied to the neighbours), the rest by sentencepiece."""
        parts = [p for p in self._split.split(text) if p]
        for i, part in enumerate(parts):
            token = self.added.get(part)
            if token is None:
                continue
            left = parts[i - 1] if i > 0 else None
            right = parts[i + 1] if i < len(parts) - 1 else None
            if token.rstrip and right:
                parts[i + 1] = right.lstrip()
            if token.lstrip and left:
                parts[i - 1] = left.rstrip()
            if token.single_word and left and left[-1] != " ":
                parts[i - 1] += part
                parts[i] = ""
            elif token.single_word and right and right[0] != " ":
                parts[i + 1] = part + parts[i + 1]
                parts[i] = ""
        pieces = []
        for part in parts:
            if part in self.added:
                pieces.append(part)
            elif part:
                pieces.extend(self.sp.encode(part, out_type=str))
        return pieces

    def ids(self, text: str) -> List[int]:
        """``<s>`` + the pieces' ids + ``</s>``, no truncation."""
        return [self.token_id(BOS), *map(self.token_id, self.tokenize(text)), self.token_id(EOS)]


def load_tokenizer(folder: Path) -> XlmrTokenizer:
    """The folder's tokenizer as ``AutoTokenizer(folder, padding_side="right", use_fast=False)`` loads it, pad = unk,
    ``[SEG]`` known."""
    import sentencepiece as spm  # noqa: PLC0415

    folder = Path(folder)
    model = next((folder / n for n in SPM_FILES if (folder / n).is_file()), None)
    if model is None:
        raise RS2SAM2Error(f"{folder} has no sentencepiece model ({' or '.join(SPM_FILES)}): the release's "
                           "tokenizer files are missing; download the release folder again")
    sp = spm.SentencePieceProcessor()
    try:
        sp.Load(str(model))
    except (OSError, RuntimeError) as exc:
        raise RS2SAM2Error(f"{model} is not a sentencepiece model ({str(exc).splitlines()[0][:200] if str(exc) else ''})"
                           "; download the release folder again") from None
    tokenizer = XlmrTokenizer(sp, [])
    for token in added_tokens(folder, tokenizer):
        tokenizer.add(token)
    tokenizer.add_token(SEG_TOKEN)
    return tokenizer


def added_tokens(folder: Path, tokenizer: XlmrTokenizer) -> List[AddedToken]:
    """The folder's added tokens: tokenizer_config.json's ``added_tokens_decoder`` (what transformers ≥ 4.34 writes),
    else the specials at their fairseq ids (``<mask>`` eats the space before it) and added_tokens.json's entries."""
    config = _json(folder / "tokenizer_config.json")
    decoder = config.get("added_tokens_decoder")
    if isinstance(decoder, dict) and decoder:
        try:
            return [AddedToken(str(t["content"]), int(i), bool(t.get("lstrip")), bool(t.get("rstrip")),
                               bool(t.get("single_word"))) for i, t in decoder.items()]
        except (KeyError, TypeError, ValueError):
            raise RS2SAM2Error(f"{folder / 'tokenizer_config.json'}: added_tokens_decoder is not a map of id → "
                               "token; download the release folder again") from None
    specials = [AddedToken(content, tokenizer.token_id(content), lstrip=content == MASK)
                for content in (*FAIRSEQ_IDS, MASK)]
    extra = _json(folder / "added_tokens.json")
    return specials + [AddedToken(str(c), int(i)) for c, i in sorted(extra.items(), key=lambda kv: kv[1])
                       if isinstance(i, int)]


def _json(path: Path) -> dict:
    if not path.is_file():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise RS2SAM2Error(f"{path} is not readable JSON ({exc}); download the release folder again") from None
    return data if isinstance(data, dict) else {}


def encode(tokenizer: XlmrTokenizer, phrase: str) -> tuple:
    """One phrase → (input_ids 1×L, attention mask 1×L): ``<s>`` … ``</s>``, no truncation, and — as in the
    authors' code — every position whose id is the pad id (= unk) masked, unknown pieces included."""
    ids = torch.tensor([tokenizer.ids(phrase)])
    return ids, ids.ne(tokenizer.pad_token_id)


def phrase_fits(ids: torch.Tensor, max_positions: int) -> None:
    """Refuse a phrase longer than the text position table (the authors' code would fail on it)."""
    if ids.shape[1] > max_positions:
        raise ValueError(f"the phrase is {ids.shape[1]} tokens long; RS2-SAM 2's text encoder takes at most "
                         f"{max_positions}")

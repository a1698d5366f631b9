"""Writes tokenizer_cases.json: transformers 4.53.1's slow XLMRobertaTokenizer ids for ~300 varied phrases.

Run with 4.53.1 first on the path (never installed into the project's venv), from the repository root:
    pip install --no-deps --target /tmp/tf453lib transformers==4.53.1 tokenizers==0.21.4 huggingface_hub==0.36.2
    PYTHONPATH=/tmp/tf453lib python tests/data/rs2sam2_official/make_tokenizer_cases.py
"""
import json
import shutil
import tempfile
from pathlib import Path

import transformers
from transformers import AutoTokenizer, XLMRobertaTokenizer

HERE = Path(__file__).resolve().parent
MODEL = HERE / "model"

BASES = [
    "the white storage tank left of the road", "vehicle", "two airplanes on the runway at the bottom",
    "The LARGE Building at the Top-Right", "a ship, a boat; and a harbor.", "the 3rd car from 12 o'clock",
    "Le bâtiment près du café", "die große Brücke über den Fluß", "el árbol pequeño junto a la piscina",
    "Ærø ø Å å ñ Ç ç ğ ş ı İ", "ﬁeld ﬂow ＡＢＣ １２３ ①②", "e\u0301 cafe\u0301 (combining accents)",
    "большое здание слева", "мост через реку", "北の建物", "停车场里的白色汽车", "서울 공항 활주로",
    "المبنى الكبير على اليسار", "הבניין הגדול", "भवन के पास सड़क", "สนามบินใหญ่", "Ελληνικό κτίριο",
    "🚗 car 🏠 house 👍🏽 👨‍👩‍👧", "✈️ plane ⚓ anchor", "100 m² at 45.5° N, 3,000 t",
    "!!! ??? ... --- ___ *** ### @@@ $$$ %%%", "(brackets) [square] {curly} <angle>", "quote \"double\" 'single' `back`",
    "path/to/file.tif and C:\\data\\x.png", "x=1+2*3/4-5", "tab\tseparated\twords", "line one\nline two",
    "windows\r\nline", "non\u00a0breaking space", "ideographic\u3000space", "zero\u200bwidth\u200djoiner",
    "soft\u00adhyphen", "control\x07bell", "a", "A", "7", ".", "-", "   ", "\t", "\n", "",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "the the the the the the", "roadroadroad", "über" * 5,
]
SPECIAL = [
    "[SEG]", "[SEG] the tank", "the tank [SEG]", "the [SEG] tank", "the[SEG]tank", "[SEG][SEG]", "[SEG] [SEG]",
    "  [SEG]  ", "\t[SEG]\n", "[seg] lower case", "[ SEG ]", "[SEG", "SEG]", "[[SEG]]",
    "<mask>", "the <mask> tank", "the   <mask>   tank", "the<mask>tank", "<mask> first", "last <mask>",
    "<s>", "</s>", "<pad>", "<unk>", "a <s> b </s> c", "a<unk>b", "<pad><pad>", "<s></s>", "< s >", "<S>",
    "[SEG] <mask> <s>", "the road [SEG]\n", "<mask>[SEG]<mask>",
]
SPACING = ["{}", " {}", "{} ", "  {}  ", "{}\n", "\n{}", "{}\t", "\t{}\t", "{}  {}", "{}\n\n{}", "{} [SEG]", "[SEG] {}",
           "{} [SEG] {}", "{}[SEG]", "{} <mask>"]


def phrases() -> list:
    out = list(BASES) + list(SPECIAL)
    for i, base in enumerate(BASES[:30]):
        pattern = SPACING[i % len(SPACING)]
        out.append(pattern.format(base, base))
        out.append(SPACING[(i * 7 + 3) % len(SPACING)].format(base, BASES[(i + 5) % 30]))
    for i, base in enumerate(BASES[:40]):
        out.append(base.replace(" ", "  "))
        out.append(base.upper() if i % 2 else base.title())
    for i in range(40):
        out.append(" ".join(BASES[(i * k) % len(BASES)] for k in (1, 3, 5)))
    words = [w for b in BASES for w in b.split()]
    for i in range(70):
        out.append(" ".join(words[(i * 13 + j * 7) % len(words)] for j in range(2 + i % 9)) + ("\n" if i % 4 == 0 else ""))
    return list(dict.fromkeys(out))


def ids_of(tokenizer, texts: list) -> list:
    return [tokenizer(t).input_ids for t in texts]


def main():
    assert transformers.__version__ == "4.53.1", transformers.__version__
    texts = phrases()
    # as the authors load it (lib/evf_sam.py's caller): slow tokenizer, pad = unk, [SEG] added
    release = AutoTokenizer.from_pretrained(str(MODEL), padding_side="right", use_fast=False)
    assert isinstance(release, XLMRobertaTokenizer)
    release.pad_token = release.unk_token
    release.add_tokens("[SEG]")
    # a folder with only the sentencepiece model (the older layout: no added_tokens_decoder): [SEG] after the vocab
    bare = Path(tempfile.mkdtemp())
    shutil.copy(MODEL / "sentencepiece.bpe.model", bare)
    legacy = XLMRobertaTokenizer.from_pretrained(str(bare))
    legacy.pad_token = legacy.unk_token
    legacy.add_tokens("[SEG]")
    cases = {
        "made_with": f"transformers {transformers.__version__} XLMRobertaTokenizer (slow), "
                     "tests/data/rs2sam2_official/make_tokenizer_cases.py",
        "release_folder": {"phrases": texts, "input_ids": ids_of(release, texts), "pad_token_id": release.pad_token_id},
        "sentencepiece_only": {"phrases": texts[:60], "input_ids": ids_of(legacy, texts[:60]),
                               "pad_token_id": legacy.pad_token_id, "seg_id": legacy.convert_tokens_to_ids("[SEG]")},
    }
    (HERE / "tokenizer_cases.json").write_text(json.dumps(cases, ensure_ascii=False, separators=(",", ":")) + "\n",
                                               encoding="utf-8")
    print(len(texts), "phrases", sum(map(len, cases["release_folder"]["input_ids"])), "ids")


if __name__ == "__main__":
    main()

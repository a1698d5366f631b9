"""Writes gemma_tokenizer/ (a tiny tokenizer laid out as SigLIP 2's: GemmaTokenizer class, Gemma's special ids,
add_bos_token false, add_eos_token true, a tokenizer.json whose own template adds <bos>) and
gemma_tokenizer_cases.json: transformers 4.53.1's ids for it, called as the official RSRefSeg 2 code calls it.

Run with 4.53.1 first on the path (never installed into the project's venv), from the repository root:
    pip install --no-deps --target /tmp/tf453lib transformers==4.53.1 tokenizers==0.21.4 huggingface_hub==0.36.2
    PYTHONPATH=/tmp/tf453lib python tests/data/rsrefseg2_official/make_gemma_tokenizer_cases.py
"""
import json
import shutil
import tempfile
from pathlib import Path

import transformers
from tokenizers import Tokenizer, decoders, models, normalizers, processors, trainers
from transformers import AutoTokenizer

HERE = Path(__file__).resolve().parent
OUT = HERE / "gemma_tokenizer"
PHRASES = json.loads((HERE.parent / "rs2sam2_official" / "tokenizer_cases.json").read_text(encoding="utf-8"))
PHRASES = PHRASES["release_folder"]["phrases"]
SPECIALS = ["<pad>", "<eos>", "<bos>", "<unk>", "<mask>"]  # Gemma's ids 0..4


def build(folder: Path):
    tok = Tokenizer(models.BPE(unk_token="<unk>", fuse_unk=True, byte_fallback=True))
    tok.normalizer = normalizers.Replace(" ", "▁")
    tok.decoder = decoders.Sequence([decoders.Replace("▁", " "), decoders.ByteFallback(), decoders.Fuse()])
    trainer = trainers.BpeTrainer(vocab_size=900, special_tokens=SPECIALS + [f"<0x{i:02X}>" for i in range(256)],
                                  show_progress=False)
    tok.train_from_iterator([p.replace(" ", "▁") for p in PHRASES[:150]] * 3, trainer)
    tok.post_processor = processors.TemplateProcessing(single="<bos> $A", pair="<bos> $A <bos> $B",
                                                       special_tokens=[("<bos>", 2)])
    data = json.loads(tok.to_str())
    data["added_tokens"] = [t for t in data["added_tokens"] if t["content"] in SPECIALS]  # bytes: plain vocabulary
    folder.mkdir(exist_ok=True)
    (folder / "tokenizer.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    decoder = {str(i): {"content": c, "lstrip": False, "normalized": False, "rstrip": False, "single_word": False,
                        "special": True} for i, c in enumerate(SPECIALS)}
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "add_bos_token": False, "add_eos_token": True, "added_tokens_decoder": decoder, "bos_token": "<bos>",
        "clean_up_tokenization_spaces": False, "eos_token": "<eos>", "mask_token": "<mask>", "model_max_length": 64,
        "pad_token": "<pad>", "padding_side": "right", "tokenizer_class": "GemmaTokenizer", "unk_token": "<unk>"},
        indent=1))
    (folder / "special_tokens_map.json").write_text(json.dumps(
        {"bos_token": "<bos>", "eos_token": "<eos>", "mask_token": "<mask>", "pad_token": "<pad>", "unk_token": "<unk>"}))


def official_ids(folder: Path, phrases: list) -> dict:
    """One phrase per call and one padded batch, as RSRefSeg 2's extract_feat calls its tokenizer."""
    tok = AutoTokenizer.from_pretrained(str(folder))
    call = dict(return_tensors="pt", padding=True, truncation=True, max_length=128)
    return {"class": type(tok).__name__, "phrases": phrases,
            "input_ids": [tok([p], **call)["input_ids"][0].tolist() for p in phrases],
            "batch_input_ids": tok(phrases[:20], **call)["input_ids"].tolist()}


def main():
    assert transformers.__version__ == "4.53.1", transformers.__version__
    build(OUT)
    without_flags = Path(tempfile.mkdtemp())
    for f in OUT.iterdir():
        shutil.copy(f, without_flags)
    config = json.loads((without_flags / "tokenizer_config.json").read_text())
    del config["add_bos_token"], config["add_eos_token"]
    (without_flags / "tokenizer_config.json").write_text(json.dumps(config))
    cases = {"made_with": f"transformers {transformers.__version__}, "
                          "tests/data/rsrefseg2_official/make_gemma_tokenizer_cases.py",
             "siglip2_flags": official_ids(OUT, PHRASES), "no_flags": official_ids(without_flags, PHRASES[:60])}
    (HERE / "gemma_tokenizer_cases.json").write_text(json.dumps(cases, ensure_ascii=False, separators=(",", ":")) + "\n",
                                                     encoding="utf-8")
    print(cases["siglip2_flags"]["class"], cases["siglip2_flags"]["input_ids"][0], cases["no_flags"]["input_ids"][0])


if __name__ == "__main__":
    main()

"""Writes siglip2_tokenizer_cases.json: transformers 4.53.1's ids from open_clip's tokenizer for the `quality` arch
(ViT-SO400M-16-SigLIP2-512) with its hub tokenizer swapped for ../rsrefseg2_official/gemma_tokenizer, a tiny tokenizer
laid out as SigLIP 2's (class GemmaTokenizer, add_bos_token false, add_eos_token true, a tokenizer.json whose own
template adds <bos> instead); once with those flags, once without them (4.53.1's defaults).

open_clip.get_tokenizer is called as for the arch itself, on a copy of its config that names the local folder, so
HFTokenizer gets the arch's context length and clean="canonicalize". Run with 4.53.1 first on the path (never installed
into the project's venv), from the repository root:
    pip install --no-deps --target /tmp/tf453lib transformers==4.53.1 tokenizers==0.21.4 huggingface_hub==0.36.2
    PYTHONPATH=/tmp/tf453lib python tests/data/open_clip_siglip2/make_siglip2_tokenizer_cases.py
"""
import copy
import json
import shutil
import tempfile
from pathlib import Path

import open_clip
import transformers

HERE = Path(__file__).resolve().parent
ARCH = "ViT-SO400M-16-SigLIP2-512"
TOKENIZER = HERE.parent / "rsrefseg2_official" / "gemma_tokenizer"
PHRASES = json.loads((HERE.parent / "rs2sam2_official" / "tokenizer_cases.json").read_text(encoding="utf-8"))
PHRASES = PHRASES["release_folder"]["phrases"]
LONG = [" ".join(PHRASES[:40]), "большое здание слева " * 40, "停车场里的白色汽车" * 20]  # past 64 tokens: truncated


def local_arch(folder: Path, work: Path) -> str:
    """A copy of ARCH's open_clip config whose hf_tokenizer_name is ``folder``; returns its name."""
    config = copy.deepcopy(open_clip.get_model_config(ARCH))
    config["text_cfg"]["hf_tokenizer_name"] = str(folder)
    name = f"{ARCH}-local-tokenizer-{work.name}"
    (work / f"{name}.json").write_text(json.dumps(config))
    open_clip.add_model_config(work / f"{name}.json")
    return name


def without_flags(work: Path) -> Path:
    folder = work / "no_flags"
    shutil.copytree(TOKENIZER, folder)
    config = json.loads((folder / "tokenizer_config.json").read_text())
    del config["add_bos_token"], config["add_eos_token"]
    (folder / "tokenizer_config.json").write_text(json.dumps(config))
    return folder


def ids(folder: Path, work: Path, phrases: list) -> dict:
    tokenizer = open_clip.get_tokenizer(local_arch(folder, work))
    return {"class": type(tokenizer.tokenizer).__name__, "phrases": phrases, "input_ids": tokenizer(phrases).tolist()}


def main():
    assert transformers.__version__ == "4.53.1", transformers.__version__
    work = Path(tempfile.mkdtemp())
    cases = {"made_with": f"transformers {transformers.__version__}, open_clip {open_clip.__version__}, "
                          "tests/data/open_clip_siglip2/make_siglip2_tokenizer_cases.py",
             "arch": ARCH, "siglip2_flags": ids(TOKENIZER, work, PHRASES + LONG),
             "no_flags": ids(without_flags(work), work, PHRASES[:60] + LONG[:1])}
    (HERE / "siglip2_tokenizer_cases.json").write_text(
        json.dumps(cases, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    print(cases["siglip2_flags"]["class"], cases["siglip2_flags"]["input_ids"][0][:16],
          cases["no_flags"]["input_ids"][0][:16])


if __name__ == "__main__":
    main()

"""rsrefseg2 tokenizer: a SigLIP 2-style Gemma tokenizer gives transformers 4.53.1's ids (the authors' version).

transformers 5 ignores tokenizer_config.json's add_bos_token/add_eos_token when a tokenizer.json is present;
4.53.1's GemmaTokenizerFast built its template from them. tests/data/rsrefseg2_official/gemma_tokenizer has a
tokenizer.json whose own template disagrees with its flags, as a file saved without them would.
"""
import json
import shutil
from pathlib import Path

import pytest

from rrsis_qgis.engine.rsrefseg2.tokenizer import load_tokenizer

FIXTURE = Path(__file__).parent.parent / "data" / "rsrefseg2_official"
CASES = json.loads((FIXTURE / "gemma_tokenizer_cases.json").read_text(encoding="utf-8"))
CALL = dict(return_tensors="pt", padding=True, truncation=True, max_length=128)  # the official call


def _folder(tmp_path, flags: bool) -> Path:
    folder = tmp_path / "tok"
    shutil.copytree(FIXTURE / "gemma_tokenizer", folder)
    if not flags:
        config = json.loads((folder / "tokenizer_config.json").read_text())
        del config["add_bos_token"], config["add_eos_token"]
        (folder / "tokenizer_config.json").write_text(json.dumps(config))
    return folder


@pytest.mark.parametrize("variant,flags", [("siglip2_flags", True), ("no_flags", False)])
def test_each_phrase_and_a_padded_batch_get_4_53_1s_ids(tmp_path, variant, flags):
    cases = CASES[variant]
    tokenizer = load_tokenizer(_folder(tmp_path, flags))
    got = [tokenizer([p], **CALL)["input_ids"][0].tolist() for p in cases["phrases"]]
    assert [(p, g) for p, g, want in zip(cases["phrases"], got, cases["input_ids"]) if g != want] == []
    assert tokenizer(cases["phrases"][:20], **CALL)["input_ids"].tolist() == cases["batch_input_ids"]

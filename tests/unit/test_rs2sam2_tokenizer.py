"""rs2sam2 tokenizer: transformers 4.53.1's slow XLMRobertaTokenizer ids (tests/data/rs2sam2_official/tokenizer_cases.json)."""
import json
import shutil
from pathlib import Path

import pytest

from rrsis_qgis.engine.rs2sam2.checkpoint import RS2SAM2Error
from rrsis_qgis.engine.rs2sam2.tokenizer import encode, load_tokenizer

FIXTURE = Path(__file__).parent.parent / "data" / "rs2sam2_official"
CASES = json.loads((FIXTURE / "tokenizer_cases.json").read_text(encoding="utf-8"))


def _mismatches(tokenizer, cases):
    return [(p, tokenizer.ids(p), want) for p, want in zip(cases["phrases"], cases["input_ids"]) if tokenizer.ids(p) != want]


def test_the_release_folder_gives_4_53_1s_ids_for_every_phrase():
    cases = CASES["release_folder"]
    assert len(cases["phrases"]) >= 300 and "" in cases["phrases"]
    tokenizer = load_tokenizer(FIXTURE / "model")
    assert _mismatches(tokenizer, cases) == []
    assert tokenizer.pad_token_id == cases["pad_token_id"] == 3


def test_a_folder_with_only_the_sentencepiece_model_gives_4_53_1s_ids(tmp_path):
    shutil.copy(FIXTURE / "model" / "sentencepiece.bpe.model", tmp_path)
    cases = CASES["sentencepiece_only"]
    tokenizer = load_tokenizer(tmp_path)
    assert tokenizer.token_id("[SEG]") == cases["seg_id"]
    assert _mismatches(tokenizer, cases) == []


def test_encode_masks_every_unknown_piece_as_the_authors_pad_is_unk():
    tokenizer = load_tokenizer(FIXTURE / "model")
    ids, mask = encode(tokenizer, "北の建物 [SEG]")
    assert ids[0, 0] == 0 and ids[0, -1] == 2 and 3 in ids[0].tolist()
    assert mask[0].tolist() == [i != 3 for i in ids[0].tolist()]


@pytest.mark.parametrize("name,content,message", [
    ("sentencepiece.bpe.model", b"not a model", "is not a sentencepiece model"),
    ("tokenizer_config.json", b"{broken", "is not readable JSON"),
    ("tokenizer_config.json", b'{"added_tokens_decoder": {"x": {"content": "[SEG]"}}}', "added_tokens_decoder"),
])
def test_a_damaged_tokenizer_file_is_refused_naming_it(tmp_path, name, content, message):
    shutil.copy(FIXTURE / "model" / "sentencepiece.bpe.model", tmp_path)
    (tmp_path / name).write_bytes(content)
    with pytest.raises(RS2SAM2Error, match=message) as err:
        load_tokenizer(tmp_path)
    assert name in str(err.value)

"""The `quality` preset's SigLIP 2 tokenizer (open_clip's HFTokenizer) gives transformers 4.53.1's ids under 5.x.

transformers 5 ignores tokenizer_config.json's add_bos_token/add_eos_token when a tokenizer.json is present;
4.53.1's GemmaTokenizerFast built its template from them. The hub's tokenizer cannot be downloaded here, so the
arch's open_clip config is copied with its hf_tokenizer_name pointed at a local SigLIP 2-style folder whose
tokenizer.json template disagrees with its flags (tests/data/open_clip_siglip2/make_siglip2_tokenizer_cases.py).
"""
import copy
import json
import shutil
from pathlib import Path

import open_clip
import pytest

from rrsis_qgis.engine.clip_dense import load_tokenizer
from rrsis_qgis.engine.specs import ClipSpec, get_spec

DATA = Path(__file__).parent.parent / "data"
CASES = json.loads((DATA / "open_clip_siglip2" / "siglip2_tokenizer_cases.json").read_text(encoding="utf-8"))
TOKENIZER = DATA / "rsrefseg2_official" / "gemma_tokenizer"


def _quality_with_local_tokenizer(tmp_path, flags: bool) -> ClipSpec:
    """The `quality` preset's CLIP spec, its arch's config copied with the tokenizer read from a local folder."""
    folder = tmp_path / "tok"
    shutil.copytree(TOKENIZER, folder)
    if not flags:
        config = json.loads((folder / "tokenizer_config.json").read_text())
        del config["add_bos_token"], config["add_eos_token"]
        (folder / "tokenizer_config.json").write_text(json.dumps(config))
    spec = get_spec("quality").clip
    assert spec.arch == CASES["arch"]
    model_config = copy.deepcopy(open_clip.get_model_config(spec.arch))
    model_config["text_cfg"]["hf_tokenizer_name"] = str(folder)
    name = f"{spec.arch}-local-tokenizer-{tmp_path.name}"
    (tmp_path / f"{name}.json").write_text(json.dumps(model_config))
    open_clip.add_model_config(tmp_path / f"{name}.json")
    return ClipSpec(name, spec.weights, spec.quick_gelu, spec.input_size, spec.mean, spec.std)


@pytest.mark.parametrize("variant,flags", [("siglip2_flags", True), ("no_flags", False)])
def test_quality_tokenizer_gives_4_53_1s_ids(tmp_path, variant, flags):
    cases = CASES[variant]
    tokenizer = load_tokenizer(_quality_with_local_tokenizer(tmp_path, flags))
    got = tokenizer(cases["phrases"]).tolist()
    assert [(p, g) for p, g, want in zip(cases["phrases"], got, cases["input_ids"]) if g != want] == []
    assert tokenizer(cases["phrases"][0]).tolist() == cases["input_ids"][:1]  # one string: the same row

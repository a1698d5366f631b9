"""`models list|download|verify|path` and the manifest's own hygiene (pinned or saying why not; comments name real files)."""
import json
import re

import pytest

from rrsis_qgis.cli import main
from rrsis_qgis.engine.download import sha256_of
from rrsis_qgis.engine.weights import load_manifest
from rrsis_qgis.models_cli import resolve_names
from tests.conftest import REPO

CONFIGS = REPO / "rrsis_qgis" / "engine" / "configs"


def test_every_manifest_entry_is_pinned_or_says_why_not():
    for key, entry in load_manifest().items():
        assert (entry.size and entry.sha256) or len(entry.unverified) > 20, key
        if entry.sha256:
            assert re.fullmatch(r"[0-9a-f]{64}", entry.sha256), key


def test_config_comments_name_files_that_exist():
    for path in CONFIGS.glob("*.json"):
        comment = json.loads(path.read_text()).get("_comment", "")
        for name in re.findall(r"engine/[\w/]+\.py", comment):
            assert (REPO / "rrsis_qgis" / name).is_file(), f"{path.name} names {name}"


def test_names_resolve_to_manifest_keys():
    assert sorted(resolve_names(["default"])) == ["clip-vit-b-16-openai", "sam2.1-hiera-tiny"]
    assert resolve_names(["sam2.1_hiera_large.pt", "sam2.1-hiera-large"]) == ["sam2.1-hiera-large"]
    assert resolve_names(["tiny-random"]) == []
    with pytest.raises(ValueError, match="unknown model"):
        resolve_names(["nope"])


def test_path_follows_the_environment(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RRSIS_MODELS_DIR", str(tmp_path))
    assert main(["models", "path"]) == 0
    assert capsys.readouterr().out.strip() == str(tmp_path)


def test_list_and_verify_what_is_on_disk(tmp_path, capsys):
    small = load_manifest()["sam2.1-hiera-small"]
    (tmp_path / small.file).write_bytes(b"not really a checkpoint")
    (tmp_path / "sam2.1_hiera_tiny.pt").write_bytes(b"too short")
    assert main(["models", "list", "--models-dir", str(tmp_path), "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)["checkpoints"]}
    assert rows["sam2.1-hiera-small"]["present"] and not rows["sam2.1-hiera-large"]["present"]
    assert rows["sam2.1-hiera-tiny"]["used_by"][0] == "default" and rows["sam2.1-hiera-small"]["unverified"]

    assert main(["models", "verify", "--models-dir", str(tmp_path), "--json"]) == 1  # the tiny one is wrong
    results = {r["key"]: r for r in json.loads(capsys.readouterr().out)["results"]}
    assert set(results) == {"sam2.1-hiera-small", "sam2.1-hiera-tiny"}
    assert results["sam2.1-hiera-tiny"]["state"].startswith("wrong size")
    assert results["sam2.1-hiera-small"]["state"].startswith("present, not verifiable")
    assert results["sam2.1-hiera-small"]["sha256"] == sha256_of(tmp_path / small.file)  # ready to be pinned

    assert main(["models", "verify", "sam2.1-hiera-small", "--models-dir", str(tmp_path)]) == 0
    assert main(["models", "verify", "sam2.1-hiera-large", "--models-dir", str(tmp_path)]) == 3
    assert main(["models", "verify", "nope", "--models-dir", str(tmp_path)]) == 2


def test_list_names_the_release_presets_that_use_a_file(tmp_path, capsys):
    assert main(["models", "list", "--models-dir", str(tmp_path), "--json"]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)["checkpoints"]}
    assert rows["sam3"]["used_by"] == ["sam3"] and rows["sam3-vocab"]["used_by"] == ["sam3"]
    assert rows["rs2sam2-rrsisd-spm"]["used_by"] == ["rs2sam2-rrsisd"]
    assert rows["siglip2-tokenizer"]["used_by"] == ["rsrefseg2-rrsisd", "rsrefseg2-refsegrs", "rsrefseg2-risbench"]
    assert rows["sam2.1-hiera-tiny"]["used_by"][0] == "default"  # models.json's presets as before
    assert main(["models", "list", "--models-dir", str(tmp_path)]) == 0
    line = next(s for s in capsys.readouterr().out.splitlines() if s.strip().startswith("sam3-merges "))
    assert "(model: sam3)" in line

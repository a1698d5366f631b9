"""`models download` of a gated checkpoint under a licence that restricts use: the licence is printed and must be
accepted (--accept-license or a typed yes); the token comes from the environment (HF_TOKEN or --token-env NAME),
never from the command line, and never shows in the output. The manifest is an organisation's mirror of our own
(RRSIS_WEIGHTS_MANIFEST), its server this test's."""
import io
import json

import pytest

from rrsis_qgis.cli import main
from tests.unit.test_download import PAYLOAD, SHA
from tests.unit.test_gated_download import GOOD, PAGE, hosts, no_token_in_the_environment  # noqa: F401 (fixtures)

LICENSE = "Example Licence: no military use; no reverse engineering."


@pytest.fixture
def mirror(tmp_path, monkeypatch, hosts):  # noqa: F811
    origin, seen, _ = hosts
    entries = {"_comment": "an organisation's mirror",
               "big": {"file": "big/model.safetensors", "url": f"{origin}/gated/model.pt", "size": len(PAYLOAD),
                       "sha256": SHA, "license": LICENSE, "license_url": "https://example.org/LICENSE",
                       "accept_license": True, "gated": PAGE},
               "plain": {"file": "plain.pt", "url": f"{origin}/open.pt", "size": len(PAYLOAD), "sha256": SHA,
                         "license": "MIT"}}
    path = tmp_path / "mirror.json"
    path.write_text(json.dumps(entries))
    monkeypatch.setenv("RRSIS_WEIGHTS_MANIFEST", str(path))
    monkeypatch.setenv("RRSIS_ALLOW_HTTP", "1")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # not a terminal: nobody to ask
    return tmp_path / "models", seen


def test_without_acceptance_the_licence_is_printed_and_nothing_is_downloaded(mirror, monkeypatch, capsys):
    models, seen = mirror
    monkeypatch.setenv("HF_TOKEN", GOOD)
    assert main(["models", "download", "big", "--models-dir", str(models)]) == 2
    err = capsys.readouterr().err
    assert LICENSE in err and "https://example.org/LICENSE" in err and "--accept-license" in err, err
    assert seen == [] and not (models / "big" / "model.safetensors").exists()
    assert not (models / "big" / "model.safetensors.part").exists()


def test_accept_license_and_the_token_from_hf_token_download_it(mirror, monkeypatch, capsys):
    models, seen = mirror
    monkeypatch.setenv("HF_TOKEN", GOOD)
    assert main(["models", "download", "big", "--accept-license", "--models-dir", str(models)]) == 0
    out = capsys.readouterr()
    assert (models / "big" / "model.safetensors").read_bytes() == PAYLOAD
    assert LICENSE in out.err and seen == [("/gated/model.pt", f"Bearer {GOOD}", None)]
    assert GOOD not in out.out + out.err


@pytest.mark.parametrize("answer, code", [("y\n", 0), ("yes\n", 0), ("n\n", 2), ("\n", 2)])
def test_on_a_terminal_the_licence_is_asked(mirror, monkeypatch, capsys, answer, code):
    models, seen = mirror
    monkeypatch.setenv("HF_TOKEN", GOOD)

    class Terminal(io.StringIO):
        def isatty(self):
            return True
    monkeypatch.setattr("sys.stdin", Terminal(answer))
    assert main(["models", "download", "big", "--models-dir", str(models)]) == code
    err = capsys.readouterr().err
    assert "[y/N]" in err and (models / "big" / "model.safetensors").exists() == (code == 0)
    assert bool(seen) == (code == 0)


def test_the_token_from_token_env_and_the_gated_message_without_one(mirror, monkeypatch, capsys):
    models, seen = mirror
    assert main(["models", "download", "big", "--accept-license", "--models-dir", str(models)]) == 2
    err = capsys.readouterr().err
    assert f"request access on the model page {PAGE}" in err and "HF_TOKEN" in err, err
    monkeypatch.setenv("TEAM_TOKEN", GOOD)
    assert main(["models", "download", "big", "--accept-license", "--token-env", "TEAM_TOKEN",
                 "--models-dir", str(models)]) == 0
    assert seen[-1] == ("/gated/model.pt", f"Bearer {GOOD}", None)
    assert main(["models", "download", "big", "--token-env", "UNSET_NAME", "--models-dir", str(models)]) == 2
    assert "UNSET_NAME" in capsys.readouterr().err


def test_json_mode_reports_the_missing_acceptance_as_an_error_line(mirror, capsys):
    models, seen = mirror
    assert main(["models", "download", "big", "--json", "--models-dir", str(models)]) == 2
    events = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert events[-1]["event"] == "error" and events[-1]["key"] == "big" and "licence" in events[-1]["message"]
    assert seen == []


def test_a_file_under_a_plain_licence_needs_no_acceptance_and_gets_no_token(mirror, monkeypatch, capsys):
    models, seen = mirror
    monkeypatch.setenv("HF_TOKEN", GOOD)
    assert main(["models", "download", "plain", "--models-dir", str(models)]) == 0
    assert seen == [("/open.pt", None, None)] and "MIT" not in capsys.readouterr().err


def test_the_top_level_download_command_takes_the_same_options(mirror, monkeypatch):
    models, seen = mirror
    monkeypatch.setenv("TEAM_TOKEN", GOOD)
    assert main(["download", "--weights", "big", "--models-dir", str(models)]) == 2 and seen == []
    assert main(["download", "--weights", "big", "--accept-license", "--token-env", "TEAM_TOKEN",
                 "--models-dir", str(models)]) == 0
    assert (models / "big" / "model.safetensors").exists()


def test_the_list_names_the_gated_checkpoints_and_their_licence(mirror, capsys):
    models, _ = mirror
    assert main(["models", "list", "--models-dir", str(models)]) == 0
    lines = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert f"gated: needs a token, access on {PAGE}" in lines["big"] and "gated" not in lines["plain"]
    assert main(["models", "list", "--json", "--models-dir", str(models)]) == 0
    rows = {r["key"]: r for r in json.loads(capsys.readouterr().out)["checkpoints"]}
    assert rows["big"]["gated"] == PAGE and rows["big"]["accept_license"] and rows["big"]["license"] == LICENSE
    assert rows["plain"]["gated"] is None and not rows["plain"]["accept_license"]


def test_segment_download_missing_asks_the_same(mirror, monkeypatch, capsys):
    import argparse

    from rrsis_qgis import cli
    from rrsis_qgis.engine.license_terms import LicenseNotAccepted
    from rrsis_qgis.engine.segmenter import Segmenter
    from rrsis_qgis.engine.weights import MissingWeightsError, load_manifest

    models, seen = mirror
    calls = []

    def from_name(*args, **kwargs):  # the model's weights are missing the first time
        calls.append(1)
        if len(calls) == 1 or not (models / "big" / "model.safetensors").exists():
            raise MissingWeightsError([load_manifest()["big"]], models)
        return "the model"
    monkeypatch.setattr(Segmenter, "from_name", staticmethod(from_name))
    args = argparse.Namespace(model="m", device="cpu", models_dir=models, precision="fp32", download_missing=True,
                              accept_license=False, token_env=None)
    with pytest.raises(LicenseNotAccepted, match="--accept-license"):
        cli._load_model(args)
    assert seen == [] and "offline" not in capsys.readouterr().err
    monkeypatch.setenv("HF_TOKEN", GOOD)
    calls.clear()
    assert cli._load_model(argparse.Namespace(**{**vars(args), "accept_license": True})) == "the model"
    assert seen == [("/gated/model.pt", f"Bearer {GOOD}", None)]

"""The weights manifest is checked when it is read: names stay inside the models folder, https only, any-case sha256."""
import asyncio
import json

import httpx
import pytest

from rrsis_qgis.cli import main
from rrsis_qgis.engine.download import download
from rrsis_qgis.engine.weights import ALLOW_HTTP_ENV, MANIFEST_ENV, ManifestError, load_manifest
from tests.unit.test_download import PAYLOAD, SHA, server  # noqa: F401 (fixture)

GOOD = {"file": "model.pt", "url": "https://example.org/model.pt", "size": 3, "sha256": "a" * 64}


@pytest.fixture
def write_manifest(tmp_path, monkeypatch):
    def write(entries=None, text=None):
        path = tmp_path / "my manifest.json"
        path.write_text(text if text is not None else json.dumps(entries))
        monkeypatch.setenv(MANIFEST_ENV, str(path))
        return path
    monkeypatch.delenv(ALLOW_HTTP_ENV, raising=False)
    return write


@pytest.mark.parametrize("field, value, words", [
    ("file", "../x.pt", "plain file name"), ("file", "/tmp/x.pt", "plain file name"),
    ("file", "sub/../../x.pt", "plain file name"), ("file", "sub//x.pt", "plain file name"),
    ("file", "./x.pt", "plain file name"), ("file", "..", "plain file name"), ("file", "", "plain file name"),
    ("file", "C:x.pt", "plain file name"),
    ("file", "a\\b.pt", "plain file name"), ("file", 5, "plain file name"), ("file", "x\0.pt", "plain file name"),
    ("url", "file:///etc/passwd", "https"), ("url", "data:,hello", "https"), ("url", "ftp://h/x.pt", "https"),
    ("url", "http://mirror.internal/x.pt", ALLOW_HTTP_ENV), ("url", "https:///x.pt", "host"), ("url", None, "https"),
    ("sha256", "xyz", "64 hex"), ("sha256", "a" * 63, "64 hex"), ("sha256", 5, "64 hex"),
    ("size", -1, "size"), ("size", "12", "size"), ("size", True, "size"), ("license", 3, "license"),
    ("gated", 5, "`gated`"), ("gated", "file:///etc/passwd", "`gated`"), ("license_url", "LICENSE", "`license_url`"),
    ("accept_license", "yes", "true or false"), ("accept_license", True, "nothing to accept"),
])
def test_a_bad_entry_is_refused_naming_the_manifest_and_the_entry(write_manifest, field, value, words):
    path = write_manifest({"_comment": "x", "ok": GOOD, "bad one": {**GOOD, field: value}})
    with pytest.raises(ManifestError) as info:
        load_manifest()
    message = str(info.value)
    assert str(path) in message and "'bad one'" in message and words in message, message


@pytest.mark.parametrize("text, words", [('{"x": ', "not valid JSON"), ("[1, 2]", "JSON object"),
                                         ('{"x": [1]}', "'x'"), ('{"x": {"url": "https://h/x"}}', "file")])
def test_a_manifest_that_is_not_a_manifest_is_named(write_manifest, text, words):
    path = write_manifest(text=text)
    with pytest.raises(ManifestError) as info:
        load_manifest()
    assert str(path) in str(info.value) and words in str(info.value), str(info.value)


def test_unknown_fields_are_accepted_and_sha256_case_is_normalised(write_manifest):
    write_manifest({"m": {**GOOD, "sha256": "AB" * 32, "revision": "main", "files": ["a", "b"]},
                    "u": {**GOOD, "size": None, "sha256": None, "unverified": "the host publishes no checksum"}})
    manifest = load_manifest()
    assert manifest["m"].sha256 == "ab" * 32 and manifest["m"].extra == {"revision": "main", "files": ["a", "b"]}
    assert manifest["u"].sha256 is None and manifest["u"].unverified


def test_a_file_of_a_multi_file_model_may_sit_in_a_subfolder(write_manifest, server, tmp_path, monkeypatch):  # noqa: F811
    write_manifest({"t": {**GOOD, "file": "tokenizer-x/tokenizer.json", "url": server, "size": len(PAYLOAD),
                          "sha256": SHA}})
    monkeypatch.setenv(ALLOW_HTTP_ENV, "1")
    path = download(load_manifest()["t"], tmp_path / "models")
    assert path == tmp_path / "models" / "tokenizer-x" / "tokenizer.json" and path.read_bytes() == PAYLOAD


def test_plain_http_is_accepted_when_opted_in(write_manifest, monkeypatch):
    write_manifest({"m": {**GOOD, "url": "http://mirror.internal/model.pt"}})
    monkeypatch.setenv(ALLOW_HTTP_ENV, "1")
    assert load_manifest()["m"].url == "http://mirror.internal/model.pt"


def test_an_upper_case_sha256_verifies_the_download(write_manifest, monkeypatch, tmp_path, server):  # noqa: F811
    write_manifest({"m": {"file": "model.pt", "url": server, "size": len(PAYLOAD), "sha256": SHA.upper()}})
    monkeypatch.setenv(ALLOW_HTTP_ENV, "1")
    path = download(load_manifest()["m"], tmp_path / "models")
    assert path.read_bytes() == PAYLOAD


def test_models_download_of_an_escaping_name_exits_2_and_writes_nothing(write_manifest, monkeypatch, tmp_path,
                                                                        server, capsys):  # noqa: F811
    path = write_manifest({"m": {"file": "../escaped.pt", "url": server, "size": None, "sha256": None,
                                 "unverified": "test"}})
    monkeypatch.setenv(ALLOW_HTTP_ENV, "1")
    models = tmp_path / "models"
    assert main(["models", "download", "m", "--models-dir", str(models)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "'m'" in err and "unexpected" not in err, err
    assert not (tmp_path / "escaped.pt").exists() and not (tmp_path / "escaped.pt.part").exists()


@pytest.mark.parametrize("argv", [["models", "list"], ["download"], ["models", "verify"]])
def test_the_cli_names_a_broken_manifest_and_exits_2(write_manifest, tmp_path, capsys, argv):
    path = write_manifest(text="{ not json")
    assert main([*argv, "--models-dir", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert str(path) in err and "not valid JSON" in err and "unexpected" not in err, err


def test_v1_models_answers_a_json_error_naming_the_manifest(write_manifest, tiny_segmenter, tmp_path):
    from rrsis_qgis.server.app import create_app
    from rrsis_qgis.server.service import Service

    app = create_app(Service(tiny_segmenter, 1 << 20, tmp_path), "secret")

    async def get():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            return await client.get("/v1/models", headers={"Authorization": "Bearer secret"})

    assert asyncio.run(get()).status_code == 200
    path = write_manifest(text='{"x": ')
    response = asyncio.run(get())
    body = response.json()
    assert response.status_code == 503 and body["error"]["code"] == "manifest_invalid", body
    assert str(path) in body["error"]["message"] and "not valid JSON" in body["error"]["message"]

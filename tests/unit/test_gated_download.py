"""Gated downloads (Hugging Face facebook/sam3) against local HTTP servers on 127.0.0.1: 401 without a token, 200
with it; the token goes to the entry's own host only, never across a redirect to another host, never in a message."""
import http.server
import threading

import pytest

from rrsis_qgis.engine.download import DownloadError, download
from rrsis_qgis.engine.weights import MissingWeightsError, WeightsEntry, load_manifest, resolve_weights
from tests.unit.test_download import PAYLOAD, SHA, RangeHandler

GOOD, NO_ACCESS = "hf_GoodToken1234567890", "hf_NoAccessYet0987654321"  # what the server knows
PAGE = "https://huggingface.co/facebook/sam3"
AWAITING = "Your request to access model facebook/sam3 is awaiting a review from the repo authors."


class Seen(list):
    """(path, Authorization, Range) of every request a server answered."""


def handler(seen: Seen, cdn: list):
    class Handler(RangeHandler):
        ranges_seen: list = []

        def do_GET(self):  # noqa: N802
            auth, rng = self.headers.get("Authorization"), self.headers.get("Range")
            seen.append((self.path, auth, rng))
            if self.path.startswith("/gated"):
                if auth not in (f"Bearer {GOOD}", f"Bearer {NO_ACCESS}"):
                    return self.answer(401)  # Hugging Face: no token, or one it does not know
                if auth == f"Bearer {NO_ACCESS}":
                    return self.answer(403, {"X-Error-Message": AWAITING})  # a valid token, no access granted
                if self.path.startswith("/gated-cdn"):  # Hugging Face: a large file is on a CDN host
                    return self.answer(302, {"Location": f"{cdn[0]}/model.pt"})
                if self.path.startswith("/gated-here"):  # a renamed repository: the same host, a relative path
                    return self.answer(307, {"Location": "/gated/model.pt"})
            super().do_GET()  # PAYLOAD, from the Range's start

        def answer(self, code, headers=None):
            self.send_response(code)
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.send_header("Content-Length", "0")
            self.end_headers()

    return Handler


@pytest.fixture
def hosts():
    """The model host (127.0.0.1) and a CDN on another host name (localhost); what each was sent."""
    origin_seen, cdn_seen, cdn = Seen(), Seen(), []
    servers = [http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler(seen, cdn))
               for seen in (origin_seen, cdn_seen)]
    for s in servers:
        threading.Thread(target=s.serve_forever, args=(0.05,), daemon=True).start()
    cdn.append(f"http://localhost:{servers[1].server_address[1]}")
    yield f"http://127.0.0.1:{servers[0].server_address[1]}", origin_seen, cdn_seen
    for s in servers:
        s.shutdown()


@pytest.fixture(autouse=True)
def no_token_in_the_environment(monkeypatch):
    for name in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"):
        monkeypatch.delenv(name, raising=False)


def gated(url, path="/gated/model.pt", page=PAGE):
    return WeightsEntry(key="sam3", file="sam3/model.safetensors", url=url + path, size=len(PAYLOAD), sha256=SHA,
                        gated=page)


def test_without_a_token_a_gated_file_says_where_to_request_access_then_the_token_downloads_it(tmp_path, hosts):
    origin, seen, _ = hosts
    with pytest.raises(DownloadError) as info:
        download(gated(origin), tmp_path, token="")
    message = str(info.value)
    assert "facebook/sam3 is gated" in message and f"request access on the model page {PAGE}" in message, message
    assert "HF_TOKEN" in message and "model manager" in message, message
    assert not (tmp_path / "sam3" / "model.safetensors").exists()
    assert seen == [("/gated/model.pt", None, None)]

    path = download(gated(origin), tmp_path, token=GOOD)
    assert path.read_bytes() == PAYLOAD
    assert seen[-1] == ("/gated/model.pt", f"Bearer {GOOD}", None)


@pytest.mark.parametrize("variable", ["HF_TOKEN", "HUGGING_FACE_HUB_TOKEN"])
def test_the_token_comes_from_the_environment(tmp_path, hosts, monkeypatch, variable):
    origin, seen, _ = hosts
    monkeypatch.setenv(variable, GOOD)
    assert download(gated(origin), tmp_path).read_bytes() == PAYLOAD
    assert seen == [("/gated/model.pt", f"Bearer {GOOD}", None)]


def test_a_token_that_is_not_valid_and_one_without_access_yet_are_told_apart(tmp_path, hosts):
    origin, _, _ = hosts
    wrong = "hf_TypoInTheToken55555"
    with pytest.raises(DownloadError) as refused:
        download(gated(origin), tmp_path, token=wrong)
    assert "401" in str(refused.value) and "not valid" in str(refused.value), str(refused.value)
    with pytest.raises(DownloadError) as forbidden:
        download(gated(origin), tmp_path, token=NO_ACCESS)
    message = str(forbidden.value)
    assert "403" in message and "no access to facebook/sam3 yet" in message, message
    assert f"request access on the model page {PAGE}" in message and AWAITING in message, message
    with pytest.raises(DownloadError, match="control characters") as pasted:
        download(gated(origin), tmp_path, token="hf_Pasted\nWithANewline")
    for exc in (refused.value, forbidden.value, pasted.value):
        text = f"{exc} {exc!r} {exc.__cause__!r} {exc.__context__!r}"
        assert wrong not in text and NO_ACCESS not in text and "Pasted" not in text and "Bearer" not in text


def test_the_token_does_not_follow_a_redirect_to_another_host(tmp_path, hosts):
    origin, seen, cdn_seen = hosts
    assert download(gated(origin, "/gated-cdn/model.pt"), tmp_path, token=GOOD).read_bytes() == PAYLOAD
    assert seen == [("/gated-cdn/model.pt", f"Bearer {GOOD}", None)]
    assert cdn_seen == [("/model.pt", None, None)]  # the CDN's signed URL needs no token, and must not get it


def test_the_token_follows_a_redirect_on_the_same_host(tmp_path, hosts):
    origin, seen, _ = hosts
    assert download(gated(origin, "/gated-here/model.pt"), tmp_path, token=GOOD).read_bytes() == PAYLOAD
    assert [auth for _, auth, _ in seen] == [f"Bearer {GOOD}"] * 2


def test_a_resumed_gated_download_sends_the_range_and_the_token(tmp_path, hosts):
    origin, seen, _ = hosts
    (tmp_path / "sam3").mkdir()
    (tmp_path / "sam3" / "model.safetensors.part").write_bytes(PAYLOAD[:300_000])
    assert download(gated(origin), tmp_path, token=GOOD).read_bytes() == PAYLOAD
    assert seen == [("/gated/model.pt", f"Bearer {GOOD}", "bytes=300000-")]


def test_a_non_gated_entry_and_another_host_never_get_the_token(tmp_path, hosts, monkeypatch):
    origin, seen, cdn_seen = hosts
    monkeypatch.setenv("HF_TOKEN", GOOD)
    public = WeightsEntry(key="open", file="open.pt", url=f"{origin}/open.pt", size=len(PAYLOAD), sha256=SHA)
    download(public, tmp_path, token=GOOD)
    assert seen == [("/open.pt", None, None)]
    other_host = origin.replace("127.0.0.1", "localhost")  # the same server under another host name
    with pytest.raises(DownloadError, match="is gated"):  # the caller points the download elsewhere: no token
        download(gated(origin), tmp_path / "other", url=f"{other_host}/gated/model.pt")
    assert seen[-1] == ("/gated/model.pt", None, None)


def test_the_packaged_sam3_files_are_gated_and_their_licence_must_be_accepted(tmp_path):
    manifest = load_manifest()
    sam3 = [e for k, e in manifest.items() if k.startswith("sam3")]
    assert len(sam3) == 8
    for e in sam3:
        assert e.gated == PAGE and e.accept_license and e.url.startswith(f"{PAGE}/resolve/")
        assert e.license.startswith("SAM License") and "military" in e.license and e.license_url.endswith("LICENSE")
    assert not any(e.gated or e.accept_license for k, e in manifest.items() if not k.startswith("sam3"))
    with pytest.raises(MissingWeightsError) as missing:  # what a backend without them says
        resolve_weights(["sam3", "sam3-config"], tmp_path)
    assert f"gated: request access on {PAGE}" in str(missing.value) and "--accept-license" in str(missing.value)

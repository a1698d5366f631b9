"""Fakes for the installer tests: a uv wheel whose uv is a script (modes via RRSIS_FAKE_UV_MODE), a fetch."""
from __future__ import annotations

import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

from rrsis_qgis.qgis_core.installer.uv_wheel import UV_VERSION

TAG = "manylinux_2_17_x86_64"
SELFTEST_OK = {"ok": True, "summary": "CPU", "device": "cpu", "versions": {"torch": "2.14.1"}}

FAKE_UV = r'''#!PYTHON
"""Fake uv: logs its call; RRSIS_FAKE_UV_MODE=<what>-<step> makes that step misbehave."""
import json, os, sys, time
from pathlib import Path
args = sys.argv[1:]
mode = os.environ.get("RRSIS_FAKE_UV_MODE", "")
with open(os.environ["RRSIS_FAKE_UV_LOG"], "a") as log:
    log.write(json.dumps({"args": args, "sam2_build_cuda": os.environ.get("SAM2_BUILD_CUDA"),
                          "cache": os.environ.get("UV_CACHE_DIR"), "proxy": os.environ.get("HTTPS_PROXY")}) + "\n")
if args[0] == "venv":
    step = "venv"
elif "torch" in args:
    step = "torch"
elif "-r" in args:
    step = "packages"
else:
    step = "sam2"
print(f"fake uv {step}", flush=True)
what, _, where = mode.partition("-")
if where == step:
    if what == "hang":
        print("Downloading torch (fake, slow)", flush=True)
        time.sleep(120)
    if what == "nonet":
        print("error: Failed to fetch: `https://pypi.org/simple/torch/`\n  Caused by: Request failed after 3 retries\n"
              "  Caused by: error sending request for url (https://pypi.org/simple/torch/)\n"
              "  Caused by: dns error: failed to lookup address information: Name or service not known")
        sys.exit(2)
    if what == "noindex":  # PyPI answers, the PyTorch index does not
        index = args[args.index("--extra-index-url") + 1]
        print(f"error: Failed to fetch: `{index}/torch/`\n  Caused by: error sending request for url ({index}/torch/)\n"
              "  Caused by: dns error: failed to lookup address information")
        sys.exit(2)
    if what == "broken":
        print("error: Failed to install: torch-2.14.1-cp311-cp311-win_amd64.whl\n"
              "  Caused by: Failed to read from zip file\n  Caused by: invalid zip header")
        sys.exit(2)
    if what == "diskfull":
        blob = Path(os.environ["UV_CACHE_DIR"]); blob.mkdir(parents=True, exist_ok=True)
        try:
            with open(blob / "big.whl", "wb") as f:
                while True:
                    f.write(b"\0" * (1 << 20)); f.flush()
        except OSError as exc:
            print(f"error: Failed to write to the cache: {exc.strerror} (os error {exc.errno})")
            sys.exit(2)
if step == "venv":
    python = Path(args[-1]) / "bin" / "python"
    python.parent.mkdir(parents=True, exist_ok=True)
    result = os.environ.get("RRSIS_FAKE_SELFTEST", json.dumps({"ok": True, "summary": "CPU", "device": "cpu"}))
    python.write_text("#!/bin/sh\necho 'loading'\necho '" + result + "'\n")
    python.chmod(0o755)
'''


def uv_wheel(broken: bool = False) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        wheel.writestr(f"uv-{UV_VERSION}.data/scripts/uv", FAKE_UV.replace("PYTHON", sys.executable))
        wheel.writestr(f"uv-{UV_VERSION}.dist-info/WHEEL", "Wheel-Version: 1.0\n")
    data = buffer.getvalue()
    return data[: len(data) // 2] if broken else data


class FakeIndex:
    """fetch(url, accept) for the installer: PyPI's uv page (PEP 691 JSON) and the wheel; counts calls."""

    def __init__(self, wheel: bytes = None, sha: str = None, error: Exception = None):
        self.wheel = uv_wheel() if wheel is None else wheel
        self.sha = sha or hashlib.sha256(self.wheel).hexdigest()
        self.error, self.calls = error, []

    def __call__(self, url: str, accept=None) -> bytes:
        self.calls.append(url)
        if self.error:
            raise self.error
        if url.endswith("/uv/"):
            name = f"uv-{UV_VERSION}-py3-none-{TAG}.manylinux2014_x86_64.whl"
            files = [{"filename": f"uv-{UV_VERSION}-py3-none-win_amd64.whl", "url": "https://files/win.whl",
                      "hashes": {"sha256": "0" * 64}},
                     {"filename": name, "url": "https://files/" + name, "hashes": {"sha256": self.sha}}]
            return json.dumps({"files": files}).encode()
        return self.wheel


def uv_calls(log: Path) -> list:
    return [json.loads(line) for line in log.read_text().splitlines()] if log.exists() else []


def write_pins(folder: Path) -> tuple:
    constraints, requirements = folder / "constraints.txt", folder / "requirements.txt"
    constraints.write_text("# pins\nnumpy==1.26.4\ntorch==2.14.1\ntorchvision==0.29.1\nsam2==1.1.0\n"
                           "transformers==5.24.0\npytest==9.2.0\n")
    requirements.write_text("# backend\nnumpy\ntransformers\npillow\npytest\npytest-qgis\nhypothesis\n")
    return constraints, requirements

"""Start `python -m rrsis_qgis.server` as a real process on 127.0.0.1 and wait for its listening line; encode
request images the way clients send them (base64 PNG or .npy)."""
from __future__ import annotations

import base64
import io
import json
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image

from tests.conftest import REPO


@dataclass
class ServerProcess:
    proc: subprocess.Popen
    port: int
    token: str
    token_file: Path
    stderr_lines: list

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def headers(self) -> dict:
        return {"Authorization": f"Bearer {self.token}"}

    def stop(self, sig=signal.SIGTERM, timeout=30) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
        return self.proc.wait(timeout=timeout)


def start_server(*args, env=None, timeout=120, module="rrsis_qgis.server") -> ServerProcess:
    cmd = [sys.executable, "-m", module, "--model", "tiny-random", "--device", "cpu",
           "--exit-with-parent", str(os.getpid()), *map(str, args)]  # a killed test run leaves no server behind
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})
    stderr_lines: list = []
    threading.Thread(target=lambda: stderr_lines.extend(proc.stderr), daemon=True).start()
    result: dict = {}
    reader = threading.Thread(target=lambda: result.update(line=proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    line = result.get("line", "")
    if not line:
        proc.kill()
        raise RuntimeError(f"server did not start: {''.join(stderr_lines)[-2000:]}")
    event = json.loads(line)
    if event["event"] != "listening":
        proc.wait(timeout=30)
        raise RuntimeError(event.get("message", line))
    token_file = Path(event["token_file"])
    return ServerProcess(proc, event["port"], token_file.read_text().strip(), token_file, stderr_lines)


def png_b64(image: np.ndarray) -> str:
    buf = io.BytesIO()
    Image.fromarray(image).save(buf, format="PNG")
    return base64.b64encode(buf.getvalue()).decode()


def npy_b64(array: np.ndarray) -> str:
    buf = io.BytesIO()
    np.save(buf, array)
    return base64.b64encode(buf.getvalue()).decode()


def image_strategy():
    """Hypothesis strategy for the schema's ``base64-image`` format: small PNG and .npy images a client may send
    (gray, RGB, RGBA; 8- and 16-bit, float), so a schema-driven fuzzer's requests reach the model."""
    from hypothesis import strategies as st

    @st.composite
    def images(draw):
        h, w = draw(st.integers(8, 48)), draw(st.integers(8, 48))
        bands = draw(st.sampled_from([None, 3, 4]))
        dtype = draw(st.sampled_from([np.uint8, np.uint16, np.float32]))
        shape = (h, w) if bands is None else (h, w, bands)
        array = np.random.default_rng(draw(st.integers(0, 2**32 - 1))).integers(0, 256, shape).astype(dtype)
        if draw(st.booleans()) and dtype == np.uint8 and bands != 4 or (dtype == np.uint16 and bands is None):
            return png_b64(array)
        return npy_b64(array)

    return images()

"""The loaders' rules, once: pinned files verified (sha256, cached), weights-only reads, finite weights, clear errors.

Every loader (SAM 2, open_clip, trained checkpoints, the released families) follows them:

- ``verify_pinned(path, sha256, remedy)`` before a file under a pinned name is opened at all (a
  TorchScript archive runs code when loaded); the digest is cached by path + size + mtime in
  ``CACHE_NAME`` in the file's folder, so a 900 MB file is hashed once, not at every start;
  ``was_verified(path)`` tells whether that happened (a TorchScript archive is only loaded then);
- ``read_state(path, inner)`` reads a checkpoint with ``torch.load(weights_only=True)`` (no code runs);
- ``check_state`` / ``check_finite(state, source)``: named tensors; NaN/Inf in a floating one refused by name;
- ``check_fits(expected, state, source)`` / ``load_state_into(model, state, source)`` name unknown, missing,
  mis-shaped (transposed) and non-float weights;
- ``loading(path, remedy)`` turns whatever else a loader raises into a :class:`LoadError`; ``remedy(text)``
  adds what to do to a LoadError raised inside (the caller knows: e.g. which download replaces the file).
"""
from __future__ import annotations

import hashlib
import json
import logging
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Iterator, Optional

CACHE_NAME = ".sha256-cache.json"
CHUNK = 1 << 20
EXAMPLES = 3  # weights named in a message; the count says how many more
log = logging.getLogger(__name__)


class LoadError(ValueError):
    """A weights file that cannot be used: ``str()`` says which file, what is wrong and what to do."""

    users_file = False  # True: a file the user made (a trained checkpoint), not one of the models folder

    def __init__(self, problem: str, path: Optional[Path] = None, remedy: str = ""):
        self.problem, self.path, self.remedy = problem, (Path(path) if path is not None else None), remedy
        super().__init__(problem)

    def __str__(self) -> str:
        where = f"cannot load {self.path}: " if self.path is not None and str(self.path) not in self.problem else ""
        return where + self.problem + (f". {self.remedy[:1].upper()}{self.remedy[1:]}" if self.remedy else "")

    def with_remedy(self, remedy: str) -> "LoadError":
        """This error, telling ``remedy`` unless it already says what to do."""
        if not self.remedy:
            self.remedy = remedy
        return self


# ---- pinned files -------------------------------------------------------------------------------------------
_verified: set = set()  # (path, size, mtime_ns) verified against their pin in this process


def verify_pinned(path: Path, sha256: str, remedy: str = "") -> None:
    """Refuse ``path`` unless its sha256 is ``sha256`` (hashed once per size + mtime, cached beside it)."""
    path = Path(path)
    actual = file_sha256(path)
    if actual != sha256.lower():
        raise LoadError(f"{path} is not the file the weights manifest pins (sha256 {actual}, expected "
                        f"{sha256.lower()}): it is damaged, incomplete or another file, and nothing was loaded "
                        "from it", path, remedy or "replace it with the original file")
    _verified.add(_identity(path))


def was_verified(path: Path) -> bool:
    """True when ``path``, unchanged since, passed :func:`verify_pinned` in this process."""
    try:
        return _identity(Path(path)) in _verified
    except OSError:
        return False


def file_sha256(path: Path) -> str:
    """The file's sha256, from the folder's cache when path, size and mtime are those it was computed for."""
    path = Path(path)
    identity = _identity(path)
    cache_file = path.parent / CACHE_NAME
    cache = _read_cache(cache_file)
    entry = cache.get(identity[0])
    if isinstance(entry, dict) and [entry.get("size"), entry.get("mtime_ns")] == list(identity[1:]):
        return str(entry.get("sha256"))
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(CHUNK), b""):
            digest.update(block)
    actual = digest.hexdigest()
    cache[identity[0]] = {"size": identity[1], "mtime_ns": identity[2], "sha256": actual}
    _write_cache(cache_file, cache)
    return actual


def _identity(path: Path) -> tuple:
    st = path.stat()
    return str(path.resolve()), st.st_size, st.st_mtime_ns


def _read_cache(cache_file: Path) -> dict:
    try:
        data = json.loads(cache_file.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _write_cache(cache_file: Path, cache: dict) -> None:
    """Atomically; a folder we may not write to only costs hashing again next time."""
    try:
        fd, tmp = tempfile.mkstemp(dir=cache_file.parent, prefix=f".{cache_file.name}.", suffix=".tmp")
    except OSError as exc:
        log.debug("sha256 cache not written to %s: %s", cache_file, exc)
        return
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(cache, f)
        os.replace(tmp, cache_file)
    except OSError as exc:
        log.debug("sha256 cache not written to %s: %s", cache_file, exc)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


# ---- reading and checking weights ---------------------------------------------------------------------------
def read_state(path: Path, inner: Optional[str] = None, remedy: str = "", bare_too: bool = False,
               layout: str = "") -> dict:
    """A state dict read without running code (``weights_only``); ``inner``: the key it sits under
    ("model" in SAM 2's files), ``bare_too``: a file that is the state dict itself is read too. Checked: a
    dict of named tensors (``layout``: what the file should hold, told instead when it is not), every
    floating one finite."""
    import torch  # noqa: PLC0415 (the plugin side imports this module's errors without torch)

    path = Path(path)
    with loading(path, remedy):
        _check_not_empty(path)
        try:
            payload = torch.load(str(path), map_location="cpu", weights_only=True, mmap=True)
        except RuntimeError as exc:
            if "mmap" not in str(exc):
                raise
            payload = torch.load(str(path), map_location="cpu", weights_only=True)  # the legacy (non-zip) format
    if inner is not None:
        if isinstance(payload, dict) and inner in payload:
            payload = payload[inner]
        elif not bare_too:
            found = f"keys {', '.join(map(str, list(payload)[:EXAMPLES]))}" if isinstance(payload, dict) \
                else f"a {type(payload).__name__}"
            raise _not_weights(f"{path} has no '{inner}' entry with the weights (it holds {found})", path, remedy,
                               layout)
    check_state(payload, path, remedy, layout)
    return payload


def check_state(state, source: Path, remedy: str = "", layout: str = "") -> None:
    """``state`` is a dict of str → tensor whose floating tensors are all finite; ``layout``: see read_state."""
    import torch  # noqa: PLC0415

    if not isinstance(state, dict):
        raise _not_weights(f"{source} holds a {type(state).__name__} where a dict of named weights belongs",
                           source, remedy, layout)
    wrong = [k for k, v in state.items() if not isinstance(k, str) or not isinstance(v, torch.Tensor)]
    if wrong:
        k = wrong[0]
        raise _not_weights(f"{source} holds {_n(wrong, 'entry', 'entries')} that {_are(wrong)} not a named "
                           f"tensor, e.g. {k!r} ({type(state[k]).__name__})", source, remedy, layout)
    check_finite(state, source, remedy)


def _not_weights(problem: str, source: Path, remedy: str, layout: str) -> LoadError:
    """The error for a file that holds no dict of named weights: ``problem``, or "is not ``layout``" when given."""
    return LoadError(f"{source} is not {layout}" if layout else problem, source, remedy)


def check_finite(state: dict, source: Path, remedy: str = "") -> None:
    """Refuse NaN or ±Inf in any floating tensor of ``state``, naming the tensors."""
    import torch  # noqa: PLC0415

    bad = [k for k, v in state.items()
           if isinstance(v, torch.Tensor) and (v.is_floating_point() or v.is_complex()) and not torch.isfinite(v).all()]
    if bad:
        raise LoadError(f"{source} holds NaN or infinite values in {_n(bad, 'weight')}: {_examples(bad)} "
                        "(a diverged training or a damaged file)", source, remedy)


def load_state_into(model, state: dict, source: Path, required: Callable[[str], bool] = lambda _k: True,
                    remedy: str = "") -> None:
    """Load ``state`` into ``model``: every weight must land somewhere with the model's shape and a compatible
    type, and every weight the model has for which ``required(name)`` holds must be in it."""
    check_state(state, source, remedy)
    check_fits(model.state_dict(), state, source, required, remedy)
    with loading(source, remedy):
        model.load_state_dict(state, strict=False)


def check_fits(expected: dict, state: dict, source: Path, required: Callable[[str], bool] = lambda _k: True,
               remedy: str = "", model: str = "the model") -> None:
    """``state`` (named tensors) fits ``model``, whose state dict (or key → shape) is ``expected``: see
    :func:`load_state_into`."""
    shape = {k: tuple(getattr(v, "shape", v)) for k, v in expected.items()}
    unknown = [k for k in state if k not in expected]
    if unknown:
        raise LoadError(f"{source} does not fit {model}: {_n(unknown, 'unknown weight')}, e.g. {_examples(unknown)}",
                        source, remedy)
    shapes = [k for k in state if tuple(state[k].shape) != shape[k]]
    if shapes:
        k = shapes[0]
        got, want = tuple(state[k].shape), shape[k]
        hint = " (transposed)" if got == want[::-1] else ""
        have = "has" if len(shapes) == 1 else "have"
        raise LoadError(f"{source} does not fit {model}: {_n(shapes, 'weight')} {have} another shape, e.g. {k} "
                        f"is {list(got)}{hint} in the file, the model needs {list(want)}", source, remedy)
    types = [k for k in state if hasattr(expected[k], "is_floating_point") and expected[k].is_floating_point()
             and not state[k].is_floating_point()]
    if types:
        k = types[0]
        raise LoadError(f"{source} does not fit {model}: {_n(types, 'weight')} {_are(types)} not floating point, "
                        f"e.g. {k} is {str(state[k].dtype).removeprefix('torch.')}", source, remedy)
    missing = [k for k in expected if k not in state and required(k)]
    if missing:
        raise LoadError(f"{source} is incomplete: {_n(missing, 'weight')} of {model} {_are(missing)} missing, e.g. "
                        f"{_examples(missing)}", source, remedy)


@contextmanager
def loading(path: Optional[Path], remedy: str = "") -> Iterator[None]:
    """Whatever reading or loading ``path`` raises becomes a :class:`LoadError` naming it (a LoadError gets
    ``remedy`` if it has none). ``path`` None (random weights): nothing is changed."""
    if path is None:
        yield
        return
    try:
        yield
    except LoadError as exc:
        raise exc.with_remedy(remedy)
    except Exception as exc:  # noqa: BLE001 (torch, pickle, zipfile, safetensors: each raises its own kinds)
        raise LoadError(describe(exc, Path(path)), path, remedy) from exc


@contextmanager
def remedy(text: str) -> Iterator[None]:
    """A LoadError raised inside tells ``text`` as what to do, unless it already says."""
    try:
        yield
    except LoadError as exc:
        raise exc.with_remedy(text)


def describe(exc: Exception, path: Path) -> str:
    """A loader's exception as one short line (torch's can be thousands of lines long, or empty)."""
    try:
        if path.stat().st_size == 0:
            return "the file is empty (0 bytes)"
    except OSError as err:
        return f"cannot read it ({err.strerror or err})"
    text = " ".join(str(exc).split())
    if len(text) > 300:
        text = text[:300] + " …"
    kind = type(exc).__name__
    if isinstance(exc, (EOFError,)) or "zip archive" in text or "central directory" in text:
        return f"the file is truncated or is not a PyTorch checkpoint ({kind}{': ' + text if text else ''})"
    return f"the file is damaged or is not a checkpoint of this model ({kind}{': ' + text if text else ''})"


def _check_not_empty(path: Path) -> None:
    if path.stat().st_size == 0:
        raise LoadError("the file is empty (0 bytes)", path)


def _examples(names: list) -> str:
    shown = ", ".join(names[:EXAMPLES])
    return shown + (f" and {len(names) - EXAMPLES} more" if len(names) > EXAMPLES else "")


def _n(items: list, one: str, many: str = "") -> str:
    return f"1 {one}" if len(items) == 1 else f"{len(items)} {many or one + 's'}"


def _are(items: list) -> str:
    return "is" if len(items) == 1 else "are"

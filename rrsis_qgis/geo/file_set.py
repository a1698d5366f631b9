"""Replace a set of files (a Shapefile and its sidecars) whole or not at all; Ctrl+C waits until it is done."""
from __future__ import annotations

import os
import signal
import threading
from contextlib import contextmanager
from pathlib import Path
from typing import List, Sequence, Tuple


class NotRestored(OSError):
    """A move failed and so did putting the old files back: they are kept in ``aside``."""

    def __init__(self, cause: OSError, aside: Path):
        super().__init__(cause.errno, f"{cause.strerror or cause}; the previous files are kept in {aside}")
        self.aside = aside


def replace_set(new_parts: Sequence[Tuple[Path, Path]], old_parts: Sequence[Path], aside: Path) -> None:
    """Move every ``old_parts`` file into the empty folder ``aside``, then each (new, target) into place.

    If any move fails every move made is undone, so the old set is back as it was; if even that fails,
    ``NotRestored`` says where the old files are. Readers never find a .shp beside another set's parts when
    the caller lists the .shp first in ``old_parts`` and last in ``new_parts``.
    """
    moves: List[Tuple[Path, Path]] = [(old, aside / old.name) for old in old_parts]
    moves += list(new_parts)
    done: List[Tuple[Path, Path]] = []
    with sigint_deferred():
        try:
            for src, dst in moves:
                os.replace(src, dst)
                done.append((src, dst))
        except OSError as exc:
            _undo(done, exc, aside)
            raise


def _undo(done: List[Tuple[Path, Path]], cause: OSError, aside: Path) -> None:
    for src, dst in reversed(done):
        try:
            os.replace(dst, src)
        except OSError:
            raise NotRestored(cause, aside) from None


@contextmanager
def sigint_deferred():
    """Hold Ctrl+C back until the block has finished, then deliver it (main thread only: signals live there)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    caught = []
    previous = signal.signal(signal.SIGINT, lambda signum, frame: caught.append(signum))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
        if caught:
            if callable(previous):
                previous(signal.SIGINT, None)  # Python's default handler raises KeyboardInterrupt here
            elif previous == signal.SIG_DFL:
                signal.raise_signal(signal.SIGINT)

"""Stop the server when the program that started it (QGIS) is gone, even if it died without a word."""
from __future__ import annotations

import os
import threading
import time
from typing import Callable


def parent_gone(pid: int, was_parent: bool) -> bool:
    """True once ``pid`` has exited, or (when it was our parent) once we were handed to another parent."""
    if was_parent and os.getppid() != pid:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:  # alive, owned by someone else
        return False
    return False


def watch_parent(pid: int, stop: Callable[[], None], interval_s: float = 1.0) -> threading.Thread:
    """Call ``stop`` once ``pid`` is gone; checked every ``interval_s`` in a daemon thread."""
    was_parent = os.getppid() == pid

    def run():
        while not parent_gone(pid, was_parent):
            time.sleep(interval_s)
        stop()

    thread = threading.Thread(target=run, name="parent-watch", daemon=True)
    thread.start()
    return thread

"""Whether another program has a file open for writing: /proc on Linux, SQLite's own locks for a GeoPackage.

A file replaced by rename while another program has it open for writing keeps receiving that program's
edits in the old, now nameless file: they are lost. SQLite's locks only show a program inside a transaction
(in rollback-journal mode an idle connection holds none), so on Linux the open file handles are looked at too.
"""
from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Iterable

PROC = Path("/proc")


def open_for_writing_elsewhere(paths: Iterable[Path]) -> bool:
    """True when another process holds one of ``paths`` open for writing (unknown, so False, without /proc)."""
    wanted = set()
    for path in paths:
        try:
            st = os.stat(path)
        except OSError:
            continue
        wanted.add((st.st_dev, st.st_ino))
    if not wanted or not (PROC / "self" / "fd").is_dir():
        return False
    me = str(os.getpid())  # what this process holds is its caller's to know
    for entry in os.scandir(PROC):
        if not entry.name.isdigit() or entry.name == me:
            continue
        fd_dir = f"{entry.path}/fd"
        try:
            fds = os.listdir(fd_dir)
        except OSError:  # gone, or another user's
            continue
        for fd in fds:
            try:
                st = os.stat(f"{fd_dir}/{fd}")
            except OSError:
                continue
            if (st.st_dev, st.st_ino) in wanted and _writable(entry.path, fd):
                return True
    return False


def _writable(proc_dir: str, fd: str) -> bool:
    try:
        with open(f"{proc_dir}/fdinfo/{fd}") as info:
            for line in info:
                if line.startswith("flags:"):
                    return int(line.split()[1], 8) & os.O_ACCMODE in (os.O_WRONLY, os.O_RDWR)
    except (OSError, ValueError, IndexError):
        pass
    return True  # it is open and nothing says how: assume the worst


def sqlite_busy(path: Path) -> bool:
    """True when another connection reads or writes the SQLite file ``path`` right now (any journal mode)."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=rw", uri=True, timeout=0, isolation_level=None)
    except sqlite3.Error:
        return False
    try:
        con.execute("BEGIN EXCLUSIVE")  # refused while anybody else holds a lock on it
        con.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        return "locked" in str(exc) or "busy" in str(exc)
    except sqlite3.DatabaseError:  # not a database: nobody's edits to lose
        return False
    finally:
        con.close()
    return False

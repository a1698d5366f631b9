"""The resumable journal of a cluster run: one SQLite file beside the output (finished tiles, final objects).

A tile's pieces and the objects that tile made final are committed in one transaction, so after a
crash or Ctrl+C the journal holds, for every tile it names, exactly the objects that tile let out.
The next run with the same inputs replays the journaled tiles through the merger (nothing is asked
again; what comes out of the replay was written before and is dropped), then asks only the rest.
A journal of another run (other rasters, phrase, options or model) is discarded, not mixed in.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Iterator, List, Optional, Tuple

from .tile_task import PieceRecord

SUFFIX = ".rrsis-journal"
SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS tiles (seq INTEGER PRIMARY KEY, source INTEGER NOT NULL, col INTEGER NOT NULL,
    row INTEGER NOT NULL, failed TEXT, model TEXT NOT NULL, pieces TEXT NOT NULL, UNIQUE (source, col, row));
CREATE TABLE IF NOT EXISTS objects (id INTEGER PRIMARY KEY, source INTEGER NOT NULL, score REAL NOT NULL,
    model TEXT NOT NULL, wkb BLOB NOT NULL);
"""
ObjectRow = Tuple[int, float, str, bytes]  # source, score, model, WKB


def journal_path(out: Path) -> Path:
    return out.with_name(out.name + SUFFIX)


class Journal:
    def __init__(self, path: Path, fingerprint: dict, run_id: str):
        """Open (or start) the journal at ``path``; ``self.resumed`` says whether it continues an earlier run."""
        self.path = path
        self.db = sqlite3.connect(str(path), isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable across a crashed process, cheap commits
        self.db.executescript(SCHEMA)
        wanted = json.dumps(fingerprint, sort_keys=True)
        if self._meta("fingerprint") not in (None, wanted):
            self.db.executescript("DELETE FROM tiles; DELETE FROM objects; DELETE FROM meta;")
            self.discarded = True
        else:
            self.discarded = False
        self.resumed = self._meta("fingerprint") is not None
        if not self.resumed:
            self.db.executemany("INSERT INTO meta VALUES (?, ?)", [("fingerprint", wanted), ("run_id", run_id)])
        self.run_id = self._meta("run_id")

    def _meta(self, key: str) -> Optional[str]:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def tiles(self) -> Iterator[Tuple[int, tuple, Optional[str], str, List[PieceRecord]]]:
        """(source, tile key, failure or None, model, pieces) of every journaled tile, in the order they came."""
        for source, col, row, failed, model, pieces in self.db.execute(
                "SELECT source, col, row, failed, model, pieces FROM tiles ORDER BY seq"):
            yield source, (col, row), failed, model, [_piece(p) for p in json.loads(pieces)]

    def record(self, source: int, key: tuple, pieces: List[PieceRecord], model: str, failed: Optional[str],
               objects: List[ObjectRow]) -> None:
        """One finished (or failed) tile and the objects it made final, all or nothing."""
        text = json.dumps([[p.wkb.hex(), p.score, p.terms, p.rle, list(p.offset)] for p in pieces])
        self.db.execute("BEGIN")
        try:
            self.db.execute("INSERT INTO tiles (source, col, row, failed, model, pieces) VALUES (?, ?, ?, ?, ?, ?)",
                            (source, key[0], key[1], failed, model, text))
            self.add_objects(objects)
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.db.execute("COMMIT")

    def add_objects(self, objects: List[ObjectRow]) -> None:
        self.db.executemany("INSERT INTO objects (source, score, model, wkb) VALUES (?, ?, ?, ?)", objects)

    def finish(self, source: int, objects: List[ObjectRow]) -> None:
        """The objects still open when the raster's last tile was in, and the mark that they were written."""
        self.db.execute("BEGIN")
        self.add_objects(objects)
        self.db.execute("INSERT INTO meta VALUES (?, '1')", (f"finished-{source}",))
        self.db.execute("COMMIT")

    def finished(self, source: int) -> bool:
        return self._meta(f"finished-{source}") is not None

    def objects(self) -> Iterator[ObjectRow]:
        """Every object, best score first, streamed from disk."""
        yield from self.db.execute("SELECT source, score, model, wkb FROM objects ORDER BY score DESC, id")

    def failures(self) -> List[Tuple[int, tuple, str]]:
        return [(s, (c, r), f) for s, c, r, f in
                self.db.execute("SELECT source, col, row, failed FROM tiles WHERE failed IS NOT NULL ORDER BY seq")]

    def close(self, remove: bool = False) -> None:
        self.db.close()
        if remove:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{self.path}{suffix}").unlink(missing_ok=True)


def _piece(row: list) -> PieceRecord:
    wkb, score, terms, mask, offset = row
    return PieceRecord(bytes.fromhex(wkb), score, terms, mask, tuple(offset))

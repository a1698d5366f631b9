"""LRU cache of image embeddings bounded by bytes, with hit/miss counters (thread-safe)."""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict

import numpy as np


def cache_key(image: np.ndarray, model: str) -> str:
    """sha256 of the pixels (and their shape) plus the model id."""
    digest = hashlib.sha256(np.ascontiguousarray(image).tobytes())
    digest.update(repr(image.shape).encode())
    return f"{model}:{digest.hexdigest()}"


class EmbeddingCache:
    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self._items: OrderedDict = OrderedDict()  # key → (value, nbytes)
        self._bytes = 0
        self.hits = self.misses = 0
        self._lock = threading.Lock()

    def get(self, key: str):
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key][0]
            self.misses += 1
            return None

    def put(self, key: str, value, nbytes: int) -> None:
        with self._lock:
            if key in self._items:
                self._bytes -= self._items.pop(key)[1]
            if nbytes > self.max_bytes:
                return  # larger than the whole cache: not kept
            self._items[key] = (value, nbytes)
            self._bytes += nbytes
            while self._bytes > self.max_bytes:
                _, (_, size) = self._items.popitem(last=False)
                self._bytes -= size

    def stats(self) -> dict:
        with self._lock:
            return {"entries": len(self._items), "hits": self.hits, "misses": self.misses,
                    "bytes": self._bytes, "max_bytes": self.max_bytes}

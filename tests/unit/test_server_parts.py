import asyncio
import os
import threading

import numpy as np
import pytest

from rrsis_qgis.server.auth import TokenFileError, load_or_create_token, token_matches
from rrsis_qgis.server.cache import EmbeddingCache, cache_key
from rrsis_qgis.server.inference_queue import Cancelled, InferenceQueue


def test_cache_is_lru_bounded_by_bytes_and_counts():
    cache = EmbeddingCache(max_bytes=100)
    cache.put("a", "A", 40)
    cache.put("b", "B", 40)
    assert cache.get("a") == "A"  # a is now the most recent
    cache.put("c", "C", 40)  # 120 > 100: evicts b, the least recent
    assert cache.get("b") is None and cache.get("c") == "C"
    cache.put("huge", "H", 101)  # bigger than the cache: not kept, nothing evicted
    assert cache.get("huge") is None and cache.get("a") == "A"
    assert cache.stats() | {} == {"entries": 2, "hits": 3, "misses": 2, "bytes": 80, "max_bytes": 100}


def test_cache_key_depends_on_pixels_shape_and_model():
    a = np.zeros((4, 6, 3), np.uint8)
    assert cache_key(a, "m") == cache_key(a.copy(), "m")
    assert cache_key(a, "m") != cache_key(a.reshape(6, 4, 3), "m") != cache_key(a, "n")


def test_token_file_is_created_private_and_reused(tmp_path):
    path = tmp_path / "sub" / "token"
    token, created = load_or_create_token(path)
    assert created and len(token) >= 32 and oct(path.stat().st_mode & 0o777) == "0o600"
    assert load_or_create_token(path) == (token, False)
    os.chmod(path, 0o640)
    with pytest.raises(TokenFileError, match="chmod 600"):
        load_or_create_token(path)


def test_token_comparison():
    assert token_matches("Bearer secret-token", "secret-token")
    for header in (None, "", "secret-token", "Bearer secret", "bearer secret-token", "Basic secret-token"):
        assert not token_matches(header, "secret-token")


def test_queue_runs_one_at_a_time_and_cancels_queued_jobs():
    async def scenario():
        queue = InferenceQueue()
        gate, running, order = threading.Event(), threading.Event(), []

        def slow():
            running.set()
            gate.wait(10)
            order.append("first")
            return 1

        first = asyncio.ensure_future(queue.run("one", slow))
        second = asyncio.ensure_future(queue.run("two", lambda: order.append("second") or 2))
        await asyncio.to_thread(running.wait, 10)
        assert queue.cancel("two") == "cancelled" and queue.cancel("one") == "running"
        assert queue.cancel("three") == "unknown"
        gate.set()
        with pytest.raises(Cancelled):
            await first  # it ran, but its result is dropped
        with pytest.raises(Cancelled):
            await second
        assert order == ["first"] and queue.depth == 0
        assert await queue.run("four", lambda: 4) == 4
        queue.shutdown()

    asyncio.run(scenario())

import asyncio
import os
import threading

import numpy as np
import pytest

from rrsis_qgis.server.auth import TokenFileError, load_or_create_token, token_matches
from rrsis_qgis.server.cache import EmbeddingCache, cache_key
from rrsis_qgis.server.app import GuardMiddleware, Limits
from rrsis_qgis.server.inference_queue import IDLE, QUERY, Cancelled, InferenceQueue, Refused, ShuttingDown


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

        first = asyncio.ensure_future(queue.run(queue.admit("one"), slow))
        second = asyncio.ensure_future(queue.run(queue.admit("two"), lambda: order.append("second") or 2))
        await asyncio.to_thread(running.wait, 10)
        assert queue.cancel("two") == "cancelled" and queue.cancel("one") == "running"
        assert queue.cancel("three") == "unknown"
        gate.set()
        with pytest.raises(Cancelled):
            await first  # it ran, but its result is dropped
        with pytest.raises(Cancelled):
            await second
        assert order == ["first"] and queue.depth == 0
        assert await queue.run(queue.admit("four"), lambda: 4) == 4
        queue.shutdown()

    asyncio.run(scenario())


def test_queue_admission_is_bounded_unique_and_closes_for_shutdown():
    async def scenario():
        queue = InferenceQueue(max_depth=2)
        gate, running = threading.Event(), threading.Event()
        first = asyncio.ensure_future(queue.run(queue.admit("a"), lambda: running.set() or gate.wait(10)))
        waiting = asyncio.ensure_future(queue.run(queue.admit("b"), lambda: "never"))
        with pytest.raises(Refused) as dup:
            queue.admit("a")
        assert dup.value.status == 409
        with pytest.raises(Refused) as full:
            queue.admit("c")
        assert full.value.status == 429 and full.value.retry_after_s >= 1
        await asyncio.to_thread(running.wait, 10)
        queue.close()
        with pytest.raises(Refused) as closing:
            queue.admit("d")
        assert closing.value.status == 503
        gate.set()
        assert await first is True  # the running job finishes
        with pytest.raises(ShuttingDown):
            await waiting
        assert queue.depth == 0
        queue.shutdown()

    asyncio.run(scenario())


def test_guard_closes_websockets_without_calling_the_app():
    called, sent = [], []

    async def app(scope, receive, send):
        called.append(scope["type"])

    async def receive():
        return {"type": "websocket.connect"}

    async def send(message):
        sent.append(message)

    guard = GuardMiddleware(app, "t" * 20, Limits())
    asyncio.run(guard({"type": "websocket", "headers": [(b"authorization", b"Bearer " + b"t" * 20)]}, receive, send))
    assert called == [] and sent == [{"type": "websocket.close", "code": 1008}]
    asyncio.run(guard({"type": "lifespan"}, receive, send))
    assert called == ["lifespan"]


def test_real_queries_run_before_waiting_idle_encodes_and_a_newer_view_cancels_the_older():
    async def scenario():
        queue = InferenceQueue(max_depth=8)
        gate, running, order = threading.Event(), threading.Event(), []
        busy = asyncio.ensure_future(queue.run(queue.admit("busy"), lambda: running.set() or gate.wait(10)))
        await asyncio.to_thread(running.wait, 10)  # the inference thread is taken
        old_view = asyncio.ensure_future(queue.run(queue.admit("e1", IDLE, "dock-1"), lambda: order.append("e1")))
        other = asyncio.ensure_future(queue.run(queue.admit("e2", IDLE, "dock-2"), lambda: order.append("e2")))
        await asyncio.sleep(0)
        new_view = asyncio.ensure_future(queue.run(queue.admit("e3", IDLE, "dock-1"), lambda: order.append("e3")))
        query = asyncio.ensure_future(queue.run(queue.admit("q", QUERY), lambda: order.append("q")))
        await asyncio.sleep(0)
        gate.set()
        await asyncio.gather(busy, other, new_view, query)
        with pytest.raises(Cancelled):
            await old_view  # the same session's newer view replaced it before it started
        assert order == ["q", "e2", "e3"]  # the query first, then the idle encodes in arrival order
        queue.shutdown()

    asyncio.run(scenario())

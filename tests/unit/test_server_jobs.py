"""The job board behind /v1/jobs, with work the test controls: states, progress, cancel, result once, sweeping."""
from __future__ import annotations

import asyncio
import threading

import pytest

from rrsis_qgis.server.inference_queue import InferenceQueue, Refused
from rrsis_qgis.server.jobs import JobBoard


def gated(gate: threading.Event, answer="answer"):
    def work(say):
        say("running the model", 0.1)
        gate.wait(10)
        return answer
    return work


async def until(predicate, seconds=10.0):
    for _ in range(int(seconds / 0.01)):
        if predicate():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("condition not reached")


def test_a_job_is_queued_at_once_reports_progress_and_gives_its_result_once():
    async def scenario():
        board = JobBoard(InferenceQueue(4), timeout_s=60)
        first_gate, second_gate = threading.Event(), threading.Event()
        first = board.submit("segment", "a", gated(first_gate, "A"))
        second = board.submit("segment", "b", gated(second_gate, "B"))
        assert (first.state, second.state) == ("queued", "queued")  # submit never waits for the model
        with pytest.raises(Refused):
            board.submit("segment", "b", gated(second_gate))  # an id in use is refused (409)
        await until(lambda: first.state == "running")
        assert board.queue.waiting_ahead("b") == 0 and (await board.poll("b")).state == "queued"
        assert first.stage == "running the model" and 0.1 <= board.progress(first) <= 0.95
        first_gate.set()
        await until(lambda: first.state == "done")
        assert (await board.poll("a")).result == "A" and board.progress(first) == 1.0
        assert (await board.poll("a")) is None  # handed out once, then forgotten
        threading.Timer(0.2, second_gate.set).start()
        assert (await board.poll("b", wait_s=10)).result == "B"  # a waiting poll returns when the job ends
    asyncio.run(scenario())


def test_cancel_drops_a_waiting_or_running_job_and_unknown_ids_are_none():
    async def scenario():
        board = JobBoard(InferenceQueue(4), timeout_s=60)
        gate = threading.Event()
        running = board.submit("segment", "run", gated(gate, "late"))
        waiting = board.submit("segment", "wait", gated(gate, "never"))
        await until(lambda: running.state == "running")
        assert board.cancel("wait").state == "cancelled" and board.cancel("run").state == "cancelled"
        gate.set()
        await asyncio.sleep(0.2)
        assert running.result is None and waiting.result is None  # the late answer is dropped
        assert (await board.poll("run")).error.code == "cancelled" and (await board.poll("run")) is None
        assert board.cancel("nothing") is None and (await board.poll("nothing")) is None
    asyncio.run(scenario())


def test_failures_timeouts_and_abandoned_jobs_end_with_a_reason_and_are_swept():
    async def scenario():
        board = JobBoard(InferenceQueue(4), timeout_s=60, abandon_s=60, keep_s=60)

        def bad(_say):
            raise ValueError("point (9, 9) is outside the 8×8 px image")

        failed = board.submit("segment", "bad", bad)
        await until(lambda: failed.state == "failed")
        assert (failed.error.status, failed.error.code) == (422, "bad_request")
        gate = threading.Event()
        slow = board.submit("segment", "slow", gated(gate))
        idle = board.submit("encode", "idle", gated(gate))
        board.timeout_s = 0.0
        board.sweep()
        assert (slow.state, slow.error.code, idle.state) == ("failed", "timeout", "failed")
        board.timeout_s, board.abandon_s = 60, 0.0
        forgotten = board.submit("segment", "forgotten", gated(gate))
        board.sweep()
        assert forgotten.state == "cancelled"
        board.keep_s = 0.0
        board.sweep()
        assert board.jobs == {}  # final answers nobody fetched are dropped
        gate.set()
    asyncio.run(scenario())

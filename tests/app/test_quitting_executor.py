"""The app's thread pool: shut down at quit, it waits for none of its threads."""

from __future__ import annotations

import threading

from tui.executor import QuittingExecutor


def test_shutting_down_waits_for_no_running_thread_and_drops_queued_work() -> None:
    executor = QuittingExecutor(max_workers=1)
    release = threading.Event()
    started = threading.Event()

    def running() -> str:
        started.set()
        release.wait()
        return "finished"

    first = executor.submit(running)
    queued = executor.submit(lambda: "never")
    assert started.wait(10)
    quitting = threading.Thread(target=executor.shutdown)  # as asyncio.run's end calls it
    quitting.start()
    quitting.join(10)  # a bound on failure only: it returns at once, the job still running
    try:
        assert not quitting.is_alive(), "the shutdown waited for the running thread"
        assert not first.done()
        assert queued.cancelled()
    finally:
        release.set()
    assert first.result(10) == "finished"  # abandoned, not killed: it ends on its own

"""The app's threads: a pool whose shutdown, at quit, waits on none of them.

Work goes to threads off the event loop (``asyncio.to_thread``, thread workers): imports that
warm up what a first query needs, building the client, reading and writing the app's files.
``asyncio.run`` ends by joining that pool, so a quit during the warm-up waited for pyarrow and
sqlglot to finish loading (0.1-0.4 s). What must be finished before the app ends is awaited
where it is started: a screen that saves what it keeps awaits the write as it closes, and the
files are written whole or not at all (``tui.state.jsonfiles``). What is left in the pool at
quit is abandoned, and ends with the process (``cli._leave``).
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor


class QuittingExecutor(ThreadPoolExecutor):
    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop taking work and drop what has not started; never wait for what runs."""
        super().shutdown(wait=False, cancel_futures=True)

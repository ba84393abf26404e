"""Run the app so that `q` never waits for a parse or a model load to finish.

Textual runs thread workers on the event loop's default executor, and both
`asyncio.run` and the interpreter's exit join its threads: a quit during the
model load waited about two seconds for spaCy. Here each worker gets a daemon
thread of its own, and the loop is run without joining them; the facts a
quit abandons were never going to be shown.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Callable

from textual.app import App


class DaemonThreads(ThreadPoolExecutor):
    """One daemon thread per call: nothing waits for them at exit. (asyncio takes only a
    ThreadPoolExecutor as the default executor; its pool is never used.)"""

    def submit(self, fn: Callable[..., Any], /, *args: Any, **kwargs: Any) -> Future:
        future: Future = Future()

        def run() -> None:
            if not future.set_running_or_notify_cancel():
                return
            try:
                future.set_result(fn(*args, **kwargs))
            except BaseException as exc:  # handed to the awaiting worker, as the stock executor does
                future.set_exception(exc)

        threading.Thread(target=run, name="wirelens-worker", daemon=True).start()
        return future

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Nothing to join: the threads are daemons."""


def run(app: App, *, headless: bool = False) -> None:
    """`app.run()` on a loop whose workers are daemon threads."""
    loop = asyncio.new_event_loop()
    loop.set_default_executor(DaemonThreads())
    try:
        app.run(loop=loop, headless=headless)
    finally:
        asyncio.set_event_loop(None)
        loop.close()


def leave(code: int) -> int:
    """`code`, or the process's end with it at once while a worker still runs: the
    interpreter's clean-up would wait for a thread deep in spaCy (cache writes are atomic,
    and a stray temp file is swept by the next write)."""
    if any(t.name == "wirelens-worker" and t.is_alive() for t in threading.enumerate()):
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError, AttributeError):
                pass
        os._exit(code)
    return code

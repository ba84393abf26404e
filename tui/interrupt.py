"""Ctrl+C and SIGTERM end a headless run with one line, exit 130/143, and no debris.

Both become exceptions in the main process, so every `finally` and `with` on the
way out runs (an export's temp file is removed). spaCy's worker processes
(`--jobs N`) need more care: they are forked with our handlers, so in a worker
the handlers end the process quietly instead of printing a traceback, and the
parent stops its workers *before* unwinding, because spaCy's clean-up joins
workers that may be blocked writing to a pipe nobody reads any more, which
would hang forever.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import warnings
from typing import Iterator


class Terminated(BaseException):
    """SIGTERM (or SIGHUP) arrived; like KeyboardInterrupt, not an Exception."""

    code = 143


@contextlib.contextmanager
def handled() -> Iterator[None]:
    """Install the handlers for the duration of a headless command."""
    main_pid = os.getpid()

    def on_signal(signum: int, frame) -> None:
        if os.getpid() != main_pid:
            os._exit(128 + signum)  # a forked worker: the parent reports, once
        stop_workers()
        if signum == signal.SIGINT:
            raise KeyboardInterrupt
        raise Terminated

    wanted = [signal.SIGINT, signal.SIGTERM] + ([signal.SIGHUP] if hasattr(signal, "SIGHUP") else [])
    previous = {}
    for sig in wanted:
        with contextlib.suppress(ValueError, OSError):  # not the main thread (tests)
            previous[sig] = signal.signal(sig, on_signal)
    try:
        yield
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


_stopped = False


def stop_workers() -> None:
    """End our worker processes now, so nothing waits on them while we unwind."""
    global _stopped
    import multiprocessing

    children = multiprocessing.active_children()
    _stopped = _stopped or bool(children)
    for child in children:
        child.kill()
    for child in children:
        child.join(timeout=2)
    if children:
        # spaCy warns (W127) that its workers did not exit cleanly: we ended them.
        warnings.filterwarnings("ignore", module="spacy")


def exit_now(code: int) -> None:
    """Leave at once if workers were stopped: their queues' feeder threads would block exit.

    multiprocessing joins each queue's feeder thread at exit, and a feeder with
    data for a worker that is gone never finishes. Everything worth doing on the
    way out (temp files removed, the one-line message) has been done by now.
    """
    if _stopped:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)

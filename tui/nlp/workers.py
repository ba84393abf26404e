"""nlp.pipe's worker processes end with the process that forked them, however it ends.

spaCy forks its `n_process` workers with multiprocessing. They are not ours to signal when
that process is killed outright (kill -9, the OOM killer): left alone they sit blocked on a
full pipe for ever, each holding a model. On Linux the kernel can do it instead
(`PR_SET_PDEATHSIG`), asked for by a fork hook that acts only while `tied()` is open, so no
other child (the app's analysis child, a subprocess) is touched. Elsewhere this does nothing.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
from typing import Any, Iterator

_PR_SET_PDEATHSIG = 1
_lock = threading.Lock()
_open = 0  # tied() blocks now open: a fork meanwhile is a worker's
_parent = 0
_libc: Any = None
_hooked = False


def _in_worker() -> None:
    if not _open or _libc is None:
        return
    _libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _parent:  # the parent died between the fork and the prctl
        os._exit(1)


@contextlib.contextmanager
def tied() -> Iterator[None]:
    """While open, a process forked from this one is killed when this one dies."""
    global _open, _parent, _libc, _hooked
    with _lock:
        if sys.platform.startswith("linux") and _libc is None:
            try:
                import ctypes  # loaded here: nothing is imported in a forked child

                _libc = ctypes.CDLL(None, use_errno=True)
                _libc.prctl  # noqa: B018 - it is there
            except (OSError, AttributeError):
                _libc = None
        if _libc is not None and not _hooked:
            os.register_at_fork(after_in_child=_in_worker)
            _hooked = True
        _open += 1
        _parent = os.getpid()
    try:
        yield
    finally:
        with _lock:
            _open -= 1

"""Temp files with a name that says whose they are, so a killed run's leftovers can go.

Writes that must not be seen half-done (exports, cache entries) go through a
temp file and a rename. SIGTERM and Ctrl+C are caught and the temp file removed,
but kill -9 and a power cut cannot be: what they leave is named
`.<stem>.wirelens-<pid>-<random>.tmp`, and the next write to that folder removes
any such file whose process is gone and that has not changed for STALE_SECONDS.
The wait is for the writers this process cannot see: one in another container
(another pid namespace) or on another machine sharing the folder, whose pid looks
dead from here. Nothing else is ever touched: only names of this pattern, only
regular files, never through a symbolic link.
"""

from __future__ import annotations

import os
import re
import tempfile
import time

TAG = ".wirelens-"
#: A live export writes as it goes, a cache entry at once: ten minutes unchanged is left behind.
STALE_SECONDS = 600
_NAME = re.compile(r"^\.(.*)\.wirelens-(\d+)-[A-Za-z0-9_]+\.tmp$", re.S)


def create(folder: str | os.PathLike[str], stem: str) -> tuple[int, str]:
    """An open file descriptor and the path of a new temp file in `folder` (mode 0600)."""
    return tempfile.mkstemp(prefix=f".{stem}{TAG}{os.getpid()}-", suffix=".tmp", dir=os.fspath(folder))


def owner(name: str) -> int | None:
    """The pid in one of our temp file names, or None for any other name."""
    m = _NAME.match(name)
    return int(m.group(2)) if m else None


def sweep(folder: str | os.PathLike[str]) -> int:
    """Remove our temp files in `folder` whose process has ended and that have not changed
    for STALE_SECONDS; returns how many."""
    removed = 0
    try:
        entries = list(os.scandir(os.fspath(folder)))
    except OSError:
        return 0
    now = time.time()
    for entry in entries:
        pid = owner(entry.name)
        if pid is None or alive(pid):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and now - entry.stat(follow_symlinks=False).st_mtime >= STALE_SECONDS:
                os.unlink(entry.path)
                removed += 1
        except OSError:
            pass
    return removed


def alive(pid: int) -> bool:
    """Whether a process with this pid runs (ours, or one we may not signal, counts)."""
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True

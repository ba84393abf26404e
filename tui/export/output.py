"""Where an export goes: atomically into a regular file, in place into a stream, else nowhere.

A rename over the target is what makes an export atomic, but a rename over
`/dev/null` or a FIFO would replace the device or pipe with a regular file, and
a rename over a symbolic link would replace the link. So the kind of target is
decided first: regular files (and new paths) get the temp-file-and-rename,
streams a reader is waiting on (`/dev/null`, `/dev/stdout`, a FIFO, a terminal)
are written in place, and anything else (a folder, a disk, another device) is
refused with one line. Temp files carry a recognisable name, so one left by a
killed run (kill -9 cannot be caught) is removed by the next export to that
folder.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from typing import IO

from .. import tempfiles
from ..sources.names import escape_name

_STDOUT_NAMES = ("-", "/dev/stdout", "/proc/self/fd/1", "/dev/fd/1")
_SYSTEM = re.compile(r"^/(dev|proc|sys)(/|$)(?!shm/)")
_TERMINAL = re.compile(r"^/dev/(pts/\d+|tty\w*|console)$")


class OutputError(ValueError):
    """A path that cannot be written to; the message names it and says why."""


def write_atomic(path: str | os.PathLike, text: str) -> None:
    """Write `text` to `path`: atomically for a file, in place for a stream."""
    with AtomicWriter(path) as fh:
        fh.write(text)


class AtomicWriter:
    """A text file that appears at `path` only when the `with` block succeeds.

    Streaming through it keeps memory flat for large batch exports; on any error
    or interruption the temp file is removed and an existing file at `path` is
    left untouched. A stream target (see the module doc) is written directly.
    """

    def __init__(self, path: str | os.PathLike):
        self.raw = os.fspath(path)
        self.kind, self.target = classify(self.raw)
        self.tmp: str | None = None
        self.fh: IO[str]

    def __enter__(self) -> IO[str]:
        if self.kind == "stdout":
            self.fh = sys.stdout
            return self.fh
        if self.kind == "stream":
            fd = os.open(self.target, os.O_WRONLY | os.O_APPEND | os.O_NOCTTY)
            self.fh = os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="")
            return self.fh
        folder = os.path.dirname(self.target) or "."
        tempfiles.sweep(folder)
        fd, self.tmp = tempfiles.create(folder, os.path.basename(self.target))
        try:
            mode = os.stat(self.target).st_mode & 0o777
        except OSError:
            mode = 0o666 & ~_umask()
        os.chmod(self.tmp, mode)
        self.fh = os.fdopen(fd, "w", encoding="utf-8", errors="surrogateescape", newline="")
        return self.fh

    def __exit__(self, exc_type, exc, tb) -> None:
        if self.kind == "stdout":
            self.fh.flush()
            return
        if self.kind == "stream":
            self.fh.close()
            return
        assert self.tmp is not None
        try:
            if exc_type is None:
                self.fh.flush()
                os.fsync(self.fh.fileno())
            self.fh.close()
            if exc_type is None:
                os.replace(self.tmp, self.target)
        finally:
            if os.path.lexists(self.tmp):
                os.unlink(self.tmp)


def classify(raw: str) -> tuple[str, str]:
    """("file" | "stream" | "stdout", the path to write) or OutputError.

    A symbolic link is followed, so the file it names is replaced and the link
    itself kept.
    """
    if not raw or not raw.strip():
        raise OutputError("-o: the output file name is empty")
    if raw in _STDOUT_NAMES:
        return "stdout", raw
    shown = escape_name(raw)
    real = os.path.realpath(raw)
    try:
        st = os.stat(real)
    except FileNotFoundError:
        folder = os.path.dirname(real) or "."
        if not os.path.isdir(folder):
            raise OutputError(f"{shown}: no such folder") from None
        if _SYSTEM.match(real):
            # A new "file" in /dev or /proc is a typo for a device (a disk that isn't there).
            raise OutputError(f"{shown}: is in a system folder of devices; write to a file elsewhere") from None
        return "file", real
    except OSError as exc:
        raise OutputError(f"{shown}: cannot write ({(exc.strerror or str(exc)).lower()})") from None
    if stat.S_ISREG(st.st_mode):
        if not os.access(real, os.W_OK):  # the rename would replace it all the same
            raise OutputError(f"{shown}: is read-only; write to another file or make it writable")
        return "file", real
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(f"{shown}: is a folder; give a file name")
    if stat.S_ISFIFO(st.st_mode) or (stat.S_ISCHR(st.st_mode) and (_is_null(st) or _TERMINAL.match(real))):
        return "stream", real
    raise OutputError(f"{shown}: is a device, not a file; write to a file, a FIFO, /dev/null or - (stdout)")


def _is_null(st: os.stat_result) -> bool:
    try:
        return os.stat(os.devnull).st_rdev == st.st_rdev
    except OSError:
        return False


def _umask() -> int:
    """The process umask, read without setting it (os.umask would race other threads)."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022

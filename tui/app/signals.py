"""SIGTERM, SIGHUP and SIGINT end the app the way `q` does.

So Textual restores the terminal (alternate screen and mouse reporting off) when the
process is killed (kill, a service manager) or its terminal window is closed; left to
their default, these signals kill the process mid-screen. Ctrl+C at the keyboard is a key
in raw mode, not a signal; a SIGINT from outside (`kill -INT`, `timeout -s INT`) was
swallowed by the event loop and left the app running.
"""

from __future__ import annotations

import asyncio
import os
import signal
import threading

#: Seconds a signalled app has to exit cleanly before the process ends anyway: a closed
#: terminal can leave the driver's writes hanging, and a worker thread in spaCy holds exit.
GRACE = 3.0
EXIT_SIGNALS = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


class ExitOnSignals:
    """A mixin for a Textual `App`: `exit_signal` is the signal that ended it, if one did;
    its `return_code` is then 128 + it."""

    exit_signal: int | None = None
    #: True while `run` has our handlers in place (pilot tests never call `run`).
    _signals_installed: bool = False
    #: The app's event loop, once it runs (Textual keeps its own private).
    _signal_loop: asyncio.AbstractEventLoop | None = None

    def run(self, *args, **kwargs):
        """`App.run`, with SIGTERM, SIGHUP and SIGINT ending the app as `q` does; the previous
        handlers are back when it returns."""
        previous = {}
        for sig in EXIT_SIGNALS:
            try:
                previous[sig] = signal.signal(sig, self._exit_on_signal)
            except (ValueError, OSError):  # not the main thread: leave the signals alone
                pass
        self._signals_installed = bool(previous)
        try:
            return super().run(*args, **kwargs)
        finally:
            for sig, old in previous.items():
                signal.signal(sig, signal.SIG_DFL if old is None else old)  # None: set outside Python

    def _exit_on_signal(self, signum: int, frame: object = None) -> None:
        """Ask the event loop to exit (a signal handler must not run app code itself)."""
        self.exit_signal = signum
        signal.signal(signum, signal.SIG_DFL)  # asked twice, the process ends at once
        if self._signals_installed:  # a real signal to this process, not a test calling in
            watchdog = threading.Timer(GRACE, os._exit, args=(128 + signum,))
            watchdog.daemon = True  # a clean exit before GRACE ends it with the process
            watchdog.start()
        loop = self._signal_loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(self._exit_for_signal)
        # else the app is not mounted yet: `signals_ready` (on mount) sees exit_signal and exits.

    def signals_ready(self) -> bool:
        """Call on mount, in the app's loop: False (and the app is ending) if a signal came first."""
        self._signal_loop = asyncio.get_running_loop()
        if self.exit_signal is not None:
            self._exit_for_signal()
            return False
        return True

    def _exit_for_signal(self) -> None:
        if self.exit_signal is not None:
            self.exit(return_code=128 + self.exit_signal)  # type: ignore[attr-defined]  # App.exit: a mixin for App

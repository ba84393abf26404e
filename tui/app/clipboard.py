"""Copy text out of the terminal: OSC 52 through Textual, and the system clipboard.

Neither can be fully confirmed from inside a terminal, so the result says what
was tried and what is known: pyperclip reports its own failure; OSC 52 is only
known not to arrive where there is no terminal or the terminal ignores it.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from textual.app import App

#: Terminals known to ignore OSC 52 (TERM_PROGRAM values).
NO_OSC52 = {"Apple_Terminal"}


@dataclass(frozen=True)
class CopyResult:
    osc52: bool  # the escape sequence was sent to a terminal that may accept it
    system: bool  # pyperclip put the text on the system clipboard
    system_error: str = ""

    @property
    def ok(self) -> bool:
        return self.osc52 or self.system

    def describe(self) -> str:
        if self.system and self.osc52:
            return "to the system clipboard and the terminal (OSC 52)"
        if self.system:
            return "to the system clipboard"
        if self.osc52:
            return "to the terminal clipboard (OSC 52); no system clipboard" + (
                f" ({self.system_error})" if self.system_error else ""
            )
        return "nowhere: no clipboard is reachable" + (f" ({self.system_error})" if self.system_error else "")


def osc52_possible(app: "App") -> bool:
    """False where OSC 52 surely goes nowhere: headless, or a terminal that ignores it."""
    if not app.is_running or app.is_headless:
        return False
    return os.environ.get("TERM_PROGRAM", "") not in NO_OSC52


def system_copy(text: str) -> tuple[bool, str]:
    """pyperclip's copy; (worked, reason it did not)."""
    try:
        import pyperclip
    except ImportError:  # pragma: no cover - it is a dependency
        return False, "pyperclip is not installed"
    try:
        pyperclip.copy(text)
    except Exception as exc:  # PyperclipException, or a helper that failed to run
        reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if "copy/paste mechanism" in reason:
            reason = "no xclip, xsel or wl-copy found"
        return False, reason[:80]
    return True, ""


def copy_text(app: "App", text: str) -> CopyResult:
    """Send `text` by OSC 52 (always; it also sets `app.clipboard`) and try pyperclip."""
    app.copy_to_clipboard(text)
    osc = osc52_possible(app)
    system, error = system_copy(text)
    return CopyResult(osc, system, error)

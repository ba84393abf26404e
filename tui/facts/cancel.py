"""Stopping an extraction part-way, for a user who quit while it runs.

The extractors call a `Checkpoint` once per item of their loops (a token, a quote
mark, a passage, a name); every few calls it asks the caller's `cancelled()` and,
when that is true, raises `Cancelled`, which `tui.facts.analyse` turns into None.
Items cost microseconds to about a millisecond, so work stops within a few ms.
"""

from __future__ import annotations

from typing import Callable


class Cancelled(Exception):
    """The caller's `cancelled()` turned true; raised inside the extractors only."""


class Checkpoint:
    """Callable once per item; asks `cancelled()` every `every` calls (a cheap counter otherwise)."""

    __slots__ = ("cancelled", "every", "left")

    def __init__(self, cancelled: Callable[[], bool] | None = None, every: int = 16) -> None:
        self.cancelled = cancelled
        self.every = every
        self.left = every

    def __call__(self) -> None:
        self.left -= 1
        if self.left <= 0:
            self.left = self.every
            if self.cancelled is not None and self.cancelled():
                raise Cancelled

    def now(self) -> None:
        """Ask at once, before or after a step that is one call (a join, a sort)."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled


class _Never(Checkpoint):
    """Nothing to ask, so nothing to count: the stages call it tens of thousands of times."""

    __slots__ = ()

    def __call__(self) -> None:
        return None

    def now(self) -> None:
        return None


#: For callers that cannot be cancelled: nothing is asked.
NEVER: Checkpoint = _Never(None)

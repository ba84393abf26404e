"""The app's start without the cyclic garbage collector.

Composing, styling and drawing the first frame make tens of thousands of objects that
live as long as the app (widgets, styles, strips), and the collections they set off
(25-30 ms here, a fifth of the app's own time to its first frame) free next to nothing.
`QuietStart` turns the collector off when the app loads and back on once the first frame
is drawn (or the app ends first); the first time, it also moves what exists then out of
the collector's way for good (`gc.freeze`: the modules, classes and the first screen are
never garbage), so later collections stay short while the panels fill.
"""

from __future__ import annotations

import gc

_paused = False
_frozen = False


def pause() -> None:
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """Turn the collector back on, if `pause` turned it off; freeze what exists, once a process."""
    global _paused, _frozen
    if not _paused:
        return
    _paused = False
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.enable()


class QuietStart:
    """A mixin for a Textual `App` (Textual calls each class's handlers)."""

    def on_load(self) -> None:
        pause()

    def on_mount(self) -> None:
        self.call_after_refresh(resume)  # type: ignore[attr-defined]  # the App's

    def on_unmount(self) -> None:
        resume()

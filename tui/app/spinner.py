"""The line a fact panel shows while its article is analysed: a message and a braille spinner."""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

from .labels import one_line

SPINNER = "⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏"


class Spinner(Widget):
    """A one-line "working" message with a braille spinner (still when animations are off).

    It repaints itself only: no layout pass per frame.
    """

    DEFAULT_CSS = """
    Spinner {
        height: 1;
        width: 1fr;
    }
    """

    def __init__(self, message: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self._message = message
        self._frame = 0

    def on_mount(self) -> None:
        self._timer = self.set_interval(0.1, self._tick)

    @property
    def message(self) -> str:
        return self._message

    def set_message(self, message: str) -> None:
        self._message = message
        self.refresh()

    def _tick(self) -> None:
        if not self.display or self.app.animation_level == "none":
            return
        self._frame = (self._frame + 1) % len(SPINNER)
        self.refresh()

    def render(self) -> Content:
        return Content.assemble((SPINNER[self._frame], "$accent"), " ", one_line(self._message))

"""Scroll bars repainted when they change, not at every layout of the screen.

Textual's ScrollView compares the virtual size the compositor passes at each layout
with its own, which for a ScrollView (it draws its own lines) never match, so every
layout of the screen updated and repainted its scroll bars, changed or not. On the
explorer that was four bars (the article's and the three panels'), 4-5 ms of every
frame that fills a panel, a fifth of it. Here the update runs when something it reads
has changed: the widget's size, its own or the given virtual size, its container, or
the styles that decide whether a bar shows and how thick.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.geometry import Size

if TYPE_CHECKING:  # pragma: no cover
    from textual.scroll_view import ScrollView

    _Base = ScrollView
else:
    _Base = object  # a mixin: Textual takes CSS and component classes from the first widget base only


class SteadyScrollBars(_Base):
    """Put before a ScrollView class in the bases: its layouts leave the scroll bars alone
    when nothing they show changed."""

    _steady: tuple[Any, ...] | None = None

    def _size_updated(self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True) -> bool:
        styles = self.styles
        key = (size, virtual_size, self.virtual_size, container_size, styles.gutter, styles.overflow_x,
               styles.overflow_y, styles.scrollbar_size_vertical, styles.scrollbar_size_horizontal)
        if key == self._steady:
            return False  # (True would post the widget a Resize: nothing was resized)
        self._steady = key
        return super()._size_updated(size, virtual_size, container_size, layout)

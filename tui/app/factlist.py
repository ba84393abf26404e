"""A fact panel's rows and its filter: the keys for moving, filtering and going to the article.

Each asks the panel it sits in (`panel_of`) for the state its keys depend on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import events
from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Input

from .rows import LazyOptionList

if TYPE_CHECKING:  # pragma: no cover
    from .panels import FactPanel


def panel_of(widget: Widget) -> "FactPanel | None":
    """The fact panel a widget (its list, its filter) is in."""
    from .panels import FactPanel  # (the panel holds these: imported when first asked)

    return next((n for n in widget.ancestors if isinstance(n, FactPanel)), None)


class FactList(LazyOptionList):
    """A panel's rows; its own keys for moving, filtering and going to the article."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g", "first", "First", show=False, id="list.first"),
        Binding("G", "last", "Last", show=False, id="list.last"),
        Binding("enter", "select", "Go to text", id="list.select"),
        Binding("slash", "filter", "Filter", key_display="/", id="list.filter"),
        Binding("escape", "clear_filter", "Clear filter", show=False, id="list.clear_filter"),
        Binding("a", "toggle_all", "All", id="list.all"),  # short: "e Export" still fits at 80 columns
    ]

    #: The reader moved the cursor and the panel has not yet handled it: a fill landing in
    #: between keeps it the reader's move (the article goes to the fact).
    reader_moved = False

    def _moved(self, move: Callable[[], None]) -> None:
        before = self.highlighted
        move()
        self.reader_moved = self.highlighted != before  # (no event comes of a move that went nowhere)

    def action_cursor_up(self) -> None:
        self._moved(super().action_cursor_up)

    def action_cursor_down(self) -> None:
        self._moved(super().action_cursor_down)

    def action_first(self) -> None:
        self._moved(super().action_first)

    def action_last(self) -> None:
        self._moved(super().action_last)

    def action_page_up(self) -> None:
        self._moved(super().action_page_up)

    def action_page_down(self) -> None:
        self._moved(super().action_page_down)

    def on_click(self) -> None:
        self.reader_moved = True

    def scroll_to_highlight(self, top: bool = False) -> None:
        """Keep the heading of the cursor's group in view when the cursor is its first row."""
        super().scroll_to_highlight(top)
        index = self.highlighted
        if index and self.options[index - 1].disabled:
            line = self._index_to_line.get(index - 1)  # Textual's map of option -> first line
            if line is not None and line < self.scroll_offset.y:
                self.scroll_to(y=line, animate=False, immediate=True)

    def on_key(self, event: events.Key) -> None:
        """`/` opens the filter here, as its key is read, and what is typed after it goes
        there until the filter has the focus. A binding runs only once the key has gone up to
        the app, after the keys read with it had reached this list: "/an" typed fast toggled
        All and lost the "n"."""
        panel = self.panel
        if panel is None:
            return
        if panel.filter_opening and (event.is_printable or event.key == "backspace"):
            event.stop()
            event.prevent_default()
            panel.type_into_filter(event.character if event.is_printable else None)
            return
        bound = self.screen.active_bindings.get(event.key)
        if bound is not None and bound.node is self and bound.binding.action == "filter" and bound.enabled:
            event.stop()
            event.prevent_default()
            self.action_filter()

    def action_toggle_all(self) -> None:
        panel = self.panel
        if panel is not None:
            panel.toggle_all()

    def action_filter(self) -> None:
        panel = self.panel
        if panel is not None:
            panel.open_filter()

    def action_clear_filter(self) -> None:
        panel = self.panel
        if panel is not None:
            panel.clear_filter()

    @property
    def panel(self) -> "FactPanel | None":
        return panel_of(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_filter":
            panel = self.panel
            return bool(panel and panel.filter_text)
        if action == "toggle_all":  # only where some facts are listed on request (minor events, dates)
            panel = self.panel
            if panel is not None and panel.state == "loading" and panel.fact_kind.minor is not None:
                return None  # dimmed until the facts are in: no key mounted while the panels fill
            return bool(panel and panel.has_minor)
        if action in ("filter", "select"):  # nothing to filter or go to after a failed analysis
            panel = self.panel
            if panel is not None and action == "select" and panel.state == "ready" and panel.current is None:
                return None  # dimmed: no fact listed (none found, or a filter that matches none)
            return not (panel and panel.state == "error")
        return True


class FilterInput(Input):
    BINDINGS = [Binding("escape", "cancel", "Clear filter", id="filter.clear")]

    def action_cancel(self) -> None:
        panel = panel_of(self)
        if panel is not None:
            panel.clear_filter()

    def on_focus(self) -> None:
        panel = panel_of(self)
        if panel is not None:
            panel.filter_opening = False

    def on_key(self, event: events.Key) -> None:
        # Up/down go to the list: the filter is for typing, the list for moving.
        if event.key in ("down", "up"):
            panel = panel_of(self)
            if panel is not None:
                event.stop()
                panel.list.focus()
                (panel.list.action_cursor_down if event.key == "down" else panel.list.action_cursor_up)()

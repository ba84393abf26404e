"""The panels' rows, made ready off the UI thread, and a list that measures only the rows it shows.

Filling the panels with a 10,000-word article's thousand facts held the screen for
100-200 ms: labels and search texts were built, and every row was wrapped to learn its
height, on the UI thread. The analysis worker now builds the rows (`prepare`), and
`LazyOptionList` measures rows as far as the screen and the cursor need them.
"""

from __future__ import annotations

import builtins
import gc
from collections.abc import Mapping
from dataclasses import dataclass

from textual.content import Content
from textual.geometry import Size
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..analysis import Analysis
from ..kinds import kinds
from .labels import Fact, fact_label, fact_search_text, one_line, search_fold
from .scrolling import SteadyScrollBars


def group_heading(heading: object) -> Option:
    """The heading above a group of rows ("People"): an option the cursor steps over."""
    return Option(Content.styled(one_line(str(heading)), "bold $text-secondary"), disabled=True)


#: A panel of at most this many facts labels them again for a new width on the UI thread.
REFIT_HERE = 200


@dataclass(frozen=True)
class Rows:
    """One kind's facts made ready for its panel, off the UI thread: in the panel's order,
    each with its label and its search text (`search_fold`ed)."""

    analysis: Analysis
    facts: builtins.list[Fact]
    labels: dict[str, Content]
    search: dict[str, str]
    width: int | None = None  # the row width the labels were fitted to (None: not fitted)


def prepare_rows(analysis: Analysis, widths: Mapping[str, int] | None = None) -> dict[str, Rows]:
    """Every kind's rows (by the kind's field): the analysis worker builds them, so filling
    the panels on the UI thread only hands them over. `widths`: each panel's row width now,
    for a kind that fits its rows to it."""
    out = {}
    for k in kinds():
        facts = k.ordered(k.facts(analysis))
        width = (widths or {}).get(k.field) if k.fitted is not None else None
        out[k.field] = Rows(analysis, facts, {f.id: fact_label(analysis, f, width) for f in facts},
                            {f.id: search_fold(fact_search_text(analysis, f)) for f in facts}, width)
    return out


def prepare(analysis: Analysis, widths: Mapping[str, int] | None = None) -> dict[str, Rows]:
    """`prepare_rows`, in the worker; then the analysis and its rows, which live as long as the
    app, are frozen out of the cyclic GC (each full collection, which holds the screen too,
    walked their 100k objects again while the panels filled)."""
    rows = prepare_rows(analysis, widths)
    gc.freeze()
    return rows


class LazyOptionList(SteadyScrollBars, OptionList):
    """An OptionList that measures its rows only when they are needed."""

    #: The width (less the gutter and any scroll bar to come) the measured rows were wrapped to.
    _lines_width: int | None = None

    def measure(self) -> None:
        """Measure the rows the screen will show now (after `set_options`), so the scroll range
        is known when the next layout is made, not changed while that frame renders (which
        costs Textual a second layout pass)."""
        self._update_lines()

    def _on_resize(self) -> None:
        # The rows depend on the width only: a new height, or the scroll bar the rows were
        # measured for appearing, keeps them (Textual's clears them on every resize, and the
        # frame after the panels fill rendered every row again).
        if self._line_cache.lines and self._lines_width == self._content_width():
            return
        super()._on_resize()

    def _content_width(self) -> int:
        return self.scrollable_content_region.width - self._get_left_gutter_width()

    def _update_lines(self) -> None:
        """Measure the rows only as far as they are needed: two screens below the scroll
        position, and the cursor's row. Textual's OptionList wraps every row to learn its
        height when the options are set (about 0.1 ms a row: a 10,000-word article's thousand
        rows held the screen for 100 ms). The rows not measured yet count one line each
        in the scroll range until they are."""
        cache = self._line_cache
        lines = cache.lines
        options = self.options
        total = len(options)
        index = lines[-1][0] + 1 if lines else 0
        if lines and (index >= total or (len(lines) > int(self.scroll_offset.y) + 2 * self.size.height and
                                         index > (self.highlighted if self.highlighted is not None else -1))):
            return  # measured far enough already: Textual asks again for every line it draws
        region = self.scrollable_content_region
        if not region:
            return
        width = region.width - self._get_left_gutter_width()
        if total > region.height and not self.show_vertical_scrollbar and self.styles.overflow_y == "auto":
            width -= self.styles.scrollbar_size_vertical  # the scroll bar these rows will show
        if not lines:
            self._lines_width = width
        if index < total:
            padding = self.get_component_styles("option-list--option").padding
            cursor = self.highlighted if self.highlighted is not None else -1
            want = int(self.scroll_offset.y) + 2 * region.height + 1
            get_visual = self._get_visual
            styles = self.styles
            while index < total and (len(lines) < want or index <= cursor):
                if index == cursor:
                    want = max(want, len(lines) + 2 * region.height + 1)
                option = options[index]
                cache.index_to_line[index] = len(lines)
                height = get_visual(option).get_height(styles, width - padding.width) + option._divider  # type: ignore[arg-type]  # as Textual passes it
                cache.heights[index] = height
                lines.extend([(index, line) for line in range(height)])
                index += 1
        last_divider = bool(options) and options[-1]._divider
        virtual_size = Size(width, len(lines) + (total - index) - (1 if last_divider else 0))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

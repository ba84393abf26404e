"""The article pane: a Line-API scroll view over word-wrapped text with highlights.

Every visual line keeps the character offsets it shows, so a span (start, end) of
the Analysis maps to lines by a bisect over line starts. Rendered lines are cached
as Strips keyed by the highlights that touch them: changing the selected fact
re-renders and repaints only the lines the old and new spans touch.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import Iterable

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from .labels import ROLE_CLASS, display_text
from .wrap import Line, wrap
from .scrolling import SteadyScrollBars

#: What each highlight means, by its style class: the legend's words.
ROLE_NAMES = {
    "article--mention": "name",
    "article--reference": "he, she, the …",
    "article--quote": "quote",
    "article--speaker": "speaker",
    "article--cue": "cue",
    "article--trigger": "action",
    "article--participant": "who/what",
    "article--time": "when",
    "article--place": "where",
}

#: The highlights on one visual line: (start, end, role key) in line-relative characters;
#: a role key ending in "!" is the focused span.
LineSpans = tuple[tuple[int, int, str], ...]


class ArticleView(SteadyScrollBars, ScrollView, can_focus=True):
    """The article text, with the selected fact's spans lit up."""

    COMPONENT_CLASSES = {
        "article--title",
        "article--mention",
        "article--reference",
        "article--focus",
        "article--quote",
        "article--speaker",
        "article--cue",
        "article--trigger",
        "article--participant",
        "article--time",
        "article--place",
    }

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        background: $surface;
        color: $foreground;
        .article--title { text-style: bold; color: $text-primary; }
        .article--mention { background: $primary 60%; text-style: underline; }
        .article--reference { background: $primary 30%; text-style: italic; }
        .article--focus { text-style: bold underline; }
        .article--quote { background: $success 30%; text-style: italic; }
        .article--speaker { background: $accent 45%; text-style: bold; }
        .article--cue { background: $secondary 30%; text-style: underline; }
        .article--trigger { background: $accent 60%; text-style: bold; }
        .article--participant { background: $primary 60%; text-style: underline; }
        .article--time { background: $error 45%; text-style: italic; }
        .article--place { background: $success 45%; text-style: bold italic; }
    }
    """

    BINDINGS = [
        Binding("n", "next_span", "Next span", id="article.next_span"),
        Binding("N", "previous_span", "Prev span", key_display="N", id="article.previous_span"),
        Binding("escape", "back", "Back to panel", id="article.back"),
        Binding("j", "scroll_down", "Down", show=False, id="article.down"),
        Binding("k", "scroll_up", "Up", show=False, id="article.up"),
        Binding("g", "scroll_home", "Top", show=False, id="article.top"),
        Binding("G", "scroll_end", "Bottom", show=False, id="article.bottom"),
        Binding("space", "page_down", "Page down", show=False, id="article.page_down"),
    ]

    @dataclass
    class Clicked(Message):
        """A character of the article was clicked."""

        offset: int

    @dataclass
    class BackRequested(Message):
        """Escape in the article: focus returns to the panel."""

    @dataclass
    class SpanFocused(Message):
        """n/N moved to another span; `index` counts from 0 of `total`."""

        index: int
        total: int

    def __init__(self, *, name: str | None = None, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=f"-fits {classes or ''}".strip())  # no text yet
        self._text = ""
        self._lines: list[Line] = [Line(0, 0)]
        self._starts: list[int] = [0]
        self._wrap_width = 0
        self._spans: list[tuple[int, int, str]] = []
        self._base: list[tuple[int, int, str]] = []
        self._highlighted_lines: set[int] = set()
        self._line_spans: dict[int, LineSpans] = {}
        self._focus: int | None = None
        self._cache: LRUCache[tuple, Strip] = LRUCache(maxsize=2000)
        self._base_style_cache: Style | None = None

    # --- content ------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        return self._text

    @property
    def lines(self) -> list[Line]:
        return self._lines

    @property
    def spans(self) -> list[tuple[int, int, str]]:
        return list(self._spans)

    @property
    def focused_span(self) -> int | None:
        return self._focus

    def set_text(self, text: str, title_end: int = 0) -> None:
        """Show another article: reset highlights and scroll to the top.

        `title_end` > 0 styles text[:title_end] as the title (it is not a highlight).
        """
        self._text = display_text(text)
        self._base = [(0, title_end, "title")] if 0 < title_end <= len(text) else []
        if self._spans:
            self.refresh_bindings()
        self._spans, self._line_spans, self._focus = [], {}, None
        self._cache.clear()
        self._wrap_width = 0
        self._layout()
        self._show_track()
        self.scroll_to(0, 0, animate=False, immediate=True)
        self.refresh()

    def _content_width(self) -> int:
        return max(1, self.scrollable_content_region.width)

    def _layout(self) -> None:
        width = self.scrollable_content_region.width if self.is_mounted else 0
        if width == self._wrap_width and width:
            return
        if width <= 1:  # not laid out yet: one line per paragraph until the first resize
            self._wrap_width = 0
            self._lines = wrap(self._text, 1 << 30)
            self._starts = [ln.start for ln in self._lines]
            self._cache.clear()
            self._map_spans()
            return
        self._wrap_width = width
        self._lines = wrap(self._text, width) or [Line(0, 0)]
        self._starts = [ln.start for ln in self._lines]
        self._cache.clear()
        self._map_spans()
        self.virtual_size = Size(width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        """Wrapped again for the new width, the reader's place kept: the text that was at the
        top stays at the top, and a lit span that was in sight stays in sight."""
        if self._content_width() != self._wrap_width:
            top = self._lines[min(int(self.scroll_offset.y), len(self._lines) - 1)].start if self._wrap_width else 0
            seen = self._focus is not None and self._span_in_sight(self._focus)
            self._layout()
            self.call_after_refresh(self._keep_place, top, self._focus if seen else None)
            self.refresh()
        self._show_track()

    def _span_in_sight(self, index: int) -> bool:
        if index >= len(self._spans):
            return False
        s, e, _ = self._spans[index]
        top, height = int(self.scroll_offset.y), max(1, self.scrollable_content_region.height)
        return top <= self.line_of(s) and self.line_of(max(s, e - 1)) < top + height

    def _keep_place(self, top: int, focus: int | None) -> None:
        self.scroll_to(y=self.line_of(top), animate=False, immediate=True)
        if focus is not None:
            self._scroll_to_span(focus)

    def _show_track(self) -> None:
        """The bar is always there (app.tcss); its track shows only for a text longer than the pane."""
        height = self.scrollable_content_region.height
        self.set_class(not self._wrap_width or len(self._lines) <= height, "-fits")

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()
        self._base_style_cache = None

    # --- geometry -----------------------------------------------------------------------------

    def line_of(self, offset: int) -> int:
        """The visual line that shows character `offset` (a bisect over line starts)."""
        return max(0, bisect_right(self._starts, offset) - 1)

    def offset_at(self, x: int, y: int) -> int | None:
        """The character offset under content cell (x, y), or None past the text."""
        if not (0 <= y < len(self._lines)):
            return None
        start, end = self._lines[y]
        cells = 0
        for i in range(start, end):
            cells += cell_len(self._text[i])
            if cells > x:
                return i
        return None

    def _lines_of(self, start: int, end: int) -> range:
        return range(self.line_of(start), self.line_of(max(start, end - 1)) + 1)

    # --- highlights ---------------------------------------------------------------------------

    def set_highlights(self, spans: Iterable[tuple[int, int, str]], focus: int | None = 0, scroll: bool = True) -> None:
        """Light up `spans` (start, end, role); `focus` is the index of the current one."""
        new = [s for s in spans if 0 <= s[0] < s[1] <= len(self._text)]
        touched = self._highlighted_lines
        if bool(new) != bool(self._spans):
            self.refresh_bindings()  # n and N dim in the footer with nothing lit to go to
        self._spans = new
        self._focus = (focus if focus is not None and 0 <= focus < len(new) else (0 if new else None))
        self._map_spans()
        self._refresh_lines(touched | self._highlighted_lines)
        if scroll and self._focus is not None:
            self._scroll_to_span(self._focus)

    def clear_highlights(self) -> None:
        self.set_highlights([], None, scroll=False)

    def _map_spans(self) -> None:
        """Clip every span to the lines it covers: {line: ((start, end, role), ...)}."""
        per_line: dict[int, list[tuple[int, int, str]]] = {}
        highlighted: set[int] = set()
        lines, starts = self._lines, self._starts
        for i, (s, e, role) in enumerate([*self._base, *self._spans], -len(self._base)):
            role_key = role + ("!" if i == self._focus else "")
            first = max(0, bisect_right(starts, s) - 1)
            last = max(0, bisect_right(starts, max(s, e - 1)) - 1)
            for y in range(first, last + 1):
                ls, le = lines[y]
                cs, ce = max(s, ls), min(e, le)
                if ce > cs:
                    per_line.setdefault(y, []).append((cs - ls, ce - ls, role_key))
                    if i >= 0:
                        highlighted.add(y)
        self._line_spans = {y: tuple(v) for y, v in per_line.items()}
        self._highlighted_lines = highlighted

    def _refresh_lines(self, lines: Iterable[int]) -> None:
        top = int(self.scroll_offset.y)
        height = self.scrollable_content_region.height
        for y in sorted(lines):
            if top <= y < top + height:
                self.refresh_line(y)

    def focus_span(self, index: int, scroll: bool = True) -> None:
        if not self._spans:
            return
        index %= len(self._spans)
        old = self._focus
        self._focus = index
        touched: set[int] = set()
        for i in (old, index):
            if i is not None and i < len(self._spans):
                s, e, _ = self._spans[i]
                touched.update(self._lines_of(s, e))
        self._map_spans()
        self._refresh_lines(touched)
        if scroll:
            self._scroll_to_span(index)
        self.post_message(self.SpanFocused(index, len(self._spans)))

    def _scroll_to_span(self, index: int, animate: bool = False) -> None:
        if index >= len(self._spans) or self._span_in_sight(index):
            return
        first = self.line_of(self._spans[index][0])
        target = max(0, first - max(1, self.scrollable_content_region.height // 3))
        self.scroll_to(y=target, animate=animate, immediate=True)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """n and N dimmed, and doing nothing, while no fact is lit."""
        return None if action in ("next_span", "previous_span") and not self._spans else True

    def action_next_span(self) -> None:
        self.focus_span(self._focus + 1 if self._focus is not None else 0)

    def action_previous_span(self) -> None:
        self.focus_span((self._focus if self._focus is not None else 0) - 1)

    def action_back(self) -> None:
        self.post_message(self.BackRequested())

    # --- rendering ----------------------------------------------------------------------------

    def _base_style(self) -> Style:
        # `rich_style` walks the DOM (about 0.2 ms): cached until the styles change.
        if self._base_style_cache is None:
            self._base_style_cache = self.rich_style
        return self._base_style_cache

    def render_line(self, y: int) -> Strip:
        if not self._wrap_width:
            self._layout()
        index = int(self.scroll_offset.y) + y
        width = self._wrap_width or self.scrollable_content_region.width
        base = self._base_style()
        if index >= len(self._lines):
            return Strip.blank(width, base)
        spans = self._line_spans.get(index)
        key = (index, width, spans)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._render_strip(index, spans, base, width)
            self._cache[key] = strip
        return strip

    def legend(self, roles: Iterable[str]) -> Text:
        """`▌quote ▌speaker ▌cue`: what each highlight of a fact means, each in its own
        style, for the border and the help (the colours alone mean nothing)."""
        out = Text()
        seen: set[str] = set()
        for role in roles:
            cls = ROLE_CLASS.get(role)
            if cls is None or cls in seen or role == "title":
                continue
            seen.add(cls)
            style = self.get_component_rich_style(cls)
            if out:
                out.append(" ")
            out.append("▌", Style(color=style.bgcolor))
            out.append(ROLE_NAMES[cls], style)
        return out

    def _role_style(self, role_key: str) -> Style:
        focus = role_key.endswith("!")
        role = role_key.rstrip("!")
        style = self.get_component_rich_style(ROLE_CLASS.get(role, "article--mention"))
        if focus:
            style += self.get_component_rich_style("article--focus", partial=True)
        return style

    def _render_strip(self, index: int, spans: LineSpans | None, base: Style, width: int) -> Strip:
        start, end = self._lines[index]
        text = self._text[start:end]
        if not spans:
            segments = [Segment(text, base)] if text else []
        else:
            # Cut the line at every span edge; later spans layer over earlier ones.
            edges = sorted({0, len(text), *(p for s, e, _ in spans for p in (s, e))})
            segments = []
            for a, b in zip(edges, edges[1:], strict=False):
                if b <= a:
                    continue
                style = base
                for s, e, role_key in spans:
                    if s <= a and b <= e:
                        style = style + self._role_style(role_key)
                segments.append(Segment(text[a:b], style))
        strip = Strip(segments)
        return strip.crop_extend(0, width, base)

    # --- mouse --------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        char = self.offset_at(offset.x, offset.y + int(self.scroll_offset.y))
        if char is not None and not self._text[char].isspace():
            self.post_message(self.Clicked(char))

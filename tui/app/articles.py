"""The Articles list: the files given, one row each, shown when there is more than one."""

from __future__ import annotations

from typing import Sequence

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..analysis import Article
from ..sources import Pending, SourceError
from .labels import clip, one_line
from .scrolling import SteadyScrollBars


class ArticleList(SteadyScrollBars, OptionList):
    """The articles given on the command line; shown only when there is more than one."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="articles.down"),
        Binding("k", "cursor_up", "Up", show=False, id="articles.up"),
        Binding("g", "first", "First", show=False, id="articles.first"),
        Binding("G", "last", "Last", show=False, id="articles.last"),
    ]

    def set_sources(self, sources: Sequence[Article | SourceError | Pending]) -> None:
        self.set_options([Option(source_prompt(src), id=f"a{i}") for i, src in enumerate(sources)])


def source_prompt(src: Article | SourceError | Pending) -> Content:
    """An article's row: its title; a bad one's name and why; a feed item still coming, its address."""
    if isinstance(src, SourceError):
        return Content.assemble(("✗ ", "$text-error"), (one_line(src.name), "$text-error"), "\n",
                                (clip(one_line(src.reason), 60), "$text-muted"))
    if isinstance(src, Pending):
        return Content.assemble(("… ", "$text-muted"), (clip(one_line(src.name), 60), "$text-muted italic"))
    return Content(clip(one_line(src.title or src.name), 30))  # two or three short lines when it wraps

"""The lines above the article: its title, date and path, and what is happening to it."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from ..analysis import Article
from ..sources import Pending, SourceError
from .labels import article_header


class ArticleHeader(Static):
    """Fitted to its width, and again as that changes: a long path gives up its folders first."""

    _shown: tuple[Article | SourceError | Pending | None, tuple[str, str] | None] = (None, None)

    def show(self, src: Article | SourceError | Pending | None, status: tuple[str, str] | None) -> None:
        self._shown = (src, status)
        content = article_header(src, status, self.content_region.width)
        old = self.content
        # As many lines as before (the status moved on: "analysing… 40%"): no layout of the screen.
        self.update(content, layout=not (isinstance(old, Content) and old.plain.count("\n") == content.plain.count("\n")))

    def on_resize(self) -> None:
        if self._shown[0] is not None:  # (not a message put here by `update`: "No article given.")
            self.show(*self._shown)

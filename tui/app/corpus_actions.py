"""The app's way to the Corpus screen: `c` opens it where it was left, Esc after a jump
from it goes back there. Kept apart from the screen (`corpus_view`), which is imported only
when first opened: the first frame does without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Article
from .articles import ArticleList

if TYPE_CHECKING:  # pragma: no cover
    from . import batch
    from .app import WirelensApp
    from .corpus_view import Place

ACTIONS = ("corpus", "back_to_corpus")


def readable(app: WirelensApp) -> list[Article]:
    return [s for s in app.sources if isinstance(s, Article)]


class CorpusActions:
    """A mixin for the app: `c` opens the Corpus screen where it was left, and Esc after a
    jump from it goes back there (only then: Esc keeps its other uses)."""

    corpus_place: Place | None = None
    corpus_return: bool = False
    corpus_batch: batch.CorpusBatch | None = None  # the folder-wide analysis, once the screen opened
    jobs: int = 1  # spaCy processes for the folder-wide analysis (`wirelens --jobs N`)

    def action_corpus(self) -> None:
        open_corpus(self)  # type: ignore[arg-type]

    def action_back_to_corpus(self) -> None:
        open_corpus(self)  # type: ignore[arg-type]

    def check_corpus(self, action: str) -> bool:
        app: WirelensApp = self  # type: ignore[assignment]
        if action == "corpus":
            return len(readable(app)) > 1
        return self.corpus_return  # back_to_corpus


def open_corpus(app: WirelensApp) -> None:
    """Push the Corpus screen where it was left; Enter on a fact goes there in its article."""
    from .corpus_view import CorpusScreen

    if isinstance(app.screen, CorpusScreen):
        return
    screen = CorpusScreen(app.corpus_place)
    app.corpus_return = False
    app.refresh_bindings()

    def chosen(target: tuple[int, str] | None) -> None:
        app.corpus_place = screen.place
        if target is not None:
            go_to_fact(app, *target)
            app.corpus_return = True
            app.refresh_bindings()

    app.push_screen(screen, chosen)


def go_to_fact(app: WirelensApp, index: int, fact_id: str) -> None:
    """Show the article, then select the fact once the panels' own first highlights (queued
    by filling them) have gone by, or they would take the selection back."""
    if len(app.sources) > 1:
        app.query_one(ArticleList).highlighted = index
    app.show_article(index)
    app.call_after_refresh(app.select_fact, fact_id)

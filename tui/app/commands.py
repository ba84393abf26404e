"""Command palette: jump to any entity, quote or event of the article on screen.

Theme switching comes from Textual's own system commands, kept beside this one.
Hit text is built as `Content` (never markup), so article text cannot inject styles.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from .labels import clip, fact_search_text, kind_of, one_line

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp

_KIND_NAME = {"entity": "Entity", "quote": "Quote", "event": "Event"}


class FactsProvider(Provider):
    """Every fact of the current article, found by typing part of it."""

    def _facts(self):
        app: WirelensApp = self.app  # type: ignore[assignment]
        analysis = getattr(app, "analysis", None)
        if analysis is None:
            return None, []
        facts = [*analysis.entities, *analysis.quotes, *analysis.events]
        return analysis, [(f, clip(one_line(fact_search_text(analysis, f)), 120)) for f in facts]

    def _display(self, text: str, offsets: tuple[int, ...] = ()) -> Content:
        content = Content(text)  # plain: article text is never markup
        style = self.match_style or Style(bold=True, underline=True)
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                content = content.stylize(style, offset, offset + 1)
        return content

    async def search(self, query: str) -> Hits:
        analysis, facts = self._facts()
        if analysis is None:
            return
        matcher = self.matcher(query)
        app: WirelensApp = self.app  # type: ignore[assignment]
        for fact, text in facts:
            kind = kind_of(fact)
            candidate = f"{_KIND_NAME[kind]}: {text}"
            score = matcher.match(candidate)
            if score > 0:
                _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
                yield Hit(
                    score,
                    self._display(candidate, offsets),
                    partial(app.select_fact, fact.id, True),
                    text=candidate,
                    help=f"Highlight this {kind} in the article",
                )

    async def discover(self) -> Hits:
        analysis, facts = self._facts()
        if analysis is None:
            return
        app: WirelensApp = self.app  # type: ignore[assignment]
        for fact, text in facts[:50]:
            candidate = f"{_KIND_NAME[kind_of(fact)]}: {text}"
            yield DiscoveryHit(self._display(candidate), partial(app.select_fact, fact.id, True), text=candidate)

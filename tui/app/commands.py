"""Command palette: jump to any fact (entity, quote, event, …) of the article on screen,
or open the timeline of all the open articles' events.

Theme switching comes from Textual's own system commands, kept beside this one.
A hit's prompt *and its help line* are `Content` (never markup): the palette runs
`Content.from_markup` on both, so a plain string holding another form of a name
(`Joe Biden[/]Jr`) would raise MarkupError and end the app.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, Iterable, NamedTuple, Sequence, cast

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from ..analysis import Analysis
from ..kinds import Fact, kinds
from .labels import clip, fact_label, fact_search_text, one_line

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp


class Row(NamedTuple):
    """One fact in the palette."""

    fact: Fact
    prefix: str  # "Entity: ": says the kind, never matched
    label: str  # the panel row, shown after the prefix
    names: str  # what a query is matched against: the fact's names (`Kind.search_text`)
    help: Content


class FactsProvider(Provider):
    """Every fact of the current article, found by typing part of it."""

    @property
    def wirelens(self) -> WirelensApp:
        # The palette is only opened in the Wirelens app (COMMANDS names this provider).
        return cast("WirelensApp", self.app)

    def _facts(self) -> tuple[Analysis | None, list[Row]]:
        """The article on screen's analysis, and a row for each of its facts, in panel order."""
        analysis = self.wirelens.analysis
        if analysis is None:
            return None, []
        rows = []
        for kind in kinds():
            prefix = f"{kind.singular.capitalize()}: "
            for f in kind.ordered(kind.facts(analysis)):  # as the panels list them
                label = clip(" ".join(fact_label(analysis, f).plain.split()), 110)
                rows.append(Row(f, prefix, label, fact_search_text(analysis, f), Content(one_line(kind.hint_text(f)))))
        return analysis, rows

    def _display(self, text: str, offsets: Sequence[int] = ()) -> Content:
        content = Content(text)  # plain: article text is never markup
        style = self.match_style or Style(bold=True, underline=True)
        for offset in offsets:
            if offset < len(text) and not text[offset].isspace():
                content = content.stylize(style, offset, offset + 1)
        return content

    async def search(self, query: str) -> Hits:
        """Hits on a fact's names (an entity's name and other forms, a quote's speaker and
        words, an event's participants and verb), never on its count or kind: "1" does not
        find every entity named once. Where the row shows the matched letters they are lit."""
        analysis, rows = self._facts()
        if analysis is None:
            return
        matcher = self.matcher(query)
        app = self.wirelens
        for fact, prefix, label, names, help_text in rows:
            score = matcher.match(names)
            if score <= 0:
                continue
            shown = prefix + label
            lit, offsets = matcher.fuzzy_search.match(matcher.query, label)
            offsets = [len(prefix) + o for o in offsets] if lit else []
            yield Hit(score, self._display(shown, offsets), partial(app.select_fact, fact.id, True),
                      text=shown,
                      help=help_text)  # type: ignore[arg-type]  # Textual types help as str, renders Content as is

    async def discover(self) -> Hits:
        analysis, rows = self._facts()
        if analysis is None:
            return
        app = self.wirelens
        for fact, prefix, label, _, help_text in rows[:50]:
            shown = prefix + label
            yield DiscoveryHit(self._display(shown), partial(app.select_fact, fact.id, True), text=shown,
                               help=help_text)  # type: ignore[arg-type]  # Textual types help as str, renders Content as is


class TimelineProvider(Provider):
    """The timeline (`t`): every event of the open articles in date order."""

    TITLE = "Timeline"
    HELP = "Every event of the open articles in date order; Enter goes to one"

    def _open(self) -> None:
        cast("WirelensApp", self.app).action_timeline()

    def _shown(self) -> bool:
        """Not on the timeline itself."""
        from .timeline import TimelineScreen

        return not isinstance(self.screen, TimelineScreen)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = max(matcher.match(self.TITLE), matcher.match(f"{self.TITLE} events dates") * 0.8)
        if score > 0 and self._shown():
            yield Hit(score, matcher.highlight(self.TITLE), self._open, text=self.TITLE, help=self.HELP)

    async def discover(self) -> Hits:
        if self._shown():
            yield DiscoveryHit(self.TITLE, self._open, help=self.HELP)


def system_commands(app: "WirelensApp", theirs: Iterable[SystemCommand]) -> Iterable[SystemCommand]:
    """Textual's own commands, but "Keys" opens this app's help (every key and its id): Textual's
    keys panel listed bindings that do nothing here, squeezed the footer and stayed on Esc."""
    for command in theirs:
        if command.title == "Keys":
            yield SystemCommand("Keys", "Every key and the id keymap.json names it by (the ? help)", app.action_help)
        else:
            yield command

"""The Corpus screen (`c`): one row per person, organisation or place across all open articles.

A reporter following a story walks from a person to everything they said and did in the
whole folder: the left list is `tui.corpus.merge` of every finished analysis; the right
one shows, grouped by article, what the selected entity said, what it did or had done
to it, and what others said about it. Enter on a fact closes the screen and selects it
in its article, lit; `c` or Esc there comes back to the same place. Articles still to be
analysed are queued when the screen opens (`batch`) and join as they finish, with a count.
"""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterator

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..analysis import Analysis, Article, Event, Quote
from ..sources import SourceError
from .footer import KeyBar
from .labels import clip, fact_label, one_line
from . import batch
from .corpus_actions import open_corpus, readable

if TYPE_CHECKING:  # pragma: no cover
    from ..corpus import CorpusEntity  # the merge itself is imported when the screen first merges
    from .app import WirelensApp

ROLES = (("quotes", "said"), ("events", "did"), ("about", "about"))
NAME_WIDTH = 24
#: From this many finished analyses on, the cross-article merge runs in a thread, not on the UI's.
MERGE_IN_THREAD = 40
#: Seconds between refills while articles join, and at least this many times what the last cost:
#: the merges then take at most 1/25 of the app's time while the analysis child works beside it
#: (about every 6 s at the end of 500 articles, as with 16 before the merge took a third less).
REFILL_EVERY = 0.3
REFILL_SHARE = 24
#: Entity rows the list holds at first; more join as the cursor nears its end.
ROWS_AT_ONCE = 200
#: A word for each kind of entity, short enough for a column.
GROUPS = {"PERSON": "person", "ORG": "organisation", "GPE": "place", "LOC": "place", "FAC": "facility",
          "NORP": "group", "PRODUCT": "product", "EVENT": "event", "WORK_OF_ART": "work", "LAW": "law"}


@dataclass(frozen=True)
class Place:
    """Where the screen was: the entity row (by its names) and the fact row."""

    entity: str | None = None
    fact: str | None = None


def _widths(text: str) -> list[int]:
    return [len(word) for word in text.split(" ")]


def finished(app: WirelensApp) -> list[Analysis]:
    """The analyses done so far, in the order the articles were given."""
    return [app.analyses[a.path] for a in readable(app) if a.path in app.analyses]


class CorpusList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="corpus.down"),
        Binding("k", "cursor_up", "Up", show=False, id="corpus.up"),
        Binding("g", "first", "First", show=False, id="corpus.first"),
        Binding("G", "last", "Last", show=False, id="corpus.last"),
        Binding("enter", "select", "Open", id="corpus.select"),
    ]


class EntityList(CorpusList):
    """The entity rows, given to the list a window at a time (`ROWS_AT_ONCE`): an OptionList of
    2,500 rows took 150 ms to fill and as long again to lay out, on the UI thread."""

    def action_last(self) -> None:
        screen = self.screen
        if isinstance(screen, CorpusScreen):
            screen.show_more(len(screen._rows))
        super().action_last()

    def action_page_down(self) -> None:
        screen = self.screen
        if isinstance(screen, CorpusScreen) and self.highlighted is not None:
            screen.show_more(self.highlighted + 2 * max(self.size.height, 10))
        super().action_page_down()


class CorpusScreen(ModalScreen["tuple[int, str] | None"]):
    """Dismissed with (article index, fact id) to go to, or None."""

    CSS_PATH = "screens.tcss"  # read on first open, not at start-up

    BINDINGS = [
        Binding("escape,c,q", "dismiss", "Close", id="corpus.close"),
        Binding("tab", "switch", "Entities/facts", id="corpus.switch"),
        Binding("question_mark", "app.help", "Help", key_display="?", show=False, id="corpus.help"),
    ]

    def __init__(self, place: Place | None = None) -> None:
        super().__init__()
        self.place = place or Place()
        self._rows: list[CorpusEntity] = []
        self._ids: list[str] = []  # the rows' option ids
        self._more_facts: Iterator[Option] = iter(())  # the highlighted entity's fact rows not listed yet
        self._by_id: dict[str, tuple[Analysis, dict[str, Quote | Event]]] = {}  # path -> (analysis, its quotes and events by id)
        self._analyses: list[Analysis] = []
        self._targets: dict[str, tuple[int, str]] = {}
        self._seen = -1
        self._merging = False  # a merge runs in a thread: the next waits for it
        self._next_refill = 0.0  # monotonic time before which no new refill starts
        self._progress = ""
        #: The reader picked the entity row: refills keep it (else they stay on the first row).
        self._chosen = self.place.entity is not None

    @property
    def wirelens(self) -> WirelensApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="corpus"):
            yield Static("", id="corpus-status", markup=False)
            with Horizontal(id="corpus-body"):
                yield EntityList(id="corpus-entities")
                yield CorpusList(id="corpus-facts")
            yield KeyBar()

    def on_resize(self) -> None:
        self.set_class(self.size.width < 110, "-narrow")  # the lists one above the other

    def on_mount(self) -> None:
        self.query_one("#corpus-entities").border_title = "Entities across articles"
        self.query_one("#corpus-facts").border_title = "What it said, did, had done to it, and what was said about it"
        work = batch.of(self.wirelens)
        work.add(readable(self.wirelens))  # those not analysed yet, cache first
        work.shown(self.wirelens.source)  # the article on screen is the app's own analysis's
        self._progress = work.progress
        self.refill()
        self.set_interval(0.3, self._poll)
        target = self.query_one("#corpus-facts" if self.place.fact else "#corpus-entities", CorpusList)
        target.focus()

    # --- filling ------------------------------------------------------------------------------------

    def _poll(self) -> None:
        app = self.wirelens
        work = app.corpus_batch
        if work is not None and work.progress != self._progress:  # the batch's count, read here:
            self.set_progress(work.progress)  # its thread never waits on this one to say it
        seen = len(app.analyses) + len(app.errors)
        if self._merging or seen == self._seen:
            return
        all_in = seen >= len(readable(app))
        if all_in or time.monotonic() >= self._next_refill:  # the last one joins at once
            self.refill()

    def refill(self) -> None:
        """Merge the finished analyses and show the rows. A big folder is merged in a thread
        (500 articles take about a second of merging), so the keys go on working; a small one
        here, at once."""
        app = self.wirelens
        self._seen = len(app.analyses) + len(app.errors)
        analyses = finished(app)
        started = time.monotonic()
        if len(analyses) < MERGE_IN_THREAD:
            from ..corpus import merge

            self._show_rows(analyses, merge(analyses))
            self._pace(time.monotonic() - started)
            return
        self._merging = True
        self.run_worker(lambda: self._merge(analyses), thread=True, group="corpus-merge",
                        exit_on_error=False, description="corpus merge")

    def _merge(self, analyses: list[Analysis]) -> None:
        worker = get_current_worker()
        started = time.monotonic()
        try:
            from ..corpus import merge

            rows = merge(analyses)
        except Exception:
            rows = None
        if not worker.is_cancelled:
            self.app.call_from_thread(self._merged, analyses, rows, time.monotonic() - started)

    def _merged(self, analyses: list[Analysis], rows: list[CorpusEntity] | None, cost: float) -> None:
        self._merging = False
        started = time.monotonic()
        if rows is not None and self.is_mounted:
            self._show_rows(analyses, rows)
        self._pace(cost + time.monotonic() - started)

    def _pace(self, cost: float) -> None:
        """Refills take a share of the time, not all of it: merging 500 articles after each one
        that finishes would cost more than analysing them."""
        self._next_refill = time.monotonic() + max(REFILL_EVERY, cost * REFILL_SHARE)

    def _show_rows(self, analyses: list[Analysis], rows: list[CorpusEntity]) -> None:
        self._analyses = analyses
        self._rows = rows
        entities = self.query_one("#corpus-entities", CorpusList)
        keep = self.place.entity if self._chosen else None
        self._ids = self._keys(rows)
        index = next((i for i, k in enumerate(self._ids) if k == keep), 0 if self._rows else None)
        shown = min(len(self._rows), max(ROWS_AT_ONCE, (index or 0) + ROWS_AT_ONCE // 2))
        window = zip(self._rows[:shown], self._ids[:shown], strict=True)
        entities.set_options([Option(self._entity_row(r), id=k) for r, k in window])
        entities.highlighted = index
        if index is not None and self._ids[index] != self.place.entity:
            self.place = Place(self._ids[index], None)  # before the highlight event, which then agrees
        self._show_facts()
        self._update_status()

    @staticmethod
    def _keys(rows: list[CorpusEntity]) -> list[str]:
        """Each row's option id, `label:name`, unique: two people both called "Biden" (kept apart,
        as either could be meant) are `PERSON:Biden` and `PERSON:Biden#2`."""
        seen: dict[str, int] = {}
        out = []
        for r in rows:
            k = CorpusScreen._key(r)
            seen[k] = seen.get(k, 0) + 1
            out.append(k if seen[k] == 1 else f"{k}#{seen[k]}")
        return out

    @staticmethod
    def _key(row: CorpusEntity) -> str:
        return f"{row.label}:{row.name}"

    def _entity_row(self, r: CorpusEntity) -> Content:
        """`Zhai Jun                     person   3 articles  12×`: aligned, the name first."""
        group = GROUPS.get(r.label, r.label.lower().replace("_", " "))
        arts = f"{r.articles} article{'' if r.articles == 1 else 's'}"
        return Content.assemble((clip(one_line(r.name), NAME_WIDTH).ljust(NAME_WIDTH), "bold"), " ",
                                (clip(group, 12).ljust(12), "$text-muted"), " ",
                                (arts.rjust(11), "$text-secondary"), (f"{r.mentions:>4}×", "$text-muted"))

    @property
    def current(self) -> CorpusEntity | None:
        i = self.query_one("#corpus-entities", CorpusList).highlighted
        return self._rows[i] if i is not None and 0 <= i < len(self._rows) else None

    def _show_facts(self) -> None:
        """The highlighted entity's facts, article by article; a window of them at first (an
        entity of 500 articles has thousands), more as the cursor nears the end."""
        facts = self.query_one("#corpus-facts", CorpusList)
        row = self.current
        self._targets = {}
        self._more_facts = self._fact_options(row) if row is not None else iter(())
        keep = self.place.fact
        options: list[Option] = []
        for option in self._more_facts:
            options.append(option)
            if len(options) >= ROWS_AT_ONCE and (not keep or keep in self._targets):
                break
        facts.set_options(options)
        index = next((i for i, o in enumerate(options) if keep and o.id == keep), None)
        if index is None:
            index = next((i for i, o in enumerate(options) if not o.disabled), None)
        facts.highlighted = index

    def _more_fact_rows(self, index: int) -> None:
        facts = self.query_one("#corpus-facts", CorpusList)
        if index < facts.option_count - ROWS_AT_ONCE // 4:
            return
        more = list(itertools.islice(self._more_facts, ROWS_AT_ONCE // 2))
        if more:
            facts.add_options(more)

    def _fact_options(self, row: CorpusEntity) -> Iterator[Option]:
        for app_index, a, p in self._appearances(row):
            art = a.article
            date = f" · {art.date}" if art.date else ""
            head = f"{clip(one_line(art.title or art.name), 60)}{date} · {p.mentions} mention{'' if p.mentions == 1 else 's'}"
            yield Option(Content.styled(head, "bold $text-accent"), disabled=True)
            by_id = self._facts_of(a)
            listed = False
            for field, verb in ROLES:
                for fid in getattr(p, field):
                    fact = by_id.get(fid)
                    if fact is None:
                        continue
                    oid = f"{app_index}:{fid}"
                    self._targets[oid] = (app_index, fid)
                    role = verb
                    if isinstance(fact, Event) and not (fact.agent and fact.agent.entity == p.entity):
                        role = "to it"
                    label = Content.assemble((f"{role:<6}", "$text-muted"), fact_label(a, fact))
                    listed = True
                    yield Option(label, id=oid)
            if not listed:
                oid = f"{app_index}:{p.entity}"
                self._targets[oid] = (app_index, p.entity)
                yield Option(Content.styled("named only (Enter shows its mentions)", "$text-muted"), id=oid)

    def _facts_of(self, analysis: Analysis) -> dict[str, Quote | Event]:
        """An article's quotes and events by id (looked up once per article, not per fact)."""
        found = self._by_id.get(analysis.article.path)
        if found is None or found[0] is not analysis:
            facts: dict[str, Quote | Event] = {q.id: q for q in analysis.quotes}
            facts.update((v.id, v) for v in analysis.events)
            found = self._by_id[analysis.article.path] = (analysis, facts)
        return found[1]

    def _appearances(self, row: CorpusEntity):
        """(index among the app's sources, analysis, appearance) for each article it is in."""
        paths = {s.path: i for i, s in enumerate(self.wirelens.sources) if isinstance(s, Article)}
        for p in row.appearances:
            a = self._analyses[p.article]
            yield paths[a.article.path], a, p

    def _update_status(self) -> None:
        app = self.wirelens
        total = len(readable(app))
        done = len(self._analyses)
        failed = sum(1 for s in app.sources if isinstance(s, SourceError)) + sum(
            1 for a in readable(app) if a.path in app.errors)
        parts = [f"Corpus · {len(self._rows)} entities in {done} of {total} article{'' if total == 1 else 's'}"]
        if failed:
            parts.append(f"{failed} unreadable (skipped)")
        if done < total - sum(1 for a in readable(app) if a.path in app.errors):
            parts.append(f"analysing {self._progress}".rstrip())
        text = " · ".join(parts)
        status = self.query_one("#corpus-status", Static)
        # A count that moved (`3 of 40` -> `4 of 40`) leaves every word as wide as it was, so the
        # line wraps as before: repainted, without a layout of the whole screen each time one
        # article finishes.
        status.update(text, layout=_widths(text) != _widths(str(status.content)))

    # --- moving -------------------------------------------------------------------------------------

    def show_more(self, upto: int) -> None:
        """Give the entity list its rows up to `upto` (and a window beyond), if it has fewer."""
        entities = self.query_one("#corpus-entities", CorpusList)
        have = entities.option_count
        if have >= len(self._rows) or upto < have - ROWS_AT_ONCE // 4:
            return
        upto = min(len(self._rows), max(upto, have) + ROWS_AT_ONCE // 2)
        entities.add_options([Option(self._entity_row(r), id=k)
                              for r, k in zip(self._rows[have:upto], self._ids[have:upto], strict=True)])

    @on(OptionList.OptionHighlighted, "#corpus-entities")
    def _entity_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self.show_more(event.option_index)  # near the end of what the list has: the next rows
        if event.option.id != self.place.entity:  # a refill re-highlights the same row: keep the fact
            self._chosen = True
            self.place = Place(event.option.id, None)
            self._show_facts()

    @on(OptionList.OptionSelected, "#corpus-entities")
    def _entity_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.query_one("#corpus-facts", CorpusList).focus()

    @on(OptionList.OptionHighlighted, "#corpus-facts")
    def _fact_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._more_fact_rows(event.option_index)
        self.place = Place(self.place.entity, event.option.id)

    @on(OptionList.OptionSelected, "#corpus-facts")
    def _fact_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        target = self._targets.get(event.option.id or "")
        if target is not None:
            self.place = Place(self.place.entity, event.option.id)
            self.dismiss(target)

    def action_switch(self) -> None:
        entities = self.query_one("#corpus-entities", CorpusList)
        facts = self.query_one("#corpus-facts", CorpusList)
        (entities if facts.has_focus else facts).focus()

    def set_progress(self, text: str) -> None:
        """The batch's count (`3 of 40`), or '' when it has nothing left."""
        self._progress = text
        if self.is_mounted:
            self._update_status()


class CorpusProvider(Provider):
    """The palette's way to the Corpus screen."""

    async def discover(self) -> Hits:
        yield DiscoveryHit("Corpus", self._open, help="Entities across all open articles: what each said and did")

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        score = matcher.match("Corpus")
        if score > 0:
            yield Hit(score, matcher.highlight("Corpus"), self._open,
                      help="Entities across all open articles: what each said and did")

    def _open(self) -> None:
        open_corpus(self.app)  # type: ignore[arg-type]

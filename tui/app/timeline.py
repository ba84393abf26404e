"""The timeline (`t`): every event of every open article, in date order, undated ones after.

The Events panel tells one article's story; the timeline lines up all of them, so a
reader sees what happened when across the articles given. Each row names its article
and reads as the panel's row does; Enter (or a click) closes the timeline and selects
the event in its article, lit in the text. Articles not analysed yet are analysed
while the timeline is open, one after another, and their events join the list as
each one finishes; the status line says how many are still to come.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Sequence

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..analysis import Analysis, Article, Event
from ..kinds import EVENT, fact_markdown
from . import sharing
from .footer import KeyBar
from .labels import clip, display_text, fact_label, fact_title, one_line
from .messages import AnalysisFailed, AnalysisReady, error_line
from .articles import ArticleList

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp

DATE_WIDTH = 10  # an ISO date; a year or a month alone is shorter


@dataclass(frozen=True)
class Entry:
    """One row: an event of the article `index` (its place among the app's sources)."""

    index: int
    analysis: Analysis
    event: Event

    @property
    def id(self) -> str:
        return f"{self.index}:{self.event.id}"

    @property
    def date(self) -> str | None:
        return self.event.time.date if self.event.time is not None else None


def entries(sources: Sequence[object], analyses: dict[str, Analysis]) -> list[Entry]:
    """The events of the analysed articles: dated ones by date (a year alone before its
    months, as ISO text sorts), then the undated ones; ties in article, then text, order."""
    found = [Entry(i, analyses[src.path], v) for i, src in enumerate(sources)
             if isinstance(src, Article) and src.path in analyses for v in analyses[src.path].events]
    dated = sorted((e for e in found if e.date), key=lambda e: (e.date, e.index, e.event.start))
    return dated + [e for e in found if not e.date]


def pending(app: WirelensApp) -> list[Article]:
    """The readable articles whose analysis has neither finished nor failed."""
    return [s for s in app.sources if isinstance(s, Article) and s.path not in app.analyses
            and s.path not in app.errors]


def row(entry: Entry, name_width: int, width: int | None = None) -> Content:
    """`2023-10-19  Chinese Mideast envoy…  <the panel's row>`, within `width` when given (the
    event's words clipped as in the panel, its verb kept)."""
    date = entry.date or "undated"
    article = entry.analysis.article
    name = clip(one_line(article.title or article.name), name_width).ljust(name_width)
    suffix = f" · {entry.date}"
    room = width - DATE_WIDTH - name_width - 4 + (len(suffix) if entry.date else 0) if width else None
    label = fact_label(entry.analysis, entry.event, room if room and room > 0 else None)
    if entry.date and label.plain.endswith(suffix):
        label = label.right_crop(len(suffix))  # the date column says it already
    return Content.assemble((date.ljust(DATE_WIDTH), "$text-accent" if entry.date else "$text-muted"), "  ",
                            (name, "$text-secondary"), "  ", label)


def sentence(entry: Entry) -> Content:
    """The event's sentence in the article's words, its trigger and time lit as in the text."""
    v, text = entry.event, entry.analysis.article.text
    start, end = v.sentence
    body = Content(display_text(text[start:end]).replace("\n", " "))  # one for one: offsets hold
    for span, style in (((v.start, v.end), "bold underline"), ((v.time.start, v.time.end) if v.time else None,
                                                                 "$text-accent")):
        if span is not None and start <= span[0] < span[1] <= end:
            body = body.stylize(style, span[0] - start, span[1] - start)
    title = one_line(entry.analysis.article.title or entry.analysis.article.name)
    return Content.assemble((title, "bold $text-secondary"), ("  ", ""), body)


class TimelineList(OptionList):
    """The rows; Enter or a click goes to the event."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="timeline.down"),
        Binding("k", "cursor_up", "Up", show=False, id="timeline.up"),
        Binding("g", "first", "First", show=False, id="timeline.first"),
        Binding("G", "last", "Last", show=False, id="timeline.last"),
        Binding("enter", "select", "Go to event", id="timeline.select"),
    ]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter dimmed while there is no event to go to."""
        return None if action == "select" and self.highlighted is None else True


class TimelineScreen(ModalScreen["tuple[int, str] | None"]):
    """Dismissed with (article index, event id) to go to, or None."""

    CSS_PATH = "screens.tcss"  # read on first open, not at start-up

    BINDINGS = [
        Binding("escape,t,q", "dismiss", "Close", id="timeline.close"),
        Binding("y", "copy", "Copy", id="timeline.copy"),
        Binding("question_mark", "app.help", "Help", key_display="?", show=False, id="timeline.help"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._entries: dict[str, Entry] = {}
        self._progress = ""
        self._moved = False  # the reader has moved the cursor: rows joining keep it on its event
        self._placed: str | None = None  # the row refill put the cursor on

    @property
    def wirelens(self) -> WirelensApp:
        return self.app  # type: ignore[return-value]  # only ever pushed by the Wirelens app

    def compose(self) -> ComposeResult:
        with Vertical(id="timeline-box") as box:
            box.border_title = "Timeline"
            yield Static("", id="timeline-status", markup=False)
            yield TimelineList(id="timeline-list", markup=False)
            yield Static("", id="timeline-sentence", markup=False)
        yield KeyBar()

    def on_mount(self) -> None:
        self.refill()
        self.query_one(TimelineList).focus()
        waiting = [a for a in pending(self.wirelens) if self.wirelens.article is not a]  # its own worker has it
        if waiting:
            self.analyse(waiting)

    def on_resize(self) -> None:
        self.refill()

    @property
    def current(self) -> Entry | None:
        option = self.query_one(TimelineList).highlighted_option
        return self._entries.get(option.id or "") if option is not None else None

    def refill(self) -> None:
        """The rows again (an analysis finished, the screen was resized); the cursor stays on its event."""
        app = self.wirelens
        found = entries(app.sources, app.analyses)
        lst = self.query_one(TimelineList)
        keep = lst.highlighted_option.id if lst.highlighted_option is not None and self._moved else None
        width = 16 if self.size.width < 100 else 28
        room = max(0, lst.scrollable_content_region.width - 1) or None  # less a scroll bar to come
        options: list[Option | None] = []
        for i, entry in enumerate(found):
            if i and not entry.date and found[i - 1].date:
                options.append(None)  # a rule before the undated ones
            options.append(Option(row(entry, width, room), id=entry.id))
        self._entries = {e.id: e for e in found}
        lst.set_options(options)
        ids = [e.id for e in found]
        if ids:  # until the reader moves, the first row: the earliest event, as rows join
            self._placed = keep if keep in ids else ids[0]
            lst.highlighted = ids.index(self._placed)
        self.refresh_bindings()  # Enter and y lit once there is an event
        dated = sum(1 for e in found if e.date)
        articles = len({e.index for e in found})
        box = self.query_one("#timeline-box")
        box.border_title = Content(f"Timeline · {dated} dated, {len(found) - dated} undated · "
                                   f"{articles} article{'' if articles == 1 else 's'}")
        self._update_status()
        self._show_sentence()

    def _update_status(self) -> None:
        waiting = pending(self.wirelens)
        failed = sum(1 for s in self.wirelens.sources if isinstance(s, Article) and s.path in self.wirelens.errors)
        parts = []
        if waiting:
            n = len(waiting)
            parts.append(f"{n} article{'' if n == 1 else 's'} still being analysed: "
                         f"{'its' if n == 1 else 'their'} events join the list as each one finishes")
            if self._progress:
                parts.append(self._progress)
        if failed:
            parts.append(f"{failed} could not be analysed")
        if not self._entries and not waiting:
            parts.append("No events in the open articles")
        status = self.query_one("#timeline-status", Static)
        status.update(Content(" · ".join(parts)))
        status.display = bool(parts)

    @on(OptionList.OptionHighlighted, "#timeline-list")
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        # (the highlight messages of a refill come after it, for the row it placed)
        self._moved = self._moved or (event.option.id is not None and event.option.id != self._placed)
        self._show_sentence()

    def _show_sentence(self) -> None:
        entry = self.current
        self.query_one("#timeline-sentence", Static).update(sentence(entry) if entry else Content(""))

    @on(OptionList.OptionSelected, "#timeline-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entry = self._entries.get(event.option.id or "")
        if entry is not None:
            self.dismiss((entry.index, entry.event.id))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """`y` dimmed while there is no event to copy."""
        return None if action == "copy" and self.current is None else True

    def action_copy(self) -> None:
        entry = self.current
        if entry is None:
            self.notify("No event to copy yet.", severity="warning", markup=False)
            return
        sharing._copy(self.wirelens, fact_markdown(entry.analysis, entry.event),  # noqa: SLF001 - y's own wording
                      fact_title(entry.analysis, entry.event))

    # --- the articles not analysed yet ------------------------------------------------------------

    @work(thread=True, exclusive=True, group="timeline", exit_on_error=False, description="timeline")
    def analyse(self, articles: list[Article]) -> None:
        """Analyse the articles one after another; each result goes to the app like any other.

        The worker belongs to the screen: closing the timeline cancels it, and what
        finished so far is kept."""
        worker = get_current_worker()
        app = self.wirelens
        analyser = app.analyser()
        for n, article in enumerate(articles, 1):
            if worker.is_cancelled:
                return
            if article.path in app.analyses or article.path in app.errors:
                continue
            name = clip(one_line(article.title or article.name), 40)
            app.call_from_thread(self._set_progress, f"now {name} ({n} of {len(articles)})")
            try:
                result = analyser(article, progress=lambda text: None, cancelled=lambda: worker.is_cancelled)
            except Exception as exc:  # one line in the app, never a traceback
                if not worker.is_cancelled:
                    app.post_message(AnalysisFailed(article.path, error_line(exc)))
                continue
            if result is not None and not worker.is_cancelled:
                app.post_message(AnalysisReady(article.path, result))
        app.call_from_thread(self._set_progress, "")

    def _set_progress(self, text: str) -> None:
        self._progress = text
        if self.is_mounted:
            self._update_status()


def open_timeline(app: WirelensApp) -> None:
    """Push the timeline; on Enter, go to the event chosen."""
    if isinstance(app.screen, TimelineScreen):
        return

    def chosen(target: tuple[int, str] | None) -> None:
        if target is not None:
            go_to_event(app, *target)

    app.push_screen(TimelineScreen(), chosen)


def go_to_event(app: WirelensApp, index: int, event_id: str) -> None:
    """Show the article and select the event in the Events panel (listing all if it is minor), lit."""
    if len(app.sources) > 1:
        app.query_one(ArticleList).highlighted = index
    app.show_article(index)
    app.select_fact(event_id)
    events = app.panel(EVENT.key)
    if events.current is None or events.current.id != event_id:  # the article changed under us
        app.notify("That event is no longer in its article.", severity="warning", markup=False)


def analyses_changed(app: WirelensApp) -> None:
    """An analysis finished or failed: an open timeline lists it."""
    for screen in app.screen_stack:
        if isinstance(screen, TimelineScreen) and screen.is_mounted:
            screen.refill()

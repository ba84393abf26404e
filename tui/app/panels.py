"""The fact panels, one per kind of fact: Entities, Quotes, Events, ….

Each fact panel is an OptionList (fast with thousands of rows) under a filter
Input that appears on `/`, over a one-line status that says what is happening:
analysing, nothing found, or the error.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass
from typing import Sequence

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..analysis import Analysis
from ..kinds import Kind
from . import borders
from .labels import Fact, fact_label, fact_search_text, one_line, search_fold
from .factlist import FactList, FilterInput
from .rows import REFIT_HERE, Rows, group_heading
from .spinner import Spinner


class FactPanel(Vertical):
    """One kind of fact (a `tui.kinds.Kind`): a filter, the rows and a status line."""

    can_focus = False

    @dataclass
    class Highlighted(Message):
        """The cursor moved to a fact (`fact` is None when the list became empty); `placed`
        when the panel put it there as its rows came, not the reader."""

        panel: FactPanel
        fact: Fact | None
        placed: bool = False

    @dataclass
    class Chosen(Message):
        """Enter on a fact: focus goes to the article."""

        panel: FactPanel
        fact: Fact

    def __init__(self, kind: Kind, *, id: str | None = None) -> None:
        super().__init__(id=id or kind.field, classes="fact-panel")
        self.fact_kind = kind
        self.kind = kind.field  # "entities": the prefix of the children's ids
        self.title = kind.title
        self.empty_message = f"No {kind.plural} found"
        self.filter_text = ""
        self.filter_opening = False  # `/` pressed, the filter not focused yet
        #: The row the panel put the cursor on as its rows came (the reader has not moved it since).
        self._placed: int | None = None
        self._analysis: Analysis | None = None
        self._facts: list[Fact] = []
        #: Search text (`search_fold`ed) and label of each fact, made when first needed unless prepared.
        self._search: dict[str, str] = {}
        self._labels: dict[str, Content] = {}
        self._labels_width: int | None = None  # the row width the labels are fitted to, if the kind fits them
        self._by_id: dict[str, Fact] = {}
        #: The row of each fact now listed (the filter hides the others).
        self._row: dict[str, int] = {}
        self._state = "idle"
        self._minor_count = 0
        #: List the minor facts too (events that are not main); `a` toggles it.
        self.show_all = False
        self.border_title = kind.title

    def compose(self) -> ComposeResult:
        # The filter and the status line are made when first needed (`/`; nothing found, an
        # error): each widget at start-up costs its styling before the first frame.
        # The spinner lies over the (empty) list while analysing, so the list keeps its size
        # from start to filled: its rows are measured once, before the frame that shows them.
        yield FactList(id=f"{self.kind}-list", markup=False)
        yield Spinner("Analysing…", id=f"{self.kind}-spinner", classes="spinner")

    def on_mount(self) -> None:
        self.spinner.display = False

    # --- children -----------------------------------------------------------------------------

    @property
    def list(self) -> FactList:
        return self.query_one(FactList)

    @property
    def filter_input(self) -> FilterInput:
        """The filter above the rows, mounted (hidden) on first use."""
        found = self.query_children(FilterInput)
        if found:
            return found.first()
        filter_input = FilterInput(placeholder=f"Filter {self.title.lower()}…", id=f"{self.kind}-filter", classes="filter",
                                   select_on_focus=False)  # (what was typed as it opened is kept, not replaced)
        filter_input.display = False
        self.mount(filter_input, before=0)
        return filter_input

    @property
    def has_filter_input(self) -> bool:
        return bool(self.query_children(FilterInput))

    @property
    def spinner(self) -> Spinner:
        return self.query_one(Spinner)

    @property
    def status(self) -> Static:
        """The line that says nothing was found, or the error; mounted (hidden) on first use."""
        found = self.query_children(".status")
        if found:
            return found.first(Static)
        status = Static("", id=f"{self.kind}-status", classes="status", markup=False)
        status.display = False
        self.mount(status, before=self.list)
        return status

    def _hide_status(self) -> None:
        for status in self.query_children(".status"):
            status.display = False

    @property
    def facts(self) -> builtins.list[Fact]:  # `list` here is the panel's FactList
        return list(self._facts)

    @property
    def state(self) -> str:
        return self._state

    @property
    def has_minor(self) -> bool:
        """Some facts are listed only on request (`a`): minor events, dates and numbers."""
        return self._state == "ready" and self._minor_count > 0

    @property
    def analysis(self) -> Analysis | None:
        return self._analysis

    # --- states -------------------------------------------------------------------------------

    def show_loading(self, message: str = "Analysing…") -> None:
        """The spinner instead of the rows (not Textual's `set_loading`, which is kept intact)."""
        self._state = "loading"
        self._analysis, self._facts, self._by_id, self._search, self._labels, self._row = None, [], {}, {}, {}, {}
        self.list.clear_options()
        self.list.display = True  # empty, under the spinner
        self.spinner.set_message(message)
        self.spinner.display = True
        self._hide_status()
        borders.set_subtitle(self, "")
        self._set_title()

    def set_error(self, message: str) -> None:
        self._state = "error"
        self._analysis, self._facts, self._by_id, self._search, self._labels, self._row = None, [], {}, {}, {}, {}
        self.list.clear_options()
        self.list.display = True  # empty, as with no facts: a focused list keeps the focus
        self.spinner.display = False
        self._show_status(message, "-error")
        borders.set_subtitle(self, "")
        self._set_title()

    def set_facts(self, analysis: Analysis, facts: Sequence[Fact], keep: str | None = None, note: str = "",
                  rows: Rows | None = None) -> None:
        """Show facts; `keep` is the id to leave the cursor on, `note` says more are coming;
        `rows`, prepared off the UI thread for this analysis, saves ordering and labelling here."""
        self._state = "ready"
        self._analysis = analysis
        if rows is not None and rows.analysis is analysis:
            self._facts, self._labels, self._search = rows.facts, rows.labels, rows.search
            self._labels_width = rows.width
        else:
            self._facts, self._labels, self._search = self.fact_kind.ordered(facts), {}, {}
            self._labels_width = self._row_width()
        self._by_id = {f.id: f for f in self._facts}
        minor = self.fact_kind.minor
        self._minor_count = sum(1 for f in self._facts if minor(f)) if minor is not None else 0
        self.spinner.display = False
        borders.set_subtitle(self, Content(note))  # never markup (a border title is parsed as markup)
        self._rebuild(keep=keep, placed=True)

    def set_note(self, note: str) -> None:
        """A word under the border (e.g. "analysing… 40%" while more facts are coming)."""
        borders.set_subtitle(self, Content(note))

    def _show_status(self, message: str, cls: str = "") -> None:
        self.status.set_classes(f"status {cls}".strip())
        self.status.update(Content(one_line(message)))
        self.status.display = True

    def _set_title(self) -> None:
        self.list.refresh_bindings()  # the state changed: `a` is offered only when ready
        shown = len(self._row)
        total = len(self._facts)
        if self._state != "ready":
            borders.set_title(self, Content(self.title))
        elif self.filter_text:
            borders.set_title(self, Content(f"{self.title} {shown}/{total}"))
        elif shown < total:  # the main ones only: `a` lists all
            borders.set_title(self, Content(f"{self.title} {shown} of {total}"))
        else:
            borders.set_title(self, Content(f"{self.title} {total}"))

    def _listed(self) -> Sequence[Fact]:
        """The facts the panel lists: the main ones unless all are asked for."""
        minor = self.fact_kind.minor
        if minor is None or self.show_all:
            return self._facts
        return [f for f in self._facts if not minor(f)]

    def toggle_all(self) -> None:
        if self.fact_kind.minor is None:
            return
        self.show_all = not self.show_all
        self._rebuild()

    def _visible_facts(self) -> Sequence[Fact]:
        needle = search_fold(self.filter_text).strip()
        if not needle:
            return self._listed()
        words = needle.split()
        search = self._search_text
        # A filter looks through every fact, the ones `a` would show too: "thursday" finds the date
        return [f for f in self._facts if all(w in search(f) for w in words)]

    def _search_text(self, fact: Fact) -> str:
        text = self._search.get(fact.id)
        if text is None:
            assert self._analysis is not None
            text = self._search[fact.id] = search_fold(fact_search_text(self._analysis, fact))
        return text

    def _label(self, fact: Fact) -> Content:
        label = self._labels.get(fact.id)
        if label is None:
            assert self._analysis is not None
            label = self._labels[fact.id] = fact_label(self._analysis, fact, self._labels_width)
        return label

    def _row_width(self) -> int | None:
        """A row's width now, for a kind that fits its rows (less a scroll bar to come)."""
        width = self.list.scrollable_content_region.width - 1 if self.fact_kind.fitted is not None else 0
        return width if width > 0 else None

    def on_resize(self) -> None:
        """Rows fitted to the old width are made for the new one, off the UI thread when there
        are many (1,000 take 30 ms); the app keeps the width for the rows its workers make."""
        width = self._row_width()
        if width is None:
            return
        self.app.row_widths[self.kind] = width  # type: ignore[attr-defined]  # the Wirelens app's
        if not self._facts or width == self._labels_width:
            return
        analysis, facts = self._analysis, list(self._facts)
        if len(facts) <= REFIT_HERE:
            self._refitted(analysis, width, {})
            return

        def refit() -> None:
            labels = {f.id: fact_label(analysis, f, width) for f in facts}
            self.app.call_from_thread(self._refitted, analysis, width, labels)

        self.run_worker(refit, thread=True, exclusive=True, group=f"refit-{self.kind}", exit_on_error=False)

    def _refitted(self, analysis: Analysis | None, width: int, labels: dict[str, Content]) -> None:
        if analysis is self._analysis and width == self._row_width():  # (the old rows meanwhile)
            self._labels, self._labels_width = labels, width
            self._rebuild()

    def _rebuild(self, keep: str | None = None, placed: bool = False) -> None:
        """The rows again; `placed` when the facts came (not a filter or `a` the reader typed):
        the cursor is the panel's then, and the article is not moved to it."""
        lst = self.list
        if keep is None and lst.highlighted_option is not None:
            keep = lst.highlighted_option.id
        facts = self._visible_facts()
        options: list[Option] = []
        group = self.fact_kind.group
        heading: object = None
        # The option index of each fact: headings are options too (disabled, so the
        # cursor steps over them), so a fact's row counts the headings above it.
        rows: dict[str, int] = {}
        for i, f in enumerate(facts):
            here = group(f) if group is not None else None
            if group is not None and (i == 0 or here != heading):
                heading = here
                options.append(group_heading(here))
            rows[f.id] = len(options)
            options.append(Option(self._label(f), id=f.id))
        with self.app.batch_update():
            lst.set_options(options)
            lst.measure()  # now, not while the next frame renders it: one layout pass, not two
            self._row = rows
            lst.display = True
            if facts:
                self._hide_status()
                lst.highlighted = rows.get(keep, rows[facts[0].id]) if keep is not None else rows[facts[0].id]
                # (a move of the reader's not yet handled keeps its say: it still goes to the fact)
                self._placed = lst.highlighted if placed and not lst.reader_moved else None
            else:
                if self.filter_text:
                    self._show_status(f"No {self.fact_kind.plural} match “{self.filter_text}”", "-empty")
                else:
                    self._show_status(self.empty_message, "-empty")
                self.post_message(self.Highlighted(self, None))
        self._set_title()  # (and the footer again: Enter lit only with a fact to go to)

    # --- filter -------------------------------------------------------------------------------

    def open_filter(self) -> None:
        if self._state != "ready":
            self.app.bell()
            return
        self.filter_input.display = True
        self.filter_input.focus()
        self.filter_opening = True  # until the filter has the focus, the list types into it

    def type_into_filter(self, character: str | None) -> None:
        """A key typed while the filter was opening: a character (None: backspace)."""
        field = self.filter_input
        value = field.value + character if character is not None else field.value[:-1]
        field.value = value
        field.cursor_position = len(value)

    def clear_filter(self) -> None:
        self.filter_opening = False
        had = bool(self.filter_text)
        if self.has_filter_input:
            self.filter_input.display = False
        if had:
            self.filter_input.value = ""  # fires Changed -> rebuild
            self.filter_text = ""
            self._rebuild()
        self.list.focus()

    @on(Input.Changed, ".filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value == self.filter_text:
            return
        self.filter_text = event.value
        self._rebuild()

    @on(Input.Submitted, ".filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.list.option_count:
            self.list.focus()

    # --- selection ----------------------------------------------------------------------------

    @property
    def current(self) -> Fact | None:
        option = self.list.highlighted_option
        return self._by_id.get(option.id) if option is not None and option.id else None

    def fact(self, fact_id: str) -> Fact | None:
        return self._by_id.get(fact_id)

    def select(self, fact_id: str) -> bool:
        """Move the cursor to a fact, clearing a filter that hides it."""
        if fact_id not in self._by_id:
            return False
        if fact_id not in self._row:  # hidden by the filter, or a minor fact
            if self.has_filter_input:
                self.filter_input.value = ""
                self.filter_input.display = False
            self.filter_text = ""
            minor = self.fact_kind.minor
            if minor is not None and minor(self._by_id[fact_id]):
                self.show_all = True
            self._rebuild(keep=fact_id)
        self._placed = None  # asked for: the article goes to it
        self.list.highlighted = self._row[fact_id]
        self.list.scroll_to_highlight()
        return True

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if isinstance(event.widget, FactList):
            self.post_message(self.Highlighted(self, self.current))

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        fact = self._by_id.get(event.option.id or "")
        if fact is not self.current:
            return  # stale: the rows changed since (a filter typed fast that now matches nothing)
        placed, self._placed = event.option_index == self._placed, None
        self.list.reader_moved = False
        self.post_message(self.Highlighted(self, fact, placed))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        fact = self._by_id.get(event.option.id or "")
        if fact is not None:
            self.post_message(self.Chosen(self, fact))

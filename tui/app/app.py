"""The Wirelens explorer: an article beside its facts, one panel per kind (entities, quotes, events).

The article is on screen at once; the analysis runs apart (a child process, or a thread)
and posts its result back. Analyses are kept per path: going back to one is instant.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Iterable, Mapping, Sequence

from textual import events, on, work
from textual.app import App, ComposeResult, ScreenStackError, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.screen import Screen
from textual.worker import get_current_worker

from ..analysis import Analysis, Article
from ..kinds import all_facts, fact_key, kind, kind_of, kinds
from ..sources import Pending, SourceError
from .article import ArticleView
from . import batch, borders, fetching, filling, later, sharing
from .corpus_actions import ACTIONS as CORPUS_ACTIONS, CorpusActions
from .footer import KeyBar
from .keymap import KeptKeymap, warn_unknown_ids
from .labels import Fact, covers, fact_spans, span_counter, title_end
from .messages import AnalysisFailed, AnalysisPartial, AnalysisProgress, AnalysisReady, error_line, takes_partial
from .articles import ArticleList
from .header import ArticleHeader
from .panels import FactPanel
from .rows import Rows, prepare
from .signals import ExitOnSignals
from .startup import QuietStart, read_cached

Source = Article | SourceError | Pending  # Pending: a feed's item, fetched in the background
AnalyserFn = Callable[..., "Analysis | None"]


class WirelensApp(KeptKeymap, QuietStart, CorpusActions, sharing.SharingActions, fetching.FetchedItems, ExitOnSignals,
                  App[None]):
    """`WirelensApp(sources).run()`.

    `cache=False` neither reads nor writes the disk cache. Tests pass `analyses=`
    (path -> Analysis, shown without any worker) or `analyser=` (a callable
    `analyser(article, *, progress, cancelled)`, run in the worker) to avoid the model.
    """

    CSS_PATH = "app.tcss"
    TITLE = "Wirelens"
    # The palette's own commands, imported when it first opens (not before the first frame).
    COMMANDS = App.COMMANDS | {later.facts_provider, later.timeline_provider, later.corpus_provider}
    NOTIFICATION_TIMEOUT = 6

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark", "help", "Help", key_display="?", id="app.help"),
        Binding("y", "copy", "Copy", id="app.copy"),
        Binding("Y", "copy_all", "Copy all", key_display="Y", id="app.copy_all"),
        Binding("e", "export", "Export", id="app.export"),
        Binding("t", "timeline", "Timeline", id="app.timeline"),
        Binding("c", "corpus", "Corpus", id="app.corpus"),
        Binding("escape", "back_to_corpus", "Back to corpus", id="app.back_to_corpus"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, priority=True, id="app.command_palette"),
    ]

    def __init__(
        self,
        sources: Sequence[Source],
        model: str | None = None,
        date: str | None = None,
        *,
        cache: bool = True,
        analyses: Mapping[str, Analysis] | None = None,
        analyser: AnalyserFn | None = None,
        remember_theme: bool = False,
    ) -> None:
        super().__init__()
        self.remember_theme = remember_theme  # the theme picked is kept for the next start
        if date:
            sources = [replace(s, date=date) if isinstance(s, Article) else s for s in sources]
        self.sources: list[Source] = list(sources)
        self.model, self.use_cache = model, cache
        self.analyses: dict[str, Analysis] = dict(analyses or {})
        self.errors: dict[str, str] = {}
        self._analyser = analyser
        self.current: int | None = None
        self.selected_fact: Fact | None = None
        self._last_panel: FactPanel | None = None
        self._progress: dict[str, str] = {}
        #: The facts found so far in articles still being analysed (long ones).
        self.partials: dict[str, Analysis] = {}
        #: The panels' rows of each analysis shown (prepared by the worker), by path.
        self._rows: dict[str, dict[str, Rows]] = {}
        #: Each fact panel's row width as last laid out (the panels keep it), for rows made off the UI thread.
        self.row_widths: dict[str, int] = {}
        #: The signal (SIGTERM, SIGHUP) that ended the app, if one did; `return_code` is 128 + it.
        self.exit_signal: int | None = None
        self.export_memory: tuple[str, str | None] = ("json", None)  # last format and folder
        self.filling: object | None = None  # a fill with steps still to come (`filling.fill(spread=True)`)
        self._first_shown = False  # the first article shown (its worker waits for the first frame)

    # --- layout -------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            articles = ArticleList(id="articles", markup=False)
            articles.border_title = "Articles"
            articles.display = len(self.sources) > 1
            yield articles
            with Vertical(id="article-pane") as pane:
                pane.border_title = "Article"
                yield ArticleHeader("", id="article-header", markup=False)
                yield ArticleView(id="article")
            with Vertical(id="facts"):
                for fact_kind in kinds():
                    yield FactPanel(fact_kind)
        # Too narrow for every key (80 columns): these go first, the app's own (t, c, e) stay.
        yield KeyBar(spare=("select", "toggle_all", "copy_all", "quit", "filter"))

    def on_mount(self) -> None:
        if not self.signals_ready():  # terminated while starting
            return
        if self.remember_theme:
            from ..config import load_setting

            theme = load_setting("theme")
            if theme in self.available_themes:
                self.theme = theme
        fetching.list_sources(self)  # a screenful of rows before the first frame, the rest after it
        self._update_width_class()
        if not self.sources:
            self._show_nothing()
            return
        first = next((i for i, s in enumerate(self.sources) if isinstance(s, Article)), 0)
        if len(self.sources) > 1:
            self.query_one(ArticleList).highlighted = first
        read_cached(self, first)  # all in the cache: the first frame shows the facts
        self.show_article(first)
        self._first_shown = True
        self.panels[0].list.focus()
        warn_unknown_ids(self)

    def watch_theme(self, theme: str) -> None:
        if self.remember_theme and self.is_running:
            from ..config import save_setting

            failed = save_setting("theme", theme)
            if failed:
                self.notify(f"The theme is not remembered: {failed}", severity="warning", markup=False, timeout=10)

    def on_resize(self, event: events.Resize) -> None:
        self._update_width_class(event.size.width, event.size.height)

    def _update_width_class(self, width: int | None = None, height: int | None = None) -> None:
        width = self.size.width if width is None else width
        height = self.size.height if height is None else height
        # The reading screen's, also when a dialog, the help or the timeline is on top of it and
        # the terminal is resized then: it is laid out for the new size when it shows again.
        main = self.screen_stack[0] if self.screen_stack else self.screen
        main.set_class(height < 32, "-short")  # one line a quote, equal panels: 5 rows each at 24
        main.set_class(width < 120, "-narrow")
        main.set_class(width < 90, "-tiny")
        main.set_class(width < 60, "-micro")

    # --- widgets ------------------------------------------------------------------------------

    def panel(self, name: str) -> FactPanel:
        """The panel of a kind, by its key ("entity") or its field ("entities")."""
        return self.query_one(f"#{kind(name).field}", FactPanel)

    @property
    def panels(self) -> list[FactPanel]:
        return list(self.query(FactPanel))

    @property
    def article_view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def source(self) -> Source | None:
        return self.sources[self.current] if self.current is not None and self.sources else None

    @property
    def article(self) -> Article | None:
        src = self.source
        return src if isinstance(src, Article) else None

    @property
    def analysis(self) -> Analysis | None:
        """The current article's analysis: the finished one, else the facts found so far."""
        article = self.article
        if article is None:
            return None
        return self.analyses.get(article.path) or self.partials.get(article.path)

    @property
    def closing(self) -> bool:
        """Asked to exit (Textual's flag), or shutting down (a test's end): a late message then
        finds the panels' children already removed, and must not touch them."""
        return self._exit or not self.is_running

    @property
    def analysis_complete(self) -> bool:
        article = self.article
        return article is not None and article.path in self.analyses

    # --- articles -----------------------------------------------------------------------------

    def _show_nothing(self) -> None:
        self.article_view.set_text("")
        self.query_one("#article-header", Static).update(Content.styled("No article given.", "$text-muted"))
        for panel in self.panels:
            panel.set_error("No article")

    def show_article(self, index: int) -> None:
        """Show a source at once; its analysis comes from the cache or a background worker."""
        if not (0 <= index < len(self.sources)):
            return
        if index == self.current:
            return
        self.current = index
        self.selected_fact = None
        self.filling = None  # a fill under way is for the article left
        self.refresh_bindings()  # the footer's copy and export keys follow the article shown
        self._plain_article_border()  # the legend and span counter were the last article's fact's
        src = self.sources[index]
        in_batch = batch.shown(self, src)  # analysed now by the Corpus screen's batch, or taken from its queue
        view = self.article_view
        if isinstance(src, Pending):  # a feed's item still coming
            return fetching.show_pending(self, src)
        if isinstance(src, SourceError):
            self.workers.cancel_group(self, "analysis")
            view.set_text("")
            self.update_header()
            for panel in self.panels:
                panel.set_error("This file could not be read")
            return
        view.set_text(src.text, title_end(src))
        analysis = self.analyses.get(src.path)
        if analysis is not None:
            self.workers.cancel_group(self, "analysis")
            filling.fill(self, analysis, self._rows.get(src.path))
        elif src.path in self.errors:
            self.workers.cancel_group(self, "analysis")
            self._fail(self.errors[src.path])
        else:
            partial = self.partials.get(src.path)
            if partial is not None:
                filling.fill(self, partial, self._rows.get(src.path))
            else:
                for panel in self.panels:
                    panel.show_loading(self._progress.get(src.path, "Analysing…"))
                self.update_header()
            if not in_batch and self._first_shown:
                self.analyse_in_background(src)
            elif not in_batch:  # the first article: its worker starts once the first frame is drawn
                self.call_after_refresh(self._analyse_if_shown, src)

    def _analyse_if_shown(self, article: Article) -> None:
        """(Its thread would otherwise share the interpreter with the first frame's work.)"""
        if self.source is article and article.path not in self.analyses:
            self.analyse_in_background(article)

    @on(OptionList.OptionHighlighted, "#articles")
    def _article_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option.id and event.option.id.startswith("a"):
            self.show_article(int(event.option.id[1:]))

    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.panels[0].list.focus()

    def _fail(self, error: str) -> None:
        for panel in self.panels:
            panel.set_error(error)
        self.update_header()

    def update_header(self) -> None:
        src, status = self.source, None
        if isinstance(src, Article) and src.path in self.errors:
            status = ("analysis failed", "$text-error")
        elif isinstance(src, Article) and src.path not in self.analyses:
            status = (self.progress_note(src.path), "$text-muted italic")
        for header in self.query(ArticleHeader):  # none while closing: a late message
            header.show(src, status)

    def progress_note(self, path: str) -> str:
        text = self._progress.get(path, "Analysing…")
        return text[:1].lower() + text[1:]

    # --- the worker ---------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="analysis", exit_on_error=False, description="analysis")
    def analyse_in_background(self, article: Article) -> None:
        worker = get_current_worker()
        path = article.path

        def cancelled() -> bool:
            return worker.is_cancelled

        last = [""]

        def progress(text: str) -> None:
            if not worker.is_cancelled and text != last[0]:  # one message per change
                last[0] = text
                self.post_message(AnalysisProgress(path, text))

        def partial(analysis: Analysis, fraction: float) -> None:
            if not worker.is_cancelled:
                self.post_message(AnalysisPartial(path, analysis, fraction, prepare(analysis, self.row_widths)))

        try:
            analyser = self.analyser()
            kwargs = {"partial": partial} if takes_partial(analyser) else {}
            result = analyser(article, progress=progress, cancelled=cancelled, **kwargs)
        except Exception as exc:  # any failure is one line on screen, never a traceback
            if not worker.is_cancelled:
                self.post_message(AnalysisFailed(path, error_line(exc)))
            return
        if result is not None and not worker.is_cancelled:
            rows = prepare(result, self.row_widths)  # labels and search texts here, not on the UI thread
            if not worker.is_cancelled:
                self.post_message(AnalysisReady(path, result, rows))

    def analyser(self) -> AnalyserFn:
        """The analyser the workers run: the one given, else the model's (made on first use)."""
        if self._analyser is None:
            from ..analyser import ModelAnalyser

            self._analyser = ModelAnalyser(self.model, cache=self.use_cache)
        return self._analyser

    @on(AnalysisProgress)
    def _on_progress(self, message: AnalysisProgress) -> None:
        self._progress[message.path] = message.text
        if self.article is None or self.article.path != message.path or self.analysis_complete or self.closing:
            return
        for panel in self.panels:
            if panel.state == "loading":
                panel.spinner.set_message(message.text)
            elif panel.state == "ready":
                panel.set_note(self.progress_note(message.path))
        self.update_header()

    @on(AnalysisPartial)
    def _on_partial(self, message: AnalysisPartial) -> None:
        if message.path in self.analyses:
            return
        self.partials[message.path] = message.analysis
        self._rows[message.path] = message.rows or {}
        if self.article is not None and self.article.path == message.path:
            filling.fill(self, message.analysis, message.rows, spread=True)

    @on(AnalysisReady)
    def _on_ready(self, message: AnalysisReady) -> None:
        self.analyses[message.path] = message.analysis
        self.partials.pop(message.path, None)
        self.errors.pop(message.path, None)
        self._rows[message.path] = message.rows or {}
        if self.article is not None and self.article.path == message.path:
            filling.fill(self, message.analysis, message.rows, spread=True)
        later.timeline_changed(self)

    @on(AnalysisFailed)
    def _on_failed(self, message: AnalysisFailed) -> None:
        self.partials.pop(message.path, None)
        self.errors[message.path] = message.error
        later.timeline_changed(self)
        if self.article is not None and self.article.path == message.path and not self.closing:
            self._fail(message.error)
            self.refresh_bindings()
            self.notify(message.error, title="Analysis failed", severity="error", markup=False, timeout=10)

    # --- facts and highlights -----------------------------------------------------------------

    def focused_panel(self) -> FactPanel | None:
        try:
            focused = self.focused
        except ScreenStackError:  # a late message while the app is closing its screens
            return None
        if focused is None:
            return None
        for node in focused.ancestors_with_self:
            if isinstance(node, FactPanel):
                return node
        return None

    @on(FactPanel.Highlighted)
    def _fact_highlighted(self, message: FactPanel.Highlighted) -> None:
        if self.focused_panel() is message.panel:
            self._last_panel = message.panel
            same = message.fact is not None and fact_key(message.fact) == fact_key(self.selected_fact)
            # Lit where the panel put its cursor as the facts came, without moving the article:
            # only the reader scrolls it (a long article's first entity may be far down).
            self.show_fact(message.fact, keep_view=same, scroll=not message.placed)

    @on(FactPanel.Chosen)
    def _fact_chosen(self, message: FactPanel.Chosen) -> None:
        self._last_panel = message.panel
        self.show_fact(message.fact)
        self.article_view.focus()

    def show_fact(self, fact: Fact | None, keep_view: bool = False, scroll: bool = True) -> None:
        """Light up a fact's spans and scroll to the first (unless not to `scroll`); `keep_view`
        (the same fact, found again by a fuller analysis) keeps the focused span and the scroll
        position."""
        view = self.article_view
        if (fact is None) != (self.selected_fact is None):
            self.refresh_bindings()  # `y` lit in the footer only with a fact to copy
        self.selected_fact = fact
        if fact is None:
            view.clear_highlights()
            self._plain_article_border()
            return
        pane = self.query_one("#article-pane")
        spans = fact_spans(fact)
        focus = (view.focused_span or 0) if keep_view else 0
        focus = focus if focus < len(spans) else 0
        view.set_highlights(spans, focus, scroll=scroll and not keep_view)
        borders.set_subtitle(pane, Content(span_counter(focus, len(spans))))
        legend = Content.from_rich_text(view.legend(role for *_, role in spans))  # what each colour means
        borders.set_title(pane, Content.assemble("Article  ", legend))

    def _plain_article_border(self) -> None:
        """The article pane's border with no fact selected: no colour legend, no span counter."""
        pane = self.query_one("#article-pane")
        borders.set_subtitle(pane, "")
        borders.set_title(pane, "Article")

    @on(ArticleView.SpanFocused)
    def _span_focused(self, message: ArticleView.SpanFocused) -> None:
        borders.set_subtitle(self.query_one("#article-pane"), Content(span_counter(message.index, message.total)))

    @on(ArticleView.BackRequested)
    def _back_to_panel(self) -> None:
        panel = self._last_panel or self.panels[0]
        panel.list.focus()

    @on(ArticleView.Clicked)
    def _article_clicked(self, message: ArticleView.Clicked) -> None:
        fact = self.fact_at(message.offset)
        if fact is not None:
            self.select_fact(fact.id, focus_panel=False)

    def fact_at(self, offset: int) -> Fact | None:
        """The first fact that covers a character, kind by kind in table order (an entity,
        else a quote, else an event)."""
        analysis = self.analysis
        if analysis is None:
            return None
        return next((fact for fact in all_facts(analysis) if covers(fact, offset)), None)

    def find_fact(self, fact_id: str) -> Fact | None:
        analysis = self.analysis
        if analysis is None:
            return None
        return next((fact for fact in all_facts(analysis) if fact.id == fact_id), None)

    def select_fact(self, fact_id: str, focus_panel: bool = True) -> None:
        """Select a fact in its panel and light it up (palette, clicks, tests)."""
        fact = self.find_fact(fact_id)
        if fact is None:
            return
        panel = self.panel(kind_of(fact).key)
        panel.select(fact_id)
        self._last_panel = panel
        self.show_fact(fact)
        if focus_panel:
            panel.list.focus()

    # --- actions ------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.check_corpus(action) if action in CORPUS_ACTIONS else sharing.check(self, action)

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        return later.commands().system_commands(self, super().get_system_commands(screen))

    def action_help(self) -> None:
        self.push_screen(later.help_screen()(self.user_keymap))

    def current_fact(self) -> Fact | None:
        panel = self.focused_panel()
        if panel is not None and panel.current is not None:
            return panel.current
        return self.selected_fact

    def action_timeline(self) -> None:
        later.timeline().open_timeline(self)

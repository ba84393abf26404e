"""What the start-up and fill speed-ups must not change: the collector is back after the
first frame, the filter and status lines come when needed, the footer mounted in place
equals a recomposed one (and its new key works with the mouse), the spinner lies over
the list without moving it, a result fills one panel a frame. No timings here: speed is measured by tests/bench/bench.py."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

from app_fixtures import Gate, footer_keys, gated_app, make_app, second_analysis, seed_analysis, wait_until

from tui.app import WirelensApp, startup
from tui.app.footer import KeyBar
from tui.app.panels import FilterInput

SIZE = (160, 45)


async def settled(pilot, screen, tries: int = 20) -> None:
    """Pause until a pause passes with no layout: the start's own layouts (the article's
    scroll bar appearing once its text is wrapped) are over."""
    for _ in range(tries):
        layouts = count_layouts(screen)
        await pilot.pause()
        del screen._refresh_layout  # noqa: SLF001 - the class's own again
        if not layouts:
            return
    raise AssertionError("the screen kept laying itself out")


def record_refreshes(widget) -> list[tuple[tuple, dict]]:
    """The widget's `refresh` calls from now on, (regions, keywords) each (each then done as before)."""
    calls: list[tuple[tuple, dict]] = []
    real = widget.refresh

    def recorded(*regions, **kwargs):
        calls.append((regions, kwargs))
        return real(*regions, **kwargs)

    widget.refresh = recorded
    return calls


def count_layouts(screen) -> list[object]:
    """The screen's layouts from now on (each then done as before)."""
    layouts: list[object] = []
    real = screen._refresh_layout  # noqa: SLF001

    def counted(*args, **kwargs):
        layouts.append(args)
        return real(*args, **kwargs)

    screen._refresh_layout = counted  # noqa: SLF001
    return layouts


def footer(app) -> list[tuple[str, str, str, bool]]:
    return [(k.key, k.action, k.description, not k.enabled) for k in app.screen.query_one(KeyBar).keys]


async def test_the_collector_is_back_after_the_first_frame():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert gc.isenabled() and gc.get_threshold()[0] < startup.PAUSED_THRESHOLD
    assert gc.get_threshold()[0] < startup.PAUSED_THRESHOLD


async def test_filter_and_status_lines_are_mounted_on_first_use():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        assert not app.query(FilterInput) and not app.query(".status")
        await pilot.press("slash", "z", "z", "z")
        await pilot.pause()
        assert panel.filter_input.has_focus and panel.filter_text == "zzz"
        assert panel.status.display and "No entities match" in str(panel.status.render())
        assert list(panel.children).index(panel.filter_input) == 0  # above the rows, as composed before
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.filter_input.display and not panel.status.display


async def test_footer_keys_are_in_the_first_frame_change_without_a_layout_and_click():
    analysis = seed_analysis()
    app, gate = gated_app(analysis)
    frames: list[str] = []
    display = app._display  # noqa: SLF001 - the first frame Textual draws, as the bench sees it

    def first(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not frames:
            frames.append(app.screen.query_one(KeyBar).render().plain)

    app._display = first  # noqa: SLF001
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert frames and frames[0].startswith("⏎ Go to text / Filter a All q Quit ? Help")
        assert frames[0].rstrip().endswith("▏^p Palette")
        all_key = lambda: [k for k in footer(app) if k[1] == "toggle_all"]  # noqa: E731
        assert [k[3] for k in all_key()] == [True]  # dimmed while the facts are coming
        gate.release.set()
        await wait_until(pilot, lambda: app.analysis_complete and app.filling is None)
        await pilot.pause()
        assert [k[3] for k in all_key()] == [False]
        assert footer_keys(app)["copy_all"] and footer_keys(app)["export"]
        bar = app.query_one(KeyBar)
        refreshes = record_refreshes(bar)
        await pilot.press("tab")  # Quotes: nothing listed on request there
        await pilot.pause()
        assert all_key() == []
        await pilot.press("shift+tab")
        await pilot.pause()
        assert [k[3] for k in all_key()] == [False]
        # the line repainted for each change, never laid out
        assert refreshes and not any(kw.get("layout") or kw.get("recompose") for _regions, kw in refreshes)
        x = bar.offset_of("toggle_all")
        assert x is not None and bar.render().plain[x:x + 5] == "a All"
        panel = app.panel("entities")
        assert not panel.show_all
        await pilot.click(KeyBar, offset=(x, 0))
        await pilot.pause()
        assert panel.show_all


@pytest.mark.parametrize(("width", "line"), [
    (100, "⏎ Go to text / Filter a All q Quit ? Help y Copy Y Copy all e Export t Timeline c Corpus ▏^p Palette"),
    (80, "/ Filter q Quit ? Help y Copy e Export t Timeline c Corpus           ▏^p Palette"),
    (60, "? Help y Copy e Export t Timeline c Corpus       ▏^p Palette"),
    (30, "? Help y Copy      ▏^p Palette"),
])
async def test_a_narrow_footer_drops_the_keys_a_user_finds_anyway_and_keeps_help(width, line):
    analyses = [seed_analysis(), second_analysis()]  # two articles, as in seeds/: the corpus key shows
    app = WirelensApp([a.article for a in analyses], analyses={a.article.path: a for a in analyses})
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        bar = app.query_one(KeyBar)
        assert bar.render().plain.rstrip() == line
        x = bar.offset_of("timeline")
        if x is not None:  # where it is drawn is where a click finds it
            await pilot.click(KeyBar, offset=(x + 1, 0))
            await pilot.pause()
            assert type(app.screen).__name__ == "TimelineScreen"


async def test_the_spinner_lies_over_the_list_which_keeps_its_size():
    analysis = seed_analysis()
    app, gate = gated_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("quotes")
        loading = panel.list.region
        assert panel.spinner.display and panel.spinner.region.y == loading.y  # the first row of the panel
        gate.release.set()
        await wait_until(pilot, lambda: app.analysis_complete)
        await pilot.pause()
        assert not panel.spinner.display and panel.list.region == loading and panel.list.option_count


async def test_rows_measured_before_a_resize_are_measured_again_at_the_new_width():
    analysis = seed_analysis()

    async def heights(size, resize_to=None):
        app = make_app(analysis)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            if resize_to is not None:
                await pilot.resize_terminal(*resize_to)
                await pilot.pause()
                await pilot.pause()
            lst = app.panel("quotes").list
            lst._update_lines()  # noqa: SLF001 - the rows as far as measured
            return dict(lst._heights), lst.virtual_size.height  # noqa: SLF001

    assert await heights((160, 45), resize_to=(140, 45)) == await heights((140, 45))


async def test_an_all_cached_start_shows_the_facts_in_the_first_frame_without_a_worker(tmp_path, monkeypatch):
    from dataclasses import replace

    from tui import nlp
    from tui.analyser_process import ProcessAnalyser
    from tui.cache import Cache

    monkeypatch.setenv("WIRELENS_CACHE_DIR", str(tmp_path))
    analysis = seed_analysis()
    assert Cache().put(replace(analysis, model=nlp.identity(None)))
    analyser = ProcessAnalyser(cache=True)  # as `wirelens FILE` makes it: no child when all is cached
    try:
        app = WirelensApp([analysis.article], analyser=analyser)
        async with app.run_test(size=SIZE) as pilot:
            assert all(p.state == "ready" for p in app.panels)  # before any frame or worker
            assert not app.workers and analyser.pid is None
            await pilot.pause()
            assert app.panel("entities").border_title == "Entities 29 of 41"
    finally:
        analyser.close()


def _capture_fill_steps(app) -> list:
    """Hold the fill's next steps (one panel a frame) so the test runs each by hand."""
    steps: list = []
    real = app.call_after_refresh

    def call_after_refresh(callback, *args, **kwargs):
        if getattr(callback, "__module__", "") == "tui.app.filling":
            steps.append((callback, args, kwargs))
            return True
        return real(callback, *args, **kwargs)

    app.call_after_refresh = call_after_refresh
    return steps


async def test_a_result_fills_one_panel_a_frame_the_focused_one_first():
    analysis = seed_analysis()
    app, gate = gated_app(analysis)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.press("tab")  # the Quotes panel has the focus
        steps = _capture_fill_steps(app)
        gate.release.set()
        await wait_until(pilot, lambda: app.panels[1].state == "ready")
        states = lambda: [p.state for p in app.panels]  # noqa: E731
        await pilot.pause()
        assert states() == ["loading", "ready", "loading"]
        assert app.panels[1].current is not None and app.selected_fact == app.panels[1].current  # lit at once
        callback, args, kwargs = steps.pop(0)
        callback(*args, **kwargs)
        assert states() == ["ready", "ready", "loading"]
        callback, args, kwargs = steps.pop(0)
        callback(*args, **kwargs)
        assert states() == ["ready", "ready", "ready"]
        assert [len(p.facts) for p in app.panels] == [len(k.facts(analysis)) for k in (p.fact_kind for p in app.panels)]
        callback, args, kwargs = steps.pop(0)
        callback(*args, **kwargs)  # the last step: the footer offers copy all and export
        assert steps == []
        await pilot.pause()
        keys = footer_keys(app)
        assert keys["copy_all"] and keys["export"]


async def test_a_fill_under_way_stops_when_another_article_is_shown():
    analysis, other = seed_analysis(), second_analysis()
    gate = Gate({analysis.article.path: analysis})
    app = WirelensApp([analysis.article, other.article], analyser=gate,
                      analyses={other.article.path: other})
    async with app.run_test(size=(140, 40)) as pilot:
        steps = _capture_fill_steps(app)
        gate.release.set()
        await wait_until(pilot, lambda: app.panels[0].state == "ready")
        app.show_article(1)  # the second article, analysed already: filled at once
        await pilot.pause()
        assert [p.analysis for p in app.panels] == [other, other, other]
        for callback, args, kwargs in steps:  # the first article's remaining steps come too late
            callback(*args, **kwargs)
        assert [p.analysis for p in app.panels] == [other, other, other]


async def test_rows_are_measured_as_far_as_the_screen_and_cursor_need_and_no_further():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        lst = app.panel("entities").list
        total = lst.option_count
        measured = len(lst._heights)  # noqa: SLF001 - the rows measured so far
        assert 2 * lst.size.height < measured < total  # two screens ahead, not every row
        await pilot.press("j")
        assert len(lst._heights) == measured  # noqa: SLF001 - a step inside what is measured measures nothing
        await pilot.press("G")
        await pilot.pause()
        assert lst.highlighted == total - 1 and len(lst._heights) == total  # noqa: SLF001
        assert lst.virtual_size.height == len(lst._line_cache.lines)  # noqa: SLF001 - the scroll range is exact now
        assert lst.scroll_offset.y == lst.max_scroll_y > 0


async def test_a_size_the_screen_has_already_lays_nothing_out_again_and_a_new_one_does():
    from textual import events
    from textual.geometry import Size

    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settled(pilot, screen)
        assert isinstance(screen, startup.LaidOutOnce)
        layouts = count_layouts(screen)
        same = Size(*SIZE)
        app.post_message(events.Resize(same, same))  # the terminal's size again, as at every start
        screen.post_message(events.Resize(same, same))  # as the screen's own first layout sends it
        await pilot.pause()
        await pilot.pause()
        assert layouts == []
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert layouts and screen.size == Size(120, 40) and app.panel("entities").list.size.width < 60


async def test_progress_repaints_the_header_line_without_laying_the_screen_out():
    from tui.app.messages import AnalysisProgress

    analysis = seed_analysis()
    app, gate = gated_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        await settled(pilot, screen)
        layouts = count_layouts(screen)
        app.post_message(AnalysisProgress(analysis.article.path, "Analysing… 40%"))
        await pilot.pause()
        await pilot.pause()
        header = str(app.query_one("#article-header").render())
        assert "analysing… 40%" in header and layouts == []
        gate.release.set()


async def test_a_result_arriving_as_the_app_closes_fills_nothing():
    from tui.app import filling

    analysis = seed_analysis()
    app, gate = gated_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.exit()  # the panels' children are removed next: a fill then found none
        filling.fill(app, analysis, spread=True)
        assert app.filling is None and [p.state for p in app.panels] == ["loading"] * 3


async def test_a_border_title_repaints_its_own_line_and_nothing_when_it_is_the_same():
    from textual.content import Content
    from textual.geometry import Region

    from tui.app import borders

    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        pane = app.query_one("#article-pane")
        calls = record_refreshes(pane)
        borders.set_subtitle(pane, Content("span 1/5 · n/N"))  # what the first entity selected shows
        assert calls == []
        borders.set_subtitle(pane, Content("span 2/5 · n/N"))
        width, height = pane.outer_size
        assert [tuple(r.translate(pane.content_offset) for r in regions) for regions, _kw in calls] == [
            (Region(0, height - 1, width, 1),)]
        borders.set_title(pane, "Article")
        assert calls[-1][0][0].translate(pane.content_offset) == Region(0, 0, width, 1)
        await pilot.pause()
        bottom = pane.render_lines(Region(0, height - 1, width, 1))[0].text
        top = pane.render_lines(Region(0, 0, width, 1))[0].text
        assert "span 2/5 · n/N" in bottom and top.startswith("╭─ Article ─") and "name" not in top


async def test_a_fill_cut_short_by_a_newer_partial_leaves_no_panel_behind():
    """Partial results of a long article coming faster than a fill's frames: each new fill
    takes the focused panel first, then the panel filled longest ago."""
    from tui.app import filling

    analysis = seed_analysis()
    first, second = replace(analysis, events=analysis.events[:1]), replace(analysis, events=analysis.events[:2])
    app, gate = gated_app(analysis)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        entities, quotes, events = app.panels
        steps = _capture_fill_steps(app)
        filling.fill(app, first, spread=True)  # the focused panel (Entities) at once
        callback, args, kwargs = steps.pop(0)
        callback(*args, **kwargs)  # Quotes; Events is next
        assert [p.analysis for p in app.panels] == [first, first, None]
        steps.clear()
        filling.fill(app, second, spread=True)  # a newer partial cuts the first fill short
        callback, args, kwargs = steps.pop(0)
        callback(*args, **kwargs)
        assert [p.analysis for p in app.panels] == [second, first, second]  # Events before Quotes
        assert len(events.facts) == 2


async def test_a_layout_that_changes_no_list_leaves_the_scroll_bars_alone():
    """Every layout of the screen used to repaint all four scroll bars (4-5 ms of each frame
    that fills a panel); they are repainted when what they show changes."""
    app = make_app(seed_analysis())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        views = [app.article_view, *(p.list for p in app.panels)]
        bars = [v.vertical_scrollbar for v in views]
        calls = [record_refreshes(bar) for bar in bars]
        layouts = count_layouts(app.screen)
        app.screen.refresh(layout=True)  # a layout in which no size changes
        await pilot.pause()
        assert layouts and calls == [[] for _ in bars]
        entities = app.panel("entities")
        rows = entities.list.virtual_size.height
        await pilot.press("a")  # every entity: more rows, a longer list to scroll
        await pilot.pause()
        assert entities.show_all and entities.list.virtual_size.height > rows
        bar = entities.list.vertical_scrollbar
        assert calls[1] and bar.window_virtual_size == entities.list.virtual_size.height
        assert calls[0] == calls[2] == calls[3] == []  # the other lists kept theirs


async def test_the_articles_scroll_bar_is_there_from_the_first_frame_its_track_only_when_the_text_is_longer():
    """Shown later, the bar laid the whole screen out again just after the first frame. While
    the text fits, the track wears the page's colour (`-fits`): an empty track looks broken."""
    app = make_app(seed_analysis())
    seen: list[bool] = []
    display = app._display  # noqa: SLF001 - the first frame Textual draws

    def first(screen, renderable):
        display(screen, renderable)
        if renderable is not None and not seen:
            seen.append(app.article_view.show_vertical_scrollbar)

    app._display = first  # noqa: SLF001
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        view = app.article_view
        assert seen == [True]
        assert view.virtual_size.height > view.size.height and not view.has_class("-fits")
        await pilot.resize_terminal(200, 200)  # the seed fits in 200 rows
        await pilot.pause()
        assert view.virtual_size.height <= view.size.height and view.has_class("-fits")
        await pilot.resize_terminal(100, 24)
        await pilot.pause()
        assert not view.has_class("-fits")


async def test_a_broken_file_shows_no_scroll_track():
    from tui.sources import SourceError

    app = WirelensApp([SourceError("broken.bin", "not text: looks like a binary file")], cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.article_view.has_class("-fits")

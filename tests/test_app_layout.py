"""The layout at 80x24: every fact panel shows at least five facts, and the articles'
titles wrap far enough to tell them apart."""

from __future__ import annotations

from app_fixtures import make_app, second_analysis, seed_analysis

from tui.app import WirelensApp


async def test_at_80x24_each_panel_shows_five_facts():
    analysis, other = seed_analysis(), second_analysis()
    app = WirelensApp([analysis.article, other.article], analyses={analysis.article.path: analysis,
                                                                   other.article.path: other})
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for name in ("entities", "quotes", "events"):
            panel = app.panel(name)
            rows = panel.list.scrollable_content_region.height
            assert rows >= 5, f"{name} shows {rows} lines"
        # a quote is one line here, so five lines are five quotes
        assert app.panel("quotes").list.virtual_size.height == app.panel("quotes").list.option_count
        titles = app.query_one("#articles")
        first = titles.get_option_at_index(0).prompt.plain
        assert first.startswith("Chinese Mideast envoy") and first.endswith("…") and len(first) <= 30


async def test_at_160x45_quotes_wrap_as_before():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        assert app.panel("quotes").list.virtual_size.height > app.panel("quotes").list.option_count


async def test_a_resize_under_a_dialog_lays_the_reading_screen_out_for_the_new_size():
    analysis, other = seed_analysis(), second_analysis()

    def two() -> WirelensApp:
        return WirelensApp([analysis.article, other.article],
                           analyses={analysis.article.path: analysis, other.article.path: other})

    def widths(app: WirelensApp) -> tuple[int, int]:
        return app.query_one("#articles").size.width, app.article_view.size.width

    fresh = {}
    for size in ((80, 24), (160, 45)):
        app = two()
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            fresh[size] = widths(app)
    assert fresh[(80, 24)] != fresh[(160, 45)]
    for start, end, key in (((160, 45), (80, 24), "e"), ((80, 24), (160, 45), "t"), ((160, 45), (80, 24), "question_mark")):
        app = two()
        async with app.run_test(size=start) as pilot:
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert len(app.screen_stack) == 2
            await pilot.resize_terminal(*end)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
            assert len(app.screen_stack) == 1
            assert widths(app) == fresh[end], (key, start, end)

"""The timeline (`t`): every event of every open article in date order, undated ones after,
each row naming its article; Enter selects the event in its article; Esc goes back;
articles still being analysed join as they finish; `y` copies the event."""

from __future__ import annotations

from dataclasses import replace

from app_fixtures import Gate, footer_keys, notifications, palette_search, second_analysis, seed_analysis

from tui.analysis import Event, Span, TimeSpan
from tui.app import WirelensApp
from tui.app.timeline import TimelineScreen
from tui.kinds import fact_markdown

SIZE = (160, 45)
SEED_TITLE = "Chinese Mideast envoy calls for rights guarantees for Palestinians"


def second_with_events():
    """The small second article with a dated main event and an undated minor one."""
    a = second_analysis()
    text = a.article.text

    def at(s: str, nth: int = 0) -> tuple[int, int]:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return i, i + len(s)

    first = (at("Antony")[0], at("Friday.")[1])
    second = (at("Blinken said")[0], at("little.")[1])
    met = Event("V1", *at("met"), "met", "meet", first, agent=Span(*at("Antony Blinken"), "Antony Blinken", "E1"),
                patient=Span(*at("Zhai Jun"), "Zhai Jun", "E2"), place=Span(*at("Doha"), "Doha", "E3"),
                time=TimeSpan(*at("on Friday"), "on Friday", "2023-10-20"))
    said = Event("V2", *at("said"), "said little", "say", second, agent=Span(*at("Blinken", 2), "Blinken", "E1"),
                 main=False)
    return replace(a, events=(met, said))


def two_articles(**kw) -> WirelensApp:
    seed, other = seed_analysis(), second_with_events()
    app = WirelensApp([seed.article, other.article], analyses={seed.article.path: seed, other.article.path: other},
                      **kw)
    app.animation_level = "none"
    return app


def rows(screen: TimelineScreen) -> list[str]:
    lst = screen.query_one("#timeline-list")
    return [lst.get_option_at_index(i).prompt.plain for i in range(lst.option_count)]


def ids(screen: TimelineScreen) -> list[str]:
    lst = screen.query_one("#timeline-list")
    return [lst.get_option_at_index(i).id for i in range(lst.option_count)]


async def open_timeline(app, pilot) -> TimelineScreen:
    await pilot.pause()
    await pilot.press("t")
    await pilot.pause()
    assert isinstance(app.screen, TimelineScreen)
    return app.screen


async def test_dated_events_in_date_order_then_undated_each_naming_its_article():
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(app, pilot)
        # seed: V2 Oct 7, V3 Oct 16, V1 Oct 19, V4 "A week ago" (unresolved); second: V1 Oct 20, V2 undated
        assert ids(screen) == ["0:V2", "0:V3", "0:V1", "1:V1", "0:V4", "1:V2"]
        shown = rows(screen)
        assert [r[:10] for r in shown] == ["2023-10-07", "2023-10-16", "2023-10-19", "2023-10-20", "undated   ",
                                           "undated   "]
        names = [r[12:40].rstrip() for r in shown]
        assert names == ["Chinese Mideast envoy calls…"] * 3 + ["Blinken meets Zhai", "Chinese Mideast envoy calls…",
                                                                 "Blinken meets Zhai"]
        # after the name, the words the Events panel shows for the event
        panel_row = app.panel("events").list.get_option_at_index(0).prompt.plain
        # ... without its trailing date, which the date column shows
        assert panel_row.endswith(" · 2023-10-19") and shown[2].endswith(panel_row.removesuffix(" · 2023-10-19"))
        assert shown[2].count("2023-10-19") == 1
        assert "Antony Blinken met Zhai Jun" in shown[3] and shown[5].endswith("[minor] Antony Blinken said little")
        assert str(screen.query_one("#timeline-box").border_title) == "Timeline · 4 dated, 2 undated · 2 articles"
        # the highlighted event's sentence, under the list
        sentence = str(screen.query_one("#timeline-sentence").render())
        assert sentence.startswith(SEED_TITLE) and "On Oct. 7" in sentence


async def test_enter_goes_to_the_event_in_its_article_selected_and_lit():
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("j", "j", "j", "enter")  # Oct 20: the second article's "met"
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert app.current == 1 and app.query_one("#articles").highlighted == 1
        panel = app.panel("events")
        assert panel.current is not None and panel.current.id == "V1" and app.focused is panel.list
        met = app.analysis.events[0]
        assert app.selected_fact == met
        assert (met.start, met.end, "trigger") in app.article_view.spans


async def test_a_minor_event_lists_all_in_the_panel():
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        await open_timeline(app, pilot)
        await pilot.press("G", "enter")  # the second article's undated, minor "said little"
        await pilot.pause()
        panel = app.panel("events")
        assert app.current == 1 and panel.show_all
        assert panel.current is not None and panel.current.id == "V2" and app.selected_fact.id == "V2"


async def test_a_click_goes_to_the_event():
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(app, pilot)
        assert await pilot.click("#timeline-list", offset=(20, 1))  # the second row: Oct 16
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen), ids(screen)
        assert app.current == 0 and app.selected_fact.id == "V3"


async def test_escape_returns_to_the_article_as_it_was():
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.select_fact("Q1")
        await pilot.pause()
        before = (app.current, app.selected_fact, app.focused)
        await open_timeline(app, pilot)
        await pilot.press("j", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert (app.current, app.selected_fact, app.focused) == before


async def test_the_palette_opens_the_timeline_and_the_footer_shows_its_key():
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "timeline" in set(footer_keys(app))
        prompts = await palette_search(app, pilot, "timeline", lambda p: p.startswith("Timeline\n"))
        assert prompts[0] == "Timeline\nEvery event of the open articles in date order; Enter goes to one"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert set(footer_keys(app)) >= {"select", "copy", "dismiss"}


async def test_articles_still_being_analysed_join_as_they_finish():
    seed, other = seed_analysis(), second_with_events()
    gate = Gate({other.article.path: other})
    app = WirelensApp([seed.article, other.article], analyses={seed.article.path: seed}, analyser=gate)
    try:
        async with app.run_test(size=SIZE) as pilot:
            screen = await open_timeline(app, pilot)
            assert ids(screen) == ["0:V2", "0:V3", "0:V1", "0:V4"]
            status = str(screen.query_one("#timeline-status").render())
            assert status.startswith("1 article still being analysed") and "now Blinken meets Zhai (1 of 1)" in status
            gate.release.set()
            for _ in range(50):
                await pilot.pause(0.05)
                if len(ids(screen)) > 4:
                    break
            assert ids(screen) == ["0:V2", "0:V3", "0:V1", "1:V1", "0:V4", "1:V2"]
            assert not screen.query_one("#timeline-status").display
            assert gate.calls == [other.article.path]
    finally:
        gate.release.set()


async def test_the_cursor_stays_on_the_first_row_as_earlier_events_join_until_the_reader_moves():
    seed, other = seed_analysis(), second_with_events()
    met = other.events[0]
    other = replace(other, events=(replace(met, time=replace(met.time, date="2001-01-01")), *other.events[1:]))
    for move in (False, True):
        gate = Gate({other.article.path: other})
        app = WirelensApp([seed.article, other.article], analyses={seed.article.path: seed}, analyser=gate)
        try:
            async with app.run_test(size=SIZE) as pilot:
                screen = await open_timeline(app, pilot)
                lst = screen.query_one("#timeline-list")
                assert lst.highlighted == 0 and ids(screen)[0] == "0:V2"
                if move:
                    await pilot.press("j")
                    await pilot.pause()
                    assert screen.current.id == "0:V3"
                gate.release.set()
                for _ in range(50):
                    await pilot.pause(0.05)
                    if len(ids(screen)) > 4:
                        break
                assert ids(screen)[0] == "1:V1"  # 2001: above all the seed's
                # not moved: the earliest event, as on any later open; moved: the same event
                assert screen.current.id == ("0:V3" if move else "1:V1")
        finally:
            gate.release.set()


async def test_closing_the_timeline_stops_the_analyses_it_started():
    seed, other = seed_analysis(), second_with_events()
    gate = Gate({other.article.path: other})
    app = WirelensApp([seed.article, other.article], analyses={seed.article.path: seed}, analyser=gate)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await open_timeline(app, pilot)
            await pilot.press("escape")
            for _ in range(50):
                await pilot.pause(0.05)
                if gate.cancelled:
                    break
            assert gate.cancelled == [other.article.path] and other.article.path not in app.analyses
    finally:
        gate.release.set()


async def test_y_copies_the_highlighted_events_row_and_sentence(monkeypatch):
    import pyperclip

    copied: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", copied.append)
    app = two_articles()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_timeline(app, pilot)
        await pilot.press("j", "j", "j", "y")  # Oct 20, in the second article
        await pilot.pause()
        other = screen.current.analysis
        assert copied == [fact_markdown(other, other.events[0])]
        # the date, the Events panel's row; the source sentence; the article
        assert copied[0] == ("- **2023-10-20** — Antony Blinken *met* Zhai Jun in Doha on Friday\n"
                             "  > Antony Blinken met Zhai Jun in Doha on Friday.\n"
                             "  — *Blinken meets Zhai*")
        assert any(n.startswith("Copied event “met” as Markdown") for n in notifications(app))


async def test_a_narrow_timelines_rows_keep_each_events_verb_in_sight():
    app = two_articles()
    async with app.run_test(size=(70, 24)) as pilot:
        screen = await open_timeline(app, pilot)
        lst = screen.query_one("#timeline-list")
        room = lst.scrollable_content_region.width
        for i in range(lst.option_count):
            option = lst.get_option_at_index(i)
            event = screen._entries[option.id].event
            assert event.text in option.prompt.plain[:room], option.prompt.plain

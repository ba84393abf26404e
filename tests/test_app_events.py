"""The Events panel lists the article's main events; `a` lists all of them, each minor one
with a badge saying why; exports carry each event's modality."""

from __future__ import annotations

from dataclasses import replace

from app_fixtures import footer_keys, make_app, seed_analysis

from tui.export import to_csv, to_markdown
from tui.kinds import EVENT

SIZE = (140, 40)


def with_minor_events():
    """The seed with its second event hypothetical and its third negated: neither main."""
    a = seed_analysis()
    events = list(a.events)
    events[1] = replace(events[1], modality="hypothetical", main=False)
    events[2] = replace(events[2], modality="negated", negated=True, main=False)
    return replace(a, events=tuple(events))


def listed(panel) -> list[str]:
    return [panel.list.get_option_at_index(i).id for i in range(panel.list.option_count)]


async def test_main_events_by_default_and_a_lists_all_with_badges():
    a = with_minor_events()
    ids = [v.id for v in a.events]
    app = make_app(a)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("events")
        assert listed(panel) == [ids[0], *ids[3:]]
        assert str(panel.border_title) == f"Events {len(ids) - 2} of {len(ids)}"
        panel.list.focus()
        await pilot.press("a")
        await pilot.pause()
        assert listed(panel) == ids
        assert str(panel.border_title) == f"Events {len(ids)}"
        rows = [panel.list.get_option_at_index(i).prompt.plain for i in range(3)]
        assert not rows[0].startswith("[") and rows[1].startswith("[may] ") and rows[2].startswith("[not] ")
        assert "not " not in rows[2][len("[not] "):]  # the badge says it once
        await pilot.press("a")
        await pilot.pause()
        assert listed(panel) == [ids[0], *ids[3:]]


async def test_a_main_event_that_is_a_claim_says_so():
    a = seed_analysis()
    events = list(a.events)
    events[0] = replace(events[0], modality="reported", main=True)  # as Russia's "have ignored"
    a = replace(a, events=tuple(events))
    app = make_app(a)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("events")
        assert panel.list.get_option_at_index(0).id == events[0].id  # still listed among the main ones
        rows = [panel.list.get_option_at_index(i).prompt.plain for i in range(2)]
        assert rows[0].startswith("[reported] ") and not rows[1].startswith("[")


async def test_selecting_a_minor_event_lists_all():
    a = with_minor_events()
    app = make_app(a)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("events")
        assert panel.select(a.events[1].id)
        await pilot.pause()
        assert panel.show_all and panel.current == a.events[1]


async def test_the_all_key_is_not_on_a_panel_with_nothing_to_add():
    a = with_minor_events()
    app = make_app(a)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        quotes = app.panel("quotes")  # every quote is listed (entities: `a` adds dates and numbers)
        quotes.list.focus()
        await pilot.press("a")
        await pilot.pause()
        assert not quotes.show_all
        keys = set(footer_keys(app))
        assert "toggle_all" not in keys
        app.panel("events").list.focus()
        await pilot.pause()
        assert "toggle_all" in set(footer_keys(app))


def test_exports_carry_modality_and_main():
    a = with_minor_events()
    md = to_markdown(a)
    assert md.count("(hypothetical, minor)") == 1 and md.count("(negated, minor)") == 1
    rows = to_csv(a).splitlines()
    assert rows[0].endswith(",modality,main")
    v = a.events[1]
    [row] = [r for r in rows if r.split(",")[1] == v.id]
    assert row.endswith(",hypothetical,no")
    assert EVENT.csv(a, a.events[0])["main"] == "yes"


async def test_a_narrow_panels_event_rows_keep_the_verb_and_date_and_follow_a_resize():
    a = seed_analysis()
    app = make_app(a)
    async with app.run_test(size=(160, 45)) as pilot:
        for size in ((100, 30), (90, 28), (160, 45)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            panel = app.panel("events")
            room = panel.list.scrollable_content_region.width
            for i in range(panel.list.option_count):
                option = panel.list.get_option_at_index(i)
                v = panel.fact(option.id)
                row = option.prompt.plain
                assert size != (160, 45) or len(row) < room, (size, row)  # nothing for the list to cut
                assert v.text in row[:room], (size, row)  # the verb, in sight
                if v.time is not None and v.time.date and size != (90, 28):  # the date, or the words that say when
                    assert row.endswith(f" · {v.time.date}") or v.time.text in row, (size, row)
                    assert size != (160, 45) or row.endswith(f" · {v.time.date}"), row


async def test_a_big_panel_refits_its_rows_off_the_ui_thread_after_a_resize(monkeypatch):
    import tui.app.panels as panels

    monkeypatch.setattr(panels, "REFIT_HERE", 2)  # the seed's events count as many
    a = seed_analysis()
    app = make_app(a)
    async with app.run_test(size=(160, 45)) as pilot:
        await pilot.pause()
        panel = app.panel("events")
        wide = panel.list.get_option_at_index(0).prompt.plain
        await pilot.resize_terminal(90, 28)
        for _ in range(50):  # the worker's labels arrive
            await pilot.pause(0.02)
            if panel._labels_width == panel._row_width():
                break
        assert panel._labels_width == panel._row_width() == app.row_widths["events"]
        narrow = panel.list.get_option_at_index(0).prompt.plain
        assert narrow != wide and "landed" in narrow[: panel.list.scrollable_content_region.width]

"""The Entities panel in a reader's order (issue 11): people, organisations, places and
groups first, each by salience under a readable heading; dates and numbers behind `a`;
the palette finds an entity by its names and says `1 mention`; `?` shows what each
highlight colour means, in the article's own styles."""

from __future__ import annotations

import asyncio

from app_fixtures import footer_keys, make_app, palette_search, seed_analysis
from textual.style import Style

from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo
from tui.app.help import HelpScreen
from tui.app.labels import ROLE_CLASS

SIZE = (160, 45)
TEXT = ("Talks\n\nOn Monday Reuters said Iran and Doha spoke. Ann Lee met Bo Chen, then Lee flew to the Gulf "
        "with 3 Iranians for the Olympics, her first trip.\n")


def ent(eid: str, label: str, salience: float, *forms: str) -> Entity:
    mentions = []
    for form in forms:
        start = TEXT.index(form)
        mentions.append(Mention(start, start + len(form), form))
    return Entity(eid, forms[0], label, salience, tuple(mentions))


def small_analysis() -> Analysis:
    """Every kind of group, in an order that is not the panel's, salience against it."""
    entities = (
        ent("E1", "DATE", 0.30, "Monday"),
        ent("E2", "ORG", 0.20, "Reuters"),
        ent("E3", "GPE", 0.05, "Iran"),
        ent("E4", "GPE", 0.10, "Doha"),
        ent("E5", "PERSON", 0.15, "Ann Lee", "Lee"),
        ent("E6", "PERSON", 0.25, "Bo Chen"),
        ent("E7", "LOC", 0.08, "Gulf"),
        ent("E8", "CARDINAL", 0.02, "3"),
        ent("E9", "NORP", 0.04, "Iranians"),
        ent("E10", "EVENT", 0.03, "Olympics"),
        ent("E11", "ORDINAL", 0.01, "first"),
    )
    article = Article("talks.txt", TEXT, "Talks", "2023-10-19")
    return Analysis(article, ModelInfo("m", "1"), entities)


def rows(panel) -> list[str]:
    return [o.prompt.plain for o in panel.list.options]


def headings(panel) -> list[str]:
    return [o.prompt.plain for o in panel.list.options if o.disabled]


async def test_names_by_group_and_salience_under_readable_headings():
    analysis = small_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        assert rows(panel) == [
            "People", "Bo Chen 1", "Ann Lee 2",
            "Organisations", "Reuters 1",
            "Places", "Doha 1", "Gulf 1", "Iran 1",  # GPE and LOC together, by salience
            "Groups and nationalities", "Iranians 1",
            "Named events", "Olympics 1",
        ]
        assert panel.border_title == "Entities 8 of 11"
        assert panel.current.name == "Bo Chen" and app.selected_fact.name == "Bo Chen"  # not the heading
        # The headings are drawn, one line each, above their rows.
        lines = ["".join(s.text for s in panel.list.render_line(y)).strip() for y in range(5)]
        assert lines == ["People", "Bo Chen 1", "Ann Lee 2", "Organisations", "Reuters 1"]


async def test_the_seeds_main_person_comes_first():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        assert rows(panel)[:4] == ["People", "Zhai Jun 5", "Mikhail Bogdanov 2", "Antony Blinken 2"]
        assert headings(panel) == ["People", "Organisations", "Places", "Groups and nationalities"]
        assert panel.current.name == "Zhai Jun"
        screen = "\n".join("".join(s.text for s in strip) for strip in app.screen._compositor.render_strips())
        assert "│People" in screen and "│Zhai Jun 5" in screen  # at 80x24 too


async def test_the_cursor_steps_over_headings_and_keeps_them_in_view():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.focus()
        await pilot.press(*"jjjjjj")  # Zhai Jun .. Joe Biden, the seventh person
        assert panel.current.name == "Joe Biden"
        await pilot.press("j")
        assert panel.current.name == "Hamas" and app.selected_fact.name == "Hamas"
        await pilot.press("k")
        assert panel.current.name == "Joe Biden"
        await pilot.press("G", "g")
        await pilot.pause()
        assert panel.current.name == "Zhai Jun"
        assert panel.list.scroll_offset.y == 0  # "People" is on screen above it
        await pilot.press(*"jjjjjjjjjj")  # down to Israel, the first place
        await pilot.pause()
        assert panel.current.name == "Israel"
        await pilot.press("j")  # Gaza Strip, scrolled to the top: Israel and "Places" above it
        gaza = panel.list.get_option_index(panel.current.id)
        panel.list.scroll_to(y=gaza, animate=False, immediate=True)  # one line per row
        await pilot.pause()
        await pilot.press("k")  # back up to Israel: its heading comes into view with it
        await pilot.pause()
        assert panel.current.name == "Israel"
        top = "".join(s.text for s in panel.list.render_line(0)).strip()
        assert top == "Places"


async def test_a_lists_dates_and_numbers_after_the_names_and_hides_them_again():
    analysis = small_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.focus()
        await pilot.press("j")  # Ann Lee
        assert "toggle_all" in set(footer_keys(app))
        await pilot.press("a")
        await pilot.pause()
        assert rows(panel)[-5:] == ["Dates and times", "Monday 1", "Numbers", "3 1", "first 1"]
        assert panel.border_title == "Entities 11"
        assert panel.current.name == "Ann Lee"  # the cursor stays on its fact
        await pilot.press("G")
        assert panel.current.name == "first"
        await pilot.press("a")
        await pilot.pause()
        assert "Monday 1" not in rows(panel) and panel.border_title == "Entities 8 of 11"
        assert panel.current.name == "Bo Chen"  # its fact is hidden: the first row


async def test_picking_a_date_in_the_palette_lists_the_values():
    analysis = small_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.select_fact("E1")  # Monday, as the palette does
        await pilot.pause()
        panel = app.panel("entities")
        assert panel.show_all and panel.current.name == "Monday"
        assert "Dates and times" in headings(panel)


async def test_filtering_keeps_the_headings_and_matches_names_only():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.focus()
        await pilot.press("slash", *"rus")
        await pilot.pause()
        assert rows(panel) == ["Places", "Russia 4", "Groups and nationalities", "Russian 4"]
        assert panel.current.name == "Russia"
        for query in ("person", "5"):  # a label or a count is not a name
            panel.filter_input.value = query
            await pilot.pause()
            assert rows(panel) == [], query


async def test_the_palette_matches_names_and_counts_mentions_in_words():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompts = await palette_search(app, pilot, "putin", lambda p: p.startswith("Entity: Vladimir Putin"))
        assert "Entity: Vladimir Putin 1\nPerson · 1 mention" in prompts, prompts
        await pilot.press("escape")
        await pilot.pause()
        prompts = await palette_search(app, pilot, "zhai", lambda p: p.startswith("Entity: Zhai Jun"))
        assert "Entity: Zhai Jun 5\nPerson · 5 mentions · also “Zhai”" in prompts, prompts
        await pilot.press("escape")
        await pilot.pause()
        # "1" is in many rows (the counts) but in the names of two entities only.
        prompts = await palette_search(app, pilot, "1", lambda p: "1967" in p)
        await asyncio.sleep(0.3)
        await pilot.pause()
        prompts = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
        entities = sorted(p.split("\n")[0] for p in prompts if p.startswith("Entity:"))
        assert entities == ["Entity: 1967 1", "Entity: at least 1,400 1"], prompts


async def test_help_shows_each_highlight_in_the_articles_style():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        help_text = app.screen.query_one("#help-text").render()
        plain = help_text.plain
        lines = plain.splitlines()
        start = lines.index("Highlights in the article")
        assert [" ".join(line.split()) for line in lines[start + 1:start + 4]] == [
            "Entities ▌name ▌he, she, the …",
            "Quotes ▌quote ▌speaker ▌cue",
            "Events ▌action ▌who/what ▌when ▌where",
        ]
        view = app.article_view
        words = {"name": "mention", "he, she, the …": "reference", "quote": "quote", "speaker": "speaker",
                 "cue": "cue", "action": "trigger", "who/what": "agent", "when": "time", "where": "place"}
        legend_at = plain.index("Highlights in the article")
        for word, role in words.items():
            at = plain.index("▌" + word, legend_at) + 1
            [style] = [s.style for s in help_text.spans if s.start == at and s.end == at + len(word)]
            assert isinstance(style, Style)
            expected = view.get_component_rich_style(ROLE_CLASS[role])
            assert style.rich_style == expected, word


async def test_a_is_offered_only_when_there_are_dates_or_numbers_to_add():
    analysis = small_analysis()
    names_only = Analysis(analysis.article, analysis.model, tuple(e for e in analysis.entities if e.is_name))
    app = make_app(names_only)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.focus()
        await pilot.pause()
        assert panel.border_title == "Entities 8"
        assert "toggle_all" not in set(footer_keys(app))


async def test_a_filter_finds_the_facts_a_would_show_and_typed_apostrophes_find_curly_ones():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.focus()
        assert panel.border_title.startswith("Entities ") and " of " in panel.border_title  # dates hidden
        await pilot.press("slash", *"thursday")
        await pilot.pause()
        names = [panel.fact(o.id).name for o in panel.list.options if o.id]
        assert names == ["Thursday"]  # a date, listed only after `a`, but found
        assert panel.border_title == f"Entities 1/{len(analysis.entities)}"
        await pilot.press("escape")
        await pilot.pause()
        quotes = app.panel("quotes")
        quotes.list.focus()
        await pilot.press("slash", *"israel's")  # typed: a straight apostrophe
        await pilot.pause()
        [row] = [o for o in quotes.list.options if o.id]
        assert "Israel’s actions" in str(row.prompt)

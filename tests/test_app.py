"""Pilot tests for the explorer: every key of issue 4, fed a fixed Analysis."""

from __future__ import annotations

import json
from dataclasses import replace
import subprocess
import sys

import pytest
from textual.command import CommandPalette

from tui.analysis import SCHEMA, Analysis, Article, Entity, Mention, ModelInfo, Quote, Span
from tui.app import WirelensApp
from tui.app.article import ArticleView
from tui.app.help import HelpScreen
from tui.export import fact_markdown, to_markdown
from tui.kinds import entity_group
from tui.sources import SourceError

from app_fixtures import (
    SEED_PATH, Gate, footer_keys, make_app, notifications, palette_search, second_analysis, seed_analysis, wait_until,
)

SIZE = (160, 45)


@pytest.fixture
def analysis() -> Analysis:
    return seed_analysis()


@pytest.fixture
def clipboard(monkeypatch):
    """pyperclip that works (a list of what it got); set `.fail` to make it raise."""
    import pyperclip

    class Clip(list):
        fail = False

    got = Clip()

    def fake_copy(text):
        if got.fail:
            raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")
        got.append(text)

    monkeypatch.setattr(pyperclip, "copy", fake_copy)
    return got


def entity(analysis: Analysis, name: str) -> Entity:
    return next(e for e in analysis.entities if e.name == name)


async def filter_to(pilot, text: str) -> None:
    await pilot.press("slash")
    await pilot.press(*text)
    await pilot.pause()


# --- highlights -------------------------------------------------------------------------------


async def test_selecting_zhai_jun_highlights_all_five_mentions(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.focused is app.panel("entities").list
        await filter_to(pilot, "zhai")
        await pilot.press("enter")  # from the filter to the list
        await pilot.pause()
        zhai = entity(analysis, "Zhai Jun")
        assert app.selected_fact == zhai
        view = app.article_view
        assert view.spans == [(m.start, m.end, "mention") for m in zhai.mentions]
        assert len(view.spans) == 5
        assert [analysis.article.text[s:e] for s, e, _ in view.spans] == ["Zhai Jun", "Zhai", "Zhai", "Zhai", "Zhai"]
        # Every mention is drawn in a highlight style, not the plain one.
        plain = view.rich_style
        for s, e, _ in view.spans:
            y = view.line_of(s)
            view.scroll_to(y=y, animate=False, immediate=True)
            await pilot.pause()
            top = int(view.scroll_offset.y)
            lit = "".join(
                seg.text
                for line in range(y, view.line_of(e - 1) + 1)
                for seg in view.render_line(line - top)
                if seg.style != plain
            )
            assert lit.split() == analysis.article.text[s:e].split(), (s, e, lit)


async def test_moving_the_cursor_highlights_at_once_and_scrolls_first_into_view(analysis):
    app = make_app(analysis)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("G")  # last entity
        await pilot.pause()
        last = app.panel("entities").current
        assert app.selected_fact == last
        view = app.article_view
        first_line = view.line_of(view.spans[0][0])
        top = int(view.scroll_offset.y)
        assert top <= first_line < top + view.scrollable_content_region.height
        await pilot.press("g")
        await pilot.pause()
        assert app.selected_fact == app.panel("entities").facts[0]
        await pilot.press("j")
        await pilot.pause()
        assert app.selected_fact == app.panel("entities").facts[1]
        await pilot.press("k", "down")
        await pilot.pause()
        assert app.selected_fact == app.panel("entities").facts[1]


async def test_n_and_N_step_through_the_spans(analysis):
    app = make_app(analysis)
    async with app.run_test(size=(100, 24)) as pilot:
        await filter_to(pilot, "zhai")
        await pilot.press("enter", "enter")  # filter -> list -> article
        await pilot.pause()
        view = app.article_view
        assert app.focused is view
        assert view.focused_span == 0
        await pilot.press("n")
        assert view.focused_span == 1
        await pilot.press("n", "n", "n")
        assert view.focused_span == 4
        await pilot.press("n")  # wraps to the first
        assert view.focused_span == 0
        await pilot.press("N")
        assert view.focused_span == 4
        await pilot.pause()
        s, e, _ = view.spans[4]
        top = int(view.scroll_offset.y)
        assert top <= view.line_of(s) < top + view.scrollable_content_region.height
        assert "span 5/5" in app.query_one("#article-pane").border_subtitle
        await pilot.press("escape")  # back to the panel
        await pilot.pause()
        assert app.focused is app.panel("entities").list


async def test_a_highlight_change_repaints_only_the_lines_it_touches(analysis):
    app = make_app(analysis)
    async with app.run_test(size=(100, 45)) as pilot:
        await pilot.pause()
        view = app.article_view
        view.clear_highlights()
        await pilot.pause()
        repainted: list[int] = []
        original = view.refresh_line
        view.refresh_line = lambda y: (repainted.append(y), original(y))
        zhai = entity(analysis, "Zhai Jun")
        app.select_fact(zhai.id)
        expected = {view.line_of(m.start) for m in zhai.mentions}
        top, height = int(view.scroll_offset.y), view.scrollable_content_region.height
        assert set(repainted) == {y for y in expected if top <= y < top + height}
        assert len(repainted) < len(view.lines)


async def test_clicking_a_word_selects_the_fact_that_covers_it(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        text = analysis.article.text
        start = text.index("Zhai Jun")
        y = view.line_of(start)
        x = start - view.lines[y].start
        await pilot.click(ArticleView, offset=(x + 1 + 2, y))  # +1 padding, inside the word
        await pilot.pause()
        assert app.selected_fact == entity(analysis, "Zhai Jun")
        assert app.panel("entities").current == entity(analysis, "Zhai Jun")
        # A word inside a quote that is no entity selects the quote.
        start = text.index("fundamental")
        y = view.line_of(start)
        view.scroll_to(y=max(0, y - 2), animate=False, immediate=True)
        await pilot.pause()
        x = start - view.lines[y].start
        await pilot.click(ArticleView, offset=(x + 1 + 2, y - int(view.scroll_offset.y)))
        await pilot.pause()
        assert isinstance(app.selected_fact, Quote) and app.selected_fact.id == "Q1"
        assert app.panel("quotes").current.id == "Q1"


async def test_quote_and_event_spans_carry_their_roles(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.select_fact("Q1")
        assert [r for _, _, r in app.article_view.spans] == ["quote", "speaker", "cue"]
        app.select_fact("V4")
        assert sorted(r for _, _, r in app.article_view.spans) == ["agent", "patient", "time", "trigger"]


# --- panels -----------------------------------------------------------------------------------


async def test_panels_group_and_label_the_facts(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        facts = app.panel("entities").facts
        names = [f.is_name for f in facts]
        assert names == sorted(names, reverse=True)  # names first, then dates and numbers
        groups = [entity_group(f) for f in facts if f.is_name]
        seen = []
        for group in groups:  # grouped: a group's rows are together
            if not seen or seen[-1] != group:
                assert group not in seen
                seen.append(group)
        assert seen == ["People", "Organisations", "Places", "Groups and nationalities"]
        lst = app.panel("entities").list
        prompt = lst.get_option("E4").prompt.plain
        assert prompt == "Zhai Jun 5"  # the group is the heading above it
        quote = app.panel("quotes").list.get_option("Q1").prompt.plain
        assert quote.startswith("Zhai Jun: “The fundamental")
        event = app.panel("events").list.get_option("V1").prompt.plain
        assert event == "Zhai Jun landed in Qatar on Thursday · 2023-10-19"
        assert app.panel("entities").border_title == "Entities 29 of 41"  # `a` adds dates and numbers


async def test_slash_filters_the_focused_panel_and_escape_clears_it(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        await filter_to(pilot, "rus")
        assert panel.filter_input.display
        shown = [o.id for o in panel.list.options if o.id]
        assert {panel.fact(i).name for i in shown} == {"Russia", "Russian"}
        assert panel.border_title == "Entities 2/41"
        await pilot.press("x", "x")
        await pilot.pause()
        assert panel.list.option_count == 0
        assert "No entities match" in str(panel.status.render())
        await pilot.press("escape")
        await pilot.pause()
        assert not panel.filter_input.display
        assert panel.filter_text == ""
        assert len([o for o in panel.list.options if o.id]) == 29  # the names: `a` adds the values
        assert app.focused is panel.list
        # Filtering the quotes panel: Tab to it, then /.
        await pilot.press("tab")
        assert app.focused is app.panel("quotes").list
        await filter_to(pilot, "wang")
        assert [o.id for o in app.panel("quotes").list.options] == ["Q3"]
        await pilot.press("down")  # from the filter into the list
        await pilot.pause()
        assert app.focused is app.panel("quotes").list
        assert app.selected_fact.id == "Q3"
        await pilot.press("escape")  # on the list, Escape clears the filter too
        await pilot.pause()
        assert app.panel("quotes").list.option_count == 4


async def test_typing_keys_in_the_filter_does_not_trigger_app_keys(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await filter_to(pilot, "qy?e")
        assert app.is_running
        assert app.panel("entities").filter_text == "qy?e"
        assert len(app.screen_stack) == 1


async def test_a_filter_typed_fast_into_no_match_leaves_nothing_lit(analysis):
    """"zhx" in one burst: "z" and "zh" find Zhai Jun, "zhx" nothing. The list's highlight
    of Zhai Jun arrives after the panel has said that nothing is lit; it must not light him."""
    from textual import events

    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        for key, character in (("slash", "/"), ("z", "z"), ("h", "h"), ("x", "x")):
            app.post_message(events.Key(key, character))
        await pilot.pause(0.2)
        assert panel.filter_text == "zhx" and panel.current is None
        assert app.article_view.spans == [] and app.selected_fact is None


async def test_keys_typed_fast_after_slash_go_to_the_filter(analysis):
    """A terminal delivers "/an" typed fast (or pasted) as one read: the keys after `/` are
    on their way to the list before the filter has the focus. They go to the filter, not
    to the list's own keys (`a` lists all)."""
    from textual import events

    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        for _ in range(2):  # the filter made on first use, then the one kept hidden
            for key, character in (("slash", "/"), ("r", "r"), ("a", "a"), ("backspace", None), ("u", "u")):
                app.post_message(events.Key(key, character))  # one burst: no pause between them
            await pilot.pause()
            await pilot.pause()
            assert panel.filter_text == "ru" and not panel.show_all
            assert app.focused is panel.filter_input and panel.filter_input.cursor_position == 2
            assert panel.border_title == "Entities 2/41"
            await pilot.press("s")  # typed once the filter has the focus: at its end
            await pilot.pause()
            assert panel.filter_text == "rus"
            await pilot.press("escape")
            await pilot.pause()
            assert panel.filter_text == "" and app.focused is panel.list


async def test_tab_and_shift_tab_move_between_panes(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        order = []
        for _ in range(4):
            order.append(app.focused.id)
            await pilot.press("tab")
        assert order == ["entities-list", "quotes-list", "events-list", "article"]
        assert app.focused.id == "entities-list"  # round again (the Articles list is hidden)
        await pilot.press("shift+tab", "shift+tab")
        assert app.focused.id == "events-list"


async def test_empty_panels_say_so(analysis):
    bare = Analysis(analysis.article, analysis.model, analysis.entities)
    app = make_app(bare)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert str(app.panel("quotes").status.render()) == "No quotes found"
        assert str(app.panel("events").status.render()) == "No events found"


# --- copy -------------------------------------------------------------------------------------


async def test_y_copies_the_fact_as_markdown(analysis, clipboard):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("tab")  # Quotes
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        q1 = analysis.quotes[0]
        expected = fact_markdown(analysis, q1)
        assert app.clipboard == expected
        assert expected.startswith("> “The fundamental reason")
        assert expected.endswith("(Chinese Mideast envoy calls for rights guarantees for Palestinians)")
        assert clipboard == [expected]
        assert any("system clipboard" in m for m in notifications(app))
        # In the article, y copies the fact it shows.
        await pilot.press("tab", "tab", "y")  # Events: the first event, then the article
        await pilot.pause()
        assert app.focused is app.article_view
        assert app.clipboard == fact_markdown(analysis, analysis.events[0])
        assert "landed" in app.clipboard and "Zhai Jun" in app.clipboard


async def test_the_panel_and_the_copy_name_a_speaker_alike(clipboard):
    """Issue 8: the panel said `Zhai Jun: "We agree"`, the copy `— the envoy`; now both say
    `Zhai Jun ("the envoy")`. Reported speech is copied without quote marks (issue 11)."""
    text = "Talks\n\nZhai Jun flew in. “We agree,” the envoy said. He said the talks went well.\n"

    def at(s: str) -> tuple[int, int]:
        return text.index(s), text.index(s) + len(s)

    article = Article("talks.txt", text, "Talks")
    zhai = Entity("E1", "Zhai Jun", "PERSON", 0.5, (Mention(*at("Zhai Jun"), "Zhai Jun"),))
    quotes = (Quote("Q1", "direct", *at("We agree"), "We agree", Span(*at("the envoy"), "the envoy", "E1")),
              Quote("Q2", "indirect", *at("the talks went well"), "the talks went well", Span(*at("He"), "He", "E1")))
    analysis = Analysis(article, ModelInfo("m", "1"), (zhai,), quotes)
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rows = [o.prompt.plain for o in app.panel("quotes").list.options]
        assert rows == ['Zhai Jun ("the envoy"): “We agree”', "Zhai Jun: the talks went well"]
        await pilot.press("tab", "y")
        await pilot.pause()
        assert clipboard[-1] == '> “We agree” — Zhai Jun ("the envoy") (Talks)'
        await pilot.press("j", "y")
        await pilot.pause()
        assert clipboard[-1] == "- Zhai Jun, in reported speech: the talks went well (Talks)"
        assert list(app._notifications)[-1].message.startswith("Copied quote by Zhai Jun as Markdown")


async def test_Y_copies_all_facts(analysis, clipboard):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("Y")
        await pilot.pause()
        assert app.clipboard == to_markdown(analysis)
        assert clipboard == [to_markdown(analysis)]


async def test_copy_without_any_clipboard_offers_export(analysis, clipboard):
    clipboard.fail = True
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        note = app._notifications
        last = list(note)[-1]
        assert last.severity == "warning"
        assert "no clipboard is reachable" in last.message
        assert "Press e to save" in last.message
        assert "xclip" in last.message


# --- palette, help, quit ----------------------------------------------------------------------


async def test_ctrl_p_finds_blinken_and_jumps_to_him(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompts = await palette_search(app, pilot, "Blinken", lambda p: "Blinken" in p)
        assert any(p.startswith("Entity: Antony Blinken") for p in prompts), prompts
        # the best hit is the entity; choose it
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.selected_fact == entity(analysis, "Antony Blinken")
        assert app.panel("entities").current == entity(analysis, "Antony Blinken")
        assert len(app.article_view.spans) == 2


async def test_palette_can_switch_theme(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        before = app.article_view.get_component_rich_style("article--mention")
        app.theme = "nord" if app.theme != "nord" else "gruvbox"
        await pilot.pause()
        after = app.article_view.get_component_rich_style("article--mention")
        assert before != after  # highlight colours follow the theme
        await pilot.press("ctrl+p")
        await pilot.press(*"theme")
        for _ in range(50):
            await pilot.pause(0.05)
            if any("theme" in str(o.prompt).lower() for o in app.screen.query_one("CommandList").options):
                break
        assert any("theme" in str(o.prompt).lower() for o in app.screen.query_one("CommandList").options)


async def test_question_mark_opens_help_listing_every_key(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = str(app.screen.query_one("#help-text").render())
        for key in ("tab / shift+tab", "j / down", "k / up", "g / home", "G / end", "enter", "escape", "n", "N",
                    "/", "y", "Y", "e", "?", "q", "ctrl+p"):
            assert key in text, key
        body = app.screen.query_one("#help-body")
        await pilot.press("G")  # to the bottom and back, as g and G do in every list
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y > 0
        await pilot.press("g")
        await pilot.pause()
        assert body.scroll_y == 0
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_help_at_80_columns_puts_each_id_under_its_words_not_wrapped(analysis):
    app = make_app(analysis)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        help_text = app.screen.query_one("#help-text")
        lines = help_text.render().plain.splitlines()
        assert max(len(line) for line in lines) <= help_text.content_region.width
        at = lines.index("  y                  Copy the selected fact as Markdown")
        assert lines[at + 1] == " " * 21 + "app.copy"
        await pilot.resize_terminal(64, 24)  # narrower: the words wrap in their own column
        await pilot.pause()
        lines = help_text.render().plain.splitlines()
        assert max(len(line) for line in lines) <= help_text.content_region.width
        at = lines.index("  e                  Export the facts as JSON, Markdown")
        assert lines[at + 1] == " " * 21 + "or CSV" and lines[at + 2] == " " * 21 + "app.export"
        await pilot.resize_terminal(44, 24)  # narrower still: the words and the id under the keys
        await pilot.pause()
        lines = help_text.render().plain.splitlines()
        assert max(len(line) for line in lines) <= help_text.content_region.width
        at = lines.index("  e")
        assert lines[at + 1 : at + 4] == ["    Export the facts as JSON,", "    Markdown or CSV", "    app.export"]


async def test_the_palettes_keys_command_opens_this_apps_help(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompts = await palette_search(app, pilot, "keys", lambda p: p.startswith("Keys"))
        assert any(p.startswith("Keys") for p in prompts), prompts
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        assert not app.screen_stack[0].query("HelpPanel")  # not Textual's own keys panel
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1


async def test_bindings_have_ids_and_can_be_remapped(analysis, clipboard):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.set_keymap({"app.copy": "c", "list.down": "ctrl+n"})
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.selected_fact == app.panel("entities").facts[1]
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard == fact_markdown(analysis, app.panel("entities").facts[1])
        await pilot.press("question_mark")
        await pilot.pause()
        assert "c " in str(app.screen.query_one("#help-text").render())


async def test_q_quits(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


# --- export -----------------------------------------------------------------------------------


async def test_e_writes_a_wirelens_json_file(analysis, tmp_path):
    app = make_app(analysis)
    target = tmp_path / "out.json"
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        path_input = app.screen.query_one("#export-path")
        assert path_input.value.endswith("000_bdc864ace7bdc83f.facts.json")
        path_input.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["schema"] == SCHEMA
        assert Analysis.from_dict(data) == analysis
        assert any(str(target) in m for m in notifications(app))


async def test_export_asks_before_overwriting_and_follows_the_format(analysis, tmp_path):
    app = make_app(analysis)
    target = tmp_path / "facts.json"
    target.write_text("keep me", encoding="utf-8")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        dialog.query_one("#export-path").value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert target.read_text(encoding="utf-8") == "keep me"
        assert "exists" in str(dialog.query_one("#export-message").render())
        # Switching to Markdown changes the suffix: a new file, no confirmation needed.
        await pilot.click("#fmt-md")
        await pilot.pause()
        assert dialog.query_one("#export-path").value == str(tmp_path / "facts.md")
        dialog.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert (tmp_path / "facts.md").read_text(encoding="utf-8") == to_markdown(analysis)
        # Overwrite after confirming. The dialog reopens on Markdown, the format used last; the
        # typed .json takes it back to JSON.
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(target)
        await pilot.pause()
        assert app.screen.query_one("#fmt-json").value
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert json.loads(target.read_text(encoding="utf-8"))["schema"] == SCHEMA


async def test_export_to_an_unwritable_place_says_why(analysis, tmp_path):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(tmp_path / "no" / "such" / "dir" / "x.json")
        await pilot.press("enter")
        await pilot.pause()
        assert "Cannot write" in str(app.screen.query_one("#export-message").render())
        await pilot.press("escape")
        await pilot.pause()
        assert len(app.screen_stack) == 1


async def _export_to(app, pilot, path: str, confirm: bool = False) -> None:
    await pilot.press("e")
    await pilot.pause()
    app.screen.query_one("#export-path").value = path
    await pilot.press("enter")
    await pilot.pause()
    if confirm:
        await pilot.press("enter")
        await pilot.pause()


async def test_export_onto_a_link_to_dev_null_or_a_fifo_writes_in_place(analysis, tmp_path):
    import os
    import stat
    import threading

    link = tmp_path / "null.json"
    os.symlink("/dev/null", link)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _export_to(app, pilot, str(link), confirm=True)  # it exists: asked, then confirmed
        assert os.readlink(link) == "/dev/null" and stat.S_ISCHR(os.stat("/dev/null").st_mode)
        await _export_to(app, pilot, str(fifo), confirm=True)
        reader.join(10)
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
        assert json.loads(got[0])["schema"] == SCHEMA
        assert sorted(p.name for p in tmp_path.iterdir()) == ["null.json", "pipe.json"]


async def test_export_onto_a_device_is_refused_in_the_dialog(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _export_to(app, pilot, "/dev/zero", confirm=True)
        message = str(app.screen.query_one("#export-message").render())
        assert message == "Cannot write /dev/zero: is a device, not a file; write to a file, a FIFO, /dev/null or - (stdout)"


# --- several articles -------------------------------------------------------------------------


async def test_switching_articles_swaps_the_panels(analysis):
    other = second_analysis()
    bad = SourceError("seeds/broken.txt", "cannot decode the file as text")
    app = WirelensApp(
        [analysis.article, bad, other.article],
        analyses={analysis.article.path: analysis, other.article.path: other},
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        articles = app.query_one("#articles")
        assert articles.display and articles.option_count == 3
        assert "broken.txt" in articles.get_option("a1").prompt.plain
        assert "cannot decode" in articles.get_option("a1").prompt.plain
        await pilot.press("shift+tab", "shift+tab")  # Entities -> Article -> Articles
        assert app.focused is articles
        await pilot.press("j")  # the broken file: its error, the others still work
        await pilot.pause()
        assert app.panel("entities").state == "error"
        assert "broken.txt" in str(app.query_one("#article-header").render())
        await pilot.press("j")
        await pilot.pause()
        assert app.article.path == "seeds/second.txt"
        assert app.article_view.text == other.article.text
        assert [f.name for f in app.panel("entities").facts] == ["Antony Blinken", "Zhai Jun", "Doha"]
        assert app.panel("quotes").state == "ready" and app.panel("quotes").list.option_count == 0
        await pilot.press("k", "k")  # back: instant, from the kept analysis
        await pilot.pause()
        assert app.article.path == SEED_PATH
        assert len(app.panel("entities").facts) == 41


async def test_analysis_runs_in_the_background_and_is_kept(analysis):
    other = second_analysis()
    gate = Gate({analysis.article.path: analysis, other.article.path: other})
    app = WirelensApp([analysis.article, other.article], analyser=gate)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        # The article is on screen before the analysis is done.
        assert app.article_view.text == analysis.article.text
        assert all(p.state == "loading" for p in app.panels)
        assert app.panel("quotes").spinner.display
        gate.release.set()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert len(app.panel("entities").facts) == 41
        assert app.selected_fact is not None  # the focused panel's first fact lights up
        app.query_one("#articles").highlighted = 1
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.query_one("#articles").highlighted = 0
        await pilot.pause()
        assert gate.calls == [analysis.article.path, other.article.path]  # no second run


async def test_a_later_selection_cancels_a_stale_analysis(analysis):
    other = second_analysis()
    gate = Gate({analysis.article.path: analysis, other.article.path: other})
    app = WirelensApp([analysis.article, other.article], analyser=gate)
    async with app.run_test(size=SIZE) as pilot:
        for _ in range(200):
            await pilot.pause(0.01)
            if gate.calls:
                break
        app.query_one("#articles").highlighted = 1
        for _ in range(200):
            await pilot.pause(0.01)
            if gate.cancelled:
                break
        assert gate.cancelled == [analysis.article.path]
        gate.release.set()
        # A cancelled worker's wait() raises WorkerCancelled: wait for the live one only.
        await app.workers.wait_for_complete([w for w in app.workers if not w.is_cancelled])
        await pilot.pause()
        assert app.analysis is other
        assert analysis.article.path not in app.analyses


async def test_an_analysis_error_is_one_line_in_the_panels(analysis):
    gate = Gate(error=RuntimeError("no English spaCy model is installed; install one with: pip install x"))
    gate.release.set()
    app = WirelensApp([analysis.article], analyser=gate)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: analysis.article.path in app.errors)
        await pilot.pause()
        assert app.focused is app.panels[0].list  # the keys still go somewhere (not to a hidden list)
        keys = set(footer_keys(app))
        assert "filter" not in keys and "select" not in keys and "quit" in keys  # nothing to filter or go to
        for panel in app.panels:
            assert panel.state == "error"
            assert str(panel.status.render()).startswith("no English spaCy model")
        assert any("no English spaCy model" in m for m in notifications(app))
        assert app.is_running


# --- safety and start-up ----------------------------------------------------------------------

NASTY = "[Reuters] [$5] [/] [link=x]y[/link] \x1b[31mred\x1b[0m [bold]"


def nasty_analysis() -> Analysis:
    from tui.analysis import Article, Event, Mention, ModelInfo, Span, TimeSpan

    text = f"{NASTY}\n\n{NASTY} said [b]Who[/b]. “{NASTY}” said [b]Who[/b].\n"
    article = Article(path="seeds/[evil].txt", text=text, title="Title: " + NASTY, date=None)
    first = text.index("[link=x]")
    who = text.index("[b]Who[/b]")
    q = text.index("“") + 1
    quote_end = text.index("”")
    entities = (
        Entity("E1", "[link=x]y[/link]", "ORG", 0.5, (Mention(first, first + 16, text[first:first + 16]),)),
        Entity("E2", "[b]Who[/b]", "PERSON", 0.4, (Mention(who, who + 10, text[who:who + 10]),)),
        Entity("E3", "[$5]", "MONEY", 0.1, (Mention(text.index("[$5]"), text.index("[$5]") + 4, "[$5]"),)),
    )
    said = text.index(" said") + 1
    quotes = (
        Quote("Q1", "direct", q, quote_end, text[q:quote_end], Span(who, who + 10, text[who:who + 10], "E2"),
              Span(said, said + 4, "said")),
    )
    events = (
        Event("V1", said, said + 4, "said", "say", (0, len(text)), Span(who, who + 10, text[who:who + 10], "E2"),
              Span(first, first + 16, text[first:first + 16], "E1"), TimeSpan(0, 9, "[Reuters]", None),
              Span(first, first + 16, text[first:first + 16], "E1")),
    )
    return Analysis(article, ModelInfo("m", "1"), entities, quotes, events)


async def test_the_header_keeps_the_file_name_and_gives_up_folders_first(analysis):
    deep = "/home/reader/.local/lib/python3.11/site-packages/wirelens/seeds/000_bdc864ace7bdc83f.txt"
    article = replace(analysis.article, path=deep)
    app = make_app(replace(analysis, article=article))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.analysis_complete)
        await pilot.pause()
        header = app.query_one("#article-header")
        meta = str(header.render()).splitlines()[-1]
        assert meta.startswith("2023-10-19 · …/") and meta.endswith("/seeds/000_bdc864ace7bdc83f.txt"), meta
        assert len(meta) <= header.content_region.width
        await pilot.resize_terminal(160, 45)  # wider: more of the path
        await pilot.pause()
        await pilot.pause()
        wider = str(header.render()).splitlines()[-1]
        assert len(wider) > len(meta) and wider.endswith("000_bdc864ace7bdc83f.txt")


async def test_article_text_is_never_markup(clipboard):
    nasty = nasty_analysis()
    app = make_app(nasty)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        shown = "".join(seg.text for y in range(3) for seg in view.render_line(y))
        assert "[Reuters] [$5] [/] [link=x]y[/link]" in shown
        assert "\x1b" not in shown and "\ufffd[31mred" in shown
        header = str(app.query_one("#article-header").render())
        assert "[Reuters] [$5] [/] [link=x]y[/link]" in header
        assert "\x1b" not in header
        for panel in app.panels:
            for option in panel.list.options:
                if option.id:
                    plain = option.prompt.plain
                    assert "\x1b" not in plain
                    assert "[" in plain
        assert "[link=x]y[/link]" in app.panel("entities").list.get_option("E1").prompt.plain
        app.panel("entities").toggle_all()  # E3 is money: listed with `a`
        assert "[$5]" in app.panel("entities").list.get_option("E3").prompt.plain
        assert "[b]Who[/b]" in app.panel("quotes").list.get_option("Q1").prompt.plain
        assert "[Reuters]" in app.panel("events").list.get_option("V1").prompt.plain
        # Selecting, copying (notification shows the name), palette and filter all survive it.
        for fid in ("E1", "E2", "E3", "Q1", "V1"):
            app.select_fact(fid)
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        await pilot.press("ctrl+p", *"link")
        await pilot.pause(0.3)
        await pilot.press("escape")
        await pilot.press("slash", *"[/]")
        await pilot.pause()
        assert app.is_running


def test_importing_the_app_does_not_import_spacy():
    code = (
        "import sys, tui.app; "
        "heavy = [m for m in ('spacy', 'dateparser', 'trafilatura', 'tui.facts', 'tui.nlp') if m in sys.modules]; "
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == ""


async def test_article_keys_scroll_and_the_mouse_picks_a_row(analysis):
    app = make_app(analysis)
    async with app.run_test(size=(100, 24)) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")  # Entities -> Article
        view = app.article_view
        assert app.focused is view
        await pilot.press("G")  # (animated by Textual: wait for it to land)
        await wait_until(pilot, lambda: view.scroll_offset.y == view.max_scroll_y > 0)
        await pilot.press("g")
        await wait_until(pilot, lambda: view.scroll_offset.y == 0)
        await pilot.press("j", "j")
        await pilot.pause()
        assert view.scroll_offset.y == 2
        await pilot.press("k")
        await pilot.pause()
        assert view.scroll_offset.y == 1
        # Clicking a row in the Events panel selects that event.
        events_list = app.panel("events").list
        await pilot.click(events_list, offset=(2, 1))
        await pilot.pause()
        assert app.selected_fact == analysis.events[1]
        assert [r for *_, r in view.spans if r == "trigger"] == ["trigger"]


async def test_n_and_N_are_dimmed_and_inert_while_no_fact_is_lit(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("shift+tab")  # Entities -> Article, the first entity lit
        view = app.article_view
        assert footer_keys(app)["next_span"] is True and footer_keys(app)["previous_span"] is True
        await pilot.press("n")
        assert view.focused_span == 1
        await pilot.press("tab", "slash", *"zzzz", "enter")  # a filter that leaves Entities empty
        await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.focused is view and not view.spans
        assert footer_keys(app)["next_span"] is False and footer_keys(app)["previous_span"] is False
        await pilot.press("n")
        assert view.focused_span is None and not view.spans
        await pilot.press("tab", "escape")  # the filter cleared: the first entity lit again
        await pilot.pause()
        view.focus()
        await pilot.pause()
        assert view.spans and footer_keys(app)["next_span"] is True


async def test_the_first_fact_is_lit_where_it_is_and_only_the_reader_scrolls_to_it():
    """A long article whose main entity is first named far down: the panel's first row is lit
    as the facts come, but the article stays at its top until the reader moves."""
    text = "Harbour report\n\n" + "".join(f"Paragraph {i} is about the tides.\n\n" for i in range(120))
    text += "Mayor Ines Faro opened the harbour. Faro spoke. Lisbon cheered.\n"
    article = Article(path="seeds/long.txt", text=text, title="Harbour report")

    def ment(s: str, at: str | None = None) -> Mention:
        i = text.index(at or s)
        return Mention(i, i + len(s), s)

    faro = Entity("E1", "Ines Faro", "PERSON", 0.6, (ment("Ines Faro"), ment("Faro", at="Faro spoke")))
    lisbon = Entity("E2", "Lisbon", "GPE", 0.2, (ment("Lisbon"),))
    app = make_app(Analysis(article, ModelInfo("en_core_web_sm", "3.8.0"), (faro, lisbon)))
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article_view.spans)
        await pilot.pause()
        view = app.article_view
        assert app.selected_fact == faro and view.scroll_offset.y == 0  # lit, not gone to
        await pilot.press("j", "k")  # the reader moves: the article follows
        await wait_until(pilot, lambda: view.scroll_offset.y > 200)
        assert view.line_of(text.index("Ines Faro")) in range(view.scroll_offset.y, view.scroll_offset.y + view.size.height)


def _harbour() -> tuple[str, Analysis]:
    """Ines Faro named at the top, Lisbon 120 paragraphs down."""
    text = "Harbour report\n\nMayor Ines Faro opened the harbour.\n\n"
    text += "".join(f"Paragraph {i} is about the tides.\n\n" for i in range(120)) + "Lisbon cheered.\n"
    found = [(n, label, text.index(n)) for n, label in (("Ines Faro", "PERSON"), ("Lisbon", "GPE"))]
    entities = tuple(Entity(f"E{k}", n, label, 0.6 - k / 10, (Mention(i, i + len(n), n),))
                     for k, (n, label, i) in enumerate(found, 1))
    return text, Analysis(Article(path="seeds/harbour.txt", text=text, title="Harbour report"),
                          ModelInfo("en_core_web_sm", "3.8.0"), entities)


def _in_view(view, offset: int) -> bool:
    return view.scroll_offset.y <= view.line_of(offset) < view.scroll_offset.y + view.size.height


async def test_a_filter_the_reader_types_takes_the_article_to_its_first_match():
    text, harbour = _harbour()
    app = make_app(harbour)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article_view.spans)
        await pilot.press("slash", *"lis")
        await pilot.pause(0.2)
        assert app.selected_fact.name == "Lisbon" and _in_view(app.article_view, text.index("Lisbon"))


async def test_the_readers_move_still_scrolls_when_more_facts_land_before_it_is_handled():
    text, harbour = _harbour()
    app = make_app(harbour)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article_view.spans)
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.action_cursor_down()  # the reader's j, to Lisbon, and before its highlight is handled ...
        panel.set_facts(harbour, harbour.entities, keep="E2")  # ... a fuller result fills the panel
        await pilot.pause(0.2)
        assert app.selected_fact.name == "Lisbon" and _in_view(app.article_view, text.index("Lisbon"))


async def test_a_resize_keeps_the_readers_place_and_a_lit_span_in_sight():
    text, harbour = _harbour()
    app = make_app(harbour)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article_view.spans)
        view = app.article_view
        view.scroll_to(y=view.line_of(text.index("Paragraph 60 ")), animate=False, immediate=True)
        await pilot.pause()
        await pilot.resize_terminal(80, 24)  # Ines Faro is lit, far above: the article stays put
        await pilot.pause()
        await pilot.pause()
        top = view.lines[int(view.scroll_offset.y)]
        assert text[top.start : top.end].startswith("Paragraph 60 ")
        await pilot.press("j")  # Lisbon, lit and gone to
        await pilot.pause()
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert _in_view(view, text.index("Lisbon"))


async def test_a_fill_that_lights_the_panels_cursor_leaves_the_article_where_it_is():
    from tui.app import filling

    text, harbour = _harbour()
    app = make_app(harbour)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_until(pilot, lambda: app.article_view.spans)
        await pilot.pause()
        panel = app.panel("entities")
        panel.list.highlighted = panel._row["E2"]  # the panel's cursor on Lisbon, not yet lit
        app.selected_fact = None
        filling._filled(app, harbour)
        await pilot.pause()
        assert app.selected_fact.name == "Lisbon" and app.article_view.scroll_offset.y == 0


async def test_palette_finds_a_fact_by_another_form_of_its_name(analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"U.S.")
        prompts: list[str] = []
        for _ in range(50):
            await pilot.pause(0.05)
            prompts = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
            if any("United States" in p for p in prompts):
                break
        assert any(p.startswith("Entity: United States") for p in prompts), prompts


async def test_a_late_highlight_after_the_screens_are_gone_is_ignored(analysis):
    """A FactPanel.Highlighted that lands while the app closes must not raise ScreenStackError."""
    from tui.app.panels import FactPanel

    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        panel = app.panel("entities")
        fact = analysis.entities[1]  # not the one selected on mount
        selected = app.selected_fact
        assert selected is not None and selected != fact
    # the app has exited: no screen is left on the stack
    app._fact_highlighted(FactPanel.Highlighted(panel, fact))  # must not raise
    assert app.focused_panel() is None
    assert app.selected_fact == selected  # ignored: nothing selected, nothing lit

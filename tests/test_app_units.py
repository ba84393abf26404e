"""Unit tests for the explorer's pure parts: wrapping, labels, export paths, clipboard."""

from __future__ import annotations

from dataclasses import replace
import os

import pytest
from rich.cells import cell_len

from app_fixtures import seed_analysis
from tui.analysis import Article, Event, ModelInfo, Phrase, Span, TimeSpan, Analysis
from tui.app.wrap import wrap
from tui.app.clipboard import CopyResult, system_copy
from tui.app.export_dialog import default_path, with_suffix
from tui.app.labels import (DISPLAY_MAP, display_text, entity_order, event_label, fact_label, fact_spans, one_line,
                            short_date)
from tui.kinds import all_facts, kind_of


@pytest.mark.parametrize("width", [1, 5, 17, 40, 80])
@pytest.mark.parametrize(
    "text",
    [
        open(os.path.join(os.path.dirname(__file__), "..", "seeds", "000_bdc864ace7bdc83f.txt"), encoding="utf-8").read(),
        "一二三四五六七八九十 wide 字 characters 字字字字字字字字字字字字",
        "averyveryverylongwordthatdoesnotfit and more\n\n\n  leading spaces\ntrailing   ",
        "",
    ],
)
def test_wrap_keeps_offsets_and_fits_the_width(text, width):
    lines = wrap(text, width)
    assert lines, "at least one line"
    prev_end = 0
    for start, end in lines:
        assert prev_end <= start <= end <= len(text)
        gap = text[prev_end:start]
        assert gap in ("", "\n"), repr(gap)  # only the newline between lines is skipped
        shown = text[start:end].rstrip(" ")
        assert "\n" not in shown
        assert cell_len(shown) <= max(width, max((cell_len(c) for c in shown), default=0))
        prev_end = end
    assert "".join(text[s:e] for s, e in lines).replace("\n", "") == text.replace("\n", "")


def test_display_text_is_one_to_one():
    raw = "a\x1b[31mb\tc\x00d\x7f\x85e\nf"
    shown = display_text(raw)
    assert len(shown) == len(raw)
    assert "\x1b" not in shown and "\x00" not in shown and "\x85" not in shown
    assert shown.split("\n")[1] == "f"
    assert one_line("a\n\n b\x1b") == "a b\ufffd"


FAMILY = "\U0001F468\u200d\U0001F469\u200d\U0001F467\u200d\U0001F466"  # man ZWJ woman ZWJ girl ZWJ boy


def codepoint_cells(text: str) -> int:
    """What a terminal that draws each code point on its own takes (tmux, xterm, VTE)."""
    return sum(cell_len(c) for c in text)


@pytest.mark.parametrize(
    "raw, shown, cells",
    [
        (FAMILY, FAMILY.replace("\u200d", "\u200b"), 8),  # four people: Rich said 2
        ("a\u200db", "a\u200bb", 2),  # Rich said 1: it joined a and b
        ("\u2764\ufe0f", "\u2764\u200b", 1),  # VS16: Rich said 2, tmux draws 1
        ("\U0001F44D\U0001F3FD", "\U0001F44D\u200b", 2),  # skin tone: Rich said 2, tmux draws 4
        ("a\u3164b", "a\u3000b", 4),  # Hangul filler: Rich said 2, terminals 4
        ("a\uffa0b", "a b", 3),
        ("a\u202eb\u2066c", "a\u200bb\u200bc", 3),  # bidi override and isolate
        ("e\u0301 \u200b \u200c", "e\u0301 \u200b \u200c", 3),  # already measured alike: kept
    ],
)
def test_display_mapping_makes_rich_and_the_terminal_agree(raw, shown, cells):
    """Item 10: Rich measured ZWJ clusters as one glyph where terminals draw each part, so the
    borders moved; for display each such character is replaced one to one."""
    assert display_text(raw) == shown and len(shown) == len(raw)
    assert cell_len(shown) == codepoint_cells(shown) == cells
    assert one_line(f" {raw}\n") == shown.replace("\u3000", " ")  # one_line also collapses spaces


def test_every_display_replacement_is_one_character_measured_alike():
    for cp, replacement in DISPLAY_MAP.items():
        assert len(replacement) == 1
        assert cell_len(f"x{replacement}y") == codepoint_cells(f"x{replacement}y"), hex(cp)
        assert display_text(f"x{chr(cp)}y") == f"x{replacement}y"


def test_entities_are_grouped_names_first():
    analysis = seed_analysis()
    order = entity_order(analysis.entities)
    assert order[0].name == "Zhai Jun"  # people first, the most salient person first
    first_value = next(i for i, e in enumerate(order) if not e.is_name)
    assert all(e.is_name for e in order[:first_value]) and not any(e.is_name for e in order[first_value:])


def test_short_dates_and_event_labels():
    assert short_date("2023-10-07", "2023-10-19") == "Oct 7"
    assert short_date("2022-10-07", "2023-10-19") == "Oct 7 2022"
    assert short_date("2023-10", "2023-10-19") == "2023-10"
    text = "He did not go to Paris on Monday."
    article = Article("x.txt", text, date="2023-10-19")
    parts = [Phrase(s, e, text[s:e], role) for s, e, role in
             [(0, 2, "agent"), (3, 13, "verb"), (14, 22, "place"), (23, 32, "time")]]
    v = Event("V1", 10, 12, "go", "go", (0, len(text)), Span(0, 2, "He", None), None,
              TimeSpan(23, 32, "on Monday", "2023-10-16"), Span(17, 22, "Paris", None), negated=True,
              modality="negated", main=False, words=tuple(parts))
    analysis = Analysis(article, ModelInfo("m", "1"), events=(v,))
    assert event_label(analysis, v).plain == "[not] He did not go to Paris on Monday · 2023-10-16"
    assert [r for *_, r in fact_spans(v)] == ["agent", "trigger", "place", "time"]
    # written by another tool, without its words: the roles in text order, "not" only where the words lack it
    bare = replace(v, words=(), main=True)
    assert event_label(analysis, bare).plain == "He not go in Paris on Monday · 2023-10-16"
    said = replace(bare, start=3, text="did not go")
    assert event_label(analysis, said).plain == "He did not go in Paris on Monday · 2023-10-16"


def test_default_export_path(tmp_path, monkeypatch):
    analysis = seed_analysis()
    assert default_path(analysis, "json") == "000_bdc864ace7bdc83f.facts.json"  # here, not beside the article
    stdin = Analysis(Article("<stdin>", "text"), analysis.model)
    assert default_path(stdin, "csv") == "stdin.facts.csv"
    assert default_path(stdin, "md", str(tmp_path)) == os.path.join(str(tmp_path), "stdin.facts.md")
    assert with_suffix("x/y.facts.json", "md") == "x/y.facts.md"
    assert with_suffix("x/notes", "md") == "x/notes"


def test_copy_result_messages(monkeypatch):
    assert CopyResult(True, True).describe() == "to the system clipboard and the terminal (OSC 52)"
    assert "no system clipboard (why)" in CopyResult(True, False, "why").describe()
    assert not CopyResult(False, False, "why").ok
    import pyperclip

    def boom(text):
        raise pyperclip.PyperclipException("Pyperclip could not find a copy/paste mechanism for your system.")

    monkeypatch.setattr(pyperclip, "copy", boom)
    assert system_copy("x") == (False, "no xclip, xsel or wl-copy found")


def test_styled_labels_say_what_the_table_says():
    """The app only styles a label: its text is the table's, for every fact of the seed."""
    analysis = seed_analysis()
    for fact in all_facts(analysis):
        assert fact_label(analysis, fact).plain == kind_of(fact).label_text(analysis, fact), fact.id
    assert fact_label(analysis, analysis.entities[0]).plain == "Israel 10"  # its group is the heading above


def test_every_role_of_the_table_has_a_highlight_style():
    from tui.app.labels import ROLE_CLASS
    from tui.kinds import kinds

    assert {role for k in kinds() for role in k.roles} <= set(ROLE_CLASS)


def test_the_help_reads_the_keymap_the_app_was_given():
    """Textual keeps its keymap private: the app keeps the user's, set and updated."""
    from tui.app import WirelensApp
    from tui.app.help import keys_for

    app = WirelensApp([])
    app.set_keymap({"app.copy": "c"})
    app.update_keymap({"app.export": "x, ctrl+x"})
    assert app.user_keymap == {"app.copy": "c", "app.export": "x, ctrl+x"}
    assert keys_for(app.user_keymap, "app.export", "e") == "x / ctrl+x"
    assert keys_for(app.user_keymap, "app.quit", "q") == "q"
    assert keys_for(app.user_keymap, None, "tab") == "tab"


def test_the_entity_index_is_read_only_and_rebuilt_by_replace():
    """No mutable cache inside the frozen Analysis; `replace(…, _index={})` still works."""
    import copy
    import dataclasses
    import pickle

    an = seed_analysis()
    first = an.entities[0]
    assert an.entity(first.id) is first and an.entity("nope") is None and an.entity(None) is None
    with pytest.raises(TypeError):
        an._by_id["x"] = first
    again = dataclasses.replace(an, _index={})
    assert again == an and again.entity(first.id) is first
    assert dataclasses.replace(an, entities=()).entity(first.id) is None
    for twin in (pickle.loads(pickle.dumps(an)), copy.deepcopy(an)):
        assert twin == an and twin.entity(first.id) == first


def test_whole_word_search_agrees_with_the_regular_expression():
    """naming._has_words skips the regex for ASCII; it must answer as the regex does."""
    import re

    from tui.naming import _has_words

    texts = ["Zhai Jun", "Juno", "the U.S. envoy", "A_b c", "", "x", "Mr. O'Neil said", "Ünal Ünal", "jun-zhai", "ZHAI"]
    parts = ["Zhai", "Jun", "U.S.", "U.S", "b", "", "x", "O'Neil", "Neil", "ünal", "zhai", "jun", "A_b", "c"]
    for text in texts:
        for part in parts:
            expected = re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.IGNORECASE) is not None
            assert _has_words(text, part) == expected, (text, part)


def test_a_long_path_gives_up_its_folders_before_its_file_name():
    from tui.analysis import Article
    from tui.app.labels import article_header, fit_path
    from tui.sources import SourceError

    deep = "/home/reader/.local/lib/python3.11/site-packages/seeds/wikinews_2008_canada.txt"
    assert fit_path(deep, 40) == "…/seeds/wikinews_2008_canada.txt"
    assert fit_path(deep, 20) == "wikinews_2008_canad…"  # the name alone, cut at its end
    assert fit_path("https://example.com/world/2024/03/harbour-reopens-after-storm/", 34) == \
        "…/03/harbour-reopens-after-storm/"  # an address ending in "/" keeps its last part
    assert fit_path("C:\\Users\\reader\\Documents\\news\\storm.txt", 24) == "…\\news\\storm.txt"
    assert fit_path("a/b.txt", 40) == "a/b.txt" and fit_path(deep, 0) == deep  # (0: not laid out yet)
    broken = article_header(SourceError("/news/" + "a" * 60 + ".txt", "no such file"), None, 40)
    assert [len(line) for line in broken.plain.splitlines()] == [40, 12]  # "✗ " and the name fit together
    meta = article_header(Article(path=deep, text="x", date="2024-03-05"), None, 50).plain.splitlines()[-1]
    assert meta == "2024-03-05 · …/seeds/wikinews_2008_canada.txt"


def test_an_event_rows_last_part_goes_whole_rather_than_as_a_lone_ellipsis():
    text = "Gloria developed severe eczema at the age of four months."
    verb = text.index("developed")
    v = Event("V1", verb, verb + 9, "developed", "develop", (0, len(text)), words=(
        Phrase(0, 6, "Gloria", "agent"), Phrase(verb, verb + 9, "developed", "verb"),
        Phrase(17, 30, "severe eczema", "patient"), Phrase(31, 56, "at the age of four months", "time")))
    analysis = Analysis(Article("g.txt", text), ModelInfo("m", "1"), events=(v,))
    assert fact_label(analysis, v, 30).plain == "Gloria developed severe ec…"  # "… at the ag…" cut to "… a…"
    assert fact_label(analysis, v, 34).plain == "Gloria developed severe ec… at the ag…"  # enough of it shows

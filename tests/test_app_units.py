"""Unit tests for the explorer's pure parts: wrapping, labels, export paths, clipboard."""

from __future__ import annotations

import os

import pytest
from rich.cells import cell_len

from app_fixtures import seed_analysis
from tui.analysis import Article, Event, ModelInfo, Span, TimeSpan, Analysis
from tui.app.article import wrap
from tui.app.clipboard import CopyResult, system_copy
from tui.app.export_dialog import default_path, with_suffix
from tui.app.labels import display_text, entity_order, event_label, fact_spans, one_line, short_date


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


def test_entities_are_grouped_names_first():
    analysis = seed_analysis()
    order = entity_order(analysis.entities)
    assert order[0].name == "Israel"  # the most salient group and row
    first_value = next(i for i, e in enumerate(order) if not e.is_name)
    assert all(e.is_name for e in order[:first_value]) and not any(e.is_name for e in order[first_value:])


def test_short_dates_and_event_labels():
    assert short_date("2023-10-07", "2023-10-19") == "Oct 7"
    assert short_date("2022-10-07", "2023-10-19") == "Oct 7 2022"
    assert short_date("2023-10", "2023-10-19") == "2023-10"
    text = "He did not go to Paris on Monday."
    article = Article("x.txt", text, date="2023-10-19")
    v = Event("V1", 10, 12, "go", "go", (0, len(text)), Span(0, 2, "He", None), None,
              TimeSpan(23, 32, "on Monday", "2023-10-16"), Span(17, 22, "Paris", None), negated=True)
    label = event_label(Analysis(article, ModelInfo("m", "1"), events=(v,)), v).plain
    assert label == "Oct 16 He not go in Paris"
    assert [r for *_, r in fact_spans(v)] == ["agent", "trigger", "place", "time"]


def test_default_export_path(tmp_path, monkeypatch):
    analysis = seed_analysis()
    assert default_path(analysis, "json") == os.path.join("seeds", "000_bdc864ace7bdc83f.facts.json")
    stdin = Analysis(Article("<stdin>", "text"), analysis.model)
    assert default_path(stdin, "csv") == "stdin.facts.csv"
    missing = Analysis(Article(str(tmp_path / "gone" / "a.txt"), "text"), analysis.model)
    assert default_path(missing, "md") == "a.facts.md"  # its folder is gone: here instead
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

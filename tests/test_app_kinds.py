"""A kind of fact added to the table shows everywhere the built-in kinds do (issue 8).

The test adds a small `Figure` kind (a number in the text) with three things: its
dataclass, an Analysis that carries the facts, and one `Kind` entry. The app, the
palette, copy and every export pick it up from the table, with no change of their own.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass

import pytest
from textual.command import CommandPalette

from tui import kinds
from tui.analysis import Analysis
from tui.app.help import HelpScreen
from tui.app.labels import fact_label
from tui.export import fact_markdown, to_csv, to_markdown
from tui.naming import md_escape

from app_fixtures import make_app, palette_search, seed_analysis

SIZE = (160, 60)


@dataclass(frozen=True)
class Figure:
    """A number the article gives."""

    id: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class FigureAnalysis(Analysis):
    figures: tuple[Figure, ...] = ()


FIGURE = kinds.Kind(
    key="figure", field="figures", type=Figure, title="Figures", singular="figure", plural="figures",
    roles=("mention",), spans=lambda f: [(f.start, f.end, "mention")],
    label=lambda analysis, f: [("#", "muted"), " ", (f.text, "strong")],
    markdown=lambda analysis, f, alone: f"- {md_escape(f.text)}",
    csv=lambda analysis, f: {"text": f.text, "start": f.start, "end": f.end},
)


@pytest.fixture
def figure_kind():
    kinds.register(FIGURE)
    yield FIGURE
    kinds.unregister("figure")


@pytest.fixture
def analysis() -> FigureAnalysis:
    seed = seed_analysis()
    text = seed.article.text

    def figure(fid: str, words: str) -> Figure:
        start = text.index(words)
        return Figure(fid, start, start + len(words), words)

    return FigureAnalysis(seed.article, seed.model, seed.entities, seed.quotes, seed.events,
                          figures=(figure("F1", "1,400"), figure("F2", "2.3 million")))


@pytest.fixture
def clipboard(monkeypatch):
    import pyperclip

    got: list[str] = []
    monkeypatch.setattr(pyperclip, "copy", got.append)
    return got


async def test_an_added_kind_gets_a_panel_with_its_title_and_rows(figure_kind, analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert [p.id for p in app.panels] == ["entities", "quotes", "events", "figures"]
        panel = app.panel("figure")
        assert panel is app.panel("figures")
        assert panel.border_title == "Figures 2"
        assert [o.prompt.plain for o in panel.list.options] == ["# 1,400", "# 2.3 million"]
        assert panel.list.get_option("F1").prompt == fact_label(analysis, analysis.figures[0])
        # Tab reaches it after Events; its cursor lights its span.
        await pilot.press("tab", "tab", "tab")
        assert app.focused is panel.list
        await pilot.press("j")
        await pilot.pause()
        f2 = analysis.figures[1]
        assert app.selected_fact == f2
        assert app.article_view.spans == [(f2.start, f2.end, "mention")]
        app.select_fact("F1")  # as the palette and a click do
        assert panel.current == analysis.figures[0]
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert "Entities, Quotes, Events, Figures" in str(app.screen.query_one("#help-text").render())


async def test_the_palette_finds_an_added_kind(figure_kind, analysis):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        prompts = await palette_search(app, pilot, "2.3 million", lambda p: p.startswith("Figure:"))
        assert "Figure: # 2.3 million\nHighlight this figure in the article" in prompts, prompts
        while not str(app.screen.query_one("CommandList").highlighted_option.prompt).startswith("Figure:"):
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, CommandPalette)
        assert app.selected_fact == analysis.figures[1]
        assert app.panel("figures").current == analysis.figures[1]
        assert app.focused is app.panel("figures").list


async def test_copy_and_export_of_an_added_kind(figure_kind, analysis, clipboard, tmp_path):
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        app.select_fact("F1")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert clipboard == ["- 1,400"]
        assert list(app._notifications)[-1].message.startswith("Copied figure “# 1,400” as Markdown")
        await pilot.press("Y")
        await pilot.pause()
        assert clipboard[-1] == to_markdown(analysis)
        # The export dialog's Markdown: the figures' section comes last, as in the table.
        await pilot.press("e")
        await pilot.pause()
        await pilot.click("#fmt-md")
        await pilot.pause()
        target = tmp_path / "facts.md"
        app.screen.query_one("#export-path").value = str(target)
        app.screen.query_one("#export-path").focus()
        await pilot.press("enter")
        await pilot.pause()
        md = target.read_text(encoding="utf-8")
    assert md == to_markdown(analysis)
    assert md.endswith("\n\n## Figures\n\n- 1,400\n\n- 2.3 million\n")
    assert md.index("## Events") < md.index("## Figures")


def test_csv_and_notes_of_an_added_kind(figure_kind, analysis):
    rows = list(csv.DictReader(io.StringIO(to_csv(analysis))))
    assert [(r["kind"], r["id"], r["text"], r["start"]) for r in rows[-2:]] == [
        ("figure", "F1", "1,400", str(analysis.figures[0].start)),
        ("figure", "F2", "2.3 million", str(analysis.figures[1].start)),
    ]
    assert fact_markdown(analysis, analysis.figures[1]) == "- 2.3 million"


def test_without_its_entry_a_kind_fails_loudly(analysis):
    """Unregistered, a figure is an error, never shown as an event or exported as an entity."""
    with pytest.raises(TypeError, match="Figure is not a registered fact kind"):
        fact_markdown(analysis, analysis.figures[0])
    with pytest.raises(TypeError, match="Figure is not a registered fact kind"):
        fact_label(analysis, analysis.figures[0])
    assert "Figures" not in to_markdown(analysis)


def test_analysis_spans_come_from_the_table_so_an_added_kind_is_checked_too(figure_kind, analysis):
    with_figures = list(analysis.spans())
    kinds.unregister("figure")
    try:
        without = list(analysis.spans())
    finally:
        kinds.register(figure_kind)
    assert with_figures[: len(without)] == without
    assert with_figures[len(without) :] == [(f.start, f.end) for f in analysis.figures]

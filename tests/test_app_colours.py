"""The highlight roles of one fact look different in 256 colours (tmux without COLORTERM),
in truecolor, and under NO_COLOR (by text style alone), and a legend names them."""

from __future__ import annotations

import pytest
from app_fixtures import make_app, seed_analysis
from rich.color import ColorSystem
from textual.content import Content

from tui.app import WirelensApp
from tui.kinds import kinds
from tui.sources import SourceError

GROUPS = {k.name: [r for r in k.roles if r != "title"] for k in kinds()}


def _look(view, role: str):
    from tui.app.labels import ROLE_CLASS

    style = view.get_component_rich_style(ROLE_CLASS[role])
    eight_bit = style.bgcolor.downgrade(ColorSystem.EIGHT_BIT).number if style.bgcolor else None
    flags = (bool(style.bold), bool(style.italic), bool(style.underline), bool(style.reverse))
    return style.bgcolor, eight_bit, flags


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox"])
async def test_each_facts_roles_differ_in_256_colours_truecolor_and_style(theme):
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(140, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        view = app.article_view
        for kind, roles in GROUPS.items():
            from tui.app.labels import ROLE_CLASS

            classes = {ROLE_CLASS[r] for r in roles}
            looks = {c: _look(view, r) for r in roles for c in [ROLE_CLASS[r]]}
            assert len(looks) == len(classes)
            for part, name in ((0, "truecolor"), (1, "256 colours"), (2, "text style (NO_COLOR)")):
                seen = [look[part] for look in looks.values()]
                assert len(set(seen)) == len(seen), f"{theme} {kind}: two roles share a {name}: {looks}"


async def test_the_legend_names_each_role_of_a_quote_in_its_style():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        legend = app.article_view.legend(["quote", "speaker", "cue", "quote"])
        assert legend.plain == "▌quote ▌speaker ▌cue"
        styles = {span.style for span in legend.spans}
        assert len(styles) == 6  # a bar and a word for each, all different


async def test_the_article_border_names_the_roles_of_the_selected_fact():
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        app.panel("quotes").list.focus()
        await pilot.pause()
        title = app.query_one("#article-pane").border_title
        assert Content.from_markup(title).plain == "Article  ▌quote ▌speaker ▌cue"  # Textual keeps it as markup
        app.panel("events").list.focus()
        await pilot.pause()
        events = Content.from_markup(app.query_one("#article-pane").border_title).plain
        assert events == "Article  ▌who/what ▌action ▌where ▌when"  # in the order of the event's spans


async def test_another_article_starts_without_the_last_facts_legend():
    """The legend names the colours of the fact selected; the next article has none until
    one of its facts is, and a file that could not be read never has one."""
    analysis = seed_analysis()
    broken = SourceError("seeds/broken.bin", "not text: looks like a binary file")
    app = WirelensApp([analysis.article, broken], analyses={analysis.article.path: analysis})
    async with app.run_test(size=(140, 40)) as pilot:
        await pilot.pause()
        pane = app.query_one("#article-pane")
        assert Content.from_markup(pane.border_title).plain == "Article  ▌name"  # the first entity's
        app.show_article(1)
        await pilot.pause()
        assert Content.from_markup(pane.border_title).plain == "Article"
        assert not pane.border_subtitle

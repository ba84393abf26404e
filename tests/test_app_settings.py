"""Keys and theme as a user sets them: `?` shows each binding's id, a keymap typo is
reported, the palette key can be remapped, and the theme picked is kept for the next start."""

from __future__ import annotations

import json
import re

from app_fixtures import make_app as app_on, notifications, seed_analysis

from tui.app import WirelensApp
from tui.app.help import HELP
from tui.app.keymap import known_ids, unknown_ids

SIZE = (160, 45)


def make_app(**kw) -> WirelensApp:
    return app_on(seed_analysis(), **kw)


def test_every_id_the_help_names_is_a_real_binding():
    named = {bid for _, rows in HELP for bid, _, _ in rows if bid}
    assert named == known_ids()  # and every binding is in the help
    assert unknown_ids({"app.copy": "c", "app.cpy": "x", "list.dwn": "j"}) == ["app.cpy", "list.dwn"]


async def test_help_shows_each_binding_id():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#help-text").render())
        for bid in ("app.copy", "app.export", "list.filter", "article.next_span", "app.command_palette"):
            assert bid in text


async def test_help_lists_the_corpus_key_and_keeps_the_ids_in_one_column():
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        lines = str(app.screen.query_one("#help-text").render()).splitlines()
        corpus = next(line for line in lines if line.rstrip().endswith("app.corpus"))
        assert corpus.split()[0] == "c"
        id_at_end = re.compile(r" (app|list|article|timeline|corpus|articles|filter|export|help)\.\w+$")
        ids = [line for line in lines if id_at_end.search(line)]
        assert len(ids) == len(known_ids())
        assert len({line.rindex(" ") for line in ids}) == 1, "the ids stand in one column"
        room = app.screen.query_one("#help-text").content_region.width
        assert max(len(line.rstrip()) for line in ids) <= room, "no id wraps onto a line of its own"


async def test_a_key_given_to_two_bindings_is_named_in_a_warning():
    app = make_app()
    app.set_keymap({"app.copy": "c"})  # Corpus's key
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "keymap: c is given to app.copy and app.corpus; only one of them can have it" in notifications(app)


async def test_an_unknown_id_in_the_keymap_is_named_in_a_warning():
    app = make_app()
    app.set_keymap({"app.copy": "c", "app.cpy": "x"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        messages = notifications(app)
        assert any("app.cpy" in m and "app.copy" not in m for m in messages), messages


async def test_the_palette_key_can_be_remapped():
    app = make_app()
    app.set_keymap({"app.command_palette": "ctrl+k"})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert type(app.screen).__name__ == "CommandPalette"


async def test_a_theme_picked_is_kept_for_the_next_start(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_CONFIG_DIR", str(tmp_path))
    app = make_app(remember_theme=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme != "nord"
        app.theme = "nord"  # what the palette's theme command sets
        await pilot.pause()
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8")) == {"theme": "nord"}
    again = make_app(remember_theme=True)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert again.theme == "nord"
    (tmp_path / "settings.json").write_text("{broken", encoding="utf-8")
    third = make_app(remember_theme=True)
    async with third.run_test(size=SIZE) as pilot:  # a broken file is no settings, never a crash
        await pilot.pause()
        assert third.theme != "nord"
        third.theme = "nord"
        await pilot.pause()
        assert notifications(third)[-1] == (
            f"The theme is not remembered: {tmp_path}/settings.json: not valid JSON; mend or remove it")
    assert (tmp_path / "settings.json").read_text(encoding="utf-8") == "{broken", "a hand-edited file is kept"


async def test_a_theme_is_added_to_the_settings_already_there(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_CONFIG_DIR", str(tmp_path))
    (tmp_path / "settings.json").write_text('{"theme": "gruvbox", "note": "mine"}', encoding="utf-8")
    app = make_app(remember_theme=True)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert app.theme == "gruvbox"
        app.theme = "nord"
        await pilot.pause()
    assert json.loads((tmp_path / "settings.json").read_text(encoding="utf-8")) == {"theme": "nord", "note": "mine"}

"""Copy and export from the app: the footer follows the analysis, an unreadable article
says why, exports land where the next open of the folder will not read them back, and
the export dialog remembers its format and folder."""

from __future__ import annotations

import json
from dataclasses import replace

from app_fixtures import footer_keys, gated_app, make_app, notifications, seed_analysis, wait_until

from tui.app import WirelensApp
from tui.app.export_dialog import default_path
from tui.sources import SourceError, read_sources

SIZE = (160, 45)


async def test_footer_shows_copy_all_and_export_live_as_soon_as_the_analysis_is_ready():
    analysis = seed_analysis()
    app, gate = gated_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_keys(app)["export"] is False and footer_keys(app)["copy_all"] is False
        gate.release.set()
        await wait_until(pilot, lambda: app.analysis_complete)
        await pilot.pause()
        keys = footer_keys(app)
        assert keys["export"] is True and keys["copy_all"] is True  # no Tab needed


async def test_copy_and_export_on_an_unreadable_article_say_why():
    bad = SourceError("news/broken.txt", "cannot decode the file as text")
    app = WirelensApp([bad])
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert footer_keys(app)["export"] is True  # live, to say why
        await pilot.press("e")
        await pilot.pause()
        assert len(app.screen_stack) == 1
        assert "Nothing to export: broken.txt could not be read: cannot decode the file as text" in notifications(app)
        await pilot.press("y")
        await pilot.pause()
        assert "Nothing to copy: broken.txt could not be read: cannot decode the file as text" in notifications(app)


def test_a_folder_does_not_read_back_wirelens_exports(tmp_path):
    (tmp_path / "story.txt").write_text("Zhai Jun landed in Qatar.\n", encoding="utf-8")
    for name in ("story.facts.md", "story.facts.json", "story.facts.csv", "STORY.FACTS.MD"):
        (tmp_path / name).write_text("# facts\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("Field notes.\n", encoding="utf-8")
    names = [s.name for s in read_sources([str(tmp_path)])]
    assert names == ["notes.md", "story.txt"]
    # named on its own, an export still opens: the user asked for it
    assert [s.name for s in read_sources([str(tmp_path / "story.facts.md")])] == ["story.facts.md"]


def test_default_export_path_is_here_or_the_remembered_folder():
    analysis = seed_analysis()
    assert default_path(analysis, "json") == "000_bdc864ace7bdc83f.facts.json"  # not beside the article
    assert default_path(analysis, "md", "/tmp/out") == "/tmp/out/000_bdc864ace7bdc83f.facts.md"


async def test_export_dialog_opens_on_the_formats_and_remembers_format_and_folder(tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    analysis = seed_analysis()
    app = make_app(analysis)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert app.focused is dialog.query_one("#export-format")
        await pilot.press("down")  # Markdown
        await pilot.press("enter")  # takes it and exports
        await pilot.pause()
        await pilot.pause()
        assert len(app.screen_stack) == 1, "Enter on the format list exports"
        assert (here / "000_bdc864ace7bdc83f.facts.md").read_text(encoding="utf-8").startswith("#")
        written = tmp_path / "out" / "000_bdc864ace7bdc83f.facts.md"
        written.parent.mkdir()
        await pilot.press("e")
        await pilot.pause()
        path = app.screen.query_one("#export-path")
        assert path.value.endswith("000_bdc864ace7bdc83f.facts.md")  # the format is remembered
        path.value = str(written)
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert written.read_text(encoding="utf-8").startswith("#")
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#export-path").value == str(written)  # and the folder


async def test_the_export_dialog_never_writes_over_an_open_article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "news").mkdir()
    other = tmp_path / "news" / "other.txt"
    other.write_text("Blinken met Zhai Jun in Doha.\n", encoding="utf-8")
    analysis = seed_analysis()
    article = tmp_path / "story.txt"
    article.write_text(analysis.article.text, encoding="utf-8")
    opened = replace(analysis.article, path="story.txt")
    analysis = replace(analysis, article=opened)
    app = WirelensApp([opened, *read_sources(["news"])], analyses={"story.txt": analysis})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        for typed in ("story.txt", str(article), "news/../news/other.txt"):
            await pilot.press("e")
            await pilot.pause()
            path = app.screen.query_one("#export-path")
            path.value = typed
            path.focus()
            for _ in range(2):  # Enter twice: no "overwrite?" step lets it through
                await pilot.press("enter")
                await pilot.pause()
            assert len(app.screen_stack) == 2, "the dialog stays open"
            message = app.screen.query_one("#export-message").render()
            assert str(message) == f"{typed} is an article open here; type another file name."
            await pilot.press("escape")
            await pilot.pause()
    assert article.read_text(encoding="utf-8") == analysis.article.text
    assert other.read_text(encoding="utf-8") == "Blinken met Zhai Jun in Doha.\n"


async def test_the_export_dialog_says_a_file_is_read_only_before_asking_to_overwrite(tmp_path, monkeypatch):
    import os

    import tui.export.output as output

    monkeypatch.chdir(tmp_path)
    keep = tmp_path / "keep.json"
    keep.write_text("PRECIOUS\n", encoding="utf-8")
    keep.chmod(0o444)
    if os.geteuid() == 0:  # root may write anything: judge by the mode bits, as for a user
        monkeypatch.setattr(output.os, "access", lambda p, mode: bool(os.stat(p).st_mode & 0o222))
    app = make_app(seed_analysis())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        path = app.screen.query_one("#export-path")
        path.value = "keep.json"
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert str(app.screen.query_one("#export-message").render()) == (
            "Cannot write keep.json: is read-only; write to another file or make it writable")
        assert str(app.screen.query_one("#export-ok").label) == "Export"  # no "Overwrite" offered
    assert keep.read_text(encoding="utf-8") == "PRECIOUS\n"


async def test_the_export_dialog_reopens_with_the_arrows_on_the_format_used_last(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(seed_analysis())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("right", "enter")  # Markdown
        await pilot.pause()
        assert (tmp_path / "000_bdc864ace7bdc83f.facts.md").exists()
        await pilot.press("e")
        await pilot.pause()
        formats = app.screen.query_one("#export-format")
        lit = formats.query("RadioButton.-selected").first()
        assert lit.id == "fmt-md" and lit.value  # the arrows start where the choice is
        await pilot.press("right", "enter")  # so Right means CSV
        await pilot.pause()
    assert (tmp_path / "000_bdc864ace7bdc83f.facts.csv").read_text(encoding="utf-8").startswith("article,id,kind,")


async def test_the_export_path_follows_the_arrows_and_a_typed_suffix_picks_the_format(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = make_app(seed_analysis())
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        dialog = app.screen
        assert footer_keys(app) == {"choose": True, "cancel": True}  # the dialog's keys, not the reading screen's
        path = dialog.query_one("#export-path")
        await pilot.press("right", "right")  # CSV, before any Enter: the field says so
        await pilot.pause()
        assert path.value == "000_bdc864ace7bdc83f.facts.csv"
        dots = {b.id: str(b.render()).split()[0] for b in dialog.query("RadioButton")}
        assert dots == {"fmt-json": "▐○▌", "fmt-md": "▐○▌", "fmt-csv": "▐●▌"}  # told apart without colour
        path.value = str(tmp_path / "facts.json")  # a typed .json asks for JSON
        await pilot.pause()
        assert dialog.query_one("#fmt-json").value and not dialog.query_one("#fmt-csv").value
        path.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert len(app.screen_stack) == 1
    assert json.loads((tmp_path / "facts.json").read_text(encoding="utf-8"))["schema"] == "wirelens/1"


async def test_keys_with_nothing_to_take_are_dimmed_and_export_still_writes_an_empty_analysis(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    empty = replace(seed_analysis(), entities=(), quotes=(), events=())
    app = make_app(empty)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.analysis_complete)
        await pilot.pause()
        keys = footer_keys(app)
        assert keys["copy"] is False and keys["copy_all"] is False  # no fact lit, none found
        assert keys["select"] is False  # no fact to go to
        assert keys["export"] is True  # the empty lists are still an answer for a script
        await pilot.press("Y")
        await pilot.pause()
        assert not any(n.startswith("Copied") for n in notifications(app))
        await pilot.press("t")  # the timeline: no event to go to or copy
        await pilot.pause()
        assert footer_keys(app) == {"select": False, "dismiss": True, "copy": False}
        await pilot.press("escape", "e", "enter")
        await pilot.pause()
    assert json.loads((tmp_path / "000_bdc864ace7bdc83f.facts.json").read_text(encoding="utf-8"))["entities"] == []


async def test_copy_is_lit_only_with_a_fact_lit():
    app = make_app(seed_analysis())
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: app.analysis_complete)
        await pilot.pause()
        assert footer_keys(app)["copy"] is True  # the first entity is lit
        await pilot.press("slash", *"zzzz")  # a filter that matches nothing: nothing lit
        await pilot.pause()
        await pilot.press("shift+tab")
        await pilot.pause()
        assert app.current_fact() is None and footer_keys(app)["copy"] is False
        app.panel("entities").list.focus()  # the list under its filter: Enter has nothing to go to
        await pilot.pause()
        assert footer_keys(app)["select"] is False
        await pilot.press("escape")  # the filter cleared: Zhai Jun listed again
        await pilot.pause()
        assert footer_keys(app)["select"] is True

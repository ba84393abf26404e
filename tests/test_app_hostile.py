"""Hostile input in the explorer, and long articles: pilot tests (App.run_test).

Facts come from a fake analyser that tags names by pattern (no model), so each
test says exactly which spans must light up; the real ModelAnalyser runs only
where the test is about it (a missing model, a cache folder that cannot be
written, partial results of a long text). The CLI side is tests/test_hostile.py.
"""

from __future__ import annotations

import asyncio
import glob
import re
import threading
from dataclasses import replace
from pathlib import Path

import pytest
from app_fixtures import wait_until
from rich.cells import cell_len

from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo
from tui.app import WirelensApp
from tui.analyser import ModelAnalyser
from tui.app.article import ArticleView
from tui.app.wrap import wrap
from tui.sources import SourceError, read_sources

HOSTILE = Path(__file__).parent / "data" / "hostile"
SEEDS = Path(__file__).resolve().parents[1] / "seeds"
SIZE = (160, 45)
FFFD = "\ufffd"

#: What the fake analyser calls a name: capitalised words, or a run of CJK, Hebrew, Arabic or emoji.
NAMES = re.compile(
    r"[A-Z][a-zà-ÿ]+(?: [A-Z][a-zà-ÿ]+)*|[\u4e00-\u9fff]+|[\u0590-\u05ff]+|[\u0600-\u06ff]+|[\U0001F300-\U0001FAFF]"
)


def tag_names(article: Article) -> Analysis:
    """An Analysis with one entity per distinct name-like string, every occurrence a mention."""
    found: dict[str, list[Mention]] = {}
    for m in NAMES.finditer(article.text):
        found.setdefault(m.group(), []).append(Mention(m.start(), m.end(), m.group()))
    entities = tuple(
        Entity(f"E{i}", name, "PERSON", 1.0 / i, tuple(ms)) for i, (name, ms) in enumerate(found.items(), 1)
    )
    return Analysis(article, ModelInfo("fake", "0"), entities)


def fake_analyser(article: Article, *, progress, cancelled) -> Analysis:
    progress("Analysing…")
    return tag_names(article)


def entity(analysis: Analysis, name: str) -> Entity:
    return next(e for e in analysis.entities if e.name == name)


async def settle(app, pilot) -> None:
    await pilot.pause()  # a highlight's message handled: the analysis it asks for has started
    await app.workers.wait_for_complete([w for w in app.workers if not w.is_cancelled])
    # a result fills one panel a frame: wait for the last (or for the error)
    await wait_until(pilot, lambda: app.filling is None and not any(p.state == "loading" for p in app.panels))
    await pilot.pause()


def show(app, path: str) -> None:
    app.show_article(next(i for i, s in enumerate(app.sources) if getattr(s, "path", None) == path))


async def lit_and_expected(pilot, view: ArticleView, start: int, end: int) -> tuple[set, set, str]:
    """The (line, cell) pairs drawn in a highlight style over a span's lines, the cells the
    span's characters occupy (wide characters count 2), and the highlighted text."""
    first, last = view.line_of(start), view.line_of(max(start, end - 1))
    view.scroll_to(y=first, animate=False, immediate=True)
    await pilot.pause()
    top = int(view.scroll_offset.y)
    assert top <= first and last < top + view.scrollable_content_region.height
    plain = view.rich_style.bgcolor  # highlights have a background; the title's style does not
    lit, expected, text = set(), set(), []
    for y in range(first, last + 1):
        x = 0
        for seg in view.render_line(y - top):
            width = seg.cell_length
            if seg.style and seg.style.bgcolor != plain and not seg.control:
                lit.update((y, x + i) for i in range(width))
                text.append(seg.text)
            x += width
        x_end = x
        text.append("\n")
        ls, le = view.lines[y]
        a, b = max(start, ls), min(end, le)
        if b > a:
            x0 = cell_len(view.text[ls:a])
            cells = range(x0, x0 + cell_len(view.text[a:b]))
            expected.update((y, x) for x in cells if x < x_end)  # spaces that hang past the edge are cropped
    return lit, expected, "".join(text).strip("\n")


async def assert_lands(pilot, view: ArticleView, start: int, end: int) -> None:
    lit, expected, text = await lit_and_expected(pilot, view, start, end)
    assert lit == expected, (view.text[start:end], sorted(lit ^ expected))
    assert text.split() == view.text[start:end].split()


# --- every hostile file -----------------------------------------------------------------------


@pytest.mark.slow
async def test_every_hostile_file_opens_and_unreadable_ones_say_why():
    sources = read_sources([str(HOSTILE)])
    errors = {s.name: s.reason for s in sources if isinstance(s, SourceError)}
    assert set(errors) == {"binary.txt", "empty.txt", "nul_bytes.txt", "whitespace.txt"}
    app = WirelensApp(sources, analyser=fake_analyser, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        listed = app.query_one("#articles")
        assert listed.display and listed.option_count == len(sources)
        for i, src in enumerate(sources):
            app.query_one("#articles").highlighted = i  # as a user moving down the list
            await settle(app, pilot)
            assert app.current == i
            header = str(app.query_one("#article-header").render())
            prompt = listed.get_option_at_index(i).prompt
            if isinstance(src, SourceError):
                assert src.name in header and src.reason in header  # one line that names the file
                assert src.reason in str(prompt) and "✗" in str(prompt)
                assert all(p.state == "error" for p in app.panels)
                assert app.article_view.text == ""
            else:
                assert "\r" not in app.article_view.text and len(app.article_view.text) == len(src.text)
                assert all(p.state == "ready" for p in app.panels), src.path
                for e in app.analysis.entities:  # every name lights up exactly under itself
                    app.select_fact(e.id)
                    await pilot.pause()
                    for s, end, _ in app.article_view.spans:
                        await assert_lands(pilot, app.article_view, s, end)
        assert app.is_running and app._exception is None


# --- wide, right-to-left, markup, escapes, line endings ---------------------------------------


async def test_emoji_cjk_and_rtl_highlights_sit_exactly_under_their_characters():
    [article] = read_sources([str(HOSTILE / "emoji_cjk_rtl.txt")])
    analysis = tag_names(article)
    names = {e.name for e in analysis.entities}
    assert {"習近平", "北京", "שלום", "مرحبا", "Emmanuel Macron", "Paris", "👋"} <= names
    for size in (SIZE, (40, 12)):
        app = WirelensApp([article], analyses={article.path: analysis})
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            view = app.article_view
            for name in ("習近平", "北京", "שלום", "مرحبا", "Emmanuel Macron", "Paris", "👋", "😀"):
                app.select_fact(entity(analysis, name).id)
                await pilot.pause()
                [(s, e, _)] = view.spans
                lit, expected, text = await lit_and_expected(pilot, view, s, e)
                assert lit == expected, name
                assert text.split() == name.split()
                if name in ("習近平", "北京", "👋"):
                    assert len(expected) == 2 * len(name)  # wide: two cells a character


async def test_markup_is_shown_literally():
    [article] = read_sources([str(HOSTILE / "markup.txt")])
    analysis = tag_names(article)
    app = WirelensApp([article], analyses={article.path: analysis})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        shown = ["".join(seg.text for seg in view.render_line(y)).rstrip() for y in range(4)]
        assert shown[0] == "[bold]Not bold[/bold] [Reuters] [$5] [/] [link=x]y[/link]"
        assert shown[2].startswith("[red]Angela Merkel[/red] met $variable and {braces} in [b]Berlin[/b].")
        app.select_fact(entity(analysis, "Angela Merkel").id)
        await pilot.pause()
        await assert_lands(pilot, view, *view.spans[0][:2])
        assert app.is_running  # "[@click=quit]" did not quit


async def test_escape_sequences_are_shown_as_replacement_characters():
    [article] = read_sources([str(HOSTILE / "escapes.txt")])
    app = WirelensApp([article], analyses={article.path: tag_names(article)})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        segments = [seg for y in range(4) for seg in view.render_line(y)]
        shown = "".join(seg.text for seg in segments)
        assert not any(ord(c) < 32 or 0x7F <= ord(c) < 0xA0 for c in shown)
        assert not any(seg.control for seg in segments)
        assert f"Title {FFFD}]0;pwned{FFFD}" in shown
        assert f"OSC 52: {FFFD}]52;c;ZXZpbA=={FFFD} CSI: {FFFD}[2J{FFFD}[31mred" in shown
        header = str(app.query_one("#article-header").render())
        assert "\x1b" not in header and "\x07" not in header
        for option in app.panel("entities").list.options:
            if option.id:
                assert "\x1b" not in option.prompt.plain


@pytest.mark.parametrize("name", ["crlf.txt", "lone_cr.txt"])
async def test_crlf_and_lone_cr_keep_offsets_right_on_screen(name):
    [article] = read_sources([str(HOSTILE / name)])
    analysis = tag_names(article)
    bogdanov = entity(analysis, "Mikhail Bogdanov")
    assert bogdanov.mentions[0].start == 59
    app = WirelensApp([article], analyses={article.path: analysis})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        assert [view.text[s:e] for s, e in view.lines[:4]] == [
            "Envoy visits", "", "Zhai Jun landed in Qatar on Thursday.", "He met Mikhail Bogdanov in Doha."]
        app.select_fact(bogdanov.id)
        await pilot.pause()
        lit, expected, text = await lit_and_expected(pilot, view, 59, 75)
        assert text == "Mikhail Bogdanov" and lit == expected == {(3, x) for x in range(7, 23)}


# --- resizing ---------------------------------------------------------------------------------


async def test_resize_to_40x12_and_back_keeps_text_and_highlights():
    article, other = read_sources([str(HOSTILE / "emoji_cjk_rtl.txt"), str(HOSTILE / "crlf.txt")])
    analysis = tag_names(article)
    app = WirelensApp([article, other], analyses={article.path: analysis, other.path: tag_names(other)})
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        macron = entity(analysis, "Emmanuel Macron")
        app.select_fact(macron.id)
        await pilot.pause()
        await pilot.resize_terminal(12, 5)  # too small to show anything: no harm either
        await pilot.pause()
        for size in ((40, 12), SIZE, (80, 24), (40, 12), SIZE):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            await pilot.pause()
            assert view.scrollable_content_region.width == view._wrap_width  # re-wrapped to the new width
            assert view.lines == wrap(view.text, view._wrap_width) and view.virtual_size.height == len(view.lines)
            assert app.selected_fact == macron
            if size == (40, 12):  # the panes stack: the article keeps the full width and some rows
                assert app.screen.has_class("-micro")
                assert view.scrollable_content_region.width >= 30 and view.scrollable_content_region.height >= 2
                assert app.query_one("#articles").region.height >= 3 and app.panel("events").region.width >= 12
            await assert_lands(pilot, view, macron.mentions[0].start, macron.mentions[0].end)
            assert any(seg.text.strip() for y in range(view.size.height) for seg in view.render_line(y))
        assert app.is_running and app._exception is None


# --- the real analyser: a missing model, a cache that cannot be written ----------------------


async def test_a_missing_model_is_one_clear_line_in_the_panels(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_CACHE_DIR", str(tmp_path / "cache"))
    [article] = read_sources([str(HOSTILE / "crlf.txt")])
    app = WirelensApp([article], model="no_such_model_xyz")
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        for panel in app.panels:
            assert panel.state == "error"
            status = str(panel.status.render())
            assert "\n" not in status and "Traceback" not in status
            assert status.startswith("spaCy model 'no_such_model_xyz' is not installed (try: pip install")
        assert "analysis failed" in str(app.query_one("#article-header").render())
        assert app.is_running


async def test_a_cache_folder_that_cannot_be_written_means_no_cache_and_no_crash(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("WIRELENS_CACHE_DIR", str(blocker / "cache"))  # cannot be created, even as root
    article = Article(path="small.txt", text="Talks\n\nAngela Merkel met Emmanuel Macron in Paris on Friday.\n")
    app = WirelensApp([article])
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        assert [p.state for p in app.panels] == ["ready"] * 3
        assert "Angela Merkel" in {e.name for e in app.analysis.entities}
        assert not (blocker / "cache").exists() and blocker.read_text() == "not a folder"
        assert app.is_running and app._exception is None


# --- a folder of 500 ----------------------------------------------------------------------------


@pytest.mark.slow
async def test_a_folder_of_500_with_bad_entries_lists_them_all(folder_of_500):
    folder = folder_of_500
    sources = read_sources([str(folder)])
    assert len(sources) == 500
    app = WirelensApp(sources, analyser=fake_analyser, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        articles = app.query_one("#articles")
        assert articles.option_count == 500
        prompts = [str(articles.get_option_at_index(i).prompt) for i in range(500)]
        assert prompts[0] == "Story 0"
        assert [p.split("\n")[0] for p in prompts[497:]] == ["✗ b_binary.txt", "✗ c_empty.txt", "✗ d_loop.txt"]
        assert "too many levels of symbolic links" in prompts[499]
        articles.focus()
        await pilot.press("G")  # to the symlink loop
        await settle(app, pilot)
        assert app.current == 499 and all(p.state == "error" for p in app.panels)
        await pilot.press("k", "k", "k")
        await settle(app, pilot)
        assert app.current == 496 and app.article.title == "Story 496"
        assert all(p.state == "ready" for p in app.panels)
        assert app.is_running and app._exception is None


# --- long articles ------------------------------------------------------------------------------


def long_text(words: int) -> str:
    seeds = [Path(p).read_text(encoding="utf-8").strip() for p in sorted(glob.glob(str(SEEDS / "*.txt")))]
    parts, n = [], 0
    while n < words:
        parts.append(seeds[len(parts) % len(seeds)])
        n += len(parts[-1].split())
    return "Long article\n\n" + "\n\n".join(parts) + "\n"


class Stepper:
    """A long analysis run by the test: it posts progress and partial results on cue."""

    def __init__(self, full: Analysis, steps: list[float]) -> None:
        self.full = full
        self.steps = steps
        self.go = threading.Semaphore(0)
        self.posted = 0

    def partial_at(self, fraction: float) -> Analysis:
        """The facts of the first `fraction` of the text, ids renumbered (as a real re-run does)."""
        cut = int(len(self.full.article.text) * fraction)
        entities = []
        for e in self.full.entities:
            ms = tuple(m for m in e.mentions if m.end <= cut)
            if ms:
                entities.append(replace(e, mentions=ms))
        entities.reverse()  # a different order, so different ids for the same facts
        return Analysis(self.full.article, self.full.model,
                        tuple(replace(e, id=f"E{i}") for i, e in enumerate(entities, int(fraction * 1000))))

    def __call__(self, article, *, progress, cancelled, partial):
        for fraction in self.steps:
            if not self._wait(cancelled):
                return None
            progress(f"Analysing… {int(fraction * 100)}%")
            partial(self.partial_at(fraction), fraction)
            self.posted += 1
        return self.full if self._wait(cancelled) else None

    def _wait(self, cancelled) -> bool:
        while not self.go.acquire(timeout=0.02):
            if cancelled():
                return False
        return True


@pytest.mark.slow
async def test_a_100k_word_article_shows_at_once_and_fills_progressively():
    text = long_text(100_000)
    assert len(text.split()) >= 100_000
    article = Article(path="long.txt", text=text, title="Long article")
    full = tag_names(article)
    stepper = Stepper(full, [0.25, 0.5])
    app = WirelensApp([article], analyser=stepper, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        view = app.article_view
        assert view.text == text and len(view.lines) > 9000
        assert all(p.state == "loading" for p in app.panels)

        # While it runs, the article scrolls and keys work.
        view.focus()
        await pilot.press("G")  # (Textual's scroll to the end is animated: wait for it to land)
        await wait_until(pilot, lambda: view.scroll_offset.y == view.max_scroll_y > 9000)
        await pilot.press("g")
        await wait_until(pilot, lambda: view.scroll_offset.y == 0)

        stepper.go.release()  # a quarter read: the first facts are usable
        await wait_until(pilot, lambda: app.panel("entities").state == "ready")
        entities = app.panel("entities")
        assert entities.border_subtitle == "analysing… 25%"
        assert "analysing… 25%" in str(app.query_one("#article-header").render())
        assert app.check_action("copy_all", ()) is None and app.check_action("export", ()) is None
        entities.list.focus()
        await pilot.press("j", "j")
        chosen = entities.current
        key = (chosen.name, chosen.mentions[0].start)
        await pilot.press("enter")  # into the article, then to the 2nd span
        await pilot.press("n")
        top, focus = view.scroll_offset.y, view.focused_span
        assert focus == 1 and app.focused is view

        stepper.go.release()  # half read: more facts, other ids; the cursor stays on its fact
        await wait_until(pilot, lambda: stepper.posted == 2)
        await wait_until(pilot, lambda: entities.border_subtitle == "analysing… 50%")
        await pilot.pause()
        now = entities.current
        assert (now.name, now.mentions[0].start) == key and now.id != chosen.id
        assert len(now.mentions) >= len(chosen.mentions)
        assert view.focused_span == focus and view.scroll_offset.y == top
        assert app.focused is view

        stepper.go.release()  # done
        await settle(app, pilot)
        assert app.analysis is full and entities.border_subtitle == ""
        assert (entities.current.name, entities.current.mentions[0].start) == key
        assert app.check_action("export", ()) is True
        assert not app.partials


async def test_progress_percentage_shows_in_the_loading_panels():
    article = Article(path="p.txt", text="Progress\n\nSome words here.\n")
    seen = threading.Event()
    release = threading.Event()

    def slow(article, *, progress, cancelled):
        progress("Analysing… 42%")
        seen.set()
        release.wait(10)
        return tag_names(article)

    app = WirelensApp([article], analyser=slow, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await asyncio.get_running_loop().run_in_executor(None, seen.wait, 10)
        await wait_until(pilot, lambda: app.panel("quotes").spinner.message == "Analysing… 42%")
        assert "analysing… 42%" in str(app.query_one("#article-header").render())
        release.set()
        await settle(app, pilot)
        assert [p.state for p in app.panels] == ["ready"] * 3


def test_model_analyser_posts_partial_results_that_are_prefixes_of_the_whole(nlp, monkeypatch):
    """The real pipeline: every partial analysis has offsets into the whole text, covers only
    the part read, and the last result is the analysis of the whole text."""
    from tui import nlp as N
    from tui.facts import analyse

    text = long_text(1200)
    article = Article(path="mid.txt", text=text, title="Long article")
    groups = list(N.piece_groups(list(N.chunks(text))))  # paragraphs go through a few at a time
    assert len(groups) >= 3
    analyser = ModelAnalyser(cache=False)
    monkeypatch.setattr(ModelAnalyser, "PARTIAL_FIRST", 0.0)
    monkeypatch.setattr(ModelAnalyser, "PARTIAL_EVERY", 0.0)
    monkeypatch.setattr(ModelAnalyser, "PARTIAL_SHARE", 0)
    partials: list[tuple[Analysis, float]] = []
    messages: list[str] = []
    result = analyser(article, progress=messages.append, cancelled=lambda: False,
                      partial=lambda a, f: partials.append((a, f)))
    assert len(partials) == len(groups) - 1
    fractions = [f for _, f in partials]
    assert fractions == sorted(fractions) and 0 < fractions[0] and fractions[-1] < 1
    for part, fraction in partials:
        assert part.article is article
        cut = int(len(text) * fraction + 0.5)
        for s, e in part.spans():
            assert 0 <= s <= e <= cut
        for ent in part.entities:
            for m in ent.mentions:
                assert text[m.start:m.end] == m.text
    assert "Analysing… 100%, extracting the facts" in messages
    assert result == analyse(article, N.parse(nlp, text), N.model_info(nlp))


@pytest.mark.slow
def test_rewrapping_a_100k_word_article_gives_the_same_lines_as_word_by_word():
    """The one-regex-per-line wrap of one-cell paragraphs cuts exactly where the cell-measuring
    one does (it is what keeps a resize of a 100,000-word article near 20 ms)."""
    from tui.app.wrap import Line, _wrap_paragraph

    def slow(text: str, width: int) -> list[Line]:
        out: list[Line] = []
        pos = 0
        for para in text.split("\n"):
            if para:
                _wrap_paragraph(para, pos, width, out.append)
            else:
                out.append(Line(pos, pos))
            pos += len(para) + 1
        return out

    text = long_text(20_000) + "  lead\u00a0spaces and a " + "verylongword" * 20 + " end\n\n\n   \n"
    for width in (1, 7, 38, 77, 150):
        assert wrap(text, width) == slow(text, width)

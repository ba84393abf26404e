"""A big folder in the explorer (issue 12's scale lines), on small folders with the limits
lowered: the first files are read before the first frame and the rest in the background,
listed in the folder's order; the Corpus screen's batch runs on after the screen closes and
lets an article the reader opens go first."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from app_fixtures import wait_until

from tui import sources as sources_module
from tui.analysis import Analysis, Article, ModelInfo
from tui.app import WirelensApp, fetching
from tui.app.corpus_view import CorpusScreen
from tui.app.articles import ArticleList
from tui.sources import Pending, SourceError, read_sources, read_sources_lazily

SIZE = (140, 40)


async def wait_for(pilot, condition) -> None:
    await wait_until(pilot, condition, timeout=8.0)


@pytest.fixture()
def folder(tmp_path, monkeypatch):
    """Twelve files: a bad one first, an empty one in the middle; 3 read before the first frame."""
    monkeypatch.setattr(sources_module, "FOLDER_AT_ONCE", 3, raising=False)  # raising: fail on what follows
    monkeypatch.setattr(fetching, "LIST_AT_ONCE", 4, raising=False)
    (tmp_path / "00_bad.txt").write_bytes(b"\xff\xfe\x00\xd8 broken \x00\x00\x00")
    for i in range(1, 12):
        body = "" if i == 7 else f"Story number {i}\n\nMaria Lopez opened bridge {i} in Port Alder on Tuesday.\n"
        (tmp_path / f"{i:02d}_story.txt").write_text(body, encoding="utf-8")
    return tmp_path


def test_a_folder_read_lazily_reads_its_first_files_and_leaves_the_rest_pending_in_order(folder):
    eager = read_sources([str(folder)])
    lazy = read_sources_lazily([str(folder)])
    assert [s.path for s in lazy] == [s.path for s in eager]
    assert lazy[:3] == eager[:3] and isinstance(lazy[1], Article)
    assert all(isinstance(s, Pending) and s.local for s in lazy[3:])
    assert [s.fetch() for s in lazy[3:]] == eager[3:]  # the same Articles, the empty file the same error
    assert isinstance(eager[7], SourceError) and isinstance(eager[0], SourceError)


async def test_the_explorer_shows_the_first_article_and_lists_the_rest_as_they_are_read(folder):
    lazy = read_sources_lazily([str(folder)])
    app = WirelensApp(lazy, analyser=blank, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        assert app.current == 1 and "bridge 1" in app.article_view.text  # the first readable one
        await wait_for(pilot, lambda: not any(isinstance(s, Pending) for s in app.sources)
                       and articles.option_count == 12)
        eager = read_sources([str(folder)])
        assert app.sources == eager
        shown = [str(articles.get_option_at_index(i).prompt) for i in range(12)]
        assert shown[1:4] == ["Story number 1", "Story number 2", "Story number 3"]
        assert shown[7].startswith("✗ 07_story.txt") and "file is empty" in shown[7]  # a bad row, one line why
        assert shown[11] == "Story number 11"
        await pilot.press("tab")  # nothing else changed: moving down the list shows each
        articles.focus()
        await pilot.press("G")
        await wait_for(pilot, lambda: app.current == 11 and app.analysis_complete)


def blank(article, *, progress, cancelled):
    return Analysis(article, ModelInfo("fixed", "1"))


class Gates:
    """An analyser (no batch path): one gate per path, closed until opened or cancelled; records
    each call and each cancel."""

    def __init__(self, *closed: str) -> None:
        self.gates = {p: threading.Event() for p in closed}
        self.calls: list[str] = []
        self.cancelled: list[str] = []

    def __call__(self, article, *, progress, cancelled):
        self.calls.append(article.path)
        gate = self.gates.get(article.path)
        while gate is not None and not gate.wait(0.01):
            if cancelled():
                self.cancelled.append(article.path)
                return None
        return replace(blank(article, progress=progress, cancelled=cancelled))


def four() -> list[Article]:
    return [Article(path=f"f/{n}.txt", text=f"{n.title()} story\n\nSomething happened to {n}.\n", title=f"{n} story")
            for n in ("a", "b", "c", "d", "e")]


async def test_an_article_opened_while_the_batch_runs_goes_first_and_the_batch_goes_on_after_the_screen_closes():
    arts = four()
    a, b, c, d, e = (x.path for x in arts)
    analyser = Gates(b, c)
    app = WirelensApp(arts, analyses={a: blank(arts[0], progress=None, cancelled=None)}, analyser=analyser)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: analyser.calls == [b])  # the batch waits on b
        screen = app.screen
        assert isinstance(screen, CorpusScreen)
        assert "in 1 of 5 articles · analysing 0 of 4" in str(screen.query_one("#corpus-status").render())
        await pilot.press("escape")  # the screen closes; its batch goes on
        await pilot.pause()
        articles = app.query_one(ArticleList)
        articles.focus()
        await pilot.press("j", "j")  # c: still queued, its gate closed; analysed now by the app
        await wait_for(pilot, lambda: app.current == 2 and analyser.calls == [b, c])
        await pilot.press("j")  # d: the reader left c before its analysis ended; d is analysed at once
        await wait_for(pilot, lambda: d in app.analyses)
        assert analyser.cancelled == [c] and b not in app.analyses  # not after the batch's b
        analyser.gates[b].set()
        analyser.gates[c].set()
        await wait_for(pilot, lambda: all(x.path in app.analyses for x in arts))
        assert analyser.calls == [b, c, d, c, e]  # c went back to the queue's front; d was not analysed twice
        await pilot.press("c")
        await pilot.pause()
        assert str(app.screen.query_one("#corpus-status").render()) == "Corpus · 0 entities in 5 of 5 articles"


class EagerBatch:
    """An analyser whose batch path takes every article at once (as the analysis child's does)
    and answers one at a time, when let; `prioritise` moves one to the front."""

    def __init__(self) -> None:
        self.go = threading.Event()
        self.order: list[str] = []
        self.prioritised: list[str] = []
        self.singles: list[str] = []

    def __call__(self, article, *, progress, cancelled):
        self.singles.append(article.path)
        return blank(article, progress=progress, cancelled=cancelled)

    def prioritise(self, path):
        self.prioritised.append(path)
        self.order.sort(key=lambda p: p != path)

    def many(self, articles, *, cancelled, jobs):
        held = {a.path: a for a in articles}
        self.order = list(held)
        while self.order and not cancelled():
            if not self.go.wait(0.01):
                continue
            path = self.order.pop(0)
            yield held[path], blank(held[path], progress=None, cancelled=None)


async def test_an_article_the_batch_holds_is_moved_to_its_front_not_analysed_twice():
    arts = four()
    a, b, c, d, e = (x.path for x in arts)
    analyser = EagerBatch()
    app = WirelensApp(arts, analyses={a: blank(arts[0], progress=None, cancelled=None)}, analyser=analyser)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("c")
        await wait_for(pilot, lambda: analyser.order == [b, c, d, e])
        await pilot.press("escape")
        app.query_one(ArticleList).focus()
        await pilot.press("j", "j", "j")  # d, held by the batch
        await wait_for(pilot, lambda: app.current == 3)
        assert analyser.prioritised == [b, c, d] and analyser.order[0] == d
        analyser.go.set()
        await wait_for(pilot, lambda: all(x.path in app.analyses for x in arts))
        assert analyser.singles == []  # the app waited for the batch's result: no second analysis
        assert app.analysis_complete and app.current == 3

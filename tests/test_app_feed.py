"""A feed opened in the explorer: the list shows at once, its items come in the background.

The pages are served by test_web's local server on 127.0.0.1; the first item's page is held
back until the test lets it go, so what the screen shows before it comes is seen for sure.
"""

from __future__ import annotations

import threading

import pytest
from app_fixtures import wait_until
from test_web import STORY, Handler, rss, server  # noqa: F401 - the fixture, served for this module too

from tui.analysis import Analysis, ModelInfo
from tui.app import WirelensApp
from tui.app.articles import ArticleList
from tui.sources import Article, Pending, SourceError, read_sources_lazily
from tui.sources.web import FetchError

SIZE = (140, 40)
GATE = threading.Event()
HITS: list[str] = []


@pytest.fixture()
def gated(server):  # noqa: F811 - the fixture imported above
    """A feed whose first item's page waits for GATE; every request's path is in HITS."""
    from test_web import STORY

    def held():
        HITS.append("/held.html")
        GATE.wait(20)
        return STORY

    def counted(body):
        def serve():
            HITS.append("counted")
            return body
        return serve

    GATE.clear()
    HITS.clear()
    Handler.routes["/held.html"] = (200, "text/html", held, {})
    Handler.routes["/counted.html"] = (200, "text/html", counted(STORY.replace("Dam reopens", "Mill opens")), {})
    Handler.routes["/gated-feed.xml"] = (
        200, "application/rss+xml", rss(f"{server}/held.html", f"{server}/gone.html", f"{server}/counted.html"), {})
    yield server
    GATE.set()


def blank(article, *, progress, cancelled):
    """No model: an analysis with no facts."""
    return Analysis(article, ModelInfo("fixed", "1"))


async def wait_for(pilot, condition) -> None:
    await wait_until(pilot, condition, timeout=8.0)


def test_reading_a_feed_lazily_fetches_the_feed_only(gated):
    items = read_sources_lazily([f"{gated}/gated-feed.xml"])
    assert [type(s) for s in items] == [Pending, Pending, Pending]
    assert [s.path for s in items] == [f"{gated}/held.html", f"{gated}/gone.html", f"{gated}/counted.html"]
    assert HITS == []  # no item page asked for yet
    third = items[2].fetch()
    assert isinstance(third, Article) and third.title == "Mill opens in Port Alder"
    assert items[1].fetch() == SourceError(f"{gated}/gone.html", "HTTP 404 Not Found")


async def test_the_explorer_opens_a_feed_before_its_items_come_and_fills_as_they_do(gated):
    sources = read_sources_lazily([f"{gated}/gated-feed.xml"])
    app = WirelensApp(sources, analyser=blank, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        articles = app.query_one(ArticleList)
        header = app.query_one("#article-header")
        # The first frame: three rows, the first item on screen, its page still coming.
        assert articles.option_count == 3
        assert app.current == 0 and isinstance(app.sources[0], Pending)
        assert "fetching…" in str(header.render())
        # The others come meanwhile: the dead one a bad row with its reason, the good one its title.
        await wait_for(pilot, lambda: not isinstance(app.sources[2], Pending) and not isinstance(app.sources[1], Pending))
        assert app.sources[1] == SourceError(f"{gated}/gone.html", "HTTP 404 Not Found")
        assert "HTTP 404 Not Found" in str(articles.get_option_at_index(1).prompt)
        assert str(articles.get_option_at_index(2).prompt) == "Mill opens in Port Alder"
        assert isinstance(app.sources[0], Pending) and app.article_view.text == ""
        articles.focus()
        await pilot.press("j", "j")  # the keys work while a page is on its way
        await wait_for(pilot, lambda: app.current == 2 and app.article is not None)
        assert "Governor Maria Lopez" in app.article_view.text
        await pilot.press("k", "k")  # back to the first item: still coming
        await wait_for(pilot, lambda: app.current == 0)
        assert "fetching…" in str(header.render())
        GATE.set()  # its page comes: it shows where it is, on screen
        await wait_for(pilot, lambda: app.article is not None and app.current == 0)
        assert app.article.title == "Dam reopens in Port Alder"
        assert "Governor Maria Lopez reopened the Alder dam" in app.article_view.text
        assert str(articles.get_option_at_index(0).prompt) == "Dam reopens in Port Alder"
        await wait_for(pilot, lambda: app.analysis_complete)


async def test_an_item_whose_fetch_raises_is_a_bad_row_not_a_crash():
    def boom():
        raise FetchError("connection reset")

    sources = [Pending("http://127.0.0.1:9/a.html", boom)]
    app = WirelensApp(sources, analyser=blank, cache=False)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for(pilot, lambda: isinstance(app.sources[0], SourceError))
        assert app.sources[0] == SourceError("http://127.0.0.1:9/a.html", "connection reset")
        await pilot.pause()
        assert "connection reset" in str(app.query_one("#article-header").render())


async def test_an_item_that_comes_after_the_corpus_screen_opened_is_analysed_and_counted(server):  # noqa: F811
    """The Corpus screen queues what is readable when it opens; an item fetched later joins
    the queue and the count (it was left unanalysed)."""
    from tui.app.corpus_view import CorpusScreen

    late = threading.Event()

    def held():
        late.wait(20)
        return STORY.replace("Dam reopens", "Ferry returns")

    Handler.routes["/one.html"] = (200, "text/html", STORY, {})
    Handler.routes["/two.html"] = (200, "text/html", STORY.replace("Dam reopens", "Mill opens"), {})
    Handler.routes["/late.html"] = (200, "text/html", held, {})
    Handler.routes["/late-feed.xml"] = (
        200, "application/rss+xml", rss(f"{server}/one.html", f"{server}/two.html", f"{server}/late.html"), {})
    analysed: list[str] = []

    def recorded(article, *, progress, cancelled):
        analysed.append(article.path)
        return blank(article, progress=progress, cancelled=cancelled)

    app = WirelensApp(read_sources_lazily([f"{server}/late-feed.xml"]), analyser=recorded, cache=False)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await wait_for(pilot, lambda: len(app.analyses) == 1 and not isinstance(app.sources[1], Pending))
            await pilot.press("c")
            screen = app.screen
            assert isinstance(screen, CorpusScreen)
            status = screen.query_one("#corpus-status")
            await wait_for(pilot, lambda: len(app.analyses) == 2)
            assert isinstance(app.sources[2], Pending)
            late.set()  # the third item comes while the screen is open
            await wait_for(pilot, lambda: "in 3 of 3 articles" in str(status.render()))
            assert sorted(analysed) == sorted(f"{server}/{n}.html" for n in ("one", "two", "late"))
            assert str(status.render()) == "Corpus · 0 entities in 3 of 3 articles"
    finally:
        late.set()

"""A feed's items fetched and a big folder's files read in the background, so the explorer opens at once.

`wirelens FEED` reads the feed itself before the first frame and leaves its items `Pending`
(`read_sources_lazily`); `wirelens FOLDER` reads a folder's first files (up to its first
article) and leaves the rest `Pending`. The app shows the list at once, every item marked
as coming; after the first frame it reads the files in order in one thread, and fetches
the pages a few at a time (`web.FEED_FETCHES`), in the feed's order, on daemon threads:
the first item is readable as soon as its own page has come, and an item that fails
becomes a bad row with its one-line reason, like an unreadable file.
"""

from __future__ import annotations

import queue
import threading
import time
from typing import TYPE_CHECKING

from textual.message import Message
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from ..analysis import Article
from ..sources import Pending, Source, SourceError
from . import batch
from .messages import error_line
from .articles import ArticleList, source_prompt

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp


class Fetched(Message):
    """Sources that were `Pending` have come: (index, an Article or a SourceError saying why not)."""

    def __init__(self, items: list[tuple[int, Source]]) -> None:
        super().__init__()
        self.items = items


#: The Articles list is given this many rows before the first frame, the rest just after it:
#: an OptionList measures every row it is given (500 rows: 30-50 ms before the article showed).
LIST_AT_ONCE = 64
#: Seconds between the batches of a folder's files read in the background: each batch makes the
#: list measure its rows again, once.
READ_BATCH_EVERY = 0.1


def list_sources(app: WirelensApp) -> None:
    """The Articles list: a screenful of rows now, the rest after the first frame."""
    articles = app.query_one(ArticleList)
    first = next((i for i, s in enumerate(app.sources) if isinstance(s, Article)), 0)  # highlighted at once
    at_once = max(LIST_AT_ONCE, first + LIST_AT_ONCE // 2)
    articles.set_sources(app.sources[:at_once])
    if len(app.sources) > at_once:
        app.call_after_refresh(_list_rest, app)


def _list_rest(app: WirelensApp) -> None:
    articles = app.query_one(ArticleList)
    have = articles.option_count
    articles.add_options([Option(source_prompt(src), id=f"a{i}") for i, src in enumerate(app.sources) if i >= have])


def start(app: WirelensApp) -> None:
    """Read a folder's pending files in one thread worker, fetch a feed's pending items in
    another (nothing to do when every source is read)."""
    from ..sources.web import FEED_FETCHES

    pending = [(i, s) for i, s in enumerate(app.sources) if isinstance(s, Pending)]
    files = [(i, s) for i, s in pending if s.local]
    pages = [(i, s) for i, s in pending if not s.local]
    if files:
        app.run_worker(lambda: _read_all(app, files), thread=True, group="fetch", exit_on_error=False,
                       description="folder files")
    if pages:
        app.run_worker(lambda: _fetch_all(app, pages, FEED_FETCHES), thread=True, group="fetch",
                       exit_on_error=False, description="feed items")


def _get(item: Pending) -> Source:
    try:
        return item.fetch()
    except Exception as exc:  # fetch() says why in a SourceError; anything else is one line too
        return SourceError(item.path, error_line(exc))


def _read_all(app: WirelensApp, files: list[tuple[int, Pending]]) -> None:
    """A folder's files, in order, posted a batch at a time."""
    worker = get_current_worker()
    batch: list[tuple[int, Source]] = []
    due = time.monotonic() + READ_BATCH_EVERY
    for index, item in files:
        if worker.is_cancelled:
            return
        batch.append((index, _get(item)))
        if time.monotonic() >= due:
            app.post_message(Fetched(batch))
            batch, due = [], time.monotonic() + READ_BATCH_EVERY
    if batch and not worker.is_cancelled:
        app.post_message(Fetched(batch))


def _fetch_all(app: WirelensApp, pending: list[tuple[int, Pending]], width: int) -> None:
    worker = get_current_worker()
    todo: queue.Queue[tuple[int, Pending]] = queue.Queue()
    for item in pending:
        todo.put(item)

    def pull() -> None:
        while not worker.is_cancelled:
            try:
                index, item = todo.get_nowait()
            except queue.Empty:
                return
            source = _get(item)
            if not worker.is_cancelled:
                app.post_message(Fetched([(index, source)]))

    # Daemon threads named as the app's workers: a quit never waits for a slow server.
    threads = [threading.Thread(target=pull, name="wirelens-worker", daemon=True)
               for _ in range(min(width, len(pending)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def show_pending(app: WirelensApp, item: Pending) -> None:
    """The article pane while its page is on its way (or its file being read)."""
    app.workers.cancel_group(app, "analysis")
    app.article_view.set_text("")
    app.update_header()
    for panel in app.panels:
        panel.show_loading("Reading the file…" if item.local else "Fetching the page…")


class FetchedItems:
    """A mixin for the app: the reading and fetching start once the first frame is drawn, and a
    source that comes takes its place in the list, shows if it is the one on screen, and joins
    the Corpus screen's analysis if that has started."""

    def on_mount(self) -> None:
        app: WirelensApp = self  # type: ignore[assignment]
        app.call_after_refresh(start, app)  # the first frame does not share the GIL with the reading

    def on_fetched(self, message: Fetched) -> None:
        app: WirelensApp = self  # type: ignore[assignment]
        articles = app.query_one(ArticleList)
        come: list[Article] = []
        for i, source in message.items:
            if not (0 <= i < len(app.sources)) or not isinstance(app.sources[i], Pending):
                continue
            app.sources[i] = source
            if isinstance(source, Article):
                come.append(source)
            if i < articles.option_count:
                articles.replace_option_prompt_at_index(i, source_prompt(source))
            if app.current == i:
                app.current = None
                app.show_article(i)
                app.refresh_bindings()
        if come:
            batch.arrived(app, come)

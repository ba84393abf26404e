"""A feed's items fetched in the background, so the explorer opens at once.

`wirelens FEED` reads the feed itself before the first frame and leaves its items `Pending`
(`read_sources_lazily`). The app shows the list at once, every item marked as coming,
and fetches them a few at a time (`web.FEED_FETCHES`), in the feed's order, on daemon
threads: the first item is readable as soon as its own page has come, and an item that
fails becomes a bad row with its one-line reason, like an unreadable file.
"""

from __future__ import annotations

import queue
import threading
from typing import TYPE_CHECKING

from textual.content import Content
from textual.message import Message
from textual.widgets import Static
from textual.worker import get_current_worker

from ..sources import Pending, Source, SourceError
from .labels import one_line
from .messages import error_line
from .panels import ArticleList, source_prompt

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp


class Fetched(Message):
    """Source `index` (a Pending item) has come: an Article, or a SourceError saying why not."""

    def __init__(self, index: int, source: Source) -> None:
        super().__init__()
        self.index = index
        self.source = source


def start(app: WirelensApp) -> None:
    """Fetch the pending items in a thread worker (nothing to do for files and pages)."""
    from ..sources.web import FEED_FETCHES

    pending = [(i, s) for i, s in enumerate(app.sources) if isinstance(s, Pending)]
    if pending:
        app.run_worker(lambda: _fetch_all(app, pending, FEED_FETCHES), thread=True, group="fetch",
                       exit_on_error=False, description="feed items")


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
            try:
                source = item.fetch()
            except Exception as exc:  # fetch() says why in a SourceError; anything else is one line too
                source = SourceError(item.path, error_line(exc))
            if not worker.is_cancelled:
                app.post_message(Fetched(index, source))

    # Daemon threads named as the app's workers: a quit never waits for a slow server.
    threads = [threading.Thread(target=pull, name="wirelens-worker", daemon=True)
               for _ in range(min(width, len(pending)))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


def show_pending(app: WirelensApp, item: Pending) -> None:
    """The article pane while its page is on its way."""
    app.workers.cancel_group(app, "analysis")
    app.article_view.set_text("")
    app.query_one("#article-header", Static).update(
        Content.assemble((one_line(item.path), "bold"), "\n", ("fetching…", "$text-muted italic")))
    for panel in app.panels:
        panel.show_loading("Fetching the page…")


def not_pending(src: Source | Pending | None) -> Source | None:
    return None if isinstance(src, Pending) else src


class FetchedItems:
    """A mixin for the app: the fetching starts once the app is mounted (Textual calls this
    `on_mount` after the app's own, as it calls every class's in the MRO), and a fetched
    item takes its place in the list, and shows if it is the one on screen."""

    def on_mount(self) -> None:
        start(self)  # type: ignore[arg-type]

    def on_fetched(self, message: Fetched) -> None:
        app: WirelensApp = self  # type: ignore[assignment]
        i = message.index
        if not (0 <= i < len(app.sources)) or not isinstance(app.sources[i], Pending):
            return
        app.sources[i] = message.source
        articles = app.query_one(ArticleList)
        if i < articles.option_count:
            articles.replace_option_prompt_at_index(i, source_prompt(message.source))
        if app.current == i:
            app.current = None
            app.show_article(i)
            app.refresh_bindings()

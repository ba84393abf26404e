"""The folder-wide analysis the Corpus screen starts: a queue of articles, one thread worker.

Opening the Corpus screen queues every article not analysed yet; the app's worker takes
them from the front of the queue, through the analyser's batch path when it has one
(`many`: the cache, then spaCy's `nlp.pipe` with the app's `--jobs`), else one by one.
The queue is read as the work goes, so it can change meanwhile:

- an article that comes later (a feed's item fetched, a big folder's file read) joins the
  end, and the progress count grows with it;
- an article the reader opens leaves the queue: the app's own analysis takes it at once,
  as any article shown, instead of after the rest of the batch (if the reader leaves it
  before that is done, it goes back to the queue's front);
- an article the analyser already holds (the analysis child takes the queue as fast as it
  is given) is not analysed twice: the analyser is asked to put it first (`prioritise`)
  and the app waits for that result.

The work belongs to the app, not to the screen: closing the screen (or going to an article
from it) leaves it running, and what it finishes is kept like any other analysis.
"""

from __future__ import annotations

import gc
import threading
from collections import deque
from typing import TYPE_CHECKING, Iterator

from textual.worker import get_current_worker

from ..analysis import Article
from .messages import AnalysisFailed, AnalysisReady, error_line

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp


class CorpusBatch:
    """The queue and its count: `done` of `total` articles the batch has been given."""

    def __init__(self, app: WirelensApp) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._queue: deque[Article] = deque()
        self._queued: set[str] = set()
        self._running = False
        self._lent: Article | None = None  # taken from the queue by the reader, analysed by the app
        self._in_hand: set[str] = set()  # given to the analyser, no result yet
        self.done = 0
        self.total = 0

    @property
    def progress(self) -> str:
        """`3 of 40` while articles are queued or being analysed, else ''."""
        return f"{self.done} of {self.total}" if self.done < self.total else ""

    def add(self, articles: list[Article], front: bool = False) -> None:
        """Queue the articles not analysed (nor queued) yet, and start the worker if it stopped."""
        app = self.app
        with self._lock:
            for a in reversed(articles) if front else articles:
                if a.path in self._queued or a.path in self._in_hand or a.path in app.analyses or a.path in app.errors:
                    continue  # in hand: the analyser has it (the child reads ahead), its result is coming
                if front:
                    self._queue.appendleft(a)
                else:
                    self._queue.append(a)
                self._queued.add(a.path)
                self.total += 1
            start = bool(self._queue) and not self._running
            self._running = self._running or start
        if start:
            app.run_worker(self._run, thread=True, group="corpus", exit_on_error=False, description="corpus")
        self._tell()

    def shown(self, source: object) -> bool:
        """The reader opened `source`. An article the batch was waiting to analyse leaves the
        queue: the app's own analysis takes it at once. The one lent so before, if the reader
        left it before its analysis finished (that is cancelled), goes back to the queue's front.
        True if the batch is analysing `source` now: its result comes from there."""
        if self._lent is not None and self._lent is not source:
            back, self._lent = self._lent, None
            self.add([back], front=True)
        if not isinstance(source, Article):
            return False
        with self._lock:
            in_hand = source.path in self._in_hand
        if in_hand:  # the analysis child holds a queue of its own: this one goes to its front
            prioritise = getattr(self.app._analyser, "prioritise", None)
            if prioritise is not None:
                prioritise(source.path)
            return True
        with self._lock:
            if source.path not in self._queued:
                return False
            self._queued.discard(source.path)
            self._queue = deque(a for a in self._queue if a.path != source.path)
            self.total -= 1
        self._lent = source
        self._tell()
        return False

    def _next(self) -> Article | None:
        app = self.app
        with self._lock:
            while self._queue:
                a = self._queue.popleft()
                self._queued.discard(a.path)
                if a.path in app.analyses or a.path in app.errors:  # the reader's own analysis got there first
                    self.total -= 1
                    continue
                self._in_hand.add(a.path)
                return a
            return None

    def _pull(self, cancelled) -> Iterator[Article]:
        """The queue's front, one article at a time, as the analyser asks for the next."""
        while not cancelled():
            a = self._next()
            if a is None:
                return
            yield a


    def _run(self) -> None:
        worker = get_current_worker()
        app = self.app

        def cancelled() -> bool:
            return worker.is_cancelled

        try:
            analyser = app.analyser()
            while not cancelled():
                many = getattr(analyser, "many", None)
                if many is not None:
                    results = many(Taken(self._pull(cancelled)), cancelled=cancelled, jobs=max(1, app.jobs))
                else:
                    results = self._one_by_one(analyser, cancelled)
                for article, result in results:
                    if cancelled():
                        return
                    if isinstance(result, Exception):
                        app.post_message(AnalysisFailed(article.path, error_line(result)))
                    elif result is not None:
                        app.post_message(AnalysisReady(article.path, result))
                        # Kept for the session: out of the cyclic GC's reach, as the model's
                        # analyses are in their process (the child's come here as new objects,
                        # and full collections walking 500 of them held the screen).
                        gc.freeze()
                    with self._lock:
                        self._in_hand.discard(article.path)
                        self.done += 1
                with self._lock:
                    if not self._queue:  # more may come later: `add` starts a new worker then
                        self._running = False
                        return
        finally:
            with self._lock:
                self._running = False
                self._in_hand.clear()

    def _one_by_one(self, analyser, cancelled) -> Iterator[tuple[Article, object]]:
        for article in self._pull(cancelled):
            try:
                yield article, analyser(article, progress=lambda text: None, cancelled=cancelled)
            except Exception as exc:  # one line in the app, never a traceback
                yield article, exc

    def _tell(self) -> None:
        """The Corpus screen, if it is open, shows the new count at once (on the UI thread; the
        worker's counts are read by the screen's poll instead, so the worker never waits on the
        UI thread to tell it)."""
        from .corpus_view import CorpusScreen

        screen = self.app.screen if self.app.is_running else None
        if isinstance(screen, CorpusScreen) and screen.is_mounted:
            screen.set_progress(self.progress)


class Taken:
    """What `many` is given: the batch's queue, taken from as it is iterated. Iterated again
    (an analyser that lists its articles first), it gives what it gave before, then takes on."""

    def __init__(self, pull: Iterator[Article]) -> None:
        self._pull = pull
        self._given: list[Article] = []

    def __iter__(self) -> Iterator[Article]:
        yield from list(self._given)
        for a in self._pull:
            self._given.append(a)
            yield a


def of(app: WirelensApp) -> CorpusBatch:
    """The app's batch, made when the Corpus screen first opens."""
    if app.corpus_batch is None:
        app.corpus_batch = CorpusBatch(app)
    return app.corpus_batch


def arrived(app: WirelensApp, articles: list[Article]) -> None:
    """Articles that came after the batch started (fetched, read) join its queue."""
    if app.corpus_batch is not None:
        app.corpus_batch.add(articles)


def shown(app: WirelensApp, source: object) -> bool:
    """The reader opened a source: an article the batch was waiting for is analysed at once
    instead. True if the batch is analysing it now (the app waits for that result); the
    app's own analysis of another article then stops, as when it starts one."""
    if app.corpus_batch is None or not app.corpus_batch.shown(source):
        return False
    app.workers.cancel_group(app, "analysis")
    return True

"""The Corpus screen's batch in the analysis child: many articles through one `nlp.pipe`.

`ProcessAnalyser.many` sends the child a `many` request, then each article as the app's
queue gives it (`more`), then `end`; the child runs `ModelAnalyser.many` over them (the
cache, then spaCy's `nlp.pipe` with `jobs` processes) and answers for each article by its
path as it finishes. Without this, the batch went to the child one article at a time:
no `nlp.pipe`, no `--jobs`.

What the reader opens meanwhile is not left behind the batch: a single article's request
is served between two results of the batch, and `first` moves an article the child holds
to the front of its queue (what `nlp.pipe` has already read ahead, at most one batch of
pieces, goes before it).

It imports no Textual, and no spaCy in the parent.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from typing import TYPE_CHECKING, Any, Callable, Iterable, Iterator

from .analysis import Analysis, Article
from .analyser import Cancelled, ModelAnalyser

if TYPE_CHECKING:  # pragma: no cover
    from .analyser_process import ProcessAnalyser


# --- the parent ---------------------------------------------------------------------------------


def many_in_child(pa: ProcessAnalyser, articles: Iterable[Article], cancelled: Cancelled,
                  jobs: int) -> Iterator[tuple[Article, Analysis | Exception]]:
    """`ProcessAnalyser.many`: (article, Analysis or the exception that stopped it), as each finishes."""
    return _Batch(pa, iter(articles), cancelled, jobs).run()


class _Batch:
    """One `many` request, seen from the parent."""

    def __init__(self, pa: ProcessAnalyser, source: Iterator[Article], cancelled: Cancelled, jobs: int) -> None:
        self.pa, self.source, self.cancelled, self.jobs = pa, source, cancelled, jobs
        self.lookup = _lookup(pa)
        self.in_flight: dict[str, Article] = {}  # sent to the child, no answer yet
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.q: queue.Queue = queue.Queue()
        self.parts: dict[str, list] = {}
        self.finished = False

    def run(self) -> Iterator[tuple[Article, Analysis | Exception]]:
        from .analyser_process import ChildFailed

        pa = self.pa
        with pa._lock:
            started = pa.start()
            pa._next_id += 1
            self.rid = pa._next_id
            pa._queues[self.rid] = self.q
            pa._batches.add(self.rid)
        feeder = threading.Thread(target=self.feed, name="wirelens-analyser-feed", daemon=True)
        try:
            if not started:
                raise ChildFailed(pa.failure or "cannot start the analysis process")
            pa._send({"op": "many", "id": self.rid, "jobs": self.jobs})
            feeder.start()
            while not self.cancelled() and not self.finished:
                try:
                    msg = self.q.get(timeout=0.02)
                except queue.Empty:
                    continue
                yield from self.handle(msg)
        except ChildFailed as exc:
            yield from self.fallback(exc, feeder)
        finally:
            self.stop.set()
            if not self.finished:
                try:
                    pa._send({"op": "cancel", "id": self.rid})
                except ChildFailed:
                    pass
            with pa._lock:
                pa._queues.pop(self.rid, None)
                pa._batches.discard(self.rid)

    def feed(self) -> None:
        """Each article as the queue gives it: a cached one answered here, the others sent."""
        from .analyser_process import ChildFailed

        try:
            for article in self.source:
                if self.stop.is_set() or self.cancelled():
                    return
                hit = self.lookup(article)
                if hit is not None:
                    self.q.put({"cached": (article, hit)})
                    continue
                with self.lock:
                    self.in_flight[article.path] = article
                self.pa._send({"op": "more", "id": self.rid, "article": {
                    "path": article.path, "title": article.title, "date": article.date, "text": article.text}})
            self.pa._send({"op": "end", "id": self.rid})
        except ChildFailed:
            self.q.put({"died": True})

    def handle(self, msg: dict[str, Any]) -> Iterator[tuple[Article, Analysis | Exception]]:
        from .analyser_process import AnalysisError, ChildFailed, _analysis, _joined

        if "cached" in msg:
            yield msg["cached"]
        elif msg.get("died"):
            raise ChildFailed("the analysis process ended unexpectedly")
        elif "add" in msg:
            self.parts.setdefault(str(msg["add"]), []).extend(msg.get("items") or ())
        elif msg.get("done") or msg.get("cancelled"):
            self.finished = True
        elif "result" in msg or "error" in msg:
            if "path" not in msg:  # the batch itself failed: what it holds says why
                self.finished = True
                self.stop.set()
                for held in self._rest():
                    yield held, AnalysisError(str(msg["error"]))
                return
            with self.lock:
                found = self.in_flight.pop(str(msg["path"]), None)
            result = msg.get("result")
            if found is not None and result is not None:
                yield found, _analysis(_joined(result, self.parts), found)
            elif found is not None:
                yield found, AnalysisError(str(msg["error"]))
            self.parts.clear()

    def _rest(self) -> list[Article]:
        with self.lock:
            rest = list(self.in_flight.values())
            self.in_flight.clear()
        return rest

    def fallback(self, exc: Exception, feeder: threading.Thread) -> Iterator[tuple[Article, Analysis | Exception]]:
        """The child failed: what it held, and the rest, in this process."""
        pa = self.pa
        self.stop.set()
        if pa._closed or self.cancelled():
            return
        pa.failure = str(exc)
        with pa._lock:
            pa._kill()
        if feeder.is_alive():
            feeder.join(5)
        if pa._fallback is None:
            pa._fallback = ModelAnalyser(pa.model, cache=pa.cache_enabled)
        many = getattr(pa._fallback, "many", None)
        if many is not None:
            yield from many([*self._rest(), *self.source], cancelled=self.cancelled, jobs=self.jobs)


def _lookup(pa: ProcessAnalyser) -> Callable[[Article], Analysis | None]:
    cache = pa._get_cache()
    if cache is None:
        return lambda article: None
    from . import nlp

    try:
        ident = nlp.identity(pa.model)
    except Exception:  # no model: the child says so
        return lambda article: None
    return lambda article: cache.get(article, ident)


def prioritise(pa: ProcessAnalyser, path: str) -> None:
    """The reader opened an article a batch holds: the child moves it to the front of its queue."""
    from .analyser_process import ChildFailed

    for rid in list(pa._batches):
        try:
            pa._send({"op": "first", "id": rid, "path": path})
        except ChildFailed:
            return


# --- the child ----------------------------------------------------------------------------------


class Requests:
    """The child's requests, as its reader thread routes them: single articles (served first),
    batches (`many`, each with its Inbox), cancels."""

    def __init__(self) -> None:
        self.singles: queue.Queue = queue.Queue()
        self.batches: queue.Queue = queue.Queue()
        self.inboxes: dict[int, Inbox] = {}
        self.wake = threading.Semaphore(0)  # one count a request
        self.cancelled: set[int] = set()

    def route(self, msg: dict[str, Any]) -> None:
        op = msg.get("op")
        if op == "cancel":
            self.cancelled.add(msg.get("id"))  # type: ignore[arg-type]
        elif op == "analyse":
            self.singles.put(msg)
            self.wake.release()
        elif op == "many":
            self.inboxes[msg["id"]] = Inbox()
            self.batches.put(msg)
            self.wake.release()
        elif op in ("more", "end", "first") and msg.get("id") in self.inboxes:
            self.inboxes[msg["id"]].take(msg)

    def next(self) -> tuple[dict[str, Any], Inbox | None]:
        """The next request (a single one first) and, for a batch, its Inbox."""
        self.wake.acquire()
        try:
            return self.singles.get_nowait(), None
        except queue.Empty:
            req = self.batches.get()
            return req, self.inboxes[req["id"]]

    def waiting_singles(self) -> Iterator[dict[str, Any]]:
        """The single requests waiting now (served between two results of a batch)."""
        while self.wake.acquire(blocking=False):
            try:
                yield self.singles.get_nowait()
            except queue.Empty:  # a batch's request: it waits for this batch to end
                self.wake.release()
                return


class Inbox:
    """A batch's articles in the child, as the parent sends them."""

    def __init__(self) -> None:
        self.cond = threading.Condition()
        self.items: deque[Article] = deque()
        self.ended = False

    def take(self, msg: dict[str, Any]) -> None:
        """`more`, `end` or `first`, from the child's reader thread."""
        with self.cond:
            op = msg.get("op")
            if op == "more":
                a = msg["article"]
                self.items.append(Article(path=a["path"], text=a["text"], title=a.get("title"), date=a.get("date")))
            elif op == "end":
                self.ended = True
            elif op == "first":
                found = next((a for a in self.items if a.path == msg.get("path")), None)
                if found is not None:
                    self.items.remove(found)
                    self.items.appendleft(found)
            self.cond.notify_all()

    def articles(self, cancelled: Cancelled) -> Iterator[Article]:
        while True:
            with self.cond:
                while not self.items and not self.ended and not cancelled():
                    self.cond.wait(0.05)
                if not self.items or cancelled():
                    return
                article = self.items.popleft()
            yield article


def serve_many(req: dict[str, Any], box: Inbox, analyser: ModelAnalyser, send: Callable[[dict[str, Any]], None],
               cancelled: set[int], between: Callable[[], None]) -> None:
    """A `many` request: each article's result (or error) by its path as it finishes, then `done`;
    `between()` serves the single requests that came meanwhile, after each result."""
    from .analyser_process import _line, _send_analysis

    rid = req["id"]
    jobs = max(1, int(req.get("jobs") or 1))

    def is_cancelled() -> bool:
        return rid in cancelled

    try:
        for article, result in analyser.many(box.articles(is_cancelled), cancelled=is_cancelled, jobs=jobs):
            if is_cancelled():
                break
            if isinstance(result, Exception):
                send({"id": rid, "path": article.path, "error": _line(result)})
            else:
                _send_analysis(send, rid, "result", result, path=article.path)
            between()
    except Exception as exc:
        send({"id": rid, "error": _line(exc)})
        return
    send({"id": rid, "cancelled": True} if is_cancelled() else {"id": rid, "done": True})

"""The analysis in a child process: spaCy imports, loads and parses beside the UI, not in it.

In one process, spaCy's import (0.7 s), its model load and the parse all hold the GIL
in long stretches, so they fight the UI thread and slow both. `ProcessAnalyser` starts
a child interpreter (from the app's entry point, before Textual is even imported), which
imports spaCy and loads the model while the screen comes up. Each article is sent as one
JSON line; the child answers with progress lines, the facts so far for a long article, and
the result as the `wirelens/1` JSON the cache stores (without the text, which the parent
has), read back into an `Analysis`.

- The child's start (spaCy's import and the model's load, while the app starts too) runs at
  a lower priority (`nice`), so it never starves the UI. On Linux, where each thread has its
  own, the analyses after it run at the app's priority: niced, a 100-article batch took
  1.17-1.29 times its CPU time in wall time on 2 cores kept busy by other work, against
  1.01-1.08 times at the app's. Elsewhere the whole child stays niced.
- Cancel returns at once; the child is told to stop (it checks between paragraphs) and
  keeps its model for the next article; one that does not answer within `GRACE` is killed.
- It never outlives the app: `close()` kills it (the entry point calls it on quit and
  after SIGTERM/SIGHUP/SIGINT), and the child exits by itself as soon as its standard input
  closes, which is when the parent dies by any means (even SIGKILL).
- Anything wrong with the child (it cannot start, it dies, it says nonsense) falls back to
  the in-process `ModelAnalyser`; a model error is reported as it would be in-process.

It imports no Textual, and no spaCy in the parent.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import subprocess
import sys
import threading
from typing import Any, Callable, Iterable, Iterator

from .analysis import Analysis, Article
from .analyser import Cancelled, ModelAnalyser, Partial, Progress

#: How much lower the child's priority is than the app's.
NICE = 5
#: Seconds a cancelled request may take to stop before the child is killed and replaced.
GRACE = 2.0
#: Facts per line of a result: the parent's reader parses a line in one go, holding the GIL
#: (a 10,000-word article's result is 0.7 MB of JSON, 15-25 ms to parse whole), so the
#: screen's thread never waits long for it.
CHUNK = 50
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class ChildFailed(RuntimeError):
    """The child process could not start, died, or broke the protocol."""


class AnalysisError(RuntimeError):
    """The child's analysis failed (a model error, bad text): the message is one line."""


class ProcessAnalyser:
    """An analyser (`analyser(article, *, progress, cancelled, partial)`) whose work runs in a child process.

    `start()` spawns the child early (it loads the model at once); a call spawns it if
    needed. `close()` kills it. Thread-safe: calls may come from successive worker threads.
    """

    def __init__(self, model: str | None = None, cache: bool = True, *, nice: int = NICE,
                 command: list[str] | None = None, fallback: Callable[..., Analysis | None] | None = None) -> None:
        self.model = model
        self.cache_enabled = cache
        self.nice = nice
        self._command = command  # tests: a child that fails
        self._lock = threading.RLock()
        self._proc: subprocess.Popen | None = None
        self._reader: threading.Thread | None = None
        self._queues: dict[int, queue.Queue] = {}
        self._batches: set[int] = set()  # the ids of the `many` requests under way
        self._next_id = 0
        #: The in-process analyser used when the child fails (made on first need).
        self._fallback = fallback
        self._cache = None
        self._closed = False
        #: Set when the child said its model is loaded (or that it could not load it).
        self.ready = threading.Event()
        #: Why the last child failed, if one did (the analysis then ran in-process).
        self.failure: str | None = None

    # --- the child's life ---------------------------------------------------------------------

    @property
    def pid(self) -> int | None:
        proc = self._proc
        return proc.pid if proc is not None and proc.poll() is None else None

    def start(self) -> bool:
        """Spawn the child if none runs; False if it cannot be started."""
        with self._lock:
            if self._closed:
                return False
            if self._proc is not None and self._proc.poll() is None:
                return True
            self.ready.clear()
            command = self._command or [sys.executable, "-c", _BOOT, ROOT, json.dumps(
                {"model": self.model, "cache": self.cache_enabled, "nice": self.nice})]
            try:
                proc = subprocess.Popen(
                    command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                    text=True, encoding="ascii", bufsize=1, close_fds=True,
                )
            except OSError as exc:
                self.failure = f"cannot start the analysis process: {exc}"
                return False
            self._proc = proc
            self._reader = threading.Thread(target=self._read, args=(proc,), name="wirelens-analyser-reader", daemon=True)
            self._reader.start()
            return True

    def close(self) -> None:
        """Kill the child and wait for it: nothing is left behind. Idempotent."""
        with self._lock:
            self._closed = True
            self._kill()

    def _kill(self) -> None:
        proc, self._proc = self._proc, None
        if proc is None:
            return
        try:
            proc.kill()
        except OSError:
            pass
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:  # pragma: no cover - SIGKILL is not refused
            pass
        # The child's output is the reader's to close when it ends: closing it here while the
        # reader waits on it would wait for the lock the reader holds, for as long as anything
        # (a worker the child forked) keeps the pipe open.
        if proc.stdin is not None:
            with contextlib.suppress(OSError):
                proc.stdin.close()

    def _read(self, proc: subprocess.Popen) -> None:
        """The child's lines, each to the queue of its request; at the end, 'died' to all."""
        assert proc.stdout is not None
        try:
            for line in proc.stdout:
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if "ready" in msg:
                    self.ready.set()
                    continue
                q = self._queues.get(msg.get("id"))
                if q is not None:
                    q.put(msg)
        except (OSError, ValueError):
            pass
        with contextlib.suppress(OSError):
            proc.stdout.close()  # its own to close (see _kill)
        self.ready.set()
        with self._lock:
            for q in self._queues.values():
                q.put({"died": True})
            if self._proc is proc:
                self._proc = None

    def _send(self, msg: dict[str, Any]) -> None:
        proc = self._proc
        if proc is None or proc.stdin is None:
            raise ChildFailed("the analysis process is not running")
        try:
            proc.stdin.write(json.dumps(msg) + "\n")
            proc.stdin.flush()
        except (OSError, ValueError) as exc:
            raise ChildFailed(f"the analysis process went away: {exc}") from None

    # --- the analyser -------------------------------------------------------------------------

    def _get_cache(self):
        if self._cache is None and self.cache_enabled:
            from .cache import Cache

            self._cache = Cache()
        return self._cache

    def cached(self, article: Article) -> Analysis | None:
        """The article's analysis from the cache, if there (no child involved); None on any doubt."""
        cache = self._get_cache()
        if cache is None:
            return None
        from . import nlp

        try:
            return cache.get(article, nlp.identity(self.model))
        except Exception:
            return None

    def __call__(self, article: Article, *, progress: Progress, cancelled: Cancelled,
                 partial: Partial | None = None) -> Analysis | None:
        hit = self.cached(article)  # a cached article needs no child at all
        if hit is not None:
            return hit
        try:
            return self._in_child(article, progress, cancelled, partial)
        except ChildFailed as exc:
            if self._closed or cancelled():  # the app quit: nothing to fall back for
                return None
            self.failure = str(exc)
            with self._lock:
                self._kill()
            if self._fallback is None:
                self._fallback = ModelAnalyser(self.model, cache=self.cache_enabled)
            return self._fallback(article, progress=progress, cancelled=cancelled, partial=partial)

    def _in_child(self, article: Article, progress: Progress, cancelled: Cancelled,
                  partial: Partial | None) -> Analysis | None:
        with self._lock:
            if not self.start():
                raise ChildFailed(self.failure or "cannot start the analysis process")
            self._next_id += 1
            rid = self._next_id
            q: queue.Queue = queue.Queue()
            self._queues[rid] = q
        parts: dict[str, list] = {}  # the facts of the result being received, by field
        owned = True  # False once a cancel's watcher reads the queue to its end
        try:
            self._send({"op": "analyse", "id": rid, "partial": partial is not None,
                        "article": {"path": article.path, "title": article.title, "date": article.date,
                                    "text": article.text}})
            if not self.ready.is_set():
                progress("Loading the spaCy model…")
            while True:
                if cancelled():
                    owned = not self._cancel(rid, q)
                    return None
                try:
                    msg = q.get(timeout=0.02)
                except queue.Empty:
                    continue
                result = self._handle(msg, article, progress, partial, parts)
                if result is not None:
                    return result
        finally:
            if owned:
                with self._lock:
                    self._queues.pop(rid, None)

    def _handle(self, msg: dict[str, Any], article: Article, progress: Progress,
                partial: Partial | None, parts: dict[str, list]) -> Analysis | None:
        """One message from the child: the result, or None to keep waiting. A result's facts
        come first, a few per line (`add`), then the rest of it."""
        if msg.get("died"):
            raise ChildFailed("the analysis process ended unexpectedly")
        if "progress" in msg:
            progress(str(msg["progress"]))
        elif "add" in msg:
            parts.setdefault(str(msg["add"]), []).extend(msg.get("items") or ())
        elif "partial" in msg:
            d = _joined(msg["partial"], parts)
            if partial is not None:
                partial(_analysis(d, article), float(msg.get("fraction", 0.0)))
        elif "result" in msg:
            return _analysis(_joined(msg["result"], parts), article)
        elif "error" in msg:
            raise AnalysisError(str(msg["error"]))
        return None

    def many(self, articles: Iterable[Article], *, cancelled: Cancelled,
             jobs: int = 1) -> Iterator[tuple[Article, Analysis | Exception]]:
        """The batch path (the Corpus screen): in the child, through spaCy's `nlp.pipe` with
        `jobs` processes (`analyser_many`); cached articles are answered here."""
        from .analyser_many import many_in_child

        return many_in_child(self, articles, cancelled, jobs)

    def prioritise(self, path: str) -> None:
        """An article a batch holds is wanted now (the reader opened it): it goes next."""
        from .analyser_many import prioritise

        prioritise(self, path)

    def _cancel(self, rid: int, q: queue.Queue) -> bool:
        """Tell the child to stop; one that does not stop within GRACE is killed (and replaced later).
        True when a watcher now owns the request's queue."""
        try:
            self._send({"op": "cancel", "id": rid})
        except ChildFailed:
            return False

        def watch() -> None:
            try:
                while True:
                    msg = q.get(timeout=GRACE)
                    if msg.get("died") or {"result", "error", "cancelled"} & msg.keys():
                        return
            except queue.Empty:
                with self._lock:
                    if self._proc is not None:
                        self._kill()
            finally:
                with self._lock:
                    self._queues.pop(rid, None)

        threading.Thread(target=watch, name="wirelens-analyser-cancel", daemon=True).start()
        return True


def _joined(d: Any, parts: dict[str, list]) -> Any:
    """A result with the facts sent before it put back in; `parts` is emptied for the next."""
    if isinstance(d, dict):
        for name in list(parts):
            d[name] = parts.pop(name) + list(d.get(name) or ())
    parts.clear()
    return d


def _analysis(d: dict[str, Any], article: Article) -> Analysis:
    """The child's wirelens/1 dict (its text left out) read back onto the parent's article."""
    try:
        d["source"]["text"] = article.text
        analysis = Analysis.from_dict(d)
    except (KeyError, TypeError, ValueError) as exc:
        raise ChildFailed(f"the analysis process sent a bad result: {exc}") from None
    return Analysis(article, analysis.model, analysis.entities, analysis.quotes, analysis.events)


# --- the child --------------------------------------------------------------------------------

_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from tui.analyser_process import child_main; child_main(sys.argv[2])"


def child_main(config: str) -> None:
    """The child: load the model, then analyse each request; exit when standard input closes."""
    conf = json.loads(config)
    nice = int(conf.get("nice") or 0)
    if not PER_THREAD_NICE:
        try:
            os.nice(nice)
        except (OSError, AttributeError):
            pass
    # The protocol owns the real stdout; anything a library prints goes to stderr.
    out = os.fdopen(os.dup(1), "w", encoding="ascii", buffering=1)
    os.dup2(2, 1)
    write_lock = threading.Lock()

    def send(msg: dict[str, Any]) -> None:
        line = json.dumps(msg) + "\n"
        with write_lock:
            try:
                out.write(line)
                out.flush()
            except (OSError, ValueError):
                os._exit(0)  # the parent is gone

    from .analyser_many import Requests, serve_many

    requests = Requests()  # single articles first, even between a batch's results; then batches
    cancelled = requests.cancelled

    # The reader thread reads its own copy of stdin: spaCy's `--jobs` workers are forked while
    # it waits, and each worker's first act is sys.stdin.close(), which would wait for ever
    # for the lock the reader holds at the fork.
    requests_in = os.fdopen(os.dup(0), "r", encoding="utf-8")
    sys.stdin = open(os.devnull, encoding="utf-8")

    def read() -> None:
        for line in requests_in:
            try:
                requests.route(json.loads(line))
            except ValueError:
                continue
        os._exit(0)  # standard input closed: the parent quit or died

    threading.Thread(target=read, name="wirelens-child-stdin", daemon=True).start()
    from . import nlp

    analyser = ModelAnalyser(conf.get("model"), cache=bool(conf.get("cache")))
    try:
        lowered(lambda: nlp.load(conf.get("model")), nice if PER_THREAD_NICE else 0)
        send({"ready": True})
    except Exception as exc:  # the request reports it, as in-process
        send({"ready": False, "error": _line(exc)})

    def between() -> None:
        for req in requests.waiting_singles():
            _serve(req, analyser, send, cancelled)

    while True:
        req, box = requests.next()
        if box is None:
            _serve(req, analyser, send, cancelled)
        else:
            serve_many(req, box, analyser, send, cancelled, between)


#: Whether a thread's priority is its own (Linux), not its process's.
PER_THREAD_NICE = sys.platform.startswith("linux")


def lowered(work: Callable[[], object], nice: int) -> None:
    """`work()` in a thread of its own, `nice` steps lower than this one (Linux: a thread's
    priority is its own), which keeps its priority; its exception is raised here."""
    if nice <= 0:
        work()
        return
    failed: list[BaseException] = []

    def run() -> None:
        tid = threading.get_native_id()
        try:
            os.setpriority(os.PRIO_PROCESS, tid, min(19, os.getpriority(os.PRIO_PROCESS, tid) + nice))
        except (OSError, AttributeError):
            pass
        try:
            work()
        except BaseException as exc:
            failed.append(exc)

    thread = threading.Thread(target=run, name="wirelens-child-load", daemon=True)
    thread.start()
    thread.join()
    if failed:
        raise failed[0]


def _serve(req: dict[str, Any], analyser: ModelAnalyser, send: Callable[[dict[str, Any]], None],
           cancelled: set[int]) -> None:
    rid = req["id"]
    if rid in cancelled:
        send({"id": rid, "cancelled": True})
        return
    a = req["article"]
    article = Article(path=a["path"], text=a["text"], title=a.get("title"), date=a.get("date"))

    def is_cancelled() -> bool:
        return rid in cancelled

    def progress(text: str) -> None:
        send({"id": rid, "progress": text})

    def partial(analysis: Analysis, fraction: float) -> None:
        _send_analysis(send, rid, "partial", analysis, fraction=fraction)

    try:
        result = analyser(article, progress=progress, cancelled=is_cancelled,
                          partial=partial if req.get("partial") else None)
    except Exception as exc:
        send({"id": rid, "error": _line(exc)})
        return
    if result is None:
        send({"id": rid, "cancelled": True})
    else:
        _send_analysis(send, rid, "result", result)


def _send_analysis(send: Callable[[dict[str, Any]], None], rid: int, key: str, analysis: Analysis,
                   **extra: Any) -> None:
    """The wirelens/1 dict without the text (the parent has it): its facts CHUNK a line, then the rest."""
    d = analysis.to_dict()
    d["source"].pop("text", None)
    for name in ("entities", "quotes", "events"):
        items = d.get(name) or []
        for i in range(0, len(items), CHUNK):
            send({"id": rid, "add": name, "items": items[i:i + CHUNK]})
        d[name] = []
    send({"id": rid, key: d, **extra})


def _line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__

"""The default analyser: the cache, spaCy and the fact extractors, imported only when it runs.

An analyser is any callable `analyser(article, *, progress, cancelled)` that
returns an Analysis (or None when `cancelled()` turned true); one that also takes
`partial=` gets a callback for the facts found so far. The app runs it in a
thread worker; tests inject one that returns a fixed Analysis. It imports no
Textual, so it lives in the core, beside the CLI that could use it too.
"""

from __future__ import annotations

import dataclasses
import gc
import time
from collections import deque
from typing import TYPE_CHECKING, Callable, Iterable, Iterator

from .analysis import Analysis, Article

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Progress = Callable[[str], None]
Cancelled = Callable[[], bool]
#: `partial(analysis, fraction)`: the facts of the first `fraction` of the text, while the rest runs.
Partial = Callable[[Analysis, float], None]


class ModelAnalyser:
    """spaCy, loaded once per process in the worker thread, fed paragraph by paragraph.

    With `cache`, a finished analysis is kept on disk and found again before the
    model is even loaded (the model's identity is read without importing spaCy).

    With `partial`, a long article's facts arrive in steps: the part parsed so far
    is extracted now and then (its offsets are those of the whole text, which it
    is a prefix of), so the panels fill while the rest is read.
    """

    PARTIAL_FIRST = 5.0  # seconds of parsing before the first partial result: an ordinary
    # article (10k words parse in about 3 s here) then fills the panels once, not twice
    PROGRESS_EVERY = 0.1  # seconds between progress messages, so the UI is not flooded
    PARTIAL_EVERY = 2.0  # at least this many seconds between partial results
    PARTIAL_SHARE = 4  # ... and at least this many times what the last one cost

    def __init__(self, model: str | None = None, cache: bool = True) -> None:
        self.model = model
        self.cache_enabled = cache
        self._cache = None

    def _get_cache(self):
        if self._cache is None and self.cache_enabled:
            from .cache import Cache

            self._cache = Cache()
        return self._cache

    def __call__(
        self,
        article: Article,
        *,
        progress: Progress,
        cancelled: Cancelled,
        partial: Partial | None = None,
    ) -> Analysis | None:
        from . import nlp  # spaCy is imported by nlp.load, here in the worker

        cache = self._get_cache()
        if cache is not None:
            try:
                hit = cache.get(article, nlp.identity(self.model))
            except Exception:  # no model installed: nlp.load below says so in one line
                hit = None
            if hit is not None:
                return hit
        progress("Loading the spaCy model…")
        pipeline = nlp.load(self.model)
        if cancelled():
            return None
        progress("Analysing…")
        with nlp.young_gc_only():
            return self._analyse(article, pipeline, progress, cancelled, partial, cache)

    def _analyse(
        self, article: Article, pipeline, progress: Progress, cancelled: Cancelled, partial: Partial | None, cache
    ) -> Analysis | None:
        """nlp.parse with throttled progress and, now and then, the facts of the part parsed so far."""
        from . import nlp
        from .facts import analyse

        info = nlp.model_info(pipeline)
        text = article.text
        told, due = 0.0, time.monotonic() + self.PARTIAL_FIRST

        def on_progress(done: int, total: int) -> None:
            nonlocal told
            if total > 1 and time.monotonic() - told >= self.PROGRESS_EVERY:
                told = time.monotonic()
                progress(f"Analysing… {done * 100 // total}%")

        def on_partial(end: int, doc_so_far: Callable[[], "Doc"]) -> None:
            nonlocal due
            if partial is None or time.monotonic() < due:
                return
            started = time.monotonic()
            head = dataclasses.replace(article, text=text[:end])
            result = analyse(head, doc_so_far(), info, cancelled=cancelled)
            if result is None or cancelled():
                return  # the parse sees cancelled() before its next piece
            partial(dataclasses.replace(result, article=article), end / len(text))
            cost = time.monotonic() - started
            due = time.monotonic() + max(self.PARTIAL_EVERY, cost * self.PARTIAL_SHARE)

        doc = nlp.parse(pipeline, text, progress=on_progress, cancelled=cancelled, partial=on_partial)
        if doc is None:
            return None
        progress("Analysing… 100%, extracting the facts")
        analysis = analyse(article, doc, info, cancelled=cancelled)
        if analysis is None:
            return None
        if cache is not None:
            cache.put(analysis)
        return analysis

    def many(
        self, articles: Iterable[Article], *, cancelled: Cancelled, jobs: int = 1
    ) -> Iterator[tuple[Article, "Analysis | Exception"]]:
        """(article, its Analysis or the exception that stopped it), as each finishes.

        The folder-wide path of the app (the Corpus screen): `articles` is read as the work
        goes (the app's queue, which can change meanwhile), each looked up in the cache as
        it is taken; the cached ones come at once, the rest through `nlp.parse_many`
        (spaCy's `nlp.pipe`, `jobs` processes) in the order taken. The model is loaded only
        when an article is not cached. Only the Analysis is kept: each spaCy Doc is dropped
        before the next one is parsed, so memory grows with the facts, not with the parses.
        """
        from . import nlp

        source = iter(articles)
        lookup = self._lookup()
        first = None
        for article in source:  # the cached ones before the first that is not: no model needed
            if cancelled():
                return
            hit = lookup(article)
            if hit is None:
                first = article
                break
            yield article, hit
        if first is None:
            return
        try:
            pipeline = nlp.load(self.model)
            info = nlp.model_info(pipeline)
        except Exception as exc:
            yield first, exc
            for article in source:
                yield article, lookup(article) or exc
            return
        yield from self._parsed(first, source, lookup, pipeline, info, cancelled, jobs)

    def _parsed(self, first: Article, source: Iterator[Article], lookup: Callable[[Article], Analysis | None],
                pipeline, info, cancelled: Cancelled, jobs: int) -> Iterator[tuple[Article, "Analysis | Exception"]]:
        """`first` and what follows it in `source` through one `nlp.parse_many`; the cached
        ones met on the way come out between the parsed ones."""
        from . import nlp

        cache = self._get_cache()
        found: deque[tuple[Article, Analysis]] = deque()  # cached, met while feeding the parse
        sent: deque[Article] = deque()  # whose texts went to the parse, in order

        def texts() -> Iterator[str]:
            article: Article | None = first
            while article is not None:
                sent.append(article)
                yield article.text
                article = None
                for nxt in source:
                    if cancelled():
                        return
                    hit = lookup(nxt)
                    if hit is None:
                        article = nxt
                        break
                    found.append((nxt, hit))

        docs = nlp.parse_many(pipeline, texts(), n_process=jobs)
        try:
            while True:
                while found:
                    yield found.popleft()
                if cancelled():
                    return
                try:
                    doc = next(docs)
                except StopIteration:
                    break
                except Exception as exc:  # the batch broke: the articles left say why
                    for rest in (*sent, *source):
                        yield rest, exc
                    return
                article = sent.popleft()
                result = self._extract(article, doc, info, cache)
                del doc  # the Doc goes now: only the Analysis is kept
                if result is not None:
                    yield article, result
            while found:
                yield found.popleft()
        finally:
            close = getattr(docs, "close", None)  # a generator: stops spaCy's worker processes
            if close is not None:  # when cancelled half-way
                close()

    @staticmethod
    def _extract(article: Article, doc: "Doc", info, cache) -> "Analysis | Exception | None":
        from . import nlp
        from .facts import analyse

        result: Analysis | Exception | None
        try:
            with nlp.young_gc_only():
                result = analyse(article, doc, info)
        except Exception as exc:
            result = exc
        # The analyses kept for the whole session (500 articles: ~1M objects) leave the
        # cyclic GC's reach, as the model's do in nlp.load: a full collection walking
        # them all held the GIL, and the screen, for a third of a second and more.
        # young_gc_only has just collected what this analysis left; freezing is O(1).
        gc.freeze()
        if cache is not None and isinstance(result, Analysis):
            cache.put(result)
        return result

    def _lookup(self) -> Callable[[Article], Analysis | None]:
        """An article's cached Analysis, or None (no cache, no model, not there)."""
        from . import nlp

        cache = self._get_cache()
        ident = None
        if cache is not None:
            try:
                ident = nlp.identity(self.model)
            except Exception:  # no model: nlp.load says so, once per article
                ident = None
        if cache is None or ident is None:
            return lambda article: None
        return lambda article: cache.get(article, ident)

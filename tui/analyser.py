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
from typing import TYPE_CHECKING, Callable, Iterator, Sequence

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
        self, articles: Sequence[Article], *, cancelled: Cancelled, jobs: int = 1
    ) -> Iterator[tuple[Article, "Analysis | Exception"]]:
        """(article, its Analysis or the exception that stopped it), as each finishes.

        The folder-wide path of the app (the Corpus screen): cached ones first, at once;
        the rest through `nlp.parse_many` (spaCy's `nlp.pipe`, `jobs` processes) in the
        order given. Only the Analysis is kept: each spaCy Doc is dropped before the next
        one is parsed, so memory grows with the facts, not with the parses.
        """
        from . import nlp
        from .facts import analyse

        todo: list[Article] = []
        for article, hit in self._cached(articles, cancelled):
            if hit is not None:
                yield article, hit
            else:
                todo.append(article)
        if not todo or cancelled():
            return
        cache = self._get_cache()
        try:
            pipeline = nlp.load(self.model)
            info = nlp.model_info(pipeline)
        except Exception as exc:
            for article in todo:
                yield article, exc
            return
        docs = nlp.parse_many(pipeline, (a.text for a in todo), n_process=jobs)
        try:
            for article in todo:
                if cancelled():
                    return
                try:
                    doc = next(docs)
                except StopIteration:
                    return
                except Exception as exc:  # the batch broke: the articles left say why
                    for rest in todo[todo.index(article):]:
                        yield rest, exc
                    return
                result: Analysis | Exception | None
                try:
                    with nlp.young_gc_only():
                        result = analyse(article, doc, info)
                except Exception as exc:
                    result = exc
                del doc  # the Doc goes now: only the Analysis is kept
                # The analyses kept for the whole session (500 articles: ~1M objects) leave the
                # cyclic GC's reach, as the model's do in nlp.load: a full collection walking
                # them all held the GIL, and the screen, for a third of a second and more.
                # young_gc_only has just collected what this analysis left; freezing is O(1).
                gc.freeze()
                if cache is not None and isinstance(result, Analysis):
                    cache.put(result)
                if result is not None:
                    yield article, result
        finally:
            close = getattr(docs, "close", None)  # a generator: stops spaCy's worker processes
            if close is not None:  # when cancelled half-way
                close()

    def _cached(self, articles: Sequence[Article], cancelled: Cancelled) -> Iterator[tuple[Article, Analysis | None]]:
        """Each article with its cached Analysis, or None (no cache, no model, not there)."""
        from . import nlp

        cache = self._get_cache()
        ident = None
        if cache is not None:
            try:
                ident = nlp.identity(self.model)
            except Exception:  # no model: nlp.load says so, once per article
                ident = None
        for article in articles:
            if cancelled():
                return
            yield article, (cache.get(article, ident) if cache is not None and ident is not None else None)

"""The default analyser: spaCy and the fact extractors, imported only when it runs.

An analyser is any callable `analyser(article, *, progress, cancelled)` that
returns an Analysis (or None when `cancelled()` turned true). The app runs it in a
thread worker; tests inject one that returns a fixed Analysis.
"""

from __future__ import annotations

from typing import Callable, Protocol

from ..analysis import Analysis, Article

Progress = Callable[[str], None]
Cancelled = Callable[[], bool]


class Analyser(Protocol):  # pragma: no cover - a type
    def __call__(self, article: Article, *, progress: Progress, cancelled: Cancelled) -> Analysis | None: ...


class ModelAnalyser:
    """spaCy, loaded once per process in the worker thread, fed paragraph by paragraph.

    With `cache`, a finished analysis is kept on disk and found again before the
    model is even loaded (the model's identity is read without importing spaCy).
    """

    def __init__(self, model: str | None = None, cache: bool = True) -> None:
        self.model = model
        self.cache_enabled = cache
        self._cache = None

    def _get_cache(self):
        if self._cache is None and self.cache_enabled:
            from ..cache import Cache

            self._cache = Cache()
        return self._cache

    def __call__(self, article: Article, *, progress: Progress, cancelled: Cancelled) -> Analysis | None:
        from .. import nlp  # spaCy is imported by nlp.load, here in the worker

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

        def step(done: int, total: int) -> None:
            if total > 1:
                progress(f"Analysing… {done * 100 // total}%")

        doc = nlp.parse(pipeline, article.text, progress=step, cancelled=cancelled)
        if doc is None or cancelled():
            return None
        from ..facts import analyse

        analysis = analyse(article, doc, nlp.model_info(pipeline))
        if cache is not None:
            cache.put(analysis)
        return analysis

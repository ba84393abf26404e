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
    """spaCy, loaded once per process in the worker thread, fed paragraph by paragraph."""

    def __init__(self, model: str | None = None) -> None:
        self.model = model

    def __call__(self, article: Article, *, progress: Progress, cancelled: Cancelled) -> Analysis | None:
        from .. import nlp  # spaCy is imported by nlp.load, here in the worker

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

        return analyse(article, doc, nlp.model_info(pipeline))

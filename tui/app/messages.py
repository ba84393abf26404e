"""What the analysis worker tells the app, from its thread: progress, facts so far, the
result or the failure, each for one article path."""

from __future__ import annotations

import inspect

from textual.message import Message

from ..analysis import Analysis
from .labels import one_line


class AnalysisProgress(Message):
    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        super().__init__()


class AnalysisPartial(Message):
    """The facts of the first `fraction` of a long article, while the rest is analysed."""

    def __init__(self, path: str, analysis: Analysis, fraction: float) -> None:
        self.path = path
        self.analysis = analysis
        self.fraction = fraction
        super().__init__()


class AnalysisReady(Message):
    def __init__(self, path: str, analysis: Analysis) -> None:
        self.path = path
        self.analysis = analysis
        super().__init__()


class AnalysisFailed(Message):
    def __init__(self, path: str, error: str) -> None:
        self.path = path
        self.error = error
        super().__init__()


def error_line(exc: BaseException) -> str:
    """One line for the screen, never a traceback."""
    text = one_line(str(exc)) or type(exc).__name__
    return text if len(text) <= 300 else text[:299] + "…"


def takes_partial(analyser: object) -> bool:
    """Whether an analyser can post the facts found so far (`partial=`)."""
    try:
        return "partial" in inspect.signature(analyser).parameters  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return False

"""What the analysis worker tells the app, from its thread: progress, facts so far, the
result or the failure, each for one article path."""

from __future__ import annotations

import inspect
from dataclasses import dataclass, field

from textual.message import Message

from ..analysis import Analysis
from .labels import one_line


@dataclass
class AnalysisProgress(Message):
    """A step of the analysis ("Loading the model…", "Analysing… 40%")."""

    path: str
    text: str


@dataclass
class AnalysisPartial(Message):
    """The facts of the first `fraction` of a long article, while the rest is analysed."""

    path: str
    analysis: Analysis = field(repr=False)
    fraction: float
    #: The panels' rows, prepared in the worker (`panels.prepare_rows`).
    rows: dict | None = field(default=None, repr=False)


@dataclass
class AnalysisReady(Message):
    """The whole article's analysis."""

    path: str
    analysis: Analysis = field(repr=False)
    #: The panels' rows, prepared in the worker (`panels.prepare_rows`).
    rows: dict | None = field(default=None, repr=False)


@dataclass
class AnalysisFailed(Message):
    """The analysis failed; `error` is one line for the screen."""

    path: str
    error: str


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

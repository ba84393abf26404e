"""Who said what: direct, indirect and mixed quotes with speaker and cue.

The orchestration of the three jobs, each in a module of its own:

1. `quotemarks`: every passage between quote marks, found in the text itself
   paragraph by paragraph (already done once, in the article's `Context`).
2. `attribution`: a speaker and cue for each passage, by the first layout that fits
   beside the marks; `neighbours` settles the passages with no cue beside them;
   `speakers` gives the speaker's and the cue's phrases; `scare` drops the passages
   that are nobody's words (titles, labels, scare quotes).
3. `reported`: a speech verb with a clause under it is an indirect quote; marks
   inside that clause make it mixed and absorb the direct passage.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..analysis import Quote
from .attribution import attribute
from .cues import CUE_VERBS, SPEECH_VERBS
from .scare import worth_keeping
from .context import Context, build_context
from .quotemarks import Passage, marked_passages, paragraph_of, paragraphs
from .reported import RawQuote, _Intervals, reported_clauses

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .entities import EntityIndex


def extract_quotes(doc: "Doc", index: "EntityIndex", ctx: Context | None = None) -> tuple[Quote, ...]:
    """Every quote of the article in text order, ids Q1, Q2, …"""
    ctx = ctx or build_context(doc, index)
    passages = [replace(p) for p in ctx.passages]  # attribute() edits its own copies
    attribute(ctx, passages, ctx.paras)
    reported = reported_clauses(ctx, tuple(passages))
    quotes: list[RawQuote] = [
        (p.start, p.end, p.kind, p.speaker, p.cue)
        for p in reported.apply(passages)
        if not p.drop and worth_keeping(ctx, p)
    ]
    quotes.extend(reported.quotes)
    quotes.sort(key=lambda q: (q[0], q[1]))
    text = ctx.text
    return tuple(
        Quote(f"Q{i}", kind, s, e, text[s:e], speaker, cue)
        for i, (s, e, kind, speaker, cue) in enumerate(quotes, 1)
    )


__all__ = [
    "extract_quotes", "marked_passages", "paragraphs", "paragraph_of", "SPEECH_VERBS", "CUE_VERBS", "Passage",
    "_Intervals",
]

"""Marked passages that are not speech: titles, names, labels and scare quotes.

Apart from `attribution` (who said a passage), because deciding that a passage is
nobody's words is a job of its own, and the one precision depends on most.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .cues import MENTION_NOUNS, NAMING_VERBS
from .phrases import is_name_like
from .quotemarks import Passage

if TYPE_CHECKING:  # pragma: no cover
    from .context import Context
    from .words import Word


def tokens_in(ctx: Context, start: int, end: int) -> list["Word"]:
    """Words lying wholly inside [start, end)."""
    if end <= start:
        return []
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    return [t for t in ctx.words[span.start : span.end] if not t.is_space] if span is not None else []


def is_mention(ctx: Context, p: Passage) -> bool:
    """“and Emergency” after "the words", a robot named “Robogee”: a name, not speech."""
    before = tokens_in(ctx, max(0, p.outer[0] - 30), p.outer[0])
    if before and before[-1].lower_ in MENTION_NOUNS:
        return True
    if before and before[-1].lemma_.lower() in NAMING_VERBS and before[-1].tag_ in ("VBN", "VBD"):
        return True  # a team named “Better Idea of Afghan Girls”
    inner = tokens_in(ctx, p.start, p.end)
    if before and inner and before[-1].pos_ == "NOUN" and before[-1].is_lower and is_name_like(inner):
        return True  # the exhibition “Cities of Tomorrow”: a title after what it names
    return _modifies_noun(inner)


def _modifies_noun(inner: list["Word"]) -> bool:
    """so-called “smart” meters, “hardship” benefits: marked words that modify the noun
    after them are a label, whatever verb the sentence has."""
    if not inner or len(inner) > 3:
        return False
    ids = {t.i for t in inner}
    roots = [t for t in inner if t.head.i not in ids]
    return len(roots) == 1 and roots[0].dep_ in ("compound", "amod", "nmod") and roots[0].head.i > inner[-1].i


def worth_keeping(ctx: Context, p: Passage) -> bool:
    """Only attributed passages are quotes: unattributed ones are headlines, titles,
    proverbs and scare quotes far more often than speech (on GUM, 30 to 6)."""
    if p.speaker is None:
        return False
    inner = tokens_in(ctx, p.start, p.end)
    if _one_word(ctx.text, p) and p.how != "after" and not any(t.pos_ == "ADJ" for t in inner):
        return False  # his “protégé”, answered “yes”: a term; “Never,” she said and called it “dangerous” are kept
    name_like = (
        is_name_like(inner)
        and len([t for t in inner if t.is_alpha]) <= 6
        and not any(t.pos_ in ("VERB", "AUX") for t in inner)
        and ctx.text[p.end - 1] not in ".!?"  # “Wow.” is said; “Protector of Mexico” is a title
    )
    if name_like:
        return p.how in ("after", "floating", "continued", "clause")  # would add “Protector of Mexico”: a title
    return True


def _one_word(text: str, p: Passage) -> bool:
    """A single word in marks that is not a sentence of its own (“Wow.” is): inside a
    sentence it is a term, a name or a scare quote far more often than speech (on GUM,
    none of eight was). An adjective is the exception the caller makes: "called the
    ruling “dangerous”" is a judgement voiced, and no name."""
    words = text[p.start : p.end].split()
    return len(words) == 1 and words[0][-1] not in ".!?…"


__all__ = ["worth_keeping", "is_mention", "tokens_in"]

"""Speakers and cues: the phrases of a reporting verb once a layout has found it.

Apart from the layouts (`attribution`, `neighbours`, `reported`), which decide which verb
reports a passage; this module says who that verb's speaker is ("the verb's subject, the
document it is stated in, or the noun next to it") and how much of the text is its cue.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Span
from .cues import ADDRESSING, SPEECH_VERBS, document_source
from .phrases import RELATIVE, phrase_span, subject_of

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context

def cue_span(ctx: Context, verb: "Word", lo: int, hi: int) -> Span:
    """The reporting verb with its auxiliaries and "saying": "was quoted saying"."""
    toks = [verb]
    for c in verb.children:
        if c.dep_ in ("aux", "auxpass", "neg", "prt") and abs(c.i - verb.i) <= 3:
            toks.append(c)
        if c.dep_ in ("xcomp", "advcl") and c.lemma_.lower() in SPEECH_VERBS and 0 < c.i - verb.i <= 2:
            toks.append(c)
    toks = [t for t in toks if lo <= t.idx and t.idx + len(t.text) <= hi] or [verb]
    i, j = min(t.i for t in toks), max(t.i for t in toks)
    start, end = ctx.words[i].idx, ctx.words[j].idx + len(ctx.words[j].text)
    return Span(start, end, ctx.text[start:end])


def according(ctx: Context, toks: list["Word"]) -> tuple[Span, Span, str] | None:
    """"according to X" or "in the words of X" among `toks`."""
    for n, t in enumerate(toks[:-1]):
        if t.lower_ == "according" and toks[n + 1].lower_ == "to":
            obj = first_noun(toks[n + 2 :])
            if obj is not None:
                cue = Span(t.idx, toks[n + 1].idx + 2, ctx.text[t.idx : toks[n + 1].idx + 2])
                return speaker_span(ctx, obj), cue, "according"
        if t.lower_ == "words" and toks[n + 1].lower_ == "of" and n >= 1 and toks[n - 1].lower_ in ("the", "his", "her", "their"):
            obj = first_noun(toks[n + 2 :])
            if obj is not None:
                first = toks[n - 2] if n >= 2 and toks[n - 2].lower_ == "in" else toks[n - 1]
                end = toks[n + 1].idx + 2
                return speaker_span(ctx, obj), Span(first.idx, end, ctx.text[first.idx : end]), "words-of"
    return None


def first_noun(toks: list["Word"]) -> "Word | None":
    for t in toks:
        if t.pos_ in ("NOUN", "PROPN", "PRON"):
            head = t
            while head.head != head and head.head in toks and head.dep_ in (
                "compound", "amod", "det", "poss", "flat", "nmod", "nummod",
            ):
                head = head.head
            return head
        if t.is_punct and t.text in ".;!?":
            return None
    return None


def speaker_span(ctx: Context, head: "Word") -> Span:
    """The speaker's whole phrase; a misparsed apposition ("Prime Minister, Najib Razak")
    that the parser made a second subject is joined back on.

    Kept per head token: in a dialogue every quote under one verb asks for the same
    subject, and its phrase can be a walk over the whole sentence."""
    found = ctx.speakers.get(head.i)
    if found is None:
        found = ctx.speakers[head.i] = _speaker_phrase(ctx, head)
    return found


def _speaker_phrase(ctx: Context, head: "Word") -> Span:
    sp = phrase_span(ctx, head, speaker=True)
    if head.dep_ == "nsubj":
        others = (c for c in head.head.children if c.dep_ == "nsubj" and c.i < head.i and c.lower_ not in RELATIVE)
        for other in sorted(others, key=lambda t: t.i, reverse=True):
            o = phrase_span(ctx, other, resolve=False)
            between = ctx.text[o.end : sp.start]
            if o.end > sp.start or between.strip() not in (",", "", "-"):
                break
            sp = Span(o.start, sp.end, ctx.text[o.start : sp.end], sp.entity or o.entity)
    return sp


def cue_subject(verb: "Word", toks: list["Word"]) -> "Word | None":
    """The verb's subject from the parse (or the document it is stated in), else the
    noun phrase next to it."""
    subj = not_punct(document_source(verb) or subject_of(verb))
    if subj is not None:
        return subj
    if passive(verb):
        return None  # "Respondents were asked the following question:": no agent, no speaker
    before = [t for t in toks if t.i < verb.i]
    after = [t for t in toks if t.i > verb.i]
    for t in reversed(before):
        if t.pos_ in ("NOUN", "PROPN", "PRON") and t.lower_ not in RELATIVE:
            head = t
            while head.head != head and head.head.i < verb.i and head.dep_ in (
                "compound", "flat", "appos", "amod", "poss", "nmod", "pobj", "prep",
            ) and head.head in before:
                head = head.head
            return head
        if t.pos_ in ("VERB",) or t.text in ".;!?":
            break
    return first_noun(after)


def passive(verb: "Word") -> bool:
    """A passive speech verb has no speaker but its "by" agent: its subject is the one
    asked or told. "X was quoted (as) saying" is the exception: X is quoted."""
    return verb.lemma_.lower() != "quote" and any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def not_punct(subj: "Word | None") -> "Word | None":
    """A subject that is a word: "Coase [13,14] argues" parses "]" as a second subject
    next to the verb; the other one is the speaker."""
    if subj is None or not subj.is_punct:
        return subj
    return next((c for c in subj.head.children if c.dep_ == "nsubj" and not c.is_punct), None)


def subject_near(window: list["Word"], verb: "Word") -> "Word | None":
    before = [t for t in window if t.i < verb.i and t.pos_ in ("NOUN", "PROPN", "PRON")]
    if before:
        return before[-1]
    if verb.lemma_.lower() in ADDRESSING:
        return None  # the noun after "told" is the one spoken to
    return first_noun([t for t in window if t.i > verb.i])


#: Verbs whose object may say what follows: "heard the counsel say …".
PERCEIVING = frozenset({"hear", "see", "watch"})


def name_before(ctx: Context, verb: "Word") -> "Word | None":
    """For a verb the parser left without a subject: the noun phrase right before it, over a
    parenthetical ("as Judge Gass, I think, said …", "Speaking for them, Tom Molomby, SC,
    said …"); none across another verb or for a passive verb."""
    if passive(verb):
        return None
    aside = {t.i for c in verb.children if c.dep_ == "parataxis" and c.i < verb.i for t in c.subtree}
    for t in reversed([w for w in ctx.sent_words(verb) if w.i < verb.i]):
        if t.i in aside or t.is_punct or t.is_space:
            continue
        if t.pos_ in ("PROPN", "NOUN") and not ctx.in_quote(t.idx):
            while t.dep_ in ("compound", "flat", "appos") and t.head.i < verb.i:
                t = t.head
            heard = t.dep_ == "dobj" and t.head.lemma_.lower() in PERCEIVING  # "you will hear the counsel say …"
            an_object = t.dep_ in ("dobj", "dative", "attr", "oprd", "poss") and not heard
            if an_object or (t.dep_ == "pobj" and t.head.lower_ != "as"):
                return None  # "without naming Hamas, declared": an object is no speaker ("as X said" is a clause)
            return t
        if t.pos_ in ("VERB", "AUX", "PRON"):
            return None
    return None


def sentence_subject(ctx: Context, window: list["Word"], verb: "Word") -> "Word | None":
    """For a parse broken by marks: the nearest subject before the verb, outside quotes."""
    for t in reversed([w for w in window if w.i < verb.i]):
        if t.dep_ in ("nsubj", "nsubjpass") and t.lower_ not in RELATIVE and not ctx.in_quote(t.idx):
            if passive(verb):
                return None  # "Respondents — those who … — were asked:": the ones asked
            return t
    return None


__all__ = [
    "cue_span", "according", "passive", "first_noun", "speaker_span", "cue_subject", "not_punct", "subject_near",
    "sentence_subject", "name_before",
]

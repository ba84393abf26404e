"""Passages with no cue beside them: who speaks them is told by their neighbours.

After the layouts of `attribution`: pieces of one quote share a speaker, a coordinated or
floating quote takes the previous one's, a short quote takes the clause it is embedded in,
and a quote that is a sentence of its own may take the subject of the sentence before.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..analysis import Span
from .cues import NAMING_VERBS, SPEAKING_LABELS, is_cue_verb
from .phrases import is_name_like
from .quotemarks import ALL_MARKS, Passage, last_char
from .scare import tokens_in
from .speakers import cue_span, sentence_subject, speaker_span

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

    from .context import Context


def share_in_groups(passages: list[Passage]) -> None:
    """Quote pieces over paragraphs share what any piece found."""
    by_group: dict[int, list[Passage]] = {}
    for p in passages:
        by_group.setdefault(p.group, []).append(p)
    for group in by_group.values():
        known = next((p for p in group if p.speaker is not None), None)
        if known is not None:
            for p in group:
                if p.speaker is None:
                    p.speaker, p.cue, p.how = known.speaker, known.cue, "continued"


def by_neighbours(ctx: Context, passages: list[Passage], paras: Sequence[tuple[int, int]]) -> None:
    """The passages still without a speaker: the previous quote's, or the embedding clause's."""
    for k, p in enumerate(passages):
        ctx.check()
        if p.speaker is not None or p.drop:
            continue
        prev = passages[k - 1] if k > 0 else None
        if _follows_previous(ctx, p, prev, paras[p.para]):
            continue
        found = _embedded(ctx, p) or _previous_sentence(ctx, p, paras[p.para])
        if found:
            p.speaker, p.cue, p.how = found


def _previous_sentence(ctx: Context, p: Passage, para: tuple[int, int]) -> tuple[Span, None, str] | None:
    """A quote that is a sentence of its own, right after a sentence whose subject is a
    named person: "Union chief Ana Ruiz gave her reasons. “We waited two years.”"."""
    lo, _ = para
    if p.outer[0] != lo and last_char(ctx.text, lo, p.outer[0]) not in ".!?":
        return None
    inner = tokens_in(ctx, p.start, p.end)
    if len(inner) < 3 or not any(t.pos_ in ("VERB", "AUX") for t in inner) or inner[0].i == 0:
        return None
    prev = ctx.words[inner[0].i - 1]
    while prev.i > 0 and (prev.is_space or prev.text in ALL_MARKS):
        prev = ctx.words[prev.i - 1]
    if prev.idx >= p.outer[0] or prev.text not in ".!?" or ctx.in_quote(prev.idx):
        return None  # the sentence before must be narration, not another quote
    sent = ctx.sent(prev)
    subj = ctx.active_subject(ctx.words[sent.root.i])
    if subj is None or ctx.in_quote(subj.idx):
        return None
    sp = speaker_span(ctx, subj)
    named = ctx.label_of.get(sp.entity) == "PERSON" if sp.entity else subj.pos_ == "PROPN" and not subj.ent_type_
    if not named:
        return None  # a person, or a name the model did not label
    return sp, None, "previous"


def _follows_previous(ctx: Context, p: Passage, prev: Passage | None, para: tuple[int, int]) -> bool:
    """Whether `p` is settled by its layout after `prev`: a coordinated quote or a floating
    one takes the previous speaker; a paragraph-long quote with none stays unattributed."""
    lo, hi = para
    known = prev is not None and prev.speaker is not None
    if prev is not None and known and _only_joiners(ctx.text[prev.outer[1] : p.outer[0]]):
        p.speaker, p.cue, p.how = prev.speaker, prev.cue, "coordinated"  # “dangerous” and “ideological”
        return True
    if p.outer[0] == lo and p.outer[1] >= hi - 1:
        if prev is not None and known and prev.para >= p.para - 1:
            p.speaker, p.how = prev.speaker, "floating"
        return True
    if prev is not None and known and prev.para == p.para and last_char(ctx.text, lo, p.outer[0]) in ".!?":
        p.speaker, p.how = prev.speaker, "floating"  # “…,” Berg said. “More words.”: the same speaker goes on
        return True
    return False


def _embedded(ctx: Context, p: Passage) -> tuple[Span, Span | None, str] | None:
    """A short quote inside a sentence: 'his “dear friend”', 'called it “dangerous”',
    or words in a clause whose subject is a named speaker."""
    inner = tokens_in(ctx, p.start, p.end)
    if not inner:
        return None
    inner_ids = {t.i for t in inner}
    roots = [t for t in inner if t.head.i not in inner_ids or t.head == t]
    if not roots:
        return None
    root = roots[0]
    found = _possessive(ctx, root, inner_ids)
    if found:
        return found
    t = root
    for _ in range(10):
        if t.head == t:
            break
        t = t.head
        if t.pos_ not in ("VERB", "AUX"):
            continue
        if not is_cue_verb(t):
            continue  # "saw “real grounds for hope”": only a speech verb makes the words someone's
        subj = ctx.active_subject(t)
        if _names_it(t, inner_ids):
            return None  # what Spang calls “enlace”: a term, not words he said
        if subj is not None and not ctx.in_quote(subj.idx) and subj.i not in inner_ids:
            sp = speaker_span(ctx, subj)
            if sp.entity is not None and ctx.label_of.get(sp.entity) in SPEAKING_LABELS:
                return sp, cue_span(ctx, t, 0, len(ctx.text)), "embedded"
            return None  # "some commentators have called it “gold standard”": a label, not a quote
    return _cue_right_before(ctx, p)


def _possessive(ctx: Context, root: "Word", inner_ids: set[int]) -> tuple[Span, None, str] | None:
    """'his “dear friend”': the owner speaks words of two or more; one word after "his"
    (“reign”, “protégé”) is a label."""
    if len(inner_ids) < 2:
        return None
    for c in root.children:
        if c.dep_ == "poss" and c.i not in inner_ids and c.lower_ in ("his", "her", "its", "their"):
            sp = speaker_span(ctx, c)
            if sp.entity is not None:
                return Span(c.idx, c.idx + len(c.text), c.text, sp.entity), None, "possessive"
    return None


def _cue_right_before(ctx: Context, p: Passage) -> tuple[Span, Span, str] | None:
    """"while condemning “all acts …”": an active cue verb right before the marks."""
    before = tokens_in(ctx, max(0, p.outer[0] - 40), p.outer[0])[-3:]
    for t in reversed(before):
        if is_cue_verb(t) and not any(c.dep_ in ("auxpass", "nsubjpass") for c in t.children):
            sent = [w for w in ctx.sent_words(t) if w.i < t.i]
            subj = sentence_subject(ctx, sent, t)
            if subj is not None:
                return speaker_span(ctx, subj), cue_span(ctx, t, 0, len(ctx.text)), "embedded"
    return None


def _names_it(verb: "Word", inner_ids: set[int]) -> bool:
    """A naming verb whose object is the quoted word itself ("calls “enlace”", "what they
    call “the boat people”") or that gives something a proper name ("call it
    “Nesf-e-Jahan”"), not one that calls something else a word ("called the sentence
    “dangerous”", which is a judgement someone voiced)."""
    if verb.lemma_.lower() not in NAMING_VERBS | {"describe", "term"}:
        return False
    words = verb.doc[min(inner_ids) : max(inner_ids) + 1].text.split()
    if is_name_like(verb.words[i] for i in inner_ids) or all(w[:1].isupper() for w in words):
        return True  # word by word: "Nesf-e-Jahan" is one capitalised word of three tokens
    return not any(c.dep_ == "dobj" and c.i not in inner_ids and c.tag_ not in ("WP", "WDT") for c in verb.children)


def _only_joiners(between: str) -> bool:
    words = between.replace(",", " ").split()
    return all(w.lower() in ("and", "or", "but", "nor") for w in words) and len(words) <= 2

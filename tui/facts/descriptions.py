"""Descriptions: "the company", "the president", "the 45-year-old", and what a name is called.

A definite noun phrase joins the entity of its kind named within a few sentences: a
person with that title, an organisation with that word in its name, a place so called
before. An apposition or a predicate ("Athens, the capital", "Athens is a city") joins
its subject, and its noun is remembered as what the entity is called.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .coref_state import HORIZON, NAMED_LABELS, ORG_LABELS, PERSON_LABELS, PLACE_LABELS, Links, State
from .phrases import ORG_NOUNS, PLACE_NOUNS

if TYPE_CHECKING:  # pragma: no cover
    from .words import Word

_AGE = re.compile(r"the (?:\d+|[a-z]+(?:-[a-z]+)?)[- ]year[- ]old\b", re.I)
KIND_NOUNS = ORG_NOUNS | PLACE_NOUNS
#: Nouns any organisation may be called by. "The council" or "the court" is not whichever
#: organisation was named last (a newspaper that reported on it): it joins one with the word
#: in its name or one called so before.
GENERIC_ORG_NOUNS = frozenset("company firm group organisation organization corporation association agency".split())
#: Nouns that say a person's gender in a description ("the actress").
MALE_NOUNS = frozenset("man boy father son brother husband king prince spokesman chairman actor".split())
FEMALE_NOUNS = frozenset(
    "woman girl mother daughter sister wife queen princess spokeswoman chairwoman actress".split()
)


#: A country and a town are both GPEs (never a sea or a range, LOC), and never one another.
GPE_LABELS = frozenset({"GPE"})
STATE_NOUNS = frozenset({"country", "nation"})
_TOWN_NOUNS = frozenset({"city", "town", "village", "municipality"})


#: Verbs that say what their subject is: "is a city", "became the eldest son".
COPULAS = frozenset({"be", "become", "remain"})


def predicated(head: "Word", eid: str, state: State, links: Links, remember: bool = True) -> None:
    """"Athens, the capital, …", "Athens is a city …", "he served as president", "her
    father Mohammed Hadid": the apposed or predicated noun phrase is the same entity, and
    its noun describes it later ("the city")."""
    nouns = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN" and not _noted(c)]
    subject = _name_top(head)
    if subject.dep_ in ("nsubj", "nsubjpass"):
        nouns += _subject_predicates(subject)
    elif subject.dep_ == "dobj":  # "described her as the best pupil", "appointed him steward"
        nouns += _as_noun(subject.head, any_det=True)
        nouns += [c for c in subject.head.children if c.dep_ == "oprd" and c.pos_ == "NOUN"]
    nouns += [c for n in nouns if n.pos_ == "NOUN" for c in n.conjuncts if c.pos_ == "NOUN" and c.i > n.i]
    for n in nouns:
        if _bare(n) and any(c.dep_ == "nummod" for c in n.children):
            continue  # "it is really two missions": a count, not the entity ("a 1993 graduate" is one)
        det = next((c for c in n.children if c.dep_ == "det" and c.i < n.i), None)
        end = n.idx + len(n.text)
        start = det.idx if det is not None and links.free(det.idx, end) else n.idx
        if links.add(eid, start, end, "description") and remember:
            _call(state, eid, n)
    noun = subject.head
    if (subject.dep_ == "appos" and subject.pos_ == "PROPN" and noun.pos_ == "NOUN" and noun.i < subject.i
            and noun.dep_ != "ROOT" and not _bracketed(subject)
            and not (subject.i != head.i and _inside_another(head, eid, state))):
        _described(noun, eid, state, links)  # not a vocative's "Cool clock, Ahmed": no clause
    kind = _kind_of(subject)
    if kind is not None and state.labels.get(eid) in _OF_LABELS:
        _described(kind, eid, state, links)


#: Nouns that say what kind of place the name after "of" is: "the town of Esna", "the
#: island of Busuanga", "the state of Texas". Not "capital", "centre" or "heart" (the capital
#: of Persia is another place), nor "region" or "area", more often a part ("this region of
#: Africa").
OF_PLACE_NOUNS = frozenset(
    """city town village hamlet island state province county municipality commune parish borough
    kingdom republic emirate suburb neighbourhood neighborhood estate desert hill valley peninsula
    port""".split()
)
_OF_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _kind_of(name: "Word") -> "Word | None":
    """The noun in "the (small) estate of NAME": the name's kind, the same place. One noun
    (not "the cities of A, B and C", not "town and capital of"), said by adjectives only: "the
    Green Country region of Oklahoma" or "the hipster city of the Bay Area" is a part of it."""
    of = name.head
    if name.dep_ != "pobj" or of.lower_ != "of" or of.dep_ != "prep" or any(c.dep_ == "det" for c in name.children):
        return None
    noun = of.head
    if noun.pos_ != "NOUN" or noun.tag_ != "NN" or noun.i > name.i or noun.lemma_.lower() not in OF_PLACE_NOUNS:
        return None
    if any(c.dep_ in ("compound", "conj", "nmod", "poss") for c in noun.children):
        return None
    return noun


def _inside_another(head: "Word", eid: str, state: State) -> bool:
    """"(The Cleveland Museum of Art)": the place's name is a word of the museum's (the parser
    tagged the word as the museum's kind), and what the museum is apposed to is the museum,
    not the place. A place is a GPE, LOC or FAC alike (`_OF_LABELS`)."""
    label, tagged = state.labels.get(eid), head.ent_type_
    return bool(tagged and label) and tagged != label and not (tagged in _OF_LABELS and label in _OF_LABELS)


def _bracketed(name: "Word") -> bool:
    """"basic visual skills (Li, Polat, & Bavelier, 2010)", "returned samples (Moon Rocks,
    Genesis chips)": a name in brackets with more in them (a comma, a year) cites a source
    or gives an example; it is not what the noun is. Alone in them it is: "a hill (Pill
    Hill)", "a college (University of Kent)"."""
    words = name.words
    inside = False
    for w in reversed(words[max(0, name.i - 40) : name.i]):  # "(Laws, 2016; Lindsay, 2015)"
        if w.text in ("(", ")") or "\n" in w.text:
            inside = w.text == "("
            break
    if not inside:
        return False
    for w in words[name.i + 1 : name.i + 12]:  # the rest of the brackets: the name's own words, or more
        if w.text == ")":
            return False
        if w.text in (",", ";") or w.like_num or "\n" in w.text:
            return True
    return True


def _noted(noun: "Word") -> bool:
    """A number in an apposed phrase with no determiner makes it a note, not what the name
    is: "Grenada (60 days)", "Boston Red Sox (2013 – present)", "William Friedkin (m. 1977)"."""
    return _bare(noun) and any(t.like_num for t in noun.subtree)


def _bare(noun: "Word") -> bool:
    """No determiner nor possessor: "Ana Ruiz, a 1993 graduate" is a description with a number in it."""
    return not any(c.dep_ in ("det", "poss") for c in noun.children)


def _subject_predicates(subject: "Word") -> list["Word"]:
    """What a subject's verbs say it is: "is a city", "became the eldest son", "served as
    president", "was named player of the year", "…, being an apt violin student"."""
    nouns: list["Word"] = []
    verbs = [subject.head, *(c for c in subject.head.children if c.dep_ == "conj" and c.pos_ in ("AUX", "VERB"))]
    for verb in verbs:  # "Mérida has 750,000 people and is the largest city"
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        if verb.lemma_ in COPULAS:
            nouns += [c for c in verb.children if c.dep_ == "attr" and c.i > subject.i and _predicate_noun(c)]
        elif not any(c.dep_ in ("dobj", "nsubj") and c.i != subject.i for c in verb.children):
            nouns += _as_noun(verb)
            nouns += [c for c in verb.children if c.dep_ == "oprd" and c.pos_ == "NOUN"]
        for being in verb.children:
            if being.dep_ == "advcl" and being.lemma_ in COPULAS and not any(c.dep_.startswith("nsubj") for c in being.children):
                nouns += [c for c in being.children if c.dep_ == "attr" and _predicate_noun(c)]
    return nouns


def _call(state: State, eid: str, noun: "Word") -> None:
    """Remember the noun as what the entity is called ("a city": later "the city")."""
    state.titles.setdefault(eid, set()).add(noun.lemma_.lower())
    state.called.setdefault(eid, set()).add(noun.lemma_.lower())


def _described(noun: "Word", eid: str, state: State, links: Links) -> None:
    """"Her father Mohammed Hadid", "the Crown prosecutor, Mark Tedeschi": the noun phrase a
    name is apposed to, from its first word, or from its noun when a word before is taken."""
    end = noun.idx + len(noun.text)
    start = noun.left_edge.idx if links.free(noun.left_edge.idx, end) else noun.idx
    if links.add(eid, start, end, "description"):
        _call(state, eid, noun)


def _name_top(head: "Word") -> "Word":
    """The token a name hangs from: "Daniel Bernoulli FRS" is the subject through "FRS"."""
    t = head
    while t.dep_ == "compound" and t.head.pos_ == "PROPN" and t.head.i != t.i:
        t = t.head
    return t


def _as_noun(verb: "Word", any_det: bool = False) -> list["Word"]:
    """"as a military engineer", "as president", "as one of the founders"; with `any_det`
    also "as the most outstanding pupil"."""
    out = []
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "as":
            out += [o for o in prep.children if o.dep_ == "pobj" and o.lemma_.lower() not in _AS_IDIOMS and (
                _one_of(o) or o.pos_ == "NOUN" and (any_det or all(
                c.lower_ in ("a", "an") for c in o.children if c.dep_ == "det")))]
    return out


#: "As a result", "as a whole", "as a rule": set phrases, not what anyone served as.
_AS_IDIOMS = frozenset("result consequence whole rule matter means".split())


def _one_of(tok: "Word") -> bool:
    return tok.lower_ == "one" and any(c.dep_ == "prep" and c.lower_ == "of" for c in tok.children)


def _predicate_noun(tok: "Word") -> bool:
    """"a city", "the youngest of five", "one of the cities": a noun, or a word standing as one."""
    if tok.pos_ == "NOUN" or _one_of(tok):
        return True
    return tok.pos_ == "ADJ" and any(c.dep_ == "det" for c in tok.children)


def description(tok: "Word", si: int, state: State, text: str) -> tuple[str, int, int, str] | None:
    """"the company", "the president", "the 45-year-old": the entity of a kind just named."""
    age = _AGE.match(text, tok.idx) if tok.lower_ == "the" else None
    if age is not None:  # "The 45-year-old was charged": the person just named
        eid = _resolve_described(tok, si, state, PERSON_LABELS, None, None)
        return (eid, age.start(), age.end(), "description") if eid else None
    if tok.pos_ not in ("NOUN", "PROPN") or tok.tag_ not in ("NN", "NNP", "NNS") or tok.ent_type_:
        return None
    det = next((c for c in tok.children if c.dep_ == "det"), None)
    if det is None or det.lower_ not in ("the", "this", "that") or det.i > tok.i:
        return None
    if any(c.dep_ in ("appos", "compound", "amod", "nmod", "poss") and (c.pos_ == "PROPN" or c.ent_type_)
           for c in tok.children):
        return None  # "the Chinese ministry", "the minister, Wang Yi": a description of its own
    if any(c.dep_ in ("prep", "relcl", "acl") and c.i > tok.i for c in tok.children):
        return None  # "the president of Ghana": a new referent
    # "the best museums in the country": the place it lies in, not the one just named; a
    # country known as one may be it
    wider = tok.lemma_.lower() in PLACE_NOUNS and _superlative_domain(tok)
    if wider and tok.lemma_.lower() not in STATE_NOUNS:
        return None
    if tok.tag_ == "NNS":  # "the islands" for the Chatham Islands, never for just any group
        eid = _resolve_described(tok, si, state, NAMED_LABELS, None, tok.lower_)
        return (eid, det.idx, tok.idx + len(tok.text), "description") if eid else None
    low = tok.lemma_.lower()
    # a noun the entity was called by before: its title, a word of its name, "a city"
    eid = _resolve_described(tok, si, state, NAMED_LABELS, _gender_of_noun(low), low)
    if eid is None:
        eid = _called_before(tok, si, state, low)
    if eid is None and low in GENERIC_ORG_NOUNS:
        eid = _resolve_described(tok, si, state, ORG_LABELS, None, None)
    if eid is None and low in PLACE_NOUNS and low not in _AROUND_NOUNS and not wider:
        labels = GPE_LABELS if low in STATE_NOUNS or low in _TOWN_NOUNS else PLACE_LABELS
        eid = _resolve_described(tok, si, state, labels, None, None)
        if eid is not None and state.called.get(eid, set()) & (_TOWN_NOUNS if low in STATE_NOUNS else STATE_NOUNS):
            eid = None  # "the nation" is not the place called a city, nor "the city" a country
    if eid is None:
        return None
    return eid, det.idx, tok.idx + len(tok.text), "description"


#: Place nouns that name the land around a place rather than the place: "Phoenix ... the
#: region's primary centre" is not Phoenix.
_AROUND_NOUNS = frozenset({"region"})


def _superlative_domain(tok: "Word") -> bool:
    """"the best museums in the country", "one of the largest concentrations in the nation":
    a place after a superlative is what it is compared across, a larger one than the place
    the sentence is about."""
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ not in ("in", "across") or prep.i > tok.i:
        return False
    node = prep.head
    for _ in range(3):
        if node.tag_ in ("JJS", "RBS") or any(c.tag_ in ("JJS", "RBS") for c in node.children):
            return True
        if any(c.lower_ == "most" and c.dep_ == "advmod" for c in node.subtree if c.i < prep.i):
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return False


def _called_before(tok: "Word", si: int, state: State, noun: str) -> str | None:
    """Past the window, the entity last called by the noun ("Tulsa … the city … the city"):
    a travel guide's "the city" is the city it is about, however long ago it was named.
    Only a noun the text called it by counts, or a word of its name that names a kind
    ("the court" for the "… Court of Cassation"), not any word of it ("the information"
    is not the "… Information System" of ten sentences ago); a person is never found
    this far back: "the president" may be a new one."""
    limit = si - HORIZON["description"] - 1
    kind = noun in KIND_NOUNS
    best, best_at = None, None
    # Each entity so called, at its last candidate before the window: the latest wins (the
    # walk back over every sentence each time made a long article's walk quadratic).
    for eid in state.places:
        if state.labels.get(eid) == "PERSON":
            continue
        if noun in state.called.get(eid, ()) or kind and noun in state.titles.get(eid, ()):
            at = state.last_before(eid, limit)
            if at is not None and (best_at is None or at > best_at):
                best, best_at = eid, at
    return best


def _gender_of_noun(noun: str) -> str | None:
    return "m" if noun in MALE_NOUNS else "f" if noun in FEMALE_NOUNS else None


def _resolve_described(
    tok: "Word", si: int, state: State, labels: frozenset[str], gender: str | None, noun: str | None
) -> str | None:
    """The nearest entity of the kind within a few sentences; for an organisation, one whose
    name has the noun ("the ministry" → "Ministry of Health"), and for a person with a
    title, one so titled ("the president" → "President Ruto")."""
    seen: set[str] = set()
    for d in range(HORIZON["description"] + 1):
        cands = state.by_sent.get(si - d, [])
        ordered = sorted((c for c in cands if c.tok < tok.i), key=lambda c: (not c.subject, -c.tok))
        for c in ordered:
            if c.eid in seen or state.label(c.eid) not in labels:
                continue
            seen.add(c.eid)
            g = state.gender.get(c.eid)
            if gender is not None and g is not None and g != gender:
                continue
            if noun is not None and noun not in state.titles.get(c.eid, ()):
                continue
            return c.eid
    return None

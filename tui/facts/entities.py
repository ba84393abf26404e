"""Canonical entities: spaCy's surface-form mentions grouped as a reader would.

spaCy gives one row per surface form ("Zhai Jun" as PERSON, then "Zhai" as a
GPE). A reader sees one person, so mentions are cleaned (no leading "the", no
possessive 's), then joined by exact form, by acronym or alias, by a nested
organisation name, and by a short form of exactly one person's name.
"""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, AbstractSet, Iterable

from ..analysis import VALUE_LABELS, Entity, Mention
from .acronyms import BODY_WORDS, defined_acronyms, other_names
from .cancel import NEVER, Checkpoint
from .entity_labels import (
    FACILITY_WORDS, NEWSPAPER_WORDS, body_of_people, cue, dateline_names, datelines, region_after_place, vote,
)
from .entity_rules import (
    ADMIN_PREFIX, FEATURE_WORDS, ORG_HEADS, TextWords, common_word_first, counted_unit, lower_case_start, nested_places, refine,
    title_before, titles_conflict, widen_left,
)
from .misspelt import misspelt, respelt
from .nicknames import formal_words
from .longer_names import ACRONYM as _ACRONYM
from .longer_names import PLACE_LABELS, LongerNames
from .refind import refind, untagged
from .words import Word, read_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc, Span, Token

#: Short forms whose full name is not spelled out by their letters.
ALIASES = {
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "uk": "united kingdom",
    "un": "united nations",
    "eu": "european union",
    "mideast": "middle east",
    "dprk": "north korea",
    "prc": "china",
    "nyc": "new york",
    "new york city": "new york",  # in news "New York" is the city; GUM joins them
    # a country's former name is the country ("Persia" in a guide to Iran)
    "persia": "iran",
    "burma": "myanmar",
    "siam": "thailand",
    "ceylon": "sri lanka",
}
TITLES = {
    "president", "vice president", "minister", "prime minister", "foreign minister", "secretary",
    "secretary of state", "chancellor", "king", "queen", "prince", "princess", "pope", "senator",
    "governor", "mayor", "general", "chairman", "premier", "ambassador", "envoy", "spokesman",
    "spokeswoman", "spokesperson", "judge", "justice", "sheikh", "emir", "mr", "mrs", "ms", "dr",
}
TITLES |= {"qc", "kc", "sc", "mp", "jr", "sr", "phd"}  # post-nominal letters, not entities
#: Common nouns that spaCy capitalises into organisations ("the State will pay").
GENERIC = {"state", "government", "administration", "ministry", "department", "court of appeal"}
#: A name ending so is a happening, whatever spaCy called it.
_EVENT_WORDS = {
    "fair", "festival", "olympics", "games", "cup", "championship", "championships", "expo", "marathon",
    "tournament", "summit",
}
#: Capitalised concepts that spaCy mistakes for groups ("Islamophobia", "Homeopathy").
_CONCEPT = re.compile(r"[A-Z][a-z]+(?:ism|phobia|pathy|ology)")
# The office a name completes: "Secretary of State", "Minister of Education", "Foreign Affairs minister".
_OFFICE_BEFORE = re.compile(r"\b(?:secretary|undersecretary|minister|commissioner|secretary-general)\s+(?:of|for)\s*$", re.I)
_OFFICE_AFTER = re.compile(r"^\s*(?:minister|secretary|spokes(?:man|woman|person)|critic)\b")
_DETERMINER = re.compile(r"(?:the|these|those) ", re.I)
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NUMBERISH = re.compile(r"[\d\W_]+")


@dataclass
class _Group:
    """Mentions that name one thing, while they are being merged."""

    key: str
    mentions: list[tuple[int, int, str, str]] = field(default_factory=list)  # start, end, text, label
    person: bool = False
    titles: set[str] = field(default_factory=set)  # title classes seen before its mentions

    @property
    def labels(self) -> Counter:
        return Counter(m[3] for m in self.mentions)

    @cached_property
    def words(self) -> list[str]:  # asked for again and again while merging
        return self.key.split()


@dataclass(frozen=True)
class EntityIndex:
    """Finds the entity behind a character range or token, for quotes and events."""

    starts: tuple[int, ...]
    rows: tuple[tuple[int, int, str, bool], ...]  # start, end, entity id, is a name
    labels: dict[str, str] = field(default_factory=dict, compare=False, hash=False)  # entity id -> canonical label
    # reach[k]: the furthest end of rows[:k + 1], so a look back stops where no earlier row gets past `start`
    reach: tuple[int, ...] = field(default=(), compare=False, hash=False, repr=False)
    # Memo of `at`, a pure function of the frozen rows: the stages ask for the same tokens again and again
    found: dict[tuple[int, int, bool], str | None] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def build(cls, entities: Iterable[Entity]) -> "EntityIndex":
        entities = list(entities)
        rows = sorted((m.start, m.end, e.id, e.is_name) for e in entities for m in e.mentions)
        reach = tuple(itertools.accumulate((r[1] for r in rows), max))
        return cls(tuple(r[0] for r in rows), tuple(rows), {e.id: e.label for e in entities}, reach)

    def at(self, start: int, end: int, names_only: bool = True) -> str | None:
        """The entity whose mention overlaps [start, end) the most (names before values)."""
        key = (start, end, names_only)
        if key in self.found:
            return self.found[key]
        best, best_overlap = None, 0
        i = bisect.bisect_left(self.starts, end)
        rows, reach = self.rows, self.reach
        for k in range(i - 1, max(0, i - 64) - 1, -1):  # the 64 mentions starting last before `end`
            if reach[k] <= start:
                break  # neither this mention nor any before it reaches `start`
            s, e, eid, is_name = rows[k]
            if e <= start:
                continue
            if names_only and not is_name:
                continue
            overlap = min(e, end) - max(s, start)
            if overlap > best_overlap:
                best, best_overlap = eid, overlap
        self.found[key] = best
        return best

    def of_token(self, token: "Token | Word", names_only: bool = True) -> str | None:
        return self.at(token.idx, token.idx + len(token.text), names_only)

    def of_span(self, span: "Span", names_only: bool = True) -> str | None:
        return self.at(span.start_char, span.end_char, names_only)


def extract_entities(
    doc: "Doc", *, text: str | None = None, words: tuple[Word, ...] | None = None, ents: tuple | None = None,
    check: Checkpoint = NEVER,
) -> tuple[tuple[Entity, ...], EntityIndex]:
    """Entities and the index that finds them; `text`, `words` and `ents` are the Doc's
    when the caller has them (spaCy makes new Spans on every doc.ents)."""
    text = doc.text if text is None else text
    words = read_words(doc) if words is None else words
    ents = tuple(doc.ents) if ents is None else ents
    seen = TextWords.of(text)  # the text's words, for the rules that ask how else it writes one
    names: list[tuple[int, int, str, str]] = []
    values: list[tuple[int, int, str, str]] = []
    for ent in ents:
        check()
        if ent.label_ in VALUE_LABELS:
            m = _trim(text, ent.start_char, ent.end_char, strip_the=False)
            if m:
                values.append((*m, ent.label_))
            continue
        m = _clean(text, ent, widen_left(ent), seen)
        if m:
            label = "EVENT" if m[2].rsplit(" ", 1)[-1].lower() in _EVENT_WORDS else ent.label_
            names.append((*m, label))
    names, display = refine(text, names, check, seen)
    names = refind(doc, text, [cue(text, r) for r in names], check, words=words, lower=seen.lower)
    tagged = [(e.start_char, e.end_char) for e in ents]
    found, _ = refine(text, untagged(doc, text, names, tagged, check, words=words, lower=seen.lower), check, seen)
    names = sorted(names + [cue(text, r) for r in found])  # "Dame Zaha Mohammad Hadid DBE" cut as spaCy's names are
    dated = datelines(text)
    names, shown = dateline_names(names, dated)
    display = {**shown, **display}
    names = nested_places(region_after_place(text, body_of_people(text, names)))
    keys = _Keys()
    agencies = {text.rfind("(", 0, s) for s, _e, _surface, label in dated if label == "ORG"}
    names, aliases = _defined_acronyms(text, names, check, seen.lower, keys, agencies)
    groups = _merge(_group_by_key(names, aliases, check, text, keys), check)
    check.now()
    entities = _finish(groups, values, len(text), display)
    return entities, EntityIndex.build(entities)


def _trim(text: str, start: int, end: int, strip_the: bool = True) -> tuple[int, int, str] | None:
    """Cut a mention to its proper form; None when nothing proper is left."""
    while start < end and not (text[start].isalnum()):
        start += 1
    if strip_the:
        m = _DETERMINER.match(text, start, end)
        if m and m.end() < end:
            start = m.end()
            while start < end and not text[start].isalnum():
                start += 1  # 'the "Comeback City"': the quote mark after "the" is no part of the name
    paren = text.find("(", start, end)
    if paren > start and text.find(")", paren, end) < 0:  # a name holds no unclosed bracket:
        if text[start].isupper() or paren + 1 == end:
            end = paren  # "American College of Pediatricians (ACPeds"
        else:
            start = paren + 1  # 'a "Big Five" orchestra (The Cleveland Orchestra'
    while end > start and text[end - 1] in " \n.,;:-–—'’\"“”$€£¥":  # "US $": a sign is no part of a name
        last = text[start:end].rsplit(" ", 1)[-1]
        if text[end - 1] == "." and _ACRONYM.fullmatch(last) and (last == text[start:end] or "." in last[:-1]):
            break  # keep the final period of "U.S." and of "Washington D.C."
        end -= 1
    m = _POSSESSIVE.search(text, start, end)
    if m and m.start() > start:
        end = m.start()
    if end <= start or "\n" in text[start:end]:
        return None
    return start, end, text[start:end]


def _clean(text: str, ent: "Span", start: int, seen: TextWords) -> tuple[int, int, str] | None:
    m = _trim(text, lower_case_start(ent, start), ent.end_char)
    if m is None:
        return None
    start, end, surface = m
    low = surface.lower()
    if low in TITLES or low in GENERIC or _NUMBERISH.fullmatch(surface) or _CONCEPT.fullmatch(surface):
        return None
    if counted_unit(ent) or common_word_first(text, ent, seen):
        return None
    if ent.label_ != "PERSON":
        before, after = text[max(0, start - 30) : start], text[end : end + 20]
        if _OFFICE_BEFORE.search(before) or _OFFICE_AFTER.match(after):
            return None  # "State" in "Secretary of State" names an office, not an organisation
    return m


def _key(surface: str) -> str:
    s = ADMIN_PREFIX.sub("", surface.replace(".", "").replace("’", "'")).lower()
    s = re.sub(r"[\s\-‐]+", " ", s).strip()
    if s.startswith("saint "):  # "Saint Jerome" is "St. Jerome", "Saint Louis" "St. Louis"
        s = "st " + s[6:]
    if not s.isascii():  # "Ichiyō" and "Ichiyo" are one spelling
        s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    if s in ALIASES:
        return ALIASES[s]
    first, _, rest = s.partition(" ")
    if rest and first in _SHORT_COUNTRY:  # "U.S. Congress" is the "United States Congress"
        return f"{ALIASES[first]} {rest}"
    return s


#: Short forms of a country that begin a body's name as well ("UK Parliament", "US Navy").
_SHORT_COUNTRY = {"us", "usa", "uk"}


class _Keys(dict[str, str]):
    """`_key` by surface, each worked out once per analysis: a long article writes the
    same few hundred names thousands of times."""

    def __missing__(self, surface: str) -> str:
        key = self[surface] = _key(surface)
        return key



def _defined_acronyms(
    text: str, names: list, check: Checkpoint = NEVER, lower: AbstractSet[str] | None = None,
    keys: _Keys | None = None, not_definitions: AbstractSet[int] = frozenset(),
) -> tuple[list, dict[str, str]]:
    keys = _Keys() if keys is None else keys
    rows, aliases = defined_acronyms(text, names, check, lower, not_definitions)
    aliases = {**other_names(text, rows), **aliases}
    return rows, {**_island_plurals(names, keys), **{keys[a]: keys[b] for a, b in aliases.items()}}


_ISLANDS = re.compile(r"(\w[\w ]*?) (?:islands|isles)")


def _island_plurals(names: list, keys: _Keys) -> dict[str, str]:
    """"The Chathams" are the Chatham Islands, as "the Canaries" are the Canary Islands: a
    group of islands goes by the plural of its first word(s)."""
    out = {}
    for row in names:
        m = _ISLANDS.fullmatch(keys[row[2]])
        if m and not m.group(1).endswith("s"):
            out[m.group(1) + "s"] = m.group(0)
    return out


def _group_by_key(
    mentions: list[tuple[int, int, str, str]],
    aliases: dict[str, str] | None = None,
    check: Checkpoint = NEVER,
    text: str = "",
    keys: _Keys | None = None,
) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    aliases = aliases or {}
    keys = _Keys() if keys is None else keys
    named_here = _named_here(text, mentions, keys) if text else {}
    for m in mentions:
        check()
        k = keys[m[2]]
        k = named_here.get(m[0]) or aliases.get(k, k)
        g = groups.setdefault(k, _Group(k))
        g.mentions.append(m)
        t = title_before(text, m[0]) if text else None
        if t:
            g.titles.add(t)
    for g in groups.values():
        g.person = g.labels["PERSON"] > 0 and len(g.words) > 1 and not any(c.isdigit() for c in g.key)
    _person_by_short_form(groups)
    return groups


_THE_BODY = re.compile(r"\bthe\s+$", re.I)


def _named_here(text: str, mentions: list[tuple[int, int, str, str]], keys: _Keys) -> dict[int, str]:
    """"The Court" a few lines after "the Court of Appeals" is that court, though another court
    sits in the case: a bare body word after "the" names the last body ending in it named
    earlier in its paragraph (not "this Court", the court hearing it). Start -> that body's key."""
    out: dict[int, str] = {}
    last: dict[str, tuple[int, str]] = {}  # body word -> (where its paragraph starts, the body's key)
    for start, _end, surface, _label in sorted(mentions):
        words = keys[surface].split()
        if len(words) > 1:
            head = words[: words.index("of")] if "of" in words[1:] else words
            if head[-1] in BODY_WORDS:
                last[head[-1]] = (text.rfind("\n\n", 0, start), " ".join(words))
        elif words and words[0] in last and _THE_BODY.search(text, max(0, start - 5), start):
            para, key = last[words[0]]
            if text.rfind("\n\n", 0, start) == para:
                out[start] = key
    return out


_NOT_A_PERSONS_WORD = ORG_HEADS | FEATURE_WORDS | FACILITY_WORDS | NEWSPAPER_WORDS | {"of", "the", "and", "&"}


def _person_by_short_form(groups: dict[str, _Group]) -> None:
    """"Britney Spears", twice an organisation to the model, is the person its short form
    "Britney" (a person each of at least two times) stands for: a one-word name the model
    only ever calls a person makes the one two- or three-word name it begins or ends a person,
    when no person's name has that word and the longer name has no word of a body or a place."""
    ends: dict[str, list[_Group]] = defaultdict(list)
    for g in groups.values():
        if 2 <= len(g.words) <= 3 and not any(c.isdigit() for c in g.key):
            ends[g.words[0]].append(g)
            ends[g.words[-1]].append(g)
    for g in groups.values():
        labels = g.labels
        if len(g.words) != 1 or len(g.mentions) < 2 or labels["PERSON"] != len(g.mentions):
            continue
        hits = ends.get(g.key, [])
        if len(hits) != 1 or any(h.person for h in hits):
            continue
        h = hits[0]
        if h.labels.most_common(1)[0][0] in PLACE_LABELS or _NOT_A_PERSONS_WORD & set(h.words):
            continue
        if not all(w[:1].isupper() for m in h.mentions for w in m[2].split()):
            continue  # "Byron composed Thyrza": a clause the model ran together, no one's name
        h.person = True


def _merge(groups: dict[str, _Group], check: Checkpoint = NEVER) -> list[_Group]:
    """Join short forms into the one longer name they stand for."""
    parent: dict[str, str] = {}

    def target(k: str) -> str:
        while k in parent:
            k = parent[k]
        return k

    persons = [g for g in groups.values() if g.person]
    multi = [g for g in groups.values() if len(g.words) > 1]
    longer = LongerNames(persons, multi)
    same_words: dict[tuple[str, ...], _Group] = {}
    for g in persons:  # "Omar Farid" -> "Omar Hassan Farid" first, so "Farid" finds one person
        check()
        first = same_words.setdefault(tuple(sorted(formal_words(g.words))), g)  # "Higuchi Natsuko" is "Natsuko Higuchi"
        t: _Group | None = longer.person_for(g) if first is g else first
        if t is not None and t.key != g.key and not titles_conflict(g.titles, t.titles):
            parent[g.key] = t.key
    counts: dict[str, int] = defaultdict(int)
    for g in persons:
        counts[target(g.key)] += len(g.mentions)
    surnames = {g.words[-1] for g in persons if len(g.words[-1]) > 2}
    for g in groups.values():
        check()
        if g.person:
            continue
        if len(g.words) == 1 and g.key.endswith("s") and g.key[:-1] in surnames:
            g.person = True  # "the Sams" after "Thomas Sam": the family, people but none of them alone
            continue
        t = longer.person_for(g, target, counts)
        if t is not None and titles_conflict(g.titles, groups[target(t.key)].titles):
            t, g.person = None, True  # "Senator Daly" is not "Rep. Mark Daly", but a person
        elif t is None and len(g.words) == 1 and longer.person_word.get(g.key):
            g.person = True  # a surname two people share: a person, not linked to either
        t = t or longer.acronym_for(g) or _plural_of(g, groups)
        t = t or longer.nested_in(g) or longer.place_head_of(g)
        if t is not None and t.key != g.key:
            parent[g.key] = t.key
    parent.update(_spellings([g for k, g in groups.items() if target(k) == k], check))
    merged: dict[str, _Group] = {}
    for k, g in groups.items():
        root = target(k)
        dest = merged.setdefault(root, _Group(root, person=groups[root].person))
        dest.mentions.extend(g.mentions)
        dest.person = dest.person or g.person
    for g in merged.values():
        g.mentions = _outermost(g.mentions)
    return list(merged.values())


def _spellings(roots: list[_Group], check: Checkpoint = NEVER) -> dict[str, str]:
    """One name spelt two ways: misspelt ("Chatnam") or with its letters written out ("Taasinge")."""
    names = [(g.key, _family(g), len(g.mentions), min(m[0] for m in g.mentions)) for g in roots if not g.person]
    out = dict(misspelt(names, check))  # "Jensen" is not "Jansen": no people
    out.update((rare, common) for rare, common in respelt(roots) if rare not in out and common not in out)
    return out


def _family(g: _Group) -> str:
    label = g.labels.most_common(1)[0][0]
    return "PLACE" if label in PLACE_LABELS else label


def _outermost(mentions: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """An entity's mentions never nest: "Texas" inside "Texas Arlington", once both are one
    place, is the same mention twice."""
    out: list[tuple[int, int, str, str]] = []
    for m in sorted(mentions, key=lambda m: (m[0], -m[1])):
        if out and m[1] <= max(o[1] for o in out[-4:]) and m[0] >= out[-1][0]:
            continue
        out.append(m)
    return out


def _plural_of(g: _Group, groups: dict[str, _Group]) -> _Group | None:
    """Palestinians -> Palestinian: nationality plurals join their adjective."""
    if g.labels.most_common(1)[0][0] != "NORP" or not g.key.endswith("s"):
        return None
    single = groups.get(g.key[:-1])
    return single if single is not None and single.labels["NORP"] else None


def _nested(groups: list[_Group]) -> set[tuple[int, int]]:
    """The mentions that lie inside another entity's: "Texas Arlington" in "University of
    Texas Arlington" (spaCy's place in a university's name)."""
    spans = sorted(((m[0], m[1], i) for i, g in enumerate(groups) for m in g.mentions), key=lambda x: (x[0], -x[1]))
    out = set()
    for k, (s, e, g) in enumerate(spans):
        if any(g2 != g and s2 <= s and e <= e2 and (s2, e2) != (s, e) for s2, e2, g2 in spans[max(0, k - 8) : k]):
            out.add((s, e))
    return out


def _name_of(mentions: list[tuple[int, int, str, str]], nested: set[tuple[int, int]]) -> str:
    """The longest proper form, preferring Title Case over ALL CAPS; of equals, the first in
    the text (a set's order changes with the string hash seed, and so did the name). A form
    found only inside another entity's name is a last resort: Texas, not "Texas Arlington"."""
    alone = [m for m in mentions if (m[0], m[1]) not in nested]
    forms = dict.fromkeys(" ".join(m[2].split()) for m in alone or mentions)  # "Carlos  Moedas" too
    return max(forms, key=lambda s: (not (s.isupper() and len(s) > 4), len(s.replace(".", "")), -len(s)))


def _finish(
    groups: list[_Group], values: list[tuple[int, int, str, str]], n_chars: int, display: dict[str, str] | None = None
) -> tuple[Entity, ...]:
    value_groups: dict[tuple[str, str], list] = defaultdict(list)
    for m in values:
        value_groups[(m[3], m[2].lower())].append(m)
    rows = []  # (is_name, label, name, mentions)
    nested = _nested(groups)
    for g in groups:
        name = _name_of(g.mentions, nested)
        rows.append((True, vote(g.labels, g.person), (display or {}).get(name.lower(), name), sorted(g.mentions)))
    for (label, _), ms in value_groups.items():
        rows.append((False, label, ms[0][2], sorted(ms)))
    weight = [len(ms) * (1.0 + 0.5 * (1.0 - ms[0][0] / max(1, n_chars))) for *_, ms in rows]
    total = sum(weight) or 1.0
    scored = [(w / total, row) for w, row in zip(weight, rows, strict=True)]
    scored.sort(key=lambda x: (not x[1][0], -x[0] if x[1][0] else x[1][3][0][0], x[1][3][0][0]))
    return tuple(
        Entity(f"E{i}", name, label, sal, tuple(Mention(s, e, t) for s, e, t, _ in ms))
        for i, (sal, (_, label, name, ms)) in enumerate(scored, 1)
    )

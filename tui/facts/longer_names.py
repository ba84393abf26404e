"""The longer names a short form may stand for: a person's surname, an acronym's initials,
the end of a body's name, the first word of a two-word place.

Moved out of entities.py whole; indexed once by the words that decide a match, so a long
list of names is not matched pair by pair.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from typing import TYPE_CHECKING, Callable

from .acronyms import BODY_WORDS
from .acronyms import CONNECTORS as _CONNECTORS
from .entity_labels import BUILDING_WORDS, FACILITY_WORDS
from .entity_rules import FEATURE_WORDS

if TYPE_CHECKING:  # pragma: no cover
    from .entities import _Group

PLACE_LABELS = {"GPE", "LOC", "FAC"}
ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")

_SCHOOLS = {"university", "college", "school", "academy"}
_ORG_SUFFIXES = {"news", "inc", "corp", "corporation", "group", "ltd", "co", "company", "plc", "llc"}


class LongerNames:
    """The longer names a short form may stand for, indexed once by the words that decide
    it: matching every short form against every longer name was quadratic in a list of
    names (4,500 names: 6.5 s)."""

    def __init__(self, persons: list[_Group], multi: list[_Group]) -> None:
        self.person_word: dict[str, list[_Group]] = defaultdict(list)  # first or last word -> persons
        self.given: dict[tuple[str, ...], list[_Group]] = defaultdict(list)  # first words -> persons
        by_ends: dict[tuple[str, str], list[_Group]] = defaultdict(list)
        self.by_last: dict[str, list[_Group]] = defaultdict(list)  # last word of the name's head -> persons
        for p in persons:
            w = p.words
            self.person_word[w[0]].append(p)
            if w[-1] != w[0] and "of" not in w[1:-1]:  # "Auchleuchries" of "Patrick Gordon of Auchleuchries" is a place
                self.person_word[w[-1]].append(p)
            by_ends[(w[0], w[-1])].append(p)
            for n in range(2, len(w)):
                self.given[tuple(w[:n])].append(p)
            head = _head(w)
            self.by_last[head[-1]].append(p)
            if head[-1] not in (w[0], w[-1]):  # "Gordon" of "Patrick Gordon of Auchleuchries"
                self.person_word[head[-1]].append(p)
        # (first, last) -> (word counts ascending, persons in the same order)
        self.person_ends = {
            k: ([len(p.words) for p in v], v) for k, v in ((k, sorted(v, key=lambda p: len(p.words))) for k, v in by_ends.items())
        }
        self.letters: dict[str, list[_Group]] = defaultdict(list)  # initials, or acronym + suffix -> names
        self.suffix: dict[tuple[str, ...], list[_Group]] = defaultdict(list)  # words a name (or its head) ends with
        self.place_head: dict[str, list[_Group]] = defaultdict(list)  # first word -> two-word places
        for o in multi:
            w = o.words
            keys = {"".join(x[0] for x in w if x not in _CONNECTORS), "".join(x[0] for x in w)}
            if set(w[1:]) <= _ORG_SUFFIXES:
                keys.add(w[0])
            for k in keys:
                self.letters[k].append(o)
            if not o.person:
                head = w[: w.index("of")] if "of" in w[1:] else w
                ends = {tuple(w[-n:]) for n in range(1, len(w))} | {tuple(head[-n:]) for n in range(1, len(head))}
                if len(head) < len(w):
                    ends.add(tuple(head))  # "the Society" for "Society of the Cincinnati"
                for end in ends:
                    self.suffix[end].append(o)
            if (len(w) == 2 and o.labels.most_common(1)[0][0] in PLACE_LABELS and w[1] not in FEATURE_WORDS
                    and w[1] not in BUILDING_WORDS and w[1] not in FACILITY_WORDS):
                self.place_head[w[0]].append(o)
            elif len(w) == 2 and w[1] in _SCHOOLS and o.labels.most_common(1)[0][0] == "ORG":
                self.place_head[w[0]].append(o)

    def person_for(self, g: _Group, root: Callable[[str], str] = str, counts: dict | None = None) -> _Group | None:
        """A one-word form equal to the first or last word of exactly one person's name
        (two forms of one person, already joined, count once), or of the one named at
        least twice as often as any other ("Moreau" in a life of Jeanne Moreau, whose
        father is named once)."""
        words = g.words
        if len(words) == 1:
            hits = self.person_word.get(words[0], [])
            if _always_a_body(g):  # "the Mets" beside the nickname "Mets Poet": no given name
                hits = [h for h in hits if h.words[0] != words[0]]
            by_root = {root(h.key): h for h in hits}
            if len(by_root) < 2 or not counts or len(by_root) > 8:
                return hits[0] if len(by_root) == 1 else None
            ranked = sorted(by_root, key=lambda k: -counts.get(k, 0))
            return by_root[ranked[0]] if counts.get(ranked[0], 0) >= 2 * max(1, counts.get(ranked[1], 0)) else None
        # "Barack Obama" for "Barack Hussein Obama"
        sizes, persons = self.person_ends.get((words[0], words[-1]), ([], []))
        i = bisect.bisect_right(sizes, len(words))
        if persons and i == len(persons) - 1:
            return persons[i]
        # "Otto Jespersen" for "Jens Otto Harry Jespersen", one such name only
        heads = ((_head(p.words), p) for p in self.by_last.get(words[-1], [])[:32])
        fits = [p for h, p in heads if len(h) > len(words) and _subseq(words, h)]
        if not fits and g.person:  # "Pierre Charles", the given names of the one "Pierre Charles L'Enfant"
            fits = self.given.get(tuple(words), [])
        return fits[0] if len(fits) == 1 else None

    def acronym_for(self, g: _Group) -> _Group | None:
        """KCNA -> Korean Central News Agency: the letters are the initials of one name.

        CBC -> CBC News too: a name that is the acronym plus a corporate suffix.
        """
        surface = g.mentions[0][2]
        if len(g.words) != 1 or not ACRONYM.fullmatch(surface):
            return None
        hits = self.letters.get(g.key, [])
        return hits[0] if len(hits) == 1 else None

    def nested_in(self, g: _Group) -> _Group | None:
        """Security Council -> U.N. Security Council, Court -> Supreme Court of Cassation,
        Society -> Society of the Cincinnati.

        An organisation's name that ends a longer one, or ends the head of an
        "X of Y" name, stands for it when exactly one (outermost) name fits, or one
        named at least twice as often as any other ("Red Sox" for the "Boston Red Sox"
        named six times, not the "Pawtucket Red Sox" named once).
        """
        if g.labels.most_common(1)[0][0] not in ("ORG", "FAC"):
            return None
        hits = self.suffix.get(tuple(g.words), [])
        among = {id(o) for o in hits}
        outermost = []
        for o in hits:  # one that fits in another of the hits is not outermost
            if not any(id(other) in among for other in self.suffix.get(tuple(o.words), [])):
                outermost.append(o)
                if len(outermost) > 8:
                    return None
        if len(outermost) < 2 or len(g.words) < 2:  # a bare "Court" among several courts is no one's
            if len(outermost) != 1 or g.key in BODY_WORDS and _first(outermost[0]) > _first(g):
                return None  # "the Court" in a hearing, long before a "Federal Circuit Court": this court
            return outermost[0]
        ranked = sorted(outermost, key=lambda o: -len(o.mentions))
        return ranked[0] if len(ranked[0].mentions) >= 2 * len(ranked[1].mentions) else None

    def place_head_of(self, g: _Group) -> _Group | None:
        """Gaza -> Gaza Strip: a one-word place that begins exactly one longer place name;
        Harvard -> Harvard University: an organisation, the one school it names."""
        label = g.labels.most_common(1)[0][0]
        if len(g.words) != 1 or label not in PLACE_LABELS and label != "ORG":
            return None
        hits = [h for h in self.place_head.get(g.key, []) if (label == "ORG") == (h.words[1] in _SCHOOLS)]
        return hits[0] if len(hits) == 1 else None


def _head(words: list[str]) -> list[str]:
    return words[: words.index("of")] if "of" in words[1:] else words


def _subseq(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _always_a_body(g: _Group) -> bool:
    """A one-word name the model calls an organisation every time, at least twice."""
    return len(g.mentions) >= 2 and g.labels["ORG"] == len(g.mentions)


def _first(g: _Group) -> int:
    return min(m[0] for m in g.mentions)

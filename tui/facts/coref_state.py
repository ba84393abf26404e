"""What the coreference walk shares between its parts: candidates, the walk's state, the links.

Kept apart so that pronouns (coref), descriptions and first person each live in a module
of their own and read the same state.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from ..analysis import Mention
from .phrases import ORG_NOUNS, PLACE_NOUNS

#: How many sentences back a reference may look, by what it is.
HORIZON = {"person": 4, "group": 2, "thing": 2, "description": 6}
PERSON_LABELS = frozenset({"PERSON"})
GROUP_LABELS = frozenset({"ORG", "GPE", "NORP"})
THING_LABELS = frozenset({"ORG", "GPE"})
PLACE_LABELS = frozenset({"GPE", "LOC"})
ORG_LABELS = frozenset({"ORG"})
NAMED_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})


@dataclass
class Cand:
    """A mention a later reference may point back to."""

    tok: int  # head token
    sent: int
    eid: str
    subject: bool
    role: float = 0.0  # how prominent its syntactic role is (see role_weight)
    name: bool = True  # a name, not a pronoun or description linked on the walk


#: Lappin and Leass's weights for a mention's role: a subject is what a later pronoun most
#: likely means, then a direct object, then an indirect one; an oblique earns nothing.
ROLE_WEIGHTS = {"nsubj": 80.0, "nsubjpass": 80.0, "dobj": 50.0, "dative": 40.0, "attr": 70.0}
RECENCY = 100.0  # what any mention earns in the current sentence


def role_weight(dep: str) -> float:
    return ROLE_WEIGHTS.get(dep, 0.0)


@dataclass
class State:
    """What the walk knows so far: mentions by sentence, each entity's gender."""

    labels: dict[str, str]
    gender: dict[str, str]
    titles: dict[str, set[str]]  # a person's titles, an organisation's name words
    by_sent: dict[int, list[Cand]]
    para: list[int] = field(default_factory=list)  # the paragraph of each sentence
    called: dict[str, set[str]] = field(default_factory=dict)  # nouns the text calls it by ("a city")
    #: Where each entity's candidates are: (sentence, place in `by_sent[sentence]`), in order.
    places: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def add(self, c: Cand) -> None:
        cands = self.by_sent.setdefault(c.sent, [])
        cands.append(c)
        bisect.insort(self.places.setdefault(c.eid, []), (c.sent, len(cands) - 1))

    def last_before(self, eid: str, sent: int) -> tuple[int, int] | None:
        """The place of the entity's last candidate in a sentence up to `sent`."""
        places = self.places.get(eid, ())
        i = bisect.bisect_right(places, (sent, 1 << 30))
        return places[i - 1] if i else None

    def label(self, eid: str) -> str | None:
        """The entity's label for agreement: a "person" the text calls a city or a company
        ("Łódź is Poland's third biggest city") is a place or an organisation to "it"."""
        label = self.labels.get(eid)
        if label == "PERSON" and eid not in self.gender:  # one called "he" or "she" is a person
            called = self.called.get(eid, set())
            if called & PLACE_NOUNS:
                return "GPE"
            if called & ORG_NOUNS:
                return "ORG"
        return label


class Links:
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

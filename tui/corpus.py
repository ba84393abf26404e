"""One story across many articles: the same person, organisation or place as one row.

Each article's analysis already groups the forms of a name it uses ("Zhai Jun", "Zhai").
Across articles nothing links them, so a reporter with thirty articles would see thirty
Zhai Juns. Merging is as careful as it is inside one article, because a wrong merge puts
one person's words in another's mouth:

- a full name (two words or more) is the same entity wherever it is written the same way,
  and with the same first and last word ("Maria Elena Lopez", "Maria Lopez");
- a one-word person ("Zhai") joins the one person of the corpus whose full name starts or
  ends with that word, and stays apart when two people could be meant ("Biden" beside
  "Joe Biden" and "Hunter Biden");
- an acronym ("U.N.") joins the one organisation or place whose words it spells;
- people never merge with anything else; an organisation and a place of exactly the same
  name do (the model's label for "Hamas" or "Israel" changes from article to article).

Core code: reads Analyses only, no spaCy Doc and no Textual.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Iterable, Sequence

from .analysis import Analysis, Entity

#: Labels whose entities are merged across articles; values (dates, sums) are not things.
MERGED_LABELS = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW")
#: Labels one name may carry in different articles and still be the same thing.
_FAMILY = {"ORG": "thing", "GPE": "thing", "LOC": "thing", "FAC": "thing"}
_CONNECTORS = {"of", "the", "and", "for", "&", "de", "du", "la", "on", "in"}
_ACRONYM = re.compile(r"(?:[A-Z]\.?){2,6}")


@dataclass(frozen=True)
class Appearance:
    """An entity in one article: where to find it in that article's `wirelens/1` output."""

    article: int  # index into the analyses given to `merge`
    entity: str  # the entity's id in that article
    mentions: int  # its name mentions there
    quotes: tuple[str, ...] = ()  # what it said (quote ids)
    about: tuple[str, ...] = ()  # quotes by others that mention it
    events: tuple[str, ...] = ()  # what it did or what was done to it (event ids)


@dataclass(frozen=True)
class CorpusEntity:
    id: str
    name: str
    label: str
    names: tuple[str, ...]  # every form, the most used first
    appearances: tuple[Appearance, ...]  # in article order

    @property
    def articles(self) -> int:
        return len({a.article for a in self.appearances})

    @property
    def mentions(self) -> int:
        return sum(a.mentions for a in self.appearances)


def merge(analyses: Sequence[Analysis]) -> list[CorpusEntity]:
    """The entities of all `analyses`, merged; most widely covered first."""
    nodes = [(i, e) for i, a in enumerate(analyses) for e in a.entities if e.label in MERGED_LABELS and e.names]
    sets = _Sets(len(nodes))
    forms = [_forms(e) for _, e in nodes]
    _join_full_names(nodes, forms, sets)
    _join_short_names(nodes, forms, sets)
    _join_acronyms(nodes, forms, sets)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(nodes)):
        groups[sets.find(n)].append(n)
    roles = _Roles()
    rows = [_row(analyses, [nodes[n] for n in members], roles) for members in groups.values()]
    rows.sort(key=lambda r: (-r.articles, -r.mentions, r.name.casefold()))
    return [CorpusEntity(f"c{k}", r.name, r.label, r.names, r.appearances) for k, r in enumerate(rows, 1)]


@functools.lru_cache(maxsize=65536)
def key(form: str) -> str:
    """A name as compared across articles: case, dots, a leading "the" and "'s" ignored."""
    s = " ".join(form.replace("’", "'").split())
    s = re.sub(r"^the\s+", "", s, flags=re.I)
    s = re.sub(r"'s?$", "", s)
    return s.replace(".", "").casefold()


def _family(label: str) -> str:
    return _FAMILY.get(label, label)


def _forms(e: Entity) -> set[str]:
    return {k for k in (key(e.name), *(key(m.text) for m in e.names)) if k}


def _join_full_names(nodes: list, forms: list[set[str]], sets: "_Sets") -> None:
    """Two entities that share a form of two words or more, or a one-word thing's name."""
    seen: dict[tuple[str, str], int] = {}
    for n, (_, e) in enumerate(nodes):
        for f in forms[n]:
            if e.label == "PERSON" and " " not in f:
                continue  # a lone surname is settled by _join_short_names
            k = (_family(e.label), f)
            if k in seen:
                sets.union(seen[k], n)
            else:
                seen[k] = n


def _join_short_names(nodes: list, forms: list[set[str]], sets: "_Sets") -> None:
    """A person known only by one word joins the one person whose full name has it at an end."""
    by_word: dict[str, set[int]] = defaultdict(set)  # end word -> people with a full name
    by_ends: dict[tuple[str, str], int] = {}  # "Maria Elena Lopez" is "Maria Lopez"
    for n, (_, e) in enumerate(nodes):
        if e.label == "PERSON":
            for f in forms[n]:
                words = f.split()
                if len(words) > 1:
                    by_word[words[0]].add(n)
                    by_word[words[-1]].add(n)
                    ends = (words[0], words[-1])
                    sets.union(by_ends.setdefault(ends, n), n)
    alone: dict[str, list[int]] = defaultdict(list)
    for n, (_, e) in enumerate(nodes):
        if e.label != "PERSON" or any(" " in f for f in forms[n]):
            continue
        for f in forms[n]:
            roots = {sets.find(m) for m in by_word.get(f, ())}
            if len(roots) == 1:
                sets.union(roots.pop(), n)
            elif not roots:
                alone[f].append(n)
    for same in alone.values():  # "Zhai" in three articles and no full name anywhere
        for n in same[1:]:
            sets.union(same[0], n)


def _join_acronyms(nodes: list, forms: list[set[str]], sets: "_Sets") -> None:
    """"U.N." in one article, "United Nations" in another: joined when only one name fits."""
    spelled: dict[tuple[str, str], set[int]] = defaultdict(set)
    for n, (_, e) in enumerate(nodes):
        if e.label == "PERSON":
            continue
        for f in forms[n]:
            words = [w for w in f.split() if w not in _CONNECTORS]
            if len(words) > 1:
                spelled[(_family(e.label), "".join(w[0] for w in words))].add(n)
    for n, (_, e) in enumerate(nodes):
        if e.label == "PERSON":
            continue
        for text in {e.name, *(m.text for m in e.names)}:
            if _ACRONYM.fullmatch(text.strip()):
                roots = {sets.find(m) for m in spelled.get((_family(e.label), key(text)), ())}
                if len(roots) == 1:
                    sets.union(roots.pop(), n)


def _row(analyses: Sequence[Analysis], members: list[tuple[int, Entity]], roles: "_Roles") -> CorpusEntity:
    names: Counter[str] = Counter()
    labels: Counter[str] = Counter()
    called: Counter[str] = Counter()  # each article's own name for it, by how much it is used
    apps = []
    for i, e in sorted(members, key=lambda m: m[0]):
        for m in e.names:
            names[" ".join(m.text.split())] += 1
        labels[e.label] += len(e.names)
        called[" ".join(e.name.split())] += len(e.names)
        apps.append(_appearance(roles.of(analyses[i]), i, e))
    name = max(called, key=lambda n: (" " in n, called[n], len(n)))  # a full name first
    names[name] += 0  # listed even when no mention spells it out that way
    ordered = tuple(sorted(names, key=lambda n: (-names[n], n)))
    return CorpusEntity("", name, labels.most_common(1)[0][0], ordered, tuple(apps))


@dataclass
class _ArticleRoles:
    """One article's quotes and events by the entities in them, built once per merge: looking
    them up entity by entity scanned every quote and event for each entity (500 articles: seconds)."""

    said: dict[str, list[str]]  # entity id -> ids of the quotes it said
    events: dict[str, list[str]]  # entity id -> ids of the events it did or had done to it
    quotes: list[tuple[int, int, str, str | None]]  # (start, end, id, speaker entity) by start
    starts: list[int]  # the quotes' starts, for bisect
    order: dict[str, int]  # quote id -> its place in the article's quotes


class _Roles:
    def __init__(self) -> None:
        self._by_article: dict[int, _ArticleRoles] = {}

    def of(self, analysis: Analysis) -> _ArticleRoles:
        found = self._by_article.get(id(analysis))  # the analyses outlive the merge: ids are stable
        if found is None:
            said: dict[str, list[str]] = defaultdict(list)
            events: dict[str, list[str]] = defaultdict(list)
            for q in analysis.quotes:
                if q.speaker is not None and q.speaker.entity is not None:
                    said[q.speaker.entity].append(q.id)
            for v in analysis.events:
                for ent in dict.fromkeys(s.entity for s in (v.agent, v.patient) if s is not None and s.entity):
                    events[ent].append(v.id)
            quotes = sorted((q.start, q.end, q.id, q.speaker.entity if q.speaker else None) for q in analysis.quotes)
            order = {q.id: k for k, q in enumerate(analysis.quotes)}
            found = self._by_article[id(analysis)] = _ArticleRoles(said, events, quotes, [q[0] for q in quotes], order)
        return found


def _appearance(roles: _ArticleRoles, index: int, e: Entity) -> Appearance:
    said = tuple(roles.said.get(e.id, ()))
    inside: set[str] = set()  # quotes by others with one of its mentions inside
    if roles.quotes:
        for m in e.mentions:
            for _, end, qid, speaker in roles.quotes[: bisect.bisect_right(roles.starts, m.start)]:
                if m.end <= end and speaker != e.id:
                    inside.add(qid)
    about = tuple(sorted(inside, key=roles.order.__getitem__))
    return Appearance(index, e.id, len(e.names), said, about, tuple(roles.events.get(e.id, ())))


class _Sets:
    """Union-find over the article entities; the smaller index is the root, so rows are stable."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def entity_ids(rows: Iterable[CorpusEntity]) -> dict[tuple[int, str], str]:
    """(article index, entity id) -> corpus id: how a screen goes from a fact to its row."""
    return {(a.article, a.entity): r.id for r in rows for a in r.appearances}

"""Acronyms defined in the text: "Movimento 5 Stelle (M5S)" makes M5S a name of the party.

Moved out of entities.py whole; the one change is that aliases come back as surface
forms (acronym -> long form) for the caller to key.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import AbstractSet

from .cancel import NEVER, Checkpoint
from .entity_rules import ORG_HEADS, TextWords

CONNECTORS = {"of", "the", "and", "for", "&", "de", "du", "la"}


_PAREN_ACRONYM = re.compile(r"\(([A-Z][A-Za-z0-9&]{1,9})\)")
_LONG_WORD = re.compile(r"[\w&'’-]+")
_USE_START = re.compile(r"(?<![\w.])[A-Z]")  # where a use of an acronym may begin
_WORD_CHAR = re.compile(r"\w")
_SMALL = {"under", "over", "on", "in", "at", "with", "without", "to", "from", "by", "into", "against", "a", "an"}
#: Last words that make a long form a body, whatever else it says ("Food and Drug Administration").
BODY_WORDS = ORG_HEADS | {
    "administration", "organisation", "organization", "group", "network", "company", "force", "forces",
    "police", "court", "parliament", "congress", "assembly", "services", "programme", "program", "project",
}


def defined_acronyms(
    text: str, names: list, check: Checkpoint = NEVER, lower: AbstractSet[str] | None = None,
    not_definitions: AbstractSet[int] = frozenset(),
) -> tuple[list, dict[str, str]]:
    """"Movimento 5 Stelle (M5S)": the long form and every use of the acronym are one entity.

    The long form is the shortest run of words before the parenthesis whose
    initials spell the acronym (Schwartz & Hearst), or else the name mention
    that ends right before it. spaCy's fragments inside the long form are
    replaced by the whole of it. Every use of an acronym outside a long form
    becomes a mention with the label of its first definition.

    Definitions are resolved against a table of names by position, and the uses
    of all acronyms are found in one pass: rescanning the text and the name list
    for each definition was quadratic in a long list of them. `lower` is the set of
    words the text writes in lower case only, when the caller has it. A parenthesis at one of
    `not_definitions` defines nothing (a dateline's agency: "WASHINGTON (AP) -").
    """
    defs = [(m.start(), m.group(1)) for m in _PAREN_ACRONYM.finditer(text)
            if sum(c.isupper() for c in m.group(1)) >= 2 and m.start() not in not_definitions]
    if not defs:
        return sorted(names), {}
    table = _NameTable(names)
    aliases: dict[str, str] = {}
    terms: set[str] = set()
    labels: dict[str, str] = {}  # acronym -> the label of its first definition
    for paren, acr in defs:
        check()
        long = _long_form(text, paren, acr) or table.ending_before(text, paren)
        if long is None:
            continue
        ls, le = long
        found = table.first_overlapping(ls, le)
        if found is None and not any(w[:1].isupper() for w in text[ls:le].split()):
            terms.add(acr)  # "sea surface salinity (SSS)": a term's short form, not a name
            continue
        if lower is None:  # the article's lower-case words, learnt once when first needed
            lower = TextWords.of(text).lower
        if _common_words(text[ls:le], lower):
            table.remove_inside(ls, le)  # "Compact Fluorescent Light (CFL)": a term in capitals
            terms.add(acr)
            continue
        label = "ORG" if found in (None, "PERSON") else str(found)  # a person is given no acronym ("Stelle" in M5S)
        table.remove_inside(ls, le)
        table.add(ls, le, text[ls:le], label, long_form=True)
        aliases[acr] = text[ls:le]
        labels.setdefault(acr, label)
    lengths = sorted({len(a) for a in labels})
    for m in _USE_START.finditer(text):
        check()
        i = m.start()
        for n in lengths:
            acr = text[i : i + n]
            if acr in labels and len(acr) == n and not _WORD_CHAR.match(text, i + n):
                if not table.has(i, i + n) and not table.in_long_form(i, i + n):
                    table.add(i, i + n, acr, labels[acr])
    rows = table.rows()
    return ([r for r in rows if r[2] not in terms] if terms else rows), aliases


class _NameTable:
    """Name mentions by position (buckets of characters), in the order they were listed.

    "The first name overlapping", "the names inside", "a name ending here" each look
    at the few buckets the span covers instead of every name.
    """

    B = 64  # characters a bucket

    def __init__(self, names: list) -> None:
        self.items: dict[int, tuple[int, int, str, str, bool]] = {}  # order -> start, end, text, label, long form
        self.spans: dict[tuple[int, int], int] = defaultdict(int)  # (start, end) -> how many names have it
        self.buckets: dict[int, set[int]] = defaultdict(set)
        self.order = 0
        for n in names:
            self.add(*n)

    def add(self, start: int, end: int, surface: str, label: str, long_form: bool = False) -> None:
        k = self.order
        self.order += 1
        self.items[k] = (start, end, surface, label, long_form)
        self.spans[(start, end)] += 1
        for b in self._range(start, end):
            self.buckets[b].add(k)

    def _range(self, start: int, end: int) -> range:
        return range(start // self.B, max(start, end - 1) // self.B + 1)

    def _near(self, start: int, end: int) -> set[int]:
        found: set[int] = set()
        for b in self._range(start, end):
            found |= self.buckets.get(b, set())
        return found

    def first_overlapping(self, start: int, end: int) -> str | None:
        hits = [k for k in self._near(start, end) if self.items[k][0] < end and self.items[k][1] > start]
        return self.items[min(hits)][3] if hits else None

    def remove_inside(self, start: int, end: int) -> None:
        for k in self._near(start, end):
            s, e = self.items[k][:2]
            if s >= start and e <= end:
                del self.items[k]
                self.spans[(s, e)] -= 1
                for b in self._range(s, e):
                    self.buckets[b].discard(k)

    def ending_before(self, text: str, paren: int) -> tuple[int, int] | None:
        """The first-listed name that ends right before `paren`, with only spaces between."""
        w = paren
        while w > 0 and text[w - 1].isspace():
            w -= 1
        hits = [k for k in self._near(max(0, w - 1), paren) if w <= self.items[k][1] <= paren]
        return self.items[min(hits)][:2] if hits else None

    def has(self, start: int, end: int) -> bool:
        return self.spans.get((start, end), 0) > 0

    def in_long_form(self, start: int, end: int) -> bool:
        return any(
            self.items[k][4] and self.items[k][0] <= start and end <= self.items[k][1] for k in self._near(start, start + 1)
        )

    def rows(self) -> list[tuple[int, int, str, str]]:
        return sorted(item[:4] for item in self.items.values())


def _common_words(long: str, lower: AbstractSet[str]) -> bool:
    """A long form whose every word the article also writes in lower case, and none of whose
    words names a kind of body (not "Major League Baseball"), is a term ("System Under Test")."""
    words = [w.lower() for w in _LONG_WORD.findall(long)]
    content = [w for w in words if w not in CONNECTORS and w not in _SMALL]
    return bool(content) and all(w in lower for w in content) and not BODY_WORDS.intersection(words)


def _long_form(text: str, paren: int, acr: str) -> tuple[int, int] | None:
    letters = acr.lower()
    words = _words_before(text, paren, len(letters) + 4)
    for k in range(1, min(len(words), len(letters) + 4) + 1):
        run = words[-k:]
        if run[0].group().lower() in CONNECTORS:
            continue
        initials = "".join(w.group()[0].lower() for w in run if w.group().lower() not in CONNECTORS)
        if initials == letters:
            return run[0].start(), run[-1].end()
    for k in range(len(letters), min(len(words), len(letters) + 4) + 1):
        run = words[-k:]  # a translated name: "Italian Episcopal Conference (CEI)"
        initials = "".join(w.group()[0].lower() for w in run if w.group().lower() not in CONNECTORS)
        if run[0].group()[0].isupper() and sorted(initials) == sorted(letters):
            return run[0].start(), run[-1].end()
    return None


def _words_before(text: str, paren: int, n: int) -> list[re.Match]:
    """The last `n` words of the line before `paren`, reading back only as far as needed
    (the whole line each time was quadratic in a one-line list of definitions)."""
    width = 256
    while True:
        lo = max(0, paren - width)
        nl = text.rfind("\n", lo, paren)
        start = nl + 1 if nl >= 0 else lo
        words = list(_LONG_WORD.finditer(text, start, paren))
        if nl >= 0 or lo == 0 or len(words) > n:  # the first word may be cut: never among the n
            return words[-n:]
        width *= 4


#: "X, also known as Y": Y names X whatever either is.
_KNOWN_AS = re.compile(r",?\s+(?:also\s+|locally\s+|better\s+|commonly\s+)?(?:known\s+as|aka|a\.k\.a\.)\s+(?:the\s+)?[\"“']?")
#: "X (Y in the Moriori language)", "X (Y in Danish)": Y is X in another tongue.
_IN_TONGUE = re.compile(r"\s+in\s+(?:the\s+)?[a-z]*\s*[A-Z]")


def other_names(text: str, names: list) -> dict[str, str]:
    """Second names given on the spot: "Cape Town, also known as the Mother City", "the
    Chatham Islands (Rekohu in the Moriori language)", "Masjid al-Haram (Grand Mosque)" -> the
    other name's surface to the first's. A bare name in brackets only when both are the same
    kind of thing and neither a person ("Luis Buñuel (Belle de Jour)" names his film, "BEIJING
    (Reuters)" the agency that wrote it); an acronym in brackets is defined_acronyms' work."""
    rows = sorted(names, key=lambda r: (r[0], -r[1]))
    out: dict[str, str] = {}
    reach = -1  # the end of the longest name so far: a name inside it is no outermost one
    for i, a in enumerate(rows):
        inner, reach = a[1] <= reach, max(reach, a[1])
        b = next((r for r in rows[i + 1 : i + 6] if r[0] >= a[1]), None)
        if inner or b is None or b[2] == a[2]:
            continue
        between = text[a[1] : b[0]]
        if _KNOWN_AS.fullmatch(between) and _heads_its_phrase(text, a[0]):
            out.setdefault(b[2], a[2])
        elif between.strip() == "(" and "PERSON" not in (a[3], b[3]) and not b[2].isupper():
            if _IN_TONGUE.match(text, b[1]) or a[3] == b[3] and text.startswith(")", b[1]):
                out.setdefault(b[2], a[2])
    return out


_WORD_BEFORE = re.compile(r"([\w.-]+)[ \t]+(?:the\s+)?$")


def _heads_its_phrase(text: str, start: int) -> bool:
    """The name a "known as" follows is the phrase's own, not the end of a longer unnamed one
    ("US-412 West, aka ...") nor the object of "of" ("a desert east of Antioch, known as ...")."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    return m is None or m.group(1).islower() and m.group(1) != "of"

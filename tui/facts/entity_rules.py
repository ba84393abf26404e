"""Mention-level rules: where a name begins and ends, and what kind of thing it names.

spaCy's spans are cut where its model guessed: "Lady Helen Marsh" keeps a title,
"the Seed Fund Maya Orlov" runs an organisation into a person, "The Federal
Agency" stops before "for Civic Education", "OR-3" is an organisation, and
"Castlefrank Road" a person. These rules fix each mention from its own words and
the few characters around it, so they cost one pass over the mentions.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .cancel import NEVER, Checkpoint

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Span

Row = tuple[int, int, str, str]  # start, end, surface, label

#: Words that make a title, never a name ("First Lady", "Shadow Transport Secretary").
TITLE_WORDS = {
    "first", "lady", "shadow", "deputy", "acting", "former", "interim", "rep", "rep.", "sen", "sen.",
    "representative", "senator", "congressman", "congresswoman", "governor", "gov", "gov.", "mayor",
    "president", "minister", "secretary", "chancellor", "chairman", "chairwoman", "chair", "director",
    "commissioner", "spokesman", "spokeswoman", "spokesperson", "ambassador", "envoy", "judge", "justice",
    "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "prof", "prof.", "professor", "dame", "sir",
    "general", "gen.", "colonel", "col.", "captain", "sgt.", "sergeant", "chief", "vice", "prime",
}
#: Ranks by birth or church: a one-word name the model tagged after one is the name without it
#: ("Emperor Norton" is Norton); kept where the model's own span holds them ("Abba Theodorus",
#: "King of Athens" name the person). Not "Duke" or "Count", given names too (Duke Ellington).
RANK_WORDS = {
    "emperor", "empress", "king", "queen", "prince", "princess", "tsar", "czar", "sultan", "shah", "emir",
    "pope", "saint", "st", "st.", "abba", "archbishop", "bishop", "cardinal", "rabbi", "imam", "sheikh",
}
#: The last word of an office: a capitalised run ending so is a post, not a body.
OFFICE_HEADS = {
    "secretary", "minister", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
    "commissioner", "director", "governor", "mayor", "ambassador", "envoy", "president",
}
#: Words an organisation's name is built on; "X of/for Y" continues after them.
ORG_HEADS = {
    "agency", "institute", "council", "foundation", "fund", "association", "society", "commission",
    "committee", "university", "centre", "center", "department", "ministry", "office", "bureau",
    "board", "union", "league", "federation", "authority", "academy", "school", "college", "bank",
    "organisation", "organization", "corporation", "service", "trust", "alliance", "party",
}
#: Words that keep a run after an organisation's head word part of the body ("World Bank Group").
_NOT_PERSON = ORG_HEADS | TITLE_WORDS | OFFICE_HEADS | {
    "group", "international", "holdings", "news", "press", "partners", "global", "capital", "america", "europe",
}
_LAW_END = re.compile(r"\b(?:Act|Bill|Law|Treaty|Code|Amendment|Constitution|Convention|Charter)$")
_DIVISION = re.compile(r"^(?:Division|Title|Section|Article|Part|Chapter|Subtitle) [A-Z0-9]+(?: of\b|$)")
_DISTRICT = re.compile(r"[A-Z]{2}-(?:\d{1,2}|AL)")
_SIDE = "North|South|East|West|Upper|Lower|Northern|Southern"
_PAIRED = re.compile(rf"^({_SIDE}) and ({_SIDE}) (\S.*)$")
_NOT_NAME = (
    r"(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July"
    r"|August|September|October|November|December)\b)"
)
_CAP_RUN = re.compile(rf"(?:\s+(?:of|for|and|on|the|&|{_NOT_NAME}[A-Z][\w'’.-]*))*\s+{_NOT_NAME}[A-Z][\w'’-]*")
_CONTINUE = re.compile(r"\s+(?:for|of|on)\s+")
_POSTNOMINAL = re.compile(r"(?:,?\s+(?:[A-Z]{2,4}|Jr\.?|Sr\.?|PhD|MBE|OBE|CBE|KBE))+$")
_PLURAL_BEFORE = re.compile(r"\b(?:the\s+)?[a-z]{3,}s\s+$")  # "the religious schools " before a list of names
#: A word as the rules below count it: a maximal run of letters, digits, apostrophes and hyphens.
_WORD = re.compile(r"[\w'’-]+")
#: A code in capitals with a plural s ("CFLs", "ROVs", "L2s") counts things of a kind: neither
#: it nor its singular names a body.
_PLURAL_CODE = re.compile(r"\b([A-Z][A-Z\d]+)s\b")
_OFFICE_NEXT = re.compile(r"\s+(?:Secretary|Minister|Spokes(?:man|woman|person)|Commissioner|Chair(?:man|woman)?)\b")
_CREDIT = re.compile(r"\s+(?:Image|Photo|Picture|Photograph|Credit)$")
_TRAILING_COMMON = re.compile(r"(?:\s+(?:news\s+agency|agency|newspaper|news\s+service|broadcaster|daily|wire\s+service))+$")


@dataclass(frozen=True)
class TextWords:
    """What the rules ask of the whole text, read in one pass (each asking scanned it again)."""

    counts: Counter[str]  # how often each word is written, exactly so
    lower: frozenset[str]  # the words written in lower-case letters only
    kinds: frozenset[str]  # codes in capitals also written with a plural s ("CFL" of "CFLs")

    @classmethod
    def of(cls, text: str) -> "TextWords":
        counts = Counter(_WORD.findall(text))
        lower = frozenset(w for w in counts if w.isascii() and w.isalpha() and w.islower())
        return cls(counts, lower, frozenset(m.group(1) for m in _PLURAL_CODE.finditer(text)))


def refine(
    text: str, names: list[Row], check: Checkpoint = NEVER, seen: TextWords | None = None
) -> tuple[list[Row], dict[str, str]]:
    """Names cut to their proper extent, split where two were run together, relabelled
    where the words say what they are; and display names for forms a split shortened.
    `seen` is `TextWords.of(text)` when the caller has it."""
    out: list[Row] = []
    display: dict[str, str] = {}
    drop: set[tuple[int, int]] = set()
    seen = TextWords.of(text) if seen is None else seen
    lower, kinds = seen.lower, seen.kinds
    names = sorted(r for r in names if not _common_word(r[2], lower) and r[2].removesuffix("s") not in kinds)
    starts = [r[0] for r in names]
    for row in names:
        check()
        out.extend(_extend_org(text, r, names, starts, drop) for r in _split(text, row, display))
    if drop:
        out = [r for r in out if (r[0], r[1]) not in drop]
    return sorted(set(out)), display


def widen_left(ent: "Span") -> int:
    """Where a person's or a body's name really starts. The model tags "Reyes" alone in
    "Mayor Ana Reyes" (and calls it an organisation): the capitalised proper nouns right
    before a one-word name, tied to it as compounds and tagged as nothing, are its own
    words ("Ana"), up to a title ("Mayor"), which is no part of it. At most two words."""
    doc = ent.doc
    if len(ent) != 1 or ent.label_ not in ("PERSON", "ORG"):
        return ent.start_char
    i = ent.start
    while i > max(0, ent.start - 2):
        t = doc[i - 1]
        if (t.pos_ != "PROPN" or t.dep_ != "compound" or t.ent_iob_ != "O" or not t.whitespace_
                or not t.text[:1].isupper() or t.text.isupper() or not i <= t.head.i <= ent.start):
            break
        if t.lower_ in TITLE_WORDS or t.lower_ in OFFICE_HEADS or t.lower_ in ORG_HEADS or t.lower_ in RANK_WORDS:
            break
        i -= 1
    return doc[i].idx


#: Lower-case words that belong to names ("Charles de Gaulle", "Ludwig van Beethoven", "Jules et Jim").
_PARTICLES = {
    "de", "van", "von", "al", "bin", "ibn", "da", "di", "del", "della", "la", "le", "du", "dos", "das", "der",
    "den", "el", "y", "e", "et", "of", "the", "and", "for", "on", "upon", "in", "at", "zu", "ter", "ten",
}
def lower_case_start(ent: "Span", start: int) -> int:
    """Where the model's span has its name: lower-case words before the first capital or digit
    are nouns of the sentence ("magician David Gish", "nearby 44th Street", "united Germany"),
    not the name's own particles ("de Gaulle")."""
    toks = [t for t in ent.doc[ent.start : ent.end] if t.idx >= start]
    k = 0
    while k < len(toks) - 1 and toks[k].is_alpha and toks[k].is_lower and toks[k].lower_ not in _PARTICLES:
        k += 1
    return toks[k].idx if k and toks[k].text[:1].isalnum() else start


def common_word_first(text: str, ent: "Span", seen: TextWords | None = None) -> bool:
    """A capital that only says "a sentence or a line starts here": one word the tagger reads as
    a common word ("Knowledge is power", "Hydrogen peroxide", a heading "Background"), which
    the article never writes with a capital anywhere else, is no name."""
    if len(ent) != 1 or ent.label_ == "NORP":
        return False
    tok = ent[0]
    if not (tok.is_alpha and tok.text.isascii()):
        return False  # "Kúlaakiay", an e-mail address: not English words
    if tok.tag_ in ("NNP", "NNPS") or not (tok.is_sent_start or tok.idx == 0 or text[tok.idx - 1] == "\n"):
        return False
    seen = TextWords.of(text) if seen is None else seen
    return seen.counts[tok.text] == 1  # the word alone, not inside "Knowledge-based" or "Knowledge's"


def counted_unit(ent: "Span") -> bool:
    """A code in capitals that a number counts is a unit, not a body: "225 DKK", "CUC 25",
    "3 RBI", "the 7th century BC" (but "3 UN agencies": there the number counts the agencies)."""
    if len(ent) != 1 or not (2 <= len(ent.text) <= 5 and ent.text.isupper() and ent.text.isalpha()):
        return False
    tok = ent[0]
    if any(c.dep_ == "nummod" or c.lower_ in ("century", "centuries", "millennium") for c in tok.children):
        return True
    prev = tok.nbor(-1) if tok.i > 0 else None
    return prev is not None and prev.text[:1].isdigit() and tok.dep_ != "compound"


def _common_word(surface: str, lower: frozenset[str]) -> bool:
    """Not a name: no capital at all ("transmedia", "mosques"), or a heading in capitals
    whose words the article also writes in lower case ("LIMITATIONS"; not "US", "NATO")."""
    if not any(c.isupper() for c in surface):
        return True
    return surface.isupper() and len(surface) >= 5 and all(w.lower() in lower for w in surface.split())


def _split(text: str, row: Row, display: dict[str, str]) -> list[Row]:
    start, end, surface, label = row
    if _DISTRICT.fullmatch(surface):
        return []  # "(OR-3)": a congressional district code
    if _DIVISION.match(surface) or _LAW_END.search(surface) and label in ("ORG", "PERSON", "WORK_OF_ART", "EVENT"):
        return [(start, end, surface, "LAW")]
    start, end, surface = _strip_trailing(start, end, surface, text[end : end + 2])
    if label == "PERSON":
        start, surface = _strip_titles(start, surface)
        post = _POSTNOMINAL.search(surface)
        if post and len(surface[: post.start()].split()) >= 2:
            surface = surface[: post.start()]  # "Daniel Bernoulli FRS", "Zaha Hadid DBE RA"
            end = start + len(surface)
        if not surface:
            return []
    elif _is_office(surface) or _OFFICE_NEXT.match(text, end):
        return []  # "Shadow Transport (Secretary)" is a post
    m = _PAIRED.match(surface)
    if m and label in ("GPE", "LOC"):
        first_end = start + len(m.group(1))
        display[m.group(1).lower()] = f"{m.group(1)} {m.group(3)}"
        second = start + m.end(1) + 5
        return [(start, first_end, m.group(1), label), (second, end, text[second:end], label)]
    if label == "ORG" and " and " in surface and _PLURAL_BEFORE.search(text, max(0, start - 30), start):
        one, other = surface.split(" and ", 1)
        if one[:1].isupper() and other[:1].isupper():  # "the schools Santo Spirito and Immacolata": two
            s2 = start + len(one) + 5
            return [(start, start + len(one), one, label), (s2, end, other, label)]
    if label == "ORG":
        parts = _org_then_person(start, surface)
        if parts:
            return parts
    return [(start, end, surface, label)]


def _strip_trailing(start: int, end: int, surface: str, after: str = "") -> tuple[int, int, str]:
    """"Xinhua news agency" -> "Xinhua": the kind of body is not part of its name; nor is the
    credit line of a caption ("Ahmed Mohamed Image: Twitter")."""
    m = _TRAILING_COMMON.search(surface) or (_CREDIT.search(surface) if after.startswith(":") else None)
    if m and m.start() > 0:
        return start, start + m.start(), surface[: m.start()]
    return start, end, surface


def _strip_titles(start: int, surface: str) -> tuple[int, str]:
    """"Lady Helen Marsh" -> "Helen Marsh", keeping at least one word."""
    words = surface.split(" ")
    k = 0
    while k < len(words) - 1 and words[k].lower() in TITLE_WORDS:
        k += 1
    if k == 0:
        return start, surface
    cut = sum(len(w) + 1 for w in words[:k])
    return start + cut, surface[cut:]


def _is_office(surface: str) -> bool:
    words = surface.split()
    return len(words) > 1 and words[-1].lower() in OFFICE_HEADS and all(w[:1].isupper() for w in words)


def _org_then_person(start: int, surface: str) -> list[Row] | None:
    """"Seed Fund Maya Orlov" -> the fund and the person: two or three capitalised words
    after an organisation's head word are a name of their own."""
    words = surface.split(" ")
    parts = _of_plural_then_person(start, words)
    if parts:
        return parts
    for k in range(1, len(words) - 1):
        if words[k].lower() in ORG_HEADS:
            rest = words[k + 1 :]
            if 2 <= len(rest) <= 3 and all(w[:1].isupper() and w.isalpha() and w.lower() not in _NOT_PERSON for w in rest):
                org = " ".join(words[: k + 1])
                ps = start + len(org) + 1
                return [(start, start + len(org), org, "ORG"), (ps, ps + len(surface) - len(org) - 1, " ".join(rest), "PERSON")]
            return None
    return None


def _of_plural_then_person(start: int, words: list[str]) -> list[Row] | None:
    """"Council on American-Islamic Relations Alia Salem": an "X of/on/for Y" name that ends in
    a plural ("Relations", "Studies") and runs on into two more capitalised words ran on into
    the person who speaks for it."""
    if len(words) < 5 or not any(w in ("of", "on", "for") for w in words[1:-3]):
        return None
    last_org = words[-3]
    rest = words[-2:]
    if not (last_org.endswith("s") and len(last_org) > 3 and last_org[:1].isupper()):
        return None
    if not all(w[:1].isupper() and w.isalpha() and w.lower() not in _NOT_PERSON for w in rest):
        return None
    org = " ".join(words[:-2])
    ps = start + len(org) + 1
    person = " ".join(rest)
    return [(start, start + len(org), org, "ORG"), (ps, ps + len(person), person, "PERSON")]


def _extend_org(text: str, row: Row, names: list[Row], starts: list[int], drop: set[tuple[int, int]]) -> Row:
    """"Federal Agency" + " for Civic Education and Research": a name whose head word is
    followed by for/of/on and a run of capitalised words goes on to the end of the run."""
    start, end, surface, label = row
    if label != "ORG" or surface.rsplit(" ", 1)[-1].lower() not in ORG_HEADS:
        return row
    c = _CONTINUE.match(text, end)
    if not c:
        return row
    run = _CAP_RUN.match(text, c.end() - 1)
    if not run or "\n" in run.group():
        return row
    new_end = run.end()
    for s, e, *_ in names[bisect.bisect_right(starts, end) : bisect.bisect_left(starts, new_end)]:
        if e <= new_end:
            drop.add((s, e))  # spaCy's pieces of the long name
    return (start, new_end, text[start:new_end], label)


_TITLE_BEFORE = re.compile(
    r"\b(Rep|Representative|Congress(?:wo)?man|Sen|Senator|Gov|Governor|Mayor|President|Judge|Mrs|Ms|Miss|Mr)\.?\s+$"
)
_TITLE_CLASS = {
    "rep": "o:rep", "representative": "o:rep", "congressman": "o:rep", "congresswoman": "o:rep",
    "sen": "o:sen", "senator": "o:sen", "gov": "o:gov", "governor": "o:gov", "mayor": "o:mayor",
    "president": "o:president", "judge": "o:judge", "mr": "h:m", "mrs": "h:f", "ms": "h:f", "miss": "h:f",
}


def title_before(text: str, start: int) -> str | None:
    """The title right before a name, as a class: "o:sen" for Sen./Senator, "h:f" for Mrs/Ms."""
    m = _TITLE_BEFORE.search(text, max(0, start - 20), start)
    return _TITLE_CLASS[m.group(1).lower()] if m else None


def titles_conflict(a: set[str], b: set[str]) -> bool:
    """Two sets of titles that cannot be one person's: different offices or different honorifics."""
    for kind in ("o:", "h:"):
        x, y = {t for t in a if t.startswith(kind)}, {t for t in b if t.startswith(kind)}
        if x and y and not x & y:
            return True
    return False


_EDU = r"(?:University|College|Conservatory|School|Academy|Institute|Library|Libraries)"
_CAPS = r"[A-Z][\w.'’-]*"
_PLACE_AFTER = re.compile(rf"\b(?:of|in|at)\s+(?:the\s+)?({_CAPS}(?:\s+{_CAPS}){{0,2}})$|,\s+({_CAPS}(?:\s+{_CAPS})?)$")
_PLACE_BEFORE = re.compile(rf"^({_CAPS}(?:\s+(?!State\b){_CAPS})?)\s+(?:State\s+)?{_EDU}\b")
_HAS_EDU = re.compile(rf"\b{_EDU}\b")
#: Last words of a place's name that make it another place named after the first ("Casamance
#: River", "Mexico City", "Isfahan Province"): the first words still name a place of their own.
FEATURE_WORDS = {
    "river", "bay", "sea", "gulf", "lake", "city", "county", "mountains", "valley",
    "province", "region", "coast", "harbor", "harbour", "canal", "strait", "metropolitan",
}
#: Where a known place may begin inside a longer name: its first word, or after "of"/"in"/"at"/a comma.
_INNER_START = re.compile(r"^|(?<=\bof )|(?<=\bin )|(?<=\bat )|(?<=, )|(?<=\bthe )")
#: "Municipality of Livorno" is Livorno itself (entities.py keys it so), not a body around it.
ADMIN_PREFIX = re.compile(r"^(?:municipality|city|town|province|county|region|district|village) of ", re.I)
_NESTS = ("ORG", "FAC", "GPE", "LOC", "EVENT", "WORK_OF_ART", "PRODUCT", "PERSON")


def nested_places(names: list[Row]) -> list[Row]:
    """The place inside a longer name, a mention of its own for a reader who looks for the
    place: "Michigan" in "University of Michigan", "Ohio" in "Ohio State University", and a
    place the article names on its own wherever it begins a longer name or follows its "of"
    ("Boston" in "Boston Red Sox", "Mexico" in "Gulf of Mexico"; not "Gaza" in "Gaza Strip",
    which is the place itself). "Harvard" in "Harvard University" stays a part of the name."""
    known = {r[2]: r[3] for r in names if r[3] in ("GPE", "LOC")}
    bodies = {r[2]: r[3] for r in names if r[3] == "ORG" or r[3] == "PERSON" and " " in r[2]}
    spans = {(r[0], r[1]) for r in names}
    out = []
    for row in names:
        if row[3] not in _NESTS or " " not in row[2]:
            continue
        for s, e, place, label in _school_places(row, known) + _known_places(row, known) + _known_bodies(row, bodies):
            if (s, e) not in spans:
                spans.add((s, e))
                out.append((s, e, place, label))
    return sorted(names + out) if out else names


def _known_bodies(row: Row, bodies: dict[str, str]) -> list[Row]:
    """A body or a person the article names on its own, at the start of a longer name: "Google"
    in "Google Science Fair", "Ann Lowe" in "Ann Lowe Bridge". GUM marks them as mentions, and
    a reader looking for Google finds it there. Not inside a person's own name ("Jenna" in
    "Jenna Marbles" is no one else), and a person's name only in full (a lone "Lowe" may be
    a place's or a firm's)."""
    start, _end, surface, label = row
    if label == "PERSON":
        return []
    words = surface.split(" ")
    for k in range(len(words) - 1, 0, -1):
        inner = " ".join(words[:k])
        if inner in bodies:
            return [(start, start + len(inner), inner, bodies[inner])]
    return []


def _school_places(row: Row, known: dict[str, str]) -> list[Row]:
    """"Michigan" in "University of Michigan", "Kyoto" in "Kyoto University" when Kyoto is named elsewhere."""
    start, _end, surface, label = row
    if label not in ("ORG", "FAC"):
        return []
    edu = bool(_HAS_EDU.search(surface))
    found = []
    for m in (_PLACE_AFTER.search(surface), _PLACE_BEFORE.match(surface)):
        if m is None:
            continue
        g = 1 if m.group(1) else 2
        place = m.group(g)
        school = m.re is _PLACE_AFTER or surface[m.end(g) :].startswith(" State ")  # not "Harvard University"
        if place.split()[0] in ("University", "College", "State") or not (edu and school or place in known):
            continue
        s = start + m.start(g)
        found.append((s, s + len(place), place, "GPE"))
    return found


def _known_places(row: Row, known: dict[str, str]) -> list[Row]:
    """Places named on their own elsewhere that begin the name or follow its "of"; in a place's
    own name only where its last word makes it another place ("Casamance River")."""
    start, _end, surface, label = row
    words = surface.split(" ")
    if ADMIN_PREFIX.match(surface):
        return []
    if label in ("GPE", "LOC") and words[-1].lower() not in FEATURE_WORDS and "of" not in words:
        return []
    found = []
    for m in _INNER_START.finditer(surface):
        i = m.start()
        if label == "PERSON" and i == 0:
            continue  # "George Washington" may name a bridge; a person's name is not a place's
        rest = surface[i:].split(" ")
        for k in range(min(3, len(rest)), 0, -1):
            place = " ".join(rest[:k]).rstrip(",")
            if place in known and len(place) < len(surface):
                found.append((start + i, start + i + len(place), place, known[place]))
                break
    return found

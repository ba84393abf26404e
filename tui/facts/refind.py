"""Names spaCy tagged once but not everywhere: every other use of a known form is a mention.

spaCy finds "Brock Holt" in one sentence and misses "Holt" in the next twelve; a
reader does not. Each name found (and the surname of each person found) is looked
up again over the article's tokens, one dictionary look-up a token, so a long
article stays linear.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, AbstractSet

from .cancel import NEVER, Checkpoint
from .entity_labels import PLATFORM_FORMS
from .entity_rules import TextWords
from .words import Word, read_words

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

Row = tuple[int, int, str, str]  # start, end, surface, label

_REFIND_LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
#: Longest form looked for, in tokens.
_MAX_TOKENS = 6


def refind(
    doc: "Doc", text: str, names: list[Row], check: Checkpoint = NEVER, *, words: tuple[Word, ...] | None = None,
    lower: AbstractSet[str] | None = None,
) -> list[Row]:
    """`names` plus the untagged uses of the forms in it, in text order; `words` are the
    Doc's, and `lower` the words the text writes in lower case only, when the caller has them."""
    forms = _forms(text, names, TextWords.of(text).lower if lower is None else lower)
    if not forms:
        return names
    words = read_words(doc) if words is None else words
    lengths = sorted({len(f) for f in forms}, reverse=True)
    firsts = {f[0] for f in forms}
    taken = _Taken(names)
    added: list[Row] = []
    cut: set[tuple[int, int]] = set()  # the model's pieces of a known longer name
    texts = [w.text for w in words]
    i, n = 0, len(words)
    while i < n:
        check()
        tok = words[i]
        hit = None
        if tok.text in firsts:  # the longest form starting here, a few dictionary look-ups
            hit = next((f for f in (tuple(texts[i : i + k]) for k in lengths) if f in forms), None)
        if hit is None:
            i += 1
            continue
        last = words[i + len(hit) - 1]
        start, end = tok.idx, last.idx + len(last.text)
        inside = taken.overlapping(start, end)
        if not inside and _proper_here(words, i, len(hit)):
            added.append((start, end, text[start:end], forms[hit]))
            taken.add(start, end)
        elif len(hit) > 1 and inside and all(start <= a and z <= end and z - a < end - start for a, z in inside):
            cut.update(inside)  # "Canada" tagged in "Environment Canada security report": the known name
            added.append((start, end, text[start:end], forms[hit]))
            taken.add(start, end)
        i += len(hit)
    if cut:
        names = [r for r in names if (r[0], r[1]) not in cut]
    return sorted(names + added) if added else names


def _forms(text: str, names: list[Row], lower: AbstractSet[str]) -> dict[tuple[str, ...], str]:
    """Token tuples to look for -> the label most mentions of that form carry."""
    votes: dict[tuple[str, ...], Counter] = defaultdict(Counter)
    surnames: set[str] = set()  # last words of people's full names
    for _, _, surface, label in names:
        if label not in _REFIND_LABELS:
            continue
        words = tuple(surface.split())
        if not words or len(words) > _MAX_TOKENS or not all(_capital(w) for w in (words[0], words[-1])):
            continue
        votes[words][label] += 1
        if label == "PERSON" and len(words) > 1 and _capital(words[-1]) and len(words[-1]) > 2:
            surnames.add(words[-1])
    for platform in PLATFORM_FORMS:
        votes[(platform,)]["ORG"] += 1  # "Facebook creator Mark Zuckerberg": spaCy saw no name
    out = {w: c.most_common(1)[0][0] for w, c in votes.items() if _worth(lower, w)}
    for s in surnames:  # a surname two people share is a person's too: merging decides whose
        if (s,) not in out and _worth(lower, (s,)):
            out[(s,)] = "PERSON"
    return out


def _capital(word: str) -> bool:
    return word[:1].isupper()


def _worth(lower: AbstractSet[str], words: tuple[str, ...]) -> bool:
    """A one-word form that is also an ordinary word of this article ("Rice", "May") is not
    looked for; nor are forms with punctuation inside that spaCy tokenises apart."""
    if len(words) == 1:
        w = words[0]
        if len(w) < 3 or not w.replace("'", "").replace("’", "").isalpha() or w.isupper() and len(w) < 4:
            return False
        return w.lower() not in lower
    return all(w.replace("-", "").replace(".", "").isalnum() for w in words)


def _proper_here(words: tuple[Word, ...], i: int, n: int) -> bool:
    """Not the first word of a sentence unless spaCy reads it as a noun there ("Marbles
    began", but not "Will you")."""
    tok = words[i]
    if tok.is_sent_start and tok.pos_ not in ("PROPN", "NOUN"):
        return False
    if _in_longer_name(words, i - 1) or _in_longer_name(words, i + n):
        return False  # "Italian" in "Italian Episcopal Conference": part of a name not known
    return all(words[j].pos_ in ("PROPN", "NOUN", "ADJ", "ADP", "DET", "CCONJ", "PART") for j in range(i, i + n))


def _in_longer_name(words: tuple[Word, ...], j: int) -> bool:
    if not 0 <= j < len(words):
        return False
    t = words[j]
    return t.pos_ == "PROPN" and t.text[:1].isupper() and not (t.is_sent_start and j < len(words) - 1)


class _Taken:
    """Character ranges already named, bucketed so an overlap test looks at a few."""

    B = 64

    def __init__(self, names: list[Row]) -> None:
        self.buckets: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for s, e, *_ in names:
            self.add(s, e)

    def add(self, s: int, e: int) -> None:
        for b in range(s // self.B, max(s, e - 1) // self.B + 1):
            self.buckets[b].append((s, e))

    def overlapping(self, s: int, e: int) -> set[tuple[int, int]]:
        buckets = range(s // self.B, max(s, e - 1) // self.B + 1)
        return {(a, z) for b in buckets for a, z in self.buckets.get(b, ()) if a < e and s < z}

    def overlaps(self, s: int, e: int) -> bool:
        for b in range(s // self.B, max(s, e - 1) // self.B + 1):
            if any(a < e and s < z for a, z in self.buckets.get(b, ())):
                return True
        return False


#: Prepositions that put a name in a place ("born in Temescal", "south of Chinatown").
_PLACE_PREPS = {"in", "at", "near", "from", "into", "across", "around", "outside", "inside", "through", "toward", "towards"}
_COMPASS = {"west", "east", "north", "south", "midwest", "northeast", "northwest", "southeast", "southwest"}
#: Small words inside a title ("Bachelor of Science in Psychology").
_LINKS = {"of", "in", "and", "for", "the", "&", "on", "de", "to"}
#: Endings of abstract nouns a heading capitalises ("Catholicism", "Emission", "Biology").
_CONCEPT_END = re.compile(r"(?:ism|ology|tion|sion|ness|ment|ity|ance|ence|ship|ics|ing)$")
#: Verbs of going whose "to" leads to a place ("moved to Kettleby"; not "wrote to Anna").
_MOTION = {"move", "go", "return", "travel", "come", "fly", "sail", "drive", "emigrate", "relocate", "flee", "head"}
#: Capitalised words that are forms of address or offices, never a name on their own ("Your Honor").
_ADDRESS = {
    "honor", "honour", "lord", "lords", "lordship", "majesty", "highness", "sir", "madam", "petitioner",
    "respondent", "government", "state", "county", "court", "secretary", "president", "minister", "chief",
    "justice", "general", "mr", "mrs", "ms", "dr", "god",
}
#: Titles and ranks, never a name on their own either ("the Senator's last name", "made a Dame").
_ADDRESS |= {
    "senator", "dame", "major", "regent", "doctor", "fellow", "tsar", "czar", "rector", "protector", "emperor",
    "empress", "king", "queen", "prince", "princess", "pope", "governor", "mayor", "bishop", "archbishop",
    "captain", "colonel", "lieutenant", "sergeant", "admiral", "lady", "duke", "duchess", "earl", "baron",
    "count", "countess", "marquis", "professor", "chancellor", "commander", "abbot", "cardinal", "sheriff",
}


def untagged(
    doc: "Doc", text: str, names: list[Row], tagged: list[tuple[int, int]], check: Checkpoint = NEVER,
    *, words: tuple[Word, ...] | None = None, lower: AbstractSet[str] | None = None,
) -> list[Row]:
    """Proper nouns the model never tagged ("Byron fell in love ...", "the prestige of Elsevier"):
    a run of capitalised PROPN tokens outside every name and every span the model tagged, whose
    words the article never writes in lower case, and not a form of a known name (re-finding
    those is `refind`'s job, which knows better where they are no name). A run used once must
    also stand alone (not a code such as "NZD" or "Plan B", not a word in quote marks), not one
    piece of a longer capitalised title the model did not take
    ("Bachelor of Science in Psychology"), and not be a concept ("Catholicism", "Emission").
    The label is the vote of its uses: after "in"/"at"/"moved to" a place, after "the" or in
    capitals an organisation, else a person."""
    words = read_words(doc) if words is None else words
    lower = TextWords.of(text).lower if lower is None else lower
    known = {r[2] for r in names}
    covered = _Taken(names + [(s, e, "", "") for s, e in tagged])
    runs = []
    i, n = 0, len(words)
    while i < n:
        check()
        if not _proper(words[i]):
            i += 1
            continue
        j = i
        while j + 1 < n and _proper(words[j + 1]) and words[j].whitespace_:
            j += 1
        first, last = i, j + 1
        i = j + 1
        # the run's text and place from the words: most runs are dropped here, before a Span is made
        start, end = words[first].idx, words[last - 1].idx + len(words[last - 1].text)
        surface = text[start:end]
        lowered = surface.lower().split()
        if len(surface) < 3 or surface in known or covered.overlaps(start, end):
            continue
        if any(w in lower for w in lowered) or all(w.rstrip(".") in _ADDRESS for w in lowered):
            continue
        if _whole_line(text, start, end):
            continue  # a heading or a title on its own line
        runs.append(doc[first:last])
    count = Counter(s.text for s in runs)
    votes: dict[str, Counter] = defaultdict(Counter)
    for s in runs:
        votes[s.text][_kind(s)] += 1
    return [
        (s.start_char, s.end_char, s.text, _vote(votes[s.text]))
        for s in runs
        if count[s.text] >= 2
        or not (_code(s.text) or _CONCEPT_END.search(s.text) or _quoted(text, s) or _chained(doc, s, covered))
    ]


def _code(surface: str) -> bool:
    """Capitals ("NZD") or a one-letter part ("Division B", "Plan B"): a code or a label, used once."""
    return surface.isupper() or any(len(w) == 1 for w in surface.split())


def _quoted(text: str, span) -> bool:  # noqa: ANN001 - a spaCy Span
    """A word in quote marks ("listed their country as "Hope"") is a word mentioned, not a name used."""
    before, after = text[span.start_char - 1 : span.start_char], text[span.end_char : span.end_char + 1]
    return bool(before and after) and before in "\"“‘'" and after in "\"”’'"


def _chained(doc: "Doc", span, covered: "_Taken") -> bool:  # noqa: ANN001 - a spaCy Span
    """Next to another capitalised word no name covers, across at most one small word."""
    for step, edge in ((-1, span.start - 1), (1, span.end)):
        k = edge
        if 0 <= k < len(doc) and doc[k].lower_ in _LINKS:
            k += step
        if 0 <= k < len(doc) and k != edge - step and doc[k].text[:1].isupper() and doc[k].is_alpha:
            if not covered.overlaps(doc[k].idx, doc[k].idx + len(doc[k].text)):
                return True
    return False


def _proper(tok: Word) -> bool:
    return tok.tag_ in ("NNP", "NNPS") and tok.text[:1].isupper() and tok.text.replace("'", "").replace("’", "").isalpha()


def _whole_line(text: str, start: int, end: int) -> bool:
    return (start == 0 or text[start - 1] == "\n") and (end == len(text) or text[end] == "\n")


def _kind(span) -> str:  # noqa: ANN001 - a spaCy Span
    root = span.root
    if span.text.lower() in _COMPASS:
        return "LOC"  # "the West"
    before = span[0].nbor(-1) if span.start > 0 else None
    prep = before if before is not None and before.pos_ == "ADP" else root.head if root.dep_ == "pobj" else None
    if prep is not None and (prep.lower_ in _PLACE_PREPS or prep.lower_ == "to" and prep.head.lemma_ in _MOTION):
        return "GPE"
    if before is not None and before.lower_ == "the" or any(c.lower_ == "the" for c in root.children):
        return "ORG"
    if span.text.isupper():
        return "ORG"  # "KCNA": letters in capitals are a body's, never a person's name
    return "PERSON"


def _vote(votes: Counter) -> str:
    """The most uses; a tie goes to a place, then an organisation ("moved to Kettleby ... Kettleby said")."""
    top = max(votes.values())
    return next(k for k in ("LOC", "GPE", "ORG", "PERSON") if votes[k] == top)

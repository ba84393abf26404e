"""The table of fact kinds (entity, quote, event, and any added later) and the look-ups
every consumer makes through it.

The app, the palette, the labels and the export never test a fact's type themselves:
they iterate over the table and ask it, the way spaCy's displacy dispatches on a table
of renderers. A fact of a type nobody registered is an error, never guessed at.
Textual-free, like the rest of the core: labels are plain text in named parts, which
the app styles.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import partial
from typing import Any, Callable, Iterable, Iterator, Sequence, Union

from .analysis import VALUE_LABELS, Analysis, Entity, Event, Quote
from .naming import clip, event_when, md_escape, quoted_words, span_name, speaker_name, words


#: The facts of the built-in kinds (a registered kind adds its own dataclass).
Fact = Union[Entity, Quote, Event]
#: (start, end, role) of one span of a fact; the role picks its highlight style.
RoleSpan = tuple[int, int, str]
#: A label: a plain string, or parts that are text or (text, style name); the app maps
#: the style names (`strong`, `muted`, `tag`, `absent`, `date`, `negation`, `trigger`).
LabelParts = Union[str, Sequence[Union[str, tuple[str, str]]]]


@dataclass(frozen=True)
class Kind:
    """One kind of fact: where it lives, what it is called, how it is lit and written."""

    key: str  # "entity": the CSV `kind` column and the code's name for it
    field: str  # the Analysis attribute holding the facts, also the panel's id: "entities"
    type: type  # the dataclass of one fact
    title: str  # the panel title and Markdown section: "Entities"
    singular: str  # "entity"
    plural: str  # "entities"
    roles: tuple[str, ...]  # the highlight roles its spans carry
    spans: Callable[[Any], Sequence[RoleSpan]]
    label: Callable[[Analysis | None, Any], LabelParts]  # one panel row
    markdown: Callable[[Analysis, Any, bool], str]  # one fact as a note; `alone` (a copy) names the article
    csv: Callable[[Analysis, Any], dict]  # one CSV row: any of export.CSV_FIELDS but article and kind
    search: Callable[[Analysis | None, Any], str] | None = None  # what a filter finds it by; default the label
    name: Callable[[Analysis | None, Any], str] | None = None  # short name for notifications
    hint: Callable[[Any], str] | None = None  # the palette's help line
    order: Callable[[Sequence[Any]], Sequence[Any]] | None = None  # panel order; default as found
    group: Callable[[Any], object] | None = None  # the panel's heading above each run of facts alike
    section: Callable[["Kind", Analysis], list[str]] | None = None  # Markdown lines; default `list_section`
    minor: Callable[[Any], bool] | None = None  # a fact the panel lists only when asked for all (`a`)
    #: One panel row within `width` characters, when the kind can shorten its parts better
    #: than a cut at the right edge (an event keeps its verb and date: its agent gives way).
    fitted: Callable[[Analysis | None, Any, int], LabelParts] | None = None

    def __repr__(self) -> str:
        return f"Kind({self.key!r})"

    def facts(self, analysis: Analysis) -> Sequence[Any]:
        return getattr(analysis, self.field)

    def label_text(self, analysis: Analysis | None, fact: Any) -> str:
        parts = self.label(analysis, fact)
        if isinstance(parts, str):
            return parts
        return "".join(p if isinstance(p, str) else p[0] for p in parts)

    def search_text(self, analysis: Analysis | None, fact: Any) -> str:
        return self.search(analysis, fact) if self.search else self.label_text(analysis, fact)

    def short_name(self, analysis: Analysis | None, fact: Any) -> str:
        if self.name:
            return self.name(analysis, fact)
        return f"{self.singular} “{words(self.label_text(analysis, fact))}”"

    def hint_text(self, fact: Any) -> str:
        return self.hint(fact) if self.hint else f"Highlight this {self.singular} in the article"

    def ordered(self, facts: Sequence[Any]) -> list[Any]:
        return list(self.order(facts) if self.order else facts)

    def markdown_section(self, analysis: Analysis) -> list[str]:
        return (self.section or list_section)(self, analysis)


def list_section(kind: Kind, analysis: Analysis, tight: bool = False) -> list[str]:
    """`## Title`, then each fact's note (a blank line between unless `tight`), or "No … found."."""
    lines = [f"## {kind.title}", ""]
    facts = kind.facts(analysis)
    if not facts:
        return [*lines, f"No {kind.plural} found.", ""]
    for fact in facts:
        lines.append(kind.markdown(analysis, fact, False))
        if not tight:
            lines.append("")
    return lines + [""] if tight else lines


_KINDS: dict[str, Kind] = {}
_BY_TYPE: dict[type, Kind] = {}


def register(kind: Kind) -> Kind:
    """Add a kind at the end of the table (panels, palette and exports follow its order)."""
    for other in _KINDS.values():
        clash = [n for n in ("key", "field", "type") if getattr(other, n) == getattr(kind, n)]
        if clash:
            raise ValueError(f"fact kind {kind.key!r} clashes with {other.key!r} on {', '.join(clash)}")
    _KINDS[kind.key] = _BY_TYPE[kind.type] = kind
    return kind


def unregister(key: str) -> Kind:
    kind = _KINDS.pop(key)
    del _BY_TYPE[kind.type]
    return kind


def kinds() -> tuple[Kind, ...]:
    return tuple(_KINDS.values())


def kind(key: str) -> Kind:
    """The kind called `key` ("entity") or listed in `key` ("entities")."""
    found = _KINDS.get(key) or next((k for k in _KINDS.values() if k.field == key), None)
    if found is None:
        raise KeyError(f"unknown fact kind {key!r} (known: {', '.join(_KINDS)})")
    return found


def kind_of(fact: object) -> Kind:
    """The kind of a fact, by its dataclass; an unregistered type raises TypeError."""
    for cls in type(fact).__mro__:
        if cls in _BY_TYPE:
            return _BY_TYPE[cls]
    known = ", ".join(k.type.__name__ for k in _KINDS.values())
    raise TypeError(f"{type(fact).__name__} is not a registered fact kind (known: {known})")


def fact_spans(fact: object) -> list[RoleSpan]:
    """Every non-empty span of a fact as (start, end, role), in reading order."""
    spans = [s for s in kind_of(fact).spans(fact) if s[1] > s[0]]
    return sorted(spans, key=lambda s: (s[0], s[1]))


def fact_key(fact: object | None) -> tuple | None:
    """What stays the same for a fact between a partial and a fuller analysis of a text.

    Ids are renumbered as more of the text is read; the first span of a fact is not.
    """
    if fact is None:
        return None
    spans = fact_spans(fact)
    key = kind_of(fact).key
    return (key, min(s for s, _, _ in spans)) if spans else (key, getattr(fact, "id", None))


def all_facts(analysis: Analysis) -> Iterator[Any]:
    """Every fact of an analysis, kind by kind in table order."""
    for k in _KINDS.values():
        yield from k.facts(analysis)


def fact_markdown(analysis: Analysis, fact: object) -> str:
    """One fact as a Markdown note to paste alone: with where it came from."""
    return kind_of(fact).markdown(analysis, fact, True)


# --- the built-in kinds, in the order the screen lists them ---------------------------------

LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, states",
    "LOC": "Places",
    "NORP": "Nationalities and groups",
    "FAC": "Buildings and facilities",
    "PRODUCT": "Products",
    "EVENT": "Named events",
    "WORK_OF_ART": "Works",
    "LAW": "Laws",
    "LANGUAGE": "Languages",
    "DATE": "Dates",
    "TIME": "Times",
    "MONEY": "Money",
    "QUANTITY": "Quantities",
    "PERCENT": "Percentages",
    "CARDINAL": "Numbers",
    "ORDINAL": "Ordinals",
}


def _title(analysis: Analysis) -> str:
    return analysis.article.title or analysis.article.name


# --- entities ---------------------------------------------------------------------------------

#: The Entities panel's groups, in its order: (heading, one of them, spaCy labels). A reader
#: looks for the people first, then organisations and places; dates and numbers are values,
#: listed after the names and only when asked for (`a`). A label not here (another model's)
#: is a group of its own, after the names here and before the values.
ENTITY_GROUPS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("People", "person", ("PERSON",)),
    ("Organisations", "organisation", ("ORG",)),
    ("Places", "place", ("GPE", "LOC", "FAC")),
    ("Groups and nationalities", "group or nationality", ("NORP",)),
    ("Named events", "named event", ("EVENT",)),
    ("Laws", "law", ("LAW",)),
    ("Works", "work", ("WORK_OF_ART",)),
    ("Products", "product", ("PRODUCT",)),
    ("Languages", "language", ("LANGUAGE",)),
    ("Dates and times", "date or time", ("DATE", "TIME")),
    ("Money", "amount of money", ("MONEY",)),
    ("Numbers", "number", ("CARDINAL", "ORDINAL", "PERCENT", "QUANTITY")),
)
_GROUP_OF = {label: (rank, heading, one) for rank, (heading, one, labels) in enumerate(ENTITY_GROUPS)
             for label in labels}
_LABEL_RANK = {label: i for i, label in enumerate(lab for _, _, labels in ENTITY_GROUPS for lab in labels)}
_FIRST_VALUE_GROUP = next(i for i, (_, _, labels) in enumerate(ENTITY_GROUPS) if labels[0] in VALUE_LABELS)


def _group(e: Entity) -> tuple[float, str, str]:
    """(rank, heading, one of them) of an entity's group; an unknown label ranks before the values."""
    return _GROUP_OF.get(e.label) or (_FIRST_VALUE_GROUP - 0.5, e.label, e.label)


def entity_group(e: Entity) -> str:
    """The heading an entity is listed under: "People", "Places", …"""
    return _group(e)[1]


def entity_order(entities: Iterable[Entity]) -> list[Entity]:
    """People, organisations, places, groups, other names, then values; each group by salience."""
    return sorted(entities, key=lambda e: (_group(e)[0], _group(e)[1], -e.salience, -len(e.names), e.name.lower()))


def _mentions(n: int) -> str:
    return f"{n} mention" if n == 1 else f"{n} mentions"


def _entity_spans(e: Entity) -> list[RoleSpan]:
    """Names are lit as mentions, pronouns and descriptions more lightly as references."""
    return [(m.start, m.end, "mention" if m.kind == "name" else "reference") for m in e.mentions]


def _entity_label(analysis: Analysis | None, e: Entity) -> LabelParts:
    """`Zhai Jun 5`: the group is the heading above the row, so the row is the name and its count."""
    name = words(e.name)
    return [(name, "strong") if e.is_name else name, " ",
            (str(len(e.names)), "muted")]  # names only: "he" is no extra mention of a name


def _entity_search(analysis: Analysis | None, e: Entity) -> str:
    """Its names (the name, then the other forms the article uses): never its label or count,
    so "1" or "person" does not find every row."""
    name = words(e.name)
    forms = sorted({words(m.text) for m in e.names} - {name})
    return " ".join([name, *forms])


def _entity_hint(e: Entity) -> str:
    """`Person · 5 mentions · also “Zhai”`: the palette's line under the name."""
    forms = sorted({words(m.text) for m in e.names} - {words(e.name)})
    also = " · also " + ", ".join(f"“{x}”" for x in forms[:4]) if forms else ""
    return f"{_group(e)[2].capitalize()} · {_mentions(len(e.names))}{also}"


def _entity_markdown(analysis: Analysis, e: Entity, alone: bool) -> str:
    forms = sorted({m.text for m in e.names} - {e.name})  # the other forms the article uses, as the palette says
    also = f" — also “{'”, “'.join(md_escape(f) for f in forms)}”" if forms else ""
    return f"**{md_escape(e.name)}** ({e.label}), {_mentions(len(e.names))} in *{md_escape(_title(analysis))}*{also}"


def _entity_section(kind: Kind, analysis: Analysis) -> list[str]:
    """The panel's groups and order (values last), a heading each naming its spaCy labels;
    "No entities found." as the other sections say it."""
    if not analysis.entities:
        return list_section(kind, analysis)
    groups: dict[str, list[Entity]] = defaultdict(list)
    for e in entity_order(analysis.entities):
        groups[entity_group(e)].append(e)
    lines = [f"## {kind.title}", ""]
    for heading, ents in groups.items():
        present = {e.label for e in ents}
        labels = ", ".join(sorted(present, key=lambda lab: (_LABEL_RANK.get(lab, len(_LABEL_RANK)), lab)))
        lines += [f"### {heading} ({labels})", ""]
        lines += [f"- {md_escape(e.name)} ({len(e.names)})" for e in ents]
        lines.append("")
    return lines


def _entity_csv(analysis: Analysis, e: Entity) -> dict:
    """The offsets of the first mention that says the name ("Gaza Strip", not the "Gaza"
    before it), so a script reads the row's text at its start and end where it can."""
    spaced = words(e.name)

    def unlike(text: str) -> int:  # as written, then spaced otherwise, then a dateline's "BEIJING" for "Beijing"
        return 0 if text == e.name else 1 if words(text) == spaced else 2 if words(text).casefold() == spaced.casefold() else 3

    first = min(e.names or e.mentions, key=lambda m: unlike(m.text))  # (of equals, the first)
    return {"label": e.label, "text": e.name, "start": first.start, "end": first.end}


# --- quotes -----------------------------------------------------------------------------------

QUOTE_CHARS = 90


def _quote_spans(q: Quote) -> list[RoleSpan]:
    spans = [(q.start, q.end, "quote")]
    spans += [(s.start, s.end, role) for role, s in (("speaker", q.speaker), ("cue", q.cue)) if s is not None]
    return spans


def _quote_label(analysis: Analysis | None, q: Quote) -> LabelParts:
    body = clip(words(q.text), QUOTE_CHARS)
    if q.kind == "direct":
        body = f"“{body}”"
    return [(speaker_name(analysis, q), "strong" if q.speaker else "absent"), ": ", body]


def _quote_markdown(analysis: Analysis, q: Quote, alone: bool) -> str:
    """Direct speech in quote marks; reported speech as a note with none (the words are
    the article's, not the speaker's); mixed speech with the article's own marks."""
    source = f" ({md_escape(_title(analysis))})" if alone else ""
    speaker = md_escape(speaker_name(analysis, q))
    said = md_escape(quoted_words(analysis, q))
    if q.kind == "direct":
        return f"> {said} — {speaker}{source}"
    how = "partly quoted" if q.kind == "mixed" else "in reported speech"
    return f"- {speaker}, {how}: {said}{source}"


def _quote_csv(analysis: Analysis, q: Quote) -> dict:
    return {"label": q.kind, "text": q.text, "start": q.start, "end": q.end, "speaker": span_name(analysis, q.speaker)}


# --- events -----------------------------------------------------------------------------------


def _event_spans(v: Event) -> list[RoleSpan]:
    """The verb group lit as the row names it ("were found", "has not been guaranteed", not
    "found" alone), then the agent, patient, time and place."""
    roles = (("agent", v.agent), ("patient", v.patient), ("time", v.time), ("place", v.place))
    verb = [w for w in v.words if w.role == "verb" and w.start <= v.end and v.start <= w.end]
    start, end = (min(v.start, *(w.start for w in verb)), max(v.end, *(w.end for w in verb))) if verb else (v.start, v.end)
    return [(start, end, "trigger"), *((s.start, s.end, role) for role, s in roles if s is not None)]


#: The badge of an event in the panel that is not plainly told: why a reader would not
#: list it (a minor one), or whose word it is.
BADGES = {"hypothetical": "may", "future": "will", "negated": "not", "reported": "reported", "asserted": "minor"}


def _event_label(analysis: Analysis | None, v: Event) -> LabelParts:
    """The event as a short sentence in the article's words and order, then its date:
    `Zhai Jun landed in Qatar on Thursday · 2023-10-19`; a non-main one badged, and a main
    one that is someone's claim ("[reported]" for what Russia said: its words do not say so,
    where "did not go" or "will visit" does)."""
    return _event_parts(v, _event_row(analysis, v), v.time.date if v.time is not None else None)


def _badge(v: Event) -> str:
    return f"[{BADGES.get(v.modality, v.modality)}]" if not v.main or v.modality == "reported" else ""


def _event_parts(v: Event, row: Sequence[tuple[str, str]], date: str | None) -> LabelParts:
    """The badge, the row's parts a space apart, and the date."""
    badge = _badge(v)
    parts: list = [(badge, "muted"), " "] if badge else []
    for k, (text, style) in enumerate(row):
        parts += [" "] if k else []
        parts.append((text, style) if style else text)
    return parts + ([" · ", (date, "date")] if date else [])


def _event_fitted(analysis: Analysis | None, v: Event, width: int) -> LabelParts:
    """The event's row within `width`: the longest of its agent, patient, place and time
    clipped first, each to no less than `_LEAST`, so the verb stays in sight; if that is not
    enough, the date goes when the row's own words say when ("on Thursday"). What still does
    not fit, the list cuts at the right (the verb is in by then), but a last part of which
    only a "…" would show goes whole."""
    day = v.time.date if v.time is not None else None
    said_when = v.time is not None and (not v.words or any(w.role == "time" for w in v.words))
    badge = _badge(v)
    room_taken = len(badge) + 1 if badge else 0
    for date in (day, None) if day and said_when else (day,):
        parts = [list(p) for p in _event_row(analysis, v, fit=False)]
        over = room_taken + max(0, len(parts) - 1) + (len(date) + 3 if date else 0) + sum(len(t) for t, _ in parts) - width
        while over > 0:
            longest = max((p for p in parts if p[1] != "trigger"), key=lambda p: len(p[0]), default=None)
            if longest is None or len(longest[0]) <= _LEAST:
                break
            before = len(longest[0])
            longest[0] = clip(longest[0], max(_LEAST, before - over))
            over -= before - len(longest[0])
        if over <= 0:
            break
    while over > 0 and date is None and len(parts) > 1 and parts[-1][1] != "trigger" \
            and len(parts[-1][0]) - over < _SHOWN:
        over -= len(parts.pop()[0]) + 1  # a last part the list would cut to a lone "…" goes whole
    return _event_parts(v, [(t, style) for t, style in parts], date)


#: The fewest characters of a last part worth showing before the list's cut.
_SHOWN = 4


#: The fewest characters an event's part is clipped to in a narrow panel ("China's en…").
_LEAST = 10


#: Room in a panel row for each part of an event's sentence.
_ROW_WIDTH = {"agent": 32, "patient": 32, "place": 24, "time": 20}
_NEGATIONS = frozenset({"not", "n't", "never", "no"})


def _event_row(analysis: Analysis | None, v: Event, fit: bool = True) -> list[tuple[str, str]]:
    """(text, style) of each part: the entity's name for an agent or patient the text
    names by a pronoun or part of its name, the article's words for the rest; each part
    clipped to its room in a panel row when `fit` (a copy or an export keeps it whole)."""
    room = _ROW_WIDTH if fit else {}
    text = analysis.article.text if analysis is not None else ""
    roles = {"agent": v.agent, "patient": v.patient, "place": v.place}
    out: list[tuple[str, str]] = []
    if v.words and text:
        for w in v.words:
            if w.role == "verb":
                out.append((words(w.text), "trigger"))
                continue
            span = roles.get(w.role)
            width = room.get(w.role, 32) if fit else None
            if span is not None and w.start <= span.start and span.end == w.end:
                lead = words(text[w.start : span.start])
                name = span_name(analysis, span, width)
                out.append((f"{lead} {name}" if lead else name, "muted" if w.role == "place" else ""))
            else:
                phrase = words(w.text)
                out.append((clip(phrase, width) if width else phrase, "muted" if w.role in ("place", "time") else ""))
        return out
    # an event without its words (written by another tool): its roles in text order
    said = any(w in _NEGATIONS or w.endswith("n't") for w in v.text.lower().split())
    pieces = [(v.start, (("not " if v.negated and not said else "") + words(v.text), "trigger"))]
    for role, part in (*roles.items(), ("time", v.time)):
        if part is not None and (role != "place" or v.place_apart is not None):
            name = words(part.text) if role == "time" else span_name(analysis, part, room.get(role))
            name = f"in {name}" if role == "place" else name
            pieces.append((part.start, (name, "muted" if role in ("place", "time") else "")))
    return [p for _, p in sorted(pieces, key=lambda p: p[0])]


def _event_search(analysis: Analysis | None, v: Event) -> str:
    """What a filter finds an event by: its row, the lemma, the date and the full names."""
    bits = [" ".join(t for t, _ in _event_row(analysis, v)), v.lemma, event_when(v), v.time.date if v.time else None,
            span_name(analysis, v.agent), span_name(analysis, v.patient), span_name(analysis, v.place)]
    return " ".join(b for b in bits if b)


def _event_markdown(analysis: Analysis, v: Event, alone: bool) -> str:
    """The panel's row, whole, after the date; then the sentence it comes from."""
    when = (v.time.date or v.time.text) if v.time else "undated"
    row = " ".join(f"*{md_escape(t)}*" if style == "trigger" else md_escape(t)
                   for t, style in _event_row(analysis, v, fit=False))
    sentence = " ".join(analysis.article.text[v.sentence[0] : v.sentence[1]].split())
    told = "" if v.modality == "asserted" and v.main else f" ({v.modality}{'' if v.main else ', minor'})"
    source = f"\n  — *{md_escape(_title(analysis))}*" if alone else ""
    return f"- **{md_escape(when)}** — {row}{told}\n  > {md_escape(sentence)}{source}"


def _event_csv(analysis: Analysis, v: Event) -> dict:
    return {
        "label": v.lemma, "text": v.text, "start": v.start, "end": v.end,
        "agent": span_name(analysis, v.agent), "patient": span_name(analysis, v.patient),
        "time": v.time.text if v.time else "", "date": (v.time.date or "") if v.time else "",
        "place": span_name(analysis, v.place), "modality": v.modality, "main": "yes" if v.main else "no",
    }


ENTITY = register(Kind(
    key="entity", field="entities", type=Entity, title="Entities", singular="entity", plural="entities",
    roles=("mention", "reference"), spans=_entity_spans, label=_entity_label, markdown=_entity_markdown, csv=_entity_csv,
    search=_entity_search, name=lambda analysis, e: words(e.name), hint=_entity_hint, order=entity_order,
    group=entity_group, section=_entity_section, minor=lambda e: not e.is_name,
))
QUOTE = register(Kind(
    key="quote", field="quotes", type=Quote, title="Quotes", singular="quote", plural="quotes",
    roles=("quote", "speaker", "cue"), spans=_quote_spans, label=_quote_label, markdown=_quote_markdown,
    csv=_quote_csv, search=lambda analysis, q: f"{speaker_name(analysis, q)} {words(q.text)}",
    name=lambda analysis, q: f"quote by {speaker_name(analysis, q)}",
))
EVENT = register(Kind(
    key="event", field="events", type=Event, title="Events", singular="event", plural="events",
    roles=("trigger", "agent", "patient", "time", "place"), spans=_event_spans, label=_event_label, fitted=_event_fitted,
    markdown=_event_markdown, csv=_event_csv, search=_event_search,
    name=lambda analysis, v: f"event “{words(v.text)}”", section=partial(list_section, tight=True),
    minor=lambda v: not v.main,
))

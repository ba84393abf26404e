"""Display text for facts: plain data in, `Content` out, never markup.

Article text is data. Everything shown from it is built with `Content`
objects assembled from parts, and control characters are replaced (one to one)
before they reach the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Iterable, Union

from textual.content import Content

from ..analysis import PRONOUNS, VALUE_LABELS, Analysis, Entity, Event, Quote, Span

Fact = Union[Entity, Quote, Event]

#: Highlight roles, in the order their styles are layered.
ROLES = ("mention", "quote", "speaker", "cue", "trigger", "agent", "patient", "time", "place")
#: Component class of each role in the article pane.
ROLE_CLASS = {
    "title": "article--title",
    "mention": "article--mention",
    "quote": "article--quote",
    "speaker": "article--speaker",
    "cue": "article--cue",
    "trigger": "article--trigger",
    "agent": "article--participant",
    "patient": "article--participant",
    "time": "article--time",
    "place": "article--place",
}

# C0 and C1 controls (and DEL) cannot reach the terminal: one character each becomes U+FFFD.
_CONTROL = {c: "\ufffd" for c in [*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0)]}

_ZWSP = "\u200b"
#: Characters whose width Rich and terminals disagree on, each replaced for display by one
#: that every side measures alike (offsets stay valid). Rich joins `a\u200db` into one cell
#: and a ZWJ family emoji into two, where terminals without grapheme clustering draw 2 and 8;
#: Rich widens `❤\ufe0f` to 2 and counts a skin-tone modifier as 0, where tmux draws 1 and 2;
#: Rich counts the Hangul fillers U+3164 and U+FFA0 as 0, terminals as 2 and 1. A zero-width
#: space is 0 cells everywhere and joins nothing, so the family emoji (man ZWJ woman ZWJ girl
#: ZWJ boy) shows as four people, 8 cells by every measure. Bidi embeddings, overrides and isolates go too: a terminal that
#: reorders would move the panel borders.
DISPLAY_MAP: dict[int, str] = {
    0x200D: _ZWSP,  # ZERO WIDTH JOINER
    0xFE0F: _ZWSP,  # VARIATION SELECTOR-16 (emoji presentation)
    **{cp: _ZWSP for cp in range(0x1F3FB, 0x1F400)},  # emoji skin-tone modifiers
    **{cp: _ZWSP for cp in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))},  # bidi controls
    0x3164: "\u3000",  # HANGUL FILLER -> IDEOGRAPHIC SPACE (2 cells)
    0xFFA0: " ",  # HALFWIDTH HANGUL FILLER -> space (1 cell)
}
_TEXT_TABLE = {**_CONTROL, **DISPLAY_MAP, 0x09: " ", 0x0A: "\n"}  # article body: tab -> space, keep newlines
_LINE_TABLE = {**_CONTROL, **DISPLAY_MAP, 0x09: " ", 0x0A: " ", 0x0D: " "}  # one-line labels
_SPACES = re.compile(r"\s+")


_NEEDS_TRANSLATING = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f" + "".join(re.escape(chr(cp)) for cp in sorted(DISPLAY_MAP)) + "]"
)


def display_text(text: str) -> str:
    """The article text as it may be drawn: same length, no control characters, and no
    character whose width Rich and the terminal disagree on (see `DISPLAY_MAP`)."""
    # `translate` walks a 100,000-word text in ~80 ms; the regex finds out in ~1 ms
    # that there is nothing to replace (the usual case: sources already sanitized).
    if _NEEDS_TRANSLATING.search(text) is None:
        return text
    return text.translate(_TEXT_TABLE)


def one_line(text: str | None) -> str:
    """A label's text: on one line, spaces collapsed, no control characters, mapped for
    display like the article (`DISPLAY_MAP`)."""
    if not text:
        return ""
    return _SPACES.sub(" ", text.translate(_LINE_TABLE)).strip()


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


def kind_of(fact: Fact) -> str:
    if isinstance(fact, Entity):
        return "entity"
    if isinstance(fact, Quote):
        return "quote"
    return "event"


def fact_spans(fact: Fact) -> list[tuple[int, int, str]]:
    """Every span of a fact as (start, end, role), in reading order."""
    spans: list[tuple[int, int, str]] = []
    if isinstance(fact, Entity):
        spans = [(m.start, m.end, "mention") for m in fact.mentions]
    elif isinstance(fact, Quote):
        spans = [(fact.start, fact.end, "quote")]
        if fact.speaker:
            spans.append((fact.speaker.start, fact.speaker.end, "speaker"))
        if fact.cue:
            spans.append((fact.cue.start, fact.cue.end, "cue"))
    elif isinstance(fact, Event):
        spans = [(fact.start, fact.end, "trigger")]
        for role in ("agent", "patient", "time", "place"):
            span = getattr(fact, role)
            if span is not None:
                spans.append((span.start, span.end, role))
    return sorted((s for s in spans if s[1] > s[0]), key=lambda s: (s[0], s[1]))


def covers(fact: Fact, offset: int) -> bool:
    return any(s <= offset < e for s, e, _ in fact_spans(fact))


# --- entities ---------------------------------------------------------------------------------


def entity_order(entities: Iterable[Entity]) -> list[Entity]:
    """Grouped by label, names before dates and numbers; groups and rows by salience."""
    groups: dict[str, list[Entity]] = {}
    for e in entities:
        groups.setdefault(e.label, []).append(e)
    for rows in groups.values():
        rows.sort(key=lambda e: (-e.salience, -len(e.mentions), e.name.lower()))

    def group_key(label: str) -> tuple:
        rows = groups[label]
        return (label in VALUE_LABELS, -max(e.salience for e in rows), label)

    return [e for label in sorted(groups, key=group_key) for e in groups[label]]


LABEL_WIDTH = 6
_SHORT_LABEL = {"PERSON": "PERSON", "WORK_OF_ART": "WORK", "LANGUAGE": "LANG", "QUANTITY": "QUANT", "CARDINAL": "NUM",
                "ORDINAL": "ORD", "PERCENT": "PCT", "PRODUCT": "PROD"}


def short_label(label: str) -> str:
    return _SHORT_LABEL.get(label, label)[:LABEL_WIDTH]


def entity_label(e: Entity) -> Content:
    label_style = "$text-secondary" if e.is_name else "$text-muted"
    return Content.assemble(
        (short_label(e.label).ljust(LABEL_WIDTH), label_style),
        " ",
        (one_line(e.name), "bold" if e.is_name else ""),
        " ",
        (f"{len(e.mentions)}", "$text-muted"),
    )


def entity_search_text(e: Entity) -> str:
    forms = {one_line(m.text) for m in e.mentions}
    return " ".join([e.label, one_line(e.name), *sorted(forms)])


# --- quotes -----------------------------------------------------------------------------------

QUOTE_CHARS = 90


def span_name(analysis: Analysis | None, span: Span | None, prefer_entity: bool = False) -> str:
    """A span as a reader names it: a pronoun or bare title shows the entity it refers to.

    With `prefer_entity`, a short form ("Zhai") shows the entity's full name too.
    """
    if span is None:
        return ""
    text = one_line(span.text)
    if analysis is not None and span.entity:
        ent = analysis.entity(span.entity)
        if ent is not None:
            name = one_line(ent.name)
            if text.lower() in PRONOUNS or text.islower():
                return name
            if prefer_entity and text in name:
                return name
    return text


def speaker_label(analysis: Analysis | None, q: Quote) -> str:
    return span_name(analysis, q.speaker, prefer_entity=True) if q.speaker else "unattributed"


def quote_label(analysis: Analysis | None, q: Quote, width: int = QUOTE_CHARS) -> Content:
    body = clip(one_line(q.text), width)
    if q.kind == "direct":
        body = f"“{body}”"
    speaker_style = "bold" if q.speaker else "italic $text-muted"
    return Content.assemble((speaker_label(analysis, q), speaker_style), ": ", body)


def quote_search_text(analysis: Analysis | None, q: Quote) -> str:
    return f"{speaker_label(analysis, q)} {one_line(q.text)}"


# --- events -----------------------------------------------------------------------------------


def short_date(iso: str, article_date: str | None = None) -> str:
    """"Oct 7" in the article's year, "Oct 7 2022" otherwise; the ISO text when unparsable."""
    try:
        d = dt.date.fromisoformat(iso)
    except ValueError:
        return iso
    text = f"{d:%b} {d.day}"
    if not article_date or article_date[:4] != iso[:4]:
        text += f" {d.year}"
    return text


def event_when(v: Event, article_date: str | None = None) -> str:
    if v.time is None:
        return ""
    if v.time.date:
        return short_date(v.time.date, article_date)
    return one_line(v.time.text)


def event_label(analysis: Analysis | None, v: Event) -> Content:
    article_date = analysis.article.date if analysis else None
    parts: list = []
    when = event_when(v, article_date)
    if when:
        dated = v.time is not None and v.time.date is not None
        parts += [(clip(when, 14), "$text-accent" if dated else "$text-muted"), " "]
    agent = clip(span_name(analysis, v.agent), 32)
    if agent:
        parts += [agent, " "]
    if v.negated:
        parts += [("not ", "bold $text-error")]
    parts.append((one_line(v.text), "bold underline"))
    if v.patient:
        parts += [" ", clip(span_name(analysis, v.patient), 32)]
    if v.place_apart:
        parts += [(" in ", "$text-muted"), clip(span_name(analysis, v.place_apart), 24)]
    return Content.assemble(*parts)


def event_search_text(analysis: Analysis | None, v: Event) -> str:
    bits = [event_when(v), span_name(analysis, v.agent), v.text, v.lemma, span_name(analysis, v.patient),
            span_name(analysis, v.place)]
    return " ".join(b for b in bits if b)


def fact_label(analysis: Analysis | None, fact: Fact) -> Content:
    if isinstance(fact, Entity):
        return entity_label(fact)
    if isinstance(fact, Quote):
        return quote_label(analysis, fact)
    return event_label(analysis, fact)


def fact_search_text(analysis: Analysis | None, fact: Fact) -> str:
    if isinstance(fact, Entity):
        return entity_search_text(fact)
    if isinstance(fact, Quote):
        return quote_search_text(analysis, fact)
    return event_search_text(analysis, fact)


def fact_title(analysis: Analysis | None, fact: Fact) -> str:
    """A short plain name for notifications."""
    if isinstance(fact, Entity):
        return one_line(fact.name)
    if isinstance(fact, Quote):
        return f"quote by {speaker_label(analysis, fact)}"
    return f"event “{one_line(fact.text)}”"

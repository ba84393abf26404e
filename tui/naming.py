"""Facts put into words: one naming rule for the panels, copy, Markdown and CSV.

Plain strings only (no Textual, no Rich): the app styles and sanitises them for the
screen, the export escapes them for Markdown and CSV.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from .analysis import PRONOUNS, Analysis, Entity

#: Quote marks the article may open and close a quotation with.
OPENING_MARKS = "“\"‘«"
CLOSING_MARKS = "”\"’»"


def words(text: str | None) -> str:
    """Text on one line: runs of whitespace become one space."""
    return " ".join(text.split()) if text else ""


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)].rstrip() + "…"


def span_name(analysis: Analysis | None, span: Any, width: int | None = None) -> str:
    """A span as a reader names it, the same on screen, in a copy and in an export.

    A pronoun or a form of an entity's name ("he", "Zhai", "U.S.") is named by the
    entity ("Zhai Jun"); a span that already says the full name ("Foreign Minister Wang
    Yi") keeps the article's words; any other phrase that refers to an entity (a
    description: "the envoy") gives the entity's name with the article's words, which
    add something: `Zhai Jun ("the envoy")`. A span with no entity is its own words.
    Within `width` characters (a panel row), the article's words are clipped first.
    """
    if span is None:
        return ""
    text = words(span.text)
    entity = analysis.entity(getattr(span, "entity", None)) if analysis is not None else None
    if entity is None or not text:
        return _fit(text, width)
    name = words(entity.name)
    if _is_a_name_of(text, entity, name):
        return _fit(name, width)
    if _has_words(text, name):
        return _fit(text, width)
    room = (width or 0) - len(name) - len(' ("")')
    if width is None or room >= len(text):
        return f'{name} ("{text}")'
    return f'{name} ("{clip(text, room)}")' if room >= 8 else clip(name, width)


def _fit(text: str, width: int | None) -> str:
    return text if width is None else clip(text, width)


def _is_a_name_of(text: str, entity: Entity, name: str) -> bool:
    folded = text.casefold()
    if folded in PRONOUNS or _has_words(name, text):
        return True
    return any(words(m.text).casefold() == folded for m in entity.names)  # "the envoy" is no name


def _has_words(text: str, part: str) -> bool:
    """`part` is in `text` as whole words (any case): "Zhai" in "Zhai Jun", not "Jun" in "Juno".

    ASCII (nearly every name) is searched without a regular expression: compiling one per
    name cost 0.7 ms each, a third of a second for a long article's labels."""
    if text.isascii() and part.isascii():
        t, p = text.lower(), part.lower()
        i = t.find(p)
        while i != -1:
            end = i + len(p)
            if (i == 0 or not _word_char(t[i - 1])) and (end == len(t) or not _word_char(t[end])):
                return True
            i = t.find(p, i + 1)
        return False
    return re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text, re.IGNORECASE) is not None


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"


def speaker_name(analysis: Analysis | None, quote: Any) -> str:
    return span_name(analysis, quote.speaker) or "unattributed"


def quoted_words(analysis: Analysis | None, quote: Any) -> str:
    """A quote's words with quote marks only where the speaker's own words are.

    Direct speech is wrapped in marks; reported speech has none; mixed speech keeps
    the article's own marks, those inside its text and those right around it.
    """
    body = words(quote.text)
    if quote.kind == "direct":
        return f"“{body}”"
    if quote.kind == "mixed" and analysis is not None:
        text = analysis.article.text
        before = text[quote.start - 1 : quote.start] if quote.start > 0 else ""
        after = text[quote.end : quote.end + 1]
        if before and after and before in OPENING_MARKS and after in CLOSING_MARKS:
            return f"{before}{body}{after}"
    return body


# --- entity labels and dates ------------------------------------------------------------------

LABEL_WIDTH = 6
_SHORT_LABEL = {"PERSON": "PERSON", "WORK_OF_ART": "WORK", "LANGUAGE": "LANG", "QUANTITY": "QUANT", "CARDINAL": "NUM",
                "ORDINAL": "ORD", "PERCENT": "PCT", "PRODUCT": "PROD"}


def short_label(label: str) -> str:
    return _SHORT_LABEL.get(label, label)[:LABEL_WIDTH]


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


def event_when(v: Any, article_date: str | None = None) -> str:
    if v.time is None:
        return ""
    if v.time.date:
        return short_date(v.time.date, article_date)
    return words(v.time.text)


# --- Markdown ---------------------------------------------------------------------------------


def md_escape(text: str) -> str:
    """Article text is data: keep it from turning into Markdown structure."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)

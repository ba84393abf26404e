"""Display text for facts: plain data in, `Content` out, never markup.

Article text is data. Everything shown from it is built with `Content`
objects assembled from parts, and control characters are replaced (one to one)
before they reach the terminal. What a label says comes from the table of fact
kinds (`tui.kinds`); how it looks (the style of each named part) is decided here.
"""

from __future__ import annotations

import re
from typing import Any, Sequence

from textual.content import Content

from ..analysis import Analysis, Article
from ..kinds import Fact as Fact
from ..naming import clip as clip
from ..kinds import entity_order as entity_order
from ..kinds import fact_spans as fact_spans
from ..kinds import fact_key, kind_of
from ..naming import short_date as short_date
from ..sources import Pending, SourceError

#: Highlight roles, in the order their styles are layered.
ROLES = ("mention", "reference", "quote", "speaker", "cue", "trigger", "agent", "patient", "time", "place")
#: Component class of each role in the article pane.
ROLE_CLASS = {
    "title": "article--title",
    "mention": "article--mention",
    "reference": "article--reference",  # a pronoun or description of the entity: lighter than a name
    "quote": "article--quote",
    "speaker": "article--speaker",
    "cue": "article--cue",
    "trigger": "article--trigger",
    "agent": "article--participant",
    "patient": "article--participant",
    "time": "article--time",
    "place": "article--place",
}
#: The style of each named part of a label (`tui.kinds.LabelParts`).
LABEL_STYLES = {
    "strong": "bold",
    "muted": "$text-muted",
    "tag": "$text-secondary",
    "absent": "italic $text-muted",
    "date": "$text-accent",
    "negation": "bold $text-error",
    "trigger": "bold underline",
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


def _line_part(text: str) -> str:
    """A piece of a label, drawable on one line; its spaces (padding, separators) stay."""
    return text.translate(_LINE_TABLE)


def fact_label(analysis: Analysis | None, fact: Fact, width: int | None = None) -> Content:
    """A panel row: the kind's label parts, each styled by its name; within `width` as the
    kind fits it, if it can (else the list cuts it)."""
    kind = kind_of(fact)
    parts = kind.fitted(analysis, fact, width) if width and kind.fitted is not None else kind.label(analysis, fact)
    if isinstance(parts, str):
        return Content(one_line(parts))
    pieces: list[Any] = []
    for part in parts:
        if isinstance(part, str):
            pieces.append(_line_part(part))
        else:
            text, style = part
            pieces.append((_line_part(text), LABEL_STYLES[style]))
    return Content.assemble(*pieces)


def fact_search_text(analysis: Analysis | None, fact: Fact) -> str:
    return one_line(kind_of(fact).search_text(analysis, fact))


#: Curly quotes and apostrophes, and dashes, as a keyboard types them.
_TYPED = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201c": '"', "\u201d": '"',
                        "\u201e": '"', "\u2013": "-", "\u2014": "-"})


def search_fold(text: str) -> str:
    """Text as a filter compares it: casefolded, and "Israel's" typed finds "Israel’s"."""
    return text.casefold().translate(_TYPED)


def fact_title(analysis: Analysis | None, fact: Fact) -> str:
    """A short plain name for notifications."""
    return one_line(kind_of(fact).short_name(analysis, fact))


def covers(fact: Fact, offset: int) -> bool:
    return any(s <= offset < e for s, e, _ in fact_spans(fact))


#: The label of each built-in kind, under its old name.
entity_label = quote_label = event_label = fact_label


# --- the article header -----------------------------------------------------------------------


def title_end(article: Article) -> int:
    """Where the title ends when the text itself opens with it (else 0)."""
    title = article.title
    if not title:
        return 0
    lead = len(article.text) - len(article.text.lstrip())
    return lead + len(title) if article.text.startswith(title, lead) else 0


def fit_path(path: str, width: int) -> str:
    """A path within `width` characters, its file name kept: the folders go first, from the
    left ("…/seeds/wikinews_2008_canada.txt"), then the end of the name itself. A page's
    address ending in "/" keeps its last part; a Windows path is cut at its backslashes."""
    if width <= 0 or len(path) <= width:
        return path
    body = path.rstrip("/\\")
    cut = max(body.rfind("/"), body.rfind("\\"))
    name = path[cut + 1 :]
    if len(name) + 2 > width:
        return clip(name, width)
    tail = path[len(path) - width + 1 :]  # the most of the folders that fits (the name's own "/" is in it)
    return "…" + tail[next(i for i, c in enumerate(tail) if c in "/\\") :]


def article_header(src: Article | SourceError | Pending | None, status: tuple[str, str] | None = None,
                   width: int = 0) -> Content:
    """The line(s) above the article: its title (unless the text opens with it), date,
    path and `status` (text, style): analysing, or failed; or why a file could not be read,
    or that it is on its way. Within `width` (when known) the path gives up its folders
    before its file name."""
    if src is None:
        return Content("")
    if isinstance(src, Pending):
        return Content.assemble((fit_path(one_line(src.path), width), "bold"), "\n",
                                ("reading…" if src.local else "fetching…", "$text-muted italic"))
    if isinstance(src, SourceError):
        return Content.assemble(("✗ ", "$text-error"), (fit_path(one_line(src.name), width and max(1, width - 2)), "bold"), "\n",
                                (one_line(src.reason), "$text-error"))
    parts: list = []
    if not title_end(src):  # a title the text does not start with stands above it
        parts += [(one_line(src.title or src.name), "bold $text-primary"), "\n"]
    meta: list = [(src.date, "$text-accent")] if src.date else []
    others = sum(len(m[0]) + 3 for m in (*meta, *([status] if status else [])))
    meta.append((fit_path(one_line(src.path), width and max(12, width - others)), "$text-muted"))
    if status is not None:
        meta.append(status)
    for i, m in enumerate(meta):
        if i:
            parts.append((" · ", "$text-muted"))
        parts.append(m)
    return Content.assemble(*parts)


def same_fact(fact: Fact | None, facts: Sequence[Fact]) -> str | None:
    """The id of the fact among `facts` that is `fact` again (a fuller analysis of the same article)."""
    key = fact_key(fact)
    if key is None:
        return None
    return next((f.id for f in facts if fact_key(f) == key), None)


def span_counter(index: int, total: int) -> str:
    """The article border's word on the focused span of a fact."""
    if total <= 1:
        return f"{total} span"
    return f"span {index + 1}/{total} · n/N"

"""Finding quote marks: every passage between them, paragraph by paragraph.

Quote marks are found in the text itself, because the parser is least reliable
exactly around them (it splits sentences at marks and hangs quoted clauses on the
wrong verb). `marked_passages` finds every passage between quote marks (straight or
curly, double or single, apostrophes left alone), including a quote carried over
paragraphs. News paragraphs are lines: `paragraphs` finds them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..analysis import Span
from .cancel import NEVER, Checkpoint

DOUBLE_OPEN, DOUBLE_CLOSE = "“„«", "”»"
SINGLE_OPEN, SINGLE_CLOSE = "‘‹", "’›"
STRAIGHT = "\"'"
ALL_MARKS = DOUBLE_OPEN + DOUBLE_CLOSE + SINGLE_OPEN + SINGLE_CLOSE + STRAIGHT
_DOUBLE_MARK = re.compile("[" + re.escape(DOUBLE_OPEN + DOUBLE_CLOSE + '"') + "]")
_SINGLE_MARK = re.compile("[" + re.escape(SINGLE_OPEN + SINGLE_CLOSE + "'") + "]")
_APOSTROPHES = SINGLE_CLOSE + "'"
_LEADING = SINGLE_CLOSE + "'" + SINGLE_OPEN
_OPENING = DOUBLE_OPEN + SINGLE_OPEN
_CLOSING = DOUBLE_CLOSE + SINGLE_CLOSE
OPENERS = " \t([{—–-/…"


@dataclass
class Passage:
    """Text between quote marks: `start`/`end` is the content, `outer` includes the marks."""

    start: int
    end: int
    outer: tuple[int, int]
    para: int
    closed: bool = True
    group: int = -1  # pieces of one quote over several paragraphs share a group
    speaker: Span | None = None
    cue: Span | None = None
    how: str = ""  # which rule attributed it, for debugging and tests
    kind: str = "direct"
    drop: bool = False
    extra: dict = field(default_factory=dict)


def paragraphs(text: str, check: Checkpoint = NEVER) -> list[tuple[int, int]]:
    """(start, end) of each non-blank line: news paragraphs are lines."""
    out, pos = [], 0
    for line in text.split("\n"):
        check()
        a, b = pos, pos + len(line)
        pos = b + 1
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def last_char(text: str, lo: int, end: int) -> str:
    """The last non-space character of text[lo:end] ("" if none), without copying the
    slice: in a one-paragraph dialogue that copy made each quote cost the paragraph."""
    while end > lo and text[end - 1].isspace():
        end -= 1
    return text[end - 1] if end > lo else ""


def paragraph_of(paras: Sequence[tuple[int, int]], offset: int) -> tuple[int, int] | None:
    """The paragraph holding `offset`, by bisection: a per-verb scan is quadratic on long texts."""
    i = bisect.bisect_right(paras, (offset, float("inf"))) - 1
    if i >= 0 and paras[i][0] <= offset < paras[i][1]:
        return paras[i]
    return None


def mark_role(text: str, i: int, lo: int, hi: int) -> str | None:
    """"open", "close", "either" or None (an apostrophe) for the mark at `i`."""
    c = text[i]
    prev = text[i - 1] if i > lo else " "
    nxt = text[i + 1] if i + 1 < hi else " "
    if c in _APOSTROPHES and prev.isalnum() and nxt.isalnum():
        return None  # don’t, Israel’s, O'Neil
    if c in _LEADING and nxt.isdigit() and not prev.isalnum():
        return None  # '90s
    if c == "`":
        return None
    can_open = (prev.isspace() or prev in OPENERS or prev in ALL_MARKS) and not nxt.isspace()
    can_close = not prev.isspace() and (nxt.isspace() or not nxt.isalnum())
    if c in _OPENING:
        return "close" if (can_close and not can_open and c in DOUBLE_OPEN) else "open"
    if c in _CLOSING:
        if can_open and not can_close:
            return "open" if c in DOUBLE_CLOSE else None
        return "close"
    if can_open and can_close:
        return "either"
    if can_open:
        return "open"
    if can_close:
        return "close"
    return None


def marked_passages(text: str, paras: Sequence[tuple[int, int]], check: Checkpoint = NEVER) -> list[Passage]:
    """Quoted passages paragraph by paragraph; odd counts of marks are tolerated.

    A quote left open at the end of a paragraph runs to its end; when the next
    paragraph opens with a mark, that paragraph continues the same quote.
    """
    out: list[Passage] = []
    group = 0
    carry = False  # the previous paragraph ended inside an open quote
    for pi, (lo, hi) in enumerate(paras):
        found, open_at = [], None
        for m in _DOUBLE_MARK.finditer(text, lo, hi):  # the marks only, not every character
            check()
            i = m.start()
            role = mark_role(text, i, lo, hi)
            if role is None:
                continue
            if open_at is None:
                if role in ("open", "either"):
                    open_at = i
            elif role in ("close", "either") or text[i] == text[open_at] == '"':
                # straight marks alternate: one spaced as an opener ('To "was featured')
                # while a straight quote is open closes it, as double quotes do not nest
                found.append((open_at, i + 1, True))
                open_at = None
            else:  # a second opening mark: the first quote was never closed
                found.append((open_at, _rstrip(text, open_at, i), False))
                open_at = i
        if open_at is not None:
            found.append((open_at, hi, False))
        for k, (a, b, closed) in enumerate(found):
            if not (k == 0 and carry and a == lo):
                group += 1  # a new quote, unless it carries on the last paragraph's
            cs, ce = _content(text, a + 1, b - 1 if closed else b)
            if ce > cs:
                out.append(Passage(cs, ce, (a, b), pi, closed, group))
        carry = bool(found) and not found[-1][2]
        for q in _single_passages(text, pi, lo, hi, [(a, b) for a, b, _ in found], check):
            group += 1
            q.group = group
            out.append(q)
    out.sort(key=lambda p: p.start)
    return out


def inner_passages(text: str, passages: Sequence[Passage], check: Checkpoint = NEVER) -> list[Passage]:
    """Single-quoted passages inside double-quoted ones ('Voters will say, ‘Fix the roads
    first’'), each knowing the quote it is `within`; `marked_passages` leaves them to the
    outer quote, and attribution keeps only those said by someone inside it."""
    out: list[Passage] = []
    for p in passages:
        a, b = p.outer
        if text[a] in SINGLE_OPEN + "'":
            continue
        lo, hi = p.outer[0] + 1, (p.outer[1] - 1 if p.closed else p.outer[1])
        for q in _single_passages(text, p.para, lo, hi, [], check):
            q.extra["within"] = (a, b)
            q.group = -2 - len(out)  # a group of its own, apart from the marked passages' 1, 2, …
            out.append(q)
    return out


def _single_passages(
    text: str, pi: int, lo: int, hi: int, doubles: list[tuple[int, int]], check: Checkpoint = NEVER
) -> list[Passage]:
    """‘…’ and '…' passages outside double-quoted ones (nested ones belong to the outer quote).

    `doubles` are in text order and do not overlap, so one pointer that moves with
    the marks says whether a mark is inside one: testing each mark against every
    range was quadratic (120 KB of quote marks took 23 s).
    """
    out, open_at = [], None
    d = 0
    for m in _SINGLE_MARK.finditer(text, lo, hi):
        check()
        i = m.start()
        c = text[i]
        while d < len(doubles) and doubles[d][1] <= i:
            d += 1
        if d < len(doubles) and doubles[d][0] <= i:
            continue
        role = mark_role(text, i, lo, hi)
        if role is None:
            continue
        if open_at is None:
            if role == "open" or (role == "either" and c != "’"):
                open_at = i
        elif role in ("close", "either"):
            cs, ce = _content(text, open_at + 1, i)
            if ce - cs > 1:  # rock 'n' roll
                out.append(Passage(cs, ce, (open_at, i + 1), pi, True))
            open_at = None
    return out


def _content(text: str, a: int, b: int) -> tuple[int, int]:
    """Inside the marks: no surrounding spaces and no trailing comma."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and (text[b - 1].isspace() or text[b - 1] == ","):
        b -= 1
    return a, b


def _rstrip(text: str, a: int, b: int) -> int:
    while b > a and text[b - 1].isspace():
        b -= 1
    return b


__all__ = ["Passage", "paragraphs", "paragraph_of", "marked_passages", "inner_passages", "mark_role", "ALL_MARKS"]

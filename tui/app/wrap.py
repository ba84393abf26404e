"""Word-wrapping an article into lines that keep their character offsets.

Each visual line is (start, end) in the text, so the article view maps a highlight to its
lines by a bisect over line starts; wide characters (CJK, emoji) are measured in cells.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from rich.cells import cell_len

_WORD = re.compile(r"\S+\s*|\s+")


class Line(NamedTuple):
    start: int
    end: int  # exclusive; may include the trailing spaces that wrapped


def wrap(text: str, width: int) -> list[Line]:
    """Greedy word wrap that keeps offsets; a word longer than the line is broken.

    Paragraphs whose characters are all one cell wide (nearly all news text, curly
    quotes and dashes included) are cut by one regex match per line, in C; others
    (CJK, emoji, combining marks) are measured word by word in cells.
    """
    width = max(1, width)
    lines: list[Line] = []
    append = lines.append
    pos = 0
    n = len(text)
    line_re = _line_pattern(width)
    while pos <= n:
        nl = text.find("\n", pos)
        para_end = n if nl < 0 else nl
        if para_end == pos:
            append(Line(pos, pos))
        elif para_end - pos <= width and text.isascii():
            append(Line(pos, para_end))
        else:
            para = text[pos:para_end]
            if para.isascii() or _narrow(para):
                _wrap_narrow(text, pos, para_end, width, line_re, append)
            else:
                _wrap_paragraph(para, pos, width, append)
        if nl < 0:
            break
        pos = nl + 1
    return lines


# Blocks where nearly every character is one cell wide (Latin, Greek, Cyrillic, general
# punctuation, currency); the exceptions are found once with rich and left out.
_NARROW_BLOCKS = ((0x20, 0x7E), (0xA0, 0x2FF), (0x370, 0x52F), (0x2010, 0x205E), (0x20A0, 0x20C0))
_wide_or_odd: "re.Pattern[str] | None" = None


def _narrow(para: str) -> bool:
    """Every character of `para` takes exactly one cell (one C regex scan)."""
    global _wide_or_odd
    if _wide_or_odd is None:
        ranges = []
        for lo, hi in _NARROW_BLOCKS:
            run = None
            for cp in range(lo, hi + 1):
                if cell_len(chr(cp)) == 1:
                    run = [cp, cp] if run is None else [run[0], cp]
                else:
                    if run:
                        ranges.append(run)
                    run = None
            if run:
                ranges.append(run)
        cls = "".join(re.escape(chr(a)) + ("-" + re.escape(chr(b)) if b > a else "") for a, b in ranges)
        _wide_or_odd = re.compile(f"[^{cls}]")
    return _wide_or_odd.search(para) is None


_LINE_PATTERNS: dict[int, "re.Pattern[str]"] = {}


def _line_pattern(width: int) -> "re.Pattern[str]":
    # The longest run of at most `width` characters that ends where a word ends
    # (or where leading spaces end),
    # then the spaces after it (they hang past the edge and are cropped).
    pattern = _LINE_PATTERNS.get(width)
    if pattern is None:
        pattern = _LINE_PATTERNS[width] = re.compile(r".{1,%d}(?:(?=\s|\Z)|(?<=\s))\s*" % width)
    return pattern


def _wrap_narrow(text: str, pos: int, end: int, width: int, line_re, append) -> None:
    """`_wrap_paragraph`'s lines for one-cell characters, one regex match per line."""
    match = line_re.match
    while True:
        m = match(text, pos, end)
        nxt = m.end() if m is not None else pos + width  # a word longer than a line
        if nxt >= end:
            append(Line(pos, end))
            return
        append(Line(pos, nxt))
        pos = nxt


def _wrap_paragraph(para: str, base: int, width: int, append) -> None:
    measure = len if para.isascii() else cell_len
    line_start = 0
    used = 0  # cells on the current line, trailing spaces included
    for m in _WORD.finditer(para):
        chunk = m.group()
        word = chunk.rstrip()
        w = measure(word)
        if word and used and used + w > width:
            append(Line(base + line_start, base + m.start()))
            line_start, used = m.start(), 0
        if w > width:  # a word longer than a line is broken by cells
            for j, ch in enumerate(word):
                cw = measure(ch)
                if used and used + cw > width:
                    append(Line(base + line_start, base + m.start() + j))
                    line_start, used = m.start() + j, 0
                used += cw
        else:
            used += w
        used += len(chunk) - len(word)  # spaces hang past the edge and are cropped
    append(Line(base + line_start, base + len(para)))

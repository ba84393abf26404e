"""HTML pages to article text with trafilatura, which also finds title and date."""

from __future__ import annotations

import re

# A character reference to a code point XML cannot hold (&#27;, &#x0;, a lone
# surrogate) makes lxml drop the whole document; the text would lose it anyway.
_BAD_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")
# Lines a page puts between paragraphs that are not the story: trafilatura keeps them when
# they sit in the article's own <p>s.
_BOILERPLATE = re.compile(
    r"(?:sponsored|advertisement|advertising|promoted|paid (?:content|post)|ad|related|read (?:more|also|next)"
    r"|also read|see also|recommended|subscribe|sign up|newsletter|share (?:this|on)|follow us|click here)"
    r"\b\W*(?:$|:)",
    re.I,
)


def _safe_reference(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    allowed = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    return m.group() if allowed and not 0x7F <= code <= 0x9F else "&#xFFFD;"


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Return (text, title, ISO date) from a news page; text is '' when none is found."""
    import trafilatura

    html = _BAD_REFERENCE.sub(_safe_reference, html)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False, favor_precision=True)
    if doc is None:
        return "", None, None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = paragraphs(data.get("text") or "")
    title = (data.get("title") or "").strip() or None
    date = data.get("date") or None
    if date and len(date) >= 10:
        date = date[:10]
    if title and text and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, title, date


def paragraphs(text: str) -> str:
    """trafilatura's one line per block, as paragraphs a blank line apart, without the
    sponsored, advertising and "read more" lines pages put between them."""
    kept = [line.strip() for line in text.splitlines() if line.strip() and not _is_boilerplate(line.strip())]
    return "\n\n".join(kept)


def _is_boilerplate(line: str) -> bool:
    return len(line) <= 160 and _BOILERPLATE.match(line) is not None

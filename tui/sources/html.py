"""HTML pages to article text with trafilatura, which also finds title and date."""

from __future__ import annotations

import re

# A character reference to a code point XML cannot hold (&#27;, &#x0;, a lone
# surrogate) makes lxml drop the whole document; the text would lose it anyway.
_BAD_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def _safe_reference(m: re.Match[str]) -> str:
    code = int(m.group(1), 16) if m.group(1) else int(m.group(2))
    allowed = code in (9, 10, 13) or 0x20 <= code <= 0xD7FF or 0xE000 <= code <= 0xFFFD or 0x10000 <= code <= 0x10FFFF
    return m.group() if allowed and not 0x7F <= code <= 0x9F else "&#xFFFD;"


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Return (text, title, ISO date) from a news page; text is '' when none is found."""
    import trafilatura

    html = _BAD_REFERENCE.sub(_safe_reference, html)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    if doc is None:
        return "", None, None
    data = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    text = (data.get("text") or "").strip()
    title = (data.get("title") or "").strip() or None
    date = data.get("date") or None
    if date and len(date) >= 10:
        date = date[:10]
    if title and text and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, title, date

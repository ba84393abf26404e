"""HTML pages to article text with trafilatura, which also finds title and date."""

from __future__ import annotations


def html_to_text(html: str) -> tuple[str, str | None, str | None]:
    """Return (text, title, ISO date) from a news page; text is '' when none is found."""
    import trafilatura

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

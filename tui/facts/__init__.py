"""Facts from a parsed article: canonical entities, quotes, events.

Pure functions of a spaCy Doc (plus the article's date); the result is an
`Analysis`, which is all that the screen, export and cache ever see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Analysis, Article, ModelInfo
from .entities import EntityIndex, extract_entities
from .events import extract_events
from .quotes import extract_quotes, prepare

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


def analyse(article: Article, doc: "Doc", model: ModelInfo) -> Analysis:
    """Every fact of one article; `doc.text` must equal `article.text`."""
    entities, index = extract_entities(doc)
    ctx = prepare(doc, index)  # shared: paragraphs, quote marks, entity labels
    quotes = extract_quotes(doc, index, ctx)
    events = extract_events(doc, index, article_date=article.date, ctx=ctx)
    return Analysis(article, model, entities, quotes, events)


__all__ = ["analyse", "extract_entities", "extract_quotes", "extract_events", "EntityIndex"]

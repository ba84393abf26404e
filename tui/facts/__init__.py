"""Facts from a parsed article: canonical entities, quotes, events.

Pure functions of a spaCy Doc (plus the article's date); the result is an
`Analysis`, which is all that the screen, export and cache ever see.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, overload

from ..analysis import Analysis, Article, ModelInfo
from .cancel import NEVER, Cancelled, Checkpoint
from .coref import link_references
from .entities import EntityIndex, extract_entities
from .events import extract_events
from .context import build_context
from .quotes import extract_quotes
from .words import collector_paused, read_words, release

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc


@overload
def analyse(article: Article, doc: "Doc", model: ModelInfo) -> Analysis: ...
@overload
def analyse(article: Article, doc: "Doc", model: ModelInfo, *, cancelled: Callable[[], bool] | None) -> Analysis | None: ...


def analyse(
    article: Article, doc: "Doc", model: ModelInfo, *, cancelled: Callable[[], bool] | None = None
) -> Analysis | None:
    """Every fact of one article; `doc.text` must equal `article.text`.

    With `cancelled`, every stage asks it now and then and the result is None once
    it is true, so a quit does not wait for the extraction of a long article.
    """
    check = Checkpoint(cancelled) if cancelled is not None else NEVER
    # Every object the extraction makes lives until it ends and then goes at once: the cyclic
    # collector's passes in between only walked them (a tenth of the time on 10k words), and
    # the Words table, cut loose at the end, is freed then without one (`release`).
    words: tuple = ()
    with collector_paused():
        try:
            # article.text is doc.text, which spaCy would rebuild token by token (seconds on megabytes)
            words = read_words(doc)  # the parse as plain objects, for every stage that walks it
            ents = tuple(doc.ents)  # spaCy makes new Spans on every doc.ents
            sents = tuple(doc.sents) if doc.has_annotation("DEP") else None  # and doc.sents
            entities, index = extract_entities(doc, text=article.text, words=words, ents=ents, check=check)
            # pronouns and descriptions join their entity, so speakers and agents find it too
            entities, index = link_references(doc, entities, text=article.text, words=words, sents=sents, check=check)
            # built once: every later stage reads it
            ctx = build_context(doc, index, text=article.text, words=words, ents=ents, sents=sents, check=check)
            quotes = extract_quotes(doc, index, ctx)
            events = extract_events(doc, index, article_date=article.date, ctx=ctx)
        except Cancelled:
            return None
        finally:
            release(words)
    return Analysis(article, model, entities, quotes, events)


__all__ = ["analyse", "Cancelled", "extract_entities", "extract_quotes", "extract_events", "EntityIndex"]

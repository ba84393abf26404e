"""Who said what: direct, indirect and mixed quotes with speaker and cue."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Quote

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .entities import EntityIndex


def extract_quotes(doc: "Doc", index: "EntityIndex") -> tuple[Quote, ...]:
    return ()

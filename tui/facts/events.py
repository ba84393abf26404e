"""What happened: action clauses with agent, patient, time and place."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..analysis import Event

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

    from .entities import EntityIndex


def extract_events(doc: "Doc", index: "EntityIndex", article_date: str | None = None) -> tuple[Event, ...]:
    return ()

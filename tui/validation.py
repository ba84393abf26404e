"""A `wirelens/1` document checked as strictly as an input file before anything uses it.

The cache is a folder anyone (another program, a disk error, an older Wirelens)
can write to. A document read back from it reaches the screen, so every type,
range and span is checked here first: offsets are integers inside the text and
`text[start:end]` is the span's text, ids are unique and referenced ids exist,
numbers are finite, and the article text is sanitised as an input file's would
be. Anything else is a `ContractError`, and the caller treats the entry as absent.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

from .analysis import MENTION_KINDS, MODALITIES, SCHEMA, WORD_ROLES, Analysis

QUOTE_KINDS = frozenset({"direct", "indirect", "mixed"})
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class ContractError(ValueError):
    """The document breaks the contract; the message says where."""


def load_json(raw: str) -> Any:
    """JSON without NaN/Infinity; nesting too deep for the stack is a ContractError too.

    The C parser raises RecursionError cleanly, so no pre-scan of the text is
    needed (one in Python cost 0.8 s per 10 MB, twenty times the parse, on every
    cached reopen); anything nested deeper than the contract fails `check`.
    """

    def no_constant(name: str) -> None:
        raise ContractError(f"{name} is not a number the contract allows")

    try:
        return json.loads(raw, parse_constant=no_constant)
    except (ValueError, RecursionError) as exc:
        raise ContractError(f"not valid JSON ({exc})") from None


def check(doc: Any) -> Analysis:
    """The Analysis a document describes, or ContractError."""
    d = _obj(doc, "document")
    if d.get("schema") != SCHEMA:
        raise ContractError(f"schema is {d.get('schema')!r}, not {SCHEMA!r}")
    source = _obj(d.get("source"), "source")
    text = _str(source.get("text"), "source.text")
    _check_text(text)
    _str(source.get("path"), "source.path")
    _opt_str(source.get("title"), "source.title")
    date = _opt_str(source.get("date"), "source.date")
    if date is not None and not _ISO_DATE.match(date):
        raise ContractError(f"source.date {date!r} is not an ISO date")
    model = _obj(d.get("model"), "model")
    _str(model.get("name"), "model.name")
    _str(model.get("version"), "model.version")
    ids: set[str] = set()
    entities = _list(d.get("entities", []), "entities")
    for i, e in enumerate(entities):
        where = f"entities[{i}]"
        e = _obj(e, where)
        _new_id(e.get("id"), ids, where)
        if not _str(e.get("name"), f"{where}.name").strip():
            raise ContractError(f"{where}.name is empty")
        _str(e.get("label"), f"{where}.label")
        _number(e.get("salience"), f"{where}.salience")
        mentions = _list(e.get("mentions"), f"{where}.mentions")
        if not mentions:
            raise ContractError(f"{where} has no mentions")
        for j, m in enumerate(mentions):
            _mention(m, text, f"{where}.mentions[{j}]")
    entity_ids = set(ids)
    for i, q in enumerate(_list(d.get("quotes", []), "quotes")):
        where = f"quotes[{i}]"
        q = _obj(q, where)
        _new_id(q.get("id"), ids, where)
        if q.get("kind") not in QUOTE_KINDS:
            raise ContractError(f"{where}.kind {q.get('kind')!r} is not one of {sorted(QUOTE_KINDS)}")
        _span(q, text, where)
        _opt_span(q.get("speaker"), text, f"{where}.speaker", entity_ids)
        _opt_span(q.get("cue"), text, f"{where}.cue", None)
    for i, v in enumerate(_list(d.get("events", []), "events")):
        _event(v, text, f"events[{i}]", ids, entity_ids)
    try:
        return Analysis.from_dict(d)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:  # pragma: no cover - checked above
        raise ContractError(f"does not build an analysis ({exc})") from None


def _event(v: Any, text: str, where: str, ids: set[str], entity_ids: set[str]) -> None:
    v = _obj(v, where)
    _new_id(v.get("id"), ids, where)
    _span(v, text, where)
    _str(v.get("lemma"), f"{where}.lemma")
    sentence = _obj(v.get("sentence"), f"{where}.sentence")
    _offsets(sentence, text, f"{where}.sentence")
    for role in ("agent", "patient", "place"):
        _opt_span(v.get(role), text, f"{where}.{role}", entity_ids)
    time = v.get("time")
    if time is not None:
        _span(time, text, f"{where}.time")
        tdate = _opt_str(time.get("date"), f"{where}.time.date")
        if tdate is not None and not _ISO_DATE.match(tdate):
            raise ContractError(f"{where}.time.date {tdate!r} is not an ISO date")
    if not isinstance(v.get("negated", False), bool):
        raise ContractError(f"{where}.negated is not true or false")
    if v.get("modality", "asserted") not in MODALITIES:
        raise ContractError(f"{where}.modality {v.get('modality')!r} is not one of {list(MODALITIES)}")
    if not isinstance(v.get("main", True), bool):
        raise ContractError(f"{where}.main is not true or false")
    last = 0
    for j, w in enumerate(_list(v.get("words", []), f"{where}.words")):
        at = f"{where}.words[{j}]"
        _span(w, text, at)
        if w.get("role") not in WORD_ROLES:
            raise ContractError(f"{at}.role {w.get('role')!r} is not one of {list(WORD_ROLES)}")
        if w["start"] < last:
            raise ContractError(f"{at} overlaps or comes before the part ahead of it")
        last = w["end"]


def _check_text(text: str) -> None:
    from .sources.text import sanitise

    if sanitise(text) != text:
        raise ContractError("source.text holds control or escape characters an input file never keeps")


def _obj(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise ContractError(f"{where} is not an object")
    return value


def _list(value: Any, where: str) -> list:
    if not isinstance(value, list):
        raise ContractError(f"{where} is not a list")
    return value


def _str(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise ContractError(f"{where} is not a string")
    return value


def _opt_str(value: Any, where: str) -> str | None:
    return None if value is None else _str(value, where)


def _int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ContractError(f"{where} is not an integer")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise ContractError(f"{where} is not a finite number")
    return float(value)


def _new_id(value: Any, ids: set[str], where: str) -> None:
    fid = _str(value, f"{where}.id")
    if not fid or fid in ids:
        raise ContractError(f"{where}.id {fid!r} is empty or used twice")
    ids.add(fid)


def _offsets(d: dict, text: str, where: str) -> tuple[int, int]:
    start, end = _int(d.get("start"), f"{where}.start"), _int(d.get("end"), f"{where}.end")
    if not 0 <= start <= end <= len(text):
        raise ContractError(f"{where} offsets {start}..{end} are outside the text (length {len(text)})")
    return start, end


def _span(value: Any, text: str, where: str) -> None:
    d = _obj(value, where)
    start, end = _offsets(d, text, where)
    if _str(d.get("text"), f"{where}.text") != text[start:end]:
        raise ContractError(f"{where}.text is not the text at {start}..{end}")


def _mention(value: Any, text: str, where: str) -> None:
    _span(value, text, where)
    kind = value.get("kind", "name")  # absent in entries written before the field: names
    if kind not in MENTION_KINDS:
        raise ContractError(f"{where}.kind {kind!r} is not one of {list(MENTION_KINDS)}")


def _opt_span(value: Any, text: str, where: str, entity_ids: set[str] | None) -> None:
    if value is None:
        return
    _span(value, text, where)
    if entity_ids is not None:
        ref = _opt_str(value.get("entity"), f"{where}.entity")
        if ref is not None and ref not in entity_ids:
            raise ContractError(f"{where}.entity {ref!r} names no entity")

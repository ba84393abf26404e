"""Analyses as files people and programs use: JSON, JSONL, Markdown, CSV.

Every format is rendered from the Analysis alone. Where the text goes (a file,
atomically; a stream, in place) is `output`'s job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections import defaultdict
from typing import Iterable, Union

from ..analysis import NAME_LABELS, PRONOUNS, VALUE_LABELS, Analysis, Entity, Event, Quote
from .output import AtomicWriter as AtomicWriter  # re-exported: where exports are written
from .output import OutputError as OutputError
from .output import write_atomic as write_atomic

Fact = Union[Entity, Quote, Event]
FORMATS = ("json", "jsonl", "md", "csv")
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "csv": ".csv"}
LABEL_NAMES = {
    "PERSON": "People",
    "ORG": "Organisations",
    "GPE": "Countries, cities, states",
    "LOC": "Places",
    "NORP": "Nationalities and groups",
    "FAC": "Buildings and facilities",
    "PRODUCT": "Products",
    "EVENT": "Named events",
    "WORK_OF_ART": "Works",
    "LAW": "Laws",
    "LANGUAGE": "Languages",
    "DATE": "Dates",
    "TIME": "Times",
    "MONEY": "Money",
    "QUANTITY": "Quantities",
    "PERCENT": "Percentages",
    "CARDINAL": "Numbers",
    "ORDINAL": "Ordinals",
}
CSV_FIELDS = ("article", "id", "kind", "label", "text", "start", "end", "speaker", "agent", "patient", "time", "date", "place")


def to_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(analyses: Iterable[Analysis | dict]) -> str:
    return "".join(json_line(a) for a in analyses)


def json_line(item: Analysis | dict) -> str:
    """One JSONL record: an analysis, or an error record (a dict)."""
    data = item.to_dict() if isinstance(item, Analysis) else item
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_markdown(analysis: Analysis) -> str:
    a = analysis.article
    out = [f"# {md_escape(a.title or a.name)}", ""]
    meta = [f"Source: {md_code(a.path)}"]
    if a.date:
        meta.append(f"Date: {a.date}")
    out += [" · ".join(meta), ""]
    names = [e for e in analysis.entities if e.is_name]
    values = [e for e in analysis.entities if not e.is_name]
    if analysis.entities:
        out += ["## Entities", ""]
        for label, ents in _by_label(names + values):
            out += [f"### {LABEL_NAMES.get(label, label)} ({label})", ""]
            out += [f"- {md_escape(e.name)} ({len(e.mentions)})" for e in ents]
            out.append("")
    out += ["## Quotes", ""]
    out += [quote_markdown(analysis, q, with_title=False) + "\n" for q in analysis.quotes] or ["No quotes found.\n"]
    out += ["## Events", ""]
    out += [event_markdown(analysis, v) for v in analysis.events] or ["No events found."]
    return "\n".join(out).rstrip() + "\n"


def fact_markdown(analysis: Analysis, fact: Fact) -> str:
    """One fact as a Markdown note, with the sentence or article it came from."""
    if isinstance(fact, Quote):
        return quote_markdown(analysis, fact)
    if isinstance(fact, Event):
        return event_markdown(analysis, fact)
    title = analysis.article.title or analysis.article.name
    forms = sorted({m.text for m in fact.mentions})
    also = f" — also “{'”, “'.join(md_escape(f) for f in forms if f != fact.name)}”" if len(forms) > 1 else ""
    return f"**{md_escape(fact.name)}** ({fact.label}), {len(fact.mentions)} mentions in *{md_escape(title)}*{also}"


def quote_markdown(analysis: Analysis, q: Quote, with_title: bool = True) -> str:
    speaker = speaker_name(analysis, q) or "unattributed"
    src = f" ({md_escape(analysis.article.title or analysis.article.name)})" if with_title else ""
    body = " ".join(q.text.split())
    return f"> “{md_escape(body)}” — {md_escape(speaker)}{src}"


def event_markdown(analysis: Analysis, v: Event) -> str:
    when = (v.time.date or v.time.text) if v.time else "undated"
    who = analysis_name(analysis, v.agent) or "—"
    what = ("not " if v.negated else "") + v.text
    if v.patient:
        what += f" {analysis_name(analysis, v.patient)}"
    where = f" in {analysis_name(analysis, v.place_apart)}" if v.place_apart else ""
    sentence = " ".join(analysis.article.text[v.sentence[0] : v.sentence[1]].split())
    return f"- **{md_escape(when)}** — {md_escape(who)} *{md_escape(what)}*{md_escape(where)}\n  > {md_escape(sentence)}"


def speaker_name(analysis: Analysis, q: Quote) -> str | None:
    """The speaker as a reader names them: the entity's name for a resolved pronoun."""
    return analysis_name(analysis, q.speaker) if q.speaker else None


def analysis_name(analysis: Analysis, span) -> str:
    if span is None:
        return ""
    ent = analysis.entity(getattr(span, "entity", None))
    if ent is not None and span.text.lower() in PRONOUNS:
        return ent.name
    return " ".join(span.text.split())


def to_csv(analyses: Analysis | Iterable[Analysis]) -> str:
    """One row per fact (entity mention groups, quotes, events) for spreadsheets."""
    items = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for an in items:
        path = an.article.path
        for e in an.entities:
            first = e.mentions[0]
            w.writerow(_row(path, e.id, "entity", e.label, e.name, first.start, first.end))
        for q in an.quotes:
            w.writerow(_row(path, q.id, "quote", q.kind, q.text, q.start, q.end, speaker=speaker_name(an, q) or ""))
        for v in an.events:
            w.writerow(
                _row(
                    path, v.id, "event", v.lemma, v.text, v.start, v.end,
                    agent=analysis_name(an, v.agent), patient=analysis_name(an, v.patient),
                    time=v.time.text if v.time else "", date=(v.time.date or "") if v.time else "",
                    place=analysis_name(an, v.place),
                )
            )
    return buf.getvalue()


def _row(article, fid, kind, label, text, start, end, **extra) -> dict:
    row = dict.fromkeys(CSV_FIELDS, "")
    row.update(article=_csv_safe(article), id=fid, kind=kind, label=label, text=_csv_safe(text), start=start, end=end)
    row.update({k: _csv_safe(v) for k, v in extra.items()})
    return row


def _csv_safe(value: str) -> str:
    """Keep spreadsheets from running article text as a formula."""
    return "'" + value if value and value[0] in "=+-@\t\r" else value


def render(analysis: Analysis, fmt: str) -> str:
    if fmt == "json":
        return to_json(analysis)
    if fmt == "jsonl":
        return json_line(analysis)
    if fmt == "md":
        return to_markdown(analysis)
    if fmt == "csv":
        return to_csv(analysis)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")


def md_code(text: str) -> str:
    """A code span that holds any text, backticks included (CommonMark's rule)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def md_escape(text: str) -> str:
    """Article text is data: keep it from turning into Markdown structure."""
    return "".join("\\" + c if c in "\\`*_[]<>#|" else c for c in text)


def _by_label(entities: list[Entity]):
    groups: dict[str, list[Entity]] = defaultdict(list)
    for e in entities:
        groups[e.label].append(e)
    order = {lab: i for i, lab in enumerate(NAME_LABELS + VALUE_LABELS)}
    return sorted(groups.items(), key=lambda kv: order.get(kv[0], len(order)))


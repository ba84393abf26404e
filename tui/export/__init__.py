"""Analyses as files people and programs use: JSON, JSONL, Markdown, CSV.

Every format is rendered from the Analysis alone. Where the text goes (a file,
atomically; a stream, in place) is `output`'s job.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Iterable

from ..analysis import Analysis
from ..kinds import LABEL_NAMES as LABEL_NAMES  # re-exported: the Markdown headings of entity labels
from ..kinds import fact_markdown as fact_markdown  # re-exported: one fact as a note (copy)
from ..kinds import kinds
from ..naming import md_escape as md_escape  # re-exported: Markdown-safe article text
from .output import AtomicWriter as AtomicWriter  # re-exported: where exports are written
from .output import OutputError as OutputError
from .output import write_atomic as write_atomic

FORMATS = ("json", "jsonl", "md", "csv")
SUFFIX = {"json": ".json", "jsonl": ".jsonl", "md": ".md", "csv": ".csv"}
CSV_FIELDS = (
    "article", "id", "kind", "label", "text", "start", "end", "speaker", "agent", "patient", "time", "date", "place",
    "modality", "main",
)


def to_json(analysis: Analysis) -> str:
    return json.dumps(analysis.to_dict(), ensure_ascii=False, indent=2) + "\n"


def to_jsonl(analyses: Iterable[Analysis | dict]) -> str:
    return "".join(json_line(a) for a in analyses)


def json_line(item: Analysis | dict) -> str:
    """One JSONL record: an analysis, or an error record (a dict)."""
    data = item.to_dict() if isinstance(item, Analysis) else item
    return json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n"


def to_markdown(analysis: Analysis) -> str:
    """The article's facts for people: a section per kind, in the table's order."""
    a = analysis.article
    out = [f"# {md_escape(a.title or a.name)}", ""]
    meta = [f"Source: {md_code(a.path)}"]
    if a.date:
        meta.append(f"Date: {a.date}")
    out += [" · ".join(meta), ""]
    for kind in kinds():
        out += kind.markdown_section(analysis)
    return "\n".join(out).rstrip() + "\n"


def to_csv(analyses: Analysis | Iterable[Analysis]) -> str:
    """One row per fact (an entity's first mention, a quote, an event, …) for spreadsheets."""
    items = [analyses] if isinstance(analyses, Analysis) else list(analyses)
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for an in items:
        for kind in kinds():
            for fact in kind.facts(an):
                w.writerow(_row(an.article.path, fact.id, kind.key, kind.csv(an, fact)))
    return buf.getvalue()


def _row(article: str, fid: str, kind: str, fields: dict) -> dict:
    """A full row; a field the CSV has no column for raises (DictWriter), never vanishes."""
    row = dict.fromkeys(CSV_FIELDS, "")
    row.update({k: _csv_safe(v) if isinstance(v, str) else v for k, v in fields.items()})
    row.update(article=_csv_safe(article), id=fid, kind=kind)
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

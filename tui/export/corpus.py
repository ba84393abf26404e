"""The cross-article table (`wirelens corpus`) as JSON, CSV and Markdown.

One row per merged entity. The JSON keeps, per article, the ids a program needs to find
the entity's facts in that article's `wirelens/1` output; CSV and Markdown are for people.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Sequence

from ..analysis import Analysis
from ..corpus import CorpusEntity
from ..naming import md_escape
from . import _csv_safe, md_code

SCHEMA = "wirelens-corpus/1"
FORMATS = ("json", "csv", "md")
CSV_FIELDS = ("id", "name", "label", "names", "articles", "mentions", "quotes", "about", "events", "paths")


def to_json(analyses: Sequence[Analysis], rows: Sequence[CorpusEntity], errors: Sequence[dict] = ()) -> str:
    data = {
        "schema": SCHEMA,
        "articles": [
            {"path": a.article.path, "title": a.article.title, "date": a.article.date, "sha256": a.article.sha256}
            for a in analyses
        ],
        "entities": [
            {
                "id": r.id, "name": r.name, "label": r.label, "names": list(r.names),
                "articles": r.articles, "mentions": r.mentions,
                "in": [
                    {"article": p.article, "entity": p.entity, "mentions": p.mentions,
                     "quotes": list(p.quotes), "about": list(p.about), "events": list(p.events)}
                    for p in r.appearances
                ],
            }
            for r in rows
        ],
        "errors": list(errors),
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_csv(analyses: Sequence[Analysis], rows: Sequence[CorpusEntity]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        paths = dict.fromkeys(analyses[p.article].article.path for p in r.appearances)
        w.writerow({
            "id": r.id, "name": _csv_safe(r.name), "label": r.label, "names": _csv_safe(" | ".join(r.names)),
            "articles": r.articles, "mentions": r.mentions,
            "quotes": sum(len(p.quotes) for p in r.appearances), "about": sum(len(p.about) for p in r.appearances),
            "events": sum(len(p.events) for p in r.appearances), "paths": _csv_safe(" | ".join(paths)),
        })
    return buf.getvalue()


def to_markdown(analyses: Sequence[Analysis], rows: Sequence[CorpusEntity]) -> str:
    out = [f"# Corpus: {len(analyses)} article{'' if len(analyses) == 1 else 's'}", ""]
    for i, a in enumerate(analyses, 1):
        date = f" · {a.article.date}" if a.article.date else ""
        out.append(f"{i}. {md_escape(a.article.title or a.article.name)} ({md_code(a.article.path)}){date}")
    out += ["", "| Entity | Label | Articles | Mentions | Quotes | Events | Also called |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        also = ", ".join(md_escape(n) for n in r.names if n != r.name)
        said = sum(len(p.quotes) for p in r.appearances)
        did = sum(len(p.events) for p in r.appearances)
        out.append(f"| {md_escape(r.name)} | {r.label} | {r.articles} | {r.mentions} | {said} | {did} | {also} |")
    return "\n".join(out) + "\n"


def render(analyses: Sequence[Analysis], rows: Sequence[CorpusEntity], fmt: str, errors: Sequence[dict] = ()) -> str:
    if fmt == "json":
        return to_json(analyses, rows, errors)
    if fmt == "csv":
        return to_csv(analyses, rows)
    if fmt == "md":
        return to_markdown(analyses, rows)
    raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")

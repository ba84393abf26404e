"""All three team scorers on the current code, beside raw spaCy on the same files.

Not a pytest test: run it by hand (about two minutes on two cores).

    python tests/eval/scorecard.py                 # the table
    python tests/eval/scorecard.py --keep /tmp/wl  # also keep the prediction folders

The outside set (``../shared/gum/``, 91 documents nobody tuned for) is printed first, then the
development corpus (``../shared/corpus/`` plus ``seeds/``). Predictions are written exactly as
``wirelens extract --format json`` writes them (same code path, no cache), one file per
document, and scored by ``../shared/tools/`` as they are, so the figures mean what the
scorers' READMEs say.
Parses are kept in the temp folder's ``wl-eval-docs`` (keyed by text, model and parse code),
so a rerun after a rule change takes seconds. "raw spaCy" is the pipeline's own ``doc.ents``, each distinct surface
form one entity; spaCy has no quotes or events, so those cells are blank.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("WIRELENS_SHARED", REPO.parent / "shared"))  # the team's data and scorers
sys.path.insert(0, str(REPO))

from tui import nlp as N  # noqa: E402
from tui.export import to_json  # noqa: E402
from tui.facts import analyse  # noqa: E402
from tui.sources import SourceError, read_sources  # noqa: E402

GUM_COLS = [
    ("R", "names R"),
    ("P+", "names P+"),
    ("B3_F", "B³"),
    ("B3a_P", "B³a P"),
    ("B3a_F", "B³a"),
    ("Rpn", "pronoun R"),
]
QUOTE_COLS = [
    ("R", "attrib R"),
    ("R_dir", "direct"),
    ("R_ind", "indirect"),
    ("P_dir", "P_dir"),
    ("Pdir_c", "Pdir_c"),
    ("spk", "speaker"),
]
CORPUS_COLS = [
    ("ent_F", "entity F1"),
    ("q_R", "quote R"),
    ("q_P", "quote P"),
    ("spk_acc", "speaker"),
    ("ev_R", "event R"),
    ("ev_Rm", "main R"),
    ("ev_P", "main P"),
    ("t_acc", "time"),
]


DOCS = Path(tempfile.gettempdir()) / "wl-eval-docs"
#: The code a parse depends on (the dateline pattern cuts paragraphs too), read once.
PARSE_CODE = "".join(p.read_text() for p in (*sorted((REPO / "tui" / "nlp").glob("*.py")), REPO / "tui" / "sources" / "meta.py"))


def parsed(nlp, text: str):
    """The parse of `text`, kept between runs: extraction rules change, the parse does not."""
    from spacy.tokens import Doc

    key = hashlib.sha256((text + nlp.meta["version"] + PARSE_CODE).encode()).hexdigest()
    path = DOCS / f"{key}.spacy"
    if path.exists():
        return Doc(nlp.vocab).from_bytes(path.read_bytes())
    doc = N.parse(nlp, text)
    DOCS.mkdir(exist_ok=True)
    path.write_bytes(doc.to_bytes())
    return doc


def predict(paths: list[Path], ours: Path, raw: Path) -> None:
    """Write both systems' wirelens/1 JSON for every path, named by the file's stem."""
    nlp = N.load()
    model = N.model_info(nlp)
    for path in paths:
        article = read_sources([str(path)])[0]
        assert not isinstance(article, SourceError), article
        doc = parsed(nlp, article.text)
        (ours / f"{path.stem}.json").write_text(to_json(analyse(article, doc, model)), encoding="utf-8")
        (raw / f"{path.stem}.json").write_text(json.dumps(raw_spacy(article.text, doc)), encoding="utf-8")
        names = raw.parent / raw.name.replace("-raw", "-names")
        if names.is_dir():  # the same prediction with its name mentions only (see NAMES_ONLY)
            (names / f"{path.stem}.json").write_text(json.dumps(names_only(analyse(article, doc, model).to_dict())),
                                                     encoding="utf-8")


#: score_gum.py counts every mention of a PERSON/ORG/... entity as a predicted name, so a
#: pronoun rightly joined to a person that GUM's gold does not list (no Wikipedia identity)
#: counts against names P+. This row scores the same output with name mentions only: the
#: names columns are read from it, the pronoun columns from the full output.
NAMES_ONLY = "Wirelens, names only"


def names_only(d: dict) -> dict:
    for e in d["entities"]:
        e["mentions"] = [m for m in e["mentions"] if m.get("kind", "name") == "name"]
    d["entities"] = [e for e in d["entities"] if e["mentions"]]
    return d


def raw_spacy(text: str, doc) -> dict:
    forms: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for ent in doc.ents:
        forms[(ent.label_, ent.text)].append({"start": ent.start_char, "end": ent.end_char, "text": ent.text})
    entities = [
        {"id": f"E{i}", "name": name, "label": label, "salience": 0.0, "mentions": ms}
        for i, ((label, name), ms) in enumerate(forms.items(), 1)
    ]
    return {"schema": "wirelens/1", "source": {"text": text}, "entities": entities, "quotes": [], "events": []}


def score(script: str, *args: Path | str) -> dict:
    out = subprocess.run(
        [sys.executable, str(SHARED / "tools" / script), *map(str, args), "--json"],
        capture_output=True, text=True, check=True,
    ).stdout
    figures = json.loads(out[out.rindex("\n{") + 1:] if "\n{" in out else out)
    return figures.get("mean") or figures.get("overall") or figures  # score_gum / quotes / score.py


def row(name: str, figures: dict | None, cols: list[tuple[str, str]]) -> str:
    cells = []
    for key, _ in cols:
        v = figures.get(key) if figures else None
        cells.append(f"{v:.3f}" if isinstance(v, (int, float)) else "—")
    return f"| {name} | " + " | ".join(cells) + " |"


def table(title: str, cols: list[tuple[str, str]], rows: list[tuple[str, dict | None]]) -> str:
    head = f"| {title} | " + " | ".join(label for _, label in cols) + " |"
    rule = "|---" * (len(cols) + 1) + "|"
    return "\n".join([head, rule, *(row(n, f, cols) for n, f in rows)])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gum", type=Path, default=SHARED / "gum")
    ap.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    ap.add_argument("--keep", type=Path, help="write the predictions here and keep them")
    args = ap.parse_args(argv)

    work = args.keep or Path(tempfile.mkdtemp(prefix="wl-eval-"))
    dirs = {k: work / k for k in ("gum-ours", "gum-raw", "gum-names", "corpus-ours", "corpus-raw", "corpus-text")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    gum = sorted(args.gum.glob("*.txt"))
    predict(gum, dirs["gum-ours"], dirs["gum-raw"])
    gold = args.corpus / "gold"
    texts = sorted(args.corpus.glob("*.txt")) + sorted((REPO / "seeds").glob("*.txt"))
    corpus = sorted({p.stem: p for p in texts if (gold / f"{p.stem}.json").exists()}.values())
    for p in corpus:  # score.py wants the articles in one folder
        (dirs["corpus-text"] / p.name).write_bytes(p.read_bytes())
    predict(corpus, dirs["corpus-ours"], dirs["corpus-raw"])
    took = time.perf_counter() - t0

    print(f"## Outside: {len(gum)} GUM documents\n")
    print(table("names and grouping", GUM_COLS, [
        ("Wirelens", score("score_gum.py", args.gum, dirs["gum-ours"])),
        (NAMES_ONLY, score("score_gum.py", args.gum, dirs["gum-names"])),
        ("raw spaCy", score("score_gum.py", args.gum, dirs["gum-raw"])),
    ]))
    print()
    print(table("quotes", QUOTE_COLS, [
        ("Wirelens", score("score_quotes_vs_gum.py", args.gum, dirs["gum-ours"])),
        ("raw spaCy", None),
    ]))
    print(f"\n## Development: {len(corpus)} corpus articles\n")
    print(table("facts", CORPUS_COLS, [
        ("Wirelens", score("score.py", dirs["corpus-text"], gold, dirs["corpus-ours"])),
        ("raw spaCy", {"ent_F": score("score.py", dirs["corpus-text"], gold, dirs["corpus-raw"])["ent_F"]}),
    ]))
    print(f"\n({len(gum) + len(corpus)} documents analysed in {took:.0f} s; predictions in {work})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

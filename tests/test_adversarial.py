"""Adversarial shapes (issue 13): extraction stays linear, and stops soon after a cancel.

The scaling itself is measured by tests/bench (no timings here but generous bounds on
pure text functions, each 20x or more above what they take now and far below what
the quadratic versions took). The cancellation tests count work done after the
cancel instead of timing it.
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

from tui import nlp as N
from tui.analysis import Article
from tui.facts import analyse
from tui.facts.entities import _defined_acronyms, _group_by_key, _merge
from tui.facts.quotes import _Intervals, marked_passages, paragraphs

sys.path.insert(0, str(Path(__file__).parent / "bench"))
import shapes  # noqa: E402  (tests/bench/shapes.py: the generators the bench uses)


def test_dialogue_paragraph_keeps_every_speaker(analyse_text):
    text = '"Hi," said Ann. "Yes," said Bob. ' * 3
    a = analyse_text(text)
    got = [(q.start, q.end, q.text, q.speaker.text, q.speaker.start, q.cue.text) for q in a.quotes]
    assert got == [
        (1, 3, "Hi", "Ann", 11, "said"), (17, 20, "Yes", "Bob", 28, "said"),
        (34, 36, "Hi", "Ann", 44, "said"), (50, 53, "Yes", "Bob", 61, "said"),
        (67, 69, "Hi", "Ann", 77, "said"), (83, 86, "Yes", "Bob", 94, "said"),
    ]


def test_single_marks_inside_double_quotes_are_not_passages():
    """The pointer that replaced any(a <= i < b …) must still skip marks inside “…” only."""
    text = "He said \"it's 'fine' now\" and 'ok then' she said, ‘quite so’ — “yes” \"no"
    got = [(p.start, p.end, p.outer, p.closed) for p in marked_passages(text, paragraphs(text))]
    assert got == [
        (9, 24, (8, 25), True),  # it's 'fine' now: the single marks belong to it
        (31, 38, (30, 39), True),  # ok then
        (51, 59, (50, 60), True),  # quite so
        (64, 67, (63, 68), True),  # yes
        (70, 72, (69, 72), False),  # no, never closed
    ]


def test_intervals_find_overlaps_across_nested_layers():
    iv = _Intervals()
    for k, (a, b) in enumerate([(0, 100), (10, 20), (30, 40), (50, 60), (120, 130)]):
        iv.add(a, b, k)
    assert sorted(iv.overlapping(35, 55)) == [0, 2, 3]
    assert sorted(iv.overlapping(20, 30)) == [0]  # half-open: [10, 20) and [30, 40) do not touch it
    assert sorted(iv.overlapping(100, 120)) == []
    assert sorted(iv.overlapping(125, 126)) == [4]
    assert len(iv.layers) == 2


def test_quote_marks_shape_scans_in_linear_time():
    """400 KB of quote marks in one paragraph: about 0.4 s here; the per-range any() took minutes."""
    text = shapes.marks(400_000)
    t = time.perf_counter()
    passages = marked_passages(text, paragraphs(text))
    assert time.perf_counter() - t < 20
    assert len(passages) > 10_000
    assert all(0 <= p.start < p.end <= len(text) for p in passages)


def test_acronym_definitions_and_uses_in_one_pass():
    text = "Alpha Beta Gamma (ABG) met the Delta Union (DU). Later ABG and DU spoke; ABGX did not."
    names = [(0, 10, "Alpha Beta", "ORG"), (31, 42, "Delta Union", "ORG")]  # spaCy's fragment, a whole name
    rows, aliases = _defined_acronyms(text, names)
    assert rows == [
        (0, 16, "Alpha Beta Gamma", "ORG"),  # the fragment became the whole long form
        (18, 21, "ABG", "ORG"),
        (31, 42, "Delta Union", "ORG"),
        (44, 46, "DU", "ORG"),
        (55, 58, "ABG", "ORG"),
        (63, 65, "DU", "ORG"),  # not ABGX
    ]
    assert aliases == {"abg": "alpha beta gamma", "du": "delta union"}


def test_many_acronym_definitions_are_linear():
    """20,000 definitions on one line: the rescans per definition took minutes."""
    parts, names, pos = [], [], 0
    for k in range(20_000):
        chunk = f"Kappa Lambda Union{k} (KLU) and "
        names.append((pos, pos + len(f"Kappa Lambda Union{k}"), f"Kappa Lambda Union{k}", "ORG"))
        parts.append(chunk)
        pos += len(chunk)
    text = "".join(parts)
    t = time.perf_counter()
    rows, aliases = _defined_acronyms(text, names)
    assert time.perf_counter() - t < 30
    assert len(rows) == 40_000  # each name and the KLU in its parentheses
    assert aliases == {"klu": "kappa lambda union19999"}  # the last definition wins, as before


def test_a_long_list_of_names_merges_each_surname_into_its_person():
    """Each one-word surname joins its only person; 10,000 people used to be 10^8 comparisons."""
    mentions, pos = [], 0
    for k in range(10_000):
        full, last = f"Ann {shapes._surname(k)}", shapes._surname(k)
        mentions.append((pos, pos + len(full), full, "PERSON"))
        mentions.append((pos + 100, pos + 100 + len(last), last, "GPE"))  # spaCy's wrong label for "Kaez"
        pos += 200
    t = time.perf_counter()
    groups = _merge(_group_by_key(mentions))
    assert time.perf_counter() - t < 30
    assert len(groups) == 10_000
    assert all(len(g.mentions) == 2 and g.person for g in groups)


def test_chunks_of_every_shape_fit_the_piece_size():
    """The parse is cancellable between pieces only if no piece is long: incl. one sentence,
    one dialogue paragraph, and a run of spaces (which was one piece, over max_length)."""
    texts = [f(60_000) for f in shapes.SHAPES.values()] + ["a" + " " * 5000 + "b", "x " + "\n" * 9000 + "y"]
    for text in texts:
        pieces = list(N.chunks(text))
        assert "".join(text[a:b] for a, b in pieces) == text
        assert max(b - a for a, b in pieces) <= N.CHUNK_CHARS + 3  # a cut after ". " may keep the space


# --- cancellation ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def dialogue_doc(nlp):
    text = shapes.dialogue(12_000) + "\n" + shapes.sentence(6_000) + "\n" + shapes.names(6_000)
    return text, N.parse(nlp, text)


class Flip:
    """A `cancelled` callback that turns true at its `at`-th call and counts calls after that."""

    def __init__(self, at: int) -> None:
        self.at, self.calls, self.after = at, 0, 0

    def __call__(self) -> bool:
        self.calls += 1
        if self.calls > self.at:
            self.after += 1
        return self.calls >= self.at


def test_extraction_stops_at_the_first_true_answer_in_every_stage(nlp, dialogue_doc):
    text, doc = dialogue_doc
    article, info = Article("d.txt", text), N.model_info(nlp)
    counting = Flip(10**9)
    whole = analyse(article, doc, info, cancelled=counting)
    assert whole == analyse(article, doc, info)  # asking changes nothing
    total = counting.calls
    assert total > 200  # asked all along: every 16 items of some thousands
    for at in (1, total // 4, total // 2, 3 * total // 4, total):  # entities ... events
        flip = Flip(at)
        assert analyse(article, doc, info, cancelled=flip) is None
        assert (flip.calls, flip.after) == (at, 0)  # no more work after the true answer


def test_extraction_asks_often(nlp, dialogue_doc):
    """Between two questions there is never much work (about a ms; the bound is 100x that).
    Work is this thread's CPU time, so a busy machine does not stretch it."""
    text, doc = dialogue_doc
    stamps: list[float] = []

    def ask() -> bool:
        stamps.append(time.thread_time())
        return False

    analyse(Article("d.txt", text), doc, N.model_info(nlp), cancelled=ask)
    assert max(b - a for a, b in zip(stamps, stamps[1:], strict=False)) < 0.1


def _run_in_thread(fn):
    box: dict = {}
    th = threading.Thread(target=lambda: box.setdefault("result", fn()), daemon=True)
    th.start()
    return th, box


def test_model_analyser_stops_parsing_at_the_next_piece(nlp, monkeypatch):
    from tui.analyser import ModelAnalyser

    text = shapes.dialogue(40_000)
    stop, added_after = threading.Event(), []
    real_add = N.Pieces.add

    def add(self, doc):
        if stop.is_set():
            added_after.append(len(doc))
        return real_add(self, doc)

    monkeypatch.setattr(N.Pieces, "add", add)

    def progress(msg: str) -> None:
        if msg.startswith("Analysing… ") and msg[11:].split("%")[0].isdigit() and int(msg[11:].split("%")[0]) >= 10:
            stop.set()

    th, box = _run_in_thread(lambda: ModelAnalyser(cache=False)(Article("d.txt", text), progress=progress, cancelled=stop.is_set))
    assert stop.wait(60)
    cancelled_at = time.perf_counter()
    th.join(10)
    assert not th.is_alive() and box["result"] is None
    assert time.perf_counter() - cancelled_at < 1  # a piece takes a few ms
    assert len(added_after) <= 1  # at most the piece that was being parsed


def test_model_analyser_stops_extracting(nlp, monkeypatch):
    """Cancelled once the extraction runs (not before it): it returns None without finishing."""
    import tui.facts
    from tui.analyser import ModelAnalyser

    text = shapes.dialogue(15_000) + "\n" + shapes.marks(5_000)
    state = {"extracting": False, "calls_after": 0, "returned": "not yet"}
    real = tui.facts.analyse

    def spy(article, doc, model, *, cancelled=None):
        state["extracting"] = True
        state["returned"] = real(article, doc, model, cancelled=cancelled)
        return state["returned"]

    monkeypatch.setattr(tui.facts, "analyse", spy)
    flipped: list[float] = []

    def cancelled() -> bool:
        if not state["extracting"]:
            return False
        if flipped:
            state["calls_after"] += 1
            return True
        if state.setdefault("asked", 0) < 20:  # some way into the extraction
            state["asked"] += 1
            return False
        flipped.append(time.perf_counter())
        return True

    analyser = ModelAnalyser(cache=False)
    th, box = _run_in_thread(lambda: analyser(Article("d.txt", text), progress=lambda m: None, cancelled=cancelled))
    th.join(120)
    assert not th.is_alive() and box["result"] is None
    assert state["returned"] is None  # stopped inside analyse, not after it
    assert state["calls_after"] == 0  # nothing asked (so nothing done) after the true answer
    assert time.perf_counter() - flipped[0] < 1

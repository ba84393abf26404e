"""The Corpus screen's batch in the analysis child (`tui.analyser_many`): each article answered
by its path, cached ones in the parent, what the reader opens served before the rest.

The child's side runs here in-process with a fake model; the parent's against a fake child
(a few lines of Python, no spaCy); the real child is `slow`.
"""

from __future__ import annotations

import json
import sys
import threading
import time

import pytest
from test_analyser_process import TEXT, fake_child, never_cancelled

from tui.analyser import ModelAnalyser
from tui.analyser_many import Requests, serve_many
from tui.analyser_process import ProcessAnalyser, _serve
from tui.analysis import Analysis, Article, ModelInfo

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def art(name: str) -> dict:
    return {"path": f"{name}.txt", "title": name, "date": None, "text": f"{name.upper()} spoke.\n"}


class FakeModel:
    """The child's analyser without spaCy: `many` takes its articles one at a time, as nlp.pipe would."""

    def __init__(self) -> None:
        self.jobs: list[int] = []

    def many(self, articles, *, cancelled, jobs=1):
        self.jobs.append(jobs)
        for a in articles:
            yield a, Analysis(a, ModelInfo("fake", "1"))

    def __call__(self, article, *, progress, cancelled, partial=None):
        return Analysis(article, ModelInfo("fake", "1"))


def test_the_child_answers_a_batch_by_path_with_what_the_reader_opened_first_and_a_single_between():
    requests = Requests()
    for msg in ({"op": "many", "id": 1, "jobs": 2}, *({"op": "more", "id": 1, "article": art(n)} for n in "abcd"),
                {"op": "end", "id": 1}, {"op": "first", "id": 1, "path": "d.txt"},
                {"op": "analyse", "id": 2, "article": art("x")}):
        requests.route(msg)
    sent: list[dict] = []
    model = FakeModel()
    req, box = requests.next()  # the single one comes first
    assert box is None and req["id"] == 2
    req, box = requests.next()
    assert box is not None and req["op"] == "many"
    requests.route({"op": "analyse", "id": 3, "article": art("y")})  # this one comes while the batch runs

    def between():
        for single in requests.waiting_singles():
            _serve(single, model, sent.append, requests.cancelled)

    serve_many(req, box, model, sent.append, requests.cancelled, between)
    answers = [(m["id"], m.get("path") or m.get("result", {}).get("source", {}).get("path"))
               for m in sent if "result" in m]
    assert answers == [(1, "d.txt"), (3, "y.txt"), (1, "a.txt"), (1, "b.txt"), (1, "c.txt")]
    assert sent[-1] == {"id": 1, "done": True} and model.jobs == [2]


def test_a_cancelled_batch_stops_taking_articles():
    requests = Requests()
    requests.route({"op": "many", "id": 1})
    for n in "abc":
        requests.route({"op": "more", "id": 1, "article": art(n)})
    req, box = requests.next()
    sent: list[dict] = []

    def cancel_after_first():
        requests.route({"op": "cancel", "id": 1})

    serve_many(req, box, FakeModel(), sent.append, requests.cancelled, cancel_after_first)
    assert [m["path"] for m in sent if "result" in m] == ["a.txt"]
    assert sent[-1] == {"id": 1, "cancelled": True}


def result_of(path: str) -> dict:
    return {"schema": "wirelens/1", "source": {"path": path, "title": None, "date": None, "sha256": "x"},
            "model": {"name": "m", "version": "1"}, "entities": [], "quotes": [], "events": []}


def test_the_parent_sends_a_batch_and_reads_each_answer_back_onto_its_article():
    child = fake_child(f"""
        result = json.loads({json.dumps(json.dumps(result_of("?")))})
        send({{"ready": True}})
        held = []
        for req in requests():
            if req["op"] == "more":
                held.append(req["article"]["path"])
            elif req["op"] == "end":
                for i, path in enumerate(held):
                    if path == "b.txt":
                        send({{"id": req["id"], "path": path, "error": "no words to read"}})
                        continue
                    send({{"id": req["id"], "add": "entities", "items": []}})
                    send({{"id": req["id"], "path": path, "result": result}})
                send({{"id": req["id"], "done": True}})
    """)
    articles = [Article(f"{n}.txt", f"{n.upper()} spoke.\n") for n in "abc"]
    pa = ProcessAnalyser(cache=False, command=child, fallback=lambda *a, **kw: None)
    try:
        got = list(pa.many(iter(articles), cancelled=never_cancelled, jobs=2))
    finally:
        pa.close()
    assert pa.failure is None
    assert [a.path for a, _ in got] == ["a.txt", "b.txt", "c.txt"]
    assert got[0][1].article is articles[0] and got[2][1].article is articles[2]
    assert isinstance(got[1][1], Exception) and str(got[1][1]) == "no words to read"


def test_a_batch_whose_child_dies_goes_on_in_process():
    articles = [Article(f"{n}.txt", f"{n.upper()} spoke.\n") for n in "ab"]
    fallback = FakeModel()
    pa = ProcessAnalyser(cache=False, command=fake_child("import sys; sys.exit(3)"), fallback=fallback)
    try:
        got = list(pa.many(articles, cancelled=never_cancelled, jobs=1))
    finally:
        pa.close()
    assert [a.path for a, r in got if isinstance(r, Analysis)] == ["a.txt", "b.txt"]
    assert pa.failure is not None


@pytest.mark.slow
def test_the_real_child_batch_finds_what_the_in_process_batch_finds(nlp):
    articles = [Article(f"{i}.txt", TEXT.replace("Thursday", day), date="2023-10-19")
                for i, day in enumerate(("Thursday", "Friday", "Monday"))]
    pa = ProcessAnalyser(cache=False)
    try:
        got = list(pa.many(iter(articles), cancelled=never_cancelled, jobs=1))
        assert pa.failure is None
    finally:
        pa.close()
    here = list(ModelAnalyser(cache=False).many(articles, cancelled=never_cancelled, jobs=1))
    assert [a.path for a, _ in got] == [a.path for a, _ in here] == ["0.txt", "1.txt", "2.txt"]
    assert [r.to_dict() for _, r in got] == [Analysis.from_dict(r.to_dict()).to_dict() for _, r in here]


@pytest.mark.slow
def test_the_real_child_batch_with_two_jobs_finishes_and_leaves_no_process(nlp):
    from test_analyser_process import alive, children_of

    articles = [Article(f"{i}.txt", TEXT.replace("Thursday", day), date="2023-10-19")
                for i, day in enumerate(("Thursday", "Friday", "Monday", "Sunday"))]
    pa = ProcessAnalyser(cache=False)
    done = threading.Event()
    got: list = []

    def run() -> None:
        got.extend(pa.many(iter(articles), cancelled=never_cancelled, jobs=2))
        done.set()

    threading.Thread(target=run, daemon=True).start()
    try:
        # the forked workers used to wait for ever on the child's stdin lock
        assert done.wait(120), "the two-job batch never finished"
        assert pa.failure is None
        assert [a.path for a, r in got if isinstance(r, Analysis)] == ["0.txt", "1.txt", "2.txt", "3.txt"]
        child = pa.pid
        assert child is not None
    finally:
        started = time.monotonic()
        pa.close()
    assert time.monotonic() - started < 5, "close() waited on the child's output"
    assert not alive(child) and not [p for p in children_of(child) if alive(p)]

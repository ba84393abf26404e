"""The analysis child process (`tui.analyser_process`): the same facts as in-process, cancel,
no orphan ever, and the in-process fallback when the child fails.

Fake children (a few lines of Python, no spaCy) cover the protocol's edges fast; the tests
with the real model start fresh interpreters and are `slow`.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time

import pytest

from tui.analyser import ModelAnalyser
from tui.analyser_process import PER_THREAD_NICE, ProcessAnalyser, lowered
from tui.analysis import Analysis, Article, ModelInfo

TEXT = ("Zhai Jun, China's special envoy, landed in Qatar on Thursday. "
        "“The fighting must stop,” Zhai said. The ministry said talks would continue.\n")


def alive(pid: int) -> bool:
    """Whether a process exists and is not a zombie."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def children_of(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    if int(fh.read().rsplit(")", 1)[1].split()[1]) == pid:
                        found.append(int(entry))
            except (OSError, ValueError, IndexError):
                pass
    return found


def gone_within(pid: int, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not alive(pid):
            return True
        time.sleep(0.05)
    return not alive(pid)


def fake_child(body: str) -> list[str]:
    """A child that speaks the protocol as `body` says (it gets `send(dict)` and `requests()`)."""
    code = textwrap.dedent("""
        import json, sys, time
        def send(msg):
            sys.stdout.write(json.dumps(msg) + "\\n"); sys.stdout.flush()
        def requests():
            for line in sys.stdin:
                yield json.loads(line)
    """) + textwrap.dedent(body)
    return [sys.executable, "-c", code]


def never_cancelled() -> bool:
    return False


pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_a_result_from_the_child_is_read_back_onto_the_parents_article():
    """The child's wirelens/1 dict comes without the text; the Analysis carries the parent's article."""
    article = Article("a.txt", "Zhai Jun spoke.", title="T", date="2023-10-19")
    result = {"schema": "wirelens/1", "source": {"path": "a.txt", "title": "T", "date": "2023-10-19", "sha256": "x"},
              "model": {"name": "m", "version": "1"},
              "entities": [{"id": "E1", "name": "Zhai Jun", "label": "PERSON", "salience": 1.0,
                            "mentions": [{"start": 0, "end": 8, "text": "Zhai Jun", "kind": "name"}]}],
              "quotes": [], "events": []}
    child = fake_child(f"""
        send({{"ready": True}})
        for req in requests():
            send({{"id": req["id"], "progress": "Analysing… 50%"}})
            send({{"id": req["id"], "result": {json.dumps(result)!s}}})
    """)
    pa = ProcessAnalyser(cache=False, command=child)
    said: list[str] = []
    try:
        got = pa(article, progress=said.append, cancelled=never_cancelled)
    finally:
        pa.close()
    assert isinstance(got, Analysis)
    assert got.article is article
    assert got.model == ModelInfo("m", "1")
    assert [e.name for e in got.entities] == ["Zhai Jun"]
    assert "Analysing… 50%" in said
    assert pa.failure is None


def test_a_result_sent_in_chunks_is_put_back_together_in_order(monkeypatch):
    """The child sends a result's facts a few per line, then the rest of it: the parent joins them."""
    from tui import analyser_process

    monkeypatch.setattr(analyser_process, "CHUNK", 2)
    article = Article("a.txt", "Ann and Bob and Cid and Dee met.")
    entities = tuple(analyser_process.Analysis.from_dict({
        "schema": "wirelens/1", "source": {"path": "a.txt", "text": article.text}, "model": {"name": "m", "version": "1"},
        "entities": [{"id": f"E{i}", "name": n, "label": "PERSON", "salience": 0.25,
                      "mentions": [{"start": article.text.index(n), "end": article.text.index(n) + 3, "text": n,
                                    "kind": "name"}]} for i, n in enumerate(["Ann", "Bob", "Cid", "Dee"], 1)],
    }).entities)
    lines: list[dict] = []
    analyser_process._send_analysis(lines.append, 7, "result", Analysis(article, ModelInfo("m", "1"), entities))
    assert [m.get("add") for m in lines] == ["entities", "entities", None]  # 2 + 2 facts, then the rest
    assert "text" not in lines[-1]["result"]["source"]
    child = fake_child(f"""
        for req in requests():
            for line in json.loads({json.dumps(json.dumps(lines))}):
                line["id"] = req["id"]
                send(line)
    """)
    pa = ProcessAnalyser(cache=False, command=child, fallback=lambda *a, **kw: None)
    try:
        got = pa(article, progress=lambda m: None, cancelled=never_cancelled)
    finally:
        pa.close()
    assert pa.failure is None
    assert got is not None and got.entities == entities and got.article is article


def test_a_child_that_dies_falls_back_to_the_in_process_analyser():
    article = Article("a.txt", TEXT)
    expected = Analysis(article, ModelInfo("fake", "0"))
    calls = []

    def fallback(art, *, progress, cancelled, partial=None):
        calls.append(art)
        return expected

    pa = ProcessAnalyser(cache=False, command=fake_child("sys.exit(3)"), fallback=fallback)
    try:
        got = pa(article, progress=lambda m: None, cancelled=never_cancelled)
    finally:
        pa.close()
    assert got is expected and calls == [article]
    assert pa.failure and "ended" in pa.failure


def test_a_child_that_cannot_start_falls_back_too(tmp_path):
    article = Article("a.txt", TEXT)
    expected = Analysis(article, ModelInfo("fake", "0"))
    pa = ProcessAnalyser(cache=False, command=[str(tmp_path / "no-such-python")],
                         fallback=lambda art, **kw: expected)
    try:
        assert pa(article, progress=lambda m: None, cancelled=never_cancelled) is expected
    finally:
        pa.close()
    assert pa.failure and "cannot start" in pa.failure


def test_a_child_that_sends_nonsense_falls_back():
    article = Article("a.txt", TEXT)
    expected = Analysis(article, ModelInfo("fake", "0"))
    child = fake_child("""
        for req in requests():
            send({"id": req["id"], "result": {"schema": "something else"}})
    """)
    pa = ProcessAnalyser(cache=False, command=child, fallback=lambda art, **kw: expected)
    try:
        assert pa(article, progress=lambda m: None, cancelled=never_cancelled) is expected
    finally:
        pa.close()
    assert pa.failure and "bad result" in pa.failure


def test_an_analysis_error_in_the_child_is_raised_not_retried_in_process():
    """A model that cannot load fails the same way in-process: the one line is shown, no fallback."""
    child = fake_child("""
        for req in requests():
            send({"id": req["id"], "error": "no English spaCy model is installed"})
    """)
    used = []
    pa = ProcessAnalyser(cache=False, command=child, fallback=lambda *a, **kw: used.append(1))
    try:
        with pytest.raises(RuntimeError, match="no English spaCy model"):
            pa(Article("a.txt", TEXT), progress=lambda m: None, cancelled=never_cancelled)
    finally:
        pa.close()
    assert used == []


def test_cancel_returns_at_once_and_a_child_that_ignores_it_is_killed(monkeypatch):
    monkeypatch.setattr("tui.analyser_process.GRACE", 0.3)
    child = fake_child("""
        send({"ready": True})
        for req in requests():
            pass  # never answers, never stops
    """)
    pa = ProcessAnalyser(cache=False, command=child)
    stop = threading.Event()
    box = {}
    try:
        assert pa.start()
        pid = pa.pid
        assert pid is not None and alive(pid)
        th = threading.Thread(target=lambda: box.update(
            result=pa(Article("a.txt", TEXT), progress=lambda m: None, cancelled=stop.is_set)))
        th.start()
        time.sleep(0.2)
        stop.set()
        th.join(10)
        assert not th.is_alive() and box == {"result": None}
        assert gone_within(pid, 10), "the child that ignored the cancel is still running"
    finally:
        pa.close()


def test_a_child_that_stops_when_cancelled_is_kept_for_the_next_article():
    child = fake_child("""
        send({"ready": True})
        waiting = None
        for req in requests():
            if req["op"] == "analyse" and "slow" in req["article"]["path"]:
                waiting = req["id"]
            elif req["op"] == "cancel" and req["id"] == waiting:
                send({"id": waiting, "cancelled": True})
            elif req["op"] == "analyse":
                send({"id": req["id"], "result": {"schema": "wirelens/1", "source": {"path": req["article"]["path"]},
                      "model": {"name": "m", "version": "1"}}})
    """)
    pa = ProcessAnalyser(cache=False, command=child)
    stop = threading.Event()
    try:
        pa.start()
        pid = pa.pid
        timer = threading.Timer(0.2, stop.set)
        timer.start()
        assert pa(Article("slow.txt", TEXT), progress=lambda m: None, cancelled=stop.is_set) is None
        got = pa(Article("next.txt", TEXT), progress=lambda m: None, cancelled=never_cancelled)
        assert got is not None and got.article.path == "next.txt"
        assert pa.pid == pid and pa.failure is None  # the same child, its model kept
    finally:
        pa.close()


def test_close_kills_the_child_and_a_later_call_falls_back_to_nothing():
    pa = ProcessAnalyser(cache=False, command=fake_child("""
        send({"ready": True})
        for req in requests():
            pass
    """))
    pa.start()
    pid = pa.pid
    assert pid is not None
    pa.close()
    assert not alive(pid)
    assert not pa.start()  # closed for good


# --- the real child (spaCy in a fresh interpreter) ----------------------------------------------


@pytest.mark.slow
def test_the_child_finds_what_the_in_process_analyser_finds(nlp):
    article = Article("small.txt", TEXT, date="2023-10-19")
    pa = ProcessAnalyser(cache=False)
    said: list[str] = []
    try:
        got = pa(article, progress=said.append, cancelled=never_cancelled)
        assert pa.failure is None
    finally:
        pa.close()
    here = ModelAnalyser(cache=False)(article, progress=lambda m: None, cancelled=never_cancelled)
    assert got is not None and here is not None
    assert got.article is article
    # The child's result is the wirelens/1 JSON (salience rounded there), exactly as the cache keeps it.
    assert got.to_dict() == here.to_dict() == Analysis.from_dict(here.to_dict()).to_dict()
    assert got.entities and got.quotes and got.events


@pytest.mark.slow
def test_the_real_child_stops_on_cancel_and_analyses_the_next_article(nlp):
    long_text = TEXT * 400
    pa = ProcessAnalyser(cache=False)
    stop = threading.Event()
    progress: list[str] = []

    def on_progress(text: str) -> None:
        progress.append(text)
        if text.startswith("Analysing… ") and text[11:12].isdigit():
            stop.set()  # cancel once the parse is under way

    try:
        assert pa(Article("long.txt", long_text), progress=on_progress, cancelled=stop.is_set) is None
        pid = pa.pid
        assert pid is not None and alive(pid)
        got = pa(Article("small.txt", TEXT), progress=lambda m: None, cancelled=never_cancelled)
        assert got is not None and got.entities
        assert pa.pid == pid and pa.failure is None
    finally:
        pa.close()
    assert not alive(pid)


@pytest.mark.slow
def test_the_child_exits_when_its_parent_is_killed(tmp_path):
    """SIGKILL leaves no chance to clean up: the child sees its standard input close and exits."""
    script = tmp_path / "parent.py"
    script.write_text(textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {os.path.dirname(os.path.dirname(os.path.abspath(__file__)))!r})
        from tui.analyser_process import ProcessAnalyser
        pa = ProcessAnalyser(cache=False)
        pa.start()
        print(pa.pid, flush=True)
        time.sleep(600)
    """), encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        child = int(parent.stdout.readline())
        assert alive(child)
        parent.kill()
        parent.wait(30)
        assert gone_within(child, 30), "the analysis child outlived its killed parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()


@pytest.mark.slow
@pytest.mark.parametrize("how", ["q", "SIGTERM", "SIGHUP", "SIGINT"])
def test_no_analysis_child_is_left_after_the_app_ends(tmp_path, how):
    """The explorer starts its analysis child at once; quitting (or a signal) ends it too."""
    from test_app_safety import read_until, start_in_a_terminal, wait_exit

    pid, fd = start_in_a_terminal(tmp_path)
    out = bytearray()
    status = None
    kids: list[int] = []
    try:
        read_until(fd, out, lambda: b"Entities" in out, 60)
        kids = children_of(pid)
        assert kids, "no analysis child was started"
        if how == "q":
            os.write(fd, b"q")
        else:
            os.kill(pid, getattr(signal, how))
        for _ in range(300):
            status = wait_exit(pid, 0.1)
            read_until(fd, out, lambda: False, 0.02)
            if status is not None:
                break
        assert status is not None, "the app did not end"
    finally:
        if status is None:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
        os.close(fd)
    for kid in kids:
        assert gone_within(kid, 10), f"child {kid} outlived the app ({how})"


# --- priority -----------------------------------------------------------------------------------


def _thread_nice() -> int:
    return os.getpriority(os.PRIO_PROCESS, threading.get_native_id())


@pytest.mark.skipif(not PER_THREAD_NICE, reason="a thread's own priority is Linux's")
def test_the_child_loads_lowered_and_keeps_its_own_priority_for_the_analyses():
    ours = _thread_nice()
    seen: list[int] = []
    lowered(lambda: seen.append(_thread_nice()), 5)
    assert seen == [min(19, ours + 5)] and _thread_nice() == ours
    with pytest.raises(ValueError, match="no model"):
        lowered(lambda: (_ for _ in ()).throw(ValueError("no model")), 5)


@pytest.mark.skipif(not PER_THREAD_NICE, reason="a thread's own priority is Linux's")
def test_the_real_child_answers_at_the_apps_priority_after_its_start():
    pa = ProcessAnalyser(model="no_such_model_installed", cache=False, fallback=lambda *a, **kw: None)
    try:
        assert pa.start() and pa.ready.wait(30)  # the load failed at once: no spaCy needed
        with open(f"/proc/{pa.pid}/stat") as fh:  # its main thread, which serves the requests
            nice = int(fh.read().rsplit(")", 1)[1].split()[16])
        assert nice == _thread_nice()
    finally:
        pa.close()

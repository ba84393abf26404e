"""Wirelens against the budgets of DESIGN.md, each next to a baseline measured in the same run.

Run by hand from the repository root (pytest never collects it):

    python tests/bench/bench.py                 # the eight budget lines, a few minutes
    python tests/bench/bench.py --articles 1000 # the full batch run of the issue
    python tests/bench/bench.py --long          # also 10k/50k/100k-word analysis time and memory
    python tests/bench/bench.py --only 3,5      # some lines only
    python tests/bench/bench.py --only 9,10     # adversarial shapes and cancel latency (issue 13)
    python tests/bench/bench.py --big 1,2,5     # `wirelens extract` time and peak memory on N MB of news

Every number comes from the project's own code (`import tui.*`). Long texts are the
corpus articles of seeds/ joined (repeated) until they reach the word count. Fresh
processes are started where the budget is about start-up or peak memory; the
top-level imports of this file are kept to the standard library for that reason.
"""

from __future__ import annotations

import time

T_START = time.perf_counter()  # for the launch children: interpreter start is ~this + site import

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_bdc864ace7bdc83f.txt"
SIZE = (160, 45)
sys.path.insert(0, str(ROOT))

# --- helpers ------------------------------------------------------------------------------------


def median(xs):
    return statistics.median(xs)


def maxrss_mb() -> float:
    """Peak resident memory of this process. On Linux ru_maxrss survives exec, so a child
    forked from a big parent would report the parent's size: VmHWM starts afresh."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def corpus() -> list[str]:
    """The corpus articles as the app reads them (decoded, sanitised)."""
    from tui.sources import read_file

    return [read_file(p, str(p)).text for p in sorted(SEEDS.glob("*.txt"))]


def long_text(words: int) -> str:
    """Corpus articles joined, repeated, until the text has `words` words."""
    texts, parts, n, i = corpus(), [], 0, 0
    while n < words:
        t = texts[i % len(texts)].strip()
        parts.append(t)
        n += len(t.split())
        i += 1
    return "\n\n".join(parts) + "\n"


def long_article(words: int):
    from tui.sources import parse_bytes

    return parse_bytes(long_text(words).encode("utf-8"), f"bench/long-{words // 1000}k.txt")


def seed_article():
    from tui.sources import read_file

    return read_file(SEED, str(SEED.relative_to(ROOT)))


def child(mode: str, *args: str, env: dict | None = None, until: str | None = None) -> tuple[float, str]:
    """Run this file in a fresh interpreter; (wall seconds from Popen to `until` or exit, last line)."""
    e = dict(os.environ, **(env or {}))
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    # As after `pip install` (which byte-compiles): cached bytecode, even where the
    # environment sets PYTHONDONTWRITEBYTECODE; kept out of the repository.
    e.pop("PYTHONDONTWRITEBYTECODE", None)
    e.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "wirelens-bench-pycache"))
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, __file__, "--child", mode, *args],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=e,
    )
    last = ""
    elapsed = None
    PHASES.clear()
    assert proc.stdout is not None
    for line in proc.stdout:
        last = line.strip()
        if last.startswith("phases "):
            PHASES.update(kv.split("=") for kv in last.split()[1:])
        if until is not None and last == until:
            elapsed = time.perf_counter() - t0
            break
    rest, err = proc.communicate(timeout=600)
    if elapsed is None:
        elapsed = time.perf_counter() - t0
        last = (rest.strip().splitlines() or [last])[-1] if rest.strip() else last
    if proc.returncode not in (0, None) or (until is not None and last != until and not rest):
        raise RuntimeError(f"child {mode} failed ({proc.returncode}): {err.strip()[-2000:]}")
    return elapsed, last


ROWS: list[tuple] = []
PHASES: dict[str, str] = {}
# WIRELENS_BENCH_PROFILE=out.prof profiles a launch child (python tests/bench/bench.py --child launch visible).
PROFILE = None
if os.environ.get("WIRELENS_BENCH_PROFILE") and "--child" in sys.argv:
    import cProfile

    PROFILE = cProfile.Profile()


def row(n: str, what: str, value: str, budget: str, ok: bool, base: str, note: str = "") -> None:
    ROWS.append((n, what, value, budget, "PASS" if ok else "MISS", base, note))
    print(f"{n:>2}  {what:<44} {value:>12}  {budget:<10} {'PASS' if ok else 'MISS':<4}  baseline {base:<12} {note}", flush=True)


# --- children (fresh processes) -----------------------------------------------------------------


def child_launch(kind: str) -> None:
    """Print 'visible' (or 'filled') the moment a frame is composed with the article (or panels)."""
    if kind == "static":
        from textual.app import App
        from textual.widgets import Static

        text = SEED.read_text(encoding="utf-8")

        class Plain(App):
            def compose(self):
                yield Static(text, markup=False)

        app = Plain()
        done = lambda: True  # noqa: E731 - the text is there from compose
        word = "visible"
    elif kind == "layout":
        app = _stock_layout(SEED.read_text(encoding="utf-8"))
        done = lambda: True  # noqa: E731
        word = "visible"
    else:
        # As `wirelens FILE` does: sources read, the analysis child started, then Textual imported.
        from tui.cli import start_analyser
        from tui.sources import read_sources

        sources = read_sources([str(SEED.relative_to(ROOT))])
        analyser = start_analyser(sources, None, cache=True)  # WIRELENS_CACHE_DIR is an empty folder
        from tui.app import WirelensApp

        app = WirelensApp(sources, analyser=analyser)
        if kind == "visible":
            done = lambda: bool(app.article_view.text)  # noqa: E731
            word = "visible"
        else:
            done = lambda: all(p.state == "ready" for p in app.panels)  # noqa: E731
            word = "filled"

    t_imported = time.perf_counter()
    display = app._display

    def hooked(screen, renderable):
        display(screen, renderable)
        if renderable is not None and done():
            now = time.perf_counter()
            ru = resource.getrusage(resource.RUSAGE_SELF)  # this process's own CPU: steadier than wall time
            print(f"phases imports={t_imported - T_START:.3f} frame={now - t_imported:.3f} "
                  f"cpu={ru.ru_utime + ru.ru_stime:.3f}", flush=True)
            print(word, flush=True)
            if PROFILE is not None:
                PROFILE.disable()
                PROFILE.dump_stats(os.environ["WIRELENS_BENCH_PROFILE"])
            os._exit(0)

    app._display = hooked

    async def main():
        async with app.run_test(size=SIZE) as pilot:
            while True:
                await pilot.pause(0.01)

    asyncio.run(main())


def _stock_layout(text: str):
    """The explorer's first screen built from Textual's own widgets, with no code of ours:
    what Textual alone costs for that many widgets (line 1 prints it beside the budget)."""
    from textual.app import App
    from textual.containers import Horizontal, Vertical
    from textual.widgets import OptionList, Static

    class Layout(App):
        CSS = """
        #articles { display: none; }
        #facts { width: 40%; }
        .panel { border: round $primary; height: 1fr; }
        .spinner { display: none; }
        """

        def compose(self):
            with Horizontal():
                yield OptionList(id="articles")
                with Vertical(classes="panel"):
                    yield Static("", markup=False)
                    yield Static(text, markup=False)
                with Vertical(id="facts"):
                    for _ in range(3):
                        with Vertical(classes="panel"):
                            yield OptionList()
                            yield Static("Analysing…", classes="spinner")
            yield Static("q Quit  ? Help")

    return Layout()


def child_spacy_parse() -> None:
    import spacy

    from tui import nlp as wnlp

    nlp = spacy.load(wnlp.find_model())
    nlp(SEED.read_text(encoding="utf-8"))
    print("done", flush=True)


def child_memory(words: str, kind: str) -> None:
    """Load, analyse one long article; print maxrss and the times as JSON."""
    from tui import nlp
    from tui.facts import analyse

    article = long_article(int(words))
    t0 = time.perf_counter()
    pipeline = nlp.load()
    t1 = time.perf_counter()
    if kind == "spacy":
        pipeline.max_length = max(pipeline.max_length, len(article.text) + 1)
        pipeline(article.text)
        t2 = t3 = time.perf_counter()
    else:
        doc = nlp.parse(pipeline, article.text)
        t2 = time.perf_counter()
        analyse(article, doc, nlp.model_info(pipeline))
        t3 = time.perf_counter()
    print(json.dumps({"maxrss": maxrss_mb(), "load": t1 - t0, "parse": t2 - t1, "analyse": t3 - t2,
                      "words": len(article.text.split())}), flush=True)


def child_shape(shape: str, size: str) -> None:
    """Parse and extract one adversarial shape (tests/bench/shapes.py); print the times and peak memory."""
    sys.path.insert(0, str(Path(__file__).parent))
    import shapes

    from tui import nlp
    from tui.analysis import Article
    from tui.facts import analyse

    text = shapes.SHAPES[shape](int(size))
    pipeline = nlp.load()
    t0 = time.perf_counter()
    doc = nlp.parse(pipeline, text)
    t1 = time.perf_counter()
    runs = []
    for _ in range(3):  # the fastest of three: another process on the machine only ever adds time
        t = time.perf_counter()
        analysis = analyse(Article(f"{shape}.txt", text), doc, nlp.model_info(pipeline))
        runs.append(time.perf_counter() - t)
    print(json.dumps({"parse": t1 - t0, "extract": min(runs), "maxrss": maxrss_mb(), "chars": len(text),
                      "facts": len(analysis.entities) + len(analysis.quotes) + len(analysis.events)}), flush=True)


def child_extract(path: str) -> None:
    """`wirelens extract --no-cache` in-process on one big file; print wall time and peak memory."""
    from tui import cli

    t0 = time.perf_counter()
    code = cli.main(["extract", "--no-cache", "--max-bytes", "64M", path, "-o", os.devnull])
    print(json.dumps({"seconds": time.perf_counter() - t0, "maxrss": maxrss_mb(), "code": code}), flush=True)


def child_batch(folder: str, kind: str) -> None:
    """Time `wirelens extract` (in-process) or plain nlp.pipe over a folder; sample RSS meanwhile."""
    from tui import cli, nlp

    files = sorted(Path(folder).glob("*.txt"))
    words = sum(len(f.read_text(encoding="utf-8").split()) for f in files)
    # cli's nlp.load finds it loaded: model loading is not timed; the baseline is spaCy's own
    # pipeline (nlp.load speeds up its lemmatizer), frozen out of the GC's reach as nlp.load does
    if kind == "extract":
        nlp.load()
        pipeline = None
    else:
        import gc

        import spacy

        pipeline = spacy.load(nlp.find_model())
        gc.freeze()
    samples: list[tuple[float, float]] = []
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            samples.append((time.perf_counter(), rss_mb()))
            stop.wait(0.05)

    th = threading.Thread(target=sample, daemon=True)
    th.start()
    t0 = time.perf_counter()
    if kind == "extract":
        out = Path(folder).parent / "out.jsonl"
        code = cli.main(["extract", folder, "--format", "jsonl", "-o", str(out), "--no-cache"])
        assert code == 0, code
    else:
        for _ in pipeline.pipe(f.read_text(encoding="utf-8") for f in files):
            pass
    t1 = time.perf_counter()
    stop.set()
    th.join()
    span = t1 - t0
    first = [r for t, r in samples if t <= t0 + 0.2 * span] or [samples[0][1]]
    last = [r for t, r in samples if t >= t1 - 0.2 * span] or [samples[-1][1]]
    print(json.dumps({"seconds": span, "words": words, "rss_first": max(first), "rss_last": max(last),
                      "maxrss": maxrss_mb()}), flush=True)


# --- the lines ----------------------------------------------------------------------------------


def line1(runs: int) -> None:
    child("launch", "visible", until="visible")  # warm-up: byte-compiles, fills the OS file cache
    ours, base, layout, imports, frames = [], [], [], [], []
    for _ in range(runs):  # interleaved, so load from other processes hits all alike
        with tempfile.TemporaryDirectory() as d:  # no cache: the analysis child starts, as on a first open
            ours.append(child("launch", "visible", env={"WIRELENS_CACHE_DIR": d}, until="visible")[0])
        imports.append(float(PHASES.get("imports", "nan")))
        frames.append(float(PHASES.get("frame", "nan")))
        base.append(child("launch", "static", until="visible")[0])
        layout.append(child("launch", "layout", until="visible")[0])
    m, b = median(ours), median(base)
    row("1", "launch to article visible (no model)", f"{m / b:.2f}x", "≤ 1.15x", m / b <= 1.15,
        f"{b * 1000:.0f} ms",
        f"{m * 1000:.0f} ms, fresh process, Popen to first frame (imports {median(imports) * 1000:.0f} ms + app to "
        f"frame {median(frames) * 1000:.0f} ms after Python start; the analysis child starting beside it); "
        "baseline: Textual app with the text in a Static; the same screen's widgets from Textual alone, no code "
        f"of ours: {median(layout) * 1000:.0f} ms ({median(layout) / b:.2f}x)")


def line2(runs: int) -> None:
    ours, base = [], []
    for _ in range(runs):  # interleaved, so load from other processes hits both alike
        with tempfile.TemporaryDirectory() as d:
            ours.append(child("launch", "filled", env={"WIRELENS_CACHE_DIR": d}, until="filled")[0])
        base.append(child("spacy", until="done")[0])
    m, b = median(ours), median(base)
    row("2", "launch to all panels filled, seed, no cache", f"{m / b:.2f}x", "≤ 1.15x", m / b <= 1.15,
        f"{b:.2f} s", f"{m:.2f} s; baseline: fresh process, spacy.load + nlp(text)")


def _fact_cycle(analysis):
    from tui.app.labels import fact_spans

    facts = sorted(analysis.entities, key=lambda e: -len(e.mentions))[:60]
    facts += list(analysis.quotes[:20]) + list(analysis.events[:20])
    return [fact_spans(f) for f in facts]


def line3(runs: int, analysis) -> None:
    from textual.app import App
    from textual.containers import VerticalScroll
    from textual.content import Content
    from textual.geometry import Region
    from textual.widgets import Static

    from tui.app import WirelensApp

    article = analysis.article
    cycle = _fact_cycle(analysis)
    times: list[float] = []
    base_times: list[float] = []

    async def ours():
        app = WirelensApp([article], analyses={article.path: analysis})
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            view = app.article_view
            height = view.scrollable_content_region.height
            for _ in range(runs):
                for spans in cycle:
                    t = time.perf_counter()
                    view.set_highlights(spans, 0)
                    for y in range(height):
                        view.render_line(y)
                    times.append(time.perf_counter() - t)
                await pilot.pause()
            return view.scrollable_content_region.width, height, len(view.lines)

    width, height, nlines = asyncio.run(ours())

    class Plain(App):
        def compose(self):
            with VerticalScroll():
                yield Static(article.text, markup=False, id="s")

    async def baseline():
        app = Plain()
        async with app.run_test(size=(width + 1, height)) as pilot:
            await pilot.pause()
            static = app.query_one("#s", Static)
            hl = "bold on blue"
            for _ in range(max(1, runs // 2)):
                for spans in cycle[:30]:
                    t = time.perf_counter()
                    content = Content(article.text)
                    for s, e, _role in spans:
                        content = content.stylize(hl, s, e)
                    static.update(content)
                    static.render_lines(Region(0, 0, static.size.width, height))
                    base_times.append(time.perf_counter() - t)
                await pilot.pause()

    asyncio.run(baseline())
    first, again = times[: len(cycle)], times[len(cycle):] or times
    m = median(first) * 1000
    row("3", "highlight change + repaint, 10k words", f"{m:.2f} ms", "≤ 4 ms", m <= 4,
        f"{median(base_times) * 1000:.1f} ms",
        f"{len(cycle)} facts first shown, {height} rows x {width} cols of {nlines} lines; p95 "
        f"{sorted(first)[int(len(first) * .95)] * 1000:.2f} ms, max {max(first) * 1000:.1f} ms; shown again "
        f"{median(again) * 1000:.2f} ms; baseline: Static.update re-wrap")


def line4(runs: int, article) -> None:
    from tui import nlp
    from tui.analyser_process import ProcessAnalyser
    from tui.app import WirelensApp

    pipeline = nlp.load()
    analyser = ProcessAnalyser(cache=False)  # as the app runs it: in a child process
    analyser.start()
    analyser.ready.wait(600)  # its model loaded, as line 4 always measured
    during, fills, starts = [], [], []
    for _ in range(runs):
        gaps: list[tuple[str, float]] = []  # (phase, gap)
        state = {"phase": "start", "stop": False}

        async def main(gaps: list[tuple[str, float]], state: dict) -> None:
            app = WirelensApp([article], cache=False, analyser=analyser)

            async def sampler():
                while not state["stop"]:
                    t = time.perf_counter()
                    await asyncio.sleep(0.001)
                    gap = time.perf_counter() - t - 0.001
                    if state["phase"] == "analysis" and app.analysis_complete:
                        state["phase"] = "fill"  # this gap already holds the message that fills the panels
                        # (a long article's partial results before it fill the panels too: line 4)
                    gaps.append((state["phase"], gap))

            task = asyncio.create_task(sampler())
            async with app.run_test(size=SIZE) as pilot:
                state["phase"] = "analysis"  # the first frame is on screen, the worker is running
                while not (app.analysis_complete and app.filling is None):  # the last panel in
                    await asyncio.sleep(0.01)
                await pilot.pause()
                await asyncio.sleep(0.1)
                state["stop"] = True
                await task  # before the app shuts down

        asyncio.run(main(gaps, state))
        if analyser.failure:
            raise RuntimeError(f"the analysis child failed: {analyser.failure}")
        during.append(max(g for p, g in gaps if p == "analysis"))
        fills.append(max(g for p, g in gaps if p == "fill"))
        starts.append(max(g for p, g in gaps if p == "start"))
    analyser.close()
    # The baseline: one nlp(text) call on the whole text blocks for its full duration.
    one = []
    for _ in range(max(1, runs)):
        t = time.perf_counter()
        pipeline(article.text)
        one.append(time.perf_counter() - t)
    m = median(during) * 1000
    row("4", "longest UI stall while the analysis runs", f"{m:.0f} ms", "≤ 25 ms", m <= 25,
        f"{median(one) * 1000:.0f} ms",
        "10k words, analysis child's model preloaded, from first frame to the final result (its partial results fill "
        f"the panels on the way); app start before it: "
        f"{median(starts) * 1000:.0f} ms; baseline: one nlp(text) call")
    f = median(fills) * 1000
    row("4b", "  … then while its result fills the panels", f"{f:.0f} ms", "≤ 25 ms", f <= 25,
        f"{median(one) * 1000:.0f} ms", "UI thread: the result read back, AnalysisReady -> the panels filled, one a frame")


def line5(runs: int, article, pipeline) -> object:
    from tui import nlp
    from tui.facts import analyse

    info = nlp.model_info(pipeline)
    ratios, parses, analyses = [], [], []
    analysis = None
    for _ in range(runs):
        t0 = time.perf_counter()
        doc = nlp.parse(pipeline, article.text)
        t1 = time.perf_counter()
        analysis = analyse(article, doc, info)
        t2 = time.perf_counter()
        parses.append(t1 - t0)
        analyses.append(t2 - t1)
        ratios.append((t2 - t1) / (t1 - t0))
    r = median(ratios) * 100
    row("5", "extraction on top of spaCy's parse, 10k", f"{r:.1f} %", "≤ 10 %", r <= 10,
        f"{median(parses) * 1000:.0f} ms", f"analyse {median(analyses) * 1000:.0f} ms / tui.nlp.parse (baseline)")
    return analysis


def line6(runs: int) -> None:
    """In a process of its own: what earlier lines leave in this one (spaCy, a 10k-word
    analysis, line 4's apps) made the reopen 30-40 % slower than in a user's fresh process."""
    res = json.loads(child("reopen", str(runs))[1])
    m, b, cold = median(res["warm"]) * 1000, median(res["bare"]) * 1000, median(res["cold"]) * 1000
    limit = (b + 50) / b
    row("6", "reopening a cached article to panels filled", f"{m / b:.2f}x", f"≤ {limit:.2f}x", m <= b + 50,
        f"{b:.0f} ms", f"{m:.0f} ms (budget {b + 50:.0f} ms: the bare app's start + 50 ms); seed, headless app "
        f"start to panels filled, in a process of its own after one warm-up open; cold cache (a fresh "
        f"analysis child): {cold:.0f} ms")


def child_reopen(runs: str) -> None:
    """Line 6's runs: the seed opened with its analysis in the cache (warm), with an empty
    cache (cold: the analysis child starts), and the bare app; seconds as JSON."""
    from tui.app import WirelensApp
    from tui.cli import start_analyser

    article = seed_article()

    async def open_once() -> float:
        t0 = time.perf_counter()
        analyser = start_analyser([article], None)  # as `wirelens FILE` does: no child when all is cached
        try:
            app = WirelensApp([article], analyser=analyser)
            async with app.run_test(size=SIZE) as pilot:
                while not all(p.state == "ready" for p in app.panels):
                    await asyncio.sleep(0.002)
                elapsed = time.perf_counter() - t0
                await pilot.pause()  # let the fill's messages land before shutting down
                return elapsed
        finally:
            analyser.close()

    n = int(runs)
    warm, cold = [], []
    with tempfile.TemporaryDirectory() as warm_dir:
        os.environ["WIRELENS_CACHE_DIR"] = warm_dir
        asyncio.run(open_once())  # fills the cache
        asyncio.run(_bare_start(article.text))  # both warmed up alike
        for _ in range(n):
            warm.append(asyncio.run(open_once()))
    bare = [asyncio.run(_bare_start(article.text)) for _ in range(n)]
    for _ in range(max(1, n // 3)):
        with tempfile.TemporaryDirectory() as cold_dir:
            os.environ["WIRELENS_CACHE_DIR"] = cold_dir
            cold.append(asyncio.run(open_once()))
    print(json.dumps({"warm": warm, "bare": bare, "cold": cold}), flush=True)


async def _bare_start(text: str) -> float:
    """A Textual app showing the text in a Static, from construction to mounted: line 6's baseline."""
    from textual.app import App
    from textual.widgets import Static

    class Bare(App):
        def compose(self):
            yield Static(text, markup=False)

    t0 = time.perf_counter()
    async with Bare().run_test(size=SIZE) as pilot:
        await pilot.pause()
        return time.perf_counter() - t0


def line7(runs: int, n_articles: int) -> None:
    texts = corpus()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        for i in range(n_articles):
            t = texts[i % len(texts)].rstrip()
            (folder / f"a{i:05d}.txt").write_text(f"{t}\n\nThis copy is number {i} of the benchmark.\n", encoding="utf-8")
        ours, base = [], []
        for _ in range(runs):  # interleaved, so drift in a shared machine hits both
            ours.append(json.loads(child("batch", str(folder), "extract")[1]))
            base.append(json.loads(child("batch", str(folder), "pipe")[1]))
    wps = median([r["words"] / r["seconds"] for r in ours])
    bwps = median([r["words"] / r["seconds"] for r in base])
    ratio = wps / bwps
    last = ours[len(ours) // 2]
    row("7", f"batch extract, {n_articles} articles (words/s ratio)", f"{ratio:.2f}x", "≥ 0.9x", ratio >= 0.9,
        f"{bwps:,.0f} w/s",
        f"extract {wps:,.0f} w/s; RSS {last['rss_first']:.0f} MB in first 20% -> {last['rss_last']:.0f} MB in last 20%, "
        f"peak {last['maxrss']:.0f} MB (nlp.pipe peak {base[len(base) // 2]['maxrss']:.0f} MB)")


def line8(runs: int) -> None:
    ours = [json.loads(child("memory", "10000", "wirelens")[1]) for _ in range(runs)]
    base = [json.loads(child("memory", "10000", "spacy")[1]) for _ in range(runs)]
    m = median([r["maxrss"] for r in ours])
    row("8", "peak memory, 10k-word article", f"{m:.0f} MB", "≤ 400 MB", m <= 400,
        f"{median([r['maxrss'] for r in base]):.0f} MB", "fresh process ru_maxrss; baseline: spacy load + nlp(text)")


#: Adversarial shapes for line 9 and the sizes they are run at (N and 4N characters).
SHAPE_SIZES = {"marks": 50_000, "dialogue": 50_000, "paragraph": 50_000, "sentence": 100_000, "pronouns": 50_000,
               "paragraphs": 25_000, "names": 100_000}


def line9() -> None:
    """Each shape at N and 4N characters: extraction time must grow ~4x (16x is quadratic)."""
    for shape, n in SHAPE_SIZES.items():
        small = json.loads(child("shape", shape, str(n))[1])
        big = json.loads(child("shape", shape, str(4 * n))[1])
        ratio = big["extract"] / max(small["extract"], 1e-6)
        parse_ratio = big["parse"] / max(small["parse"], 1e-6)
        row("9", f"adversarial {shape}: extract 4N/N", f"{ratio:.1f}x", "≤ 6x", ratio <= 6,  # fastest of 3 each
            f"parse {parse_ratio:.1f}x",
            f"N={n // 1000}k chars: extract (best of 3) {small['extract']:.2f} s -> {big['extract']:.2f} s "
            f"(parse {small['parse']:.1f} -> {big['parse']:.1f} s); peak {small['maxrss']:.0f} -> {big['maxrss']:.0f} MB; "
            f"{big['facts']} facts at 4N")


def _cancel_once(text: str, phase: str, delay: float) -> tuple[float, object]:
    """Run ModelAnalyser in a thread, cancel `delay` s into `phase` ("parse" or "extract"); seconds to return."""
    import tui.facts
    from tui.analysis import Article
    from tui.analyser import ModelAnalyser

    entered = threading.Event()
    stop = threading.Event()
    real = tui.facts.analyse

    def spy(*args, **kw):
        entered.set()
        return real(*args, **kw)

    tui.facts.analyse = spy
    parsing = threading.Event()
    box: dict = {}

    def progress(msg: str) -> None:
        if msg.startswith("Analysing… ") and msg[11:12].isdigit():
            parsing.set()

    def run():
        box["result"] = ModelAnalyser(cache=False)(Article("cancel.txt", text), progress=progress, cancelled=stop.is_set)

    th = threading.Thread(target=run, daemon=True)
    try:
        th.start()
        (parsing if phase == "parse" else entered).wait(600)
        time.sleep(delay)
        t = time.perf_counter()
        stop.set()
        th.join(600)
        return time.perf_counter() - t, box.get("result")
    finally:
        tui.facts.analyse = real


def line10(runs: int) -> None:
    """Time from `cancelled()` turning true to ModelAnalyser returning, while parsing and while extracting."""
    sys.path.insert(0, str(Path(__file__).parent))
    import shapes

    from tui import nlp

    pipeline = nlp.load()
    piece = shapes.dialogue(nlp.CHUNK_CHARS)
    base = []
    for _ in range(runs):
        t = time.perf_counter()
        pipeline(piece)
        base.append(time.perf_counter() - t)
    cases = [("parse", "dialogue", 400_000, 1.0), ("extract", "dialogue", 200_000, 0.3), ("extract", "marks", 100_000, 0.3)]
    for phase, shape, size, delay in cases:
        text = shapes.SHAPES[shape](size)
        lat = []
        for _ in range(max(1, runs // 2)):
            seconds, result = _cancel_once(text, phase, delay)
            assert result is None, "the analysis finished before the cancel"
            lat.append(seconds)
        m = median(lat) * 1000
        row("10", f"cancel latency while {'parsing' if phase == 'parse' else 'extracting'} ({shape})", f"{m:.0f} ms",
            "≤ 100 ms", m <= 100, f"{median(base) * 1000:.0f} ms",
            f"{size // 1000}k chars, cancelled {delay:.1f} s into the phase, max {max(lat) * 1000:.0f} ms of "
            f"{len(lat)}; baseline: nlp() on one {nlp.CHUNK_CHARS}-char piece (the parse's step)")


def big_check(sizes: str) -> None:
    """`wirelens extract --no-cache` on news text (seeds/ and GUM articles repeated) of N MB, fresh process each."""
    gum = sorted(Path("/work/shared/gum").glob("*.txt")) if Path("/work/shared/gum").is_dir() else []
    texts = corpus() + [p.read_text(encoding="utf-8") for p in gum]
    print("\n--big: `wirelens extract --no-cache` on N MB of news text (fresh process each)")
    print(f"{'MB':>5} {'words':>9} {'seconds':>8} {'s/MB':>6} {'peak MB':>8}")
    with tempfile.TemporaryDirectory() as tmp:
        for mb in (float(x) for x in sizes.split(",")):
            parts, n, i = [], 0, 0
            while n < mb * 1024 * 1024:
                t = texts[i % len(texts)].strip()
                parts.append(t)
                n += len(t.encode("utf-8")) + 2
                i += 1
            path = Path(tmp) / f"news-{mb:g}mb.txt"
            text = "\n\n".join(parts) + "\n"
            path.write_text(text, encoding="utf-8")
            r = json.loads(child("extract", str(path))[1])
            print(f"{mb:>5g} {len(text.split()):>9} {r['seconds']:>8.1f} {r['seconds'] / mb:>6.1f} {r['maxrss']:>8.0f}",
                  flush=True)


def long_check() -> None:
    print("\n--long: analysis time and peak memory against length (fresh process each)")
    print(f"{'words':>8} {'parse s':>8} {'analyse s':>10} {'total s':>8} {'s/10k w':>8} {'maxrss MB':>10}")
    for words in (10_000, 50_000, 100_000):
        r = json.loads(child("memory", str(words), "wirelens")[1])
        total = r["parse"] + r["analyse"]
        print(f"{r['words']:>8} {r['parse']:>8.2f} {r['analyse']:>10.2f} {total:>8.2f} "
              f"{total / r['words'] * 1e4:>8.2f} {r['maxrss']:>10.0f}", flush=True)


# --- main ---------------------------------------------------------------------------------------


def main() -> None:  # noqa: C901 - one branch per option
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        if PROFILE is not None:
            PROFILE.enable()
        mode, args = sys.argv[2], sys.argv[3:]
        {"launch": child_launch, "spacy": child_spacy_parse, "memory": child_memory, "batch": child_batch,
         "shape": child_shape, "extract": child_extract,
         "reopen": child_reopen}[mode](*args)
        return
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--runs", type=int, default=5, help="runs per measurement (median reported; default 5)")
    p.add_argument("--articles", type=int, default=200, help="articles for the batch line (issue: 1000)")
    p.add_argument("--batch-runs", type=int, default=3, help="runs of the batch line (default 3)")
    p.add_argument("--long", action="store_true", help="also report 10k/50k/100k-word time and memory")
    p.add_argument("--only", default="1,2,3,4,5,6,7,8,9,10", help="comma-separated line numbers")
    p.add_argument("--big", default="", help="also `wirelens extract` time and peak memory at these sizes in MB (e.g. 1,2,5)")
    ns = p.parse_args()
    only = {s.strip() for s in ns.only.split(",")}

    from tui import nlp

    print(f"wirelens bench: python {sys.version.split()[0]}, model {nlp.find_model()}, "
          f"{os.cpu_count()} CPUs, median of {ns.runs} runs\n", flush=True)
    if "1" in only:
        line1(max(ns.runs, 7))
    if "2" in only:
        line2(ns.runs)
    article = analysis = pipeline = None
    if only & {"3", "4", "5"}:
        pipeline = nlp.load()
        article = long_article(10_000)
        analysis = line5(ns.runs, article, pipeline) if "5" in only else None
        if analysis is None and "3" in only:
            from tui.facts import analyse

            analysis = analyse(article, nlp.parse(pipeline, article.text), nlp.model_info(pipeline))
    if "3" in only:
        line3(ns.runs, analysis)
    if "4" in only:
        line4(min(ns.runs, 3), article)
    if "6" in only:
        line6(ns.runs)
    if "7" in only:
        line7(ns.batch_runs, ns.articles)
    if "8" in only:
        line8(min(ns.runs, 3))
    if "9" in only:
        line9()
    if "10" in only:
        line10(ns.runs)
    if ns.long:
        long_check()
    if ns.big:
        big_check(ns.big)
    misses = [r for r in ROWS if r[4] == "MISS"]
    print(f"\n{len(ROWS) - len(misses)} PASS, {len(misses)} MISS")


if __name__ == "__main__":
    main()

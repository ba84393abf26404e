"""Wirelens on a folder of many articles (issue 12's scale lines), each next to a baseline of the same run.

Run by hand from the repository root (pytest never collects it):

    python tests/bench/scale.py                  # 500 articles, the issue's folder (10-15 minutes on 2 cores)
    python tests/bench/scale.py --articles 100   # smaller, while developing
    python tests/bench/scale.py --only 1,3       # some lines only

The folder is built from `seeds/` and `../shared/gum/` (99 texts: seven news articles, then
92 GUM documents of six genres), taken in turn until there are N files; each copy ends with
its own line, so no two files are the same text and the cache never answers for another.
File 0 is the seed article, the one `bench.py` opens alone.

1. first article readable: launch to the first frame with the article's text, the folder
   open as `wirelens FOLDER` opens it (`read_sources_lazily`: the first files read, the rest
   listed by name and read in the background) against the seed alone; fresh processes.
2. the explorer with all N analysed: peak memory of a fresh process that opens the folder,
   opens the Corpus screen (which analyses the rest, cache off) and waits for every row;
   spaCy Docs still alive at the end; the longest UI stall meanwhile (a 10 ms timer's
   worst lateness), and the time to the last row against `nlp.pipe` alone on the texts (run
   just before and just after it: the mean of the two, as the machine's load moves; with
   `--batch-runs N`, N such runs interleaved, the median ratio).
   The analysis runs in the child process `wirelens FOLDER` starts, as a user gets it (its
   memory is not in the figure: spaCy's is the baseline's); `--analysis thread` runs it in
   the app's own process instead (the app's fallback when the child fails).
3. `wirelens corpus --no-cache` throughput (words/s, model loaded before timing) against
   `nlp.pipe` on the same texts, peak memory and Docs alive after.
4. the cross-article merge (`tui.corpus.merge`) of the N analyses of line 2, and the Corpus
   screen's refill on the UI thread (rows set, facts shown): how long each takes.

The top-level imports are the standard library only, as in bench.py, so fresh children
measure start-up and memory from nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
#: ../shared/gum beside the repository (or beside the folder of a git worktree); --gum overrides it.
GUM = next((p for p in (ROOT.parent / "shared" / "gum", ROOT.parents[1] / "shared" / "gum") if p.is_dir()),
           ROOT.parent / "shared" / "gum")
SEED = SEEDS / "000_bdc864ace7bdc83f.txt"
SIZE = (160, 45)
sys.path.insert(0, str(ROOT))

ROWS: list[tuple] = []

# --- helpers ------------------------------------------------------------------------------------


def median(xs):
    return statistics.median(xs)


def maxrss_mb() -> float:
    """Peak resident memory of this process (VmHWM: starts afresh at exec, unlike ru_maxrss)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def cpu_s() -> float:
    """CPU seconds of this process and its finished children (spaCy's workers with --jobs)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def proc_cpu(pid: int | None) -> float | None:
    """CPU seconds (user + system) a process has used since it started, or None."""
    try:
        with open(f"/proc/{pid}/stat") as fh:
            fields = fh.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, TypeError):
        return None


def docs_alive() -> int:
    """spaCy Docs still reachable in this process (after a full collection)."""
    gc.collect()
    from spacy.tokens import Doc

    return sum(1 for o in gc.get_objects() if type(o) is Doc)


def texts(gum: Path) -> list[tuple[str, str]]:
    """(name, text) of the seeds, then the GUM documents, as the app reads them."""
    from tui.sources import read_file

    files = sorted(SEEDS.glob("*.txt")) + sorted(gum.glob("*.txt"))
    if not any(f.parent == gum for f in files):
        sys.exit(f"no GUM texts in {gum}: give --gum FOLDER (../shared/gum/ beside the repository)")
    out = []
    for f in files:
        a = read_file(f, str(f))
        out.append((f.stem, a.text))
    return out


def build_folder(folder: Path, n: int, gum: Path) -> int:
    """N files taken in turn from the seeds and GUM; each copy numbered. Returns the words."""
    folder.mkdir(parents=True, exist_ok=True)
    pool, words = texts(gum), 0
    for i in range(n):
        name, text = pool[i % len(pool)]
        body = f"{text.rstrip()}\n\nThis copy is number {i} of the scale benchmark.\n"
        (folder / f"{i:04d}_{name[:40]}.txt").write_text(body, encoding="utf-8")
        words += len(body.split())
    return words


def folder_texts(folder: str) -> list[str]:
    from tui.sources import read_file

    return [read_file(f, str(f)).text for f in sorted(Path(folder).glob("*.txt"))]


def child(mode: str, *args: str, until: str | None = None, env: dict | None = None) -> tuple[float, str]:
    """This file in a fresh interpreter: (seconds from Popen to the line `until` or to exit, last line)."""
    e = dict(os.environ, **(env or {}))
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    e.pop("PYTHONDONTWRITEBYTECODE", None)  # as after pip install: cached bytecode, kept out of the repo
    e.setdefault("PYTHONPYCACHEPREFIX", str(Path(tempfile.gettempdir()) / "wirelens-bench-pycache"))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, __file__, "--child", mode, *args], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=ROOT, env=e)
    last, elapsed = "", None
    assert proc.stdout is not None
    for line in proc.stdout:
        last = line.strip()
        if until is not None and last == until:
            elapsed = time.perf_counter() - t0
            proc.kill()
            break
    rest, err = proc.communicate(timeout=3600)
    if elapsed is None:
        elapsed = time.perf_counter() - t0
        if rest.strip():
            last = rest.strip().splitlines()[-1]
        if proc.returncode != 0:
            raise RuntimeError(f"child {mode} failed ({proc.returncode}): {err.strip()[-2000:]}")
    return elapsed, last


def row(n: str, what: str, value: str, budget: str, ok: bool, base: str, note: str = "") -> None:
    ROWS.append((n, what, value, budget, ok, base, note))
    print(f"{n:>2}  {what:<46} {value:>10}  {budget:<10} {'PASS' if ok else 'MISS':<4}  baseline {base:<12} {note}",
          flush=True)


# --- children (fresh processes) -----------------------------------------------------------------


def child_first(path: str) -> None:
    """Print 'visible' at the first frame that shows the first article's text (`path`: folder or file)."""
    from tui.app import WirelensApp
    from tui.sources import read_sources_lazily

    sources = read_sources_lazily([path])  # as `wirelens PATH` reads it

    def never(article, *, progress, cancelled):  # the analysis is not what is timed here
        while not cancelled():
            time.sleep(0.01)
        return None

    app = WirelensApp(sources, analyser=never, cache=False)
    display = app._display

    def hooked(screen, renderable):
        display(screen, renderable)
        if renderable is not None and app.article_view.text:
            print("visible", flush=True)
            os._exit(0)

    app._display = hooked

    async def main():
        async with app.run_test(size=SIZE) as pilot:
            while True:
                await pilot.pause(0.01)

    asyncio.run(main())


def child_app(folder: str, jobs: str, where: str = "child") -> None:
    """The explorer on the folder; the Corpus screen analyses every article (cache off). Print
    peak memory, Docs alive, the worst UI lateness and the time to the last row as JSON.
    `where`: "thread", the model in this process (the app's default analyser); "child", the
    analysis child process `wirelens FOLDER` starts (`cli.start_analyser`), ready before timing."""
    from tui import nlp
    from tui.app import WirelensApp
    from tui.app.corpus_view import CorpusScreen
    from tui.corpus import merge
    from tui.sources import read_sources

    sources = read_sources([folder])
    n = len(sources)
    analyser = None
    if where == "child":
        from tui.cli import start_analyser

        analyser = start_analyser(sources, None, cache=False)
        analyser.ready.wait(120)  # its model loaded before timing, as for the baseline
    else:
        nlp.load()  # loaded before timing, as for the baseline
    app = WirelensApp(sources, cache=False, analyser=analyser)
    app.jobs = int(jobs)
    out: dict = {}

    async def main():
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause(0.2)
            worst = [0.0]
            last = [time.perf_counter()]

            def tick():
                now = time.perf_counter()
                worst[0] = max(worst[0], now - last[0] - 0.01)
                last[0] = now

            t0 = time.perf_counter()
            cpu0 = time.process_time()
            out["child_cpu0"] = proc_cpu(analyser.pid) if analyser is not None else None
            await pilot.press("c")
            timer = app.set_interval(0.01, tick)
            last[0] = time.perf_counter()  # the key press and the screen's mount are not a stall
            screen = None
            while True:
                await pilot.pause(0.05)
                screen = app.screen if isinstance(app.screen, CorpusScreen) else screen
                done = len(app.analyses) + len(app.errors)
                if done >= n and screen is not None and len(screen._analyses) == len(app.analyses):
                    break
            out["seconds"] = time.perf_counter() - t0
            out["app_cpu"] = time.process_time() - cpu0  # every thread of the app's process
            timer.stop()
            out["stall_ms"] = worst[0] * 1000
            out["rows"] = len(screen._rows) if screen else 0
            times, shows = [], []
            for _ in range(3):
                t = time.perf_counter()
                rows = merge(screen._analyses)
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                screen._show_rows(screen._analyses, rows)
                shows.append(time.perf_counter() - t)
            out["merge"], out["show"] = min(times), min(shows)
            await pilot.press("down", "down", "tab", "down")  # the keys still answer
            await pilot.pause()

    asyncio.run(main())
    out["child_maxrss"] = 0.0
    if analyser is not None:
        pid = analyser.pid
        out["child_cpu"] = proc_cpu(pid)  # since it started
        if out["child_cpu"] is None or out.get("child_cpu0") is None:
            out.pop("child_cpu", None)
        try:
            with open(f"/proc/{pid}/status") as fh:
                out["child_maxrss"] = next(int(x.split()[1]) / 1024 for x in fh if x.startswith("VmHWM:"))
        except (OSError, StopIteration, TypeError):
            pass
        analyser.close()
    t = time.perf_counter()
    gc.collect()
    out["gc_ms"] = (time.perf_counter() - t) * 1000  # one full collection with everything kept
    out.update(maxrss=maxrss_mb(), rss=rss_mb(), analyses=len(app.analyses), errors=len(app.errors),
               docs=docs_alive(), words=sum(len(a.text.split()) for a in app.sources if hasattr(a, "text")))
    print(json.dumps(out), flush=True)


def child_corpus(folder: str, jobs: str) -> None:
    """`wirelens corpus --no-cache` in-process; RSS sampled; Docs alive after."""
    from tui import cli, nlp

    words = sum(len(t.split()) for t in folder_texts(folder))
    nlp.load()  # cli's nlp.load finds it loaded: model loading is not timed
    t0, cpu0 = time.perf_counter(), cpu_s()
    code = cli.main(["corpus", folder, "--no-cache", "--jobs", jobs, "-o", os.devnull])
    span, cpu = time.perf_counter() - t0, cpu_s() - cpu0
    assert code == 0, code
    print(json.dumps({"seconds": span, "cpu": cpu, "words": words, "maxrss": maxrss_mb(), "docs": docs_alive()}),
          flush=True)


def spacy_own():
    """The model as spaCy loads it, not `nlp.load`'s (whose lemmatizer is sped up, `tui.nlp.lemmas`),
    its objects frozen out of the GC's reach as `nlp.load` does: the baselines' pipeline."""
    import spacy
    from tui import nlp

    pipeline = spacy.load(nlp.find_model())
    gc.freeze()
    return pipeline


def child_pipe(folder: str, jobs: str) -> None:
    """spaCy's own `nlp.pipe` over the same texts, nothing kept: the baseline."""
    docs = folder_texts(folder)
    words = sum(len(t.split()) for t in docs)
    pipeline = spacy_own()
    pipeline.max_length = max(pipeline.max_length, max(len(t) for t in docs) + 1)
    t0, cpu0 = time.perf_counter(), cpu_s()
    for _ in pipeline.pipe(docs, n_process=int(jobs)):
        pass
    span, cpu = time.perf_counter() - t0, cpu_s() - cpu0
    print(json.dumps({"seconds": span, "cpu": cpu, "words": words, "maxrss": maxrss_mb()}), flush=True)


# --- the lines ----------------------------------------------------------------------------------


def line1(runs: int, folder: Path, n: int) -> None:
    child("first", str(folder), until="visible")  # warm-up: bytecode, the OS file cache
    ours, base = [], []
    for _ in range(runs):  # interleaved, so load from other processes hits both alike
        ours.append(child("first", str(folder), until="visible")[0])
        base.append(child("first", str(SEED), until="visible")[0])
    m, b = median(ours), median(base)
    row("1", f"first article readable, folder of {n}", f"{m / b:.2f}x", "≤ 1.15x", m / b <= 1.15,
        f"{b * 1000:.0f} ms", f"{m * 1000:.0f} ms, fresh process, Popen to first frame with the text "
        "(as wirelens FOLDER: the rest read in the background); baseline: the seed alone")


def line2(folder: Path, n: int, jobs: int, pipe: dict, where: str, runs: int = 1) -> dict:
    """`runs` app runs, each between two `nlp.pipe` runs (the load moves): each run's ratio is
    against the mean of the two beside it; the median ratio is the figure."""
    pipes = [pipe]
    apps, ratios = [], []
    for _ in range(runs):
        apps.append(json.loads(child("app", str(folder), str(jobs), where)[1]))
        pipes.append(json.loads(child("pipe", str(folder), str(jobs))[1]))
        rates = [p["words"] / p["seconds"] for p in pipes[-2:]]
        ratios.append(apps[-1]["words"] / apps[-1]["seconds"] / statistics.mean(rates))
    i = sorted(range(runs), key=ratios.__getitem__)[runs // 2]
    r = apps[i]
    wps = r["words"] / r["seconds"]
    bwps = wps / ratios[i]
    rates = [p["words"] / p["seconds"] for p in pipes]
    both = r["maxrss"] + r.get("child_maxrss", 0.0)
    row("2", f"explorer, all {n} analysed: peak memory", f"{both:.0f} MB", "≤ 1500 MB",
        both <= 1500 and r["docs"] == 0, f"{pipe['maxrss']:.0f} MB",
        f"app {r['maxrss']:.0f} MB + analysis child {r.get('child_maxrss', 0.0):.0f} MB (peaks); app's RSS at the end "
        f"{r['rss']:.0f} MB; {r['analyses']} analyses kept, {r['docs']} spaCy Docs alive in the app; "
        "baseline: nlp.pipe over the texts, nothing kept")
    row("2b", f"explorer, Corpus screen fills ({n}, --jobs {jobs}, {where})", f"{ratios[i]:.2f}x", "≥ 0.9x",
        ratios[i] >= 0.9, f"{bwps:,.0f} w/s",
        f"median of {runs}: " + ", ".join(f"{x:.2f}x" for x in ratios) + f"; {r['seconds']:.1f} s to the last row, "
        f"{wps:,.0f} w/s, {r['rows']} rows; nlp.pipe runs between: " + ", ".join(f"{x:,.0f}" for x in rates) +
        " w/s (CPU " + ", ".join(f"{p['cpu']:.1f}" for p in pipes if "cpu" in p) + " s)" +
        f"; CPU while it filled: the app's process {r.get('app_cpu', 0):.1f} s"
        + (f", the analysis child {r['child_cpu'] - r['child_cpu0']:.1f} s ({r['child_cpu']:.1f} s all its life, "
           "its model load included)" if "child_cpu" in r else "")
        + f"; longest UI stall meanwhile {r['stall_ms']:.0f} ms; a full GC pass at the end {r['gc_ms']:.0f} ms")
    return r


def line3(runs: int, folder: Path, n: int, jobs: int) -> dict:
    ours, base = [], []
    for _ in range(runs):
        ours.append(json.loads(child("corpus", str(folder), str(jobs))[1]))
        base.append(json.loads(child("pipe", str(folder), str(jobs))[1]))
    wps = median([r["words"] / r["seconds"] for r in ours])
    bwps = median([r["words"] / r["seconds"] for r in base])
    mid = ours[len(ours) // 2]
    row("3", f"wirelens corpus, {n} articles (words/s)", f"{wps / bwps:.2f}x", "≥ 0.9x", wps / bwps >= 0.9,
        f"{bwps:,.0f} w/s", f"corpus {wps:,.0f} w/s ({median([r['seconds'] for r in ours]):.1f} s, "
        f"{median([r['cpu'] for r in ours]):.1f} s CPU; nlp.pipe {median([r['cpu'] for r in base]):.1f} s CPU), --jobs {jobs}; "
        f"peak {mid['maxrss']:.0f} MB, {mid['docs']} spaCy Docs alive after")
    return base[len(base) // 2]


def line4(r: dict) -> None:
    row("4", f"cross-article merge, {r['analyses']} analyses", f"{r['merge'] * 1000:.0f} ms", "off UI", True,
        "", f"{r['rows']} rows; run in a worker thread from 40 analyses on. The screen's refill on the UI "
        f"thread (rows set, facts shown): {r['show'] * 1000:.0f} ms")


def main() -> None:
    if len(sys.argv) > 2 and sys.argv[1] == "--child":
        mode, args = sys.argv[2], sys.argv[3:]
        {"first": child_first, "app": child_app, "corpus": child_corpus, "pipe": child_pipe,
         }[mode](*args)
        return
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--articles", type=int, default=500, help="files in the folder (issue: 500)")
    p.add_argument("--runs", type=int, default=5, help="runs of the start-up line (median; default 5)")
    p.add_argument("--batch-runs", type=int, default=1, help="runs of the throughput lines 2b and 3 (default 1)")
    p.add_argument("--jobs", type=int, default=1, help="--jobs for the app and corpus, n_process for nlp.pipe")
    p.add_argument("--gum", default=str(GUM), help=f"the GUM texts (default {GUM})")
    p.add_argument("--only", default="1,2,3,4", help="comma-separated line numbers (4 comes from 2's run)")
    p.add_argument("--analysis", choices=("thread", "child"), default="child",
                   help="line 2: the model in the analysis child `wirelens FOLDER` starts (child, the "
                        "default), or in the app's own process (thread: the app's fallback)")
    ns = p.parse_args()
    only = {s.strip() for s in ns.only.split(",")}
    from tui import nlp

    print(f"wirelens scale bench: python {sys.version.split()[0]}, model {nlp.find_model()}, "
          f"{os.cpu_count()} CPUs, {ns.articles} articles\n", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        words = build_folder(folder, ns.articles, Path(ns.gum))
        print(f"folder: {ns.articles} files, {words:,} words\n", flush=True)
        if "1" in only:
            line1(ns.runs, folder, ns.articles)
        pipe = None
        if only & {"2", "3", "4"}:
            pipe = line3(ns.batch_runs, folder, ns.articles, ns.jobs) if "3" in only else \
                json.loads(child("pipe", str(folder), str(ns.jobs))[1])
        if only & {"2", "4"}:
            r = line2(folder, ns.articles, ns.jobs, pipe, ns.analysis, ns.batch_runs)
            if "4" in only:
                line4(r)
    misses = [r for r in ROWS if not r[4]]
    print(f"\n{len(ROWS) - len(misses)} PASS, {len(misses)} MISS")


if __name__ == "__main__":
    main()

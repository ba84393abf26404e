"""Shared fixtures: the spaCy model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SEED = SEEDS / "000_bdc864ace7bdc83f.txt"


def run_cli(*args, cache_dir=None, timeout: float = 180, **kw):
    """`python -m tui ARGS` in a fresh process, as a user runs it; its own cache folder when given."""
    import os
    import subprocess
    import sys

    env = dict(os.environ, **({"WIRELENS_CACHE_DIR": str(cache_dir)} if cache_dir is not None else {}))
    return subprocess.run(
        [sys.executable, "-m", "tui", *map(str, args)], capture_output=True, text=True, cwd=ROOT, env=env,
        timeout=timeout, **kw,
    )


def entity_id(analysis, name: str) -> str:
    """The id of the entity called `name` (fails with the names there are)."""
    hits = [e.id for e in analysis.entities if e.name == name]
    assert hits, f"no entity {name!r}: {[e.name for e in analysis.entities]}"
    return hits[0]


def at(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """The (start, end) of `needle` in `text`, for exact-offset assertions."""
    i = text.index(needle, after)
    return i, i + len(needle)


@pytest.fixture(scope="session")
def nlp():
    from tui import nlp as N

    return N.load()


@pytest.fixture(scope="session")
def analyse_text(nlp):
    """Analyse a text (optionally with an article date) through the real pipeline."""
    from tui import nlp as N
    from tui.analysis import Article
    from tui.facts import analyse

    info = N.model_info(nlp)

    def run(text: str, date: str | None = None, path: str = "test.txt"):
        article = Article(path=path, text=text, date=date)
        return analyse(article, N.parse(nlp, text), info)

    return run


@pytest.fixture(scope="session")
def run(analyse_text):
    """text -> (text, Analysis), remembering results so each text is parsed once per session."""
    cache: dict = {}

    def go(text: str, date: str | None = None):
        if (text, date) not in cache:
            cache[(text, date)] = analyse_text(text, date)
        return text, cache[(text, date)]

    return go


def assert_spans_exact(text: str, analysis) -> None:
    """Every quote and event span is the text at its offsets; events stay inside one line's sentence."""
    for q in analysis.quotes:
        assert text[q.start : q.end] == q.text
        for s in (q.speaker, q.cue):
            if s is not None:
                assert text[s.start : s.end] == s.text
    for v in analysis.events:
        assert text[v.start : v.end] == v.text
        s, e = v.sentence
        assert s <= v.start and v.end <= e and "\n" not in text[s:e]
        for role in (v.agent, v.patient, v.time, v.place):
            if role is not None:
                assert text[role.start : role.end] == role.text
                assert "\n" not in role.text


@pytest.fixture(scope="session")
def seed_analysis(analyse_text):
    from tui.sources import read_sources

    [article] = read_sources([str(SEED)])
    return analyse_text(article.text, article.date, article.path)


@pytest.fixture(scope="session", autouse=True)
def _private_cache(tmp_path_factory):
    """Tests never read or fill the user's real analysis cache."""
    import os

    saved = {k: os.environ.get(k) for k in ("WIRELENS_CACHE_DIR", "WIRELENS_CONFIG_DIR")}
    os.environ["WIRELENS_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))
    os.environ["WIRELENS_CONFIG_DIR"] = str(tmp_path_factory.mktemp("config"))  # nor its settings
    yield
    for k, old in saved.items():
        if old is None:
            os.environ.pop(k, None)
        else:
            os.environ[k] = old


@pytest.fixture()
def folder_of_500(tmp_path):
    """497 good articles, a binary file, an empty file, a symlink loop and a subfolder named like an article."""
    import os

    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(497):
        (folder / f"a{i:03}.txt").write_text(f"Story {i}\n\nAngela Merkel met Emmanuel Macron in Paris {i} times.")
    (folder / "b_binary.txt").write_bytes(b"\x00\x01")
    (folder / "c_empty.txt").write_text("")
    os.symlink(folder / "d_loop.txt", folder / "d_loop.txt")
    (folder / "sub.txt").mkdir()
    (folder / "sub.txt" / "inner.txt").write_text("Inner\n\nNot read: folders are not entered.")
    return folder

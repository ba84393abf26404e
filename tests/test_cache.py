"""The analysis cache: hits, misses, corruption, read-only folders, clearing."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo
from tui.cache import Cache

from conftest import ROOT, SEED
from conftest import run_cli as run

MODEL = ModelInfo("en_core_web_sm", "3.8.0")


def make(text="Talks\n\nZhai met Putin.", path="a.txt", date=None):
    art = Article(path, text, "Talks", date)
    ent = Entity("E1", "Zhai", "PERSON", 1.0, (Mention(7, 11, "Zhai"),))
    return Analysis(art, MODEL, (ent,))


def test_put_then_get_reattaches_the_current_article(tmp_path):
    cache = Cache(tmp_path)
    an = make()
    assert cache.put(an)
    moved = Article("elsewhere/b.txt", an.article.text, "Talks", None)
    got = cache.get(moved, MODEL)
    assert got is not None and got.article.path == "elsewhere/b.txt"
    assert got.entities == an.entities


@pytest.mark.parametrize(
    "change",
    [
        lambda a: dataclasses.replace(a, text=a.text + " More."),
        lambda a: dataclasses.replace(a, date="2023-10-19"),
    ],
    ids=["text", "date"],
)
def test_a_different_text_or_date_misses(tmp_path, change):
    cache = Cache(tmp_path)
    an = make()
    cache.put(an)
    assert cache.get(change(an.article), MODEL) is None


def test_other_model_version_misses(tmp_path):
    cache = Cache(tmp_path)
    an = make()
    cache.put(an)
    assert cache.get(an.article, ModelInfo("en_core_web_sm", "3.9.0")) is None


@pytest.mark.parametrize(
    "payload",
    ["{not json", '{"schema": "other/1"}', json.dumps({"schema": "wirelens/1"}), ""],
    ids=["garbage", "schema", "fields", "empty"],
)
def test_corrupt_entry_is_ignored_and_rewritten(tmp_path, payload):
    cache = Cache(tmp_path)
    an = make()
    path = cache.path(an.article, MODEL)
    path.parent.mkdir(parents=True)
    path.write_text(payload)
    assert cache.get(an.article, MODEL) is None
    assert cache.put(an)
    assert cache.get(an.article, MODEL) == an


def test_entry_with_out_of_range_offsets_is_not_trusted(tmp_path):
    cache = Cache(tmp_path)
    an = make()
    cache.put(an)
    path = cache.path(an.article, MODEL)
    data = json.loads(path.read_text())
    data["entities"][0]["mentions"][0]["end"] = 10_000
    path.write_text(json.dumps(data))
    assert cache.get(an.article, MODEL) is None


def test_read_only_folder_means_no_cache(tmp_path, monkeypatch):
    cache = Cache(tmp_path / "ro")

    def refuse(*a, **kw):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("pathlib.Path.mkdir", refuse)
    assert cache.put(make()) is False
    assert cache.get(make().article, MODEL) is None


def test_disabled_cache_does_nothing(tmp_path):
    cache = Cache(tmp_path, enabled=False)
    assert cache.put(make()) is False
    assert list(tmp_path.iterdir()) == []


def test_clear(tmp_path):
    cache = Cache(tmp_path)
    cache.put(make())
    cache.put(make(text="Other\n\nZhai met Xi."))
    assert cache.clear() == 2
    assert [p.name for p in tmp_path.iterdir()] == ["CACHEDIR.TAG"]


@pytest.mark.slow
def test_extract_uses_and_clears_the_cache(tmp_path):
    first = run("extract", str(SEED), cache_dir=tmp_path)
    assert first.returncode == 0
    assert len(list(tmp_path.glob("*/*.json"))) == 1
    second = run("extract", str(SEED), cache_dir=tmp_path)
    assert second.stdout == first.stdout
    r = run("cache", "clear", cache_dir=tmp_path)
    assert r.stdout.strip() == f"wirelens: removed 1 cached analysis from {tmp_path}"
    run("extract", str(SEED), "--no-cache", cache_dir=tmp_path)
    assert list(tmp_path.glob("*/*.json")) == []


# ---- an entry is checked against the contract before it is used (issue 13, item 8) -----------


def _set(path, value):
    def change(data):
        node = data
        for key in path[:-1]:
            node = node[key]
        node[path[-1]] = value
        return data

    return change


ESC_TEXT = "Talks\n\nZhai\x1b[2J met Putin."
CORRUPTIONS = {
    "string-offset": _set(["entities", 0, "mentions", 0, "start"], "7"),
    "float-offset": _set(["entities", 0, "mentions", 0, "end"], 11.0),
    "bool-offset": _set(["entities", 0, "mentions", 0, "start"], True),
    "negative-offset": _set(["entities", 0, "mentions", 0, "start"], -1),
    "reversed-offsets": _set(["entities", 0, "mentions", 0, "end"], 6),
    "shifted-offsets": _set(["entities", 0, "mentions", 0, "start"], 8),
    "text-not-at-offsets": _set(["entities", 0, "mentions", 0, "text"], "Putin"),
    "empty-mentions": _set(["entities", 0, "mentions"], []),
    "mention-not-object": _set(["entities", 0, "mentions"], ["Zhai"]),
    "name-not-string": _set(["entities", 0, "name"], ["Zhai"]),
    "empty-name": _set(["entities", 0, "name"], "  "),
    "salience-string": _set(["entities", 0, "salience"], "high"),
    "duplicate-id": lambda d: {**d, "entities": d["entities"] * 2},
    "unknown-speaker-entity": _set(
        ["quotes"], [{"id": "Q1", "kind": "direct", "start": 7, "end": 11, "text": "Zhai",
                      "speaker": {"start": 16, "end": 21, "text": "Putin", "entity": "E9"}, "cue": None}]
    ),
    "unknown-quote-kind": _set(["quotes"], [{"id": "Q1", "kind": "rumour", "start": 7, "end": 11, "text": "Zhai"}]),
    "bad-date": _set(["events"], [{"id": "V1", "start": 12, "end": 15, "text": "met", "lemma": "meet",
                                   "sentence": {"start": 7, "end": 22}, "agent": None, "patient": None, "place": None,
                                   "time": {"start": 16, "end": 21, "text": "Putin", "date": "Thursday"}, "negated": False}]),
    "negated-string": _set(["events"], [{"id": "V1", "start": 12, "end": 15, "text": "met", "lemma": "meet",
                                         "sentence": {"start": 7, "end": 22}, "negated": "no"}]),
    "entities-not-list": _set(["entities"], {"E1": 1}),
    "source-not-object": _set(["source"], "a.txt"),
    "missing-text": lambda d: {**d, "source": {k: v for k, v in d["source"].items() if k != "text"}},
    "top-level-list": lambda d: [d],
}


@pytest.mark.parametrize("corrupt", list(CORRUPTIONS.values()), ids=list(CORRUPTIONS))
def test_an_entry_that_breaks_the_contract_is_ignored_and_rewritten(tmp_path, corrupt):
    cache = Cache(tmp_path)
    an = make()
    assert cache.put(an)
    path = cache.path(an.article, MODEL)
    path.write_text(json.dumps(corrupt(json.loads(path.read_text()))))
    assert cache.get(an.article, MODEL) is None
    assert cache.put(an)
    assert cache.get(an.article, MODEL) == an


@pytest.mark.parametrize(
    "raw",
    [
        "[" * 200_000 + "]" * 200_000,
        '{"a":' * 5000 + "1" + "}" * 5000,
        '{"schema": "wirelens/1", "entities": ' + "[" * 500 + "]" * 500 + "}",  # parses; the contract refuses it
        "Infinity",
        "NaN",
        "\udcff",
    ],
    ids=["deep-list", "deep-object", "deep-but-parsable", "infinity", "nan", "lone-surrogate"],
)
def test_hostile_json_is_not_parsed_into_a_crash(tmp_path, raw):
    cache = Cache(tmp_path)
    an = make()
    cache.put(an)
    cache.path(an.article, MODEL).write_bytes(raw.encode("utf-8", "surrogateescape"))
    assert cache.get(an.article, MODEL) is None


@pytest.mark.parametrize("value", ["Infinity", "-Infinity", "NaN"])
def test_a_non_finite_salience_is_refused(tmp_path, value):
    cache = Cache(tmp_path)
    an = make()
    cache.put(an)
    path = cache.path(an.article, MODEL)
    path.write_text(path.read_text().replace('"salience": 1.0', f'"salience": {value}'))
    assert value in path.read_text()
    assert cache.get(an.article, MODEL) is None


def test_an_entry_with_raw_escapes_in_its_text_is_refused(tmp_path):
    """An input file never keeps ESC (it becomes U+FFFD); an entry that does was not written by us."""
    cache = Cache(tmp_path)
    article = Article("a.txt", ESC_TEXT, "Talks")
    an = Analysis(article, MODEL, (Entity("E1", "Zhai", "PERSON", 1.0, (Mention(7, 11, "Zhai"),)),))
    assert cache.put(an)
    assert cache.get(article, MODEL) is None


def test_every_module_that_shapes_an_analysis_is_in_the_fingerprint():
    """An edit to any module the extraction imports must miss the cache (sources/meta.py was missed)."""
    from tui.cache import code_files

    code = (
        "import sys, tui.facts, tui.nlp, tui.sources, tui.sources.html, tui.facts.dates;"
        "print('\\n'.join(sorted(m.__file__ for n, m in sys.modules.items() if n.startswith('tui.') and m.__file__)))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    imported = {Path(p).resolve() for p in out.split()}
    covered = {p.resolve() for p in code_files()}
    # The version (tui/__init__.py) is a key part of its own.
    allowed = {ROOT / "tui" / "__init__.py"}
    assert imported - covered - allowed == set()
    assert (ROOT / "tui" / "sources" / "meta.py").resolve() in covered


def test_entries_are_private_to_the_user(tmp_path):
    import os
    import stat

    old = os.umask(0o022)
    try:
        cache = Cache(tmp_path / "c")
        an = make("Private memo\n\nJohn Smith told Acme Corp the password.")
        assert cache.put(an)
    finally:
        os.umask(old)
    entry = cache.path(an.article, MODEL)
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600  # the article's whole text is in it
    assert stat.S_IMODE(entry.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "c").stat().st_mode) == 0o700


def test_a_shard_that_is_a_link_is_neither_written_nor_read(tmp_path):
    cache = Cache(tmp_path / "c")
    first = make("First\n\nZhai met Putin.")  # the folder is ours
    assert cache.put(first)
    an = make()
    shard = cache.path(an.article, MODEL).parent
    outside = tmp_path / "outside"
    outside.mkdir()
    if shard.exists():
        shard.rmdir()
    shard.symlink_to(outside, target_is_directory=True)
    assert cache.put(an) is False
    assert list(outside.iterdir()) == []
    (outside / cache.path(an.article, MODEL).name).write_text(json.dumps(an.to_dict()), encoding="utf-8")
    assert cache.get(an.article, MODEL) is None  # planted through the link: not ours


def test_the_least_recently_used_entries_go_when_the_cache_is_over_its_size(tmp_path):
    import os

    cache = Cache(tmp_path / "c")
    ans = [make(f"Talk{i}\n\nZhai met Putin.") for i in range(4)]
    for i, an in enumerate(ans):
        assert cache.put(an)
        os.utime(cache.path(an.article, MODEL), (1000 + i, 1000 + i))  # put in this order, long ago
    size = cache.path(ans[0].article, MODEL).stat().st_size
    assert cache.get(ans[0].article, MODEL) is not None  # used now: the newest
    assert cache.trim(limit=2 * size + size // 2) == 2
    assert [cache.get(a.article, MODEL) is not None for a in ans] == [True, False, False, True]
    assert cache.trim(limit=10 * size) == 0


def test_a_store_trims_the_cache_to_its_size(tmp_path):
    big = Cache(tmp_path / "c")
    old = make("Older\n\nZhai met Putin.")
    assert big.put(old) and big.get(old.article, MODEL) is not None
    small = Cache(tmp_path / "c", max_bytes=1)  # a new process's first store checks the size
    new = make("Newer\n\nZhai met Putin.")
    assert small.put(new)
    assert small.get(old.article, MODEL) is None and small.get(new.article, MODEL) is None


def test_a_cache_an_older_version_left_readable_is_made_private_on_the_next_store(tmp_path):
    import os
    import stat

    cache = Cache(tmp_path / "c")
    old = make("Older\n\nZhai met Putin.")
    assert cache.put(old)
    entry = cache.path(old.article, MODEL)
    for path, mode in ((tmp_path / "c", 0o755), (entry.parent, 0o755), (entry, 0o644)):  # as before stop 22
        os.chmod(path, mode)
    again = Cache(tmp_path / "c")  # the next process's first store
    assert again.put(make("Newer\n\nZhai met Putin."))
    assert [stat.S_IMODE(p.stat().st_mode) for p in (tmp_path / "c", entry.parent, entry)] == [0o700, 0o700, 0o600]

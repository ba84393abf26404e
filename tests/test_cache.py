"""The analysis cache: hits, misses, corruption, read-only folders, clearing."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys

import pytest

from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo
from tui.cache import Cache

from conftest import ROOT, SEED

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
    assert cache.get(an.article, MODEL) == dataclasses.replace(an, _index={})


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


def run(*args, cache_dir):
    env = dict(os.environ, WIRELENS_CACHE_DIR=str(cache_dir))
    return subprocess.run([sys.executable, "-m", "tui", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


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

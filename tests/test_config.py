"""The user's keymap file: remaps bindings by id, and a bad file is one line."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app_fixtures import seed_analysis
from conftest import ROOT
from tui.app import WirelensApp
from tui.config import ConfigError, load_keymap


def test_no_file_means_no_keymap(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_CONFIG_DIR", str(tmp_path))
    assert load_keymap() == {}


def test_keymap_file_is_read(tmp_path, monkeypatch):
    monkeypatch.setenv("WIRELENS_CONFIG_DIR", str(tmp_path))
    (tmp_path / "keymap.json").write_text(json.dumps({"app.copy": "c"}))
    assert load_keymap() == {"app.copy": "c"}


@pytest.mark.parametrize(
    "content,reason",
    [("{oops", "not valid JSON"), ('["c"]', "expected an object of binding ids to keys")],
)
def test_bad_keymap_is_one_line(tmp_path, content, reason):
    f = tmp_path / "k.json"
    f.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_keymap(f)
    assert str(err.value).startswith(f"{f}: {reason}")


async def test_remapped_key_copies():
    analysis = seed_analysis()
    app = WirelensApp([analysis.article], analyses={analysis.article.path: analysis})
    app.set_keymap({"app.copy": "c"})
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.startswith("**")  # the first entity, as Markdown


def test_cli_reports_a_bad_keymap(tmp_path):
    f = tmp_path / "k.json"
    f.write_text("{oops")
    r = subprocess.run(
        [sys.executable, "-m", "tui", str(ROOT / "seeds"), "--keymap", str(f)],
        capture_output=True, text=True, cwd=ROOT, timeout=60, env=dict(os.environ),
    )
    assert r.returncode == 2
    assert r.stderr.startswith(f"wirelens: {f}: not valid JSON")

"""What a non-editable install gets: every package, the stylesheet and the bundled articles."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SEEDS


def test_every_package_under_tui_is_listed():
    tomllib = pytest.importorskip("tomllib")  # Python 3.11+
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "tui").rglob("__init__.py")}
    assert listed == found | {"tui.seeds"}


@pytest.mark.slow
def test_the_wheel_ships_the_bundled_articles_and_the_stylesheet(tmp_path):
    """Built from a copy, so the build leaves no build/ folder in the checkout."""
    src = tmp_path / "src"
    src.mkdir()
    for name in ("tui", "seeds", "pyproject.toml", "README.md"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if copy is shutil.copytree else {}))
    r = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(src)],
        capture_output=True, text=True, timeout=300,
    )
    assert r.returncode == 0, r.stderr
    [wheel] = tmp_path.glob("wirelens-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"tui/seeds/{p.name}" for p in SEEDS.iterdir()} <= names
    assert "tui/app/app.tcss" in names


def test_no_path_and_no_bundled_articles_says_what_to_do(monkeypatch, capsys, tmp_path):
    from tui import cli

    monkeypatch.setattr(cli, "__file__", str(tmp_path / "tui" / "cli.py"))
    assert cli.main([]) == 2
    assert capsys.readouterr().err == (
        "wirelens: no PATH given and the bundled articles are missing from this install; give a file or folder "
        "(wirelens story.txt), or reinstall: pip install --force-reinstall .\n"
    )

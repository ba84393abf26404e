"""Import hygiene: the core stays free of the screen, and start-up stays free of the heavy libraries.

Each check runs in a fresh interpreter, so what another test imported cannot hide
an import the code makes itself.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from conftest import ROOT

#: The Textual-free core (DESIGN.md): everything but tui.app and the CLI's screen path.
CORE = ("analysis", "sources", "nlp", "facts", "export", "cache", "config", "validation", "tempfiles", "interrupt")


def imported_after(statement: str, prefixes: tuple[str, ...]) -> list[str]:
    code = (
        f"import sys; {statement}; "
        f"print(sorted({{m.split('.')[0] for m in sys.modules if m.split('.')[0] in {prefixes!r}}}))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr
    return eval(r.stdout)  # a printed list of module names


@pytest.mark.parametrize("module", CORE)
def test_the_core_imports_neither_textual_nor_rich(module):
    assert imported_after(f"import tui.{module}", ("textual", "rich")) == []


def test_the_whole_extraction_path_imports_no_textual():
    """Rich is left out here: spaCy itself imports it (through typer), which is not ours to change."""
    statement = (
        "import tui.facts, tui.nlp, tui.sources.html, tui.facts.dates, tui.export.output;"
        "from tui.facts import analyse; from tui import nlp; nlp.load(); import dateparser, trafilatura"
    )
    assert imported_after(statement, ("textual",)) == []


@pytest.mark.parametrize("statement", ["import tui.cli", "import tui.app", "import tui.cli, tui.app, tui.sources, tui.cache"])
def test_start_up_imports_none_of_the_heavy_libraries(statement):
    """spaCy, trafilatura and dateparser load when needed (the worker, an HTML file), never at start."""
    assert imported_after(statement, ("spacy", "trafilatura", "dateparser", "charset_normalizer")) == []

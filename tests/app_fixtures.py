"""A fixed Analysis of the seed article, for app tests and snapshots (never the model).

The entities are the extractor's output at the time it was recorded; quotes and
events were written by hand against the same text, so the screen tests do not
change when the extractors improve.
"""

from __future__ import annotations

import json
import threading
from dataclasses import replace
from pathlib import Path

from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo

DATA = Path(__file__).resolve().parent / "data" / "app_seed_analysis.json"
SEED_PATH = "seeds/000_bdc864ace7bdc83f.txt"


def make_app(analysis: Analysis, **kw):
    """The app on one article whose analysis is already done (no model, no worker)."""
    from tui.app import WirelensApp

    return WirelensApp([analysis.article], analyses={analysis.article.path: analysis}, **kw)


def gated_app(analysis: Analysis, **kw):
    """The app on one article whose analysis waits for `gate.release` (a `Gate`): (app, gate)."""
    from tui.app import WirelensApp

    gate = Gate({analysis.article.path: analysis})
    return WirelensApp([analysis.article], analyser=gate, **kw), gate


def notifications(app) -> list[str]:
    """What the app's toasts say."""
    return [str(n.message) for n in app._notifications]  # noqa: SLF001 - Textual keeps them private


def footer_keys(app) -> dict[str, bool]:
    """What the screen's footer shows: action -> live (False: dimmed)."""
    from tui.app.footer import KeyBar

    return {k.action: k.enabled for k in app.screen.query_one(KeyBar).keys}


def seed_analysis() -> Analysis:
    return Analysis.from_dict(json.loads(DATA.read_text(encoding="utf-8")))


def second_analysis() -> Analysis:
    """A small second article, to switch to."""
    text = "Blinken meets Zhai\n\nAntony Blinken met Zhai Jun in Doha on Friday. Blinken said little.\n"
    article = Article(path="seeds/second.txt", text=text, title="Blinken meets Zhai", date="2023-10-20")

    def ment(s: str, nth: int = 0) -> Mention:
        i = -1
        for _ in range(nth + 1):
            i = text.index(s, i + 1)
        return Mention(i, i + len(s), s)

    entities = (
        Entity("E1", "Antony Blinken", "PERSON", 0.4, (ment("Blinken"), ment("Antony Blinken"), ment("Blinken", 2))),
        Entity("E2", "Zhai Jun", "PERSON", 0.3, (ment("Zhai"), ment("Zhai Jun"))),
        Entity("E3", "Doha", "GPE", 0.2, (ment("Doha"),)),
    )
    return Analysis(article, ModelInfo("en_core_web_sm", "3.8.0"), entities)


class Gate:
    """An analyser that waits until released (or cancelled), then returns a result."""

    def __init__(self, results: dict[str, Analysis] | None = None, error: Exception | None = None) -> None:
        self.results = results or {}
        self.error = error
        self.release = threading.Event()
        self.calls: list[str] = []
        self.cancelled: list[str] = []

    def __call__(self, article: Article, *, progress, cancelled):
        self.calls.append(article.path)
        progress("Analysing…")
        while not self.release.wait(0.01):
            if cancelled():
                self.cancelled.append(article.path)
                return None
        if self.error is not None:
            raise self.error
        result = self.results[article.path]
        return replace(result, article=article) if result.article != article else result


async def wait_until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until `condition()` holds; fail if it never does."""
    for _ in range(int(timeout / 0.02)):
        if condition():
            return
        await pilot.pause(0.02)
    raise AssertionError("timed out")


async def palette_search(app, pilot, query: str, until) -> list[str]:
    """Open Ctrl+P, type `query`, and wait until a hit's prompt satisfies `until`; the prompts."""
    from textual.command import CommandPalette

    await pilot.press("ctrl+p")
    await pilot.pause()
    assert isinstance(app.screen, CommandPalette)
    await pilot.press(*query)
    prompts: list[str] = []
    for _ in range(50):
        await pilot.pause(0.05)
        prompts = [str(o.prompt) for o in app.screen.query_one("CommandList").options]
        if any(until(p) for p in prompts):
            break
    return prompts

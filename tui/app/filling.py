"""The panels filled from an analysis, at once or one panel a frame.

A result arriving while the screen is live (the analysis of a 10,000-word article: a
thousand facts) drew three panels' first rows, their scroll bars and the footer in one
frame, which held the screen for about 50 ms. Spread, the focused panel fills first, the
others in the frames after it, and the footer last; a newer fill, or another article,
drops the steps still to come.
"""

from __future__ import annotations

from itertools import count
from typing import TYPE_CHECKING, Mapping
from weakref import WeakKeyDictionary

from ..analysis import Analysis
from ..kinds import fact_key, kind
from .labels import same_fact
from .panels import FactPanel
from .rows import Rows

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp


def fill(app: "WirelensApp", analysis: Analysis, rows: Mapping[str, Rows] | None = None,
         spread: bool = False) -> None:
    """Fill the panels (with `rows` prepared off the UI thread, if given); a fuller analysis
    of the same article keeps each cursor on its fact."""
    if app.closing:  # a result arriving as the app closes finds the panels' children removed
        return
    app.filling = token = object() if spread else None  # None: no fill under way, or steps left
    focused = app.focused_panel()
    # The focused panel first, then the one filled longest ago: partial results coming faster
    # than a fill's frames cut each fill short, and the same last panel was never reached.
    order = sorted(app.panels, key=lambda p: (p is not focused, _filled_at.get(p, 0)))
    app.update_header()
    if token is None:
        with app.batch_update():
            for panel in order:
                _fill_panel(app, panel, analysis, rows)
        _filled(app, analysis)
        return
    _step(app, token, analysis, rows, order)


def _step(app: "WirelensApp", token: object, analysis: Analysis, rows: Mapping[str, Rows] | None,
          panels: list[FactPanel]) -> None:
    if token is not app.filling or app.closing:  # another article, or a fuller analysis, took over
        return
    if panels:
        _fill_panel(app, panels[0], analysis, rows)
        app.call_after_refresh(_step, app, token, analysis, rows, panels[1:])
    else:
        app.filling = None
        _filled(app, analysis)
        app.refresh_bindings()  # copy all and export are ready: the footer says so


#: When each panel was last filled (a count of fills), for the order of the next fill.
_filled_at: "WeakKeyDictionary[FactPanel, int]" = WeakKeyDictionary()
_fills = count(1)


def _fill_panel(app: "WirelensApp", panel: FactPanel, analysis: Analysis, rows: Mapping[str, Rows] | None) -> None:
    _filled_at[panel] = next(_fills)
    path = analysis.article.path
    note = "" if path in app.analyses else app.progress_note(path)
    facts = panel.fact_kind.facts(analysis)
    keep = None
    if panel.analysis is not None and panel.analysis.article.path == path:
        keep = same_fact(panel.current, facts)
    panel.set_facts(analysis, facts, keep=keep, note=note, rows=rows.get(panel.kind) if rows else None)


def _filled(app: "WirelensApp", analysis: Analysis) -> None:
    """Every panel shows `analysis`: the selected fact, found again in a fuller analysis,
    keeps its span and the view."""
    again = None
    key = fact_key(app.selected_fact)
    if key is not None and app.analysis is analysis:
        again = next((f for f in kind(key[0]).facts(analysis) if fact_key(f) == key), None)
    focused = app.focused_panel()
    if again is not None and (focused is None or focused.current is None or
                              fact_key(focused.current) == fact_key(again)):
        app.show_fact(again, keep_view=True)
    elif focused is not None and focused.current is not None and focused.current is not app.selected_fact:
        # the panel's cursor, placed by the fill (lit already if it moved): the article stays put
        app.show_fact(focused.current, scroll=False)

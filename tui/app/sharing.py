"""Taking facts out of the app: `y` copy one, `Y` copy all, `e` export.

Each key says why when there is nothing to take: an article still being analysed
dims them in the footer (and `y` with no fact lit, `Y` with none found), one that could
not be read keeps them live, to say so.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from ..kinds import all_facts, fact_markdown
from ..sources import SourceError
from .labels import fact_title

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp

ACTIONS = ("copy", "copy_all", "export")


class SharingActions:
    """A mixin for the app: its `y`, `Y` and `e`."""

    def action_copy(self) -> None:
        copy_fact(self)  # type: ignore[arg-type]  # the Wirelens app's

    def action_copy_all(self) -> None:
        copy_all(self)  # type: ignore[arg-type]

    def action_export(self) -> None:
        export(self)  # type: ignore[arg-type]


def check(app: "WirelensApp", action: str) -> bool | None:
    """True to run an action, None to dim it in the footer: while the facts are coming, and
    `y` with no fact lit or `Y` with none found (export still writes the empty lists)."""
    if action not in ACTIONS or no_facts(app) is not None:
        return True
    if action == "copy":
        return True if app.analysis is not None and app.current_fact() is not None else None
    analysis = app.analysis if app.analysis_complete else None  # never part of one
    if analysis is None or action == "copy_all" and not any(all_facts(analysis)):
        return None
    return True


def no_facts(app: "WirelensApp") -> str | None:
    """Why the current article will have no facts, if it will not."""
    src = app.source
    if isinstance(src, SourceError):
        return f"{src.name} could not be read: {src.reason}"
    return app.errors.get(src.path) if src is not None else None


def say_no_facts(app: "WirelensApp", verb: str) -> None:
    why = no_facts(app) or "the analysis is not ready"
    app.notify(f"Nothing to {verb}: {why}", severity="warning", markup=False)


def copy_fact(app: "WirelensApp") -> None:
    analysis = app.analysis
    if analysis is None:
        say_no_facts(app, "copy")
        return
    fact = app.current_fact()
    if fact is None:  # (`y` is dimmed then, see `check`: it never comes here)
        return
    _copy(app, fact_markdown(analysis, fact), fact_title(analysis, fact))


def copy_all(app: "WirelensApp") -> None:
    analysis = app.analysis if app.analysis_complete else None
    if analysis is None:
        say_no_facts(app, "copy")
        return
    from ..export import to_markdown  # here, not at start-up: the first frame needs none of it

    _copy(app, to_markdown(analysis), "all facts of the article")


def _copy(app: "WirelensApp", text: str, what: str) -> None:
    from .clipboard import copy_text

    result = copy_text(app, text)
    if result.ok:
        app.notify(f"Copied {what} as Markdown {result.describe()}.", title="Copied", markup=False)
    else:
        app.notify(
            f"Could not copy {what}: {result.describe()}. Press e to save the facts to a file instead.",
            title="No clipboard",
            severity="warning",
            markup=False,
            timeout=10,
        )


def export(app: "WirelensApp") -> None:
    """The export dialog, opening on the format and folder last used in this session."""
    analysis = app.analysis if app.analysis_complete else None
    if analysis is None:
        say_no_facts(app, "export")
        return
    from .export_dialog import ExportScreen  # its widgets (buttons, radio set) only when asked for

    screen = ExportScreen(analysis, *app.export_memory, articles=[s.path for s in app.sources])

    def done(path: str | None) -> None:
        if path:
            app.export_memory = (screen.fmt, os.path.dirname(os.path.abspath(path)))
            app.notify(f"Exported the facts to {path}", title="Exported", markup=False)

    app.push_screen(screen, done)

"""Which binding ids a `keymap.json` may name, so a typo is reported, not ignored."""

from __future__ import annotations

from typing import Iterable, Mapping

from textual.binding import Binding


def known_ids() -> set[str]:
    """Every binding id of the app's screens and widgets."""
    from .app import WirelensApp
    from .article import ArticleView
    from .export_dialog import ExportScreen
    from .help import HelpScreen
    from .panels import ArticleList, FactList, FilterInput

    classes: Iterable[type] = (WirelensApp, ArticleView, ExportScreen, HelpScreen, ArticleList, FactList, FilterInput)
    return {b.id for cls in classes for b in getattr(cls, "BINDINGS", ()) if isinstance(b, Binding) and b.id}


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    known = known_ids()
    return sorted(k for k in keymap if k not in known)

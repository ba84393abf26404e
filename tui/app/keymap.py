"""Which binding ids a `keymap.json` may name, so a typo is reported, not ignored."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Mapping

from textual.app import App
from textual.binding import Binding, Keymap

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp


class KeptKeymap(App[None]):
    """Keeps the user's keymap as given (binding id -> keys) for the help screen: Textual's is private."""

    user_keymap: dict[str, str] = {}

    def set_keymap(self, keymap: Keymap) -> None:
        self.user_keymap = dict(keymap)
        super().set_keymap(keymap)

    def update_keymap(self, keymap: Keymap) -> None:
        self.user_keymap = {**self.user_keymap, **keymap}
        super().update_keymap(keymap)


def known_ids() -> set[str]:
    """Every binding id of the app's screens and widgets."""
    from .app import WirelensApp
    from .article import ArticleView
    from .export_dialog import ExportScreen
    from .help import HelpScreen
    from .panels import ArticleList, FactList, FilterInput
    from .corpus_view import CorpusList, CorpusScreen
    from .timeline import TimelineList, TimelineScreen

    classes: Iterable[type] = (WirelensApp, ArticleView, ExportScreen, HelpScreen, ArticleList, FactList, FilterInput,
                               TimelineScreen, TimelineList, CorpusScreen, CorpusList)
    return {b.id for cls in classes for b in getattr(cls, "BINDINGS", ()) if isinstance(b, Binding) and b.id}


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    known = known_ids()
    return sorted(k for k in keymap if k not in known)


def warn_unknown_ids(app: "WirelensApp") -> None:
    """A toast naming the ids of the user's keymap that no binding has."""
    if not app.user_keymap:  # nothing to check: the dialogs and screens stay unimported at start-up
        return
    unknown = unknown_ids(app.user_keymap)
    if unknown:
        names = ", ".join(unknown)
        app.notify(f"keymap: no binding has the id {names} (ignored); ? lists the ids",
                   title="Unknown key ids", severity="warning", markup=False, timeout=10)

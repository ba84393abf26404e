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


def _classes() -> Iterable[type]:
    from .app import WirelensApp
    from .article import ArticleView
    from .export_dialog import ExportScreen
    from .help import HelpScreen
    from .articles import ArticleList
    from .panels import FactList, FilterInput
    from .corpus_view import CorpusList, CorpusScreen
    from .timeline import TimelineList, TimelineScreen

    return (WirelensApp, ArticleView, ExportScreen, HelpScreen, ArticleList, FactList, FilterInput,
            TimelineScreen, TimelineList, CorpusScreen, CorpusList)


def _bindings(cls: type) -> list[Binding]:
    return [b for b in getattr(cls, "BINDINGS", ()) if isinstance(b, Binding) and b.id]


def known_ids() -> set[str]:
    """Every binding id of the app's screens and widgets."""
    return {b.id for cls in _classes() for b in _bindings(cls) if b.id}


def unknown_ids(keymap: Mapping[str, str]) -> list[str]:
    known = known_ids()
    return sorted(k for k in keymap if k not in known)


def clashes(keymap: Mapping[str, str]) -> list[tuple[str, list[str]]]:
    """(key, binding ids) where the keymap gives one screen's or widget's key to two of its
    bindings: {"app.copy": "c"} takes Corpus's `c`, and only one of them can have it."""
    out = []
    for cls in _classes():
        holders: dict[str, list[str]] = {}
        for b in _bindings(cls):
            assert b.id is not None
            for key in (keymap.get(b.id) or b.key).split(","):
                holders.setdefault(key.strip(), []).append(b.id)
        out += [(key, ids) for key, ids in holders.items() if len(ids) > 1 and any(i in keymap for i in ids)]
    return out


def warn_unknown_ids(app: "WirelensApp") -> None:
    """A toast naming the ids of the user's keymap that no binding has, and one for each key
    it gives to two bindings at once."""
    if not app.user_keymap:  # nothing to check: the dialogs and screens stay unimported at start-up
        return
    unknown = unknown_ids(app.user_keymap)
    if unknown:
        names = ", ".join(unknown)
        app.notify(f"keymap: no binding has the id {names} (ignored); ? lists the ids",
                   title="Unknown key ids", severity="warning", markup=False, timeout=10)
    for key, ids in clashes(app.user_keymap):
        app.notify(f"keymap: {key} is given to {' and '.join(ids)}; only one of them can have it",
                   title="Key given twice", severity="warning", markup=False, timeout=10)

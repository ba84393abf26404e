"""The app's start without the work that changes nothing on screen.

The cyclic garbage collector's pauses, first:

Importing Textual and the app, then composing, styling and drawing the first frame make
hundreds of thousands of objects that live as long as the app (modules, classes, widgets,
styles, strips), and the collections they set off (40-45 ms here, a sixth of the time to
the first frame) free next to nothing. Importing `tui.app` and each app's load put the
collector off (its first threshold raised far beyond what a start makes, so it is never
off for good) until the first frame is drawn or the app ends; the first time, what exists
then is moved out of its way for good (`gc.freeze`: the modules, classes and the first
screen are never garbage), so later collections stay short while the panels fill.

Then Textual's own repeats: the whole screen laid out and drawn again for sizes it has
already (`LaidOutOnce`, `QuietStart._on_resize`), and every widget restyled as the screen
first shows, a moment after each was styled as it was mounted. Together these took a
cached reopen from about 155 to 75-95 ms (the bare app's start: 56-64 ms).
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

from textual import events
from textual.screen import Screen

if TYPE_CHECKING:  # pragma: no cover
    from .app import WirelensApp

#: The first generation's threshold while paused: a start makes some 40,000 objects.
PAUSED_THRESHOLD = 1_000_000
_saved: tuple[int, ...] | None = None
_frozen = False


def pause() -> None:
    global _saved
    if _saved is None:
        _saved = gc.get_threshold()
        gc.set_threshold(PAUSED_THRESHOLD, *_saved[1:])


def resume() -> None:
    """The collector's thresholds back, if `pause` changed them; what exists frozen, once a process."""
    global _saved, _frozen
    if _saved is None:
        return
    saved, _saved = _saved, None
    if not _frozen:
        _frozen = True
        gc.freeze()
    gc.set_threshold(*saved)


def read_cached(app: "WirelensApp", index: int) -> None:
    """When no analysis child was started (every article was in the cache), the first
    article's analysis is read from the cache now, on the UI thread (1-2 ms for a news
    article), so the first frame shows the panels filled: a worker thread reading it
    beside the first frame fought it for the interpreter and filled the panels a frame
    later. With a child running (something to analyse), nothing is read here."""
    analyser = app._analyser  # the one given: the entry point's ProcessAnalyser
    cached = getattr(analyser, "cached", None)
    if cached is None or getattr(analyser, "pid", 0) is not None or not app.use_cache:
        return
    from ..analysis import Article
    from .rows import prepare_rows

    article = app.sources[index] if 0 <= index < len(app.sources) else None
    if not isinstance(article, Article) or article.path in app.analyses:
        return
    analysis = cached(article)
    if analysis is not None:
        app.analyses[article.path] = analysis
        app._rows[article.path] = prepare_rows(analysis)


class LaidOutOnce(Screen):
    """The main screen, laid out once for a size: its first layout sends the screen itself a
    Resize (as it does every widget just shown), and Textual lays out and draws the whole
    screen again for it, at the size it has just been laid out for (15-45 ms at the start)."""

    _resumed = False

    def _on_screen_resume(self, event: events.ScreenResume) -> None:
        """The first resume restyled every widget, all styled a moment before as they were
        mounted (about 0.5 ms a widget); a later resume (back from a dialog) still does."""
        if not self._resumed:
            self._resumed = True
            event.refresh_styles = False

    async def _on_resize(self, event: events.Resize) -> None:
        if event.size == self._compositor.size:
            event.prevent_default()  # (Textual calls its own handler after this one otherwise)


class QuietStart:
    """A mixin for a Textual `App` (Textual calls each class's handlers)."""

    def get_default_screen(self) -> Screen:
        return LaidOutOnce(id="_default")

    async def _on_resize(self, event: events.Resize) -> None:
        """The terminal's size comes twice at the start (the driver's first report, then
        again), and Textual keeps the second for when the app is idle, to lay the screen out
        again for a size it has already: a size the app has is dropped here."""
        if event.size == getattr(self, "_size", None):
            event.prevent_default()

    def on_load(self) -> None:
        pause()

    def on_mount(self) -> None:
        self.call_after_refresh(resume)  # type: ignore[attr-defined]  # the App's

    def on_unmount(self) -> None:
        resume()

"""`e`: export the article's facts to a file, atomically, never overwriting unasked."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Sequence

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioButton, RadioSet, Static

from ..analysis import Analysis
from .footer import KeyBar
from .labels import one_line

EXPORT_FORMATS = (("json", "JSON"), ("md", "Markdown"), ("csv", "CSV"))
SUFFIXES = {"json": ".json", "md": ".md", "csv": ".csv"}


def default_path(analysis: Analysis, fmt: str, folder: str | None = None) -> str:
    """`<name>.facts.<ext>` in `folder` (the last one exported to), else here: never beside
    the article, where the next open of that folder would read it back as an article."""
    article = analysis.article
    stem = Path(article.name).stem if not article.path.startswith("<") else "stdin"
    filename = f"{stem or 'article'}.facts{SUFFIXES[fmt]}"
    return str(Path(folder) / filename) if folder else filename


def with_suffix(path: str, fmt: str) -> str:
    p = Path(path)
    if p.suffix.lower() in SUFFIXES.values():
        return str(p.with_suffix(SUFFIXES[fmt]))
    return path


def format_of(path: str) -> str | None:
    """The format a typed file name asks for by its suffix ("facts.csv"), as `extract -o` reads it."""
    suffix = Path(path).suffix.lower()
    return next((fmt for fmt, s in SUFFIXES.items() if s == suffix), None)


class FormatButton(RadioButton):
    """A format whose dot says whether it is chosen, in shape as well as colour (NO_COLOR,
    a monochrome terminal): "●" on, "○" off."""

    def __init__(self, label: str, value: bool, id: str) -> None:
        super().__init__(label, value, id=id)
        self._dot()

    def watch_value(self) -> None:
        super().watch_value()
        self._dot()

    def _dot(self) -> None:
        self.BUTTON_INNER = "●" if self.value else "○"


class FormatSet(RadioSet):
    """The arrows choose the format they move to, as in any radio group: the path below
    follows, and what Enter writes is what the dialog shows."""

    def action_previous_button(self) -> None:
        super().action_previous_button()
        if self.has_focus:  # (the set also moves itself onto a first button as it mounts)
            self.action_toggle_button()

    def action_next_button(self) -> None:
        super().action_next_button()
        if self.has_focus:
            self.action_toggle_button()


class ExportScreen(ModalScreen[str | None]):
    """Dismisses with the path written, or None when cancelled."""

    CSS_PATH = "screens.tcss"  # read on first open, not at start-up

    BINDINGS = [
        Binding("enter", "choose", "Export", priority=True, id="export.choose"),
        Binding("escape", "cancel", "Cancel", id="export.cancel"),
    ]

    def __init__(self, analysis: Analysis, fmt: str = "json", folder: str | None = None,
                 articles: Sequence[str] = ()) -> None:
        super().__init__()
        self.analysis = analysis
        self.articles = articles  # the open articles' paths: never written over
        self.fmt = fmt
        self.folder = folder
        self._confirm_path: str | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box") as box:
            box.border_title = "Export facts"
            yield Static(Content.assemble("Article: ", (one_line(self.analysis.article.name), "bold")), markup=False)
            with FormatSet(id="export-format"):
                for fmt, label in EXPORT_FORMATS:
                    yield FormatButton(label, value=(fmt == self.fmt), id=f"fmt-{fmt}")
            yield Label("Save to:")
            yield Input(default_path(self.analysis, self.fmt, self.folder), id="export-path")
            yield Static("", id="export-message", markup=False)
            with Horizontal(id="export-buttons"):
                yield Button("Export", variant="primary", id="export-ok")
                yield Button("Cancel", id="export-cancel")
        yield KeyBar()  # this dialog's keys, over the reading screen's

    def on_mount(self) -> None:
        formats = self.query_one("#export-format", RadioSet)
        formats.focus()  # pick a format with the arrows, Enter exports
        self.call_after_refresh(self._light_the_chosen_format)

    def _light_the_chosen_format(self) -> None:
        """The arrows start from the format chosen last time: Textual lights the first button
        when the set mounts, and Enter there wrote JSON under a lit Markdown."""
        formats = self.query_one("#export-format", RadioSet)
        if formats.pressed_index >= 0:
            formats._selected = formats.pressed_index

    def action_choose(self) -> None:
        """Enter anywhere exports; on the format list it first takes the highlighted format."""
        focused = self.focused
        if isinstance(focused, RadioSet):
            lit = focused.query("RadioButton.-selected").first(RadioButton)  # the highlighted format
            lit.value = True
            self._take_format((lit.id or "fmt-json").removeprefix("fmt-"))
            self._export()
        elif isinstance(focused, Button):
            focused.press()
        else:
            self._export()

    @on(RadioSet.Changed, "#export-format")
    def _format_changed(self, event: RadioSet.Changed) -> None:
        self._take_format((event.pressed.id or "fmt-json").removeprefix("fmt-"))

    def _take_format(self, fmt: str) -> None:
        if fmt == self.fmt:
            return
        self.fmt = fmt
        path_input = self.query_one("#export-path", Input)
        path_input.value = with_suffix(path_input.value, self.fmt)
        self._reset_confirm()

    @on(Input.Changed, "#export-path")
    def _path_changed(self, event: Input.Changed) -> None:
        """A typed ".csv" or ".md" chooses that format, so the file is what its name says."""
        fmt = format_of(event.value.strip())
        if fmt is not None and fmt != self.fmt:
            self.fmt = fmt
            self.query_one(f"#fmt-{fmt}", RadioButton).value = True  # (its Changed finds the format taken)
        self._reset_confirm()

    def _reset_confirm(self) -> None:
        if self._confirm_path is not None:
            self._confirm_path = None
            self.query_one("#export-ok", Button).label = "Export"
            self._message("")

    def _message(self, text: str, cls: str = "") -> None:
        msg = self.query_one("#export-message", Static)
        msg.set_classes(cls)
        msg.update(Content(text))

    @on(Button.Pressed, "#export-ok")
    def _export(self) -> None:
        raw = self.query_one("#export-path", Input).value.strip()
        if not raw:
            self._message("Type a file name.", "-error")
            return
        path = os.path.expanduser(raw)
        if os.path.isdir(path):
            self._message(f"{raw} is a folder; type a file name.", "-error")
            return
        from ..sources import read_from

        if read_from([*self.articles, self.analysis.article.path], path) is not None:
            self._message(f"{raw} is an article open here; type another file name.", "-error")
            return
        from ..export import OutputError, render, write_atomic
        from ..export.output import classify

        try:
            classify(path)  # a read-only file or a device is said before any "overwrite?"
        except OutputError as exc:
            self._message(f"Cannot write {exc}", "-error")
            return
        if os.path.exists(path) and self._confirm_path != path:
            self._confirm_path = path
            self.query_one("#export-ok", Button).label = "Overwrite"
            self._message(f"{raw} exists. Export again (Enter) to overwrite it.", "-warning")
            return
        try:
            write_atomic(path, render(self.analysis, self.fmt))
        except OutputError as exc:  # already names the path: "/dev/zero: is a device, …"
            self._message(f"Cannot write {exc}", "-error")
            self._confirm_path = None
            return
        except (OSError, ValueError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            self._message(f"Cannot write {raw}: {reason}", "-error")
            self._confirm_path = None
            return
        self.dismiss(path)

    @on(Button.Pressed, "#export-cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)

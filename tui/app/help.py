"""`?`: every key, read from the live bindings so a remapped key shows as remapped, and
what each highlight colour in the article means."""

from __future__ import annotations

import textwrap
from typing import Mapping

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from ..kinds import kinds
from .article import ArticleView

#: (section, [(binding id or None, fallback keys, description)])
HELP: list[tuple[str, list[tuple[str | None, str, str]]]] = [
    ("Everywhere", [
        (None, "tab / shift+tab", "Next / previous pane"),
        ("app.copy", "y", "Copy the selected fact as Markdown"),
        ("app.copy_all", "Y", "Copy all facts of the article as Markdown"),
        ("app.export", "e", "Export the facts as JSON, Markdown or CSV"),
        ("app.timeline", "t", "Timeline: every open article's events by date"),
        ("app.corpus", "c", "Corpus: who and what across the open articles"),
        ("app.back_to_corpus", "escape", "Back to the corpus, from a fact opened there"),
        ("app.command_palette", "ctrl+p", "Command palette: jump to a fact, switch theme"),
        ("app.help", "?", "This help"),
        ("app.quit", "q", "Quit"),
    ]),
    ("{panels}", [  # the fact panels, named from the table of kinds
        ("list.down", "j / down", "Next fact (highlights it in the article)"),
        ("list.up", "k / up", "Previous fact"),
        ("list.first", "g / home", "First fact"),
        ("list.last", "G / end", "Last fact"),
        ("list.select", "enter", "Focus the article on the fact"),
        ("list.filter", "/", "Filter the panel as you type"),
        ("list.clear_filter", "escape", "Clear the filter"),
        ("filter.clear", "escape", "Clear the filter, typing in it"),
        ("list.all", "a", "All or main: minor events, dates and numbers"),
    ]),
    ("Article", [
        ("article.next_span", "n", "Next highlighted span"),
        ("article.previous_span", "N", "Previous highlighted span"),
        ("article.down", "j / down", "Scroll down"),
        ("article.up", "k / up", "Scroll up"),
        ("article.top", "g / home", "Top"),
        ("article.bottom", "G / end", "Bottom"),
        ("article.page_down", "space", "Page down (pagedown too)"),
        ("article.back", "escape", "Back to the panel"),
        (None, "click", "Select the fact under the pointer"),
    ]),
    ("Timeline", [
        ("timeline.down", "j / down", "Next event"),
        ("timeline.up", "k / up", "Previous event"),
        ("timeline.first", "g / home", "First event"),
        ("timeline.last", "G / end", "Last event"),
        ("timeline.select", "enter", "Go to the event in its article (click too)"),
        ("timeline.copy", "y", "Copy the event and its sentence as Markdown"),
        ("timeline.help", "?", "This help"),
        ("timeline.close", "escape / t / q", "Back to the article"),
    ]),
    ("Corpus", [
        ("corpus.down", "j / down", "Next row"),
        ("corpus.up", "k / up", "Previous row"),
        ("corpus.first", "g / home", "First row"),
        ("corpus.last", "G / end", "Last row"),
        ("corpus.switch", "tab", "Between entities and what each said and did"),
        ("corpus.select", "enter", "Open the fact in its article (Esc comes back)"),
        ("corpus.help", "?", "This help"),
        ("corpus.close", "escape / c / q", "Back to the article"),
    ]),
    ("Articles (with several files)", [
        ("articles.down", "j / down", "Next article (analysed in the background)"),
        ("articles.up", "k / up", "Previous article"),
        ("articles.first", "g / home", "First article"),
        ("articles.last", "G / end", "Last article"),
    ]),
    ("Export dialog and this help", [
        ("export.choose", "enter", "Export in the chosen format"),
        ("export.cancel", "escape", "Close the export dialog"),
        ("help.down", "j / down", "Scroll this help down"),
        ("help.up", "k / up", "Scroll this help up"),
        ("help.top", "g / home", "Top of this help"),
        ("help.bottom", "G / end", "Bottom of this help"),
        ("help.close", "escape / q / ?", "Close this help"),
    ]),
]


def keys_for(keymap: Mapping[str, str], binding_id: str | None, fallback: str) -> str:
    """The keys now bound to `binding_id`, after the user's keymap (binding id -> "key,key")."""
    if binding_id is None or binding_id not in keymap:
        return fallback
    return " / ".join(k.strip() for k in keymap[binding_id].split(","))


class HelpScreen(ModalScreen[None]):
    """The keys, as remapped by `keymap` (the app's `user_keymap`)."""

    CSS_PATH = "screens.tcss"  # read on first open, not at start-up

    BINDINGS = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j", "scroll('down')", "Down", show=False, id="help.down"),
        Binding("k", "scroll('up')", "Up", show=False, id="help.up"),
        Binding("g", "scroll('top')", "Top", show=False, id="help.top"),
        Binding("G", "scroll('bottom')", "Bottom", show=False, id="help.bottom"),
    ]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap: Mapping[str, str] = dict(keymap or {})

    def action_scroll(self, direction: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        if direction in ("top", "bottom"):  # as g and G go to the ends of every list here
            body.scroll_to(y=0 if direction == "top" else body.max_scroll_y, animate=False, immediate=True)
        else:
            body.scroll_relative(y=1 if direction == "down" else -1, animate=False, immediate=True)

    def _legend(self, room: int) -> list[Content]:
        """"Highlights in the article": each kind's roles, each in the very style the
        article draws it with (the article's own legend, so a theme's colours follow); under
        the kind's name where beside it would not fit in `room`."""
        view = next((v for screen in self.app.screen_stack for v in screen.query(ArticleView)), None)
        if view is None:  # no article on screen: nothing to take the styles from
            return []
        rows = [Content.styled("Highlights in the article", "bold $text-accent")]
        for k in kinds():
            legend = Content.from_rich_text(view.legend(k.roles))
            if 21 + legend.cell_length <= room:
                rows.append(Content.assemble((f"  {k.title:<18}", "bold $text-secondary"), " ", legend))
            else:
                rows += [Content.styled(f"  {k.title}", "bold $text-secondary"), Content.assemble("    ", legend)]
        return [*rows, Content("")]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body") as body:
            body.border_title = "Wirelens keys"
            body.border_subtitle = "j/k scroll · Esc closes"
            yield Static(self._text(self.app.size.width), id="help-text")

    def on_resize(self) -> None:
        self.query_one("#help-text", Static).update(self._text(self.size.width))

    def _text(self, screen_width: int) -> Content:
        """Each binding on a line: keys, what they do, the id keymap.json names it by. Where
        that is too wide (80 columns), the words wrap in their column and the id goes on a
        line of its own under them; narrower still (50), words and id go under the keys.
        Nothing wraps back to the margin."""
        rows: list[Content] = []
        width = max(len(d) for _, entries in HELP for _, _, d in entries)  # the ids in one column
        widest_id = max(len(b or "") for _, entries in HELP for b, _, _ in entries)
        room = min(96, screen_width * 95 // 100) - 5  # the box's border, padding and scroll bar
        stacked = 2 + 18 + 1 + width + 2 + widest_id > room
        for section, entries in HELP:
            if section == "Article":  # what the article's colours mean, above its keys
                rows += self._legend(room)
            section = section.replace("{panels}", ", ".join(k.title for k in kinds()))
            rows.append(Content.styled(section, "bold $text-accent"))
            for bid, fallback, description in entries:
                keys = (f"  {keys_for(self.keymap, bid, fallback):<18}", "bold $text-secondary")
                ident = (bid, "italic $text-muted") if bid else ""  # what keymap.json names
                if stacked:  # the words wrapped in their column, below 75 columns too
                    indent = 21 if room >= 21 + widest_id else 4  # (narrower still: under the keys)
                    lines = textwrap.wrap(description, max(12, room - indent)) or [""]
                    if indent == 21:
                        rows.append(Content.assemble(keys, f" {lines.pop(0)}"))
                    else:
                        rows.append(Content.styled(keys[0].rstrip(), keys[1]))
                    rows += [Content(" " * indent + line) for line in lines]
                    if bid:
                        rows.append(Content.assemble(" " * indent, ident))
                else:
                    rows.append(Content.assemble(keys, f" {description:<{width}}  ", ident))
            rows.append(Content(""))
        hint = 'Remap a key by its id in keymap.json, e.g. {"app.copy": "ctrl+y"}. Esc, q or ? closes this help.'
        rows += [Content.styled(line, "$text-muted") for line in textwrap.wrap(hint, max(20, room))]
        return Content("\n").join(rows)

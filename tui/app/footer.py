"""The footer: the keys that work now, drawn as one line of text.

Textual's `Footer` is a widget per key, unmounted and mounted again (each styled anew)
whenever the bindings change. Its keys came a frame after the first one, and that
frame, mounting and laying them out, held the screen 20-30 ms at the start; each fill
that turned keys on or off did it again. Here the keys are a line of text computed
when the line is drawn: the first frame has them, and a change of bindings is one
repaint of one line, never a layout. A key is clicked as in Textual's footer (the key
is pressed for the user); hovering lights it.
"""

from __future__ import annotations

from typing import NamedTuple

from textual import events
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class FooterKey(NamedTuple):
    """One key as shown: `enabled` False draws it dimmed (pressing it does nothing now)."""

    key: str
    action: str
    description: str
    enabled: bool
    display: str


class KeyBar(Widget):
    """One line at the bottom of a screen: its active bindings that have `show` set, one key
    an action (the first), and the command palette's key at the right.

    Where the line is too narrow for every key, the actions named in `spare` go first, in
    that order (keys a user finds without being told, or a shifted twin of one shown), then
    keys from the right. Help's key stays: the help screen lists every key.
    """

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    """

    ALLOW_SELECT = False

    #: The action that must stay on the line whatever its width.
    KEPT = "help"

    def __init__(self, *, spare: tuple[str, ...] = (), **kwargs) -> None:
        super().__init__(**kwargs)
        self.spare = spare
        self._drawn: tuple[FooterKey, ...] | None = None
        #: Where each key was drawn (start, end, key), for clicks.
        self._spots: list[tuple[int, int, FooterKey]] = []
        self._hover: str | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    @property
    def keys(self) -> list[FooterKey]:
        """What the footer shows now (the palette's key last)."""
        return list(self._keys())

    def _keys(self) -> tuple[FooterKey, ...]:
        keys: list[FooterKey] = []
        seen: set[str] = set()
        palette: FooterKey | None = None
        app = self.app
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            entry = FooterKey(binding.key, binding.action, binding.description, bool(enabled),
                              app.get_key_display(binding))
            if binding.key == app.COMMAND_PALETTE_BINDING and binding.action == "command_palette":
                palette = entry
            elif binding.show and binding.action not in seen:
                seen.add(binding.action)
                keys.append(entry)
        if palette is not None and app.ENABLE_COMMAND_PALETTE:
            keys.append(palette)
        return tuple(keys)

    def bindings_changed(self, screen: Screen) -> None:
        if screen is not self.screen or getattr(screen.app, "filling", None) is not None:
            return  # (a fill one panel a frame asks again when its last panel is in)
        if self._keys() != self._drawn:
            self.refresh()  # one line repainted; its size never changes

    def render(self) -> Content:
        keys = self._keys()
        self._drawn = keys
        items = [(entry, self._item(entry)) for entry in keys]
        right: Content | None = None
        if items and items[-1][0].action == "command_palette":  # (`_keys` puts it last)
            right = Content.assemble(("▏", "$foreground 20%"), items.pop()[1])
        shown = self._fitting(items, self.size.width - (right.cell_length if right is not None else 0))
        parts: list[Content] = []
        spots: list[tuple[int, int, FooterKey]] = []
        at = 0
        for entry, item in shown:
            spots.append((at, at + item.cell_length, entry))
            parts.extend((item, Content(" ")))
            at += item.cell_length + 1
        line = Content("").join(parts)
        if right is not None:  # the palette's key at the right
            width = self.size.width
            gap = max(0, width - line.cell_length - right.cell_length)
            start = line.cell_length + gap + 1
            spots.append((start, start + right.cell_length - 1, keys[-1]))
            line = Content.assemble(line, " " * gap, right)
        self._spots = spots
        return line

    def _fitting(self, items: list[tuple[FooterKey, Content]], width: int) -> list[tuple[FooterKey, Content]]:
        """The keys that fit in `width` cells (each followed by a space): the spare ones
        dropped first, in their order, then from the right, Help's key never."""
        rank = {action: n for n, action in enumerate(self.spare)}
        drop = sorted((i for i, (entry, _item) in enumerate(items) if entry.action != self.KEPT),
                      key=lambda i: (rank.get(items[i][0].action, len(rank)), -i))
        kept = set(range(len(items)))
        length = sum(item.cell_length + 1 for _entry, item in items)
        for i in drop:
            if length <= width:
                break
            kept.discard(i)
            length -= items[i][1].cell_length + 1
        return [items[i] for i in sorted(kept)]

    def _item(self, entry: FooterKey) -> Content:
        style = "" if entry.enabled else "dim"
        if entry.action == self._hover:
            style += " on $block-hover-background"
        item = Content.assemble((entry.display, "bold $footer-key-foreground on $footer-key-background"),
                                (" " + entry.description, "$footer-description-foreground"))
        return item.stylize_before(style) if style else item

    def offset_of(self, action: str) -> int | None:
        """The column where the key of `action` is drawn (None when it is not shown)."""
        return next((start for start, _end, entry in self._spots if entry.action == action), None)

    def _at(self, x: int) -> FooterKey | None:
        return next((entry for start, end, entry in self._spots if start <= x < end), None)

    def on_click(self, event: events.Click) -> None:
        entry = self._at(event.x)
        if entry is None:
            return
        if entry.enabled:
            self.app.simulate_key(entry.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        entry = self._at(event.x)
        action = entry.action if entry is not None else None
        if action != self._hover:
            self._hover = action
            self.refresh()

    def on_leave(self, event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.refresh()

"""A footer that rebuilds itself only when what it shows changes.

Textual's `Footer` recomposes (unmounts and mounts a widget per key, each styled anew)
on every `refresh_bindings`, even when nothing it shows changed; filling three panels
asks for that several times in one frame, 10-30 ms each with a 10,000-word article.
This one compares what it would show with what it shows: nothing changed, nothing
happens; only keys turned on or off, those keys are updated in place; keys added or
taken away (`a All` once a panel has minor facts), only those are mounted or removed;
else it recomposes as Textual's does. It looks before the next frame, not after it, so
the panels filling and the footer changing cost one layout pass, not two.
"""

from __future__ import annotations

from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

Shown = tuple[tuple[str, str, str, str], ...]


class QuietFooter(Footer):
    _shown: Shown | None = None
    _enabled: dict[str, bool] | None = None
    _pending = False

    def _now(self) -> tuple[Shown, dict[str, bool]]:
        """What the footer would show: its keys (key, action, description, tooltip) and each action's state."""
        keys: list[tuple[str, str, str, str]] = []
        enabled: dict[str, bool] = {}
        for _node, binding, on, tooltip in self.screen.active_bindings.values():
            if binding.show or binding.action == "command_palette":
                keys.append((binding.key, binding.action, binding.description, tooltip or ""))
                enabled.setdefault(binding.action, on)
        return tuple(keys), enabled

    def bindings_changed(self, screen: Screen) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or getattr(screen.app, "filling", None) is not None:
            return  # (a fill one panel a frame asks again when its last panel is in)
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True  # many calls in one go: one look once they are done
            # The first keys after the first frame (which they would only delay); a change
            # before the next frame, to share its layout pass.
            (self.call_after_refresh if self._shown is None else self.call_later)(self._update)

    async def _update(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown, enabled = self._now()
        if shown == self._shown and enabled == self._enabled:
            return
        if shown == self._shown and self._enabled is not None:
            for key in self.query(FooterKey):  # only states changed: no widgets remade
                on = enabled.get(key.action)
                if on is not None and key._disabled == on:  # FooterKey keeps its state here and in a class
                    key._disabled = not on
                    key.set_class(not on, "-disabled")
                    key.refresh()
            self._enabled = enabled
            return
        if self._shown is not None and self._moved_in_place(shown, enabled):
            self._shown, self._enabled = shown, enabled
            return
        self._shown, self._enabled = shown, enabled
        await self.recompose()

    def _moved_in_place(self, shown: Shown, enabled: dict[str, bool]) -> bool:
        """Keys only added or taken away, the others in the same order: mount and remove those
        keys (and set the states of the others); False where that is not the case."""
        assert self._shown is not None
        old, new = [k[:2] for k in self._shown], [k[:2] for k in shown]
        keys = [k for k in self.query_children(FooterKey) if not k.has_class("-grouped")]
        if len(keys) != len(old) or len(set(old)) != len(old) or len(set(new)) != len(new):
            return False
        kept = [k for k in old if k in set(new)]
        if kept != [k for k in new if k in set(old)]:  # reordered: recompose
            return False
        if any((w.key, w.action) != k for k, w in zip(old, keys, strict=True)):  # not as composed
            return False
        by_key = dict(zip(old, keys, strict=True))
        palette = self.app.COMMAND_PALETTE_BINDING
        for entry_key, widget in by_key.items():
            if entry_key not in new:
                widget.remove()
            else:
                on = enabled.get(entry_key[1])
                if on is not None and widget._disabled == on:
                    widget._disabled = not on
                    widget.set_class(not on, "-disabled")
                    widget.refresh()
        following: FooterKey | None = None
        for entry in reversed(shown):  # each new key goes before the kept one after it
            if entry[:2] in by_key:
                following = by_key[entry[:2]]
                continue
            key, action, description, tooltip = entry
            binding = next(b for _n, b, _on, _t in self.screen.active_bindings.values()
                           if b.key == key and b.action == action)
            is_palette = binding.key == palette and action == "command_palette"
            widget = FooterKey(key, self.app.get_key_display(binding), description, action,
                               disabled=not enabled.get(action, True), tooltip=tooltip,
                               classes="-command-palette" if is_palette else "")
            if not is_palette:
                widget.compact = self.compact  # as composed (`data_bind`, which only works in compose)
            if following is not None:
                self.mount(widget, before=following)
            else:
                self.mount(widget)
            following = widget
        self.styles.grid_size_columns = len({a for _k, a, *_ in shown if a != "command_palette"})
        return True

"""A footer that rebuilds itself only when what it shows changes.

Textual's `Footer` recomposes (unmounts and mounts a widget per key, each styled anew)
on every `refresh_bindings`, even when nothing it shows changed; filling three panels
asks for that several times in one frame, 10-30 ms each with a 10,000-word article.
This one compares what it would show with what it shows: nothing changed, nothing
happens; only keys turned on or off, those keys are updated in place; else it
recomposes as Textual's does.
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
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True  # many calls in one frame: one look after it
            self.call_after_refresh(self._update)

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
        self._shown, self._enabled = shown, enabled
        await self.recompose()

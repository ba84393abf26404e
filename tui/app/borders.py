"""Border titles set with only their own line repainted.

Setting a widget's `border_title` or `border_subtitle` makes Textual repaint the whole
widget, even when the text is the same. The article's pane shows the legend in its title
and "span 1/5" under it, and both change at every move of a panel's cursor: that was all
of the pane's forty-odd lines (about 4 ms), for two. Here a title that did not change
repaints nothing, and one that did repaints its border line.
"""

from __future__ import annotations

from textual.content import Content
from textual.geometry import Region
from textual.widget import Widget


def set_title(widget: Widget, title: Content | str) -> None:
    _set(widget, "_border_title", title, top=True)


def set_subtitle(widget: Widget, subtitle: Content | str) -> None:
    _set(widget, "_border_subtitle", subtitle, top=False)


def _set(widget: Widget, private: str, value: Content | str, top: bool) -> None:
    new = widget.render_str(value).expand_tabs(4).split()[0]  # as Textual's descriptor stores it
    old = getattr(widget, private, None)
    if isinstance(old, Content) and old.plain == new.plain and old.spans == new.spans:
        return
    setattr(widget, private, new)  # the attribute behind Textual's `border_title` / `border_subtitle`
    if not widget.is_mounted or not widget.styles.border.top[0] or not widget.styles.border.bottom[0]:
        widget.refresh()  # no border line of its own to repaint alone
        return
    offset, height = widget.content_offset, widget.outer_size.height
    row = 0 if top else height - 1
    # (regions are given relative to the content; the border line is outside it)
    widget.refresh(Region(-offset.x, row - offset.y, widget.outer_size.width, 1))

"""Markdown files read as the text a reader sees: "# Storm hits Lisbon" is a title, "[storm](url)" the word.

Left as it is, the marks became part of the article (a title "# Storm…", a quote ending
in "(http://x.pt)", "Storm" a person). markdown-it-py, which Rich already uses, reads the
file; each block becomes a paragraph, a list item keeps its bullet, and inline marks,
link targets and raw HTML are dropped.
"""

from __future__ import annotations

from typing import Any

from markdown_it import MarkdownIt


def markdown_to_text(source: str) -> str:
    """The text of a Markdown document, its blocks apart by a blank line."""
    tokens = MarkdownIt("commonmark").enable("table").parse(source)
    blocks: list[str] = []
    last = ""  # the last block: "row" (a table's), "item" (a tight list's), else ""
    bullets: list[list[Any]] = []  # per open list: [ordered, next number]
    item_start = False  # the next block opens a list item: it wears the bullet
    row: list[str] | None = None  # a table row's cells

    def add(text: str, kind: str = "", joined: bool = False) -> None:
        """A block of its own, or (a tight list's next item, a table's next row) on the next line."""
        nonlocal last
        if text.strip():
            if joined and blocks:
                blocks[-1] += "\n" + text
            else:
                blocks.append(text)
            last = kind

    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start")
            bullets.append([kind == "ordered_list_open", int(start) if isinstance(start, (int, str)) else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            bullets.pop()
            last = ""
        elif kind == "list_item_open":
            item_start = True
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            add(" | ".join(row), "row", joined=last == "row")
            row = None
        elif kind == "inline":
            text = _inline(tok.children or [])
            if row is not None:
                row.append(text)
            elif item_start and bullets:
                ordered, number = bullets[-1]
                bullets[-1][1] = number + 1
                tight = i > 0 and tokens[i - 1].type == "paragraph_open" and bool(tokens[i - 1].hidden)
                add((f"{number}. " if ordered else "- ") + text, "item" if tight else "", joined=tight and last == "item")
                item_start = False
            else:
                add(text)
        elif kind in ("fence", "code_block"):
            add(tok.content.rstrip("\n"))
    return "\n\n".join(blocks) + "\n"


def _inline(children: list) -> str:
    out: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            out.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            out.append("\n")
        elif child.type == "image":
            out.append(_inline(child.children or []))
    return "".join(out)

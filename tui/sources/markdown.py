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
    bullets: list[list[Any]] = []  # per open list: [ordered, next number]
    item_start = False  # the next block opens a list item: it wears the bullet
    row: list[str] | None = None  # a table row's cells
    tight_item = False
    for i, tok in enumerate(tokens):
        kind = tok.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = tok.attrGet("start")
            bullets.append([kind == "ordered_list_open", int(start) if isinstance(start, (int, str)) else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            bullets.pop()
            tight_item = False
        elif kind == "list_item_open":
            item_start = True
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            _add(blocks, " | ".join(row), joined=bool(blocks) and blocks[-1].startswith("\0row"), row=True)
            row = None
        elif kind == "inline":
            text = _inline(tok.children or [])
            if row is not None:
                row.append(text)
                continue
            if item_start and bullets:
                ordered, number = bullets[-1]
                text = (f"{number}. " if ordered else "- ") + text
                bullets[-1][1] = number + 1
                tight = i > 0 and tokens[i - 1].type == "paragraph_open" and bool(tokens[i - 1].hidden)
                _add(blocks, text, joined=tight and tight_item)
                tight_item = tight
                item_start = False
            else:
                _add(blocks, text, joined=False)
                tight_item = False
        elif kind in ("fence", "code_block"):
            _add(blocks, tok.content.rstrip("\n"), joined=False)
    return "\n\n".join(b.removeprefix("\0row") for b in blocks) + "\n"


def _add(blocks: list[str], text: str, joined: bool, row: bool = False) -> None:
    """A block of its own, or (a tight list's next item, a table's next row) on the next line."""
    if not text.strip():
        return
    if joined:
        blocks[-1] += "\n" + text
    else:
        blocks.append(("\0row" if row else "") + text)


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

"""Turn paths (files, folders, HTML pages, stdin, URLs and feeds) into sanitised Articles.

Reading never raises on bad input: each failure becomes a `SourceError` that
names the file and the reason in one line, so one broken file in a folder does
not stop the others. Heavy libraries (trafilatura, dateparser, charset-normalizer)
are imported only when a file needs them, to keep start-up fast.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO, Callable, Iterable

from ..analysis import Article
from .decode import DecodeError, decode_bytes
from .meta import find_dateline_date, find_title, normalise_date
from .names import escape_name
from .text import sanitise

#: spaCy parses about a megabyte a minute here and an analysis peaks near 120 MB per
#: megabyte of text (issue 13: 1 MB 261 MB, 2 MB 378 MB), so 5 MB keeps it within
#: minutes and well under 1 GB; --max-bytes raises it for a machine that can take more.
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
ARTICLE_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".html", ".htm", ".xhtml")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
MARKDOWN_SUFFIXES = (".md", ".markdown")
#: RSS and Atom files: read as their items (each fetched), never as an article.
FEED_SUFFIXES = (".rss", ".atom", ".xml")
#: A folder opened lazily (the explorer) has this many files read before its first frame, and at
#: least up to its first readable article; the rest are `Pending`, read in the background
#: (500 files cost about 0.2 s to read and list before the first article could show).
FOLDER_AT_ONCE = 8
#: Files that describe a folder rather than being articles in it.
META_STEMS = {"readme", "sources", "license", "licence", "changelog", "copying", "authors", "notice"}


@dataclass(frozen=True)
class SourceError:
    """A file that could not be read; `str()` is the one-line message."""

    path: str
    reason: str

    @property
    def name(self) -> str:
        return Path(self.path).name or self.path

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


Source = Article | SourceError


@dataclass(frozen=True)
class Pending:
    """A feed's item not fetched yet, or a folder's file not read yet (`read_sources_lazily`):
    `fetch()` gets it, an Article or a SourceError naming the address or file and why (it never
    raises for a bad page or file). `local`: a file, not a page."""

    path: str
    fetch: Callable[[], Source] = field(compare=False, repr=False)
    local: bool = False

    @property
    def name(self) -> str:
        return self.path


Entry = Source | Pending


def read_sources(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date: str | None = None,
    stdin: BinaryIO | None = None,
) -> list[Source]:
    """Read every path in order; folders expand to their article files, sorted."""
    out: list[Source] = []
    for p in paths:
        out.extend(_read_one(p, max_bytes=max_bytes, date=date, stdin=stdin, lazy=False))
    return out


def read_sources_lazily(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    date: str | None = None,
    stdin: BinaryIO | None = None,
) -> list[Entry]:
    """As `read_sources`, but a feed's items (a URL's or a feed file's) are left `Pending`: only
    the feed itself is fetched here, so the explorer opens without waiting for every page; and
    a folder's files after its first article (and the first `FOLDER_AT_ONCE` files) are left
    `Pending` too, in the folder's order, each read when its `fetch()` is called."""
    out: list[Entry] = []
    for p in paths:
        out.extend(_read_one(p, max_bytes=max_bytes, date=date, stdin=stdin, lazy=True))
    return out


def _read_one(p: str, *, max_bytes: int, date: str | None, stdin: BinaryIO | None, lazy: bool) -> list:
    if p == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        try:
            data = stream.read(max_bytes + 1)
        except (OSError, ValueError) as exc:
            return [SourceError("<stdin>", f"cannot read standard input ({_os_reason(exc)})")]
        if len(data) > max_bytes:
            return [SourceError("<stdin>", f"input is larger than {_fmt_bytes(max_bytes)} ({_raise_hint(max_bytes)})")]
        return [parse_bytes(data, "<stdin>", date=date)]
    path = Path(p)
    shown = escape_name(p)
    if not p:
        return [SourceError("''", "empty path")]
    from .web import is_url

    if is_url(p):
        from .web import read_url

        return read_url(p, shown, max_bytes=max_bytes, date=date, lazy=lazy)
    try:
        if path.is_dir():
            return _read_folder(path, shown, max_bytes=max_bytes, date=date, lazy=lazy)
        if not path.exists():
            return [SourceError(shown, "no such file or folder")]
    except (OSError, ValueError) as exc:
        return [SourceError(shown, _os_reason(exc))]
    if path.suffix.lower() in FEED_SUFFIXES:
        return _read_feed_file(path, shown, max_bytes=max_bytes, date=date, lazy=lazy)
    return [read_file(path, shown, max_bytes=max_bytes, date=date)]


def _read_feed_file(path: Path, shown: str, *, max_bytes: int, date: str | None, lazy: bool = False) -> list:
    """An RSS or Atom file given by name: its items, fetched from the web."""
    try:
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return [SourceError(shown, _os_reason(exc))]
    if len(data) > max_bytes:
        return [SourceError(shown, f"file is over the {_fmt_bytes(max_bytes)} limit ({_raise_hint(max_bytes)})")]
    from .web import looks_like_feed, read_feed

    if not looks_like_feed(data):
        return [SourceError(shown, "not an RSS or Atom feed")]
    return read_feed(data, shown, max_bytes=max_bytes, date=date, lazy=lazy)


def _read_folder(path: Path, shown: str, *, max_bytes: int, date: str | None, lazy: bool = False) -> list:
    try:
        entries = sorted(os.scandir(path), key=lambda e: e.name)
    except OSError as exc:
        return [SourceError(shown, _os_reason(exc))]
    files = [e for e in entries if _is_article_name(e.name)]
    if not files:
        return [SourceError(shown, "folder has no article files (.txt, .md, .html, .rss, …)")]
    out: list[Entry] = []
    readable = False  # an article read: with `lazy`, the files after FOLDER_AT_ONCE can wait
    for entry in files:
        child = os.path.join(shown, escape_name(entry.name))
        try:
            if entry.is_dir():
                continue
        except OSError as exc:
            out.append(SourceError(child, _os_reason(exc)))
            continue
        if lazy and readable and len(out) >= FOLDER_AT_ONCE:
            read = functools.partial(read_file, Path(entry.path), child, max_bytes=max_bytes, date=date)
            out.append(Pending(child, read, local=True))
            continue
        src = read_file(Path(entry.path), child, max_bytes=max_bytes, date=date)
        readable = readable or isinstance(src, Article)
        out.append(src)
    return out


def read_file(path: Path, shown: str, *, max_bytes: int = DEFAULT_MAX_BYTES, date: str | None = None) -> Source:
    """Read one file; `shown` is the path as the user should see it (escaped: see names)."""
    shown = escape_name(shown)
    try:
        info = path.stat()
        size = info.st_size
        if size > max_bytes:
            return SourceError(
                shown, f"file is {_fmt_bytes(size)}, over the {_fmt_bytes(max_bytes)} limit ({_raise_hint(max_bytes)})"
            )
        if not stat.S_ISREG(info.st_mode):  # what path.is_file() says, without a second stat
            return SourceError(shown, "not a regular file")
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return SourceError(shown, _os_reason(exc))
    if len(data) > max_bytes:
        return SourceError(shown, f"file is over the {_fmt_bytes(max_bytes)} limit ({_raise_hint(max_bytes)})")
    suffix = path.suffix.lower()
    return parse_bytes(data, shown, date=date, html=suffix in HTML_SUFFIXES, markdown=suffix in MARKDOWN_SUFFIXES)


def parse_bytes(data: bytes, shown: str, *, date: str | None = None, html: bool | None = None,
                markdown: bool = False) -> Source:
    """Decode, extract (HTML; Markdown's text), sanitise and find title and date."""
    if not data.strip():
        return SourceError(shown, "file is empty")
    try:
        raw = decode_bytes(data)
    except DecodeError as exc:
        return SourceError(shown, str(exc))
    if html is None:
        html = _looks_like_html(raw)
    title = meta_date = None
    if html:
        from .html import html_to_text

        raw, title, meta_date = html_to_text(raw)
    elif markdown:
        from .markdown import markdown_to_text

        raw = markdown_to_text(raw)
    text = sanitise(raw)
    if not any(c.isalnum() for c in text):
        # Whitespace, a lone BOM, zero-width spaces or punctuation: nothing to read.
        reason = "no article text found" if html else "file has no words (only whitespace, marks or invisible characters)"
        return SourceError(shown, reason)
    if title is None:
        title = find_title(text)
    chosen = normalise_date(date) if date else (meta_date or find_dateline_date(text))
    return Article(path=shown, text=text, title=title, date=chosen)


def read_from(paths: Iterable[str], target: str) -> str | None:
    """The one of `paths` that reads the existing file `target` (that file, or the folder it is
    an article of), else None: an export written there would replace an article, maybe before
    it is read."""
    from .web import is_url

    try:
        if not os.path.isfile(target):
            return None
        folder, name = os.path.split(os.path.realpath(target))
        for p in paths:
            if p == "-" and _stdin_is(target):
                return p
            if not p or p == "-" or is_url(p):  # as _read_one tells an address from a file
                continue
            try:
                if os.path.isdir(p):
                    if _is_article_name(name) and os.path.samefile(p, folder):
                        return p
                elif os.path.samefile(p, target):
                    return p
            except (OSError, ValueError):
                continue
    except (OSError, ValueError):
        return None
    return None


def _stdin_is(target: str) -> bool:
    """Whether standard input is the file `target` (`extract - -o a.txt < a.txt`)."""
    try:
        st = os.fstat(sys.stdin.fileno())
        return stat.S_ISREG(st.st_mode) and os.path.samestat(st, os.stat(target))
    except (OSError, ValueError, AttributeError):
        return False


def _is_article_name(name: str) -> bool:
    """A folder's article files: not hidden, not a README, not Wirelens' own `*.facts.md` export."""
    low = name.lower()
    stem = low.rsplit(".", 1)[0]
    return low.endswith(ARTICLE_SUFFIXES) and not name.startswith(".") and stem not in META_STEMS and not stem.endswith(".facts")


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:512].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<html" in head and "<body" in text.lower())


def _os_reason(exc: BaseException) -> str:
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder"
    if isinstance(exc, IsADirectoryError):
        return "is a folder"
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror.lower()
    return str(exc) or type(exc).__name__


def _raise_hint(max_bytes: int) -> str:
    if max_bytes == DEFAULT_MAX_BYTES:
        return "a larger article takes many minutes and nearly 1 GB of memory to analyse; raise --max-bytes to try"
    return "raise --max-bytes"


def _fmt_bytes(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


__all__ = ["Article", "SourceError", "Source", "read_sources", "read_file", "parse_bytes", "DEFAULT_MAX_BYTES"]

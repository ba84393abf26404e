"""Articles from the web: an http(s) page read like an HTML file, a feed read as its items.

Fetching is bounded every way a page could hold a reader up or fill the disk: a
connect and read timeout, an overall deadline, the same byte limit as files, a few
redirects, http and https only. Every failure is a `SourceError` naming the URL, so
one dead link in a feed does not stop its other items. urllib3 (already under
trafilatura) does the HTTP; feedparser reads RSS and Atom.
"""

from __future__ import annotations

import functools
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from . import Source

#: Seconds to connect, between two reads, and for a whole page.
TIMEOUT = 15.0
DEADLINE = 60.0
MAX_REDIRECTS = 5
#: A feed's items fetched at once: a slow item holds up only its own slot; polite to one server.
FEED_FETCHES = 4
USER_AGENT = "wirelens (+a terminal news reader; one request per article)"
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_TEXT_TYPES = ("text/plain", "text/markdown")
_FEED_MARKS = ("<rss", "<feed", "<rdf:rdf")


class FetchError(Exception):
    """Why a URL gave no article, in words a user can act on."""


def is_url(path: str) -> bool:
    low = path[:8].lower()
    return low.startswith(("http://", "https://"))


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    ctype = content_type.lower()
    if "rss" in ctype or "atom" in ctype:
        return True
    head = data[:2048].decode("utf-8", "replace").lower()
    return any(mark in head for mark in _FEED_MARKS) and "<html" not in head


def fetch(url: str, max_bytes: int) -> tuple[bytes, str]:
    """The body and content type of `url`, or a FetchError that says why not."""
    import urllib3
    from urllib3.exceptions import (
        ConnectTimeoutError,
        HTTPError,
        MaxRetryError,
        NameResolutionError,
        NewConnectionError,
        ReadTimeoutError,
    )

    if not is_url(url):
        raise FetchError("only http and https addresses can be fetched")
    retries = urllib3.Retry(total=None, connect=0, read=0, status=0, other=0, redirect=MAX_REDIRECTS, raise_on_redirect=True)
    pool = urllib3.PoolManager(retries=retries, timeout=urllib3.Timeout(connect=TIMEOUT, read=TIMEOUT))
    try:
        resp = pool.request("GET", url, preload_content=False, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    except MaxRetryError as exc:
        raise FetchError(_reason(exc.reason)) from None
    except (NameResolutionError, NewConnectionError, ConnectTimeoutError, ReadTimeoutError) as exc:
        raise FetchError(_reason(exc)) from None
    except (HTTPError, ValueError) as exc:  # a malformed address, an unknown scheme after a redirect
        raise FetchError(_reason(exc)) from None
    try:
        if resp.status >= 400:
            raise FetchError(f"HTTP {resp.status} {resp.reason or ''}".rstrip())
        ctype = (resp.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        declared = resp.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > max_bytes:
            raise FetchError(f"page is {_mb(int(declared))}, over the {_mb(max_bytes)} limit (raise --max-bytes)")
        body = bytearray()
        end = time.monotonic() + DEADLINE
        try:
            # read1: whatever has come, up to 64 KiB. stream() waits for a whole chunk, and a
            # page that trickles in (a byte every few seconds) never ends one, so the deadline
            # below was never looked at; each wait is now at most TIMEOUT.
            while chunk := resp.read1(64 * 1024):
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(f"page is over the {_mb(max_bytes)} limit (raise --max-bytes)")
                if time.monotonic() > end:
                    raise FetchError(f"page took over {DEADLINE:.0f} s to arrive")
        except (ReadTimeoutError, HTTPError) as exc:
            raise FetchError(_reason(exc)) from None
        return bytes(body), ctype
    finally:
        resp.release_conn()
        pool.clear()


def read_url(url: str, shown: str, *, max_bytes: int, date: str | None, lazy: bool = False) -> list:
    """A page as one article, or a feed as its items (each fetched; a failed one listed).
    `lazy`: a feed's items are `Pending`, fetched when their `fetch()` is called."""
    from . import SourceError

    try:
        data, ctype = fetch(url, max_bytes)
    except FetchError as exc:
        return [SourceError(shown, str(exc))]
    if looks_like_feed(data, ctype) or ctype in ("application/xml", "text/xml"):
        return read_feed(data, shown, max_bytes=max_bytes, date=date, lazy=lazy)
    return [_page(data, ctype, shown, date)]


def read_feed(data: bytes, shown: str, *, max_bytes: int, date: str | None, lazy: bool = False) -> list:
    """Each item of an RSS or Atom feed, fetched in the feed's order; with `lazy`, each a
    `Pending` the caller fetches when it wants (the explorer: in the background)."""
    import feedparser

    from . import Pending, SourceError

    feed = feedparser.parse(data)
    links = [e.get("link") for e in feed.entries if e.get("link")]
    if not links:
        why = "not an RSS or Atom feed" if feed.bozo and not feed.entries else "feed has no items with a link"
        return [SourceError(shown, why)]

    def one(link: str) -> "Source":
        return fetch_item(link, max_bytes=max_bytes, date=date)

    if lazy:
        return [Pending(_shown(link), functools.partial(one, link)) for link in links]
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=FEED_FETCHES) as pool:  # a slow server holds up one item, not all
        return list(pool.map(one, links))


def fetch_item(link: str, *, max_bytes: int, date: str | None) -> "Source":
    """A feed's item: its page read as an article, or a SourceError naming it and why."""
    from . import SourceError

    item = _shown(link)
    if not is_url(link):
        return SourceError(item, "feed item is not an http(s) address")
    try:
        body, ctype = fetch(link, max_bytes)
    except FetchError as exc:
        return SourceError(item, str(exc))
    return _page(body, ctype, item, date)


def _page(data: bytes, ctype: str, shown: str, date: str | None) -> "Source":
    from . import SourceError, parse_bytes

    if ctype in _TEXT_TYPES:
        return parse_bytes(data, shown, date=date, html=False)
    if ctype and ctype not in _HTML_TYPES:
        return SourceError(shown, f"not an HTML page ({ctype})")
    return parse_bytes(data, shown, date=date, html=True)


def _shown(url: str) -> str:
    from .names import escape_name

    return escape_name(url)


def _reason(exc: BaseException | None) -> str:
    """One line for what urllib3 raised: offline, no such host, too slow, too many hops."""
    from urllib3.exceptions import (
        ConnectTimeoutError,
        LocationParseError,
        NameResolutionError,
        NewConnectionError,
        ProtocolError,
        ReadTimeoutError,
        ResponseError,
        SSLError,
    )

    if isinstance(exc, NameResolutionError):
        return "no such host (or offline)"
    if isinstance(exc, NewConnectionError):  # before timeouts: urllib3 makes it a ConnectTimeoutError
        return "cannot connect (offline, or nothing listens there)"
    if isinstance(exc, (ConnectTimeoutError, ReadTimeoutError)):
        return f"timed out after {TIMEOUT:g} s"
    if isinstance(exc, ResponseError):
        return f"too many redirects (over {MAX_REDIRECTS})"
    if isinstance(exc, SSLError):
        return "TLS certificate or handshake failed"
    if isinstance(exc, ProtocolError):
        return "connection broken while reading"
    if isinstance(exc, LocationParseError):
        return "not a valid address"
    text = str(exc) if exc is not None else ""
    if "scheme" in text.lower():
        return "redirected to an address that is not http(s)"
    return text.splitlines()[0][:120] if text else "fetch failed"


def _mb(n: int) -> str:
    return f"{n / (1024 * 1024):.1f} MB" if n >= 1024 * 1024 else f"{n / 1024:.1f} KB"

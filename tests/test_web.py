"""URLs and feeds, served by a local HTTP server on 127.0.0.1 that each test run starts.

Nothing here reaches the internet: every address is the local server's, or a port on
127.0.0.1 where nothing listens.
"""

from __future__ import annotations

import json
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from tui.sources import Article, SourceError, read_sources
from tui.sources import web

STORY = (
    "<!doctype html><html><head><title>Dam reopens in Port Alder</title>"
    '<meta name="date" content="2024-03-05"></head><body><article>'
    "<h1>Dam reopens in Port Alder</h1>"
    "<p>Governor Maria Lopez reopened the Alder dam on Tuesday after two years of repairs.</p>"
    "<p>Engineers from the Harbor Works Company said the new gates would hold back the spring floods "
    "and protect the farms along the river for decades to come.</p></article></body></html>"
)
SECOND = STORY.replace("Dam reopens", "Bridge closes").replace("reopened the Alder dam", "closed the Alder bridge")


def rss(*links: str) -> str:
    items = "".join(f"<item><title>Item {i}</title><link>{link}</link></item>" for i, link in enumerate(links))
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Alder news</title>{items}</channel></rss>'


class Handler(BaseHTTPRequestHandler):
    routes: dict = {}

    def do_GET(self):  # noqa: N802 - http.server's name
        if self.path == "/trickle.html":  # a byte every 0.1 s, each in time for the read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            try:
                for _ in range(100):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass  # the client gave up
            return
        route = self.routes.get(self.path)
        if route is None:
            self.send_error(404, "Not Found")
            return
        status, ctype, body, extra = route
        if callable(body):
            body = body()
        data = body.encode() if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        for k, v in extra.items():
            self.send_header(k, v)
        if "Content-Length" not in extra and not self.path.startswith("/big"):  # /big: read to the end
            self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_port}"

    def slow():
        time.sleep(1.5)
        return STORY

    Handler.routes = {
        "/story.html": (200, "text/html; charset=utf-8", STORY, {}),
        "/second.html": (200, "text/html", SECOND, {}),
        "/feed.xml": (200, "application/rss+xml", rss(f"{base}/story.html", f"{base}/gone.html", f"{base}/second.html"), {}),
        "/empty-feed.xml": (200, "application/rss+xml", rss(), {}),
        "/slow-first.xml": (200, "application/rss+xml", rss(f"{base}/slow.html", f"{base}/second.html"), {}),
        "/image.png": (200, "image/png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, {}),
        "/big.html": (200, "text/html", "<p>" + "word " * 4000 + "</p>", {}),
        "/lying-length.html": (200, "text/html", "<p>" + "word " * 4000 + "</p>", {"Content-Length": "20000"}),
        "/loop": (302, "text/html", "", {"Location": "/loop"}),
        "/to-story": (301, "text/html", "", {"Location": "/story.html"}),
        "/to-ftp": (302, "text/html", "", {"Location": "ftp://127.0.0.1/x"}),
        "/slow.html": (200, "text/html", slow, {}),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_a_page_is_read_like_an_html_file(server):
    [a] = read_sources([f"{server}/story.html"])
    assert isinstance(a, Article)
    assert (a.path, a.title, a.date) == (f"{server}/story.html", "Dam reopens in Port Alder", "2024-03-05")
    assert "Governor Maria Lopez reopened the Alder dam on Tuesday" in a.text
    assert "\n\nEngineers from the Harbor Works Company" in a.text  # paragraphs stay apart


def test_a_redirect_is_followed(server):
    [a] = read_sources([f"{server}/to-story"])
    assert isinstance(a, Article) and a.title == "Dam reopens in Port Alder"


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing.html", "HTTP 404 Not Found"),
        ("/image.png", "not an HTML page (image/png)"),
        ("/loop", f"too many redirects (over {web.MAX_REDIRECTS})"),
        ("/big.html", "page is over the 10.0 KB limit (raise --max-bytes)"),
        ("/lying-length.html", "page is 19.5 KB, over the 10.0 KB limit (raise --max-bytes)"),
        ("/empty-feed.xml", "feed has no items with a link"),
    ],
)
def test_every_failure_is_one_line_naming_the_url(server, path, reason):
    [err] = read_sources([f"{server}{path}"], max_bytes=10 * 1024)
    assert isinstance(err, SourceError)
    assert (err.path, err.reason) == (f"{server}{path}", reason)


def test_a_redirect_to_another_scheme_is_refused(server):
    [err] = read_sources([f"{server}/to-ftp"])
    assert isinstance(err, SourceError) and err.path == f"{server}/to-ftp"
    assert err.reason == "redirected to an address that is not http(s)", err.reason


def test_offline_and_timeout(server, monkeypatch):
    port = closed_port()
    [err] = read_sources([f"http://127.0.0.1:{port}/x.html"])
    assert isinstance(err, SourceError) and err.reason == "cannot connect (offline, or nothing listens there)"
    monkeypatch.setattr(web, "TIMEOUT", 0.3)
    [err] = read_sources([f"{server}/slow.html"])
    assert isinstance(err, SourceError) and err.reason == "timed out after 0.3 s", err.reason


def test_a_page_that_trickles_in_is_given_up_at_the_deadline(server, monkeypatch):
    monkeypatch.setattr(web, "DEADLINE", 1.0)  # the page would take 10 s, each byte in time
    [err] = read_sources([f"{server}/trickle.html"])
    assert isinstance(err, SourceError) and err.reason == "page took over 1 s to arrive", err


def test_a_feed_opens_its_items_and_a_dead_one_does_not_stop_the_others(server):
    items = read_sources([f"{server}/feed.xml"])
    assert [type(s).__name__ for s in items] == ["Article", "SourceError", "Article"]
    assert [s.path for s in items] == [f"{server}/story.html", f"{server}/gone.html", f"{server}/second.html"]
    assert items[1].reason == "HTTP 404 Not Found"
    assert items[2].title == "Bridge closes in Port Alder"


def test_a_slow_item_keeps_its_place_in_the_feed(server):
    items = read_sources([f"{server}/slow-first.xml"])
    assert [(s.path, s.title) for s in items] == [
        (f"{server}/slow.html", "Dam reopens in Port Alder"), (f"{server}/second.html", "Bridge closes in Port Alder"),
    ]


def test_a_feed_file_on_disk_opens_its_items(server, tmp_path):
    feed = tmp_path / "alder.rss"
    feed.write_text(rss(f"{server}/second.html"), encoding="utf-8")
    [a] = read_sources([str(feed)])
    assert isinstance(a, Article) and a.title == "Bridge closes in Port Alder"
    notfeed = tmp_path / "notes.xml"
    notfeed.write_text("<notes><n>hello</n></notes>", encoding="utf-8")
    assert read_sources([str(notfeed)]) == [SourceError(str(notfeed), "not an RSS or Atom feed")]


def test_only_http_and_https_are_fetched():
    with pytest.raises(web.FetchError, match="only http and https"):
        web.fetch("file:///etc/passwd", 1000)
    assert read_sources(["file:///etc/passwd"]) == [SourceError("file:///etc/passwd", "no such file or folder")]


def test_extract_on_a_feed_writes_one_jsonl_record_per_item_and_exits_2(nlp, server, capsys):
    from tui.cli import main

    code = main(["extract", f"{server}/feed.xml", "--no-cache"])
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f"wirelens: {server}/gone.html: HTTP 404 Not Found\n"
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["source"]["path"] for r in records] == [f"{server}/story.html", f"{server}/gone.html", f"{server}/second.html"]
    assert records[1]["error"] == "HTTP 404 Not Found"
    assert "Maria Lopez" in [e["name"] for e in records[0]["entities"]]


def test_extract_on_a_dead_url_is_one_line_and_exit_2(server, capsys):
    from tui.cli import main

    code = main(["extract", f"{server}/missing.html", "--no-cache"])
    out, err = capsys.readouterr()
    assert (code, out, err) == (2, "", f"wirelens: {server}/missing.html: HTTP 404 Not Found\n")

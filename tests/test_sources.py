"""Reading articles: encodings, HTML, stdin, line endings, titles, dates, failures."""

from __future__ import annotations

import datetime as dt
import io
import subprocess
import sys

import pytest

from tui.analysis import Article
from tui.sources import SourceError, parse_bytes, read_sources
from tui.sources.decode import decode_bytes
from tui.sources.meta import find_dateline_date, find_title
from tui.sources.text import sanitise

from conftest import ROOT as ROOT_DIR, SEED, SEEDS

TEXT = "Café talks\n\nThe minister’s “clear” words — naïve, said Zoë.\n"


def read_one(path, **kw):
    [src] = read_sources([str(path)], **kw)
    return src


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM
        TEXT.encode("cp1252"),
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "cp1252"],
)
def test_encodings_decode_to_the_same_text(tmp_path, encoded):
    f = tmp_path / "a.txt"
    f.write_bytes(encoded)
    art = read_one(f)
    assert isinstance(art, Article)
    assert art.text == TEXT
    assert art.title == "Café talks"


def test_latin1_text():
    data = "Straße und Mädchen über alles in München.".encode("latin-1")
    assert decode_bytes(data) == "Straße und Mädchen über alles in München."


def test_crlf_and_lone_cr_become_newlines(tmp_path):
    f = tmp_path / "a.txt"
    f.write_bytes(b"Title\r\n\r\nOne line.\rTwo line.\r\n")
    art = read_one(f)
    assert art.text == "Title\n\nOne line.\nTwo line.\n"
    assert art.text.index("Two") == 17


def test_control_characters_replaced_one_to_one():
    raw = "a\x1b[31mred\x07b\x00c\u202ed\te"
    out = sanitise(raw)
    assert len(out) == len(raw)
    assert out == "a\ufffd[31mred\ufffdb\ufffdc\ufffdd e"


def test_title_needs_short_first_line_and_blank_line():
    assert find_title("Short title\n\nBody text.") == "Short title"
    assert find_title("No blank line\nBody text.") is None
    assert find_title("x" * 300 + "\n\nBody") is None


def test_dateline_full_date():
    text = "Title\n\nFriday, August 21, 2015\n\nSomething happened."
    assert find_dateline_date(text) == "2015-08-21"


def test_dateline_wire_with_and_without_year():
    import datetime as dt

    assert find_dateline_date("BEIJING, Oct 19, 2023 (Reuters) - China said") == "2023-10-19"
    assert find_dateline_date("BEIJING, Oct 19 (Reuters) - China said", today=dt.date(2024, 3, 1)) == "2023-10-19"
    assert find_dateline_date("BEIJING, Oct 19 (Reuters) - China said", today=dt.date(2024, 11, 1)) == "2024-10-19"
    # a paper's own dateline has no agency, only a dash set off by spaces
    assert find_dateline_date("PORTSMOUTH, March 2 — The bridge", today=dt.date(2026, 11, 1)) == "2026-03-02"
    # or an ISO date, as a Markdown story writes it ("*Lisbon, 2024-02-01* —" read as text)
    assert find_dateline_date("Storm\n\nLisbon, 2024-02-01 — A storm hit") == "2024-02-01"
    assert find_dateline_date("LISBON, 2024-02-30 (Reuters) - A storm") is None
    assert find_dateline_date("Paris, March 2 - The bridge", today=dt.date(2026, 11, 1)) == "2026-03-02"
    assert find_dateline_date("Paris, March 2-3 saw rain", today=dt.date(2026, 11, 1)) is None


def test_no_dateline_means_null_date():
    art = read_one(SEED)
    assert art.date is None
    assert art.title == "Chinese Mideast envoy calls for rights guarantees for Palestinians"


def test_corpus_datelines():
    arts = read_sources([str(SEEDS)])
    dates = {a.name: a.date for a in arts}
    assert dates["wikinews_2008_canada_sensitive_document_found.txt"] == "2008-08-15"
    assert dates["wikinews_2017_afghan_girls_robotics_team.txt"] == "2017-07-21"


def test_date_option_wins(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Title\n\nFriday, August 21, 2015\n\nBody.")
    assert read_one(f, date="2020-01-02").date == "2020-01-02"


def test_html_page(tmp_path):
    body = " ".join(["The minister said the talks in Geneva went well."] * 8)
    html = f"""<!doctype html><html><head><title>Talks end | Site</title>
    <meta property="og:title" content="Talks end in Geneva">
    <meta property="article:published_time" content="2023-10-19T08:00:00Z"></head>
    <body><nav>Home | World</nav><article><h1>Talks end in Geneva</h1><p>{body}</p>
    <p>{body}</p></article><footer>© Site</footer></body></html>"""
    f = tmp_path / "page.html"
    f.write_text(html)
    art = read_one(f)
    assert isinstance(art, Article)
    assert art.title == "Talks end in Geneva"
    assert art.date == "2023-10-19"
    assert "The minister said the talks in Geneva went well." in art.text
    assert "<p>" not in art.text and "Home | World" not in art.text


def test_stdin():
    [art] = read_sources(["-"], stdin=io.BytesIO(b"Headline\n\nBody from a pipe.\n"))
    assert art.path == "<stdin>" and art.title == "Headline"


def test_stdin_closed_at_once():
    [err] = read_sources(["-"], stdin=io.BytesIO(b""))
    assert isinstance(err, SourceError) and str(err) == "<stdin>: file is empty"


def test_folder_reads_sorted_and_reports_broken_file(tmp_path):
    (tmp_path / "b.txt").write_text("Second\n\nBody two.")
    (tmp_path / "a.txt").write_text("First\n\nBody one.")
    (tmp_path / "c.txt").write_bytes(b"\x00\x01\x02binary")
    (tmp_path / "notes.jpg").write_bytes(b"\xff\xd8")
    (tmp_path / "README.md").write_text("About this folder")
    (tmp_path / "sub").mkdir()
    out = read_sources([str(tmp_path)])
    assert [type(o).__name__ for o in out] == ["Article", "Article", "SourceError"]
    assert out[0].title == "First" and out[1].title == "Second"
    assert str(out[2]) == f"{tmp_path}/c.txt: binary file (contains NUL bytes)"


@pytest.mark.parametrize(
    "content,reason",
    [
        (b"", "file is empty"),
        (b"  \n\n \t ", "file is empty"),
        (b"abc\x00def", "binary file (contains NUL bytes)"),
    ],
)
def test_failure_messages(tmp_path, content, reason):
    f = tmp_path / "x.txt"
    f.write_bytes(content)
    assert str(read_one(f)) == f"{f}: {reason}"


def test_missing_path():
    assert str(read_one("/no/such/file.txt")) == "/no/such/file.txt: no such file or folder"


def test_empty_folder(tmp_path):
    assert str(read_one(tmp_path)) == f"{tmp_path}: folder has no article files (.txt, .md, .html, .rss, …)"


def test_size_limit(tmp_path):
    f = tmp_path / "big.txt"
    f.write_bytes(b"word " * 3000)  # 15,000 bytes
    err = read_one(f, max_bytes=10_000)
    assert str(err) == f"{f}: file is 14.6 KB, over the 9.8 KB limit (raise --max-bytes)"
    assert isinstance(read_one(f, max_bytes=20_000), Article)


def test_permission_denied(tmp_path, monkeypatch):
    f = tmp_path / "secret.txt"
    f.write_text("text")
    real_open = type(f).open

    def deny(self, *a, **kw):  # root ignores chmod 0, so refuse the open itself
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real_open(self, *a, **kw)

    monkeypatch.setattr(type(f), "open", deny)
    assert str(read_one(f)) == f"{f}: permission denied"


def test_undecodable_binary_without_nul():
    assert isinstance(parse_bytes(bytes(range(128, 256)) * 20, "x.bin"), SourceError)


PAGE_WITH_ADS = """<html><head><title>Floods hit Lagos</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Floods hit Lagos</h1>
<p>Floods hit Lagos on Monday, forcing hundreds of families from their homes, officials said.</p>
<p>Sponsored: Get 50% off home insurance today. Click here.</p>
<p>"The water rose in minutes," said resident Ada Obi, who lost her shop.</p>
<p>Advertisement</p>
<p>The state government said it would open three shelters by Tuesday.</p>
</article><footer>Copyright 2024 News Co.</footer></body></html>"""


def test_html_paragraphs_stay_apart_and_inline_ads_go():
    from tui.sources import parse_bytes

    art = parse_bytes(PAGE_WITH_ADS.encode(), "floods.html")
    assert art.text == (
        "Floods hit Lagos\n\n"
        "Floods hit Lagos on Monday, forcing hundreds of families from their homes, officials said.\n\n"
        '"The water rose in minutes," said resident Ada Obi, who lost her shop.\n\n'
        "The state government said it would open three shelters by Tuesday."
    )


DATELINES = ["August 21, 2015", "Aug. 21 2015", "Sept 3", "Oct 19", "Nov 29", "Nov 30", "Dec 31", "Feb 29",
             "February 30, 2015", "May 5, 2020"]


@pytest.mark.parametrize("today", [dt.date(2026, 11, 29), dt.date(2024, 3, 1), dt.date(2023, 1, 1)])
def test_dateline_dates_without_dateparser_agree_with_it(today):
    """A folder's datelines are read without importing dateparser (it cost ~0.4 s before the first
    article showed); the dates are the ones dateparser gives, the latest past one when no year."""
    from tui.sources import meta

    for s in DATELINES:
        assert meta._parse(s, today) == meta._dateparser(s, today), s


def test_reading_a_folder_of_datelined_articles_leaves_dateparser_unimported(tmp_path):
    code = (
        "import sys; from tui.sources import read_sources; "
        "s = read_sources([sys.argv[1]]); "
        "assert [a.date for a in s] == ['2015-08-21', '2015-10-19'], [a.date for a in s]; "
        "assert 'dateparser' not in sys.modules"
    )
    (tmp_path / "a.txt").write_text("Title\n\nFriday, August 21, 2015\n\nWords here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\n\nBEIJING, Oct 19, 2015 (Reuters) - Words.\n", encoding="utf-8")
    subprocess.run([sys.executable, "-c", code, str(tmp_path)], check=True, cwd=ROOT_DIR)


def test_a_markdown_file_is_read_as_the_text_a_reader_sees(tmp_path):
    src = (
        "# Storm hits Lisbon\n\n"
        "A [storm](http://x.pt) *hit* **Lisbon** on `Monday`,\nofficials said.\n\n"
        "- one\n- two\n\n1. first\n2. second\n\n"
        "> \"We are ready,\" the mayor said.\n\n"
        "| city | rain |\n|---|---|\n| Lisbon | 40 mm |\n\n"
        "<div class=\"ad\">Sponsored</div>\n\n"
        "![Waves on the quay](waves.jpg)\n"
    )
    (tmp_path / "storm.md").write_text(src, encoding="utf-8")
    [a] = read_sources([str(tmp_path / "storm.md")])
    assert a.title == "Storm hits Lisbon"
    assert a.text == (
        "Storm hits Lisbon\n\nA storm hit Lisbon on Monday,\nofficials said.\n\n- one\n- two\n\n1. first\n2. second\n\n"
        "\"We are ready,\" the mayor said.\n\ncity | rain\nLisbon | 40 mm\n\nWaves on the quay\n"
    )
    (tmp_path / "storm.txt").write_text(src, encoding="utf-8")
    [plain] = read_sources([str(tmp_path / "storm.txt")])
    assert plain.text.startswith("# Storm hits Lisbon\n")  # a .txt file is its characters

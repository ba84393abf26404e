"""Hostile input for `wirelens extract`: each case ends in correct output or one line naming the file.

The files live in tests/data/hostile/; big and structural cases are made here.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tui import cli
from tui.sources import read_sources

HOSTILE = Path(__file__).parent / "data" / "hostile"
FFFD = "\ufffd"


@pytest.fixture()
def extract(capsys, nlp):
    """Run `wirelens extract` in-process (the model is loaded once) and parse what it says."""

    def run(*args, stdin: bytes | None = None):
        if stdin is not None:
            sys.stdin = io.TextIOWrapper(io.BytesIO(stdin))
        try:
            code = cli.main(["extract", *map(str, args), "--no-cache"])
        finally:
            sys.stdin = sys.__stdin__
        out, err = capsys.readouterr()
        assert "Traceback" not in err
        return code, out, err.strip()

    return run


def analysis(out: str) -> dict:
    data = json.loads(out)
    text = data["source"]["text"]
    spans = [m for e in data["entities"] for m in e["mentions"]]
    spans += [q for q in data["quotes"]] + [q[k] for q in data["quotes"] for k in ("speaker", "cue") if q[k]]
    spans += [v for v in data["events"]] + [
        v[k] for v in data["events"] for k in ("agent", "patient", "time", "place") if v[k]
    ]
    for s in spans:
        assert text[s["start"] : s["end"]] == s["text"]
    return data


@pytest.mark.parametrize(
    "name,reason",
    [
        ("empty.txt", "file is empty"),
        ("whitespace.txt", "file is empty"),
        ("binary.txt", "binary file (contains NUL bytes)"),
        ("nul_bytes.txt", "binary file (contains NUL bytes)"),
    ],
)
def test_unreadable_files_get_one_line(extract, name, reason):
    code, out, err = extract(HOSTILE / name)
    assert code == 2 and out == ""
    assert err == f"wirelens: {HOSTILE / name}: {reason}"


@pytest.mark.parametrize(
    "name,expect",
    [
        ("invalid_utf8.txt", "The minister said the café was closed."),
        ("utf16_bom.txt", "“We are ready,” Zhai Jun said in Doha on Thursday."),
        ("cp1252.txt", "“We are ready,” said José María Aznar in Madrid — on Thursday."),
    ],
)
def test_encodings_give_correct_text(extract, name, expect):
    code, out, err = extract(HOSTILE / name)
    assert code == 0, err
    assert expect in analysis(out)["source"]["text"]


@pytest.mark.parametrize("name", ["crlf.txt", "lone_cr.txt"])
def test_line_endings_keep_offsets_exact(extract, name):
    code, out, _ = extract(HOSTILE / name)
    data = analysis(out)
    text = data["source"]["text"]
    assert "\r" not in text
    assert text == "Envoy visits\n\nZhai Jun landed in Qatar on Thursday.\nHe met Mikhail Bogdanov in Doha.\n"
    bogdanov = next(e for e in data["entities"] if e["name"] == "Mikhail Bogdanov")
    assert bogdanov["mentions"][0]["start"] == 59


@pytest.mark.parametrize("name", ["odd_quotes.txt", "unclosed_quote.txt"])
def test_odd_and_unclosed_quote_marks(extract, name):
    code, out, err = extract(HOSTILE / name)
    assert code == 0, err
    analysis(out)


def test_emoji_cjk_rtl_offsets(extract):
    code, out, _ = extract(HOSTILE / "emoji_cjk_rtl.txt")
    data = analysis(out)
    names = {e["name"] for e in data["entities"]}
    assert {"Angela Merkel", "Emmanuel Macron"} <= names


def test_markup_is_plain_text(extract):
    code, out, _ = extract(HOSTILE / "markup.txt")
    data = analysis(out)
    assert data["source"]["text"].startswith("[bold]Not bold[/bold] [Reuters] [$5] [/] [link=x]y[/link]")


def test_escape_sequences_are_neutralised(extract):
    code, out, _ = extract(HOSTILE / "escapes.txt")
    text = analysis(out)["source"]["text"]
    assert "\x1b" not in text and "\x07" not in text and "\x9b" not in text
    assert text.startswith(f"Title {FFFD}]0;pwned{FFFD}\n")
    raw = (HOSTILE / "escapes.txt").read_bytes().decode()
    assert len(text) == len(raw)  # replaced one for one


def test_30_mb_file_refused_then_read_with_max_bytes(tmp_path, extract):
    big = tmp_path / "big.txt"
    line = b"Zhai Jun met Mikhail Bogdanov in Doha on Thursday to talk about Gaza.\n"
    with big.open("wb") as fh:
        fh.write(b"Big\n\n" + line * (30 * 1024 * 1024 // len(line) + 1))
    code, out, err = extract(big)
    assert code == 2
    assert err == f"wirelens: {big}: file is 30.0 MB, over the 20.0 MB limit (raise --max-bytes)"
    [art] = read_sources([str(big)], max_bytes=40 * 1024 * 1024)
    assert art.title == "Big" and len(art.text) > 30 * 1024 * 1024


def test_one_megabyte_line(tmp_path, extract):
    f = tmp_path / "line.txt"
    f.write_text("Zhai Jun met Mikhail Bogdanov in Doha. " * 27000)  # ~1 MB, no newline
    code, out, err = extract(f)
    assert code == 0, err
    data = analysis(out)
    zhai = next(e for e in data["entities"] if e["name"] == "Zhai Jun")
    assert len(zhai["mentions"]) > 20000


def test_folder_of_500_with_bad_entries(tmp_path, extract, folder_of_500):
    folder = folder_of_500
    out = tmp_path / "out.jsonl"
    code, _, err = extract(folder, "-o", out)
    assert code == 2
    lines = err.splitlines()
    assert lines == [
        f"wirelens: {folder}/b_binary.txt: binary file (contains NUL bytes)",
        f"wirelens: {folder}/c_empty.txt: file is empty",
        f"wirelens: {folder}/d_loop.txt: too many levels of symbolic links",
    ]
    records = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(records) == 500
    assert [r.get("error") is None for r in records].count(True) == 497
    assert records[0]["source"]["path"].endswith("a000.txt")


def test_path_with_spaces_and_non_ascii(tmp_path, extract):
    d = tmp_path / "dossier été 2023"
    d.mkdir()
    f = d / "article à lire.txt"
    f.write_text("Été\n\nAngela Merkel spoke in Berlin.")
    code, out, _ = extract(f)
    assert code == 0 and analysis(out)["source"]["path"] == str(f)


def test_stdin_closed_at_once(extract):
    code, out, err = extract("-", stdin=b"")
    assert code == 2 and err == "wirelens: <stdin>: file is empty"

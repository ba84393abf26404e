"""Hostile input for `wirelens extract`: each case ends in correct output or one line naming the file.

The files live in tests/data/hostile/; big and structural cases are made here.
"""

from __future__ import annotations

import io
import json
import os
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


@pytest.mark.slow
def test_30_mb_file_refused_then_read_with_max_bytes(tmp_path, extract):
    big = tmp_path / "big.txt"
    line = b"Zhai Jun met Mikhail Bogdanov in Doha on Thursday to talk about Gaza.\n"
    with big.open("wb") as fh:
        fh.write(b"Big\n\n" + line * (30 * 1024 * 1024 // len(line) + 1))
    code, out, err = extract(big)
    assert code == 2
    assert err == (
        f"wirelens: {big}: file is 30.0 MB, over the 5.0 MB limit (a larger article takes many minutes "
        "and nearly 1 GB of memory to analyse; raise --max-bytes to try)"
    )
    [art] = read_sources([str(big)], max_bytes=40 * 1024 * 1024)
    assert art.title == "Big" and len(art.text) > 30 * 1024 * 1024


@pytest.mark.slow
def test_one_megabyte_line(tmp_path, extract):
    f = tmp_path / "line.txt"
    f.write_text("Zhai Jun met Mikhail Bogdanov in Doha. " * 27000)  # ~1 MB, no newline
    code, out, err = extract(f)
    assert code == 0, err
    data = analysis(out)
    zhai = next(e for e in data["entities"] if e["name"] == "Zhai Jun")
    assert len(zhai["mentions"]) > 20000


@pytest.mark.slow
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


# ---- file names, invisible articles, odd options (issue 13, items 7 and 9) ---------------------

NAMES = [b"bad\xff.txt", b"esc\x1b[31mred.txt", b"new\nline.txt", b"bell\x07\xc3.txt", b"rtl\xe2\x80\xaename.txt"]
SHOWN = ["bad\\xff.txt", "esc\\x1b[31mred.txt", "new\\nline.txt", "bell\\x07\\xc3.txt", "rtl\\u202ename.txt"]


@pytest.mark.parametrize("raw,shown", zip(NAMES, SHOWN, strict=True), ids=["not-utf8", "escape", "newline", "bell", "bidi"])
def test_file_names_are_escaped_wherever_they_go(tmp_path, extract, monkeypatch, raw, shown):
    monkeypatch.setenv("WIRELENS_CACHE_DIR", str(tmp_path / "cache"))
    folder = os.fsencode(tmp_path / "in")
    os.mkdir(folder)
    with open(os.path.join(folder, raw), "wb") as fh:
        fh.write(b"Envoy\n\nZhai Jun met Putin in Doha on Thursday.\n")
    path = os.fsdecode(os.path.join(folder, raw))
    expected = f"{tmp_path}/in/{shown}"
    # with the cache (it used to fail writing a non-UTF-8 name) ...
    code = cli.main(["extract", path])
    assert code == 0
    assert list((tmp_path / "cache").glob("*/*.json")), "the cache entry was written"
    # ... and without it, atomically to a file, in every format
    for fmt in ("json", "md", "csv"):
        target = tmp_path / f"out.{fmt}"
        code, _, err = extract(path, "-f", fmt, "-o", target)
        assert code == 0 and err == ""
        written = target.read_text(encoding="utf-8")
        assert "\x1b" not in written and "\x07" not in written and "\u202e" not in written
        if fmt == "json":
            assert json.loads(written)["source"]["path"] == expected
        if fmt == "md":
            assert f"Source: `{expected}`" in written
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    code, _, err = extract(path + "-missing")
    assert code == 2 and err == f"wirelens: {expected}-missing: no such file or folder"


@pytest.mark.parametrize(
    "data",
    ["\ufeff", "\u200b\u200b\u200b\n\u200b", "\u2060 \u200d", "\ufeff\n\n\u200b", "— … “ ” !!"],
    ids=["bom", "zero-width-spaces", "joiners", "bom-and-zwsp", "only-marks"],
)
def test_a_file_with_no_words_is_not_an_article(tmp_path, extract, data):
    f = tmp_path / "blank.txt"
    f.write_bytes(data.encode("utf-8"))
    code, out, err = extract(f)
    assert code == 2 and out == ""
    assert err == f"wirelens: {f}: file has no words (only whitespace, marks or invisible characters)"


@pytest.mark.parametrize("ref", ["&#27;", "&#x1b;", "&#0;", "&#xFFFE;", "&#xD800;", "&#1114112;"])
def test_html_with_a_control_character_reference_keeps_its_text(tmp_path, extract, ref):
    f = tmp_path / "page.html"
    body = "<p>The mayor of Paris said the bridge over the Seine would reopen in the spring.</p>"
    f.write_text(
        f"<html><head><title>Bridge</title></head><body><article>{body}"
        f"<p>Workers {ref}[31m began repairs on Monday, officials said.</p>{body}</article></body></html>"
    )
    code, out, err = extract(f)
    assert code == 0, err
    text = analysis(out)["source"]["text"]
    assert "The mayor of Paris said" in text and "began repairs on Monday" in text
    assert "\x1b" not in text


@pytest.mark.parametrize("value", ["inf", "-inf", "nan", "1e20", "99999G", "0", "-5", "abc", ""])
def test_bad_max_bytes_is_one_usage_error(extract, capsys, value):
    with pytest.raises(SystemExit) as exc:
        cli.main(["extract", str(HOSTILE / "crlf.txt"), "--max-bytes", value])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.splitlines()[-1].startswith("wirelens extract: error: argument --max-bytes:")


def test_closed_stdout_is_one_line(tmp_path):
    import subprocess

    from conftest import ROOT

    env = dict(os.environ, WIRELENS_CACHE_DIR=str(tmp_path))
    r = subprocess.run(
        [sys.executable, "-m", "tui", "extract", str(HOSTILE / "crlf.txt")],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=ROOT, env=env, timeout=120,
        preexec_fn=lambda: os.close(1),
    )
    assert r.returncode == 2 and r.stderr == "wirelens: standard output is closed; give -o FILE\n"


def test_a_model_named_in_the_environment_is_never_swapped_silently(extract, monkeypatch):
    monkeypatch.setenv("WIRELENS_MODEL", "en_no_such_model")
    code, out, err = extract(HOSTILE / "crlf.txt")
    assert code == 3 and out == ""
    assert err == (
        "wirelens: WIRELENS_MODEL names spaCy model 'en_no_such_model', which is not installed "
        "(try: pip install en_no_such_model, or unset it)"
    )


@pytest.mark.parametrize("meta", ["[]", '"x"', "{not json", "null"])
def test_a_model_folder_with_a_broken_meta_is_one_line(tmp_path, extract, meta):
    model = tmp_path / "model"
    model.mkdir()
    (model / "meta.json").write_text(meta)
    code, out, err = extract(HOSTILE / "crlf.txt", "--model", model)
    assert code == 3 and out == ""
    assert err.startswith(f"wirelens: spaCy model '{model}' failed to load: ") and "\n" not in err


@pytest.mark.parametrize("name", ["=1+1.txt", "+cmd.txt", "=HYPERLINK(x).txt", "@SUM(A1).txt"])
def test_csv_article_column_is_not_a_formula(tmp_path, extract, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    (tmp_path / name).write_text("Envoy\n\nZhai Jun met Putin in Doha.")
    code, out, err = extract(name, "-f", "csv")
    assert code == 0, err
    rows = out.splitlines()[1:]
    assert rows and all(r.startswith(f"'{name},") for r in rows)

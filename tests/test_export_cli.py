"""Exports and the `wirelens extract` command, end to end."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

import pytest

from tui.analysis import Analysis, Article, Entity, Event, Mention, ModelInfo, Quote, Span, TimeSpan
from tui.export import AtomicWriter, fact_markdown, render, to_csv, to_markdown, write_atomic

from conftest import ROOT, SEED

TEXT = "Talks\n\n“We will win,” Zhai said. On Monday, Hamas stormed the city."


@pytest.fixture()
def small():
    art = Article("a.txt", TEXT, "Talks", "2023-10-19")
    zhai = Entity("E1", "Zhai Jun", "PERSON", 0.5, (Mention(22, 26, "Zhai"),))
    hamas = Entity("E2", "Hamas", "ORG", 0.3, (Mention(44, 49, "Hamas"),))
    q = Quote("Q1", "direct", 8, 19, "We will win", Span(22, 26, "Zhai", "E1"), Span(27, 31, "said"))
    v = Event(
        "V1", 50, 57, "stormed", "storm", (33, 67), agent=Span(44, 49, "Hamas", "E2"),
        patient=Span(58, 66, "the city"), time=TimeSpan(33, 42, "On Monday", "2023-10-16"),
    )
    return Analysis(art, ModelInfo("en_core_web_sm", "3.8.0"), (zhai, hamas), (q,), (v,))


def test_small_fixture_offsets(small):
    for start, end in small.spans():
        assert 0 <= start < end <= len(TEXT)
    assert TEXT[8:19] == "We will win" and TEXT[50:57] == "stormed" and TEXT[33:67].endswith("city.")


def test_json_round_trip(small):
    data = json.loads(render(small, "json"))
    assert data["schema"] == "wirelens/1"
    assert data["quotes"][0]["cue"] == {"start": 27, "end": 31, "text": "said"}
    assert Analysis.from_dict(data) == small


def test_markdown_is_for_people(small):
    md = to_markdown(small)
    assert md.startswith("# Talks\n")
    assert "### People (PERSON)\n\n- Zhai Jun (1)" in md
    assert "> “We will win” — Zhai Jun\n" in md
    assert "- **2023-10-16** — On Monday Hamas *stormed* the city" in md


def test_markdown_of_an_article_with_no_facts_says_so_for_each_kind():
    bare = Analysis(Article("a.txt", "Nothing here.", "Nothing"), ModelInfo("en_core_web_sm", "3.8.0"))
    md = to_markdown(bare)
    for title, plural in (("Entities", "entities"), ("Quotes", "quotes"), ("Events", "events")):
        assert f"## {title}\n\nNo {plural} found.\n" in md


def test_fact_markdown(small):
    assert fact_markdown(small, small.quotes[0]) == "> “We will win” — Zhai Jun (Talks)"
    ev = fact_markdown(small, small.events[0])
    assert ev == "- **2023-10-16** — On Monday Hamas *stormed* the city\n  > On Monday, Hamas stormed the city.\n  — *Talks*"


def test_csv_one_row_per_fact(small):
    rows = list(csv.DictReader(io.StringIO(to_csv(small))))
    assert [(r["kind"], r["id"], r["text"]) for r in rows] == [
        ("entity", "E1", "Zhai Jun"), ("entity", "E2", "Hamas"), ("quote", "Q1", "We will win"), ("event", "V1", "stormed"),
    ]
    assert rows[2]["speaker"] == "Zhai Jun" and rows[3]["date"] == "2023-10-16"


def test_csv_entity_offsets_are_those_of_a_mention_that_says_its_name():
    text = "Gaza is calm. The Gaza Strip has 2 million people; Gaza waits."
    art = Article("g.txt", text, None, None)
    gaza = Entity("E1", "Gaza Strip", "GPE", 1.0, (Mention(0, 4, "Gaza"), Mention(18, 28, "Gaza Strip"), Mention(51, 55, "Gaza")))
    row = next(csv.DictReader(io.StringIO(to_csv(Analysis(art, ModelInfo("m", "1"), (gaza,))))))
    assert (row["text"], row["start"], row["end"]) == ("Gaza Strip", "18", "28")
    assert text[int(row["start"]) : int(row["end"])] == row["text"]
    text = "BEIJING, Oct 19 - China said Beijing would help."
    beijing = Entity("E1", "Beijing", "GPE", 1.0, (Mention(0, 7, "BEIJING"), Mention(29, 36, "Beijing")))
    row = next(csv.DictReader(io.StringIO(to_csv(Analysis(Article("b.txt", text, None, None), ModelInfo("m", "1"),
                                                               (beijing,))))))
    assert (row["start"], row["end"]) == ("29", "36")  # the name as written, before the capitals
    text = "Carlos  Moedas spoke. Later, Carlos Moedas left."
    moedas = Entity("E1", "Carlos Moedas", "PERSON", 1.0, (Mention(0, 14, "Carlos  Moedas"), Mention(29, 42, "Carlos Moedas")))
    row = next(csv.DictReader(io.StringIO(to_csv(Analysis(Article("m.txt", text, None, None), ModelInfo("m", "1"),
                                                               (moedas,))))))
    assert (row["start"], row["end"]) == ("29", "42")  # as written, before one spaced otherwise


def test_csv_neutralises_formulas():
    art = Article("f.txt", "=HYPERLINK(1) said Bob.", None, None)
    ent = Entity("E1", "=HYPERLINK", "ORG", 1.0, (Mention(0, 10, "=HYPERLINK"),))
    rows = list(csv.DictReader(io.StringIO(to_csv(Analysis(art, ModelInfo("m", "1"), (ent,))))))
    assert rows[0]["text"] == "'=HYPERLINK"


def test_atomic_write_keeps_old_file_on_failure(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    with pytest.raises(RuntimeError):
        with AtomicWriter(target) as fh:
            fh.write("partial new content")
            raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.json"]
    write_atomic(target, "new")
    assert target.read_text() == "new"


def wirelens(*args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "tui", *args], input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_extract_json_for_one_file():
    r = wirelens("extract", str(SEED))
    assert r.returncode == 0, r.stderr
    data = json.loads(r.stdout)
    assert data["schema"] == "wirelens/1"
    assert data["source"]["title"].startswith("Chinese Mideast envoy")
    text = data["source"]["text"]
    for ent in data["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
    assert data["model"]["version"] == "3.8.0"


def test_extract_folder_is_jsonl_in_order_with_error_record(tmp_path):
    (tmp_path / "a.txt").write_text("First story\n\nBarack Obama visited Paris on Monday.")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    (tmp_path / "c.txt").write_text("Third story\n\nAngela Merkel spoke in Berlin.")
    out = tmp_path / "out.jsonl"
    r = wirelens("extract", str(tmp_path), "-o", str(out))
    assert r.returncode == 2
    assert r.stderr.strip() == f"wirelens: {tmp_path}/b.txt: binary file (contains NUL bytes)"
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["source"]["path"].rsplit("/", 1)[-1] for x in lines] == ["a.txt", "b.txt", "c.txt"]
    assert lines[1]["error"] == "binary file (contains NUL bytes)"
    assert "Angela Merkel" in {e["name"] for e in lines[2]["entities"]}


def test_extract_md_and_csv_from_stdin():
    r = wirelens("extract", "-", "--format", "md", stdin="Headline\n\nBarack Obama visited Paris.")
    assert r.returncode == 0 and r.stdout.startswith("# Headline\n")
    assert "- Barack Obama (1)" in r.stdout
    r = wirelens("extract", "-", "--format", "csv", stdin="Headline\n\nBarack Obama visited Paris.")
    assert r.stdout.splitlines()[1].startswith("<stdin>,E1,entity,PERSON,Barack Obama,")


def test_jsonl_has_an_error_record_for_each_input_even_when_none_could_be_read(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "nul.txt").write_bytes(b"a\0b")
    r = wirelens("extract", str(tmp_path))
    assert r.returncode == 2
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["source"]["path"], x["error"]) for x in records] == [
        (f"{tmp_path}/empty.txt", "file is empty"), (f"{tmp_path}/nul.txt", "binary file (contains NUL bytes)")]
    assert r.stderr.count("wirelens: ") == 2
    r = wirelens("extract", str(tmp_path), "--format", "md")  # no records in Markdown: the messages only
    assert (r.returncode, r.stdout) == (2, "")


def test_the_output_suffix_picks_the_format_unless_one_is_given(tmp_path):
    story = tmp_path / "story.txt"
    story.write_text("Headline\n\nBarack Obama visited Paris.\n", encoding="utf-8")
    cases = [  # (command, -o name, extra args, how the file starts)
        ("extract", "facts.md", [], "# Headline\n"),
        ("extract", "FACTS.MARKDOWN", [], "# Headline\n"),
        ("extract", "facts.csv", [], "article,id,kind,"),
        ("extract", "facts.jsonl", [], '{"schema":"wirelens/1",'),
        ("extract", "facts.json", [], '{\n  "schema": "wirelens/1"'),
        ("extract", "facts.txt", [], '{\n  "schema": "wirelens/1"'),  # no format of ours: the default
        ("extract", "facts.md", ["--format", "json"], '{\n  "schema": "wirelens/1"'),  # as asked
        ("corpus", "people.csv", [], "id,name,label,"),
        ("corpus", "people.md", [], "# Corpus: 1 article"),
        ("corpus", "people.jsonl", [], "{\n  \"schema\": \"wirelens-corpus/1\""),  # no JSONL table: JSON
    ]
    for command, name, extra, start in cases:
        out = tmp_path / name
        r = wirelens(command, str(story), "-o", str(out), *extra)
        assert r.returncode == 0, r.stderr
        assert out.read_text(encoding="utf-8").startswith(start), (command, name, extra)
        out.unlink()


@pytest.mark.parametrize(
    "args,message",
    [
        (["extract", "missing.txt"], "wirelens: missing.txt: no such file or folder"),
        (["extract", str(SEED), "--date", "2023-02-30"], "wirelens: --date: invalid date '2023-02-30': expected YYYY-MM-DD"),
        (["extract", str(SEED), "--model", "no_such_model"], "wirelens: spaCy model 'no_such_model' is not installed"),
    ],
)
def test_extract_failures_are_one_line(args, message):
    r = wirelens(*args)
    assert r.returncode in (2, 3)
    assert len(r.stderr.strip().splitlines()) == 1, r.stderr
    assert r.stderr.startswith(message)
    assert "Traceback" not in r.stderr


def test_extract_size_limit_option(tmp_path):
    f = tmp_path / "big.txt"
    f.write_text("Title\n\n" + "Barack Obama spoke. " * 100)
    r = wirelens("extract", str(f), "--max-bytes", "1K")
    assert r.returncode == 2 and "over the 1.0 KB limit" in r.stderr
    assert wirelens("extract", str(f), "--max-bytes", "10K").returncode == 0


def test_core_imports_no_textual():
    code = (
        "import sys; import tui.sources, tui.nlp, tui.facts, tui.export, tui.analysis, tui.cli; "
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]; print(bad)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


def test_startup_imports_stay_light():
    """spaCy and friends load in the worker, never when the CLI or app module is imported."""
    code = (
        "import sys, tui.cli, tui.sources; "
        "print(sorted(m for m in ('spacy', 'trafilatura', 'dateparser') if m in sys.modules))"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.stdout.strip() == "[]", r.stdout + r.stderr


@pytest.mark.slow
def test_extract_jobs_2_gives_the_same_output_in_order(tmp_path):
    for name, who in (("b.txt", "Angela Merkel"), ("a.txt", "Barack Obama"), ("c.txt", "Emmanuel Macron")):
        (tmp_path / name).write_text(f"Story\n\n{who} visited Paris on Monday.\n\n{who} said it went well.")
    one = wirelens("extract", str(tmp_path), "--no-cache")
    two = wirelens("extract", str(tmp_path), "--no-cache", "--jobs", "2")
    assert two.returncode == 0, two.stderr
    assert two.stdout == one.stdout
    names = [json.loads(x)["entities"][0]["name"] for x in two.stdout.splitlines()]
    assert names == ["Barack Obama", "Angela Merkel", "Emmanuel Macron"]


def test_event_place_named_by_its_patient_is_not_repeated():
    text = "On Oct. 7, Hamas gunmen stormed into southern Israel."
    art = Article("s.txt", text, "Storm", None)
    israel = Span(text.index("southern"), text.index("."), "southern Israel")
    v = Event("V1", text.index("stormed"), text.index(" into"), "stormed", "storm", (0, len(text)),
              agent=Span(11, 23, "Hamas gunmen"), patient=israel, place=israel)
    assert v.place_apart is None
    line = fact_markdown(Analysis(art, ModelInfo("m", "1"), events=(v,)), v).splitlines()[0]
    assert line == "- **undated** — Hamas gunmen *stormed* southern Israel"
    elsewhere = Event("V2", v.start, v.end, v.text, v.lemma, v.sentence, patient=Span(0, 2, "On"), place=israel)
    assert elsewhere.place_apart == israel

"""Entities merged across articles (`tui.corpus`) and `wirelens corpus`, on invented articles."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.analysis import Analysis, Article, Entity, Event, Mention, ModelInfo, Quote, Span
from tui.corpus import merge

MODEL = ModelInfo("en_core_web_sm", "3.8.0")


def article(path: str, text: str, *entities: tuple[str, str, str, list[str]], quotes=(), events=()) -> Analysis:
    """An Analysis by hand: each entity is (id, name, label, the words of its mentions in text order)."""
    out, pos = [], 0
    for eid, name, label, forms in entities:
        mentions = []
        for form in forms:
            i = text.index(form, pos if mentions else 0)
            mentions.append(Mention(i, i + len(form), form))
        out.append(Entity(eid, name, label, 0.5, tuple(mentions)))
    return Analysis(Article(path, text), MODEL, tuple(out), tuple(quotes), tuple(events))


def rows_by_name(rows):
    return {r.name: r for r in rows}


def test_a_full_name_a_longer_form_and_a_lone_surname_are_one_person():
    a = article("a.txt", "Maria Elena Lopez won.", ("e1", "Maria Elena Lopez", "PERSON", ["Maria Elena Lopez"]))
    b = article("b.txt", "Mayor Maria Lopez spoke.", ("e1", "Maria Lopez", "PERSON", ["Maria Lopez"]))
    c = article("c.txt", "Lopez left. Lopez came back.", ("e4", "Lopez", "PERSON", ["Lopez", "Lopez"]))
    rows = merge([a, b, c])
    assert [(r.id, r.name, r.articles, r.mentions) for r in rows] == [("c1", "Maria Elena Lopez", 3, 4)]
    assert [(p.article, p.entity, p.mentions) for p in rows[0].appearances] == [(0, "e1", 1), (1, "e1", 1), (2, "e4", 2)]
    assert rows[0].names == ("Lopez", "Maria Elena Lopez", "Maria Lopez")


def test_a_surname_two_people_share_stays_apart():
    a = article("a.txt", "Joe Biden met Hunter Biden.",
                ("e1", "Joe Biden", "PERSON", ["Joe Biden"]), ("e2", "Hunter Biden", "PERSON", ["Hunter Biden"]))
    b = article("b.txt", "Biden said no.", ("e1", "Biden", "PERSON", ["Biden"]))
    rows = rows_by_name(merge([a, b]))
    assert set(rows) == {"Joe Biden", "Hunter Biden", "Biden"}
    assert rows["Biden"].articles == 1 and rows["Joe Biden"].articles == 1


def test_a_first_word_is_enough_when_one_person_has_it():
    a = article("a.txt", "Zhai Jun landed.", ("e1", "Zhai Jun", "PERSON", ["Zhai Jun"]))
    b = article("b.txt", "Zhai spoke twice.", ("e9", "Zhai", "PERSON", ["Zhai"]))
    assert [(r.name, r.articles) for r in merge([a, b])] == [("Zhai Jun", 2)]


def test_an_acronym_joins_the_one_name_it_spells_and_labels_of_a_thing_may_differ():
    a = article("a.txt", "The U.N. met.", ("e1", "U.N.", "ORG", ["U.N."]))
    b = article("b.txt", "The United Nations met in Geneva.",
                ("e1", "United Nations", "ORG", ["United Nations"]), ("e2", "Geneva", "GPE", ["Geneva"]))
    c = article("c.txt", "Geneva voted.", ("e3", "Geneva", "ORG", ["Geneva"]))
    rows = rows_by_name(merge([a, b, c]))
    assert set(rows) == {"United Nations", "Geneva"}
    assert rows["United Nations"].names == ("U.N.", "United Nations")
    assert (rows["Geneva"].articles, rows["Geneva"].label) == (2, "GPE")


def test_a_person_never_merges_with_a_place_of_the_same_name():
    a = article("a.txt", "Washington spoke.", ("e1", "Washington", "PERSON", ["Washington"]))
    b = article("b.txt", "In Washington it rained.", ("e1", "Washington", "GPE", ["Washington"]))
    assert sorted((r.label, r.articles) for r in merge([a, b])) == [("GPE", 1), ("PERSON", 1)]


def test_values_are_not_entities_of_the_corpus():
    a = article("a.txt", "On Monday Ana Ruiz left.",
                ("e1", "Monday", "DATE", ["Monday"]), ("e2", "Ana Ruiz", "PERSON", ["Ana Ruiz"]))
    assert [r.name for r in merge([a])] == ["Ana Ruiz"]


def test_an_appearance_lists_what_it_said_what_others_said_of_it_and_what_it_did():
    text = 'Ana Ruiz closed the plant. "Ruiz lied," Tom Bell said. "We waited," Ruiz said.'
    def span(words: str, nth: int = 0) -> tuple[int, int, str]:
        i = -1
        for _ in range(nth + 1):
            i = text.index(words, i + 1)
        return i, i + len(words), words

    ruiz = [Mention(*span("Ana Ruiz")), Mention(*span("Ruiz", 1)), Mention(*span("Ruiz", 2))]
    bell = [Mention(*span("Tom Bell"))]
    q1 = Quote("q1", "direct", *span('"Ruiz lied,"'), Span(*span("Tom Bell"), "e2"), Span(*span("said")))
    q2 = Quote("q2", "direct", *span('"We waited,"'), Span(*span("Ruiz", 2), "e1"), Span(*span("said", 1)))
    ev = Event("v1", *span("closed"), "close", (0, 26), agent=Span(*span("Ana Ruiz"), "e1"))
    a = Analysis(Article("a.txt", text), MODEL,
                 (Entity("e1", "Ana Ruiz", "PERSON", 0.6, tuple(ruiz)), Entity("e2", "Tom Bell", "PERSON", 0.3, tuple(bell))),
                 (q1, q2), (ev,))
    rows = rows_by_name(merge([a]))
    ruiz_in = rows["Ana Ruiz"].appearances[0]
    assert (ruiz_in.quotes, ruiz_in.about, ruiz_in.events) == (("q2",), ("q1",), ("v1",))
    bell_in = rows["Tom Bell"].appearances[0]
    assert (bell_in.quotes, bell_in.about, bell_in.events) == (("q1",), (), ())


ARTICLES = {
    "one.txt": "Governor Maria Elena Lopez signed the water bill in Port Alder on Monday.\n",
    "two.txt": 'Maria Lopez told reporters the bill "will save the river." Critics disagreed.\n',
    "three.txt": "Ms. Lopez visited the dam on Friday. Lopez met engineers there.\n",
}


@pytest.fixture()
def three_articles(tmp_path):
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def _corpus(capsys, *args) -> tuple[int, str, str]:
    from tui.cli import main

    code = main(["corpus", *map(str, args), "--no-cache"])
    out, err = capsys.readouterr()
    return code, out, err


def test_wirelens_corpus_json_names_one_person_three_ways(nlp, three_articles, capsys):
    code, out, err = _corpus(capsys, three_articles)
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["schema"] == "wirelens-corpus/1"
    assert [a["path"].rsplit("/", 1)[-1] for a in data["articles"]] == ["one.txt", "three.txt", "two.txt"]
    lopez = [e for e in data["entities"] if "Lopez" in e["name"]]
    assert len(lopez) == 1, lopez
    row = lopez[0]
    assert (row["id"], row["label"], row["articles"], row["mentions"]) == ("c1", "PERSON", 3, 4)
    assert set(row["names"]) == {"Maria Elena Lopez", "Maria Lopez", "Lopez"}
    assert [(p["article"], p["mentions"]) for p in row["in"]] == [(0, 1), (1, 2), (2, 1)]
    assert len(row["in"][2]["quotes"]) == 1  # she said the bill "will save the river"


def test_wirelens_corpus_csv_and_markdown_and_a_bad_file(nlp, three_articles, capsys):
    (three_articles / "bad.txt").write_bytes(b"\x00\x01\x02" * 10)
    code, out, err = _corpus(capsys, three_articles, "--format", "csv")
    assert code == 2 and err.startswith("wirelens: ") and "bad.txt" in err and err.count("\n") == 1
    rows = list(csv.DictReader(io.StringIO(out)))
    assert rows[0]["id"] == "c1" and rows[0]["articles"] == "3" and rows[0]["label"] == "PERSON"
    assert rows[0]["paths"].count(" | ") == 2
    code, out, _ = _corpus(capsys, three_articles / "one.txt", three_articles / "two.txt", "-f", "md")
    assert code == 0
    assert out.startswith("# Corpus: 2 articles\n")
    assert "| Entity | Label | Articles | Mentions | Quotes | Events | Also called |" in out


def test_wirelens_corpus_writes_a_file_atomically(nlp, three_articles, capsys, tmp_path):
    target = tmp_path / "out" / "corpus.json"
    target.parent.mkdir()
    code, out, err = _corpus(capsys, three_articles / "one.txt", "-o", target)
    assert (code, out, err) == (0, "", "")
    assert json.loads(target.read_text(encoding="utf-8"))["entities"][0]["name"] == "Maria Elena Lopez"
    assert [p.name for p in target.parent.iterdir()] == ["corpus.json"]


def test_the_apps_batch_analysis_gives_what_one_at_a_time_gives_and_fills_the_cache(nlp, tmp_path, monkeypatch):
    """ModelAnalyser.many (the Corpus screen's folder-wide path, through nlp.pipe) finds the same
    facts as the one-article path, keeps no spaCy Doc, and a second run is all cache."""
    from tui import nlp as N
    from tui.analyser import ModelAnalyser
    from tui.analysis import Article

    monkeypatch.setenv("WIRELENS_CACHE_DIR", str(tmp_path / "cache"))
    texts = ["Maria Lopez met Tom Reed in Paris on Monday.\n\nLopez said the talks went well.\n",
             "Tom Reed said on Tuesday that Maria Lopez would visit Berlin.\n"]
    articles = [Article(f"a{i}.txt", t) for i, t in enumerate(texts)]
    single = [ModelAnalyser(cache=False)(a, progress=lambda _: None, cancelled=lambda: False) for a in articles]
    batch = list(ModelAnalyser().many(articles, cancelled=lambda: False, jobs=1))
    assert [(a.path, r) for a, r in batch] == [(a.path, s) for a, s in zip(articles, single, strict=True)]

    def no_parse(*args, **kwargs):
        raise AssertionError("parsed again: the cache should have answered")

    monkeypatch.setattr(N, "parse_many", no_parse)
    again = list(ModelAnalyser().many(articles, cancelled=lambda: False, jobs=1))
    assert [r.to_dict() for _, r in again] == [s.to_dict() for s in single]  # as the cache stores them


def test_an_entitys_names_are_its_name_mentions_kept_once_made():
    import pickle

    e = Entity("e1", "Zhai Jun", "PERSON", 0.5, (Mention(0, 8, "Zhai Jun"), Mention(20, 22, "he", "pronoun"),
                                                  Mention(30, 34, "Zhai")))
    fresh = Entity(e.id, e.name, e.label, e.salience, e.mentions)
    assert e.names == (Mention(0, 8, "Zhai Jun"), Mention(30, 34, "Zhai"))
    assert e.names is e.names  # made once: the merge asks for them again on every refill
    assert e == fresh and hash(e) == hash(fresh) and e.to_dict() == fresh.to_dict()
    assert pickle.loads(pickle.dumps(e)) == e and Entity.from_dict(e.to_dict()).names == e.names

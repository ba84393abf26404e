"""An event's row: its words in the article's order, then the date (event_words, kinds).

Invented sentences; each part is checked by its offsets as well as its text.
"""

from __future__ import annotations

import pytest

from tui.kinds import EVENT


def _event(analysis, word):
    return next(v for v in analysis.events if word in v.text.split())


@pytest.mark.parametrize(
    ("text", "word", "parts", "row"),
    [
        (
            "Zhai Jun landed in Qatar on Thursday.", "landed",
            [("agent", "Zhai Jun"), ("verb", "landed"), ("place", "in Qatar"), ("time", "on Thursday")],
            "Zhai Jun landed in Qatar on Thursday · 2023-10-19",
        ),
        (
            "The minister did not attend the summit in Paris.", "attend",
            [("agent", "The minister"), ("verb", "did not attend"), ("patient", "the summit"), ("place", "in Paris")],
            "[not] The minister did not attend the summit in Paris",
        ),
        (
            "Maxime Bernier was forced to resign in May.", "resign",
            [("agent", "Maxime Bernier"), ("verb", "was forced to resign"), ("time", "in May")],
            "Maxime Bernier was forced to resign in May · 2023-05",
        ),
        (  # the place is inside the patient's part: told once
            "Hamas gunmen stormed into southern Israel on Oct. 7.", "stormed",
            [("agent", "Hamas gunmen"), ("verb", "stormed"), ("patient", "into southern Israel"), ("time", "on Oct. 7")],
            "Hamas gunmen stormed into southern Israel on Oct. 7 · 2023-10-07",
        ),
        (  # a passive: its "by" goes with the agent
            "The village was flooded by the river on Monday.", "flooded",
            [("patient", "The village"), ("verb", "was flooded"), ("agent", "by the river"), ("time", "on Monday")],
            "The village was flooded by the river on Monday · 2023-10-16",
        ),
        (  # the "by" of the clause the agent stands in belongs to that clause's verb, not to this one
            "A document was found on a street by someone who gave it to the CBC today.", "gave",
            [("agent", "someone"), ("verb", "gave"), ("patient", "it"), ("time", "today")],
            "someone gave it today · 2023-10-20",
        ),
        (  # a particle after the object is a part of its own, in its place
            "The army wound the operation down in May.", "wound",
            [("agent", "The army"), ("verb", "wound"), ("patient", "the operation"), ("verb", "down"), ("time", "in May")],
            "The army wound the operation down in May · 2023-05",
        ),
        (
            "Thailand has recently cracked down on human trafficking.", "cracked",
            [("agent", "Thailand"), ("verb", "has recently cracked down"), ("patient", "on human trafficking")],
            "Thailand has recently cracked down on human trafficking",
        ),
    ],
)
def test_row_parts_and_text(run, text, word, parts, row):
    _, analysis = run(text, "2023-10-20")
    v = _event(analysis, word)
    assert [(w.role, w.text) for w in v.words] == parts
    assert all(text[w.start : w.end] == w.text for w in v.words)
    assert EVENT.label_text(analysis, v) == row


def test_a_pronoun_agent_is_named_by_its_entity_and_the_place_keeps_its_preposition(run):
    text = "Zhai Jun arrived on Monday. He met with his Russian counterpart in Qatar."
    _, analysis = run(text, "2023-10-20")
    v = _event(analysis, "met")
    assert [(w.role, w.start, w.text) for w in v.words] == [
        ("agent", text.index("He"), "He"), ("verb", text.index("met"), "met"),
        ("patient", text.index("with his"), "with his Russian counterpart"), ("place", text.index("in Qatar"), "in Qatar"),
    ]
    assert EVENT.label_text(analysis, v) == "Zhai Jun met with his Russian counterpart in Qatar"
    assert "Zhai Jun" in EVENT.search_text(analysis, v) and "meet" in EVENT.search_text(analysis, v)


def test_words_round_trip_and_are_checked(run):
    from tui.analysis import Analysis
    from tui.validation import ContractError, check

    _, analysis = run("Zhai Jun landed in Qatar on Thursday.", "2023-10-20")
    d = analysis.to_dict()
    assert check(d).events == analysis.events
    d["events"][0].pop("words")
    assert Analysis.from_dict(d).events[0].words == ()  # an entry from before the field
    for bad in ({"role": "subject"}, {"start": 0, "end": 8, "text": "Zhai Jun"}):
        d = analysis.to_dict()
        d["events"][0]["words"][1].update(bad)  # an unknown role; a part before the one ahead of it
        with pytest.raises(ContractError):
            check(d)

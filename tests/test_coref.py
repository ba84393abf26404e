"""Coreference (issue 9): pronouns and descriptions join their entity, on invented sentences.

Each case names the exact offsets and the exact entity; the contract keeps a mention's
kind through JSON and the validator; the entity row counts names only; the explorer
lights a pronoun more lightly than a name.
"""

from __future__ import annotations

import json
import re

import pytest
from conftest import at, entity_id

from tui.analysis import Analysis, Article, Entity, Mention, ModelInfo
from tui.kinds import fact_spans, kind
from tui.validation import ContractError, check


def refs(analysis: Analysis, name: str) -> list[tuple[int, int, str, str]]:
    """(start, end, text, kind) of the entity's pronoun and description mentions."""
    e = next(e for e in analysis.entities if e.name == name)
    return [(m.start, m.end, m.text, m.kind) for m in e.mentions if m.kind != "name"]


def word(text: str, w: str) -> tuple[int, int]:
    """The offsets of the first whole word `w` ("he", not the "he" in "the")."""
    m = re.search(rf"\b{re.escape(w)}\b", text)
    assert m, w
    return m.span()


def owner(analysis: Analysis, start: int, end: int) -> str | None:
    """The id of the entity that has a mention at exactly (start, end)."""
    for e in analysis.entities:
        if any((m.start, m.end) == (start, end) for m in e.mentions):
            return e.id
    return None


# --- linking ------------------------------------------------------------------------------------


def test_he_and_she_agree_with_two_people_of_different_gender(analyse_text):
    text = "Mr. Daniel Okoro met Mrs. Ana Lindqvist in Oslo on Monday. She thanked him for the visit, and he promised to return."
    a = analyse_text(text)
    okoro, lindqvist = entity_id(a, "Daniel Okoro"), entity_id(a, "Ana Lindqvist")
    assert owner(a, *at(text, "She")) == lindqvist
    assert owner(a, *at(text, "him")) == okoro
    assert owner(a, *word(text, "he")) == okoro
    assert refs(a, "Ana Lindqvist") == [(*at(text, "She"), "She", "pronoun")]
    assert [r[2] for r in refs(a, "Daniel Okoro")] == ["him", "he"]


def test_they_and_the_company_are_the_organisation(analyse_text):
    text = "Nordvik Shipping said on Tuesday that they would cut 300 jobs. The company blamed fuel prices."
    a = analyse_text(text)
    assert refs(a, "Nordvik Shipping") == [
        (*at(text, "they"), "they", "pronoun"),
        (*at(text, "The company"), "The company", "description"),
    ]


def test_the_45_year_old_is_the_person_just_named(analyse_text):
    text = "Police arrested Tomas Berg on Friday. The 45-year-old was charged with fraud."
    a = analyse_text(text)
    assert refs(a, "Tomas Berg") == [(*at(text, "The 45-year-old"), "The 45-year-old", "description")]


def test_a_pronoun_after_a_change_of_topic_stays_unlinked(analyse_text):
    text = (
        "Daniel Okoro opened the new bridge in Tromsø on Monday.\n\n"
        "Heavy rain is expected across the north this week. Farmers have moved their sheep to lower fields. "
        "The roads to the coast are closed.\n\nHe said the bridge would carry 4,000 cars a day."
    )
    a = analyse_text(text)
    assert owner(a, *word(text, "He")) is None
    assert refs(a, "Daniel Okoro") == []


def test_a_pronoun_speaker_resolves_through_the_chain(analyse_text):
    text = "Mrs. Ana Lindqvist met Mr. Daniel Okoro in Oslo. She said the talks had gone well."
    a = analyse_text(text)
    q = next(q for q in a.quotes if q.speaker is not None and q.speaker.text == "She")
    assert q.speaker.entity == entity_id(a, "Ana Lindqvist")


# --- the contract -------------------------------------------------------------------------------


def small_analysis() -> Analysis:
    text = "Ana Lindqvist arrived. She spoke. Lindqvist left."
    mentions = (
        Mention(*at(text, "Ana Lindqvist"), "Ana Lindqvist"),
        Mention(*at(text, "She"), "She", "pronoun"),
        Mention(*at(text, "Lindqvist", 5), "Lindqvist"),
    )
    return Analysis(Article("t.txt", text), ModelInfo("m", "1"), (Entity("E1", "Ana Lindqvist", "PERSON", 1.0, mentions),))


def test_kind_round_trips_through_json_and_the_validator():
    a = small_analysis()
    d = json.loads(json.dumps(a.to_dict()))
    assert [m["kind"] for m in d["entities"][0]["mentions"]] == ["name", "pronoun", "name"]
    assert Analysis.from_dict(d) == a
    assert check(d) == a


def test_an_old_entry_without_kind_reads_as_names():
    d = small_analysis().to_dict()
    for m in d["entities"][0]["mentions"]:
        del m["kind"]
    back = check(d)
    assert [m.kind for m in back.entities[0].mentions] == ["name", "name", "name"]


def test_the_validator_refuses_an_unknown_kind():
    d = small_analysis().to_dict()
    d["entities"][0]["mentions"][1]["kind"] = "alias"
    with pytest.raises(ContractError, match="kind"):
        check(d)


def test_the_entity_row_counts_names_only_and_lights_the_pronoun_as_a_reference():
    a = small_analysis()
    e = a.entities[0]
    assert kind("entity").label_text(a, e).split()[-1] == "2"  # two names; "She" is not counted
    assert "2 mentions" in kind("entity").markdown(a, e, False)
    assert fact_spans(e) == [(0, 13, "mention"), (23, 26, "reference"), (34, 43, "mention")]


# --- the screen ---------------------------------------------------------------------------------


def _distance(a, b) -> int:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True))


async def test_a_pronoun_is_lit_more_lightly_than_a_name():
    from tui.app import WirelensApp

    a = small_analysis()
    app = WirelensApp([a.article], analyses={a.article.path: a})
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        await pilot.press("slash", *"ana", "enter")
        await pilot.pause()
        assert app.selected_fact == a.entities[0]
        view = app.article_view
        assert view.spans == [(0, 13, "mention"), (23, 26, "reference"), (34, 43, "mention")]
        segments = [seg for y in range(view.line_of(0), view.line_of(43) + 1) for seg in view.render_line(y)]
        style = {seg.text: seg.style for seg in segments if seg.text.strip()}
        plain = view.rich_style.bgcolor.get_truecolor()
        name_bg = style["Lindqvist"].bgcolor.get_truecolor()
        she_bg = style["She"].bgcolor.get_truecolor()
        assert she_bg != plain and she_bg != name_bg
        assert _distance(she_bg, plain) < _distance(name_bg, plain)  # lighter: nearer the page


def test_i_inside_quote_marks_is_the_speaker_outside_them(analyse_text):
    text = '"I will appeal the ruling," Maria Lopez said on Monday. Her lawyer, Tomas Berg, agreed.'
    a = analyse_text(text)
    assert refs(a, "Maria Lopez")[0] == (0 + 1, 2, "I", "pronoun")
    assert refs(a, "Tomas Berg") == [(*at(text, "lawyer"), "lawyer", "description")]  # not "I"


def test_i_in_answers_and_you_in_questions_are_the_one_interviewed(analyse_text):
    text = (
        "Maria Lopez talks to the Courier\n\n"
        "Maria Lopez has run the Oslo harbour for ten years. Lopez spoke to us on Monday.\n\n"
        "What made you take the job?\n\n"
        "I grew up by the sea.\n\n"
        "My father was a fisherman.\n\n"
        "Will the harbour grow?\n\n"
        "I hope so."
    )
    a = analyse_text(text)
    lopez = entity_id(a, "Maria Lopez")
    assert owner(a, *word(text, "you")) == lopez
    assert owner(a, *at(text, "I grew")[0:1], at(text, "I grew")[0] + 1) == lopez
    assert owner(a, *word(text, "My")) == lopez  # an answer runs on over paragraphs
    assert owner(a, *at(text, "I hope")[0:1], at(text, "I hope")[0] + 1) == lopez
    assert owner(a, *word(text, "us")) is None  # "us" is the paper, before any question


def test_a_pronoun_is_named_by_its_entity_and_a_description_keeps_its_words():
    from tui.analysis import Span
    from tui.naming import span_name

    text = "Nordvik Shipping cut jobs. The company said it had no choice."
    mentions = (
        Mention(*at(text, "Nordvik Shipping"), "Nordvik Shipping"),
        Mention(*at(text, "The company"), "The company", "description"),
        Mention(*word(text, "it"), "it", "pronoun"),
    )
    a = Analysis(Article("t.txt", text), ModelInfo("m", "1"), (Entity("E1", "Nordvik Shipping", "ORG", 1.0, mentions),))
    assert span_name(a, Span(*word(text, "it"), "it", "E1")) == "Nordvik Shipping"
    assert span_name(a, Span(*at(text, "The company"), "The company", "E1")) == 'Nordvik Shipping ("The company")'

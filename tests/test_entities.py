"""Canonical entities on the seed article and on small texts."""

from __future__ import annotations

import pytest


def by_name(analysis, name):
    [ent] = [e for e in analysis.entities if e.name == name]
    return ent


def test_zhai_jun_is_one_person_with_five_mentions(seed_analysis):
    zhai = by_name(seed_analysis, "Zhai Jun")
    assert zhai.label == "PERSON"
    assert [m.text for m in zhai.mentions] == ["Zhai Jun", "Zhai", "Zhai", "Zhai", "Zhai"]
    assert [m.start for m in zhai.mentions] == [415, 672, 1041, 2323, 2515]


@pytest.mark.parametrize("full,short", [("Antony Blinken", "Blinken"), ("Mikhail Bogdanov", "Bogdanov")])
def test_short_person_names_join(seed_analysis, full, short):
    ent = by_name(seed_analysis, full)
    assert ent.label == "PERSON"
    assert {m.text for m in ent.mentions} == {full, short}
    assert not [e for e in seed_analysis.entities if e.name == short]


def test_no_state_entity(seed_analysis):
    assert not [e for e in seed_analysis.entities if any(m.text == "State" for m in e.mentions)]


def test_security_council_is_one_org(seed_analysis):
    [sc] = [e for e in seed_analysis.entities if "Security Council" in e.name]
    assert sc.label == "ORG" and sc.name == "U.N. Security Council"
    assert [m.text for m in sc.mentions] == ["U.N. Security Council", "Security Council"]


def test_aliases_join(seed_analysis):
    us = by_name(seed_analysis, "United States")
    assert {m.text for m in us.mentions} == {"United States", "U.S."}
    me = by_name(seed_analysis, "Middle East")
    assert {m.text for m in me.mentions} == {"Middle East", "Mideast"}


def test_possessive_and_the_are_stripped(seed_analysis):
    gaza = by_name(seed_analysis, "Gaza Strip")
    text = seed_analysis.article.text
    strip = [m for m in gaza.mentions if m.text == "Gaza Strip"]
    assert len(strip) == 2
    possessive = strip[1]
    assert text[possessive.end] == "’"  # "the Gaza Strip’s" ends before the apostrophe
    assert text[possessive.start - 4 : possessive.start] == "the "


def test_every_mention_offset_is_exact(seed_analysis):
    text = seed_analysis.article.text
    for e in seed_analysis.entities:
        for m in e.mentions:
            assert text[m.start : m.end] == m.text


def test_values_are_kept_as_their_own_labels(seed_analysis):
    values = {(e.label, e.name) for e in seed_analysis.entities if not e.is_name}
    assert ("CARDINAL", "at least 1,400") in values
    assert ("CARDINAL", "2.3 million") in values
    assert ("DATE", "Oct. 7") in values
    names = [e for e in seed_analysis.entities if e.is_name]
    assert seed_analysis.entities[: len(names)] == tuple(names)  # names come first


def test_salience_orders_names(seed_analysis):
    names = [e for e in seed_analysis.entities if e.is_name]
    assert [e.salience for e in names] == sorted((e.salience for e in names), reverse=True)
    assert names[0].name == "Israel"
    assert [e.id for e in seed_analysis.entities] == [f"E{i}" for i in range(1, len(seed_analysis.entities) + 1)]


def test_ambiguous_short_name_stays_apart(analyse_text):
    an = analyse_text(
        "John Kennedy met Robert Kennedy in Boston on Monday. Later, Kennedy said the talks went well."
    )
    names = {e.name for e in an.entities if e.label == "PERSON"}
    assert {"John Kennedy", "Robert Kennedy"} <= names
    kennedys = [e for e in an.entities if any(m.text == "Kennedy" for m in e.mentions)]
    assert all(e.name not in ("John Kennedy", "Robert Kennedy") for e in kennedys)


def test_acronym_joins_its_full_name(analyse_text):
    an = analyse_text(
        "North Korea's Korean Central News Agency reported the launch on Friday. "
        "The test was a success, KCNA added."
    )
    [kcna] = [e for e in an.entities if "Korean Central News Agency" in e.name]
    assert {m.text for m in kcna.mentions} == {"Korean Central News Agency", "KCNA"}


def test_acronym_defined_in_parentheses(analyse_text):
    an = analyse_text(
        "Deputies of Movimento 5 Stelle (M5S) asked for a vote in Rome. The M5S party was clear about it."
    )
    [m5s] = [e for e in an.entities if e.name == "Movimento 5 Stelle"]
    assert [m.text for m in m5s.mentions] == ["Movimento 5 Stelle", "M5S", "M5S"]


def test_lone_titles_and_numbers_dropped(analyse_text):
    an = analyse_text("The President spoke to Prime Minister Rishi Sunak in London. 2020 was hard.")
    names = {e.name for e in an.entities if e.is_name}
    assert "President" not in names and "2020" not in names

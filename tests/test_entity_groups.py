"""Entity rules from issue 9's second round: which names group, and which are names at all."""

from __future__ import annotations


def _groups(rows):
    from tui.facts.entities import _group_by_key, _merge

    return {g.key: sorted(m[2] for m in g.mentions) for g in _merge(_group_by_key(rows))}


def test_a_body_the_model_always_names_so_is_no_given_name_of_a_nickname():
    """"The Jets Bard" is a fan's nickname; "the Jets", an organisation every time, is the team."""
    rows = [(0, 9, "Jets Bard", "PERSON"), (40, 44, "Jets", "ORG"), (80, 84, "Jets", "ORG")]
    assert _groups(rows) == {"jets bard": ["Jets Bard"], "jets": ["Jets", "Jets"]}
    rows = [(0, 9, "Jets Bard", "PERSON"), (40, 44, "Jets", "ORG"), (80, 84, "Jets", "PERSON")]
    assert _groups(rows) == {"jets bard": ["Jets", "Jets", "Jets Bard"]}  # once a person: the given name


def test_a_group_of_islands_goes_by_the_plural_of_its_first_word():
    """"The Kermadecs" are the Kermadec Islands; "Air Kermadecs" stays the airline."""
    from tui.facts.entities import _defined_acronyms, _group_by_key, _merge

    text = "Boats reach the Kermadec Islands in May. The Kermadecs have no hotel. Air Kermadecs flies there."
    rows = [(16, 31, "Kermadec Islands", "LOC"), (44, 53, "Kermadecs", "PERSON"), (69, 82, "Air Kermadecs", "ORG")]
    rows, aliases = _defined_acronyms(text, rows)
    groups = {g.key: sorted(m[2] for m in g.mentions) for g in _merge(_group_by_key(rows, aliases, text=text))}
    assert groups == {"kermadec islands": ["Kermadec Islands", "Kermadecs"], "air kermadecs": ["Air Kermadecs"]}


def test_saint_and_st_are_one_word():
    rows = [(0, 13, "Saint Columba", "PERSON"), (40, 51, "St. Columba", "PERSON"), (60, 64, "Iona", "GPE")]
    assert _groups(rows) == {"st columba": ["Saint Columba", "St. Columba"], "iona": ["Iona"]}

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

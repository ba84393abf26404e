"""Events a reader would list: each event's modality, and which ones are main.

Invented sentences; the rows name the event by a word of its trigger.
"""

from __future__ import annotations

import pytest

CASES = [
    # (sentence, trigger word, modality, main)
    ("Rebels seized the airport on Monday.", "seized", "asserted", True),
    ("The council may close the bridge.", "close", "hypothetical", False),
    ("If talks fail, troops would enter the city.", "enter", "hypothetical", False),
    ("The council will hold a vote next week.", "hold", "future", False),
    ("Officials plan to reopen the border.", "reopen", "future", False),
    ("The minister did not attend the summit.", "attend", "negated", False),
    ('"The president signed the decree," the agency said.', "signed", "reported", False),  # the quote's words
    ("The agency said the president signed the decree.", "signed", "reported", True),
    ("Floods hit the region, forcing 500 families out.", "hit", "asserted", True),
    ("Floods hit the region, forcing 500 families out.", "forcing", "asserted", False),
    ("The United States sent weapons to help Israel fight Hamas.", "sent", "asserted", True),
    ("The United States sent weapons to help Israel fight Hamas.", "help", "asserted", False),
    ("A Russian-drafted resolution failed to pass on Monday.", "failed", "asserted", True),
    ("Maxime Bernier was forced to resign in May.", "resign", "asserted", True),
    ("China and Russia share the same position on the issue.", "share", "asserted", False),
    ("The envoy reaffirmed the position of his government.", "reaffirmed", "asserted", False),
    ("After the army shelled the city, residents fled to the hills.", "shelled", "asserted", True),
    ("Three soldiers were reported killed in the attack.", "killed", "reported", True),
    ("The rebels agreed to disarm by June.", "disarm", "future", False),
    ("Syria and all refugees are covered by the ban.", "covered", "asserted", False),
    ("Israel has retaliated with air strikes.", "retaliated", "asserted", True),
]


def test_passive_participle_after_a_noun_is_an_event_with_its_agent(run):
    text, analysis = run("The truce brokered by Egypt collapsed on Monday.", "2023-10-20")
    v = _event(analysis, "brokered")
    assert v.agent.text == "Egypt" and (v.agent.start, v.agent.end) == (text.index("Egypt"), text.index("Egypt") + 5)
    assert v.patient.text == "The truce"


def test_reported_killed_has_a_patient_not_an_agent(run):
    _, analysis = run("Three soldiers were reported killed in the attack.", "2023-10-20")
    v = _event(analysis, "killed")
    assert v.agent is None and v.patient.text == "Three soldiers"


def test_participle_takes_the_main_clause_agent(run):
    _, analysis = run("Floods hit the valley, forcing 500 families out.", "2023-10-20")
    v = _event(analysis, "forcing")
    assert v.agent.text == "Floods" and v.patient.text == "500 families"


def _event(analysis, word):
    hits = [v for v in analysis.events if word in v.text.split()]
    assert hits, f"no event {word!r} in {[v.text for v in analysis.events]}"
    return hits[0]


@pytest.mark.parametrize(("sentence", "word", "modality", "main"), CASES)
def test_modality_and_main(run, sentence, word, modality, main):
    _, analysis = run(sentence, "2023-10-20")
    v = _event(analysis, word)
    assert (v.modality, v.main) == (modality, main), v
    assert v.negated == (modality == "negated")


def test_failure_verb_is_not_a_negation(run):
    _, analysis = run("A Russian-drafted resolution failed to pass on Monday.", "2023-10-20")
    v = _event(analysis, "failed")
    assert v.text == "failed to pass" and not v.negated


def test_headline_repeat_is_not_main_but_the_body_event_is(run):
    text = "Floods hit Lagos\n\nFloods hit Lagos on Monday, killing ten people.\n"
    _, analysis = run(text, "2023-10-20")
    hits = [v for v in analysis.events if v.text == "hit"]
    assert [(v.start, v.main) for v in hits] == [(7, False), (text.index("hit", 20), True)]


def test_modality_round_trips_through_the_contract(run):
    from tui.analysis import Analysis
    from tui.validation import check

    _, analysis = run("The council may close the bridge.", "2023-10-20")
    d = analysis.to_dict()
    assert d["events"][0]["modality"] == "hypothetical" and d["events"][0]["main"] is False
    again = check(d)
    assert again.events == analysis.events
    d["events"][0].pop("modality")
    d["events"][0].pop("main")
    old = Analysis.from_dict(d)  # an entry from before the field
    assert (old.events[0].modality, old.events[0].main) == ("asserted", True)

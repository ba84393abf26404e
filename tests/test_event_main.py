"""Which events a reader would list (main_events), and times that belong to their clause.

Invented sentences; each row names the event by a word of its trigger.
"""

from __future__ import annotations

import pytest

CASES = [
    # (text, trigger word, nth event with that word, main)
    ("Floods hit Lagos\n\nHeavy rain flooded the city of Lagos on Monday.\n", "hit", 0, False),  # the headline
    ("Floods hit Lagos\n\nHeavy rain flooded the city of Lagos on Monday.\n", "flooded", 0, True),
    ("Police arrested a teacher in Leeds on Monday. Later, police arrested the teacher again.", "arrested", 0, True),
    ("Police arrested a teacher in Leeds on Monday. Later, police arrested the teacher again.", "arrested", 1, False),
    ("Police arrested a teacher in Leeds. Police arrested a doctor in York.", "arrested", 1, True),  # another act
    ("Tom Green resigned after he sold the land. Green sold the land to a developer in May.", "sold", 0, False),
    ("Tom Green resigned after he sold the land. Green sold the land to a developer in May.", "sold", 1, True),
    ("Mohamed showed the clock he built to his teacher.", "built", 0, False),  # describes the clock
    ("Mohamed showed the clock he built to his teacher.", "showed", 0, True),
    ("Fishermen rescued sailors whose ship sank.", "sank", 0, True),
    ("The agency said the rules apply to all visitors.", "apply", 0, False),  # how things stand
    ("The minister asked officials how the files ended up on a bus.", "ended", 0, False),  # a question
    ("The pupils were required to wear uniforms.", "required", 0, False),
    ("Police arrested and questioned the driver.", "arrested", 0, True),
    ("Police arrested and questioned the driver.", "questioned", 0, False),  # the same breath
    ("The governor pleaded with the rebels to free the hostages.", "pleaded", 0, False),  # a saying
    ("Residents heard of the explosion on Monday.", "heard", 0, False),  # a perception
    ("The envoy left Doha after meeting with the emir.", "meeting", 0, True),
    ("It became known that the minister left secret papers at a friend's home.", "left", 0, True),
    ("The team had been denied visas until last week.", "denied", 0, True),  # refused a thing: an act
    ("The mayor said he was taking his family to Rome.", "taking", 0, False),  # a plan, reported
    ("Robots had to lift and stack boxes painted red.", "painted", 0, False),  # a description misread as a verb
]


@pytest.mark.parametrize(
    ("text", "word", "modality"),
    [
        ("The envoy visited Doha and told reporters that the army had withdrawn from the town.", "withdrawn", "reported"),
        ("The envoy said nothing and left the room.", "left", "asserted"),
    ],
)
def test_reported_through_a_joined_speech_verb(run, text, word, modality):
    _, analysis = run(text, "2023-10-20")
    assert _event(analysis, word).modality == modality


def _event(analysis, word, nth=0):
    hits = [v for v in analysis.events if word in v.text.split()]
    assert len(hits) > nth, f"no event {word!r} #{nth} in {[v.text for v in analysis.events]}"
    return hits[nth]


@pytest.mark.parametrize(("text", "word", "nth", "main"), CASES)
def test_main(run, text, word, nth, main):
    _, analysis = run(text, "2023-10-20")
    assert _event(analysis, word, nth).main is main


def test_a_capitalised_title_agent_is_the_person_named_before(run):
    text, analysis = run("Joe Biden landed in Israel on Wednesday. The President later met the prime minister.", "2023-10-20")
    v = _event(analysis, "met")
    biden = next(e for e in analysis.entities if e.name == "Joe Biden")
    assert (v.agent.start, v.agent.text, v.agent.entity) == (text.index("The President"), "The President", biden.id)


@pytest.mark.parametrize(
    ("text", "word", "time"),
    [
        ("News of the arrest last week has inspired a movement.", "inspired", None),  # the arrest's week
        ("The delay left them only two weeks to build the robot.", "left", None),  # how long, not when
        ("The hashtag was used a million times by Thursday night.", "used", ("by Thursday night", "2023-10-19")),
    ],
)
def test_times_that_are_not_the_events(run, text, word, time):
    _, analysis = run(text, "2023-10-20")
    v = _event(analysis, word)
    assert (None if v.time is None else (v.time.text, v.time.date)) == time


def test_a_deadline_is_no_agent(run):
    _, analysis = run("The hashtag was used a million times by Thursday night.", "2023-10-20")
    assert _event(analysis, "used").agent is None


def test_a_time_told_against_another_event_has_no_date(run):
    text, analysis = run("The girl was taken to hospital shortly before her death.", "2023-10-20")
    t = _event(analysis, "taken").time
    assert (t.start, t.text, t.date) == (text.index("shortly"), "shortly before her death", None)


@pytest.mark.parametrize(
    "text",
    [
        "Earlier studies found the same effect (Smith and Jones, 2013).",  # a citation
        "The survey uses the 2011 and 2017 censuses to count the villages.",  # which censuses
    ],
)
def test_a_year_that_is_not_when_it_happened(run, text):
    _, analysis = run(text, "2023-10-20")
    assert [v.time for v in analysis.events] == [None] * len(analysis.events)


def test_a_present_state_is_not_dated_by_its_objects_time(run):
    _, analysis = run("The tax depends on the decision of the city council on July 8.", "2023-10-20")
    assert _event(analysis, "depends").time is None  # the decision's day
    _, analysis = run("The council met on the eve of the vote on July 8.", "2023-10-20")
    assert _event(analysis, "met").time.date is not None  # a told act takes it


@pytest.mark.parametrize(
    ("text", "word", "time", "place"),
    [
        # the first time of the clause's own, not the last ("and again in 1876")
        ("The prize was awarded to her in 1874 and again in 1876.", "awarded", "in 1874", None),
        # "after 23 years" is how long, not when
        ("After 23 years at the company, she retired in 1994.", "retired", "in 1994", None),
        # a place keeps its "of" ("the Municipality of Bogliasco"); the verb's own phrase comes first
        ("The family moved from Frankfurt to Basel in 1733.", "moved", "in 1733", "Basel"),
        ("Fishing boats returned to the Bay of Bengal in May.", "returned", "in May", "the Bay of Bengal"),
    ],
)
def test_the_clause_time_and_place(run, text, word, time, place):
    _, analysis = run(text, "2023-10-20")
    v = _event(analysis, word)
    assert (v.time.text, v.place.text if v.place else None) == (time, place)

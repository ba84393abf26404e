"""Never a wrong date: invented sentences, each with its article date and the ISO date
(or null) its event must carry. Each row names the event by its trigger word.

A time belongs to the clause that holds it in the parse; relative dates count from the
article's date, never from another event's; ages and durations are not times.
"""

from __future__ import annotations

import pytest

D = "2023-10-20"  # a Friday

CASES = [
    # explicit days
    ("The ministry signed the deal on August 15, 2008.", D, "signed", "2008-08-15"),
    ("Rebels seized the town on 3 March 2021.", D, "seized", "2021-03-03"),
    ("The court fined the firm on 2019-06-30.", D, "fined", "2019-06-30"),
    ("Police arrested the suspect on Thursday, Oct. 19, 2023.", D, "arrested", "2023-10-19"),
    # weekdays and month-days from the article date
    ("Police arrested the suspect on Thursday.", D, "arrested", "2023-10-19"),
    ("Police arrested the suspect on Friday.", D, "arrested", "2023-10-20"),
    ("The council closed the bridge last Friday.", D, "closed", "2023-10-13"),
    ("Firefighters rescued two men on Oct. 7.", D, "rescued", "2023-10-07"),
    ("Firefighters rescued two men on December 24.", D, "rescued", "2022-12-24"),
    ("The president visited Lagos on Monday morning.", D, "visited", "2023-10-16"),
    # counted from the article date
    ("Protesters blocked the road yesterday.", D, "blocked", "2023-10-19"),
    ("Protesters blocked the road today.", D, "blocked", "2023-10-20"),
    ("The company fired its chief three days ago.", D, "fired", "2023-10-17"),
    ("The company fired its chief two weeks ago.", D, "fired", "2023-10-06"),
    ("The bank raised rates last month.", D, "raised", "2023-09"),
    ("The bank raised rates last month.", "2024-01-05", "raised", "2023-12"),
    # years and months, as precise as the text
    ("Engineers built the dam in 2005.", D, "built", "2005"),
    ("Engineers built the dam in March 2020.", D, "built", "2020-03"),
    ("The town elected a new mayor last March.", D, "elected", "2023-03"),
    ("The town elected a new mayor last March.", "2024-01-05", "elected", "2023-03"),
    ("The town elected a new mayor in March.", D, "elected", "2023-03"),
    ("The town elected a new mayor in November.", D, "elected", "2022-11"),
    ("Voters rejected the plan last year.", D, "rejected", "2022"),
    ("Voters rejected the plan earlier this year.", D, "rejected", "2023"),
    # no article date: only what the text spells out
    ("Police arrested the suspect on Thursday.", None, "arrested", None),
    ("Engineers built the dam in 2005.", None, "built", "2005"),
    ("The ministry signed the deal on August 15, 2008.", None, "signed", "2008-08-15"),
    # the future, the hypothetical: no past date
    ("The council will vote on Wednesday.", D, "vote", None),
    ("Officials plan to reopen the border on Monday.", D, "reopen", None),
    # ages and durations are not times
    ("Maria Lopez, 36, founded the charity.", D, "founded", None),
    ("The 45-year-old driver crashed the car.", D, "crashed", None),
    ("Workers occupied the plant for only two weeks.", D, "occupied", None),
    ("Troops held the city for three years.", D, "held", None),
    # relative to another event: no anchor in its own sentence stays null
    ("Police arrested the suspect on Monday. Two days later, a judge released him.", D, "released", None),
    ("Police arrested the suspect on Monday. The next day, a judge released him.", D, "released", None),
    ("Rebels captured the airport a week later.", D, "captured", None),
    ("Police arrested him on Monday and released him two days later.", D, "released", "2023-10-18"),
    # a time belongs to its own clause
    ("The council voted on Monday and the mayor resigned.", D, "resigned", None),
    ("The council voted on Monday and the mayor resigned.", D, "voted", "2023-10-16"),
    ("Police said on Tuesday that gunmen attacked the convoy.", D, "attacked", None),
    ("The man who attacked the guard on Sunday escaped.", D, "escaped", None),
    ("The man who attacked the guard on Sunday escaped.", D, "attacked", "2023-10-15"),
    ("On Friday, fishermen rescued 700 people and the navy saved 200 more.", D, "saved", "2023-10-20"),
    ("Police found the car that thieves stole on Sunday.", D, "found", None),
    ("After the army shelled the city on Oct. 9, residents fled.", D, "fled", None),
    ("Thomas Sam, 42, and his wife Manju Sam, 36, are undergoing trial.", D, "undergoing", None),
    ("Zhai spoke after meeting Bogdanov, a day after Putin held talks with Xi.", D, "held", None),
    ("Zhai was quoted saying after meeting Bogdanov in Doha, a day after Russian President Vladimir Putin "
     "held talks with Xi Jinping.", D, "held", None),
    # vague or unknown
    ("Farmers burned the crops recently.", D, "burned", None),
    ("Scientists discovered the virus in the 1990s.", D, "discovered", None),
    ("The rebels attacked the base at dawn.", D, "attacked", None),
]


@pytest.mark.parametrize(("sentence", "date", "trigger", "expected"), CASES)
def test_event_date(run, sentence, date, trigger, expected):
    _, analysis = run(sentence, date)
    hits = [v for v in analysis.events if trigger in v.text.split()]
    assert hits, f"no event {trigger!r} in {[v.text for v in analysis.events]}"
    got = hits[0].time.date if hits[0].time else None
    assert got == expected, f"{sentence!r}: {trigger} got {got!r} ({hits[0].time})"


def test_at_least_forty_rows():
    assert len(CASES) >= 40


@pytest.mark.parametrize(("sentence", "trigger", "time"), [
    ("The President later took action to allow the team in.", "took", "later"),
    ("Thailand recently cracked down on smuggling camps.", "cracked", "recently"),
    ("Thomas Sam, 42, and his wife Manju Sam, 36, are undergoing trial.", "undergoing", None),
])
def test_the_time_span_of_a_clause(run, sentence, trigger, time):
    _, analysis = run(sentence, D)
    [v] = [v for v in analysis.events if trigger in v.text.split()]
    assert (v.time.text if v.time else None) == time
    assert v.time is None or v.time.date is None  # no day to resolve: never a guessed one

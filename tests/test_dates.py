"""Date normalisation: each rule of issue 3 with a fixed article date, and the nulls."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.facts.dates import last_weekday, nearest_month_day, normalise

THU = "2023-10-19"  # a Thursday


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thursday", "2023-10-19"),  # the article's own weekday is that day
        ("on Thursday", "2023-10-19"),
        ("Monday", "2023-10-16"),
        ("on Friday", "2023-10-13"),  # never after the article date
        ("Wednesday night", "2023-10-18"),
        ("last Thursday", "2023-10-12"),  # "last Thursday" said on a Thursday
        ("Sun.", "2023-10-15"),
    ],
)
def test_weekday_is_last_such_day_on_or_before_article_date(text, expected):
    assert normalise(text, THU) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Oct. 7", "2023-10-07"),
        ("On Oct. 7", "2023-10-07"),
        ("October 19", "2023-10-19"),
        ("September 14", "2023-09-14"),
        ("14 September", "2023-09-14"),
        ("Oct. 20", "2022-10-20"),  # the day after the article: last year's
        ("Dec. 25", "2022-12-25"),
        ("Sept. 3rd", "2023-09-03"),
    ],
)
def test_month_day_is_nearest_not_after_article_date(text, expected):
    assert normalise(text, THU) == expected


def test_month_day_on_29_february_finds_a_leap_year():
    assert normalise("Feb. 29", "2023-10-19") == "2020-02-29"
    assert nearest_month_day(dt.date(2023, 1, 1), 2, 30) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("yesterday", "2023-10-18"),
        ("Yesterday", "2023-10-18"),
        ("a week ago", "2023-10-12"),
        ("A week ago", "2023-10-12"),
        ("two weeks ago", "2023-10-05"),
        ("3 days ago", "2023-10-16"),
        ("last month", "2023-09"),  # a month, so a month-precision ISO date
        ("today", "2023-10-19"),
    ],
)
def test_relative_to_article_date(text, expected):
    assert normalise(text, THU) == expected


def test_last_month_in_january_is_december():
    assert normalise("last month", "2024-01-05") == "2023-12"


@pytest.mark.parametrize(
    ("text", "previous", "expected"),
    [
        ("A week later", "2023-10-07", "2023-10-14"),
        ("a week later", "2023-10-07", "2023-10-14"),
        ("two days later", "2023-10-07", "2023-10-09"),
        ("the next day", "2023-10-07", "2023-10-08"),
        ("A week later", None, None),  # nothing dated before it: null, not a guess
        ("A week later", "2023-09", None),  # a month is no base for a day
    ],
)
def test_later_is_relative_to_previous_dated_event(text, previous, expected):
    assert normalise(text, THU, previous) == expected


@pytest.mark.parametrize(
    "text",
    [
        "last week",
        "recent days",
        "the past few days",
        "more than a decade",
        "a day",
        "tomorrow",
        "until last week",
        "this weekend",
        "",
    ],
)
def test_anything_else_is_null(text):
    assert normalise(text, THU) is None


@pytest.mark.parametrize(
    ("text", "base", "expected"),
    [
        ("1999", THU, "1999"),
        ("in 2014", None, "2014"),
        ("March 2020", None, "2020-03"),
        ("in March", "2023-10-19", "2023-03"),
        ("in October", "2023-10-19", "2023-10"),
        ("last October", "2023-10-19", "2022-10"),
        ("in November", "2023-10-19", "2022-11"),
        ("last March", "2024-01-05", "2023-03"),
        ("this year", "2023-10-19", "2023"),
        ("last year", "2023-10-19", "2022"),
        ("March", None, None),
        ("the 1990s", THU, None),
    ],
)
def test_years_and_months_are_as_precise_as_the_text(text, base, expected):
    assert normalise(text, base) == expected


def test_without_article_date_only_explicit_dates_resolve():
    assert normalise("Thursday", None) is None
    assert normalise("Oct. 7", None) is None
    assert normalise("yesterday", None) is None
    assert normalise("August 15, 2008", None) == "2008-08-15"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("August 15, 2008", "2008-08-15"),
        ("Friday, August 15, 2008", "2008-08-15"),
        ("2023-10-19", "2023-10-19"),
        ("15 Aug 2008", "2008-08-15"),
        ("the 15th of August, 2008", "2008-08-15"),
        ("Thursday, August 15, 2008", None),  # the weekday contradicts the date
        ("February 30, 2020", None),
    ],
)
def test_explicit_dates(text, expected):
    assert normalise(text, THU) == expected


def test_future_clause_never_gets_a_past_date():
    assert normalise("Wednesday", "2015-09-22", future=True) is None
    assert normalise("Wednesday", "2015-09-22") == "2015-09-16"


def test_bad_article_date_is_treated_as_unknown():
    assert normalise("Thursday", "not a date") is None


def test_last_weekday_helper():
    assert last_weekday(dt.date(2023, 10, 19), 3) == dt.date(2023, 10, 19)
    assert last_weekday(dt.date(2023, 10, 19), 4) == dt.date(2023, 10, 13)

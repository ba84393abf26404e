"""Time expressions as ISO dates, resolved against the article's own date.

The rules are deliberately few, because a wrong date is worse than none:

- an explicit day, month and year ("August 15, 2008", "2023-10-19") is that day;
- a weekday is the last such day on or before the article date;
- a month and day with no year is the nearest such date not after the article date;
- "yesterday", "today", "N days/weeks ago" count back from the article date, and
  "last month" is the month before it (reduced-precision ISO 8601, "YYYY-MM");
- "a week later", "two days later", "the next day" count on from another date of the
  same sentence (the caller passes it as `previous`); with no such anchor, None;
- a year ("in 2005") is that year, a month and year that month ("March 2020" ->
  "2020-03"); a bare month is the nearest such month not after the article's
  ("last March": strictly before it); "last year", "this year" likewise;
- anything else, and any of the above in a future-tense clause (`future=True`),
  stays None.

Pure functions of strings and `datetime.date`; dateparser is imported only for the
rare explicit date that the patterns here do not read.
"""

from __future__ import annotations

import datetime as dt
import re

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9,
    "sept": 9, "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11,
    "dec": 12, "december": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 0, "mon": 0, "tuesday": 1, "tue": 1, "tues": 1, "wednesday": 2, "wed": 2,
    "thursday": 3, "thu": 3, "thur": 3, "thurs": 3, "friday": 4, "fri": 4, "saturday": 5,
    "sat": 5, "sunday": 6, "sun": 6,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip
UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?P<weekday>(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?)"
_COUNT = r"(?P<count>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_UNIT = r"(?P<unit>day|week|fortnight)s?"
# Words around a time expression that do not change which day it is.
_FILLER = re.compile(
    r"^(?:(?:on|in|at|by|since|from|as of|early|late|earlier|last)\s+)+|"
    r"(?:\s+(?:morning|afternoon|evening|night|noon|midnight))$",
    re.I,
)

_MONTH_DAY_YEAR = re.compile(rf"^{_MONTH}\s+{_DAY},?\s+{_YEAR}$", re.I)
_DAY_MONTH_YEAR = re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}$", re.I)
_ISO = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})$")
_MONTH_DAY = re.compile(rf"^{_MONTH}\s+{_DAY}$", re.I)
_DAY_MONTH = re.compile(rf"^{_DAY}\s+(?:of\s+)?{_MONTH}$", re.I)
_WEEKDAY_ONLY = re.compile(rf"^{_WEEKDAY}\.?$", re.I)
_WEEKDAY_DATE = re.compile(rf"^{_WEEKDAY},?\s+(?P<rest>.+)$", re.I)
_YEAR_ONLY = re.compile(r"^(?:the\s+year\s+)?(?P<year>1[89]\d\d|20\d\d)$", re.I)
_MONTH_YEAR = re.compile(rf"^{_MONTH},?\s+(?:of\s+)?{_YEAR}$", re.I)
_MONTH_ONLY = re.compile(rf"^{_MONTH}$", re.I)
_AGO = re.compile(rf"^{_COUNT}\s+{_UNIT}\s+ago$", re.I)
_LATER = re.compile(rf"^(?:{_COUNT}\s+{_UNIT}\s+(?:later|after(?:wards?)?)|the\s+(?:next|following)\s+(?P<next>day|week))$", re.I)


def parse_iso(value: str | dt.date | None) -> dt.date | None:
    """An article date as a `date`; None for None or anything not YYYY-MM-DD."""
    if value is None or isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def normalise(
    text: str,
    article_date: str | dt.date | None,
    previous: str | dt.date | None = None,
    *,
    future: bool = False,
) -> str | None:
    """The ISO date `text` names, or None when the rules above cannot say for sure."""
    s = _core(text)
    if not s:
        return None
    base = parse_iso(article_date)
    explicit = _explicit(s)
    if explicit is not None:
        return explicit.isoformat()
    partial = _year_or_month(s)
    if partial is not None:
        return partial
    if future:  # "on Wednesday they will travel": the past-pointing rules would lie
        return None
    m = _LATER.match(s)
    if m:
        prev = parse_iso(previous)
        if prev is None:
            return None
        days = UNIT_DAYS[(m.group("next") or m.group("unit")).lower()] * _count(m.group("count") or "1")
        return (prev + dt.timedelta(days=days)).isoformat()
    if base is None:
        return None
    return _from_base(s, text, base)


def _from_base(s: str, text: str, base: dt.date) -> str | None:
    """The rules that count from the article's date `base`; `s` is the core of `text`."""
    low = s.lower()
    if low in ("today", "tonight"):
        return base.isoformat()
    if low in ("yesterday", "last night"):
        return (base - dt.timedelta(days=1)).isoformat()
    if low == "last month":
        first = base.replace(day=1) - dt.timedelta(days=1)
        return f"{first.year:04d}-{first.month:02d}"
    if low in ("this month", "earlier this month"):
        return f"{base.year:04d}-{base.month:02d}"
    if low in ("this year", "earlier this year"):
        return f"{base.year:04d}"
    if low == "last year":
        return f"{base.year - 1:04d}"
    m = _MONTH_ONLY.match(s)
    if m:  # "in March" is the last March up to this month; "last March" one before this month
        month = MONTHS[m.group("month").lower()]
        last = re.match(r"\W*(?:in\s+)?last\s", text, re.I) is not None
        year = base.year if month < base.month or (month == base.month and not last) else base.year - 1
        return f"{year:04d}-{month:02d}"
    m = _AGO.match(s)
    if m:
        days = UNIT_DAYS[m.group("unit").lower()] * _count(m.group("count"))
        return (base - dt.timedelta(days=days)).isoformat()
    m = _WEEKDAY_ONLY.match(s)
    if m:
        day = last_weekday(base, WEEKDAYS[_weekday_key(m.group("weekday"))])
        if day == base and re.match(r"\W*(?:on\s+)?last\s", text, re.I):  # "last Friday", said on a Friday
            day -= dt.timedelta(days=7)
        return day.isoformat()
    m = _MONTH_DAY.match(s) or _DAY_MONTH.match(s)
    if m:
        near = nearest_month_day(base, MONTHS[m.group("month").lower()], int(m.group("day")))
        return near.isoformat() if near else None
    m = _WEEKDAY_DATE.match(s)  # "Thursday, Oct. 19": the date decides, the weekday must agree
    if m:
        rest = normalise(m.group("rest"), base)
        if rest and len(rest) == 10 and dt.date.fromisoformat(rest).weekday() == WEEKDAYS[_weekday_key(m.group("weekday"))]:
            return rest
    return None


def _year_or_month(s: str) -> str | None:
    """A year or a month of a year the text spells out: as precise as it is, no more."""
    m = _YEAR_ONLY.match(s)
    if m:
        return m.group("year")
    m = _MONTH_YEAR.match(s)
    if m:
        return f"{int(m.group('year')):04d}-{MONTHS[m.group('month').lower()]:02d}"
    return None


def last_weekday(base: dt.date, weekday: int) -> dt.date:
    """The last `weekday` (Monday=0) on or before `base`."""
    return base - dt.timedelta(days=(base.weekday() - weekday) % 7)


def nearest_month_day(base: dt.date, month: int, day: int) -> dt.date | None:
    """The nearest `month`/`day` not after `base`; None for a day no month has."""
    for year in range(base.year, base.year - 8, -1):
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February in a common year, 31 April, …
        if candidate <= base:
            return candidate
    return None


def _core(text: str) -> str:
    """The expression without prepositions, "this"/"last" and times of day around it."""
    s = " ".join(text.replace("\u00a0", " ").split()).strip(" ,.;:()")
    if s.lower() in ("last night", "last month", "last year", "earlier this month", "earlier this year"):
        return s
    prev = None
    while prev != s:
        prev, s = s, _FILLER.sub("", s).strip(" ,")
    return s


def _explicit(s: str) -> dt.date | None:
    """A date that names its own day, month and year."""
    m = _ISO.match(s)
    if m:
        return _date(int(m.group("year")), int(m.group("month")), int(m.group("day")))
    m = _MONTH_DAY_YEAR.match(s) or _DAY_MONTH_YEAR.match(s)
    if m:
        return _date(int(m.group("year")), MONTHS[m.group("month").lower()], int(m.group("day")))
    m = _WEEKDAY_DATE.match(s)
    if m and re.search(r"\b\d{4}\b", m.group("rest")):
        d = _explicit(m.group("rest"))
        if d is not None and d.weekday() == WEEKDAYS[_weekday_key(m.group("weekday"))]:
            return d
        return None
    if re.search(r"\b\d{4}\b", s) and re.search(_MONTH, s, re.I) and re.search(r"\b\d{1,2}(?:st|nd|rd|th)?\b", s):
        return _dateparser_full(s)
    return None


def _dateparser_full(s: str) -> dt.date | None:
    """dateparser for the rarer spellings, accepted only when it found day, month and year."""
    try:
        import dateparser
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    settings = {"STRICT_PARSING": True, "REQUIRE_PARTS": ["day", "month", "year"], "PREFER_DAY_OF_MONTH": "first"}
    try:
        parsed = dateparser.parse(s.replace(".", ""), languages=["en"], settings=settings)
    except Exception:  # dateparser raises on some odd inputs; an unread date is None
        return None
    return parsed.date() if parsed else None


def _date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _count(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBERS[word]


def _weekday_key(word: str) -> str:
    w = word.lower().rstrip(".")
    if w in WEEKDAYS:
        return w
    for key in WEEKDAYS:
        if len(key) > 3 and (key.startswith(w) or w.startswith(key[:3])):
            return key
    return w[:3]

"""Title and publication date found in the article text itself."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = (
    r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
    r"Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_WEEKDAYS = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
# "Friday, August 21, 2015" or "August 21, 2015" alone on a line.
_FULL_DATELINE = re.compile(rf"^[ ]*(?:{_WEEKDAYS},?\s+)?({_MONTHS}\s+\d{{1,2}},?\s+\d{{4}})[ ]*$", re.M)
#: After a dateline's city and date: the agency and a dash or colon ("(Reuters) -"), or a
#: dash alone set off by spaces, as papers print their own ("PORTSMOUTH, March 2 — "). The
#: group `agency` is the agency's name.
_DATELINE_END = r"(?:\s*\((?P<agency>[A-Za-z .&]{2,30})\)\s*[-–—:]|\s+[–—]|\s+-\s)"
# "BEIJING, Oct 19 (Reuters) -" : a wire dateline, with or without a year, or "Lisbon, 2024-02-01 —".
_WIRE_DATELINE = re.compile(
    rf"^[ ]*[A-Z][A-Za-z .'-]{{1,40}},\s+({_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}){_DATELINE_END}",
    re.M,
)
#: A dateline opening a paragraph: "BEIJING (Reuters) :", "LONDON, March 3 (Reuters) -",
#: "WASHINGTON — ". Group 1 is the city, in capitals. It is not part of the first sentence.
DATELINE = re.compile(rf"([A-Z][A-Z.'\- ]{{1,40}}[A-Z.])(?:,[^()\n–—]{{0,40}}?)?{_DATELINE_END}\s*")
_MAX_TITLE = 200
_HEAD = 600  # datelines live at the top of the article


def find_title(text: str) -> str | None:
    """The first line, when it is short and followed by a blank line."""
    first, sep, rest = text.lstrip("\n").partition("\n")
    first = first.strip()
    if not first or len(first) > _MAX_TITLE or not sep:
        return None
    if rest.startswith("\n") or rest.lstrip(" ").startswith("\n"):
        return first
    return None


def find_dateline_date(text: str, today: dt.date | None = None) -> str | None:
    """ISO date from a dateline near the top; a wire dateline with no year takes the latest past one."""
    head = text[:_HEAD]
    m = _FULL_DATELINE.search(head)
    if m:
        return _parse(m.group(1))
    m = _WIRE_DATELINE.search(head)
    if m:
        return _parse(m.group(1), today=today)
    return None


def normalise_date(value: str) -> str:
    """Validate a user's --date; raises ValueError with a readable message."""
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise ValueError(f"invalid date {value!r}: expected YYYY-MM-DD") from None


_MONTH_NUMBERS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_MONTH_DAY_YEAR = re.compile(r"([A-Za-z]+)\.?\s+(\d{1,2})(?:,?\s+(\d{4}))?\s*$")


def _parse(s: str, today: dt.date | None = None) -> str | None:
    """"August 21, 2015", "Oct. 19": read here, without dateparser (whose import and first call
    cost ~0.4 s, paid before a folder's first article could be shown); anything else goes to it."""
    today = today or dt.date.today()
    try:  # "Lisbon, 2024-02-01 —"
        return dt.date.fromisoformat(s.strip()).isoformat()
    except ValueError:
        pass
    m = _MONTH_DAY_YEAR.match(s.strip())
    month = _MONTH_NUMBERS.get(m.group(1)[:3].lower()) if m else None
    if m and month:
        day = int(m.group(2))
        try:
            if m.group(3):
                return dt.date(int(m.group(3)), month, day).isoformat()
            for year in (today.year, today.year - 1, today.year - 2, today.year - 3, today.year - 4):
                try:
                    found = dt.date(year, month, day)  # the latest past one (Feb 29: a leap year)
                except ValueError:
                    continue
                if found <= today:
                    return found.isoformat()
            return None
        except ValueError:  # "February 30, 2015"
            return None
    return _dateparser(s, today)


def _dateparser(s: str, today: dt.date) -> str | None:
    import dateparser

    base = dt.datetime.combine(today, dt.time())
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "REQUIRE_PARTS": ["day", "month"]}
    parsed = dateparser.parse(s.replace(".", ""), languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None

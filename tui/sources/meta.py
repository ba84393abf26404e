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
# "BEIJING, Oct 19 (Reuters) -" : a wire dateline, with or without a year.
_WIRE_DATELINE = re.compile(
    rf"^[ ]*[A-Z][A-Za-z .'-]{{1,40}},\s+({_MONTHS}\s+\d{{1,2}}(?:,?\s+\d{{4}})?)\s*\((?:[A-Za-z .]+)\)\s*[-–—:]",
    re.M,
)
#: A wire dateline opening a paragraph: "BEIJING (Reuters) :", "LONDON, March 3 (Reuters) -".
#: Group 1 is the city. It is not part of the first sentence.
DATELINE = re.compile(r"([A-Z][A-Z.'\- ]{1,40}[A-Z.])(?:,[^()\n]{0,40})?\s*\([A-Za-z .&]{2,30}\)\s*[-–—:]\s*")
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


def _parse(s: str, today: dt.date | None = None) -> str | None:
    import dateparser

    base = dt.datetime.combine(today or dt.date.today(), dt.time())
    settings = {"PREFER_DATES_FROM": "past", "RELATIVE_BASE": base, "REQUIRE_PARTS": ["day", "month"]}
    parsed = dateparser.parse(s.replace(".", ""), languages=["en"], settings=settings)
    return parsed.date().isoformat() if parsed else None

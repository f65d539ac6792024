"""Date expressions read against a publication date.

``fast_date`` is a fast path for the date expressions news text uses most
("Tuesday", "March", "Feb. 18", "17 September", "December 2024", "last month",
"yesterday"): it gives what ``dateparser`` (``PREFER_DATES_FROM: past``, English)
gives for the same text and base date, at a fraction of the cost; anything else
goes to dateparser. ``tests/test_events_dates.py`` checks the two agree.
``resolve_date`` reads one expression against the publication date; ``dates``
finds the expression that dates an event.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

from entente.records import EventDate

WEEKDAYS = {
    d: i
    for i, d in enumerate(
        ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    )
}
MONTH_NAMES = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = r"([a-z]+)\.?"
MONTH_DAY = re.compile(rf"^{_MONTH}\s+(\d{{1,2}})$")
DAY_MONTH = re.compile(rf"^(\d{{1,2}})\s+{_MONTH}$")
MONTH_YEAR = re.compile(rf"^{_MONTH},?\s+(1[0-9]{{3}}|20[0-9]{{2}})$")
SHIFT = {"today": 0, "yesterday": -1, "tomorrow": 1}
# Several days of one month ("February 16-17", "January 4 and 19", "17-23 March"):
# the first day dates the event; dateparser reads the second number as a year
# (1917, 1919, 1923: the earliest "dates" of the 2017 store, issue 13).
DAYS_THEN_MONTH = re.compile(
    rf"^(\d{{1,2}})\s*(?:-|–|and|to|&)\s*\d{{1,2}}\s+{_MONTH}(,?\s+\d{{4}})?$", re.I
)
MONTH_THEN_DAYS = re.compile(
    rf"^{_MONTH}\s+(\d{{1,2}})\s*(?:-|–|and|to|&)\s*\d{{1,2}}(,?\s+\d{{4}})?$", re.I
)


def _add_months(base: datetime, months: int) -> datetime | None:
    total = base.year * 12 + base.month - 1 + months
    year, month = divmod(total, 12)
    try:
        return base.replace(year=year, month=month + 1)
    except ValueError:  # 31 March - 1 month: leave the clipping to dateparser
        return None


def _safe(base: datetime, **parts: int) -> datetime | None:
    try:
        return base.replace(**parts)
    except ValueError:
        return None


def _nearest_day(base: datetime, month: int, day: int, forward: bool) -> datetime | None:
    """The day of that month and day nearest ``base`` on its side: the latest not
    after it, or with ``forward`` the earliest not before it."""
    when = _safe(base, month=month, day=day)
    if when is not None and not forward and when > base:
        when = _safe(when, year=base.year - 1)
    if when is not None and forward and when < base:
        when = _safe(when, year=base.year + 1)
    return when


def fast_date(text: str, base: datetime, forward: bool = False) -> tuple[datetime, str] | None:
    """(date, period) for a common expression relative to ``base``, or None.

    A weekday, a month or a day of a month is the nearest one not after ``base``
    (``forward``: not before it). The weekday of ``base`` itself is ``base``:
    "said on Tuesday" in a Tuesday paper is that day (dateparser puts it a week
    back, which put 41% of the weekday-dated events of the 2017 corpus exactly
    seven days early; issue 13)."""
    t = " ".join(text.lower().split())
    if t in WEEKDAYS:
        if forward:
            return base + timedelta(days=(WEEKDAYS[t] - base.weekday()) % 7), "day"
        return base - timedelta(days=(base.weekday() - WEEKDAYS[t]) % 7), "day"
    if t in SHIFT:
        return base + timedelta(days=SHIFT[t]), "day"
    if t in MONTH_NAMES and len(t) > 3:
        month = MONTH_NAMES[t]
        if forward:
            year = base.year if month >= base.month else base.year + 1
        else:
            year = base.year if month <= base.month else base.year - 1
        when = _safe(base, year=year, month=month)
        return (when, "month") if when is not None else None
    words = t.split(" ")
    if len(words) == 2 and words[0] in ("this", "last", "next"):
        step = {"this": 0, "last": -1, "next": 1}[words[0]]
        if words[1] == "week":
            return base + timedelta(days=7 * step), "week"
        if words[1] == "month":
            when = _add_months(base, step)
            return (when, "month") if when is not None else None
        if words[1] == "year":
            when = _safe(base, year=base.year + step)
            return (when, "year") if when is not None else None
        return None
    found = MONTH_DAY.match(t)
    if found and found[1] in MONTH_NAMES:
        when = _nearest_day(base, MONTH_NAMES[found[1]], int(found[2]), forward)
        return (when, "day") if when is not None else None
    found = DAY_MONTH.match(t)
    if found and found[2] in MONTH_NAMES:
        when = _nearest_day(base, MONTH_NAMES[found[2]], int(found[1]), forward)
        return (when, "day") if when is not None else None
    found = MONTH_YEAR.match(t)
    if found and found[1] in MONTH_NAMES:
        when = _safe(base, year=int(found[2]), month=MONTH_NAMES[found[1]])
        return (when, "month") if when is not None else None
    return None


# --- an event's date ---------------------------------------------------------------------

DURATION = re.compile(
    r"\b(years?|months?|weeks?|days?|decades?|centuries|century|hours?|minutes?)\b(?!.*\bago\b)",
    re.I,
)
ABSOLUTE = re.compile(
    r"\b(1[0-9]{3}|20[0-9]{2})\b|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec", re.I
)
LEADING = re.compile(r"^(?:(?:in|on|by|since|the|late|early|mid|earlier|later|of)\b[\s-]*)+", re.I)
YEAR_ONLY = re.compile(r"^(1[0-9]{3}|20[0-9]{2})$")
DECADE = re.compile(r"\d0s\b|\bcentur", re.I)


# A word that makes an expression a date: without one (and without a year or a
# numeric date), dateparser reads any digits as a date ("4 3 2 1" -> 4321).
DATE_WORDS = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b"
    r"|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b"
    r"|\b(?:today|tonight|yesterday|tomorrow|ago|week|weekend|month|year|spring|summer"
    r"|autumn|fall|winter|quarter|decade)s?\b"
    r"|\b\d{4}-\d{1,2}(?:-\d{1,2})?\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b",
    re.I,
)
# Words before a bare number that make it a year: prepositions of time and
# the nouns of a date frame ("in 2015", "since 1990", "the year 2000", "fiscal 2017").
YEAR_FRAME_WORDS = frozenset(
    {
        "in", "since", "by", "until", "till", "before", "after", "from", "during",
        "through", "between", "throughout", "of", "year", "fiscal", "early", "late",
        "mid", "end", "spring", "summer", "autumn", "fall", "winter", "circa",
    }
)  # fmt: skip
# How a year modifies the noun after it ("the 2022 invasion"); a number after its
# noun ("resolution 2254") names the thing.
YEAR_MODIFIER_DEPS = frozenset({"nummod", "compound", "amod", "npadvmod", "nmod"})
# The earliest year read from text that is not a framed date expression.
EARLIEST_PLAIN_YEAR = 1900


@lru_cache(maxsize=8)
def _date_parser(base: str | None, forward: bool = False):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "future" if forward else "past", "REQUIRE_PARTS": []}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None, forward: bool = False) -> EventDate | None:
    """A date expression resolved against the publication date (ISO ``YYYY-MM-DD``).

    ``forward`` (a future event) reads a weekday, month or day without a year as
    the next one from publication instead of the last. None for durations,
    decades and expressions with no date word, year or numeric date in them.
    """
    raw = text.strip()
    if DECADE.search(raw) or (
        DURATION.search(raw) and not re.search(r"\b(last|ago|this|next)\b", raw, re.I)
    ):
        return None
    clean = LEADING.sub("", raw).strip(" ,.")
    relative = re.match(r"^(last|this past|past)\s+(\w+)$", clean, re.I)
    if not clean:
        return None
    if YEAR_ONLY.match(clean):
        return EventDate(start=clean, precision="year", basis="text", text=raw)
    span = re.match(r"^(1[0-9]{3}|20[0-9]{2})\s*[-–]\s*(1[0-9]{3}|20[0-9]{2})$", clean)
    if span:
        return EventDate(start=span[1], end=span[2], precision="year", basis="text", text=raw)
    several = DAYS_THEN_MONTH.match(clean)
    if several and several[2].lower() in MONTH_NAMES:
        clean = f"{several[1]} {several[2]}{several[3] or ''}"
    several = MONTH_THEN_DAYS.match(clean)
    if several and several[1].lower() in MONTH_NAMES:
        clean = f"{several[1]} {several[2]}{several[3] or ''}"
    has_year = bool(re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", clean))
    if not has_year and not DATE_WORDS.search(clean):
        return None
    if not ABSOLUTE.search(clean) and not published:
        return None
    base = published if published and len(published) == 10 else None
    if not has_year and base is None:
        return None
    target = relative[2] if relative and relative[2][:3].lower() in _MONTHS else clean
    forward = forward and not relative
    fast = fast_date(target, datetime.fromisoformat(base), forward) if base else None
    if fast is not None:
        when, period = fast
    else:
        data = _date_parser(base, forward).get_date_data(target)
        if data.date_obj is None:
            return None
        when = data.date_obj
        period = data.period or "day"
    if relative and base and target is not clean and when.strftime("%Y-%m") >= base[:7]:
        when = when.replace(year=when.year - 1)
    if not has_year and base and abs(when.year - int(base[:4])) > 1:
        return None  # a year the text never wrote ("Feb. 32" -> 1932)
    if period == "week" and base:
        start, end = _week_span(when, datetime.fromisoformat(base), clean, forward)
        return EventDate(start=start, end=end, precision="day", basis="text", text=raw)
    if period == "year":
        return EventDate(start=f"{when.year:04d}", precision="year", basis="text", text=raw)
    if period == "month":
        return EventDate(start=when.strftime("%Y-%m"), precision="month", basis="text", text=raw)
    return EventDate(start=when.strftime("%Y-%m-%d"), precision="day", basis="text", text=raw)


def _week_span(when: datetime, base: datetime, text: str, forward: bool) -> tuple[str, str]:
    """The days a week expression covers: its Monday to its Sunday, never past the
    publication day for a week not read forward; in a Sunday paper "last week" runs
    on to the day before, since it still calls the days just gone "last week"
    (issue 13: "resigned last week" in a Sunday paper was the Thursday before; dated
    as the one day seven days back, 109 events of the 2017 store fell on a day
    nothing happened). A paper of any other day means the calendar week before."""
    monday = when - timedelta(days=when.weekday())
    end = monday + timedelta(days=6)
    if re.match(r"^last\b", text, re.I) and base.weekday() == 6:
        end = base - timedelta(days=1)
    elif not forward and monday <= base < end:
        end = base
    return monday.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}

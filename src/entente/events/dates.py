"""A fast path for the date expressions news text uses most ("Tuesday", "March",
"Feb. 18", "17 September", "December 2024", "last month", "yesterday").

It gives what ``dateparser`` (``PREFER_DATES_FROM: past``, English) gives for the
same text and base date, at a fraction of the cost; anything else returns None and
goes to dateparser. ``tests/test_events_dates.py`` checks the two agree.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

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


def _past_day(base: datetime, month: int, day: int) -> datetime | None:
    when = _safe(base, month=month, day=day)
    if when is not None and when > base:
        when = _safe(when, year=base.year - 1)
    return when


def fast_date(text: str, base: datetime) -> tuple[datetime, str] | None:
    """(date, period) for a common expression relative to ``base``, or None."""
    t = " ".join(text.lower().split())
    if t in WEEKDAYS:
        delta = (base.weekday() - WEEKDAYS[t]) % 7 or 7
        return base - timedelta(days=delta), "day"
    if t in SHIFT:
        return base + timedelta(days=SHIFT[t]), "day"
    if t in MONTH_NAMES and len(t) > 3:
        month = MONTH_NAMES[t]
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
        when = _past_day(base, MONTH_NAMES[found[1]], int(found[2]))
        return (when, "day") if when is not None else None
    found = DAY_MONTH.match(t)
    if found and found[2] in MONTH_NAMES:
        when = _past_day(base, MONTH_NAMES[found[2]], int(found[1]))
        return (when, "day") if when is not None else None
    found = MONTH_YEAR.match(t)
    if found and found[1] in MONTH_NAMES:
        when = _safe(base, year=int(found[2]), month=MONTH_NAMES[found[1]])
        return (when, "month") if when is not None else None
    return None

"""Dates: when an event happened.

``fast_date`` is a fast path for the date expressions news text uses most
("Tuesday", "March", "Feb. 18", "17 September", "December 2024", "last month",
"yesterday"): it gives what ``dateparser`` (``PREFER_DATES_FROM: past``, English)
gives for the same text and base date, at a fraction of the cost; anything else
goes to dateparser. ``tests/test_events_dates.py`` checks the two agree.
``resolve_date`` reads one expression against the publication date, and
``date_of`` finds the expression that dates an event.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from functools import lru_cache

from spacy.tokens import Span, Token

from entente.events.attributes import DocView, in_clause
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


@lru_cache(maxsize=8)
def _date_parser(base: str | None):
    from dateparser.date import DateDataParser

    settings = {"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": []}
    if base:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(base)
    return DateDataParser(languages=["en"], settings=settings)


@lru_cache(maxsize=4096)
def resolve_date(text: str, published: str | None) -> EventDate | None:
    """A date expression resolved against the publication date (ISO ``YYYY-MM-DD``)."""
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
    has_year = bool(re.search(r"\b(1[0-9]{3}|20[0-9]{2})\b", clean))
    if not has_year and not published:
        return None
    if not ABSOLUTE.search(clean) and not published:
        return None
    base = published if published and len(published) == 10 else None
    if not has_year and base is None:
        return None
    target = relative[2] if relative and relative[2][:3].lower() in _MONTHS else clean
    fast = fast_date(target, datetime.fromisoformat(base)) if base else None
    if fast is not None:
        when, period = fast
    else:
        data = _date_parser(base).get_date_data(target)
        if data.date_obj is None:
            return None
        when = data.date_obj
        period = data.period or "day"
    if relative and base and target is not clean and when.strftime("%Y-%m") >= base[:7]:
        when = when.replace(year=when.year - 1)
    if period == "year":
        return EventDate(start=f"{when.year:04d}", precision="year", basis="text", text=raw)
    if period == "month":
        return EventDate(start=when.strftime("%Y-%m"), precision="month", basis="text", text=raw)
    return EventDate(start=when.strftime("%Y-%m-%d"), precision="day", basis="text", text=raw)


_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}


def _attachment(ent: Span) -> Token:
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        return root.head.head
    return root.head


def date_of(
    pred: Token, trigger_head: Token, view: DocView, published: str | None, tense: str
) -> EventDate:
    """The event's own date: a DATE entity in the trigger's phrase or clause, else one
    attached to a clause above it; else the publication month (basis ``publication``)."""
    dates = view.ents_in(view.sentence(trigger_head), ("DATE",))
    if dates:
        inside, above = [], []
        ancestors = {t.i: d for d, t in enumerate(pred.ancestors)}
        for ent in dates:
            if in_clause(ent.root, pred) or in_clause(ent.root, trigger_head):
                inside.append(ent)
            else:
                at = _attachment(ent)
                if at.i in ancestors:
                    above.append((ancestors[at.i], ent))
        ordered = sorted(inside, key=lambda e: abs(e.start - trigger_head.i))
        ordered += [e for _, e in sorted(above, key=lambda p: p[0])]
        for ent in ordered:
            found = resolve_date(ent.text, published)
            if found is not None:
                return found
        for ent in ordered:
            return EventDate(start=None, basis="none", text=ent.text)
    if published and tense != "hypothetical":
        return EventDate(start=published[:7], precision="month", basis="publication")
    return EventDate(start=None, basis="none")

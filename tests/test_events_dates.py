"""The date fast path gives what dateparser gives for the same text and base."""

from __future__ import annotations

from datetime import datetime

import pytest

from entente.events.dates import _date_parser, fast_date, resolve_date

TEXTS = [
    "Tuesday", "sunday", "March", "December", "May", "Feb. 18", "Sept. 4", "March 27",
    "March 14", "17 September", "1 May", "December 2024", "Sept. 2021", "today",
    "Yesterday", "tomorrow", "this week", "last week", "this month", "last month",
    "next month", "this year", "last year", "Feb 29",
]  # fmt: skip
BASES = ["2025-03-14", "2024-12-31", "2024-02-29", "2024-03-31", "2023-01-01"]


@pytest.mark.parametrize("base", BASES)
def test_fast_path_agrees_with_dateparser(base):
    parser = _date_parser(base)
    when = datetime.fromisoformat(base)
    for text in TEXTS:
        fast = fast_date(text, when)
        if fast is None:
            continue
        data = parser.get_date_data(text)
        assert fast == (data.date_obj, data.period), text


def test_fast_path_leaves_the_rest_to_dateparser():
    base = datetime(2025, 3, 14)
    assert fast_date("last Friday", base) is None
    assert fast_date("two years ago", base) is None
    assert fast_date("Christmas", base) is None


def test_resolve_date_uses_fast_path():
    found = resolve_date("on Tuesday", "2025-03-14")
    assert found is not None and (found.start, found.precision) == ("2025-03-11", "day")
    found = resolve_date("last month", "2025-03-14")
    assert found is not None and (found.start, found.precision) == ("2025-02", "month")

"""iCalendar entries are honest about their dates and carry no control characters."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import icalendar
import pytest

import catimeline as ct


def _vevents(events: list[ct.Event]) -> tuple[icalendar.Calendar, dict[str, Any]]:
    calendar = icalendar.Calendar.from_ical(ct.Results(events, None).export("ics"))
    return calendar, {str(e["UID"]).split("@")[0]: e for e in calendar.walk("VEVENT")}


@pytest.mark.parametrize("date", ["../1991", "2024-07/..", "199X", "19XX"])
def test_ics_leaves_out_and_counts_dates_known_by_one_end_or_a_decade(date: str) -> None:
    """ "Before 1991", "from July 2024", a decade or a century make no calendar entry
    (never a confirmed one-day or ten-year one); the calendar counts them."""
    calendar, found = _vevents(
        [ct.Event("vague", date, "other", "Vague"), ct.Event("day", "2020-01-02", "other", "Day")]
    )
    assert list(found) == ["day"]
    assert str(calendar["X-CATIMELINE-LEFT-OUT"]) == "1"


def test_ics_removes_control_characters_from_every_property() -> None:
    """A lone CR, NUL, escape and other controls in the id, title, summary or place
    never reach the file; every content line is clean and the calendar parses."""
    nasty = "a\rb\x00c\x1bd\x7fe\x85f\u2028g"
    event = ct.Event(f"id{nasty}", "2022-05-01", f"kind{nasty}", f"Title{nasty}", summary=nasty)
    text = ct.Results([event], None).export("ics", title=f"Cal{nasty}")
    for line in text.split("\r\n"):
        assert not re.search(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]", line), repr(line)
    _calendar, found = _vevents([event])
    (entry,) = found.values()
    assert str(entry["SUMMARY"]) == "Titleabcdefg"
    assert str(entry["UID"]) == "idabcdefg@catimeline"


def test_ics_writes_the_first_and_last_days_of_the_calendar() -> None:
    """Events on 0001-01-01 and 9999-12-31 become entries (a DURATION where no day
    after exists) that icalendar reads back."""
    _calendar, found = _vevents(
        [
            ct.Event("first", "0001-01-01", "other", "First"),
            ct.Event("last", "9999-12-31", "other", "Last"),
        ]
    )
    assert found["first"].decoded("DTSTART") == dt.date(1, 1, 1)
    assert found["last"].decoded("DTSTART") == dt.date(9999, 12, 31)
    assert found["last"].decoded("DURATION") == dt.timedelta(days=1)

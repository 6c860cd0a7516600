"""When an event happens, written the Greek way.

«Σάββατο 5 Δεκεμβρίου 2026, 18:00–21:00», «18–20 Δεκεμβρίου 2026»,
«30 Νοεμβρίου – 2 Δεκεμβρίου 2026», «Σάββατο 5 Δεκεμβρίου 2026, 22:00 – Κυριακή 6 Δεκεμβρίου 2026, 02:00».
"""

from __future__ import annotations

from datetime import date, datetime

from babel.dates import format_date

from kiryx.greek import LOCALE, athens, greek_date, greek_time


def day_range(first: date, last: date) -> str:
    """A range of whole days, sharing month and year where they are the same."""
    if first == last:
        return greek_date(first, weekday=True)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{greek_date(last)}"
    if first.year == last.year:
        return f"{format_date(first, 'd MMMM', locale=LOCALE)} – {greek_date(last)}"
    return f"{greek_date(first)} – {greek_date(last)}"


def event_when(start: datetime, end: datetime | None = None, all_day: bool = False) -> str:
    """The whole span of an event, in Athens time."""
    start = athens(start)
    end = athens(end) if end else None
    if all_day:
        return day_range(start.date(), (end or start).date())
    opening = f"{greek_date(start, weekday=True)}, {greek_time(start)}"
    if not end or end == start:
        return opening
    if end.date() == start.date():
        return f"{opening}–{greek_time(end)}"
    return f"{opening} – {greek_date(end, weekday=True)}, {greek_time(end)}"

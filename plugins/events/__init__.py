"""Events: upcoming and past at build time, Greek date ranges, iCalendar files.

- `upcoming_events` (by their next date) and `past_events` (newest first) in every template's
  context; an event is upcoming until its end (all-day: the end of its last day; a series: its
  last date). Each event gets `occurrence` (the date lists show), `upcoming_dates` and
  `repeat_text` («Κάθε Σάββατο, 11:00–12:00, έως …») from its schedule (kiryx.content.recurrence).
- `<event url>event.ics` for each event; `/events/calendar.ics` (upcoming and the last 90
  days) and `/events/press-conferences.ics` to subscribe to.
- Jinja filter `event_when` («Σάββατο 5 Δεκεμβρίου 2026, 18:00–21:00»); their JSON-LD is in
  plugins/structured_data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator

from kiryx.build import build_of
from kiryx.clock import build_now
from kiryx.config import public_url
from kiryx.content.schema import RECENT
from kiryx.fingerprints import key as output_key
from kiryx.greek import event_when

from .calendar import calendar


def ends(event: Any) -> datetime:
    """The moment an event is over (a series: its last date)."""
    return event.schedule.ends()


def split_by_time(generator: ArticlesGenerator) -> None:
    """Upcoming and past events at this build's moment; each shows its next date (`occurrence`)."""
    now = build_now(generator.settings)
    events = [a for a in generator.articles if a.content_type == "events"]
    for event in events + [a for a in generator.hidden_articles if a.content_type == "events"]:
        event.occurrence = event.schedule.shown(now)
        event.upcoming_dates = event.schedule.upcoming(now)
        event.repeat_text = event.schedule.describe()
    generator.context["upcoming_events"] = sorted((e for e in events if ends(e) > now),
                                                  key=lambda e: (e.occurrence.start, e.source_rel))
    generator.context["past_events"] = sorted((e for e in events if ends(e) <= now),  # the last date first
                                              key=lambda e: (e.occurrence.start, e.source_rel), reverse=True)
    # Withdrawn events leave the lists but stay in the calendars, as cancelled, for subscribers.
    generator.context["withdrawn_events"] = [a for a in generator.hidden_articles if a.content_type == "events"]


def when_of(event: Any) -> str:
    """The date an event is listed with: its next one (a series), in Greek."""
    return event_when(event.occurrence.start, event.occurrence.end, event.all_day)


def add_filters(generator: Generator) -> None:
    generator.env.filters["event_when"] = when_of


class CalendarsGenerator(Generator):
    """Writes one .ics per event and the subscription calendars."""

    def generate_output(self, writer: Any) -> None:
        build = build_of(self.settings)
        config, site = build.config, public_url(self.settings)
        events = (self.context.get("upcoming_events", []) + self.context.get("past_events", [])
                  + self.context.get("withdrawn_events", []))

        def emit(rel: str, items: list[Any], name: str) -> None:
            key = output_key(*(build.prints.content(e) for e in items), name, site)  # with their text
            build.state.emit(rel, key, lambda: calendar(items, config, site, name))

        for event in events:
            emit(f"{event.url}event.ics", [event], event.title)
        current = [e for e in events if ends(e) > build.now - RECENT]
        town = config.municipality.name
        emit("events/calendar.ics", current, f"{town}: εκδηλώσεις")
        emit("events/press-conferences.ics", [e for e in current if e.press_conference],
             f"{town}: συνεντεύξεις Τύπου")


def get_generators(_pelican: Any) -> type[Generator]:
    return CalendarsGenerator


def register() -> None:
    signals.generator_init.connect(add_filters)
    signals.article_generator_finalized.connect(split_by_time)
    signals.get_generators.connect(get_generators)

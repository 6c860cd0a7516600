"""Events: upcoming and past at build time, Greek date ranges, iCalendar files.

- `upcoming_events` (by start) and `past_events` (newest first) in every template's context;
  an event is upcoming until its end (for all-day events, until the end of its last day).
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
from kiryx.content.schema import RECENT, event_ends
from kiryx.fingerprints import key as output_key
from kiryx.greek import event_when

from .calendar import calendar


def ends(event: Any) -> datetime:
    """The moment an event is over."""
    return event_ends(event.start, event.end, event.all_day)


def split_by_time(generator: ArticlesGenerator) -> None:
    now = build_now(generator.settings)
    events = [a for a in generator.articles if a.content_type == "events"]
    generator.context["upcoming_events"] = sorted((e for e in events if ends(e) > now), key=lambda e: e.start)
    generator.context["past_events"] = sorted((e for e in events if ends(e) <= now), key=lambda e: e.start,
                                              reverse=True)
    # Withdrawn events leave the lists but stay in the calendars, as cancelled, for subscribers.
    generator.context["withdrawn_events"] = [a for a in generator.hidden_articles if a.content_type == "events"]


def when_of(event: Any) -> str:
    return event_when(event.start, event.end, event.all_day)


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

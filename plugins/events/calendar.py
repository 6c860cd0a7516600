"""iCalendar (RFC 5545) for events: one file per event and subscription calendars.

UID: the source path at the site's domain, so it survives title corrections.
DTSTAMP and LAST-MODIFIED: the event's last content change, never the build time.
SEQUENCE: the minutes from the publication to the last change, so it grows with every change and
never goes down.
VTIMEZONE: the compact yearly rule that Outlook and Google emit; icalendar's generated one
lists each transition as an RDATE, which some parsers (vobject) misread as winter time all year.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from urllib.parse import urljoin

import lxml.html
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vCalAddress, vRecur, vText

from kiryx.config import KiryxConfig
from kiryx.content.markdown import plain_footnotes, shown_target
from kiryx.content.recurrence import DEFAULT_LENGTH
from kiryx.content.schema import headline
from kiryx.greek import athens


def athens_timezone() -> Timezone:
    """Europe/Athens under the EU rule: EEST from the last Sunday of March, EET from the last of October."""
    zone = Timezone()
    zone.add("tzid", "Europe/Athens")
    for part, name, start, offsets, month in (
        (TimezoneDaylight(), "EEST", datetime(1970, 3, 29, 3), (2, 3), 3),
        (TimezoneStandard(), "EET", datetime(1970, 10, 25, 4), (3, 2), 10),
    ):
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        zone.add_component(part)
    return zone


def uid(event: Any, config: KiryxConfig) -> str:
    return f"{event.source_rel.removesuffix('.md')}@{config.domain}"


def called_off(event: Any) -> bool:
    """Cancelled, or withdrawn: either way, calendars show it as cancelled."""
    return bool(event.cancelled or event.withdrawn)


def sequence(event: Any) -> int:
    """Grows with every change (RFC 5545: never goes down): the minutes from the publication to the last change
    (a `changes:` entry, a withdrawal, any edit in git: `history.last_modified`); 0 while it never changed. A count
    of `changes:` entries went down when one was written in place of others, and calendars kept the old time."""
    return max(0, int((event.modified - event.date).total_seconds() // 60))


def plain_text(html: str, site_url: str) -> str:
    """The body as plain text, paragraphs kept apart, each link's address after its words: «δήλωση συμμετοχής
    (https://…)» (a calendar shows no links, and the registration form was lost)."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    plain_footnotes(root)
    for link in root.iter("a"):
        href = link.get("href", "")
        target = shown_target(urljoin(f"{site_url}/", href))
        if href and not href.startswith(("#", "tel:")) and link.text_content().strip() not in (target, href):
            link.tail = f" ({target}){link.tail or ''}"
    blocks = [" ".join(el.text_content().split()) for el in root]
    return "\n\n".join(b for b in blocks if b) or " ".join(root.text_content().split())


def vevent(event: Any, config: KiryxConfig, site_url: str) -> Event:
    """One VEVENT with everything a calendar needs."""
    office = config.press_office
    item = Event()
    item.add("uid", uid(event, config))
    item.add("dtstamp", event.modified.astimezone(UTC))
    item.add("last-modified", event.modified.astimezone(UTC))
    item.add("sequence", sequence(event))
    item.add("summary", headline(event.title, bool(event.withdrawn), event.cancelled))  # for those that ignore STATUS
    if event.all_day:
        item.add("dtstart", event.start.date())
        item.add("dtend", (event.end or event.start).date() + timedelta(days=1))
    else:
        item.add("dtstart", event.start)
        item.add("dtend", event.end or event.start + DEFAULT_LENGTH)
    url = f"{site_url}/{event.url}"
    online = f"Ζωντανή μετάδοση: {event.online_url}" if event.online_url else ""
    text = "\n\n".join(p for p in (event.summary, plain_text(event.content, site_url), online, url) if p)
    item.add("description", text)
    if event.location:
        item.add("location", event.location)
    item.add("url", url)
    organizer = vCalAddress(f"mailto:{office.email}")
    organizer.params["cn"] = vText(f"{config.municipality.name}, {office.name}")
    item.add("organizer", organizer)
    item.add("status", "CANCELLED" if called_off(event) else "CONFIRMED")
    if event.press_conference:
        item.add("categories", ["Συνέντευξη Τύπου"])
    schedule = event.schedule
    if schedule.rule:
        item.add("rrule", _rule(schedule.rule, event.all_day))
    if schedule.also:
        item.add("rdate", [_moment(a, event.all_day) for a in schedule.also])
    # `except:` dates leave the series; a cancelled one stays in it, overridden as cancelled (cancelled_overrides):
    # in EXDATE too, the override had no date to stand for, and calendars dropped the date without a word
    left_out = [datetime.combine(d, schedule.start.timetz()) for d in schedule.skipped]
    if left_out:
        item.add("exdate", [_moment(d, event.all_day) for d in sorted(left_out)])
    return item


def _rule(rule: str, all_day: bool) -> vRecur:
    """The RRULE; for a whole-day series its UNTIL is the last day, a date like DTSTART (RFC 5545 3.3.10: an
    UNTIL moment against a DTSTART date is invalid, and some calendars refused or mis-ended the series)."""
    recur = vRecur.from_ical(rule)
    if all_day and isinstance(until := (recur.get("UNTIL") or [None])[0], datetime):
        recur["UNTIL"] = [athens(until).date()]
    return recur


def _moment(value: datetime, all_day: bool) -> datetime | date:
    return value.date() if all_day else value


def cancelled_overrides(event: Any, config: KiryxConfig, site_url: str) -> list[Event]:
    """For each cancelled date of a series, that occurrence as cancelled (RECURRENCE-ID), so that subscribed
    calendars show the cancellation rather than silently dropping the date."""
    found = []
    for occurrence in (o for o in event.schedule.dates() if o.cancelled):
        override = vevent(event, config, site_url)
        for name in ("rrule", "rdate", "exdate", "dtstart", "dtend", "status", "summary"):
            override.pop(name, None)
        override.add("recurrence-id", _moment(occurrence.start, event.all_day))
        override.add("dtstart", _moment(occurrence.start, event.all_day))
        end = occurrence.end or occurrence.start + DEFAULT_LENGTH
        override.add("dtend", (occurrence.end or occurrence.start).date() + timedelta(days=1) if event.all_day
                     else end)  # a day of a several-day series: all its days
        override.add("summary", headline(event.title, cancelled=True))
        override.add("status", "CANCELLED")
        found.append(override)
    return found


def calendar(events: list[Any], config: KiryxConfig, site_url: str, name: str) -> bytes:
    """A VCALENDAR with these events and the Europe/Athens VTIMEZONE."""
    cal = Calendar()
    cal.add("prodid", f"-//Kiryx//{config.municipality.name}//EL")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", vText(name))  # escaped as a text value (as X- property it would not be: «;» and «,»)
    cal.add("x-wr-timezone", "Europe/Athens")
    cal.add("refresh-interval", timedelta(hours=6), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT6H")
    if any(not e.all_day for e in events):
        cal.add_component(athens_timezone())
    for event in sorted(events, key=lambda e: (e.start, e.source_rel)):
        cal.add_component(vevent(event, config, site_url))
        for override in cancelled_overrides(event, config, site_url):
            cal.add_component(override)
    return cal.to_ical()

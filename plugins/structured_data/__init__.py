"""Structured data for search engines: schema.org JSON-LD in the pages' <head>.

- A press release is a `NewsArticle`: headline, description, publication and last-change dates
  with the Athens offset, its images (the 1200×630 sharing card, drawn from the title when there is no
  photo, and the photo's largest rendition),
  corrections, and the municipality as author and publisher (`GovernmentOrganization`, logo).
- An event is an `Event` whose `eventStatus` says when it was cancelled or withdrawn; its
  start stays the original one.
- The contact page (KIRYX['pages']['contact']) carries the press office as a
  `GovernmentOrganization`: address, telephone, e-mail, opening hours.

Templates write `{{ article|jsonld }}` or `{{ page|jsonld }}`; it is empty for anything else.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from kiryx import opening_hours
from kiryx.config import KiryxConfig, config_for, public_url
from kiryx.content.recurrence import Occurrence, Schedule
from kiryx.greek import iso

CONTEXT = "https://schema.org"


def municipality(config: KiryxConfig, site: str) -> dict[str, Any]:
    """The municipality as author and publisher."""
    town = config.municipality
    return {"@type": "GovernmentOrganization", "name": town.name, "url": town.website,
            "logo": {"@type": "ImageObject", "url": f"{site}/{town.logo_png}"}}


def press_office(config: KiryxConfig, site: str) -> dict[str, Any]:
    """The press office, with everything a journalist needs to reach it."""
    office = config.press_office
    return {
        "@context": CONTEXT, "@type": "GovernmentOrganization",
        "name": office.name,
        "url": f"{site}/{config.pages.contact}",
        "parentOrganization": municipality(config, site),
        "address": {"@type": "PostalAddress", "streetAddress": office.street_address,
                    "postalCode": office.postcode, "addressLocality": office.city, "addressCountry": "GR"},
        "telephone": office.phone_e164,
        "email": office.email,
        "openingHoursSpecification": opening_hours.schema_org(opening_hours.parse(office.hours)),
    }


def news_article(article: Any, config: KiryxConfig, site: str, image_set: Any) -> dict[str, Any]:
    town = municipality(config, site)
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "NewsArticle",
        "headline": article.title,
        "description": article.summary or article.title,
        "datePublished": iso(article.date),
        "dateModified": iso(article.modified or article.date),
        "author": town, "publisher": town,
        "mainEntityOfPage": {"@type": "WebPage", "@id": f"{site}/{article.url}"},
        "url": f"{site}/{article.url}",
        "inLanguage": article.lang,
    }
    data["image"] = [{"@type": "ImageObject", "url": f"{site}/{article.social_image}", "width": 1200, "height": 630}]
    if getattr(article, "image", None):  # the card is drawn from the title when there is no photo
        largest = image_set(article.image).fallback
        data["image"].append({"@type": "ImageObject", "url": f"{site}/{largest.url}", "width": largest.width,
                              "height": largest.height})
    if article.changes:
        data["correction"] = [{"@type": "CorrectionComment", "text": change["note"],
                               "datePublished": iso(change["date"])} for change in article.changes]
    return data


def event(article: Any, config: KiryxConfig, site: str) -> dict[str, Any]:
    moment = (lambda d: d.date().isoformat()) if article.all_day else iso
    places: list[dict[str, Any]] = []
    if article.location:
        places.append({"@type": "Place", "name": article.location, "address": article.location})
    if article.online_url:
        places.append({"@type": "VirtualLocation", "url": article.online_url})
    mode = "Mixed" if len(places) == 2 else "Online" if article.online_url else "Offline"
    cancelled = article.cancelled or article.withdrawn
    data: dict[str, Any] = {
        "@context": CONTEXT, "@type": "Event",
        "name": article.title,
        "description": article.summary,
        "startDate": moment(article.occurrence.start),  # a series: the date the page gives, not its first
        "eventStatus": f"{CONTEXT}/Event{'Cancelled' if cancelled else 'Scheduled'}",
        "eventAttendanceMode": f"{CONTEXT}/{mode}EventAttendanceMode",
        "location": places[0] if len(places) == 1 else places,
        "organizer": municipality(config, site),
        "url": f"{site}/{article.url}",
        "inLanguage": article.lang,
    }
    if article.end or article.all_day:  # a time without an end: no end is claimed (it was the start: no length)
        data["endDate"] = moment(article.occurrence.end or article.occurrence.start)
    data["image"] = f"{site}/{article.social_image}"  # with or without a photo: search engines show one
    if article.schedule.recurring:
        data["eventSchedule"] = event_schedule(article.schedule)
    return data


_PERIODS = {"DAILY": "D", "WEEKLY": "W", "MONTHLY": "M", "YEARLY": "Y"}
_DAY_NAMES = dict(zip(("MO", "TU", "WE", "TH", "FR", "SA", "SU"), ("Monday", "Tuesday", "Wednesday", "Thursday",
                                                                  "Friday", "Saturday", "Sunday"), strict=True))


def event_schedule(schedule: Schedule) -> dict[str, Any] | list[dict[str, Any]]:
    """schema.org Schedule of a series: its rule (how often, which days, from when to when, at what time, the dates
    it leaves out) and one Schedule for each date added with `also:` that takes place."""
    schedules = [_rule_schedule(schedule)] if schedule.rule else []
    for occurrence in (o for o in schedule.dates() if o.start in schedule.also and not o.cancelled):
        day = occurrence.start.date().isoformat()
        schedules.append({"@type": "Schedule", "startDate": day, "endDate": day, "repeatCount": 1,
                          **_times(schedule, occurrence), "scheduleTimezone": "Europe/Athens"})
    return schedules[0] if len(schedules) == 1 else schedules


def _rule_schedule(schedule: Schedule) -> dict[str, Any]:
    parts = schedule.parts
    own = dataclasses.replace(schedule, also=(), skipped=(), cancelled=()).dates()  # the rule's dates alone
    days = [d for d in parts.get("BYDAY", "").split(",") if d]
    data: dict[str, Any] = {
        "@type": "Schedule",
        "repeatFrequency": f"P{parts.get('INTERVAL', '1')}{_PERIODS.get(parts.get('FREQ', ''), 'D')}",
        "startDate": schedule.start.date().isoformat(),
        "endDate": (own[-1].start if own else schedule.start).date().isoformat(),
        "scheduleTimezone": "Europe/Athens",
    }
    if days:
        data["byDay"] = [f"{CONTEXT}/{_DAY_NAMES[d[-2:]]}" for d in days]
        weeks = sorted({int(d[:-2]) for d in days if d[:-2]})
        if weeks:
            data["byMonthWeek"] = weeks[0] if len(weeks) == 1 else weeks
    if "COUNT" in parts:
        data["repeatCount"] = int(parts["COUNT"])
    data.update(_times(schedule, own[0] if own else None))
    own_days = {o.start.date() for o in own}
    left_out = sorted(d for d in {*schedule.skipped, *schedule.cancelled} if d in own_days)
    if left_out:
        data["exceptDate"] = [d.isoformat() for d in left_out]
    return data


def _times(schedule: Schedule, occurrence: Occurrence | None) -> dict[str, str]:
    """startTime and endTime of a date of the series (none for an all-day one)."""
    if schedule.all_day or occurrence is None:
        return {}
    times = {"startTime": occurrence.start.strftime("%H:%M:%S")}
    if occurrence.end:
        times["endTime"] = occurrence.end.strftime("%H:%M:%S")
    return times


def script(data: dict[str, Any]) -> Markup:
    """A <script type="application/ld+json"> element; '<', '>' and '&' are escaped so no text can end it."""
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def jsonld(item: Any, settings: dict[str, Any], image_set: Any) -> Markup:
    """The structured data of an item or page, or nothing."""
    config, site = config_for(settings), public_url(settings)
    kind = getattr(item, "content_type", "pages")
    if kind == "press-releases" and not item.withdrawn:
        return script(news_article(item, config, site, image_set))
    if kind == "events":
        return script(event(item, config, site))
    if kind == "pages" and item.url == config.pages.contact:
        return script(press_office(config, site))
    return Markup("")


def add_filter(generator: Generator) -> None:
    generator.env.filters["jsonld"] = lambda item: jsonld(item, generator.settings, generator.env.globals["image_set"])


def register() -> None:
    signals.generator_init.connect(add_filter)

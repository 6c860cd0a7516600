"""Events: Greek date ranges, iCalendar files read by two parsers, DST, cancellations, JSON-LD, the clock."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from pathlib import Path

import icalendar
import vobject

from kiryx.greek import ATHENS
from tests.conftest import SiteBuilder, write

EVENTS = "events/2026"


def at(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=ATHENS)


def ics_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.ics"))


def only_event(path: Path) -> icalendar.Event:
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert len(events) == 1
    return events[0]


def event_dir(site: Path, prefix: str) -> Path:
    return next((site / EVENTS).glob(prefix + "*"))


def test_every_ics_parses_with_two_independent_parsers(sample_site: Path) -> None:
    files = ics_files(sample_site)
    assert len(files) >= 13
    for path in files:
        cal = icalendar.Calendar.from_ical(path.read_bytes())
        timed = any("TZID=Europe/Athens" in line for line in path.read_text(encoding="utf-8").splitlines())
        assert [z["TZID"] for z in cal.walk("VTIMEZONE")] == (["Europe/Athens"] if timed else [])
        parsed = vobject.readOne(path.read_text(encoding="utf-8"))
        assert len(getattr(parsed, "vevent_list", [])) == len(cal.walk("VEVENT"))
        for event in cal.walk("VEVENT"):
            for prop in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "DESCRIPTION", "URL", "ORGANIZER",
                         "STATUS", "SEQUENCE"):
                assert prop in event, (path, prop)
            assert str(event["URL"]).startswith("https://press.alimos.gr/events/")


def test_the_night_the_clocks_go_back_gives_the_right_instants(sample_site: Path) -> None:
    path = event_dir(sample_site, "nychterini-astroparatirisi") / "event.ics"
    event = only_event(path)
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert event.decoded("DTEND").astimezone(UTC) == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)
    assert "DTSTART;TZID=Europe/Athens:20261025T023000" in path.read_text(encoding="utf-8")
    other = vobject.readOne(path.read_text(encoding="utf-8")).vevent
    assert other.dtstart.value.astimezone(UTC) == datetime(2026, 10, 24, 23, 30, tzinfo=UTC)
    assert other.dtend.value.astimezone(UTC) == datetime(2026, 10, 25, 2, 0, tzinfo=UTC)


def test_a_summer_event_is_three_hours_ahead_of_utc(sample_site: Path) -> None:
    path = event_dir(sample_site, "kalokairines-vradies") / "event.ics"
    assert only_event(path).decoded("DTSTART").astimezone(UTC) == datetime(2026, 7, 4, 18, 0, tzinfo=UTC)
    other = vobject.readOne(path.read_text(encoding="utf-8")).vevent
    assert other.dtstart.value.astimezone(UTC) == datetime(2026, 7, 4, 18, 0, tzinfo=UTC)


def test_an_all_day_three_day_event_uses_dates_with_an_exclusive_end(sample_site: Path) -> None:
    path = event_dir(sample_site, "christougenniatiko-chorio") / "event.ics"
    text = path.read_text(encoding="utf-8")
    assert "DTSTART;VALUE=DATE:20261218" in text and "DTEND;VALUE=DATE:20261221" in text
    event = only_event(path)
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (date(2026, 12, 18), date(2026, 12, 21))
    page = (path.parent / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2026-12-18">18–20 Δεκεμβρίου 2026</time>' in page, "a day, not its midnight"


def test_a_cancelled_event_says_so_everywhere(sample_site: Path) -> None:
    folder = event_dir(sample_site, "filanthropiko-pazari")
    event = only_event(folder / "event.ics")
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] > 0, "changed since it was announced"
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert '<p class="banner-cancelled"><strong>ΑΚΥΡΩΝΕΤΑΙ</strong>' in page
    assert '"eventStatus": "https://schema.org/EventCancelled"' in page


def test_json_ld_describes_the_event(sample_site: Path) -> None:
    page = (event_dir(sample_site, "synentefxi-typou") / "index.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["@type"] == "Event" and data["name"] == "Συνέντευξη Τύπου για τον Προϋπολογισμό 2027"
    assert (data["startDate"], data["endDate"]) == ("2026-12-02T11:00:00+02:00", "2026-12-02T12:30:00+02:00")
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert [p["@type"] for p in data["location"]] == ["Place", "VirtualLocation"]
    assert data["organizer"] == {"@type": "GovernmentOrganization", "name": "Δήμος Αλίμου",
                                 "url": "https://www.alimos.gr", "logo": {
                                     "@type": "ImageObject",
                                     "url": "https://press.alimos.gr/press-kit/logos/dimos-alimou-logo.png"}}
    assert 'class="badge badge-press">Συνέντευξη Τύπου' in page
    assert 'href="https://www.openstreetmap.org/search?query=' in page
    assert "Προσθήκη στο ημερολόγιο" in page


def test_subscription_calendars_hold_upcoming_and_recent_events(sample_site: Path) -> None:
    def summaries(name: str) -> set[str]:
        return {str(e["SUMMARY"]) for e in icalendar.Calendar.from_ical(
            (sample_site / "events" / name).read_bytes()).walk("VEVENT")}

    everything = summaries("calendar.ics")
    assert "Χριστουγεννιάτικο Χωριό του Αλίμου" in everything
    assert "Ακυρώνεται: Φιλανθρωπικό παζάρι συλλόγων στην Πλατεία Δημαρχείου" in everything, \
        "said in the title too: calendars that ignore STATUS showed it going ahead"
    assert "Νυχτερινή αστροπαρατήρηση την ημέρα αλλαγής της ώρας" in everything  # ended 30 days ago
    assert "Ημέρα Εθελοντισμού: καθαρισμός της ακτής Καλαμακίου" not in everything  # older than 90 days
    assert summaries("press-conferences.ics") == {"Συνέντευξη Τύπου για τον Προϋπολογισμό 2027"}
    listing = (sample_site / "events/index.html").read_text(encoding="utf-8")
    assert 'href="webcal://press.alimos.gr/events/calendar.ics"' in listing


EVENT = """
---
title: Συναυλία στην πλατεία
date: 2026-11-01 10:00
summary: Συναυλία της Φιλαρμονικής.
start: 2026-12-05 18:00
end: 2026-12-05 21:00
location: Πλατεία Δημαρχείου
---
Κείμενο.
"""


def upcoming_titles(site: Path) -> str:
    listing = (site / "events/index.html").read_text(encoding="utf-8")
    return listing.split('id="upcoming-title"')[1].split('id="past-title"')[0]


def test_events_move_from_upcoming_to_past_with_the_build_clock(content_dir: Path, build_site: SiteBuilder) -> None:
    write(content_dir, "events/2026/synavlia.md", EVENT)
    before = build_site(now="2026-12-05T20:59:00+02:00")
    assert "Συναυλία στην πλατεία" in upcoming_titles(before)
    assert "Συναυλία στην πλατεία" in (before / "index.html").read_text(encoding="utf-8")
    after = build_site(now="2026-12-05T21:01:00+02:00")
    assert "Συναυλία στην πλατεία" not in upcoming_titles(after)
    assert "Συναυλία στην πλατεία" in (after / "events/index.html").read_text(encoding="utf-8")


def test_uid_survives_a_new_title_and_sequence_grows_with_changes(content_dir: Path, build_site: SiteBuilder) -> None:
    source = write(content_dir, "events/2026/synavlia.md", EVENT)
    first = only_event(next((build_site() / EVENTS).glob("*/event.ics")))
    source.write_text(source.read_text(encoding="utf-8").replace(
        "title: Συναυλία στην πλατεία", "title: Συναυλία της Φιλαρμονικής\nchanges:\n"
        "  - date: 2026-11-20 10:00\n    note: Νέα ώρα λήξης.\n    notify: true").replace("21:00", "21:30"),
        encoding="utf-8")
    second = only_event(next((build_site() / EVENTS).glob("*/event.ics")))
    assert first["UID"] == second["UID"] == "events/2026/synavlia@press.alimos.gr"
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 19 * 24 * 60), "the minutes from 1 to 20 November"
    assert second["DTSTAMP"].dt > first["DTSTAMP"].dt
    source.write_text(source.read_text(encoding="utf-8").replace(  # one note in place of the other, a later hour
        "  - date: 2026-11-20 10:00\n    note: Νέα ώρα λήξης.", "  - date: 2026-11-21 09:00\n    note: Λήξη 22:00.")
        .replace("21:30", "22:00"), encoding="utf-8")
    third = only_event(next((build_site() / EVENTS).glob("*/event.ics")))
    assert third["SEQUENCE"] > second["SEQUENCE"], "never down (a count of the notes went from 1 to 1)"


def test_the_calendar_name_is_escaped_like_any_text(content_dir: Path, build_site: SiteBuilder) -> None:
    """vobject read «Γιορτή; Χορός, Μουσική» as «Γιορτή; Χορός»: an X- property is not escaped unless told."""
    write(content_dir, "events/2026/synavlia.md", EVENT.replace("Συναυλία στην πλατεία", "Γιορτή; Χορός, Μουσική"))
    ics = next((build_site() / EVENTS).glob("*/event.ics")).read_text(encoding="utf-8")
    assert "X-WR-CALNAME:Γιορτή\\; Χορός\\, Μουσική" in ics.replace("\r\n ", "")
    assert vobject.readOne(ics).x_wr_calname.value == "Γιορτή; Χορός, Μουσική"


def test_a_calendar_entry_keeps_the_addresses_of_the_texts_links(content_dir: Path, build_site: SiteBuilder) -> None:
    """Calendars show no links: «Απαραίτητη η δήλωση συμμετοχής» came without the form's address."""
    write(content_dir, f"{EVENTS}/ergastirio.md", """
        ---
        title: Εργαστήριο ψηφιακών δεξιοτήτων
        date: 2026-11-20 10:00
        summary: Για ενήλικες.
        start: 2026-12-15 18:00
        end: 2026-12-15 20:00
        ---
        Απαραίτητη η [δήλωση συμμετοχής](https://forms.example.gr/ergastirio?a=1&b=2), δείτε και τον
        [οδηγό](/leaflets/) ή γράψτε στο [press@alimos.gr](mailto:press@alimos.gr?subject=Εργαστήριο),
        <https://www.alimos.gr/> και [πάνω](#top).
        """)
    site = build_site(now="2026-12-01 09:00")
    text = " ".join(str(only_event(event_dir(site, "ergastirio") / "event.ics")["DESCRIPTION"]).split())
    assert ("Απαραίτητη η δήλωση συμμετοχής (https://forms.example.gr/ergastirio?a=1&b=2), δείτε και τον οδηγό "
            "(https://press.alimos.gr/leaflets/) ή γράψτε στο press@alimos.gr, https://www.alimos.gr/ και πάνω.") \
        in text, text

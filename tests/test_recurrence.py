"""Recurring events: expansion across DST, the .ics read by icalendar and recurring-ical-events, listings at
several clocks, one «Ακύρωση» per cancelled date, schema.org Schedule; leaflet covers from the PDF."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import icalendar
import lxml.html
import pytest
import recurring_ical_events

from kiryx.content.recurrence import Occurrence, Schedule, schedule_of
from kiryx.greek import ATHENS
from kiryx.site import ROOT, check, load_settings
from tests.conftest import SiteBuilder, write
from tests.pdfs import text_pdf
from tests.publishing import Project, archive, smtp_server

READINGS = """
---
title: Παιδικές αναγνώσεις
date: 2026-10-01 10:00
summary: Ιστορίες για παιδιά κάθε Σάββατο.
start: 2026-10-17 18:00
end: 2026-10-17 19:00
repeat: {every: week, on: [Σάββατο], until: 2026-11-14}
except: [2026-10-31]
also: [2026-11-19]
cancelled_dates: [2026-11-07]
location: Δημοτική Βιβλιοθήκη
---
Κείμενο.
"""
OFFICE_HOURS = """
---
title: Ανοιχτό γραφείο του Δημάρχου
date: 2026-10-01 10:00
summary: Την πρώτη Δευτέρα κάθε μήνα.
start: 2026-11-02 10:00
end: 2026-11-02 13:00
repeat: {every: month, on: first Monday, count: 6}
location: Δημαρχείο
---
Κείμενο.
"""


def checked(content_dir: Path, now: str = "2026-10-10 09:00") -> dict[str, Schedule]:
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW=now,
                             CACHE_PATH=str(content_dir.parent / "cache"))
    catalogue = check(settings)
    assert not [p for p in catalogue.problems if p.severity == "error"], catalogue.problems
    return {Path(i.source.rel).stem: schedule_of(i.values) for i in catalogue.items if i.type.key == "events"}


@pytest.fixture
def series(content_dir: Path) -> Path:
    write(content_dir, "events/2026/anagnoseis.md", READINGS)
    write(content_dir, "events/2026/grafeio.md", OFFICE_HOURS)
    return content_dir


def test_a_weekly_series_keeps_its_local_time_across_the_clock_change(series: Path) -> None:
    dates = checked(series)["anagnoseis"].dates()
    assert [(o.start.isoformat(), o.cancelled) for o in dates] == [
        ("2026-10-17T18:00:00+03:00", False), ("2026-10-24T18:00:00+03:00", False),  # summer time
        ("2026-11-07T18:00:00+02:00", True), ("2026-11-14T18:00:00+02:00", False),   # winter time, still 18:00
        ("2026-11-19T18:00:00+02:00", False),                                          # also:
    ], "31 October is left out (except:), 7 November is cancelled"
    assert all(o.end and (o.end - o.start).seconds == 3600 for o in dates)


def test_a_monthly_series_by_weekday_in_greek_or_english(series: Path) -> None:
    english = checked(series)["grafeio"]
    assert [o.start.date().isoformat() for o in english.dates()] == [
        "2026-11-02", "2026-12-07", "2027-01-04", "2027-02-01", "2027-03-01", "2027-04-05"]
    assert english.describe() == "Κάθε μήνα, την πρώτη Δευτέρα, 10:00–13:00, έως 5 Απριλίου 2027"
    write(series, "events/2026/grafeio.md", OFFICE_HOURS.replace("{every: month, on: first Monday, count: 6}",
                                                                 "{every: μήνα, on: πρώτη δευτέρα, count: 6}"))
    assert checked(series)["grafeio"].rule == english.rule == "FREQ=MONTHLY;BYDAY=1MO;COUNT=6"


def test_an_expert_rule_is_limited_from_the_events_own_start(content_dir: Path) -> None:
    """Not from a fixed day: counted from 2026, these 9 Mondays of 2034 would be 400+ dates and refused."""
    later = OFFICE_HOURS.replace("2026-11-02", "2034-01-02").replace(
        "repeat: {every: month, on: first Monday, count: 6}", "rrule: FREQ=WEEKLY;UNTIL=20340301T000000Z")
    write(content_dir, "events/2026/agora.md", later)
    assert len(checked(content_dir)["agora"].dates()) == 9


def test_a_series_is_described_in_greek(series: Path) -> None:
    assert checked(series)["anagnoseis"].describe() == ("Κάθε Σάββατο, 18:00–19:00, έως 14 Νοεμβρίου 2026, εκτός "
                                                         "31 Οκτωβρίου 2026, επιπλέον Πέμπτη 19 Νοεμβρίου 2026")


def test_the_ics_gives_the_same_dates_to_calendar_software(series: Path, build_site: SiteBuilder) -> None:
    write(series, "events/2026/anagnoseis.md", READINGS.replace("location:", (
        "changes:\n- date: 2026-10-05 12:00\n  note: Ακυρώνεται η ανάγνωση της 7ης Νοεμβρίου.\nlocation:")))
    site = build_site(now="2026-10-10 09:00")
    path = next(site.glob("events/2026/paidikes-anagnoseis/event.ics"))
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    expanded = recurring_ical_events.of(calendar).between(datetime(2026, 10, 1), datetime(2026, 12, 31))
    held = sorted(e["DTSTART"].dt.isoformat() for e in expanded if str(e.get("STATUS")) != "CANCELLED")
    called_off = [e for e in expanded if str(e.get("STATUS")) == "CANCELLED"]
    ours = checked(series)["anagnoseis"].dates()
    assert held == [o.start.isoformat() for o in ours if not o.cancelled]
    master, override = calendar.walk("VEVENT")
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20261114T215959Z;BYDAY=SA"
    exdates = master["EXDATE"] if isinstance(master["EXDATE"], list) else [master["EXDATE"]]
    assert sorted(d.dt.isoformat() for x in exdates for d in x.dts) == ["2026-10-31T18:00:00+02:00"], (
        "the date left out; not the cancelled one, which its override stands for")
    assert override["RECURRENCE-ID"].dt == datetime(2026, 11, 7, 18, tzinfo=ATHENS)
    assert str(override["STATUS"]) == "CANCELLED" and override["UID"] == master["UID"]
    assert master["SEQUENCE"] == (4 * 24 + 2) * 60, "the cancellation, announced 1 October 10:00 + 4 d 2 h: it rose"
    assert [(e["DTSTART"].dt.isoformat(), str(e["SUMMARY"])) for e in called_off] == [
        ("2026-11-07T18:00:00+02:00", "Ακυρώνεται: Παιδικές αναγνώσεις")], (
        "calendars show the cancelled date as cancelled (in EXDATE too, they dropped it without a word)")


def test_a_whole_day_series_ends_on_a_date_and_a_cancelled_day_keeps_its_length(
        content_dir: Path, build_site: SiteBuilder) -> None:
    """RFC 5545: UNTIL has DTSTART's type; an UNTIL moment against whole days was refused by some calendars. A
    cancelled weekend of a weekend series is the whole weekend, not its first day."""
    write(content_dir, "events/2026/agora.md", """
---
title: Λαϊκή αγορά βιολογικών προϊόντων
date: 2026-10-01 10:00
summary: Κάθε Σαββατοκύριακο στην πλατεία.
start: 2026-10-17
end: 2026-10-18
all_day: true
repeat: {every: week, on: [Σάββατο], until: 2026-11-14}
cancelled_dates: [2026-10-31]
location: Πλατεία Δημαρχείου
---
Κείμενο.
""")
    site = build_site(now="2026-10-10 09:00")
    calendar = icalendar.Calendar.from_ical(next(site.glob("events/2026/*/event.ics")).read_bytes())
    master, override = calendar.walk("VEVENT")
    assert master["RRULE"].to_ical() == b"FREQ=WEEKLY;UNTIL=20261114;BYDAY=SA"
    assert (override["DTSTART"].dt.isoformat(), override["DTEND"].dt.isoformat()) == ("2026-10-31", "2026-11-02")
    expanded = recurring_ical_events.of(calendar).between(datetime(2026, 10, 1), datetime(2026, 12, 31))
    assert sorted(e["DTSTART"].dt.isoformat() for e in expanded if str(e.get("STATUS")) != "CANCELLED") == [
        "2026-10-17", "2026-10-24", "2026-11-07", "2026-11-14"]


@pytest.mark.parametrize(("now", "listed", "next_date"), [
    ("2026-10-10 09:00", "upcoming", "2026-10-17T18:00:00+03:00"),
    ("2026-11-01 09:00", "upcoming", "2026-11-14T18:00:00+02:00"),  # 7 November is cancelled: skipped
    ("2026-11-19 18:30", "upcoming", "2026-11-19T18:00:00+02:00"),  # the last one, under way
    ("2026-11-19 19:00", "past", None),
])
def test_listings_show_the_next_date_until_the_last_is_over(
        series: Path, build_site: SiteBuilder, now: str, listed: str, next_date: str | None) -> None:
    site = build_site(now=now)
    page = lxml.html.parse(str(site / "events/index.html"))
    upcoming = page.xpath("//section[.//h2[contains(., 'Προσεχείς')]]//article") or []
    titles = [a.xpath("string(.//h3)").strip() for a in upcoming]
    assert ("Παιδικές αναγνώσεις" in titles) == (listed == "upcoming")
    if next_date:
        card = upcoming[titles.index("Παιδικές αναγνώσεις")]
        assert card.xpath(".//time/@datetime")[0] == next_date
        assert "Κάθε Σάββατο, 18:00–19:00, έως 14 Νοεμβρίου 2026, εκτός 31 Οκτωβρίου 2026, επιπλέον Πέμπτη 19 " \
            "Νοεμβρίου 2026" in card.xpath("string(.)")


def test_the_event_page_lists_coming_and_cancelled_dates(series: Path, build_site: SiteBuilder) -> None:
    page = lxml.html.parse(str(build_site(now="2026-10-20 09:00") / "events/2026/paidikes-anagnoseis/index.html"))
    dates = page.xpath("//section[@class='event-series']//ul[@class='event-dates']/li")
    assert [li.xpath("string(.//time/@datetime)") for li in dates] == [
        "2026-10-24T18:00:00+03:00", "2026-11-07T18:00:00+02:00", "2026-11-14T18:00:00+02:00",
        "2026-11-19T18:00:00+02:00"]
    assert "ακυρώνεται" in dates[1].text_content() and dates[1].get("class") == "is-cancelled"
    assert "Ακυρώνονται: 7 Νοεμβρίου 2026." in page.xpath("string(//section[@class='event-series'])")


def test_json_ld_carries_the_schedule(series: Path, build_site: SiteBuilder) -> None:
    page = (build_site() / "events/2026/anoichto-grafeio-tou-dimarchou/index.html").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    event = next(b for b in blocks if b.get("@type") == "Event")
    assert event["eventSchedule"] == {
        "@type": "Schedule", "repeatFrequency": "P1M", "byDay": ["https://schema.org/Monday"], "byMonthWeek": 1,
        "repeatCount": 6, "startDate": "2026-11-02", "endDate": "2027-04-05", "startTime": "10:00:00",
        "endTime": "13:00:00", "scheduleTimezone": "Europe/Athens"}


def test_json_ld_gives_a_series_added_dates_as_schedules_of_their_own(series: Path, build_site: SiteBuilder) -> None:
    """The rule's Schedule ends on its own last date and leaves out its skipped and cancelled dates; a date added with
    `also:` was not said at all (and stretched the rule's endDate to it)."""
    page = (build_site() / "events/2026/paidikes-anagnoseis/index.html").read_text(encoding="utf-8")
    blocks = [json.loads(b) for b in re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)]
    rule, added = next(b for b in blocks if b.get("@type") == "Event")["eventSchedule"]
    assert (rule["startDate"], rule["endDate"], rule["exceptDate"]) == ("2026-10-17", "2026-11-14",
                                                                         ["2026-10-31", "2026-11-07"])
    assert added == {"@type": "Schedule", "startDate": "2026-11-19", "endDate": "2026-11-19", "repeatCount": 1,
                     "startTime": "18:00:00", "endTime": "19:00:00", "scheduleTimezone": "Europe/Athens"}


@contextmanager
def published_series(tmp_path: Path, text: str) -> Iterator[tuple[Project, Any, int]]:
    """A repository whose series `text` is published (its mails recorded as sent) on 10 October, and a mail server."""
    project = Project(tmp_path)
    project.write("events/2026/anagnoseis.md", text)
    project.commit("Σειρά αναγνώσεων")
    project.set_now("2026-10-10T09:00:00+03:00")
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        yield project, server, port


def test_each_cancelled_date_is_one_cancellation_mail(tmp_path: Path) -> None:
    with published_series(tmp_path, READINGS.replace("cancelled_dates: [2026-11-07]\n", "")) as (project, server,
                                                                                                 port):
        project.write("events/2026/anagnoseis.md", READINGS)
        project.commit("Ακύρωση 7 Νοεμβρίου")
        result = project.publish(port=port)
        assert result.returncode == 0, result.stdout + result.stderr
        assert project.publish(port=port).returncode == 0
        project.write("events/2026/anagnoseis.md", READINGS.replace("[2026-11-07]", "[2026-11-07, 2026-11-14]"))
        project.commit("Ακύρωση και 14 Νοεμβρίου")
        assert project.publish(port=port).returncode == 0
    got = sorted((m["To"].addresses[0].addr_spec, m["Subject"]) for m in server.received)
    assert got == [
        ("events@lists.alimos.gr", "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 14 Νοεμβρίου 2026)"),
        ("events@lists.alimos.gr", "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 7 Νοεμβρίου 2026)"),
        ("press-list@lists.alimos.gr", "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 14 Νοεμβρίου 2026)"),
        ("press-list@lists.alimos.gr", "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 7 Νοεμβρίου 2026)"),
    ]
    text = server.received[0].get_body(("plain",)).get_content()
    assert "Ακυρώνεται η εκδήλωση: Σάββατο 7 Νοεμβρίου 2026" in text and "Οι υπόλοιπες ημερομηνίες ισχύουν" in text


def test_dates_cancelled_at_once_are_one_cancellation_mail(tmp_path: Path) -> None:
    """Three dates cancelled in one commit went out as three mails a list, one at each cron run five minutes apart,
    the first already listing all three; the plan showed the first only."""
    with published_series(tmp_path, READINGS.replace("cancelled_dates: [2026-11-07]\n", "")) as (project, server,
                                                                                                 port):
        project.write("events/2026/anagnoseis.md", READINGS.replace("[2026-11-07]", "[2026-11-07, 2026-11-14]"))
        project.commit("Ακυρώνονται δύο Σάββατα")
        for _ in range(3):
            assert project.publish(port=port).returncode == 0
    assert sorted(m["Subject"] for m in server.received) == [
        "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 7 Νοεμβρίου 2026, Σάββατο 14 Νοεμβρίου 2026)"] * 2
    text = " ".join(server.received[0].get_body(("plain",)).get_content().split())
    assert "Ακυρώνεται η εκδήλωση: Σάββατο 7 Νοεμβρίου 2026 και Σάββατο 14 Νοεμβρίου 2026" in text


ALL_CANCELLED = READINGS.replace("[2026-11-07]", "[2026-10-17, 2026-10-24, 2026-11-07, 2026-11-14, 2026-11-19]")


def test_a_series_whose_every_date_is_cancelled_is_a_cancelled_event(content_dir: Path,
                                                                      build_site: SiteBuilder) -> None:
    """It was listed as going ahead on its last date, with no «Ακυρώνεται» anywhere but its list of dates."""
    write(content_dir, "events/2026/anagnoseis.md", ALL_CANCELLED)
    site = build_site(now="2026-10-10 09:00")
    card = lxml.html.parse(str(site / "events/index.html")).xpath(
        "//article[.//h3[contains(., 'Παιδικές αναγνώσεις')]]")[0]
    assert "is-cancelled" in card.get("class") and "Ακυρώνεται" in card.text_content()
    page = (site / "events/2026/paidikes-anagnoseis/index.html").read_text(encoding="utf-8")
    assert "banner-cancelled" in page
    master = icalendar.Calendar.from_ical((site / "events/2026/paidikes-anagnoseis/event.ics").read_bytes()).walk(
        "VEVENT")[0]
    assert str(master["STATUS"]) == "CANCELLED" and str(master["SUMMARY"]).startswith("Ακυρώνεται: ")


def test_cancelling_a_series_last_remaining_dates_is_one_cancellation_of_the_event(tmp_path: Path) -> None:
    with published_series(tmp_path, READINGS) as (project, server, port):
        project.write("events/2026/anagnoseis.md", ALL_CANCELLED)
        project.commit("Ακυρώνεται όλη η σειρά")
        assert project.publish(port=port).returncode == 0
        assert project.publish(port=port).returncode == 0
    assert sorted(m["Subject"] for m in server.received) == ["[Ακύρωση] Παιδικές αναγνώσεις"] * 2


def test_a_first_mail_already_tells_of_the_dates_cancelled_by_then(tmp_path: Path) -> None:
    project = archive(tmp_path)
    project.set_now("2026-10-10T09:00:00+03:00")
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("events/2026/anagnoseis.md", READINGS)
        project.commit()
        assert project.publish(port=port).returncode == 0
        assert project.publish(port=port).returncode == 0
    assert sorted(m["Subject"] for m in server.received) == ["[Εκδήλωση] Παιδικές αναγνώσεις"] * 2


def test_a_leaflet_without_a_cover_gets_its_pdfs_first_page(content_dir: Path, build_site: SiteBuilder) -> None:
    (content_dir / "files/leaflets").mkdir(parents=True)
    (content_dir / "files/leaflets/odigos.pdf").write_bytes(text_pdf())
    write(content_dir, "leaflets/odigos.md", """
        ---
        title: Οδηγός ανακύκλωσης
        date: 2026-03-02 10:00
        summary: Τι πετάμε πού.
        attachments:
        - file: files/leaflets/odigos.pdf
          title: Ο οδηγός (PDF)
        ---
        Κείμενο.
        """)
    site = build_site()
    covers = list((site / "media/covers").glob("*.jpg"))
    assert len(covers) == 1
    page = lxml.html.parse(str(site / "leaflets/odigos-anakyklosis/index.html"))
    assert page.xpath("//img[@alt='Εξώφυλλο του εντύπου «Οδηγός ανακύκλωσης»']")
    card = lxml.html.parse(str(site / "leaflets/index.html")).xpath("//article[contains(@class, 'is-leaflet')]")
    assert card and card[0].xpath(".//picture"), "the card shows the cover"
    assert not (content_dir / "media").exists(), "nothing is written into the content folder"


def test_a_series_that_starts_off_its_days_is_an_error(content_dir: Path, tmp_path: Path) -> None:
    """A Wednesday start of a Thursday series: the page listed it as a fifth date, calendars (RFC 5545: the start is
    the first date) as one of four, dropping the last Thursday."""
    write(content_dir, "events/2026/gymnastiki.md", READINGS.replace("start: 2026-10-17 18:00", "start: 2026-10-14 18:00")
          .replace("end: 2026-10-17 19:00", "end: 2026-10-14 19:00").replace("except: [2026-10-31]\n", "")
          .replace("also: [2026-11-19]\n", "").replace("cancelled_dates: [2026-11-07]\n", ""))
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW="2026-10-10 09:00",
                             CACHE_PATH=str(tmp_path / "cache"))
    assert [f"{p.line}: {p.field}: {p.message}" for p in check(settings).errors] == [
        "5: start: Τετάρτη 14 Οκτωβρίου 2026 is not a date of its series, which begins on Σάββατο 17 Οκτωβρίου 2026; "
        "start it on that date, or add Τετάρτη 14 Οκτωβρίου 2026 with 'also:'"]


def problems_of(content_dir: Path, tmp_path: Path, text: str) -> list[str]:
    """`check`'s lines about one event written as `text`."""
    write(content_dir, "events/2026/seira.md", text)
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW="2026-10-10 09:00",
                             CACHE_PATH=str(tmp_path / "cache"))
    return [f"{p.line}: {p.field}: {p.severity}: {p.message}" for p in check(settings).problems
            if p.path.endswith("seira.md")]


SIMPLE = READINGS.replace("except: [2026-10-31]\n", "").replace("also: [2026-11-19]\n", "").replace(
    "cancelled_dates: [2026-11-07]\n", "")


def test_a_series_ending_before_it_begins_is_an_error(content_dir: Path, tmp_path: Path) -> None:
    """`until:` a year early, as at New Year: it was accepted, the page said «έως 17 Οκτωβρίου» and the series
    was its start alone, while the calendars got an RRULE ending before DTSTART."""
    assert problems_of(content_dir, tmp_path, SIMPLE.replace("until: 2026-11-14", "until: 2025-11-14")) == [
        "7: repeat: error: gives no date from Σάββατο 17 Οκτωβρίου 2026 on: the series ends before it begins; check "
        "the year of its end (until:)"]


def test_a_rule_on_days_some_months_or_years_lack_is_warned(content_dir: Path, tmp_path: Path) -> None:
    """«Κάθε μήνα» from 31 January gave 31 March, 31 May, …: February, April and June were skipped unsaid."""
    monthly = SIMPLE.replace("2026-10-17", "2026-10-31").replace("{every: week, on: [Σάββατο], until: 2026-11-14}",
                                                                 "{every: month, count: 6}")
    assert problems_of(content_dir, tmp_path, monthly) == [
        "7: repeat: warning: repeats on day 31 of the month, which not every month has: those months are skipped; "
        "start it on a day every month has (1–28), or add the dates with 'also:'"]
    leap = SIMPLE.replace("2026-10-17", "2028-02-29").replace("{every: week, on: [Σάββατο], until: 2026-11-14}",
                                                              "{every: year, count: 3}")
    assert problems_of(content_dir, tmp_path, leap)[-1:] == [
        "7: repeat: warning: repeats on 29 February, which only leap years have: it takes place once every four years"]
    assert problems_of(content_dir, tmp_path, monthly.replace("2026-10-31", "2026-10-28")) == [], "every month has it"
    assert problems_of(content_dir, tmp_path, monthly.replace("2026-10-31", "2026-12-30").replace(
        "{every: month, count: 6}", "{every: month, until: 2027-01-30}")) == [], "no month skipped: nothing to say"
    filled = monthly.replace("{every: month, count: 6}", "{every: month, count: 3}\nalso: [2026-11-30]")
    assert problems_of(content_dir, tmp_path, filled) == [], "the skipped month added with also:, as advised"


def test_a_series_time_the_spring_clock_change_skips_is_warned(content_dir: Path, tmp_path: Path) -> None:
    """A single event at 03:30 that Sunday is refused; a series' date was moved to 04:30 without a word."""
    early = SIMPLE.replace("2026-10-17 18:00", "2027-03-14 03:30").replace("2026-10-17 19:00", "2027-03-14 05:00") \
        .replace("on: [Σάββατο], until: 2026-11-14", "on: [Κυριακή], until: 2027-04-04")
    assert problems_of(content_dir, tmp_path, early) == [
        "5: start: warning: the series' time does not exist in Athens on Κυριακή 28 Μαρτίου 2027: the clocks jump "
        "forward an hour that night, so that date is at 04:30; if it should be at another time, leave it out with "
        "'except:' and add it with 'also:' at that time"]
    assert problems_of(content_dir, tmp_path, early.replace("location:", "except: [2027-03-28]\nalso: [2027-03-28 "
                                                                         "05:00]\nlocation:")) == [], "as advised"


def test_an_event_written_with_dates_alone_runs_whole_days(content_dir: Path, build_site: SiteBuilder,
                                                            tmp_path: Path) -> None:
    """«start: 2027-04-10» was an event at 00:00 for an hour, in the page, the .ics and the mails; an end written
    as a date alone after a start with its time ended at that day's first minute."""
    single = SIMPLE.replace("start: 2026-10-17 18:00\nend: 2026-10-17 19:00\nrepeat: {every: week, on: [Σάββατο], "
                            "until: 2026-11-14}\n", "start: 2026-12-19\nend: 2026-12-20\n")
    write(content_dir, "events/2026/seira.md", single)
    page = build_site(now="2026-12-01 09:00") / "events/2026/paidikes-anagnoseis/index.html"
    assert "19–20 Δεκεμβρίου 2026" in " ".join(
        lxml.html.parse(str(page)).getroot().text_content().split())
    calendar = icalendar.Calendar.from_ical((page.parent / "event.ics").read_bytes())
    [event] = calendar.walk("VEVENT")
    assert (event["DTSTART"].to_ical(), event["DTEND"].to_ical()) == (b"20261219", b"20261221"), "whole days"
    timed_start = single.replace("start: 2026-12-19", "start: 2026-12-19 10:00")
    assert problems_of(content_dir, tmp_path, timed_start) == [
        "6: end: warning: has no time, so the event would end at 00:00 on 2026-12-20, before that day begins; write "
        "the time it ends (end: 2026-12-20 14:00), or write 'all_day: true' for an event of whole days, with dates "
        "alone"]
    assert problems_of(content_dir, tmp_path, single.replace("start:", "all_day: false\nstart:")) == [], (
        "said not to be whole days: as written")


def test_no_cancellation_goes_out_for_what_is_over(tmp_path: Path) -> None:
    """«[Ακύρωση]» of a Saturday gone by, in the present tense, weeks later; and of a whole event after it."""
    with published_series(tmp_path, SIMPLE) as (project, server, port):
        project.set_now("2026-10-30T09:00:00+02:00")
        project.write("events/2026/anagnoseis.md", SIMPLE.replace("location:", "cancelled_dates: [2026-10-24, "
                                                                               "2026-11-07]\nlocation:"))
        project.commit("Ακύρωση 24 Οκτωβρίου (ήδη πέρασε) και 7 Νοεμβρίου")
        plan = project.run("plan", "--base", "HEAD~1")
        assert project.publish(port=port).returncode == 0
        project.set_now("2026-11-20T09:00:00+02:00")
        project.write("events/2026/anagnoseis.md", SIMPLE.replace("location:", (
            "status: cancelled\nchanges:\n- date: 2026-11-20 08:00\n  note: Η σειρά ακυρώθηκε.\n  notify: true\n"
            "location:")))  # a note with it, as the guide says: it went out as a «[Διόρθωση]» of what was over
        project.commit("Ακύρωση όλης της σειράς, αφού τελείωσε")
        late = project.run("plan", "--base", "HEAD~1")
        assert project.publish(port=port).returncode == 0
    assert "ακυρώνεται κάτι που έχει ήδη γίνει: δεν στέλνεται ακύρωση" in late.stdout, late.stdout + late.stderr
    assert sorted({m["Subject"] for m in server.received}) == [
        "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 7 Νοεμβρίου 2026)"]
    assert "[Ακύρωση] Παιδικές αναγνώσεις (Σάββατο 7 Νοεμβρίου 2026)" in plan.stdout, plan.stdout + plan.stderr


def test_cancelling_the_dates_left_of_a_series_says_none_is_left(tmp_path: Path) -> None:
    """The mail said «Οι υπόλοιπες ημερομηνίες ισχύουν» when no date was left to take place."""
    with published_series(tmp_path, SIMPLE) as (project, server, port):
        project.set_now("2026-11-01T09:00:00+02:00")  # 17, 24 and 31 October have taken place
        project.write("events/2026/anagnoseis.md", SIMPLE.replace("location:", "cancelled_dates: [2026-11-07, "
                                                                               "2026-11-14]\nlocation:"))
        project.commit("Ακυρώνονται τα δύο τελευταία Σάββατα")
        assert project.publish(port=port).returncode == 0
    text = " ".join(server.received[0].get_body(("plain",)).get_content().split())
    assert "Ακυρώνεται η εκδήλωση: Σάββατο 7 Νοεμβρίου 2026 και Σάββατο 14 Νοεμβρίου 2026" in text, text
    assert "Δεν μένει άλλη ημερομηνία της σειράς." in text and "Οι υπόλοιπες" not in text


def test_a_rule_at_another_hour_than_its_start_is_an_error(content_dir: Path, tmp_path: Path) -> None:
    """BYHOUR=20 for a start at 18:00: the start was one more date, two on the first day, five for COUNT=4."""
    assert problems_of(content_dir, tmp_path, SIMPLE.replace("repeat: {every: week, on: [Σάββατο], until: 2026-11-14}",
                                                             "rrule: FREQ=WEEKLY;BYDAY=SA;BYHOUR=20;COUNT=4")) == [
        "7: rrule: error: gives its dates at another time than its start (18:00); a series' dates are at its start's "
        "time: leave BYHOUR and BYMINUTE out, or start it at that time"]
    for same in ("BYHOUR=18;COUNT=4", "BYHOUR=18;BYMINUTE=00;COUNT=4", "BYHOUR=018;BYMINUTE=0;BYSECOND=0;COUNT=4"):
        assert problems_of(content_dir, tmp_path, SIMPLE.replace(
            "repeat: {every: week, on: [Σάββατο], until: 2026-11-14}", f"rrule: FREQ=WEEKLY;BYDAY=SA;{same}")) == [], same
    assert problems_of(content_dir, tmp_path, SIMPLE.replace("repeat: {every: week, on: [Σάββατο], until: 2026-11-14}",
                                                             "rrule: FREQ=WEEKLY;BYDAY=SA;BYHOUR=10;COUNT=4"))[0] \
        .startswith("7: rrule: error: gives its dates at another time"), "an earlier hour too (not «start it on 24»)"


def test_a_moved_date_may_be_cancelled(content_dir: Path, tmp_path: Path) -> None:
    """Left out at its hour and held at another (except: and also:), it was refused as «in except: too» once
    cancelled; dropping except: as told published an 18:00 date never planned."""
    moved = SIMPLE.replace("location:", "except: [2026-10-24]\nalso: [2026-10-24 12:00]\ncancelled_dates: "
                                        "[2026-10-24]\nlocation:")
    assert problems_of(content_dir, tmp_path, moved) == []
    assert [o for o in checked(content_dir)["seira"].dates() if o.cancelled] == [
        Occurrence(datetime(2026, 10, 24, 12, tzinfo=ATHENS), datetime(2026, 10, 24, 13, tzinfo=ATHENS), True)]


def test_months_chosen_on_purpose_are_not_warned_of(content_dir: Path, tmp_path: Path) -> None:
    school = SIMPLE.replace("2026-10-17", "2027-01-15").replace(
        "repeat: {every: week, on: [Σάββατο], until: 2026-11-14}", "rrule: FREQ=MONTHLY;BYMONTH=1,2,3,9;COUNT=4")
    assert problems_of(content_dir, tmp_path, school) == []
    every_other = SIMPLE.replace("2026-10-17", "2027-01-31").replace(
        "repeat: {every: week, on: [Σάββατο], until: 2026-11-14}", "repeat: {every: month, interval: 2, count: 3}\n"
                                                                 "also: [2026-12-20 18:00]")
    assert problems_of(content_dir, tmp_path, every_other) == [], "31 Jan, 31 Mar, 31 May: none skipped"


def test_a_date_cancelled_too_late_does_not_silence_the_series_later_corrections(tmp_path: Path) -> None:
    """Once a date gone by was put in cancelled_dates, every later «[Διόρθωση]» of the series was held back for
    good, while the plan said it would go out."""
    with published_series(tmp_path, SIMPLE) as (project, server, port):
        project.set_now("2026-10-20T09:00:00+03:00")  # 17 October has taken place
        project.write("events/2026/anagnoseis.md", SIMPLE.replace("location:", "cancelled_dates: [2026-10-17]\n"
                                                                               "location:"))
        project.commit("Ακύρωση της 17ης, εκ των υστέρων")
        assert project.publish(port=port).returncode == 0
        assert server.received == []
        project.write("events/2026/anagnoseis.md", SIMPLE.replace("location:", (
            "cancelled_dates: [2026-10-17]\nchanges:\n- date: 2026-10-20 08:00\n  note: Από τις 24 Οκτωβρίου στις "
            "17:00.\n  notify: true\nlocation:")))
        project.commit("Νέα ώρα")
        plan = project.run("plan", "--base", "HEAD~1")
        assert project.publish(port=port).returncode == 0
    assert "[Διόρθωση] Παιδικές αναγνώσεις" in plan.stdout
    assert sorted({m["Subject"] for m in server.received}) == ["[Διόρθωση] Παιδικές αναγνώσεις"]

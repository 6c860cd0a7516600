"""Every JSON-LD block of the sample site parses and has what search engines require, dates with the Athens offset."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import SiteBuilder, write

ATHENS = ZoneInfo("Europe/Athens")
SITE = "https://press.alimos.gr"
BLOCK = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def blocks(sample_site: Path) -> dict[str, list[dict]]:
    found: dict[str, list[dict]] = {}
    for page in sample_site.rglob("*.html"):
        for text in BLOCK.findall(page.read_text(encoding="utf-8")):
            found.setdefault(page.relative_to(sample_site).parent.as_posix() + "/", []).append(json.loads(text))
    return found


@pytest.fixture(scope="module")
def data(sample_site: Path) -> dict[str, list[dict]]:
    return blocks(sample_site)


def athens_time(value: str) -> datetime:
    """A date-time with the offset Athens had at that moment (+02:00 in winter, +03:00 in summer)."""
    moment = datetime.fromisoformat(value)
    assert moment.utcoffset() == moment.astimezone(ATHENS).utcoffset(), value
    return moment


def test_every_press_release_is_a_news_article(data: dict[str, list[dict]], sample_site: Path) -> None:
    releases = [rel for rel in data if rel.startswith("press-releases/20") and "/page/" not in rel]
    pages = [p.parent for p in (sample_site / "press-releases").glob("20*/*/index.html")]
    assert len(releases) == len(pages) - 1, "all but the withdrawn one"
    for rel in releases:
        [article] = data[rel]
        assert article["@context"] == "https://schema.org" and article["@type"] == "NewsArticle"
        for key in ("headline", "description", "datePublished", "dateModified", "author", "publisher"):
            assert article[key], (rel, key)
        assert athens_time(article["datePublished"]) <= athens_time(article["dateModified"])
        assert article["mainEntityOfPage"]["@id"] == f"{SITE}/{rel}" == article["url"]
        for who in (article["author"], article["publisher"]):
            assert who["@type"] == "GovernmentOrganization" and who["name"] == "Δήμος Αλίμου"
            assert who["logo"]["url"].endswith(".png")
        assert article["image"][0]["width"] == 1200, "the sharing card, drawn from the title without a photo"
        for image in article["image"]:
            path = sample_site / image["url"].removeprefix(SITE + "/")
            assert path.is_file() and image["width"] >= 1200, image


def test_a_correction_shows_in_date_modified_and_as_a_correction(data: dict[str, list[dict]]) -> None:
    [article] = data["press-releases/2026/ethelontikos-katharismos-tis-aktis-kalamakiou/"]
    assert article["datePublished"] == "2026-04-27T09:30:00+03:00"
    assert article["dateModified"] == "2026-04-28T09:00:00+03:00"
    assert [c["datePublished"] for c in article["correction"]] == ["2026-04-28T09:00:00+03:00",
                                                                   "2026-04-27T15:10:00+03:00"]
    assert {i["width"] for i in article["image"]} >= {1200}, "the 1200 px card"


def test_events_keep_their_start_when_cancelled(data: dict[str, list[dict]], sample_site: Path) -> None:
    events = {rel: b[0] for rel, b in data.items() if rel.startswith("events/20")}
    assert len(events) >= 5 and all(e["@type"] == "Event" for e in events.values())
    statuses = {e["eventStatus"] for e in events.values()}
    assert all((sample_site / e["image"].removeprefix(SITE + "/")).is_file() for e in events.values())
    assert statuses == {"https://schema.org/EventScheduled", "https://schema.org/EventCancelled"}
    for rel, event in events.items():
        page = (sample_site / rel / "index.html").read_text(encoding="utf-8")
        shown = re.search(r'<dt[^>]*>Πότε</dt>\s*<dd><time datetime="([^"]+)"', page)[1]  # type: ignore[index]
        if "eventSchedule" in event:  # a series: the date the page shows (its first may be over or left out)
            assert event["eventSchedule"]["startDate"] <= event["startDate"][:10], rel
        assert event["startDate"] == shown or shown.startswith(event["startDate"]), rel
        if "T" in event["startDate"]:
            athens_time(event["startDate"])
        assert event["organizer"]["@type"] == "GovernmentOrganization"


def test_the_contact_page_carries_the_office(data: dict[str, list[dict]]) -> None:
    [office] = data["grafeio-typou/"]
    assert office["@type"] == "GovernmentOrganization"
    assert office["address"] == {"@type": "PostalAddress", "streetAddress": "Αριστοτέλους 53, Δημαρχείο, 4ος όροφος",
                                 "postalCode": "17455", "addressLocality": "Άλιμος", "addressCountry": "GR"}
    assert office["telephone"] == "+302132008044" and office["email"] == "press@alimos.gr"
    assert office["openingHoursSpecification"] == [{
        "@type": "OpeningHoursSpecification", "opens": "08:00", "closes": "15:00",
        "dayOfWeek": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]}]
    assert office["parentOrganization"]["name"] == "Δήμος Αλίμου"


def test_no_other_page_carries_structured_data(data: dict[str, list[dict]]) -> None:
    others = [rel for rel in data if not re.match(r"(press-releases|events)/20\d\d/[^/]+/$|grafeio-typou/$", rel)]
    assert others == []


def test_text_cannot_close_the_script_element() -> None:
    from plugins.structured_data import script
    html = script({"headline": "Α </script><script>alert(1)</script> & Β"})
    assert html.count("</script>") == 1 and json.loads(BLOCK.search(html)[1])["headline"].startswith("Α </script>")


def test_an_event_without_an_end_claims_none(content_dir: Path, build_site: SiteBuilder) -> None:
    """Its endDate was its start: an event of no length, while the page and the calendar give none."""
    for name, end in (("xoris-telos", ""), ("me-telos", "end: 2026-12-02 12:30\n")):
        write(content_dir, f"events/2026/{name}.md", f"""
---
title: Ημερίδα {name}
date: 2026-11-20 11:00
summary: Ημερίδα.
start: 2026-12-02 11:00
{end}location: Δημαρχείο Αλίμου
---
Κείμενο.
""")
    found = {rel: b[0] for rel, b in blocks(build_site()).items() if rel.startswith("events/20")}
    assert {rel.split("/")[2]: event.get("endDate") for rel, event in found.items()} == {
        "imerida-xoris-telos": None, "imerida-me-telos": "2026-12-02T12:30:00+02:00"}

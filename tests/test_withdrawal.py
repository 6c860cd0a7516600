"""Withdrawing a text: the page stays with a notice, it leaves every list, feeds and mails say so."""

from __future__ import annotations

from pathlib import Path

import feedparser
import icalendar
import pytest

from tests.conftest import SiteBuilder, write
from tests.publishing import Project, release, smtp_server
from tests.test_check import check

WITHDRAWN = """
---
title: Λάθος στοιχεία για τον προϋπολογισμό
date: 2026-11-02 10:00
summary: Τα στοιχεία του προϋπολογισμού.
category: dimotiki-archi
tags: [Προϋπολογισμός]
status: withdrawn
withdrawn: 2026-11-03 09:30
withdrawal_note: Το κείμενο περιείχε λάθος αριθμούς και αποσύρεται· τα σωστά στοιχεία σε νέο δελτίο.
---
Ο προϋπολογισμός ανέρχεται σε 12 εκατ. ευρώ.
"""
EVENT = """
---
title: Συναυλία στην πλατεία
date: 2026-11-01 10:00
summary: Συναυλία της Φιλαρμονικής.
start: 2026-12-05 19:00
end: 2026-12-05 21:00
status: withdrawn
withdrawal_note: Η ανακοίνωση αποσύρθηκε· η συναυλία θα ανακοινωθεί ξανά.
---
Πρόγραμμα.
"""
URL = "press-releases/2026/lathos-stoicheia-gia-ton-proypologismo/"


@pytest.fixture
def site(content_dir: Path, build_site: SiteBuilder) -> Path:
    write(content_dir, "press-releases/2026/lathos.md", WITHDRAWN)
    write(content_dir, "press-releases/2026/allo.md", release(1))
    write(content_dir, "events/2026/synavlia.md", EVENT)
    return build_site()


def test_the_page_stays_with_a_notice_above_the_text_and_noindex(site: Path) -> None:
    page = (site / URL / "index.html").read_text(encoding="utf-8")
    notice = page.index('class="banner-withdrawn"')
    assert "ΑΠΟΣΥΡΘΗΚΕ" in page[notice:] and "3 Νοεμβρίου 2026</time>, 09:30" in page[notice:]
    assert "περιείχε λάθος αριθμούς" in page[notice:]
    assert notice < page.index("Ο προϋπολογισμός ανέρχεται")
    assert '<meta name="robots" content="noindex">' in page


def test_it_leaves_every_list(site: Path) -> None:
    lists = ["index.html", "press-releases/index.html", "press-releases/2026/index.html", "archive/index.html",
             "archive/2026/index.html", "category/dimotiki-archi/index.html", "tag/index.html", "events/index.html"]
    for rel in lists:
        if (site / rel).is_file():
            html = (site / rel).read_text(encoding="utf-8")
            assert URL not in html and "Συναυλία στην πλατεία" not in html, rel
    assert not (site / "tag/proypologismos").exists()


def test_its_tags_link_only_to_tag_pages_that_exist(content_dir: Path, build_site: SiteBuilder) -> None:
    write(content_dir, "press-releases/2026/lathos.md", WITHDRAWN.replace("[Προϋπολογισμός]", "[Προϋπολογισμός, Δήμος]"))
    write(content_dir, "press-releases/2026/allo.md", release(1).replace("category:", "tags: [Δήμος]\n        category:"))
    page = (build_site() / URL / "index.html").read_text(encoding="utf-8")
    assert '<li><span>Προϋπολογισμός</span></li>' in page, "only it had this tag: no page to link to"
    assert '<a href="/tag/dimos/">Δήμος</a>' in page


def test_feeds_carry_the_withdrawal_as_an_update(site: Path) -> None:
    for name in ("all.atom.xml", "press-releases.rss.xml"):
        feed = feedparser.parse((site / "feeds" / name).read_bytes())
        entry = next(e for e in feed.entries if URL in e.link)
        assert entry.title == "Αποσύρθηκε: Λάθος στοιχεία για τον προϋπολογισμό"
        assert "περιείχε λάθος αριθμούς" in entry.get("content", [{}])[0].get("value", entry.get("description"))
    atom = feedparser.parse((site / "feeds/all.atom.xml").read_bytes())
    # Not committed and without a `withdrawn:` date, the event is withdrawn as of the build.
    assert atom.entries[0].link.endswith("events/2026/synavlia-stin-plateia/"), "newest by its withdrawal"
    assert atom.entries[0].updated == "2026-11-24T12:00:00+02:00"
    entry = next(e for e in atom.entries if URL in e.link)
    assert entry.updated == "2026-11-03T09:30:00+02:00"
    category = feedparser.parse((site / "feeds/category/dimotiki-archi.atom.xml").read_bytes())
    assert [e.title for e in category.entries] == ["Αποσύρθηκε: Λάθος στοιχεία για τον προϋπολογισμό"]


def test_a_withdrawn_event_is_cancelled_in_the_calendars(site: Path) -> None:
    calendar = icalendar.Calendar.from_ical((site / "events/calendar.ics").read_bytes())
    event = next(e for e in calendar.walk("VEVENT") if str(e["SUMMARY"]) == "Αποσύρθηκε: Συναυλία στην πλατεία")
    assert str(event["STATUS"]) == "CANCELLED" and int(event["SEQUENCE"]) > 0


def test_a_withdrawal_needs_its_note(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/lathos.md", WITHDRAWN.replace(
        "withdrawal_note: Το κείμενο", "# withdrawal_note: Το κείμενο"))
    code, problems = check(content_dir, capsys)
    assert code == 1
    assert any("lathos.md:7: withdrawal_note: say in one or two sentences why the text is withdrawn" in p
               for p in problems), problems
    write(content_dir, "press-releases/2026/lathos.md", WITHDRAWN.replace(
        "withdrawal_note: Το κείμενο", "withdrawal_note: " + "Πολύ μεγάλο κείμενο. " * 20))
    code, problems = check(content_dir, capsys)
    assert any("withdrawal_note: is 492 characters long; the limit is 300" in p for p in problems), problems


def test_each_list_that_had_the_item_gets_one_withdrawal_mail(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("press-releases/2026/lathos.md", WITHDRAWN.replace("status: withdrawn\n", "").replace(
        "withdrawn: 2026-11-03 09:30\n", "").replace("withdrawal_note: Το κείμενο περιείχε λάθος αριθμούς και "
                                                    "αποσύρεται· τα σωστά στοιχεία σε νέο δελτίο.\n", ""))
    project.write("events/2026/synavlia.md", EVENT.replace("status: withdrawn\n", ""))
    project.commit("Δύο δημοσιεύσεις")
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("press-releases/2026/lathos.md", WITHDRAWN)
        project.write("events/2026/synavlia.md", EVENT)
        project.commit("Απόσυρση")
        result = project.publish(port=port)
        assert result.returncode == 0, result.stdout + result.stderr
        assert project.publish(port=port).returncode == 0
    got = sorted((m["To"].addresses[0].addr_spec, m["Subject"]) for m in server.received)
    assert got == [
        ("events@lists.alimos.gr", "[Απόσυρση] Συναυλία στην πλατεία"),
        ("press-list@lists.alimos.gr", "[Απόσυρση] Λάθος στοιχεία για τον προϋπολογισμό"),
        ("press-list@lists.alimos.gr", "[Απόσυρση] Συναυλία στην πλατεία"),
    ]
    text = next(m for m in server.received if "προϋπολογισμό" in m["Subject"]).get_body(("plain",)).get_content()
    assert "Αποσύρθηκε: 3 Νοεμβρίου 2026, 09:30" in text
    assert "περιείχε λάθος αριθμούς" in text


def test_an_item_withdrawn_before_any_list_had_it_sends_nothing(tmp_path: Path) -> None:
    project = Project(tmp_path)
    project.write("press-releases/2026/lathos.md", WITHDRAWN)
    project.commit()
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/neo.md", release(3))
        project.commit()
        assert project.publish(port=port).returncode == 0
    assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 3"]



@pytest.mark.parametrize("withdrawn", ["", "2099-02-20 10:00", "2099-03-02 10:00"])
def test_withdrawing_an_item_that_never_went_out_says_to_hold_it_as_a_draft(tmp_path: Path, withdrawn: str) -> None:
    """Withdrawn during its embargo (by a commit, or dated before or after its date), it went out at its date, text
    and all, under its notice, in every feed; a `withdrawn:` date before it was only «earlier than the publication
    date», which moving it after the date «fixed» the same way."""
    project = Project(tmp_path)
    embargoed = WITHDRAWN.replace("2026-11-02 10:00", "2099-03-01 09:00")
    project.write("press-releases/2099/embargo.md", embargoed.replace(
        "withdrawn: 2026-11-03 09:30\n", f"withdrawn: {withdrawn}\n" if withdrawn else ""))
    project.commit()  # today, long before its date
    result = project.run("check", "--lang", "en")
    line, key = ("8", "withdrawn") if withdrawn else ("7", "status")
    assert result.returncode == 1
    assert (f"press-releases/2099/embargo.md:{line}: {key}: never went out (its date is 1 Μαρτίου 2099, 09:00), so "
            "there is nothing to withdraw: to hold it back, write 'status: draft' instead; if it is not needed, "
            "delete the file") in result.stdout, result.stdout


def test_a_published_item_withdrawn_as_of_its_day_is_no_error(tmp_path: Path) -> None:
    """`withdrawn: 2026-11-02` (midnight) for an item published at 10:00 that day was «never went out, write draft»,
    and the draft was then refused as taking a published item offline."""
    project = Project(tmp_path)
    project.write("press-releases/2026/lathos.md", WITHDRAWN.replace(
        "status: withdrawn\nwithdrawn: 2026-11-03 09:30\nwithdrawal_note: Το κείμενο περιείχε λάθος αριθμούς και "
        "αποσύρεται· τα σωστά στοιχεία σε νέο δελτίο.\n", ""))
    project.commit()
    assert project.publish().returncode == 0
    project.write("press-releases/2026/lathos.md", WITHDRAWN.replace("2026-11-03 09:30", "2026-11-02"))
    project.commit()
    result = project.run("check", "--lang", "en")
    assert result.returncode == 0 and "never went out" not in result.stdout, result.stdout


def test_the_year_pages_of_a_withdrawn_item_stay(content_dir: Path, build_site: SiteBuilder) -> None:
    """Withdrawing the only item of a year took its year's list and archive pages offline: addresses once public,
    and linked from the withdrawn page itself."""
    write(content_dir, "press-releases/2026/allo.md", release(1))
    write(content_dir, "press-releases/2025/lathos.md", WITHDRAWN.replace("2026-11-0", "2025-11-0"))
    site = build_site()
    page = (site / "press-releases/2025/lathos-stoicheia-gia-ton-proypologismo/index.html").read_text(encoding="utf-8")
    assert 'href="/press-releases/2025/"' in page
    for rel in ("press-releases/2025/index.html", "archive/2025/index.html"):
        listing = (site / rel).read_text(encoding="utf-8")
        assert 'class="empty"' in listing and "Λάθος στοιχεία" not in listing, rel
    assert "/press-releases/2025/" not in (site / "press-releases/index.html").read_text(encoding="utf-8"), \
        "the year is not offered in the list's years: nothing is listed there"

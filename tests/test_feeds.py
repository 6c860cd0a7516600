"""Feeds for journalists: every feed parses, validates, is complete, stable and identical across builds."""

from __future__ import annotations

import html
import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlparse

import feedparser
import lxml.html
import pytest
from lxml import etree
from PIL import Image

from kiryx.site import ROOT, build, check, load_settings
from tests.conftest import SAMPLE_NOW, SiteBuilder, write
from tests.publishing import Project
from tests.publishing import release as release_text

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([+-]\d\d:\d\d|Z)$")
RFC822 = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
                    r"\d{4} \d\d:\d\d:\d\d [+-]\d{4}$")


SITE = "https://press.alimos.gr"


def feeds(site: Path) -> list[Path]:
    return sorted((site / "feeds").rglob("*.xml"))


def test_all_kinds_of_feed_exist_in_both_formats(sample_site: Path) -> None:
    names = {p.relative_to(sample_site / "feeds").as_posix() for p in feeds(sample_site)}
    for key in ["all", "press-releases", "events", "leaflets", "coverage", "category/perivallon", "tag/paralia"]:
        assert {f"{key}.atom.xml", f"{key}.rss.xml"} <= names
    assert len(names) > 60


def test_every_feed_parses_without_errors(sample_site: Path) -> None:
    for path in feeds(sample_site):
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        assert parsed.feed.language.startswith("el") if "rss" in path.name else parsed.feed.title
        assert parsed.entries, path


def test_the_site_feed_holds_every_public_item_newest_change_first(sample_site: Path) -> None:
    """By their last change, as readers sort them: a corrected old item comes back up, where a reader sees it."""
    settings = load_settings(ROOT / "pelicanconf.py")
    now = datetime.fromisoformat(SAMPLE_NOW)
    public = [i for i in check(settings).items if i.type.key != "pages" and i.is_public(now)]
    atom, rss = (feedparser.parse((sample_site / "feeds" / name).read_bytes()).entries
                 for name in ("all.atom.xml", "all.rss.xml"))
    assert len(atom) == len(rss) == min(50, len(public))
    updated = [e.updated_parsed for e in atom]
    assert updated == sorted(updated, reverse=True) and [e.id for e in atom] == [e.id for e in rss]
    assert [e.published_parsed for e in atom] != sorted((e.published_parsed for e in atom), reverse=True), \
        "a correction brought an older item above newer ones"
    titles = {e.title for e in feedparser.parse((sample_site / "feeds/all.atom.xml").read_bytes()).entries}
    assert "Παρουσίαση του σχεδίου Προϋπολογισμού 2027" not in titles  # embargoed
    assert "Σχέδιο αποκατάστασης της παραλίας μετά την κακοκαιρία" not in titles  # draft


def test_ids_are_unique_and_the_same_in_atom_and_rss(sample_site: Path) -> None:
    for atom_file in (sample_site / "feeds").rglob("*.atom.xml"):
        atom_ids = [e.id for e in feedparser.parse(atom_file.read_bytes()).entries]
        rss_ids = [e.id for e in feedparser.parse(atom_file.with_name(
            atom_file.name.replace(".atom.", ".rss.")).read_bytes()).entries]
        assert len(set(atom_ids)) == len(atom_ids)
        assert atom_ids == rss_ids


def test_dates_carry_the_athens_offset_on_both_sides_of_dst(sample_site: Path) -> None:
    atom = etree.parse(str(sample_site / "feeds/press-releases.atom.xml")).getroot()
    published = {e.findtext(f"{ATOM}title"): e.findtext(f"{ATOM}published") for e in atom.iter(f"{ATOM}entry")}
    assert published["Εθελοντικός καθαρισμός της ακτής Καλαμακίου"] == "2026-04-27T09:30:00+03:00"
    assert published["Ψηφίστηκε ο Προϋπολογισμός 2026 του Δήμου Αλίμου"] == "2026-01-13T14:00:00+02:00"
    rss = (sample_site / "feeds/press-releases.rss.xml").read_text(encoding="utf-8")
    assert "<pubDate>Mon, 27 Apr 2026 09:30:00 +0300</pubDate>" in rss
    assert "<pubDate>Tue, 13 Jan 2026 14:00:00 +0200</pubDate>" in rss


def test_a_correction_carries_its_updated_time_and_note(sample_site: Path) -> None:
    entries = feedparser.parse((sample_site / "feeds/press-releases.atom.xml").read_bytes()).entries
    corrected = next(e for e in entries if e.title == "Εθελοντικός καθαρισμός της ακτής Καλαμακίου")
    assert corrected.updated == "2026-04-28T09:00:00+03:00"
    assert "Διορθώθηκε η ποσότητα απορριμμάτων (620 κιλά αντί για 260)." in corrected.content[0].value


def test_event_entries_say_when_and_where(sample_site: Path) -> None:
    entries = feedparser.parse((sample_site / "feeds/events.atom.xml").read_bytes()).entries
    conference = next(e for e in entries if e.title == "Συνέντευξη Τύπου για τον Προϋπολογισμό 2027")
    assert "Πότε: Τετάρτη 2 Δεκεμβρίου 2026, 11:00–12:30" in conference.content[0].value
    assert "Πού: Αίθουσα Δημοτικού Συμβουλίου" in conference.content[0].value
    assert 'Διαδικτυακά: <a href="https://www.youtube.com/@dimosalimou/live">' in conference.content[0].value


def test_every_link_in_entry_content_is_absolute(sample_site: Path) -> None:
    for entry in feedparser.parse((sample_site / "feeds/all.atom.xml").read_bytes()).entries:
        html = lxml.html.fragment_fromstring(entry.content[0].value, create_parent="div")
        for element, attribute, link, _ in html.iterlinks():
            parsed = urlparse(link)
            assert parsed.scheme in ("https", "mailto", "tel") and (parsed.netloc or parsed.scheme != "https"), \
                (entry.title, element.tag, attribute, link)


def test_entries_say_what_the_page_says_above_and_below_the_text(sample_site: Path) -> None:
    """A clipping's outlet, original and reply (a third party's accusation read as the office's own); the main
    photo with its credit and the attachments with their titles in the text (RSS keeps one enclosure); a cancelled
    event's title and its series' cancelled dates."""
    entries = {e.link.removeprefix(SITE + "/"): e for e in feedparser.parse(
        (sample_site / "feeds/all.atom.xml").read_bytes()).entries}
    rss = feedparser.parse((sample_site / "feeds/all.rss.xml").read_bytes()).entries

    def text(link: str) -> str:
        return entries[link].content[0].value

    clipping = text("coverage/2026/akatharistes-oi-paralies-tou-alimou-ta-savvatokyriaka/")
    assert "Δημοσίευμα: Η Φωνή των Νοτίων" in clipping and 'href="https://foni-noton.example/2026/06/' in clipping
    assert "Απάντηση του Δήμου: <a href=\"https://press.alimos.gr/press-releases/2026/" in clipping
    release = text("press-releases/2026/ethelontikos-katharismos-tis-aktis-kalamakiou/")
    assert 'src="https://press.alimos.gr/media/2026/katharismos-aktis-1.jpg"' in release
    assert "Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου" in release
    leaflet = next(v for k, v in entries.items() if k.startswith("leaflets/")).content[0].value
    assert re.search(r"<h2>Συνημμένα</h2><ul><li><a href=\"https://press\.alimos\.gr/files/[^\"]+\.pdf\">[^<]+</a> "
                     r"\(PDF, [\d,]+ [KM]B\)</li>", leaflet), leaflet
    assert entries["events/2026/filanthropiko-pazari-syllogon-stin-plateia-dimarcheiou/"].title.startswith(
        "Ακυρώνεται: ") and any(e.title.startswith("Ακυρώνεται: Φιλανθρωπικό") for e in rss)
    series = next(v for k, v in entries.items() if "anagnoseis" in k).content[0].value
    assert "Ακυρώνονται: Σάββατο 21 Νοεμβρίου 2026" in series


def test_enclosures_have_the_files_exact_size_and_type(sample_site: Path) -> None:
    checked = 0
    for name in ("all.atom.xml", "all.rss.xml"):
        for entry in feedparser.parse((sample_site / "feeds" / name).read_bytes()).entries:
            for enclosure in entry.get("enclosures", []):
                rel = urlparse(enclosure.href).path.lstrip("/")
                assert int(enclosure.length) == (sample_site / rel).stat().st_size, "the file as published"
                assert enclosure.type in ("application/pdf", "image/jpeg")
                checked += 1
    assert checked > 20


def test_feeds_follow_the_rss_and_atom_rules(sample_site: Path) -> None:
    for path in feeds(sample_site):
        root = etree.parse(str(path)).getroot()
        if path.name.endswith(".atom.xml"):
            assert root.tag == f"{ATOM}feed"
            for field in ("id", "title", "updated"):
                assert root.findtext(f"{ATOM}{field}"), (path, field)
            assert RFC3339.match(root.findtext(f"{ATOM}updated"))
            assert len(root.findall(f"{ATOM}link[@rel='self']")) == 1
            assert root.find(f"{ATOM}author/{ATOM}name") is not None
            for entry in root.iter(f"{ATOM}entry"):
                for field in ("id", "title", "updated", "published"):
                    assert RFC3339.match(entry.findtext(f"{ATOM}{field}")) if field in ("updated", "published") \
                        else entry.findtext(f"{ATOM}{field}"), (path, field)
                for link in entry.findall(f"{ATOM}link[@rel='enclosure']"):
                    assert link.get("type") and link.get("length", "0").isdigit() and int(link.get("length")) > 0
        else:
            assert root.tag == "rss" and root.get("version") == "2.0"
            channel = root.find("channel")
            for field in ("title", "link", "description", "language", "lastBuildDate"):
                assert channel.findtext(field), (path, field)
            assert RFC822.match(channel.findtext("lastBuildDate"))
            assert len(channel.findall(f"{ATOM}link[@rel='self']")) == 1
            twin = etree.parse(str(path.with_name(path.name.replace(".rss.", ".atom.")))).getroot()
            page = twin.find(f"{ATOM}link[@rel='alternate']").get("href")
            assert channel.findtext("link") == page and not page.endswith(".xml"), "RSS's <link> is the web page"
            for item in channel.findall("item"):
                assert item.findtext("title") and item.findtext("guid") and item.findtext("link")
                assert item.find("guid").get("isPermaLink") == "false"
                assert RFC822.match(item.findtext("pubDate"))
                assert len(item.findall("enclosure")) <= 1


def test_two_builds_give_byte_identical_feeds(sample_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "again"
    build(load_settings(ROOT / "pelicanconf.py", KIRYX_NOW=SAMPLE_NOW, CACHE_PATH=tmp_path / "cache"), again)
    for path in feeds(sample_site):
        assert (again / path.relative_to(sample_site)).read_bytes() == path.read_bytes(), path


def test_a_series_in_the_feeds_does_not_change_with_the_clock(content_dir: Path, build_site: SiteBuilder) -> None:
    """Its entry said the next date («Πότε: Σάββατο 5 Δεκεμβρίου…», then «12 Δεκεμβρίου…») under the same
    `updated`: readers kept the first they fetched, soon in the past, and two builds differed."""
    write(content_dir, "events/2026/anagnoseis.md", """
        ---
        title: Παιδικές αναγνώσεις
        date: 2026-11-01 10:00
        summary: Ιστορίες για παιδιά κάθε Σάββατο.
        start: 2026-11-07 11:00
        end: 2026-11-07 12:00
        repeat: {every: week, on: [Σάββατο], until: 2026-12-19}
        ---
        Κείμενο.
        """)
    before = (build_site(now="2026-11-10 09:00") / "feeds/events.atom.xml").read_bytes()
    after = (build_site(now="2026-12-10 09:00") / "feeds/events.atom.xml").read_bytes()
    assert before == after
    assert "Πότε: Από Σάββατο 7 Νοεμβρίου 2026, 11:00–12:00· Κάθε Σάββατο, 11:00–12:00, έως 19 Δεκεμβρίου 2026" in \
        " ".join(html.unescape(before.decode()).split())


TRICKY = "Δήμος & Πολίτες: <νέα> «ανακοίνωση» \"με\" 'εισαγωγικά'; τέλος·"


@pytest.fixture
def release(content_dir: Path) -> Path:
    (content_dir / "media").mkdir()
    Image.new("RGB", (40, 20), "navy").save(content_dir / "media/x.png")
    return write(content_dir, "press-releases/2026/eidiki.md", f"""
        ---
        title: {json.dumps(TRICKY, ensure_ascii=False)}
        date: 2026-10-25 03:30
        summary: Σύνοψη με & και <.
        category: paideia
        ---
        Κείμενο με [σύνδεσμο](/grafeio-typou/) και ![εικόνα](media/x.png).
        """)


def test_titles_round_trip_exactly(release: Path, build_site: SiteBuilder) -> None:
    site = build_site()
    for name in ("all.atom.xml", "all.rss.xml"):
        entry = feedparser.parse((site / "feeds" / name).read_bytes()).entries[0]
        assert entry.title == TRICKY
        assert entry.summary == "Σύνοψη με & και <."


def test_an_ambiguous_autumn_time_is_read_as_summer_time(release: Path, build_site: SiteBuilder) -> None:
    atom = (build_site() / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert "<published>2026-10-25T03:30:00+03:00</published>" in atom


def test_ids_stay_the_same_after_a_title_correction(release: Path, build_site: SiteBuilder) -> None:
    first = feedparser.parse((build_site() / "feeds/all.atom.xml").read_bytes()).entries[0]
    release.write_text(release.read_text(encoding="utf-8").replace("τέλος·", "διορθωμένο"), encoding="utf-8")
    second = feedparser.parse((build_site() / "feeds/all.atom.xml").read_bytes()).entries[0]
    assert second.title != first.title
    assert second.id == first.id


def test_ids_stay_the_same_when_the_update_time_moves(release: Path, build_site: SiteBuilder) -> None:
    first = feedparser.parse((build_site() / "feeds/all.atom.xml").read_bytes()).entries[0]
    release.write_text(release.read_text(encoding="utf-8").replace("category: paideia", (
        "category: paideia\nupdated: 2026-11-02 10:00\nchanges:\n  - date: 2026-11-02 10:00\n"
        "    note: Διορθώθηκε ο τίτλος.\n    notify: true")), encoding="utf-8")
    second = feedparser.parse((build_site() / "feeds/all.atom.xml").read_bytes()).entries[0]
    assert second.updated != first.updated and second.updated.startswith("2026-11-02T10:00")
    assert second.id == first.id


def test_list_pages_link_their_feed(sample_site: Path) -> None:
    section = (sample_site / "press-releases/index.html").read_text(encoding="utf-8")
    assert 'rel="alternate" type="application/atom+xml" title="Δελτία Τύπου (Atom)" href="/feeds/press-releases.atom.xml"' in section
    assert 'href="/feeds/press-releases.rss.xml">RSS</a>' in section
    category = (sample_site / "category/perivallon/index.html").read_text(encoding="utf-8")
    assert 'href="/feeds/category/perivallon.atom.xml"' in category
    home = (sample_site / "index.html").read_text(encoding="utf-8")
    assert 'href="/feeds/all.atom.xml"' in home and 'href="/feeds/">Ροές RSS/Atom</a>' in home
    page = (sample_site / "feeds/index.html").read_text(encoding="utf-8")
    assert "Ροές RSS" in page and 'href="/feeds/tag/paralia.rss.xml"' in page


def test_the_feed_carries_a_stylesheet_for_browsers(sample_site: Path) -> None:
    head = (sample_site / "feeds/all.atom.xml").read_bytes()[:200]
    assert b'<?xml-stylesheet type="text/xsl" href="/theme/feeds/feed.xsl"?>' in head
    etree.parse(str(ROOT / "theme/static/feeds/feed.xsl"))


def test_a_corrected_date_keeps_the_entry_id(tmp_path: Path) -> None:
    """The id's day is the one the first publication recorded: a reader would show the item twice otherwise."""
    project = Project(tmp_path)
    project.write("press-releases/2026/proto.md", release_text(1))
    project.commit()
    assert project.publish().returncode == 0
    assert "+ press-releases/2026/proto.md -> press-releases/2026/deltio-arithmos-1/ @ 2026-11-20" in \
        project.repo.tags[0].tag.message
    first = {e.title: e.id for e in feedparser.parse((project.live() / "feeds/all.atom.xml").read_bytes()).entries}
    project.write("press-releases/2026/proto.md", release_text(1, "2026-11-19 10:00").replace(
        "category:", "changes:\n          - date: 2026-11-21 09:00\n            note: Η σωστή ημερομηνία.\n"
        "        category:"))
    project.commit()
    assert project.publish().returncode == 0
    feed = feedparser.parse((project.live() / "feeds/all.atom.xml").read_bytes())
    assert {e.title: e.id for e in feed.entries} == first == {
        "Δελτίο αριθμός 1": "tag:press.alimos.gr,2026-11-20:press-releases/2026/proto"}


def test_a_tags_feed_carries_its_withdrawals_and_outlives_its_last_item(content_dir: Path,
                                                                         build_site: SiteBuilder) -> None:
    write(content_dir, "press-releases/2026/a.md", release_text(1).replace("category:", "tags: [Ανάπλαση]\n        category:"))
    build_site()
    write(content_dir, "press-releases/2026/a.md", release_text(1).replace(
        "category:", "tags: [Ανάπλαση]\n        status: withdrawn\n        withdrawal_note: Λάθος στοιχεία.\n"
        "        category:"))
    site = build_site()
    feed = feedparser.parse((site / "feeds/tag/anaplasi.atom.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["Αποσύρθηκε: Δελτίο αριθμός 1"], "a subscription never breaks"
    assert not (site / "tag/anaplasi").exists() and feed.feed.link.endswith("/tag/")

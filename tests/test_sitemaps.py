"""Sitemaps and robots.txt: absolute URLs, real last changes with the Athens offset, nothing unpublished."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from lxml import etree

from plugins.sitemaps import Entry, sitemaps
from tests.conftest import SiteBuilder, write

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "n": "http://www.google.com/schemas/sitemap-news/0.9"}
SITE = "https://press.alimos.gr"
OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[23]:00$")


def urls(path: Path) -> dict[str, str | None]:
    tree = etree.parse(str(path))
    return {u.findtext("s:loc", namespaces=NS): u.findtext("s:lastmod", namespaces=NS)
            for u in tree.iterfind("s:url", NS)}


def test_the_sitemap_lists_every_public_page_with_its_last_change(sample_site: Path) -> None:
    found = urls(sample_site / "sitemap.xml")
    assert f"{SITE}/" in found and f"{SITE}/press-releases/" in found and f"{SITE}/grafeio-typou/" in found
    items = [u for u in found if re.search(r"/(press-releases|events|leaflets|coverage)/.+/$", u)]
    assert len(items) >= 40
    for url in items:
        assert (sample_site / url.removeprefix(SITE + "/") / "index.html").is_file(), url
        assert found[url] and OFFSET.match(found[url]), (url, found[url])
    # a corrected release: its lastmod is its correction, not its first publication
    corrected = next(u for u in found if "ethelontikos-katharismos" in u)
    page = (sample_site / corrected.removeprefix(SITE + "/") / "index.html").read_text(encoding="utf-8")
    published = re.search(r'<dt>Δημοσιεύθηκε</dt><dd[^>]*><time datetime="([^"]+)"', page)[1]  # type: ignore[index]
    assert published == "2026-04-27T09:30:00+03:00" and found[corrected] == "2026-04-28T09:00:00+03:00"
    text = (sample_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<priority>" not in text and "<changefreq>" not in text


def test_nothing_unpublished_is_in_the_sitemaps(sample_site: Path) -> None:
    text = (sample_site / "sitemap.xml").read_text(encoding="utf-8") + \
        (sample_site / "news-sitemap.xml").read_text(encoding="utf-8")
    for slug in ("proypologismou-2027",  # embargoed until 2 December
                 "schedio-apokatastasis-tis-paralias",  # a draft
                 "to-chronodiagramma-tis-anaplasis"):  # withdrawn
        assert slug not in text, slug


def test_the_news_sitemap_has_the_press_releases_of_the_last_two_days(sample_site: Path) -> None:
    tree = etree.parse(str(sample_site / "news-sitemap.xml"))
    news = tree.findall("s:url", NS)
    assert news, "the sample has a release of 23 November and is built on the 24th"
    for url in news:
        assert "/press-releases/" in url.findtext("s:loc", namespaces=NS)
        assert url.findtext("n:news/n:publication/n:name", namespaces=NS) == "Δήμος Αλίμου"
        assert url.findtext("n:news/n:publication/n:language", namespaces=NS) == "el"
        when = url.findtext("n:news/n:publication_date", namespaces=NS)
        assert OFFSET.match(when) and "2026-11-22T12:00" < when <= "2026-11-24T12:00", when
        assert url.findtext("n:news/n:title", namespaces=NS)


def test_robots_txt_names_both_sitemaps(sample_site: Path) -> None:
    robots = (sample_site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert f"Sitemap: {SITE}/sitemap.xml" in robots and f"Sitemap: {SITE}/news-sitemap.xml" in robots
    assert "Disallow: /admin/" in robots and "Disallow: /" not in robots


def test_a_preview_is_closed_to_robots(content_dir: Path, build_site: SiteBuilder) -> None:
    write(content_dir, "press-releases/2026/a.md", """
        ---
        title: Ανακοίνωση για την προεπισκόπηση
        date: 2026-11-20 10:00
        category: perivallon
        summary: Μια σύντομη περίληψη της ανακοίνωσης.
        ---
        Κείμενο.
        """)
    site = build_site(KIRYX_PREVIEW=datetime.fromisoformat("2026-11-24T12:00:00+02:00"))
    assert (site / "robots.txt").read_text(encoding="utf-8").splitlines()[-2:] == ["User-agent: *", "Disallow: /"]


def test_past_the_limit_the_sitemap_becomes_an_index() -> None:
    when = datetime.fromisoformat("2026-05-04T10:00:00+03:00")
    entries = [Entry(f"{SITE}/p/{n}/", when if n == 3 else None) for n in range(5)]
    assert list(sitemaps(entries, SITE, limit=5)) == ["sitemap.xml"]
    files = sitemaps(entries, SITE, limit=2)
    assert sorted(files) == ["sitemap.xml", "sitemaps/sitemap-1.xml", "sitemaps/sitemap-2.xml",
                             "sitemaps/sitemap-3.xml"]
    index = etree.fromstring(files["sitemap.xml"])
    assert index.tag == f"{{{NS['s']}}}sitemapindex"
    parts = [(s.findtext("s:loc", namespaces=NS), s.findtext("s:lastmod", namespaces=NS))
             for s in index.iterfind("s:sitemap", NS)]
    assert parts == [(f"{SITE}/sitemaps/sitemap-1.xml", None), (f"{SITE}/sitemaps/sitemap-2.xml",
                                                                  "2026-05-04T10:00:00+03:00"),
                     (f"{SITE}/sitemaps/sitemap-3.xml", None)]
    listed = [loc for rel in files if rel != "sitemap.xml"
              for loc in etree.fromstring(files[rel]).itertext() if loc.startswith("http")]
    assert listed == [e.loc for e in entries]

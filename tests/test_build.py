"""Real Pelican builds of small content folders: pages, URLs, embargo, drafts, refusal."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiryx.cli import main
from kiryx.config import ConfigError
from kiryx.content.problems import ContentError
from pelicanconf import KIRYX
from plugins.sections import Members
from tests.conftest import SiteBuilder, write
from tests.pdfs import sized_pdf, text_pdf
from tests.publishing import ENGLISH

RELEASE = """
---
title: "Ευρωπαϊκή Εβδομάδα Κινητικότητας & «Ημέρα χωρίς αυτοκίνητο»"
date: 2026-09-16 10:00
summary: Ο Δήμος Αλίμου συμμετέχει με δράσεις για πεζούς και ποδηλάτες.
category: Περιβάλλον
tags: [Κινητικότητα, Ποδήλατο]
attachments:
  - file: files/2026/programma.pdf
    title: Πρόγραμμα δράσεων
---
## Πρόγραμμα

Όλες οι δράσεις είναι <em>δωρεάν</em>.<script>alert(1)</script>
"""


@pytest.fixture
def site(content_dir: Path, build_site: SiteBuilder) -> Path:
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/programma.pdf").write_bytes(sized_pdf(2009))
    write(content_dir, "press-releases/2026/kinitikotita.md", RELEASE)
    write(content_dir, "press-releases/2026/embargo.md", """
        ---
        title: Προϋπολογισμός 2027
        date: 2026-12-02 09:00
        summary: Ο προϋπολογισμός του 2027.
        category: dimotiki-archi
        attachments:
          - file: files/2026/proypologismos.pdf
            title: Προϋπολογισμός
        ---
        Υπό εμπάργκο.
        """)
    (content_dir / "files/2026/proypologismos.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2025/draft.md", """
        ---
        title: Πρόχειρο κείμενο
        date: 2025-05-01
        summary: Δεν δημοσιεύεται.
        category: politismos
        status: draft
        ---
        Πρόχειρο.
        """)
    write(content_dir, "leaflets/anakyklosi.md", """
        ---
        title: Οδηγός ανακύκλωσης
        date: 2026-03-01
        summary: Τι πάει σε ποιον κάδο.
        ---
        Κείμενο.
        """)
    write(content_dir, "pages/grafeio-typou.md", """
        ---
        title: Γραφείο Τύπου
        slug: grafeio-typou
        ---
        Επικοινωνία.
        """)
    return build_site()


def html(site: Path, rel: str) -> str:
    return (site / rel).read_text(encoding="utf-8")


def test_item_page_has_greek_dates_category_tags_and_attachments(site: Path) -> None:
    page = html(site, "press-releases/2026/evropaiki-evdomada-kinitikotitas-imera-choris-aftokinito/index.html")
    assert '<html lang="el">' in page
    assert "Ευρωπαϊκή Εβδομάδα Κινητικότητας &amp; «Ημέρα χωρίς αυτοκίνητο»</h1>" in page
    assert '<time datetime="2026-09-16T10:00:00+03:00">Τετάρτη 16 Σεπτεμβρίου 2026</time>, 10:00' in page
    assert '<a href="/category/perivallon/" data-pagefind-filter="category">Περιβάλλον</a>' in page
    assert '<a href="/tag/podilato/">Ποδήλατο</a>' in page
    assert '<a href="/files/2026/programma.pdf" download>Πρόγραμμα δράσεων</a>' in page
    assert "(PDF, 2 KB)" in page
    assert "<em>δωρεάν</em>" in page and "<script>alert" not in page
    assert "press@alimos.gr" in page and "Αριστοτέλους 53" in page


def test_lists_taxonomies_and_archives_are_written(site: Path) -> None:
    for rel in ["index.html", "404.html", "press-releases/index.html", "press-releases/2026/index.html",
                "leaflets/index.html", "leaflets/odigos-anakyklosis/index.html", "category/perivallon/index.html",
                "tag/kinitikotita/index.html", "archive/2026/index.html", "grafeio-typou/index.html"]:
        assert (site / rel).is_file(), rel
    assert "Οδηγός ανακύκλωσης" in html(site, "index.html")
    assert "Σεπτέμβριος 2026" in html(site, "archive/2026/index.html")
    for rel in ["tag/kinitikotita/index.html", "category/perivallon/index.html"]:  # its own items, no others
        assert "Ημέρα χωρίς αυτοκίνητο" in html(site, rel) and "Οδηγός ανακύκλωσης" not in html(site, rel), rel


def test_tag_and_category_members_answer_membership_by_identity() -> None:
    first, twin = {"title": "Α"}, {"title": "Α"}  # equal, but different items (Pelican's items define no equality)
    members = Members([first])
    assert first in members and twin not in members and members == [first]


def test_embargoed_items_and_their_files_are_not_written(site: Path) -> None:
    assert not list(site.rglob("*proypologismos*"))
    assert not (site / "drafts").exists()
    assert "Προϋπολογισμός 2027" not in html(site, "press-releases/index.html")
    assert "Προϋπολογισμός 2027" not in html(site, "tag/index.html") + html(site, "index.html")


def test_drafts_never_appear(site: Path) -> None:
    assert not list(site.rglob("*prochairo*"))
    assert all("Πρόχειρο κείμενο" not in p.read_text(encoding="utf-8") for p in site.rglob("*.html"))
    assert not (site / "category/politismos").exists()


def test_embargoed_item_appears_once_its_time_has_come(content_dir: Path, site: Path, build_site: SiteBuilder) -> None:
    later = build_site(now="2026-12-02T09:00:00+02:00")
    assert (later / "press-releases/2026/proypologismos-2027/index.html").is_file()
    assert (later / "files/2026/proypologismos.pdf").is_file()


def test_pagination_uses_collision_free_paths(content_dir: Path, build_site: SiteBuilder) -> None:
    for n in range(14):
        write(content_dir, f"press-releases/2026/item-{n}.md", f"""
            ---
            title: Ανακοίνωση αριθμός {n}
            date: 2026-01-{n + 1:02d} 12:00
            summary: Σύνοψη {n}.
            category: paideia
            ---
            Κείμενο {n}.
            """)
    site = build_site()
    assert (site / "press-releases/page/2/index.html").is_file()
    assert (site / "category/paideia/page/2/index.html").is_file()
    first = html(site, "press-releases/index.html")
    assert 'rel="next" href="/press-releases/page/2/"' in first
    assert "Σελίδα 1 από 2" in first


def test_build_refuses_invalid_content_and_keeps_the_last_good_site(
        content_dir: Path, site: Path, build_site: SiteBuilder) -> None:
    before = sorted(p.relative_to(site) for p in site.rglob("*"))
    write(content_dir, "events/2026/bad.md", """
        ---
        title: Λάθος εκδήλωση
        date: 2026-11-01
        summary: Κάτι.
        start: 2026-12-05 21:00
        end: 2026-12-05 18:00
        ---
        """)
    with pytest.raises(ContentError) as err:
        build_site()
    assert "events/2026/bad.md:6: end: the event ends" in str(err.value)
    assert sorted(p.relative_to(site) for p in site.rglob("*")) == before


def test_cli_build_prints_the_problems_and_exits_1(content_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "leaflets/x.md", "---\ntitle: x\nrepeat: {unclosed\n---\n")
    code = main(["build", "--content", str(content_dir), "--output", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "leaflets/x.md:3: front matter: YAML error" in err and "nothing was written" in err
    assert not (tmp_path / "out").exists()


def test_bad_configuration_names_the_setting(build_site: SiteBuilder) -> None:
    with pytest.raises(ConfigError, match=r"KIRYX\['categories'\]\[0\]\['slug'\]: 'Bad Slug' must be lowercase"):
        build_site(KIRYX={**KIRYX, "categories": [{"slug": "Bad Slug", "name": "Κακό"}]})


def test_an_item_in_english_marks_its_own_words_not_the_greek_page(content_dir: Path,
                                                                   build_site: SiteBuilder) -> None:
    """`lang: en` made the whole page `<html lang="en">`, so screen readers read the Greek menus, dates and contact
    box with an English voice; and the Greek lists read its English title with a Greek one (WCAG 3.1.2)."""
    write(content_dir, "press-releases/2026/english.md", ENGLISH)
    site = build_site()
    page = (site / "press-releases/2026/alimos-opens-its-new-coastal-park/index.html").read_text(encoding="utf-8")
    assert '<html lang="el">' in page
    assert '<h1 id="item-title" lang="en" data-pagefind-meta="lang:en">Alimos opens' in page
    assert '<p class="item-summary" lang="en">' in page and '<div class="item-body" lang="en">' in page
    assert '<span aria-current="page" lang="en">Alimos opens' in page, "its breadcrumb too"
    home = (site / "index.html").read_text(encoding="utf-8")
    assert '<h2 class="card-title" lang="en">' in home or '<h3 class="card-title" lang="en">' in home
    assert '<p class="card-summary" lang="en">A park for everyone' in home


def test_a_footnotes_link_back_is_named_for_screen_readers(content_dir: Path, build_site: SiteBuilder) -> None:
    """Its name was «↩» (the title that says where it goes is no name to most screen readers): WCAG 2.4.4."""
    write(content_dir, "press-releases/2026/a.md", """
        ---
        title: Προϋπολογισμός
        date: 2026-11-20 10:00
        summary: Σ.
        category: perivallon
        ---
        Ποσό 600.000 €[^1].

        [^1]: Χωρίς ΦΠΑ.
        """)
    page = (build_site() / "press-releases/2026/proypologismos/index.html").read_text(encoding="utf-8")
    assert ('<a class="footnote-backref" href="#fnref:1" title="Επιστροφή στο κείμενο (υποσημείωση 1)" '
            'aria-label="Επιστροφή στο κείμενο (υποσημείωση 1)">↩</a>') in page

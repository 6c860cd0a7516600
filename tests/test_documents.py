"""Accessible documents: PDF checks with file and line, the accessible-format request, the statement."""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from pypdf.constants import UserAccessPermissions

from kiryx.cli import main
from kiryx.site import ROOT, check, load_settings
from tests.conftest import SiteBuilder, write
from tests.pdfs import NO_TEXT_EXTRACTION, scanned_pdf, text_pdf

FILES = {
    "tagged.pdf": text_pdf(),
    "untagged.pdf": text_pdf(tagged=False),
    "scan.pdf": scanned_pdf(),
    "locked.pdf": text_pdf(permissions=NO_TEXT_EXTRACTION),
    "checked.pdf": text_pdf(tagged=False, lang=None),
    "pinakas.ods": b"PK\x03\x04 not really a spreadsheet",
}
RELEASE = """
---
title: Ο νέος οδηγός ανακύκλωσης
date: 2026-03-02 10:00
summary: Σύνοψη.
category: perivallon
attachments:
- file: files/2026/tagged.pdf
  title: Οδηγός με ετικέτες
- file: files/2026/untagged.pdf
  title: Οδηγός χωρίς ετικέτες
- file: files/2026/scan.pdf
  title: Σαρωμένη απόφαση
- file: files/2026/locked.pdf
  title: Κλειδωμένο έγγραφο
- file: files/2026/checked.pdf
  title: Ελεγμένο έγγραφο
  accessible: true
- file: files/2026/pinakas.ods
  title: Πίνακας κάδων
---
Κείμενο.
"""


@pytest.fixture
def documents(content_dir: Path) -> Path:
    for name, data in FILES.items():
        (content_dir / "files/2026").mkdir(parents=True, exist_ok=True)
        (content_dir / "files/2026" / name).write_bytes(data)
    write(content_dir, "press-releases/2026/odigos.md", RELEASE)
    write(content_dir, "pages/dilosi-prosvasimotitas.md", "---\ntitle: Δήλωση προσβασιμότητας\n---\nΕισαγωγή.\n")
    return content_dir


def test_each_unreadable_pdf_is_a_warning_at_the_line_that_attaches_it(
        documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--content", str(documents)]) == 0
    out = capsys.readouterr().out
    at = f"{documents}/press-releases/2026/odigos.md"
    assert f"{at}:9: attachments[1].file: warning: 'files/2026/untagged.pdf' is not a tagged PDF" in out
    assert f"{at}:11: attachments[2].file: warning: 'files/2026/scan.pdf' has no text a screen reader can read" in out
    assert f"{at}:13: attachments[3].file: warning: 'files/2026/locked.pdf' is protected so that screen readers" in out
    assert "tagged.pdf'" not in out.replace("untagged.pdf'", ""), "a PDF that passes gets no warning"
    assert "checked.pdf" not in out, "a file marked accessible: true is not questioned"
    assert out.count("warning:") == 3
    assert main(["check", "--content", str(documents), "--strict"]) == 1


@pytest.mark.parametrize("algorithm", ["AES-128", "AES-256"])
def test_a_pdf_encrypted_with_aes_is_read_like_any_other(documents: Path, capsys: pytest.CaptureFixture[str],
                                                         algorithm: str) -> None:
    (documents / "files/2026/tagged.pdf").write_bytes(text_pdf(permissions=UserAccessPermissions(-1),
                                                               algorithm=algorithm))
    (documents / "files/2026/locked.pdf").write_bytes(text_pdf(
        permissions=NO_TEXT_EXTRACTION, algorithm=algorithm))
    assert main(["check", "--content", str(documents)]) == 0
    out = capsys.readouterr().out
    assert "tagged.pdf'" not in out.replace("untagged.pdf'", ""), "opened without a password, and it passes"
    assert "'files/2026/locked.pdf' is protected so that screen readers" in out


def test_a_broken_or_password_protected_pdf_is_an_error(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (documents / "files/2026/untagged.pdf").write_bytes(text_pdf()[:400])
    (documents / "files/2026/scan.pdf").write_bytes(text_pdf(user_password="1234"))
    assert main(["check", "--content", str(documents)]) == 1
    out = capsys.readouterr().out
    assert ":9: attachments[1].file: 'files/2026/untagged.pdf' is damaged or truncated" in out
    assert ":11: attachments[2].file: 'files/2026/scan.pdf' needs a password to open" in out


def requests(page: Path) -> dict[str, str]:
    """Each attachment's title and its accessible-format request link ('' when there is none)."""
    tree = lxml.html.parse(str(page))
    found = {}
    for item in tree.xpath("//section[@class='attachments']//li"):
        link = item.xpath(".//p[@class='format-request']/a/@href")
        found[item.xpath("./a")[0].text_content()] = link[0] if link else ""
    return found


def test_the_request_link_is_next_to_each_file_not_known_to_be_accessible(
        documents: Path, build_site: SiteBuilder) -> None:
    site = build_site()
    links = requests(site / "press-releases/2026/o-neos-odigos-anakyklosis/index.html")
    assert {title for title, link in links.items() if link} == {
        "Οδηγός χωρίς ετικέτες", "Σαρωμένη απόφαση", "Κλειδωμένο έγγραφο", "Πίνακας κάδων"}
    assert links["Σαρωμένη απόφαση"] == ("mailto:press@alimos.gr?subject=%CE%A0%CF%81%CE%BF%CF%83%CE%B2%CE%AC%CF%83"
                                         "%CE%B9%CE%BC%CE%B7%20%CE%BC%CE%BF%CF%81%CF%86%CE%AE%3A%20%CE%A3%CE%B1%CF"
                                         "%81%CF%89%CE%BC%CE%AD%CE%BD%CE%B7%20%CE%B1%CF%80%CF%8C%CF%86%CE%B1%CF%83"
                                         "%CE%B7%20%28%CE%9F%20%CE%BD%CE%AD%CE%BF%CF%82%20%CE%BF%CE%B4%CE%B7%CE%B3"
                                         "%CF%8C%CF%82%20%CE%B1%CE%BD%CE%B1%CE%BA%CF%8D%CE%BA%CE%BB%CF%89%CF%83%CE"
                                         "%B7%CF%82%29")  # «Προσβάσιμη μορφή: Σαρωμένη απόφαση (Ο νέος οδηγός …)»


def test_the_statement_lists_the_files_that_are_not_accessible_and_its_five_sections(
        documents: Path, build_site: SiteBuilder) -> None:
    page = lxml.html.parse(str(build_site() / "dilosi-prosvasimotitas/index.html"))
    assert [h.text_content() for h in page.xpath("//article//h2")] == [
        "Κατάσταση συμμόρφωσης", "Μη προσβάσιμο περιεχόμενο", "Κατάρτιση της δήλωσης",
        "Σχόλια και στοιχεία επικοινωνίας", "Διαδικασία εφαρμογής"]
    listed = [li.text_content() for li in page.xpath("//ul[@class='a11y-files']/li")]
    assert len(listed) == 4 and all("Ζητήστε το σε προσβάσιμη μορφή" in entry for entry in listed)
    assert not any("Οδηγός με ετικέτες" in e or "Ελεγμένο έγγραφο" in e for e in listed)
    assert "4 συνημμένα αρχεία δεν έχουν ελεγχθεί" in page.xpath("string(//article)")


def test_check_warns_when_the_statement_is_more_than_a_year_old(documents: Path) -> None:
    def review_warnings(now: str) -> list[str]:
        settings = load_settings(ROOT / "pelicanconf.py", PATH=documents, KIRYX_NOW=now,
                                 CACHE_PATH=str(documents.parent / "cache"))
        return [str(p) for p in check(settings).problems if p.field == "accessibility.reviewed"]

    assert review_warnings("2026-11-30 09:00") == []
    assert review_warnings("2026-11-23 09:00") == [
        "pages/dilosi-prosvasimotitas.md:1: accessibility.reviewed: warning: the accessibility statement says it was "
        "reviewed on 2026-11-24, a day still to come; set KIRYX['accessibility']['reviewed'] to the day of its last "
        "review"]
    assert review_warnings("2027-11-24 23:59") == [], "a year to the day is still current"
    assert review_warnings("2027-12-01 09:00") == [
        "pages/dilosi-prosvasimotitas.md:1: accessibility.reviewed: warning: the accessibility statement was last "
        "reviewed on 2026-11-24, more than a year ago; the law asks for a yearly review: check the site and its "
        "documents again, then set KIRYX['accessibility']['reviewed'] to that day"]


def test_a_pdf_linked_from_the_text_is_checked_too(documents: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(documents, "press-releases/2026/keimeno.md", RELEASE.split("attachments:")[0].replace(
          "Ο νέος οδηγός", "Η απόφαση για τον οδηγό") + "---\nΚείμενο.\n\n"
          "Δείτε [την απόφαση](/files/2026/scan.pdf).\n")
    assert main(["check", "--content", str(documents)]) == 0
    assert (f"{documents}/press-releases/2026/keimeno.md:9: body: warning: 'files/2026/scan.pdf' has no text a "
            "screen reader can read") in capsys.readouterr().out

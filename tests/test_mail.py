"""The journalists' mail, received by a real SMTP server: the full text in both parts, photos, attachments and
the kit, invitations, the size limit, the lists page, and the preview staff make before merging."""

from __future__ import annotations

import email
import email.policy
import re
import subprocess
import textwrap
from email.message import EmailMessage
from pathlib import Path

import icalendar
import pytest
from PIL import Image

from tests.browser import chromium
from tests.pdfs import scanned_pdf, sized_pdf
from tests.publishing import ENGLISH, EVENT, Project, archive, release, smtp_server
from tests.test_site_quality import VNU

SITE = "https://press.alimos.gr"
RICH = """
---
title: Πρόγραμμα ανακαίνισης σχολικών αυλών
date: 2026-11-20 10:00
summary: Έξι σχολικές αυλές ανακαινίζονται με νέα δάπεδα ασφαλείας και σκίαση.
category: paideia
image: media/2026/avli.jpg
image_alt: Σχολική αυλή με νέο δάπεδο ασφαλείας
images:
  - file: media/2026/skiasi.jpg
    alt: Στέγαστρα σκίασης στην αυλή του 3ου Δημοτικού
    caption: Τα νέα στέγαστρα στο 3ο Δημοτικό Σχολείο
    credit: "Φωτογραφία: Μαρία Παπαδάκη"
attachments:
  - file: files/2026/programma-avlon.pdf
    title: Το πρόγραμμα των εργασιών
---
## Τα σχολεία

Οι εργασίες ξεκινούν τον Δεκέμβριο, σύμφωνα με την [απόφαση του Δημοτικού Συμβουλίου](https://diavgeia.gov.gr/decision/view/6A1B2C3D), και ολοκληρώνονται πριν από το Πάσχα· δείτε και την [πολιτική απορρήτου](/politiki-aporritou/).

- 3ο Δημοτικό Σχολείο Αλίμου
- 1ο Γυμνάσιο Αλίμου

| Σχολείο | Κόστος |
|---|---|
| 3ο Δημοτικό | 120.000 € |
| 1ο Γυμνάσιο | 85.000 € |

> «Οι αυλές είναι η πρώτη τάξη κάθε σχολείου», δήλωσε η Αντιδήμαρχος Παιδείας.

![Το σχέδιο της νέας αυλής](/media/2026/schedio.jpg)
"""


def photo(path: Path, size: tuple[int, int] = (1800, 1200)) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 110, 160)).save(path, "JPEG", quality=90)


def pdf(path: Path, size: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(sized_pdf(size))


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    for name in ("avli", "skiasi", "schedio"):
        photo(project.content / f"media/2026/{name}.jpg")
    pdf(project.content / "files/2026/programma-avlon.pdf", 120_000)
    project.commit("Αρχείο")
    return project


def mails(project: Project, rel: str, text: str, **kiryx: object) -> list[EmailMessage]:
    """Publish a baseline, then `text` at `rel`; the mails that arrived."""
    if kiryx:
        project.configure(**kiryx)
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write(rel, text)
        project.commit()
        result = project.publish(port=port)
        assert result.returncode == 0, result.stdout + result.stderr
    return server.received


def parts(message: EmailMessage) -> tuple[str, str]:
    return message.get_body(("plain",)).get_content(), message.get_body(("html",)).get_content()


ENCODED_WORD = re.compile(rb"=\?[^?\s]+\?[bBqQ]\?[^?\s]*\?=")
STREAM = "https://www.youtube.com/watch?v=AbCdEfGhIjK&t=42s"


def test_what_goes_on_the_wire_is_as_the_mail_standards_say(project: Project, tmp_path: Path) -> None:
    """Seen on the wire, not through Python's parser (which reads its own output back): the unsubscribe link was
    folded into encoded-words (RFC 2369 forbids them), the calendar went as 8-bit to a server that had not offered
    8BITMIME, the outbox's encoded-words ran to 128 characters (RFC 2047: 75), and the text part cut every link at
    its '?' (the live stream's address lost its ?v=)."""
    invitation = EVENT.replace("press_conference: true", f"press_conference: true\nonline_url: {STREAM}")
    invitation += ("\n[Διαύγεια](https://diavgeia.gov.gr/search?query=alimos&page=0)\n\nΚόστος 250.000 €[^1].\n\n"
                   "[^1]: Με ΦΠΑ.\n")
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("events/2026/synentefxi.md", invitation)
        project.commit()
        assert project.publish(port=port).returncode == 0
    (tmp_path / "local").mkdir()
    local = archive(tmp_path / "local")  # no server: the local outbox
    local.write("events/2026/synentefxi.md", invitation)
    local.commit()
    assert local.publish().returncode == 0
    outbox = [path.read_bytes() for path in (local.state / "outbox/new").iterdir()]
    assert server.raw and outbox
    for raw, options in server.raw + [(mail, []) for mail in outbox]:
        head = raw.split(b"\r\n\r\n" if b"\r\n" in raw else b"\n\n", 1)[0]
        unsubscribe = re.search(rb"^List-Unsubscribe: (.*)$", head, re.M)
        assert unsubscribe and unsubscribe[1].startswith(b"<mailto:") and b"=?" not in unsubscribe[1], head
        assert [w for w in ENCODED_WORD.findall(head) if len(w) > 75] == [], head.decode()
        assert "BODY=8BITMIME" in options or max(raw) < 128, "8-bit data to a server not asked for 8BITMIME"
        assert max(len(line) for line in raw.splitlines()) <= 998
    calendar = next(p for p in server.received[0].iter_attachments() if p.get_content_type() == "text/calendar")
    assert calendar["Content-Transfer-Encoding"] in ("quoted-printable", "base64")
    text = server.received[0].get_body(("plain",)).get_content()
    assert f"<{STREAM}>" in " ".join(text.split()) or STREAM in text
    assert "<https://diavgeia.gov.gr/search?query=alimos&page=0>" in text
    description = str(icalendar.Calendar.from_ical(calendar.get_content()).walk("VEVENT")[0]["DESCRIPTION"])
    for plain in (text, description):  # a footnote's mark is no digit of the amount, and no «↩» is left over
        assert "250.000 €[1]." in plain and "Με ΦΠΑ." in plain and "↩" not in plain, plain


def test_the_mail_carries_the_full_text_in_both_parts(project: Project) -> None:
    received = mails(project, "press-releases/2026/avles.md", RICH)
    message = next(m for m in received if m["To"].addresses[0].addr_spec == "press-list@lists.alimos.gr")
    assert message["Subject"] == "[Δελτίο Τύπου] Πρόγραμμα ανακαίνισης σχολικών αυλών"
    assert message["From"].addresses[0].display_name == "Γραφείο Τύπου, Δημοσίων Σχέσεων & Επικοινωνίας"
    assert message["To"].addresses[0].display_name == "Δημοσιογράφοι"
    text, html = parts(message)
    for part in (text, html):
        for words in ("Τα σχολεία", "ολοκληρώνονται πριν από το Πάσχα", "3ο Δημοτικό Σχολείο Αλίμου",
                      "1ο Γυμνάσιο Αλίμου", "120.000 €", "85.000 €", "η πρώτη τάξη κάθε σχολείου",
                      "https://diavgeia.gov.gr/decision/view/6A1B2C3D", f"{SITE}/politiki-aporritou/"):
            assert words in part, words
    assert "Τα σχολεία\n----------" in text, "headings are underlined"
    assert "  * 3ο Δημοτικό Σχολείο Αλίμου" in text and re.search(r"3ο Δημοτικό +120\.000 €", text)
    assert "απόφαση του Δημοτικού Συμβουλίου <https://diavgeia.gov.gr/" in " ".join(text.split())
    long = [line for line in text.splitlines() if len(line) > 76 and "://" not in line]
    assert long == [], "text is wrapped at 76 characters"


def test_the_html_part_is_valid_and_loads_only_the_sites_images(project: Project, tmp_path: Path) -> None:
    received = mails(project, "press-releases/2026/avles.md", RICH)
    _, html = parts(received[0])
    page = tmp_path / "mail.html"
    page.write_text(html, encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", str(page)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert '<html lang="el">' in html and "<script" not in html and "<link" not in html and "<style" not in html
    assert 'style="max-width: 600px' in html or "max-width:600px" in html.replace(" ", "")
    images = re.findall(r"<img [^>]*>", html)
    assert len(images) == 2, "the main image and the body's image"
    for img in images:
        assert re.search(rf'src="{SITE}/media/renditions/[0-9a-f]+/960\.jpg"', img) and 'alt="' in img, img
        assert 'width="560"' in img


def test_the_html_part_fits_a_phone_whatever_the_text(project: Project) -> None:
    """A long unbroken string (an address, a reference number) made the mail 2795 px wide on a 375 px phone."""
    long = "ΑΔΑ:" + "Ψ" * 300
    received = mails(project, "press-releases/2026/neo.md", textwrap.dedent(release(3)) + f"\n{long}\n")
    _, html = parts(received[0])
    with chromium() as browser:
        page = browser.new_page(viewport={"width": 375, "height": 800})
        page.set_content(html)
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert long[:20] in page.inner_text("body")


def test_photos_attachments_and_the_kit_are_linked(project: Project) -> None:
    received = mails(project, "press-releases/2026/avles.md", RICH)
    text, html = parts(received[0])
    assert re.search(rf'<a href="{SITE}/media/2026/schedio\.jpg"[^>]*><img ', html), "a body image opens its full file"
    assert "<picture" not in html and "<source" not in html, "mail programs know no <picture>: its <img> alone"
    assert (f"Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου · Σε πλήρη ανάλυση <{SITE}/media/2026/avli.jpg> (JPEG, "
            "1800×1200,") in " ".join(text.split()), "the main photo with its credit and its file's format"
    assert "Τα νέα στέγαστρα στο 3ο Δημοτικό Σχολείο" in text and "Φωτογραφία: Μαρία Παπαδάκη" in text
    assert f"{SITE}/media/2026/skiasi.jpg" in text
    flat = " ".join(text.split())  # wrapped lines joined
    assert re.search(r"Το πρόγραμμα των εργασιών <[^>]+programma-avlon\.pdf> \(PDF, 120 KB\)", flat)
    kit = re.search(rf"<({SITE}/press-releases/2026/[^>]+/press-kit-[^>]+\.zip)>", flat)
    assert kit, "the «Υλικό για τον Τύπο» link is the ZIP itself"
    assert (project.live() / kit[1].removeprefix(SITE + "/")).is_file()
    assert not [p for p in received[0].iter_attachments()], "PDFs are linked, not attached, unless configured"


def test_a_png_photo_is_called_png(project: Project) -> None:
    Image.new("RGB", (1200, 800), (40, 110, 160)).save(project.content / "media/2026/diagramma.png", "PNG")
    project.commit("Διάγραμμα")
    received = mails(project, "press-releases/2026/avles.md", RICH.replace("media/2026/skiasi.jpg",
                                                                           "media/2026/diagramma.png"))
    flat = " ".join(parts(received[0])[0].split())
    assert f"<{SITE}/media/2026/diagramma.png> (PNG, 1200×800," in flat and "(JPEG, 1200×800" not in flat


def test_a_press_conference_mail_is_an_invitation_with_a_reply_link(project: Project) -> None:
    online = EVENT.replace("location:", "online_url: https://www.youtube.com/@dimosalimou/live\nlocation:")
    received = mails(project, "events/2026/synentefxi.md", online)
    message = next(m for m in received if m["To"].addresses[0].addr_spec == "events@lists.alimos.gr")
    text, html = parts(message)
    assert message["Subject"].startswith("[Πρόσκληση σε συνέντευξη Τύπου]")
    assert "Σας προσκαλούμε στη συνέντευξη Τύπου" in text
    reply = re.search(r'href="(mailto:press@alimos\.gr\?subject=[^"]+)"', html)
    assert reply and "Επιβεβαιώστε την παρουσία σας" in html
    assert email.header.decode_header(reply[1])  # a plain mailto: with a percent-encoded Greek subject
    assert "%CE%A0%CE%B1%CF%81%CE%BF%CF%85%CF%83%CE%AF%CE%B1" in reply[1], "subject «Παρουσία: …»"
    assert "Διαπίστευση: Με email στο press@alimos.gr" in text
    assert "Διαδικτυακά: ζωντανή μετάδοση" in text, "the page's word for it, not «Online»"
    assert text.index("Πότε: Τετάρτη 2 Δεκεμβρίου 2026, 11:00–12:30") < text.index("Πρόσκληση.")


def test_small_pdfs_are_attached_when_configured(project: Project) -> None:
    received = mails(project, "press-releases/2026/avles.md", RICH, mail={"attach_below": 500_000})
    attached = [p for p in received[0].iter_attachments()]
    assert [(p.get_content_type(), p.get_filename()) for p in attached] == [("application/pdf",
                                                                            "programma-avlon.pdf")]
    assert attached[0].get_content().startswith(b"%PDF")
    assert "επισυνάπτεται" in parts(received[0])[1]


def test_a_mail_stays_under_the_size_limit_whatever_the_item_holds(project: Project) -> None:
    huge = RICH + "\n" + "\n\n".join(f"Παράγραφος {n}: " + "πολύ μεγάλο κείμενο " * 60 for n in range(200))
    received = mails(project, "press-releases/2026/avles.md", huge,
                     mail={"attach_below": 500_000, "max_size": 150_000})
    message = received[0]
    assert len(message.as_bytes()) <= 150_000
    text, _ = parts(message)
    assert "Το πλήρες κείμενο είναι πολύ μεγάλο για email" in text and f"{SITE}/press-releases/2026/" in text
    assert not list(message.iter_attachments()), "the PDF went first, linked instead"
    assert "Έξι σχολικές αυλές ανακαινίζονται" in text, "the summary stays"


def test_mail_preview_writes_each_lists_mail_and_sends_nothing(project: Project, tmp_path: Path) -> None:
    project.write("events/2026/synentefxi.md", EVENT)
    out = tmp_path / "preview"
    result = project.run("mail-preview", str(project.content / "events/2026/synentefxi.md"), "--out", str(out))
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"synentefxi-typou-gia-ton-proypologismo.{lst}.publication.{ext}"
                           for lst in ("dimosiografoi", "ekdiloseis-kai-synentefxeis-typou") for ext in ("eml", "html"))
    message = email.message_from_bytes((out / names[0]).read_bytes(), policy=email.policy.default)
    assert message["Subject"].startswith("[Πρόσκληση σε συνέντευξη Τύπου]")
    assert "Nothing was sent." in result.stdout
    assert not (project.state / "outbox").exists() and not (project.state / "ledger.sqlite").exists()


def test_mail_preview_of_a_correction_starts_with_its_note(project: Project, tmp_path: Path) -> None:
    project.write("press-releases/2026/palio.md", textwrap.dedent(release(0, "2026-01-10 10:00")).replace(
        "category: perivallon", "category: perivallon\nchanges:\n  - date: 2026-11-23 10:00\n"
        "    note: Διορθώθηκε ο αριθμός των σχολείων.\n    notify: true"))
    out = tmp_path / "preview"
    result = project.run("mail-preview", "press-releases/2026/palio.md", "--content", str(project.content),
                         "--out", str(out))
    assert result.returncode == 0, result.stderr
    correction = (out / "deltio-arithmos-0.dimosiografoi.correction.html").read_text(encoding="utf-8")
    assert correction.index("Διορθώθηκε ο αριθμός των σχολείων.") < correction.index("Κείμενο του δελτίου 0.")
    assert "Δημοσιεύθηκε 10 Ιανουαρίου 2026, 10:00</p>" in correction and "Διόρθωση · " not in correction


def test_mail_preview_explains_a_wrong_path(project: Project) -> None:
    result = project.run("mail-preview", "press-releases/2026/den-yparchei.md")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert "not an item of the content folder" in result.stderr
    greek = project.run("mail-preview", "--lang", "el", "press-releases/2026/den-yparchei.md")
    assert (greek.returncode, greek.stderr) == (1, "press-releases/2026/den-yparchei.md: δεν είναι κείμενο του φακέλου "
                                                   f"περιεχομένου {project.content}· δώστε τη διαδρομή του αρχείου .md, "
                                                   "π.χ. content/press-releases/2026/deltio.md\n")


def test_the_lists_page_and_the_privacy_notice_come_from_the_configuration(sample_site: Path) -> None:
    page = (sample_site / "lists/index.html").read_text(encoding="utf-8")
    for name in ("Δημοσιογράφοι", "Εκδηλώσεις και συνεντεύξεις Τύπου"):
        assert f">{name}</h2>" in page
    assert 'href="mailto:press-list-join@lists.alimos.gr?subject=' in page
    assert 'href="mailto:events-leave@lists.alimos.gr?subject=' in page
    assert "Δελτία Τύπου, Εκδηλώσεις και Ενημερωτικά έντυπα" in page
    assert 'href="/politiki-aporritou/"' in page
    privacy = (sample_site / "politiki-aporritou/index.html").read_text(encoding="utf-8")
    assert "<strong>Δημοσιογράφοι</strong> (press-list@lists.alimos.gr)" in privacy
    assert "<strong>Εκδηλώσεις και συνεντεύξεις Τύπου</strong> (events@lists.alimos.gr)" in privacy
    assert 'href="/lists/">Λίστες ενημέρωσης</a>' in (sample_site / "index.html").read_text(encoding="utf-8")


def test_a_file_that_may_not_be_accessible_comes_with_a_request_link(project: Project) -> None:
    (project.content / "files/2026/apofasi.pdf").write_bytes(scanned_pdf())
    project.commit("Η σαρωμένη απόφαση")
    text = RICH.replace("    title: Το πρόγραμμα των εργασιών\n", "    title: Το πρόγραμμα των εργασιών\n"
                        "  - file: files/2026/apofasi.pdf\n    title: Η απόφαση του Δημοτικού Συμβουλίου\n")
    plain, html = parts(mails(project, "press-releases/2026/avles.md", text)[0])
    flat = " ".join(plain.split())
    request = re.search(r"Η απόφαση του Δημοτικού Συμβουλίου <[^>]+apofasi\.pdf> \(PDF, [^)]+\) Ίσως δεν είναι "
                        r"κατάλληλο για υποστηρικτική τεχνολογία: ζητήστε το σε προσβάσιμη μορφή <press@alimos\.gr>",
                        flat)
    assert request and flat.count("ζητήστε το σε προσβάσιμη μορφή") == 1, "the tagged PDF has none"
    link = re.findall(r'<a href="([^"]+)"[^>]*>ζητήστε το σε προσβάσιμη μορφή</a>', html)
    assert len(link) == 1 and link[0].startswith("mailto:press@alimos.gr?subject=%CE%A0%CF%81%CE%BF")


def test_a_series_mail_gives_its_next_date_and_its_cancelled_ones(tmp_path: Path) -> None:
    """Published after it began, a series was mailed with its first date, already past; and its cancelled dates were
    counted as told (no «Ακύρωση» would follow) without the mail naming them."""
    project = Project(tmp_path)
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit("Αρχείο")
    series = ("---\ntitle: Εργαστήρι ρομποτικής\ndate: 2026-11-23 10:00\nsummary: Κάθε Τετάρτη.\n"
              "start: 2026-11-04 17:00\nend: 2026-11-04 18:30\nlocation: Βιβλιοθήκη\n"
              "repeat: {every: week, count: 6}\ncancelled_dates: [2026-12-02]\n---\nΓια παιδιά.\n")
    received = mails(project, "events/2026/rompotiki.md", series)
    assert {m["To"].addresses[0].addr_spec for m in received} == {"press-list@lists.alimos.gr",
                                                                    "events@lists.alimos.gr"}
    text, html = parts(received[0])
    assert "Τετάρτη 25 Νοεμβρίου 2026, 17:00–18:30· Κάθε εβδομάδα" in text, text
    assert "4 Νοεμβρίου" not in text.split("Πότε")[1].split("\n")[0]
    assert "Ακυρώνονται: Τετάρτη 2 Δεκεμβρίου 2026" in text and "Τετάρτη 2 Δεκεμβρίου 2026" in html


def test_an_item_in_english_is_marked_so_in_its_greek_mail_and_feed(project: Project) -> None:
    """The page marked its English words; the mail (`<html lang="el">`, Content-Language: el) and the Atom entry
    did not, so screen readers and translators took the English for Greek."""
    received = mails(project, "press-releases/2026/english.md", ENGLISH)
    _, html = parts(received[0])
    assert '<html lang="el">' in html and re.search(r'<h1 lang="en"[^>]*>Alimos opens its new coastal park', html)
    assert '<p class="summary" lang="en"' in html and re.search(r'<div lang="en">(<div>)?<p>The Municipality', html)
    feed = (project.live() / "feeds/all.atom.xml").read_text(encoding="utf-8")
    assert re.search(r'<entry xml:lang="en">\s*<id>[^<]*english</id>', feed), feed[:2000]

"""Can everyone read an attached PDF? Text layer, tags, title, language and permissions, checked with pypdf;
and is the accessibility statement that lists the ones that fail still current?

Greek law 4727/2020 (the EU Web Accessibility Directive) covers a municipality's documents as
well as its pages. A PDF that passes every test here counts as accessible; one that fails any
gets a warning (an error with --strict) and, on the site and in the mail, a link to ask the
press office for an accessible format.
"""

from __future__ import annotations

import logging
import zipfile
import zlib
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from ..config import KiryxConfig
from ..i18n import Message, msg
from .problems import Problem

if TYPE_CHECKING:
    from .schema import Item

TEXT_PAGES = 20
"""Pages looked at for a text layer: a document with none in its first 20 is taken for a scan."""


class BrokenDocument(Exception):
    """The file cannot be opened as a PDF: an error, as for a damaged image."""

    def __init__(self, message: Message):
        super().__init__(str(message))
        self.message = message


def pdf_findings(path: Path, rel: str) -> list[Message]:
    """What keeps assistive technology from reading the PDF `rel`; [] when nothing does.

    Raises BrokenDocument when it is damaged, truncated or needs a password to open.
    """
    # Imported here: only a PDF not inspected before needs pypdf, and every `check` is spared loading it.
    from pypdf import PdfReader
    from pypdf.constants import UserAccessPermissions
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError

    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its repair notes are not the author's business
    try:
        with path.open("rb") as start:
            head = start.read(1024)
    except OSError:
        head = b"%PDF"  # said below, as for any file that cannot be read
    if head and b"%PDF" not in head:  # a PDF says so in its first bytes; a photo or a page named .pdf does not
        raise BrokenDocument(msg("'{file}' is not a PDF (a photo or a document of another kind named .pdf?); "
                                 "export the document as PDF", file=rel))
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise BrokenDocument(msg("'{file}' needs a password to open; publish it without one", file=rel))
        root = reader.trailer["/Root"].get_object()
        findings = []
        if reader.is_encrypted and not reader.user_access_permissions & UserAccessPermissions.EXTRACT_TEXT_AND_GRAPHICS:
            findings.append(msg("'{file}' is protected so that screen readers may not read it; export it again "
                                "without restrictions", file=rel))
        elif not any((page.extract_text() or "").strip() for page in reader.pages[:TEXT_PAGES]):
            return [msg("'{file}' has no text a screen reader can read (a scan?); export the original document "
                        "as a tagged PDF instead", file=rel)]  # which also brings the tags, title and language
        mark_info = root.get("/MarkInfo")
        if "/StructTreeRoot" not in root or not (mark_info and mark_info.get_object().get("/Marked")):
            findings.append(msg("'{file}' is not a tagged PDF, so screen readers cannot follow its headings, lists "
                                "and tables; export it with tags («Tagged PDF» in Word or LibreOffice)", file=rel))
        preferences = root.get("/ViewerPreferences")
        shows_title = bool(preferences and preferences.get_object().get("/DisplayDocTitle"))
        if not (reader.metadata and (reader.metadata.title or "").strip()):
            findings.append(msg("'{file}' has no document title to show in place of its file name; set the title "
                                "in the document's properties and export again", file=rel))
        elif not shows_title:
            findings.append(msg("'{file}' has a title, but readers are not told to show it in place of the file "
                                "name; choose «Display document title» in the PDF export options and export again",
                                file=rel))
        if not str(root.get("/Lang", "")).strip():
            findings.append(msg("'{file}' does not say its language, so a screen reader may read the Greek with "
                                "English rules; set the document language and export again", file=rel))
        return findings
    except BrokenDocument:
        raise
    except (NotImplementedError, DependencyError):  # a security handler pypdf cannot open (certificates, …)
        raise BrokenDocument(msg("'{file}' is protected in a way that cannot be opened here; export it again "
                                 "without protection", file=rel)) from None
    except (PdfReadError, FileNotDecryptedError, OSError, ValueError, KeyError, TypeError, AttributeError,
            RecursionError):
        raise BrokenDocument(msg("'{file}' is damaged or truncated; export it again from the program that made it",
                                 file=rel)) from None


def zip_problem(path: Path, rel: str) -> Message | None:
    """What would stop a journalist opening an attached ZIP (damaged, or locked with a password); None when fine."""
    try:
        with zipfile.ZipFile(path) as archive:
            locked = any(member.flag_bits & 0x1 for member in archive.infolist())
            damaged = not locked and archive.testzip() is not None
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError):
        damaged, locked = True, False
    if locked:
        return msg("'{file}' is locked with a password, so no one can open it from the site; attach it without one",
                   file=rel)
    if damaged:
        return msg("'{file}' is damaged or truncated; export it again from the program that made it", file=rel)
    return None


REVIEW_EVERY = timedelta(days=366)


def stale_statement(config: KiryxConfig, items: list[Item], now: datetime, settings_file: str) -> list[Problem]:
    """A warning, on the statement's page, when its last review is more than a year old, or dated after today (the
    statement would say it was reviewed on a day still to come)."""
    reviewed = config.accessibility.reviewed_on
    page = next((i.source for i in items if i.type.key == "pages" and i.url == config.pages.accessibility), None)
    if reviewed > now.date():
        return [Problem(page.rel if page else settings_file, 1, "accessibility.reviewed", msg(
            "the accessibility statement says it was reviewed on {date}, a day still to come; set "
            "KIRYX['accessibility']['reviewed'] to the day of its last review", date=reviewed.isoformat()), "warning")]
    if now.date() - reviewed <= REVIEW_EVERY:
        return []
    return [Problem(page.rel if page else settings_file, 1, "accessibility.reviewed", msg(
        "the accessibility statement was last reviewed on {date}, more than a year ago; the law asks for a yearly "
        "review: check the site and its documents again, then set KIRYX['accessibility']['reviewed'] to that day",
        date=reviewed.isoformat()), "warning")]

"""What a notification mail says: the item's full text and everything a journalist needs around it.

A `Letter` is made from a notice and the site as deployed (the release folder): the body is the
same sanitized HTML the page shows, with absolute links and each local image as its 960 px
rendition linked to the full-resolution file; the main image and every press-kit photo with
caption, credit and download; the attachments with type and size; the press kit's ZIP; for an
event its date, time and place; for a press conference the invitation, a reply link and the
accreditation note; for a correction its notes first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from urllib.parse import quote, urljoin

import lxml.html

from ..config import KiryxConfig
from ..content.recurrence import schedule_of
from ..greek import file_size, greek_date, listed
from ..images.renditions import Rendition
from ..images.store import ImageSet, ImageStore, local_image
from .notices import CANCELLATION, PUBLICATION, WITHDRAWAL, Notice

MAIL_WIDTH = 560
"""Pixels an image takes in the mail's single column."""


_FORMATS = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP"}  # of a full-resolution file


@dataclass(frozen=True)
class Photo:
    src: str
    """Its 960 px rendition (absolute URL)."""
    download: str
    """The full-resolution file."""
    width: int
    height: int
    alt: str
    caption: str = ""
    credit: str = ""
    details: str = ""
    """«JPEG, 3000×2000, 2,1 MB»"""


@dataclass(frozen=True)
class Download:
    title: str
    url: str
    format: str
    size: int
    path: Path | None = None
    """The file as deployed, for attaching."""
    request: str = ""
    """Where to ask for an accessible format, when the file is not known to be accessible."""

    @property
    def size_text(self) -> str:
        return file_size(self.size)


@dataclass(frozen=True)
class EventFacts:
    when: str
    location: str
    online_url: str
    cancelled: bool
    called_off: tuple[str, ...] = ()
    """A series' cancelled dates, «Σάββατο 5 Δεκεμβρίου 2026» (a first mail sent after some were cancelled)."""


@dataclass(frozen=True)
class Invitation:
    reply: str
    """mailto: the press office, subject prefilled."""
    accreditation: str


@dataclass
class Letter:
    kind: str
    label: str
    """What it is, as the subject says: «Δελτίο Τύπου», «Πρόσκληση σε συνέντευξη Τύπου», «Διόρθωση»…"""
    title: str
    link: str
    published: datetime
    summary: str
    body: str
    """The full text (HTML), or "" when it is left to the site (withdrawals, or too large for a mail)."""
    notes: list[str] = field(default_factory=list)
    """Correction notes (a cancellation's: its reasons), or the withdrawal note."""
    corrected: datetime | None = None
    """When the newest correction it announces was made."""
    withdrawn: datetime | None = None
    event: EventFacts | None = None
    invitation: Invitation | None = None
    image: Photo | None = None
    photos: list[Photo] = field(default_factory=list)
    downloads: list[Download] = field(default_factory=list)
    kit: Download | None = None
    attached: list[Download] = field(default_factory=list)
    """The downloads that travel as attachments (config mail.attach_below)."""
    cancelled_day: str = ""
    """For the cancellation of one date of a series: that date, in Greek."""
    others_held: bool = True
    """Whether dates of the series are still to take place (cancelling its last ones, none is)."""
    shortened: bool = False
    """The full text did not fit the size limit and is left to the site."""
    lang: str = "el"
    """The language of its title and text (`lang:`), marked where it is not the list's."""


def label_of(notice: Notice) -> str:
    values = notice.item.values
    if notice.kind == WITHDRAWAL:
        return "Απόσυρση"
    if notice.kind == CANCELLATION:
        return "Ακύρωση"
    if notice.kind != PUBLICATION:
        return "Διόρθωση"
    if values.get("press_conference"):
        return "Πρόσκληση σε συνέντευξη Τύπου"
    return notice.item.type.singular


class LetterWriter:
    """Makes letters for one site: its settings, its checked content, its images, the release as deployed."""

    def __init__(self, config: KiryxConfig, site: str, html: dict[str, str], images: ImageStore, release: Path):
        self.config, self.site, self.html, self.images, self.release = config, site, html, images, release

    def letter(self, notice: Notice, now: datetime) -> Letter:
        item, values = notice.item, notice.item.values
        link = f"{self.site}/{item.url}"
        withdrawn = notice.kind == WITHDRAWAL
        letter = Letter(kind=notice.kind, label=label_of(notice), title=values["title"], link=link,
                        published=values["date"], summary=values.get("summary", ""), lang=values.get("lang", "el"),
                        body="" if withdrawn else self.body(self.html.get(item.source.rel, ""), link))
        if withdrawn:
            letter.notes, letter.withdrawn = [values.get("withdrawal_note", "")], values.get("withdrawn")
            return letter
        letter.notes = notice.notes if notice.kind != PUBLICATION else []
        letter.corrected = notice.noted_at if notice.kind != PUBLICATION else None
        if notice.days:
            letter.cancelled_day = listed([greek_date(day, weekday=True) for day in notice.days])
        if item.type.key == "events":
            schedule = schedule_of(values)
            letter.event = EventFacts(schedule.when(now), values.get("location") or "", values.get("online_url") or "",
                                      bool(values.get("cancelled")), tuple(schedule.called_off()))
            letter.others_held = any(not o.cancelled for o in schedule.upcoming(now))
            if values.get("press_conference") and not values.get("cancelled"):
                subject = quote(f"Παρουσία: {values['title']}")
                letter.invitation = Invitation(f"mailto:{self.config.press_office.email}?subject={subject}",
                                               values.get("accreditation") or self.config.mail.accreditation)
        if values.get("image"):  # with its caption and credit when it is one of the press-kit photos too
            lead = item.lead_photo(self.config.photo_credit)
            letter.image = self.photo(values["image"], values.get("image_alt", ""), lead["caption"], lead["credit"])
        letter.photos = [self.photo(p["file"], p.get("alt", ""), p.get("caption", ""), p["credit"])
                         for p in item.photos(self.config.photo_credit)]
        letter.downloads = [self.download(a["title"], a["file"],
                                          self.config.press_office.format_request(values["title"], a))
                            for a in values.get("attachments", [])]
        kits = sorted((self.release / item.url).glob("press-kit-*.zip"))
        if kits:
            letter.kit = self.download("Όλο το υλικό σε ένα αρχείο ZIP", f"{item.url}{kits[0].name}")
        letter.attached = [d for d in letter.downloads
                           if d.format == "PDF" and d.path and d.size < self.config.mail.attach_below]
        return letter

    def photo(self, rel: str, alt: str, caption: str = "", credit: str = "") -> Photo:
        image = self.images.get(rel)
        shown = _mail_rendition(image)
        return Photo(f"{self.site}/{shown.url}", f"{self.site}/{image.url}", MAIL_WIDTH,
                     round(shown.height * MAIL_WIDTH / shown.width), alt, caption, credit,
                     f"{_FORMATS.get(Path(image.url).suffix.lower(), Path(image.url).suffix.lstrip('.').upper())}, "
                     f"{image.width}×{image.height}, {file_size(image.size)}")

    def download(self, title: str, rel: str, request: str = "") -> Download:
        path = self.release / rel
        return Download(title, f"{self.site}/{rel}", Path(rel).suffix.lstrip(".").upper(),
                        path.stat().st_size if path.is_file() else 0, path if path.is_file() else None, request)

    def body(self, html: str, link: str) -> str:
        """The page's body for a mail: absolute links, images as linked renditions, embedded videos as links."""
        if not html.strip():
            return ""
        root = lxml.html.fragment_fromstring(html, create_parent="div")
        for anchor in root.iter("a"):
            if anchor.get("href"):
                anchor.set("href", urljoin(link, anchor.get("href")))
        for img in list(root.iter("img")):
            rel = local_image(img.get("src", ""), self.images.content)
            if rel is None:
                img.set("src", urljoin(link, img.get("src", "")))
                continue
            photo = self.photo(rel, img.get("alt", ""))
            wrapper = lxml.html.Element("a", href=photo.download)
            img.addprevious(wrapper)
            wrapper.append(img)
            wrapper.tail, img.tail = img.tail, None
            for name, value in (("src", photo.src), ("width", str(photo.width)), ("height", str(photo.height))):
                img.set(name, value)
            for name in ("srcset", "sizes", "loading", "decoding"):
                img.attrib.pop(name, None)
        for frame in list(root.iter("iframe")):
            paragraph = lxml.html.Element("p")
            video = lxml.html.Element("a", href=urljoin(link, frame.get("src", "")))
            video.text = frame.get("title") or "Το βίντεο στον ιστότοπο"
            paragraph.append(video)
            paragraph.tail = frame.tail
            frame.getparent().replace(frame, paragraph)
        return lxml.html.tostring(root, encoding="unicode")


def _mail_rendition(image: ImageSet) -> Rendition:
    """The JPEG a mail shows: 960 px wide, or the largest below it."""
    jpegs = [r for r in image.of("image/jpeg") if r.width <= 960]
    return jpegs[-1] if jpegs else image.fallback

"""The mail journalists receive: Greek subject, the full text as HTML and plain text, .ics for events.

The HTML part is the theme's `mail/notice.html` with its style sheet inlined (css-inline), so it
renders in mail clients that drop <style>; the text part is made from that same HTML
(kiryx.publishing.mail_text). A mail never exceeds KIRYX['mail']['max_size']: attachments are
linked instead, then the full text is left to the site.
"""

from __future__ import annotations

import dataclasses
import email.policy
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import css_inline
from jinja2 import Environment, FileSystemLoader, select_autoescape

from ..config import config_for, public_url
from ..content.catalogue import Catalogue
from ..greek import greek_date
from ..images.store import ImageStore
from .letter import Letter, LetterWriter, label_of
from .mail_text import to_text
from .notices import PUBLICATION, Notice

TEMPLATE = "mail/notice.html"
_INLINER = css_inline.CSSInliner(keep_style_tags=False, load_remote_stylesheets=False)
POLICY = email.policy.default.clone(refold_source="none", cte_type="7bit")
"""Headers set raw (`set_raw`) are written as made, never refolded: Python folds a long header with no space
in it (the List-Unsubscribe address) into encoded-words, which RFC 2369 forbids. Every part is 7-bit (base64
or quoted-printable): the calendar went as 8-bit, which a server that did not offer 8BITMIME may mangle."""


def subject(notice: Notice) -> str:
    day = f" ({', '.join(greek_date(d, weekday=True) for d in notice.days)})" if notice.days else ""
    return f"[{label_of(notice)}] {notice.item.values['title']}{day}"


class Composer:
    """Composes the mails of one publish run, from the site as deployed in `release`."""

    def __init__(self, settings: dict[str, Any], catalogue: Catalogue, release: Path):
        self.config, self.site, self.release = config_for(settings), public_url(settings), release
        self.lists_url = settings["LISTS_URL"]
        images = ImageStore(catalogue.root, Path(settings["CACHE_PATH"]), catalogue.hashes)
        self.writer = LetterWriter(self.config, self.site, catalogue.html, images, release)
        self.env = Environment(loader=FileSystemLoader(str(Path(settings["THEME"]) / "templates")),
                               autoescape=select_autoescape(default=True), trim_blocks=True, lstrip_blocks=True)
        self.env.filters.update(settings.get("JINJA_FILTERS", {}))

    def html(self, notice: Notice, letter: Letter, now: datetime) -> str:
        """The HTML part as sent (styles inlined)."""
        page = self.env.get_template(TEMPLATE).render(
            letter=letter, notice=notice, subject=subject(notice), config=self.config, site=self.site, now=now,
            lang=notice.mailing_list.lang, lists_url=self.lists_url)
        return str(_INLINER.inline(page))

    def compose(self, notice: Notice, now: datetime) -> EmailMessage:
        letter = self.writer.letter(notice, now)
        message = self._message(notice, letter, now)
        limit = self.config.mail.max_size
        while len(message.as_bytes()) > limit and letter.attached:
            letter.attached.remove(max(letter.attached, key=lambda d: d.size))  # linked, not attached
            message = self._message(notice, letter, now)
        if len(message.as_bytes()) > limit and letter.body:
            letter.body, letter.shortened = "", True
            message = self._message(notice, letter, now)
        return message

    def _message(self, notice: Notice, letter: Letter, now: datetime) -> EmailMessage:
        office = self.config.press_office
        msg = EmailMessage(policy=POLICY)
        # Python's header folder can drop the space at a fold between two encoded-words («Τύπουγια»);
        # the older Header encoder keeps spaces inside the words, and set_raw() keeps its folding.
        msg.set_raw("Subject", Header(subject(notice), "utf-8", 76, header_name="Subject").encode())  # 78 (its
        # default) made encoded-words of 76 characters; RFC 2047 allows 75
        msg["From"] = Address(office.name, addr_spec=office.email)
        msg["To"] = Address(notice.mailing_list.name, addr_spec=notice.mailing_list.address)
        msg["Date"] = format_datetime(now)
        msg["Message-ID"] = notice.message_id(self.config.domain)
        if notice.kind != PUBLICATION:  # a correction, cancellation or withdrawal: in the thread of the first mail
            first = dataclasses.replace(notice, kind=PUBLICATION, day=None).message_id(self.config.domain)
            msg["In-Reply-To"] = msg["References"] = first
        msg["Reply-To"] = office.email  # the office, never the list (a list server may rewrite From)
        lst = notice.mailing_list
        msg["List-Id"] = f"{lst.name} <{lst.address.replace('@', '.')}>"  # RFC 2919; a list server may set its own
        msg.set_raw("List-Unsubscribe", f"<{lst.leave_link(office.email)}>")  # RFC 2369: the link the footer
        # gives, on one line (up to 998 characters), as mail programs read it
        msg["Auto-Submitted"] = "auto-generated"
        msg["Precedence"] = "bulk"
        msg["X-Kiryx-Item"] = f"{notice.item.source.rel}; notice={notice.name}"
        html = self.html(notice, letter, now)
        msg.set_content(to_text(html))
        msg.add_alternative(html, subtype="html")
        ics = self.release / notice.item.url / "event.ics" if notice.item.type.key == "events" else None
        if ics and ics.is_file():
            msg.add_attachment(ics.read_text(encoding="utf-8"), subtype="calendar", charset="utf-8",
                               filename="event.ics", params={"method": "PUBLISH"})
        for download in letter.attached:
            assert download.path is not None
            msg.add_attachment(download.path.read_bytes(), maintype="application", subtype="pdf",
                               filename=download.path.name)
        msg["Content-Language"] = notice.mailing_list.lang  # last: set_content() and add_*() move Content-* headers
        return msg

"""The mail journalists receive: Greek subject, text and HTML, .ics for events, stable headers."""

from __future__ import annotations

import html
from datetime import datetime
from email.header import Header
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

from ..config import KiryxConfig
from ..greek import event_when, greek_date, greek_datetime
from .notices import CANCELLATION, PUBLICATION, WITHDRAWAL, Notice


def subject(notice: Notice) -> str:
    values = notice.item.values
    if notice.kind == WITHDRAWAL:
        label = "Απόσυρση"
    elif notice.kind == CANCELLATION:
        label = "Ακύρωση"
    elif notice.kind != PUBLICATION:
        label = "Διόρθωση"
    elif values.get("press_conference"):
        label = "Πρόσκληση σε συνέντευξη Τύπου"
    else:
        label = notice.item.type.singular
    return f"[{label}] {values['title']}"


def _lines(notice: Notice, config: KiryxConfig, site_url: str) -> list[tuple[str, str]]:
    """(label, text) pairs shared by the text and HTML parts; a URL text becomes a link."""
    item, values = notice.item, notice.item.values
    link = f"{site_url}/{item.url}"
    lines = [("", values["title"]), ("Ημερομηνία", greek_datetime(values["date"]))]
    if notice.kind == WITHDRAWAL:
        lines.append(("Αποσύρθηκε", f"{greek_datetime(values['withdrawn'])}: {values['withdrawal_note']}"))
    elif notice.kind not in (PUBLICATION, CANCELLATION):
        lines += [("Διόρθωση", note) for note in notice.notes]
    if values.get("summary"):
        lines.append(("", values["summary"]))
    if item.type.key == "events":
        lines.append(("Πότε", event_when(values["start"], values["end"], values["all_day"])))
        if values.get("location"):
            lines.append(("Πού", values["location"]))
        if values.get("cancelled"):
            lines.append(("", "Η εκδήλωση ακυρώνεται."))
    for attachment in values.get("attachments", []):
        lines.append((attachment["title"], f"{site_url}/{attachment['file']}"))
    lines.append(("Διαβάστε το πλήρες κείμενο", link))
    if values.get("images") or values.get("attachments"):
        lines.append(("Υλικό για τον Τύπο", link))
    office = config.press_office
    lines.append(("", f"{office.name}, {config.municipality.name} · {office.street}, {office.postcode} "
                      f"{office.city} · {office.phone} · {office.email}"))
    return lines


def compose(notice: Notice, config: KiryxConfig, site_url: str, now: datetime, release: Path | None) -> EmailMessage:
    office = config.press_office
    msg = EmailMessage()
    # Python's header folder can drop the space at a fold between two encoded-words («Τύπουγια»);
    # the older Header encoder keeps spaces inside the words, and set_raw() keeps its folding.
    msg.set_raw("Subject", Header(subject(notice), "utf-8", header_name="Subject").encode())
    msg["From"] = Address(office.name, addr_spec=office.email)
    msg["To"] = Address(notice.mailing_list.name, addr_spec=notice.mailing_list.address)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = notice.message_id(config.domain)
    msg["Auto-Submitted"] = "auto-generated"
    msg["Precedence"] = "bulk"
    msg["X-Kiryx-Item"] = f"{notice.item.source.rel}; notice={notice.name}"
    lines = _lines(notice, config, site_url)
    msg.set_content("\n\n".join(f"{label}: {text}" if label else text for label, text in lines) + "\n")
    parts = []
    for label, text in lines:
        shown = f'<a href="{html.escape(text)}">{html.escape(text)}</a>' if text.startswith("https://") \
            else html.escape(text)
        parts.append(f"<p><strong>{html.escape(label)}:</strong> {shown}</p>" if label else f"<p>{shown}</p>")
    msg.add_alternative(f'<!DOCTYPE html><html lang="{notice.mailing_list.lang}"><body>{"".join(parts)}'
                        f"<p><small>{html.escape(greek_date(now))}</small></p></body></html>", subtype="html")
    ics = release / notice.item.url / "event.ics" if release and notice.item.type.key == "events" else None
    if ics and ics.is_file():
        msg.add_attachment(ics.read_text(encoding="utf-8"), subtype="calendar", charset="utf-8",
                           filename="event.ics", params={"method": "PUBLISH"})
    msg["Content-Language"] = notice.mailing_list.lang  # last: set_content() and add_*() move Content-* headers
    return msg

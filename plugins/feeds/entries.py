"""What one item says in a feed: stable id, dates, absolute full text, enclosures."""

from __future__ import annotations

import mimetypes
from dataclasses import dataclass
from datetime import datetime
from html import escape
from pathlib import Path
from typing import Any

from kiryx.config import KiryxConfig
from kiryx.content.references import absolute_links
from kiryx.greek import event_when, greek_date
from kiryx.images.store import ImageStore


@dataclass(frozen=True)
class Enclosure:
    url: str
    length: int
    mime: str


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    link: str
    published: datetime
    updated: datetime
    summary: str
    content: str
    categories: tuple[tuple[str, str], ...]
    enclosures: tuple[Enclosure, ...]


def entry_id(article: Any, config: KiryxConfig, first_day: str = "") -> str:
    """A tag: URI from the site's domain, the first publication's day and the source file.

    It does not depend on the title or slug, so corrections never make a new entry; nor on a corrected date: the
    day is the one the publication tag recorded (`Registry.first_days`), else the item's date. Renaming or moving
    the source file of a published item would (the check refuses it).
    """
    source = article.source_rel.removesuffix(".md")
    return f"tag:{config.domain},{first_day or f'{article.date:%Y-%m-%d}'}:{source}"


def _facts(article: Any) -> str:
    """An event's when and where (and cancellation), as HTML placed before the body."""
    parts = []
    if article.content_type == "events":
        when = event_when(article.start, article.end, article.all_day)
        if article.schedule.recurring:
            when = f"{when}· {article.schedule.describe()}"
        status = "<p><strong>ΑΚΥΡΩΝΕΤΑΙ</strong></p>" if article.cancelled else ""
        place = f"<br>Πού: {escape(article.location)}" if article.location else ""
        online = (f'<br>Διαδικτυακά: <a href="{escape(article.online_url)}">{escape(article.online_url)}</a>'
                  if article.online_url else "")
        parts.append(f"{status}<p>Πότε: {when}{place}{online}</p>")
    return "".join(parts)


def _changes(article: Any) -> str:
    changes = getattr(article, "changes", [])
    if not changes:
        return ""
    items = "".join(f"<li>{greek_date(c['date'])}: {escape(c['note'])}</li>" for c in changes)
    return f"<h2>Ιστορικό αλλαγών</h2><ul>{items}</ul>"


def _enclosures(article: Any, content_root: Path, images: ImageStore, site_url: str) -> tuple[Enclosure, ...]:
    """Attachments first, then the main image as published (stripped: its own size; RSS carries only the first)."""
    out = []
    for rel in [a["file"] for a in getattr(article, "attachments", [])]:
        mime = mimetypes.guess_type(rel)[0] or "application/octet-stream"
        out.append(Enclosure(f"{site_url}/{rel}", (content_root / rel).stat().st_size, mime))
    if getattr(article, "image", None):
        image = images.published(article.image)
        out.append(Enclosure(f"{site_url}/{article.image}", image.size, image.mime))
    return tuple(out)


def _withdrawal(article: Any) -> str:
    if not article.withdrawn:
        return ""
    return (f"<p><strong>Αποσύρθηκε</strong> στις {greek_date(article.withdrawn)}: "
            f"{escape(article.withdrawal_note)}</p>")


def make_entry(article: Any, config: KiryxConfig, site_url: str, content_root: Path, images: ImageStore,
               first_day: str = "") -> Entry:
    link = f"{site_url}/{article.url}"
    category = getattr(article, "category", None)
    labels = [(article.content_type, article.type_label)]
    labels += [(category.slug, category.name)] if category else []
    labels += [(tag.slug, tag.name) for tag in getattr(article, "tags", [])]
    body = _withdrawal(article) + _facts(article) + absolute_links(article.content, link) + _changes(article)
    title = f"Αποσύρθηκε: {article.title}" if article.withdrawn else article.title
    return Entry(
        id=entry_id(article, config, first_day), title=title, link=link, published=article.date,
        updated=article.modified, summary=getattr(article, "summary", None) or article.title,
        content=body, categories=tuple(labels), enclosures=_enclosures(article, content_root, images, site_url),
    )

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
from kiryx.content.schema import headline
from kiryx.greek import file_size, greek_date
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
    lang: str = "el"
    """The item's language (`lang:`): an English release is marked so in Atom (xml:lang), in a Greek feed."""


def entry_id(article: Any, config: KiryxConfig, first_day: str = "") -> str:
    """A tag: URI from the site's domain, the first publication's day and the source file.

    It does not depend on the title or slug, so corrections never make a new entry; nor on a corrected date: the
    day is the one the publication tag recorded (`Registry.first_days`), else the item's date. Renaming or moving
    the source file of a published item would (the check refuses it).
    """
    source = article.source_rel.removesuffix(".md")
    return f"tag:{config.domain},{first_day or f'{article.date:%Y-%m-%d}'}:{source}"


def _facts(article: Any, site_url: str) -> str:
    """What the page says above the text, as HTML placed before the body: an event's when (without the clock: a
    series from its first date, in words) and where (its cancellation, its cancelled dates), a clipping's outlet,
    original and the municipality's reply."""
    parts = []
    if article.content_type == "coverage":
        original = f' · <a href="{escape(article.outlet_url)}">Το πρωτότυπο</a>' if article.outlet_url else ""
        parts.append(f"<p>Δημοσίευμα: {escape(article.outlet)}, {greek_date(article.date)}{original}</p>")
        if reply := getattr(article, "reply_item", None):
            parts.append(f'<p>Απάντηση του Δήμου: <a href="{site_url}/{reply.url}">{escape(reply.title)}</a></p>')
    if article.content_type == "events":
        when = article.schedule.in_words()
        status = "<p><strong>ΑΚΥΡΩΝΕΤΑΙ</strong></p>" if article.cancelled else ""
        place = f"<br>Πού: {escape(article.location)}" if article.location else ""
        online = (f'<br>Διαδικτυακά: <a href="{escape(article.online_url)}">{escape(article.online_url)}</a>'
                  if article.online_url else "")
        off = article.schedule.called_off()
        called_off = f"<br>Ακυρώνονται: {', '.join(off)}" if off else ""
        parts.append(f"{status}<p>Πότε: {when}{place}{online}{called_off}</p>")
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


def _lead_photo(article: Any, site_url: str) -> str:
    """The main photo in the text (RSS carries one enclosure, and readers show the text): with its caption and
    credit, as the page shows it."""
    if not getattr(article, "image", None):
        return ""
    caption = " ".join(filter(None, [article.image_caption, article.image_credit]))
    return (f'<figure><img src="{site_url}/{article.image}" alt="{escape(getattr(article, "image_alt", "") or "")}">'
            + (f"<figcaption>{escape(caption)}</figcaption>" if caption else "") + "</figure>")


def _downloads(article: Any, content_root: Path, site_url: str) -> str:
    """The attachments as links with their titles, type and size (enclosures carry no title; RSS only one)."""
    attachments = getattr(article, "attachments", [])
    if not attachments:
        return ""
    items = "".join(
        f'<li><a href="{site_url}/{a["file"]}">{escape(a.get("title") or Path(a["file"]).name)}</a> '
        f'({Path(a["file"]).suffix[1:].upper()}, {file_size((content_root / a["file"]).stat().st_size)})</li>'
        for a in attachments)
    return f"<h2>Συνημμένα</h2><ul>{items}</ul>"


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
    shown = not article.withdrawn  # a withdrawn item's page keeps its note, not its photo and files
    body = (_withdrawal(article) + _facts(article, site_url) + (_lead_photo(article, site_url) if shown else "")
            + absolute_links(article.content, link) + (_downloads(article, content_root, site_url) if shown else "")
            + _changes(article))
    title = headline(article.title, bool(article.withdrawn), getattr(article, "cancelled", False))
    return Entry(
        id=entry_id(article, config, first_day), title=title, link=link, published=article.date,
        updated=article.modified, summary=getattr(article, "summary", None) or article.title,
        content=body, categories=tuple(labels), enclosures=_enclosures(article, content_root, images, site_url),
        lang=article.lang,
    )

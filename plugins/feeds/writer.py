"""Atom 1.0 and RSS 2.0 documents with feedgen, plus the fixes feedgen needs.

feedgen 1.0 writes Atom links without rel/type/length and keeps only the last RSS
enclosure; it also defaults every date to the build time. Here every date comes from the
content, RSS gets the item's first enclosure, and Atom enclosures are rewritten in full.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from feedgen.feed import FeedGenerator
from lxml import etree

from kiryx.content.references import feed_path

from .entries import Entry

ATOM_NS = "http://www.w3.org/2005/Atom"
XML_NS = "http://www.w3.org/XML/1998/namespace"
LANG = "el"
"""The feeds' language; an item in another is marked in Atom (`xml:lang` on its entry)."""
STYLESHEET = b'<?xml-stylesheet type="text/xsl" href="/theme/feeds/feed.xsl"?>\n'


@dataclass(frozen=True)
class FeedSpec:
    """One feed: where it goes and what it says about itself."""

    key: str
    title: str
    description: str
    page: str
    articles: tuple[Any, ...]
    """The newest items it carries (Pelican articles), newest first."""

    @property
    def atom_path(self) -> str:
        return feed_path(self.key, "atom")

    @property
    def rss_path(self) -> str:
        return feed_path(self.key, "rss")


@dataclass(frozen=True)
class Publisher:
    """Site-wide facts every feed repeats."""

    site_url: str
    author: str
    email: str
    logo: str
    icon: str
    quiet: datetime
    """The date of a feed with no entries."""


def _generator(spec: FeedSpec, entries: tuple[Entry, ...], who: Publisher, self_path: str) -> FeedGenerator:
    fg = FeedGenerator()
    fg.id(f"{who.site_url}/{spec.atom_path}")
    fg.title(spec.title)
    fg.subtitle(spec.description)
    fg.description(spec.description)
    fg.link(href=f"{who.site_url}/{self_path}", rel="self")
    fg.link(href=f"{who.site_url}/{spec.page}", rel="alternate")  # last: feedgen takes RSS's <link> from it
    fg.language(LANG)
    fg.author(name=who.author, email=who.email)
    fg.logo(who.logo)
    fg.icon(who.icon)
    fg.image(url=who.logo, title=spec.title, link=f"{who.site_url}/{spec.page}")
    fg.generator("Kiryx")
    fg.copyright(who.author)
    newest = max((e.updated for e in entries), default=who.quiet)
    fg.updated(newest)
    fg.lastBuildDate(newest)
    fg.pubDate(newest)
    for entry in entries:
        fe = fg.add_entry(order="append")
        fe.id(entry.id)
        fe.guid(entry.id, permalink=False)
        fe.title(entry.title)
        fe.link(href=entry.link)
        fe.published(entry.published)
        fe.updated(entry.updated)
        fe.author(name=who.author, email=who.email)
        fe.summary(entry.summary)
        fe.content(entry.content, type="html")
        for term, label in entry.categories:
            fe.category(term=term, label=label)
        if entry.enclosures:
            first = entry.enclosures[0]
            fe.enclosure(first.url, str(first.length), first.mime)
    return fg


def atom(spec: FeedSpec, entries: tuple[Entry, ...], who: Publisher) -> bytes:
    xml = _generator(spec, entries, who, spec.atom_path).atom_str(pretty=True)
    root = etree.fromstring(xml)
    by_id = {e.id: e for e in entries}
    for node in root.iter(f"{{{ATOM_NS}}}entry"):
        entry = by_id[node.findtext(f"{{{ATOM_NS}}}id")]
        urls = {enc.url for enc in entry.enclosures}
        for link in node.findall(f"{{{ATOM_NS}}}link"):
            if link.get("href") in urls and not link.get("rel"):
                node.remove(link)
        for enc in entry.enclosures:
            etree.SubElement(node, f"{{{ATOM_NS}}}link", rel="enclosure", href=enc.url,
                             type=enc.mime, length=str(enc.length))
        if entry.lang != LANG:  # RSS 2.0 has a language per channel only
            node.set(f"{{{XML_NS}}}lang", entry.lang)
    return _with_stylesheet(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def rss(spec: FeedSpec, entries: tuple[Entry, ...], who: Publisher) -> bytes:
    return _with_stylesheet(_generator(spec, entries, who, spec.rss_path).rss_str(pretty=True))


def _with_stylesheet(xml: bytes) -> bytes:
    """Insert the XSL processing instruction after the XML declaration."""
    declaration, _, rest = xml.partition(b"?>")
    return declaration + b"?>\n" + STYLESHEET + rest.lstrip()

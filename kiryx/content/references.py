"""Files a body refers to: the images it shows and the documents it links, found in its HTML."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import ParseResult, unquote, urljoin, urlparse

from ..i18n import Message, msg
from .content_types import PHOTO_LED, STATIC_FOLDERS


@dataclass(frozen=True)
class Reference:
    """One `<img src>` or `<a href>` of a body."""

    url: str
    path: str | None
    """The content file it points at (relative to the content folder), or None when not local."""
    image: bool
    alt: str | None


def parsed_url(url: str) -> ParseResult | None:
    """`url` parsed, or None when it is no address («https://[σύνδεσμος φόρμας]»: a bracket where the host goes)."""
    try:
        return urlparse(url.strip())
    except ValueError:
        return None


def not_an_address(url: str) -> Message:
    """What to say of an address `parsed_url` cannot read, in a text or a field."""
    return msg("{url} is not a web address (a '[' or ']' where the site's name goes?); copy the address again from "
               "the browser's address bar", url=url.strip())


def on_this_site(url: str, site_url: str) -> str | None:
    """An address written with the site's own (copied from the browser, by https or http, or without a scheme:
    '//press.alimos.gr/…'): as the site's link to it ('https://press.alimos.gr/media/2026/x.jpg' →
    '/media/2026/x.jpg'); None for another site's."""
    parsed, site = parsed_url(url), parsed_url(site_url)
    if parsed is None or site is None or not site.netloc or parsed.scheme.lower() not in ("http", "https", "") \
            or parsed.netloc.lower() != site.netloc.lower():
        return None
    prefix = site.path.rstrip("/")
    if not parsed.path.startswith(f"{prefix}/"):
        return None
    return parsed._replace(scheme="", netloc="", path=parsed.path.removeprefix(prefix)).geturl()


_IMAGE_SOURCE = re.compile(r"""(<img\b[^>]*?\ssrc=)(["']?)([^"'\s>]+)""", re.IGNORECASE)


def own_images(html: str, site_url: str) -> str:
    """Images written with the site's own address made the site's own ('/media/…'), so they are checked and shown
    like any other (as addresses on another site, they were left out of the page)."""
    def own(found: re.Match[str]) -> str:
        path = on_this_site(found[3], site_url)
        return f"{found[1]}{found[2]}{path}" if path else found[0]
    return _IMAGE_SOURCE.sub(own, html) if site_url else html


def local_path(url: str) -> str | None:
    """The content path a link on this site points at ('/media/2026/x.jpg' → 'media/2026/x.jpg')."""
    parsed = parsed_url(url)
    if parsed is None or parsed.scheme or parsed.netloc or not parsed.path:
        return None
    return unquote(parsed.path).lstrip("/")


_PELICAN_LINK = re.compile(r"^(?:\{(?P<braces>filename|static|attach)\}|\|(?P<bars>filename|static|attach)\|)")


@dataclass(frozen=True)
class PelicanLink:
    """Pelican's own link to a content file (`{filename}/…md`, `{static}/files/…`, `{attach}…`, or the older
    `|static|…`): its kind, and the file it names as Pelican finds it, relative to the content folder."""
    kind: str
    path: str
    written: str
    """The path as written after the prefix, without its ?query and #fragment."""


def pelican_link(url: str, source: str) -> PelicanLink | None:
    """The content file a Pelican link in the text of `source` (a content path) names: from the content folder
    after a leading '/', else from the text's own folder; without its ?query and #fragment; a {static} link's
    %20 read as a space, as Pelican reads nothing else of it when it copies the file."""
    found = _PELICAN_LINK.match(url)
    parsed = parsed_url(url[found.end():]) if found else None
    if found is None or parsed is None:  # not one, or no address at all (said as such where it is checked)
        return None
    kind, written = found["braces"] or found["bars"], parsed.path
    path = written[1:] if written.startswith("/") else posixpath.normpath(  # as written: Pelican looks it up so
        posixpath.join(posixpath.dirname(source), written))  # («files//a.pdf» is not «files/a.pdf» to it)
    return PelicanLink(kind, unquote(path) if kind == "filename" else path.replace("%20", " "), written)


FEEDS = "feeds/"
"""The feeds' folder (plugins/feeds)."""
BUILT_FOLDERS = ("media/renditions/", "media/og/", "media/covers/", FEEDS, "pagefind/", "theme/",
                 "press-kit/press-kit.zip")
"""Where the build writes files of its own: renditions, cards, covers, feeds, the search index, the theme."""
PHOTO_COPIES = BUILT_FOLDERS[:3]
"""The copies of photos the build makes (renditions, social cards, covers), named by their content."""


FEED_KINDS = ("atom", "rss")


def feed_path(key: str, kind: str) -> str:
    """A feed's file: `feeds/<key>.atom.xml` or `.rss.xml`; the key is `all`, a type, `category/<slug>` or
    `tag/<slug>`."""
    return f"feeds/{key}.{kind}.xml"


def made_by_build(path: str) -> bool:
    """A file the build writes, not one of the content folder's: a photo's rendition, a feed, the press kit's ZIP,
    or beside an item's page its ZIP or calendar (a link to one, copied from the site, is not a missing file)."""
    return path.startswith(BUILT_FOLDERS) or path.lower().endswith((".zip", ".ics", ".xml")) \
        and not published_folder(path)


def kit_zip(url: str, first_url: str) -> str:
    """The press kit's ZIP beside an item's page, named after the first address it was published at: after a slug
    change the moved folder still holds the name that mails gave, so the old folder's redirect leads to it."""
    return f"{url}press-kit-{PurePosixPath(first_url).name}.zip"


def has_kit(type_key: str, values: dict[str, Any]) -> bool:
    """Whether an item has a press kit: photos, documents, or the one photo of an item led by it (PHOTO_LED)."""
    return bool(values.get("images") or values.get("attachments") or type_key in PHOTO_LED and values.get("image"))


def published_folder(rel: str) -> bool:
    """Is this content path in a folder whose files are published as they are?"""
    return rel.split("/", 1)[0] in STATIC_FOLDERS


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        url = values.get("src" if tag == "img" else "href") if tag in ("img", "a") else None
        if url:
            self.found.append(Reference(url, local_path(url), tag == "img", values.get("alt")))


def body_references(html: str) -> list[Reference]:
    """Every image and link of a body, in order."""
    collector = _Collector()
    collector.feed(html)
    collector.close()
    return collector.found


def absolute_links(html: str, base: str) -> str:
    """Every href/src/srcset in `html` made absolute against `base` (feeds and the press kit's text, read off the
    site).

    libxml2 parses HTML 4, where `<source>` is not void: the `<img>` after it went inside it, and `</source>` was
    written out; feed readers then showed no picture. Its children are put back after it, the end tag dropped.
    """
    if not html.strip():
        return html
    import lxml.html  # noqa: PLC0415 - only for feeds and press kits, not for every check

    root = lxml.html.fragment_fromstring(html, create_parent="div")
    root.make_links_absolute(base, resolve_base_href=False)
    for element in root.iter("source", "img"):
        if srcset := element.get("srcset"):
            element.set("srcset", ", ".join(_absolute_candidate(c, base) for c in srcset.split(",") if c.strip()))
        if element.tag == "source":
            for child in reversed(element):
                element.addnext(child)
    out = "".join(lxml.html.tostring(child, encoding="unicode") for child in root) if len(root) else \
        lxml.html.tostring(root, encoding="unicode")[5:-6]
    return out.replace("</source>", "")


def _absolute_candidate(candidate: str, base: str) -> str:
    """'/media/x-480.webp 480w' → 'https://…/media/x-480.webp 480w'."""
    url, *descriptor = candidate.split()
    return " ".join([urljoin(base, url), *descriptor])

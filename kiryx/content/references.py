"""Files a body refers to: the images it shows and the documents it links, found in its HTML."""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import ParseResult, unquote, urljoin, urlparse

from ..i18n import Message, msg
from .content_types import STATIC_FOLDERS


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


def local_path(url: str) -> str | None:
    """The content path a link on this site points at ('/media/2026/x.jpg' → 'media/2026/x.jpg')."""
    parsed = parsed_url(url)
    if parsed is None or parsed.scheme or parsed.netloc or not parsed.path:
        return None
    return unquote(parsed.path).lstrip("/")


BUILT_FOLDERS = ("media/renditions/", "media/og/", "media/covers/", "feeds/", "pagefind/", "theme/",
                 "press-kit/press-kit.zip")
"""Where the build writes files of its own: renditions, cards, covers, feeds, the search index, the theme."""


def made_by_build(path: str) -> bool:
    """A file the build writes, not one of the content folder's: a photo's rendition, a feed, the press kit's ZIP,
    or beside an item's page its ZIP or calendar (a link to one, copied from the site, is not a missing file)."""
    return path.startswith(BUILT_FOLDERS) or path.endswith((".zip", ".ics", ".xml")) and not published_folder(path)


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

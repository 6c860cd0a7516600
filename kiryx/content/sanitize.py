"""Allowlist HTML sanitizing with nh3 (Ammonia), reporting what it removes."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlparse

import nh3

from ..i18n import Message, msg
from .frontmatter import CONTROL
from .references import not_an_address, parsed_url

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "div", "dl",
    "dt", "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong", "sub", "sup",
    "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
})
ATTRIBUTES = {
    "*": {"id", "lang", "title", "class"},
    "a": {"href", "hreflang"},
    "img": {"src", "alt", "width", "height", "loading"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "time": {"datetime"},
    "ol": {"start"},
    "iframe": {"src", "width", "height", "allow", "allowfullscreen", "loading"},
}
SCHEMES = frozenset({"http", "https", "mailto", "tel"})
_HARMLESS = frozenset({"target", "rel", "frameborder", "border", "align", "valign", "cellpadding", "cellspacing",
                       "referrerpolicy", "dir", "data-start", "data-end"})
"""Attributes pasted from web pages that the site drops because it does not need them, not because they harm."""
_URL_ATTRS = frozenset({"href", "src"})


_ALIGNED = re.compile(r'<(td|th) style="text-align: ?(left|right|center);?">')
"""A table cell Markdown aligns (`|---:|`): its alignment becomes a class (CSP allows no inline style)."""


def sanitize(html: str, iframe_hosts: tuple[str, ...] = ()) -> tuple[str, list[tuple[str, Message]]]:
    """Return safe HTML and, for each thing removed, a word to find its line by and a description."""
    html = _ALIGNED.sub(r'<\1 class="align-\2">', html)
    tags = TAGS | {"iframe"} if iframe_hosts else TAGS
    scout = _Scout(tags, iframe_hosts)
    scout.feed(html)
    scout.close()
    if controls := [ref[0] for ref in _CHAR_REF.finditer(html) if _as_read(ref) == ""]:
        scout.removed.append((controls[0], msg(
            "left out an invisible control character written as {ref}, which feeds and calendars cannot carry; "
            "delete it", ref=controls[0])))
    html = _CHAR_REF.sub(_as_read, html)

    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in _URL_ATTRS and parsed_url(value) is None:
            return None
        if tag == "iframe" and attr == "src" and urlparse(value).hostname not in iframe_hosts:
            return None
        if tag == "img" and attr == "src" and _elsewhere(value):
            return None
        return value

    clean = nh3.clean(
        html, tags=set(tags), attributes={k: set(v) for k, v in ATTRIBUTES.items()},
        url_schemes=set(SCHEMES), link_rel=None, attribute_filter=keep,
        clean_content_tags={"script", "style"},  # pragma: no mutate (nh3's default too; said here on purpose)
    )
    clean = _NO_SOURCE.sub("", clean)
    return _IMAGE_ELSEWHERE.sub(lambda img: img["alt"] or "", clean), _said_once(html, scout.removed)


_WORD = re.compile(r"<o:p>|class=\"?Mso|mso-", re.IGNORECASE)
"""What text pasted from Word (its HTML) carries: its own tags (o:p), classes (MsoNormal) and styles (mso-…)."""
_WORD_TAG = re.compile(r"^[a-z]+:[a-z]+$")
"""Word's own elements (o:p, v:shape, w:sdt), not an address (https://…), whose removal is said on its own."""


def _said_once(html: str, removed: list[tuple[str, Message]]) -> list[tuple[str, Message]]:
    """Each removal said once; Word's formatting (its styles and o:/v:/w: tags, a dozen on every paragraph) said as
    one warning."""
    if _WORD.search(html) and (word := [r for r in removed if r[0] == "style" or _WORD_TAG.match(r[0])]):
        removed = [r for r in removed if r not in word] + [(word[0][0], msg(
            "text pasted from Word: its formatting is left out and its words kept (nothing to change); next time, "
            "paste it as plain text (Ctrl+Shift+V)"))]
    return list({(needle, str(what)): (needle, what) for needle, what in removed}.values())


_CHAR_REF = re.compile(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?")
"""A numeric character reference as browsers read it: any number of digits, the «;» optional («&#11Αλίμου»)."""


def _as_read(ref: re.Match[str]) -> str:
    """A reference as browsers read it: «&#150;» is Windows' «–» (128–159 are read as Windows-1252), «&#11;» a
    control character no feed or calendar can carry (""), any other left as written."""
    code = int(ref[1], 16) if ref[1] else int(ref[2])
    if 0x80 <= code <= 0x9F:
        try:
            return bytes([code]).decode("cp1252")  # pragma: no mutate (a codec's name in any case)
        except UnicodeDecodeError:  # the five Windows leaves undefined
            return ""
    return "" if code > 0x10FFFF or CONTROL.match(chr(code)) else ref[0]


def _elsewhere(url: str) -> bool:
    """An address on another site (or any site: https://…, //…), not one of this site's files."""
    parsed = urlparse(url.strip())
    return bool(parsed.scheme or parsed.netloc)


_NO_SOURCE = re.compile(r"<iframe(?![^>]*\ssrc=)[^>]*>.*?</iframe>", re.S)
"""An <iframe> whose address was removed (not from an allowed host): an empty box on the page, gone with it."""
_IMAGE_ELSEWHERE = re.compile(r'<img(?![^>]*\ssrc=)(?:[^>]*?\salt="(?P<alt>[^"]*)")?[^>]*>')
"""An image from another site, its address removed: it would be loaded from there by every reader's browser and
mail program (a tracking pixel tells that site who opened the mail, and when). Its description stays, as text."""


class _Scout(HTMLParser):
    """Finds what the allowlist will remove, so `check` can say it."""

    def __init__(self, tags: frozenset[str], iframe_hosts: tuple[str, ...]):
        super().__init__(convert_charrefs=True)  # pragma: no mutate (it changes text, and only tags are read)
        self.tags, self.iframe_hosts = tags, iframe_hosts
        self.removed: list[tuple[str, Message]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in self.tags:
            self.removed.append((tag, msg("removed unsafe <{tag}> element", tag=tag)))
            return
        allowed = ATTRIBUTES["*"] | ATTRIBUTES.get(tag, set())
        for name, value in attrs:
            if name not in allowed and name in _HARMLESS:  # pasted from a web page: dropped, nothing to fear
                self.removed.append((name, msg("left out the '{name}' attribute on <{tag}>, which pages here do "
                                               "without (nothing to change)", name=name, tag=tag)))
            elif name not in allowed:
                self.removed.append((name, msg("removed unsafe '{name}' attribute on <{tag}>", name=name, tag=tag)))
            elif name in _URL_ATTRS and value:
                parsed = parsed_url(value)
                if parsed is None:
                    self.removed.append((value, not_an_address(value)))
                elif parsed.scheme and parsed.scheme not in SCHEMES:
                    # as typed (urlparse lowercases it), without the tabs and line breaks a browser ignores in it
                    written = "".join(value.strip().partition(":")[0].split())
                    self.removed.append((written, msg("removed unsafe {scheme}: link on <{tag}>",
                                                      scheme=written, tag=tag)))
                elif tag == "img" and name == "src" and _elsewhere(value):
                    self.removed.append((value, msg(
                        "the image {url} is not shown: the site shows only its own images; save it in "
                        "media/YYYY/ and write ![what it shows](/media/YYYY/name.jpg)", url=value)))
                elif tag == "iframe" and parsed.hostname not in self.iframe_hosts:
                    self.removed.append(("iframe", msg(
                        "removed the embedded <iframe> from {host}: only {allowed} may be embedded (for YouTube, "
                        "copy the embed code with «privacy-enhanced mode» on, from www.youtube-nocookie.com); the "
                        "list is KIRYX['iframe_hosts']", host=str(parsed.hostname),
                        allowed=", ".join(self.iframe_hosts))))

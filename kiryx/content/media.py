"""Is an image safe to publish? Format, name, size and integrity, checked before any build."""

from __future__ import annotations

import warnings
from pathlib import Path

from lxml import etree
from PIL import Image, ImageFile

from ..i18n import Message, msg

FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
IMAGE_EXT = frozenset(suffix for suffixes in FORMATS.values() for suffix in suffixes)
"""The endings of the images a page shows as photos."""
MAX_PIXELS = 50_000_000  # 50 megapixels: more than any press photo, far below a decompression bomb


def as_jpeg(kind: str | None) -> str | None:
    """An image's format as staff know it: an MPO (a JPEG carrying a second picture, as some phones and cameras save
    it) is a JPEG, published as its first picture."""
    return "JPEG" if kind == "MPO" else kind


def is_image(rel: str) -> bool:
    """Is this file a photo (JPEG, PNG or WebP, by its name)?"""
    return Path(rel).suffix.lower() in IMAGE_EXT


_RUNS = ("javascript:", "vbscript:", "data:text/html", "data:application/xhtml")
_ACTIVE = frozenset({"script", "iframe", "embed", "object", "handler", "listener"})
_SVG = "http://www.w3.org/2000/svg"
# Markup a browser runs inside an SVG: an XSLT stylesheet, and HTML (a <meta> refresh, a script) by its namespace.
_ACTIVE_NAMESPACES = frozenset({"http://www.w3.org/1999/XSL/Transform", "http://www.w3.org/1999/xhtml"})
_HARMLESS_INSTRUCTIONS = frozenset({"xpacket"})
"""Processing instructions a drawing may carry: the XMP packet photo software wraps metadata in. Any other (an
<?xml-stylesheet?>, which can make the file a page that runs a script) is refused."""


def _runs(value: str) -> bool:
    """Does a value run a script: `javascript:` and kin, as a browser reads it (without the spaces, tabs and line
    ends it skips in an address)?"""
    squeezed = "".join(ch for ch in value if ch > " ").lower()
    return any(scheme in squeezed for scheme in _RUNS)


def svg_problem(path: Path, rel: str) -> Message | None:
    """What makes the SVG `rel` unsafe to serve from the site (a script, an event handler, a javascript: link, an
    animation that sets one, an entity that hides markup: each would run with the site's rights), or unreadable;
    None when it is a drawing (Illustrator's and Inkscape's own markup included)."""
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False))
    except (etree.XMLSyntaxError, OSError):
        return msg("'{file}' is not an SVG drawing Kiryx can read; export it again", file=rel)
    if tree.getroot().tag != f"{{{_SVG}}}svg":  # e.g. an XSLT stylesheet named .svg
        return msg("'{file}' is not an SVG drawing Kiryx can read; export it again", file=rel)
    dtd = tree.docinfo.internalDTD
    entities = list(dtd.iterentities()) if dtd is not None else []
    unsafe = any("<" in (e.content or "") or _runs(e.content or "") or e.system_url for e in entities)
    unsafe = unsafe or any(pi.target not in _HARMLESS_INSTRUCTIONS for pi in tree.xpath("//processing-instruction()"))
    for element in tree.getroot().iter():
        if unsafe:
            break
        if isinstance(element.tag, str) and etree.QName(element).namespace in _ACTIVE_NAMESPACES:
            unsafe = True
            break
        tag = etree.QName(element).localname.lower() if isinstance(element.tag, str) else ""
        for name, value in element.attrib.items():
            local = etree.QName(name).localname.lower()
            sets = local == "attributename" and (value.lower().startswith("on") or value.lower().endswith("href"))
            unsafe = unsafe or local.startswith("on") or _runs(value) or sets
        unsafe = unsafe or tag in _ACTIVE
    if unsafe:
        return msg("'{file}' holds a script or a link that runs one, which would run on the municipality's site; "
                   "export the drawing again as a plain SVG (or as PNG)", file=rel)
    return None


LEAD_WIDTH = 1200
"""The width a main photo (`image:`) should have at least: its sharing card's (1200×630)."""


def image_width(path: Path) -> int | None:
    """The width of an image read from its header, or None when it cannot be read (the check says why)."""
    try:
        with Image.open(path) as image:
            return int(image.size[0])
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return None


def image_problem(path: Path, rel: str) -> Message | None:
    """What is wrong with the image file `rel`, in words for its author; None when it is fine."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False  # pragma: no mutate (None is as false)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)  # pragma: no mutate (any warning would do)
            with Image.open(path) as image:
                kind, (width, height) = as_jpeg(image.format), image.size
                if kind not in FORMATS:
                    return msg("'{file}' is a {kind} image; use JPEG, PNG or WebP", file=rel, kind=kind)
                if path.suffix.lower() not in FORMATS[kind]:
                    return msg("'{file}' is really a {kind} image named {suffix}; rename it to {right}", file=rel,
                               kind=kind, suffix=path.suffix, right=FORMATS[kind][0])
                if width * height > MAX_PIXELS:
                    return msg("'{file}' is {width}×{height} pixels; the limit is {limit} megapixels", file=rel,
                               width=width, height=height, limit=MAX_PIXELS // 1_000_000)
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return msg("'{file}' declares too many pixels (over {limit} megapixels); it is refused as unsafe", file=rel,
                   limit=MAX_PIXELS // 1_000_000)
    except Image.UnidentifiedImageError:
        return msg("'{file}' is not an image Kiryx can read (JPEG, PNG or WebP)", file=rel)
    except (OSError, SyntaxError):
        return msg("'{file}' is damaged or truncated; export it again from the program that made it", file=rel)
    return None

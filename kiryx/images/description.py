"""The description a photo carries, as photo software writes it: the text of its alt and caption in the press kit.

Read in the order the tools write it: XMP's dc:description or dc:title (Lightroom, Photoshop, digiKam, darktable),
IPTC's caption, Windows' Title and Subject (Properties → Details). Only the pixels are published: the metadata is
stripped from every published photo (kiryx.images.renditions), so this is read from the file in content/.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from PIL import Image, IptcImagePlugin, UnidentifiedImageError

_XMP = re.compile(rb"<dc:(?:description|title)>\s*<rdf:Alt>\s*<rdf:li[^>]*>(.*?)</rdf:li>", re.S)
_WINDOWS = (0x9C9B, 0x9C9F)  # XPTitle, XPSubject: UTF-16


def description(path: Path) -> str:
    """The photo's own description, or "" when it carries none."""
    try:
        with Image.open(path) as image:
            if found := _XMP.search(image.info.get("xmp") or b""):
                return _clean(html.unescape(found[1].decode("utf-8", "replace")))
            caption = (IptcImagePlugin.getiptcinfo(image) or {}).get((2, 120))
            if caption:
                return _clean((caption[0] if isinstance(caption, list) else caption).decode("utf-8", "replace"))
            exif = image.getexif()
            for tag in _WINDOWS:
                if value := exif.get(tag):
                    return _clean(bytes(value).decode("utf-16-le", "replace"))
    except (OSError, UnidentifiedImageError, SyntaxError, ValueError):
        return ""
    return ""


def _clean(text: str) -> str:
    return " ".join(text.replace("\0", " ").split())

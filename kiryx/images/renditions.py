"""What a published photo is made of: its original stripped of metadata (EXIF/XMP/IPTC: location, camera), the
orientation applied to the pixels and the ICC profile kept, and WebP and JPEG renditions for `srcset`. A JPEG's
original keeps its image data byte for byte (only its metadata segments are left out): the «full resolution» a
print desk downloads is not compressed a second time; one turned by its EXIF orientation is encoded again, turned.

A photo's files are cached under `key(its content hash)`, which covers this recipe too (kiryx.images.recipe).
"""

from __future__ import annotations

import json
import shutil
from dataclasses import asdict, dataclass
from hashlib import sha256
from pathlib import Path
from typing import Any

import PIL
from PIL import Image, ImageOps

from ..atomic import scratch
from ..content.media import as_jpeg
from . import recipe

WIDTHS = (480, 960, 1600)
SAVE: dict[str, dict[str, Any]] = {"JPEG": {"quality": 85, "progressive": True, "optimize": True},
                                   "WEBP": {"quality": 80, "method": 4}, "PNG": {"optimize": True}}
EXT = {"JPEG": "jpg", "WEBP": "webp", "PNG": "png"}
RECIPE = recipe(__file__, PIL.__version__)
"""How this module makes its files (kiryx.images.recipe): part of their cache keys."""


@dataclass(frozen=True)
class Rendition:
    """One published size and format of a photo: its path in the output, pixel size and MIME type."""

    url: str
    width: int
    height: int
    mime: str


def render(source: Path, target: Path, key: str) -> dict:
    """Strip and scale one image into the folder `target` (made aside, then renamed into place; if another run put
    it there meanwhile, theirs is kept: the same files); returns what meta.json records."""
    folder = scratch(target)
    shutil.rmtree(folder, ignore_errors=True)  # a previous run of this process number, killed half-way
    folder.mkdir(parents=True)
    with Image.open(source) as opened:
        kind, icc = as_jpeg(opened.format) or "", opened.info.get("icc_profile")
        upright = opened.getexif().get(ORIENTATION, 1) == 1
        image = ImageOps.exif_transpose(opened)
        image.load()
    image.info.pop("comment", None)  # Pillow writes it back into every JPEG it saves
    extras = {"icc_profile": icc} if icc else {}
    original = f"original.{EXT[kind]}"
    if kind == "JPEG" and upright and (kept := _without_metadata(source.read_bytes())):
        (folder / original).write_bytes(kept)
    else:
        clean = image if kind == "PNG" else on_white(image)
        clean.save(folder / original, kind, **SAVE[kind], **extras)
    renditions = []
    flat = on_white(image)
    for nominal in [w for w in WIDTHS if w < image.width] or [image.width]:
        width, height = _fitted(image.width, image.height, nominal)
        resized = flat.resize((width, height), Image.Resampling.LANCZOS)
        for fmt, mime in (("WEBP", "image/webp"), ("JPEG", "image/jpeg")):
            name = f"{width}.{EXT[fmt]}"
            resized.save(folder / name, fmt, **SAVE[fmt], **extras)
            renditions.append(asdict(Rendition(f"{published_folder(key)}/{name}", width, height, mime)))
    data = {"original": original, "width": image.width, "height": image.height,
            "size": (folder / original).stat().st_size, "mime": Image.MIME[kind], "renditions": renditions}
    (folder / "meta.json").write_text(json.dumps(data))
    try:
        folder.rename(target)
    except OSError:  # made meanwhile by another run
        shutil.rmtree(folder, ignore_errors=True)
    return data


def on_white(image: Image.Image) -> Image.Image:
    """An image in RGB, what is transparent in it on white, the page's colour (converted alone, a transparent PNG's
    background came out black in every rendition and card)."""
    if image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info:
        solid = image.convert("RGBA")
        white = Image.new("RGB", solid.size, "white")
        white.paste(solid, mask=solid.getchannel("A"))
        return white
    return image.convert("RGB")


ORIENTATION = 0x0112
"""The EXIF tag that says how a camera's picture is to be turned."""


def _without_metadata(data: bytes) -> bytes | None:
    """A JPEG's segments without its metadata: APP1 (EXIF, XMP), APP13 (IPTC), comments and every other APPn but
    JFIF (APP0), the ICC profile (APP2) and Adobe's colour (APP14); and nothing after its end (a phone's second
    picture, its depth map: an MPO's). None when its structure cannot be followed: the photo is then encoded again."""
    if data[:2] != b"\xff\xd8":
        return None
    kept, i = [b"\xff\xd8"], 2
    while i + 1 < len(data) and data[i] == 0xFF:
        while i < len(data) and data[i] == 0xFF:  # fill bytes before a marker
            i += 1
        marker, i = data[i] if i < len(data) else 0, i + 1
        if marker == 0xD9:  # the end of the picture
            return b"".join([*kept, b"\xff\xd9"])
        if 0xD0 <= marker <= 0xD7 or marker in (0x00, 0x01):  # no length of its own
            kept.append(bytes([0xFF, marker]))
            continue
        segment = data[i - 2:i + int.from_bytes(data[i:i + 2], "big")]
        if len(segment) < 4:
            return None
        i += len(segment) - 2
        metadata = 0xE0 <= marker <= 0xEF or marker == 0xFE
        if not metadata or marker == 0xE0 and segment[4:9] == b"JFIF\0" or marker == 0xEE or \
                marker == 0xE2 and segment[4:16] == b"ICC_PROFILE\0":  # (JFXX, a thumbnail: left out)
            kept.append(segment)
        if marker == 0xDA:  # a scan: its coded data runs to the next marker (0xFF00 is a byte, 0xFFD0–7 a restart)
            start = i
            while (i := data.find(b"\xff", i)) != -1 and i + 1 < len(data) and (
                    data[i + 1] == 0x00 or 0xD0 <= data[i + 1] <= 0xD7):
                i += 2
            if i == -1:
                return None
            kept.append(data[start:i])
    return None


WEBP_MAX = 16383
"""The longest side WebP can hold: a phone's scrolling screenshot (1080×20000) is scaled to fit it."""


def _fitted(width: int, height: int, nominal: int) -> tuple[int, int]:
    """A rendition's size: `nominal` wide, the height in proportion; narrower when that height is more than WebP
    holds; never a side of 0 (a 20000×10 banner)."""
    scale = min(nominal / width, WEBP_MAX / height)
    return max(1, round(width * scale)), max(1, round(height * scale))


def key(digest: str) -> str:
    """The cache folder of a photo whose content hash is `digest`, as this recipe makes it (its renditions' output
    folder is named after it: `published_folder`)."""
    return sha256(f"{RECIPE}:{digest}".encode()).hexdigest()


def published_folder(key: str) -> str:
    """The output folder of the renditions cached under `key`."""
    return f"media/renditions/{key[:16]}"

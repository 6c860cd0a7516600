"""What a published photo is made of: its original stripped of metadata (EXIF/XMP/IPTC: location, camera), the
orientation applied to the pixels and the ICC profile kept, and WebP and JPEG renditions for `srcset`.

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
        kind, icc = opened.format, opened.info.get("icc_profile")
        image = ImageOps.exif_transpose(opened)
        image.load()
    extras = {"icc_profile": icc} if icc else {}
    original = f"original.{EXT[kind]}"
    clean = image if kind == "PNG" else image.convert("RGB")
    clean.save(folder / original, kind, **SAVE[kind], **extras)
    renditions = []
    flat = image.convert("RGB")
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

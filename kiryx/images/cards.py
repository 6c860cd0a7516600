"""Open Graph images, 1200×630: the item's main image cropped, or a card with logo, town and title.

The card uses the font shipped in theme/fonts (DejaVu Sans Bold, Greek glyphs, free licence).
Font and logo are loaded once per process and per content (a changed logo is drawn anew).
"""

from __future__ import annotations

from functools import cache
from hashlib import sha256
from pathlib import Path

import PIL
from PIL import Image, ImageDraw, ImageFont, ImageOps

from ..atomic import scratch
from . import recipe, renditions

OG_SIZE = (1200, 630)
FONT = Path(__file__).resolve().parents[2] / "theme" / "fonts" / "DejaVuSans-Bold.ttf"
JPEG = {"quality": 82, "optimize": False, "progressive": False}
RECIPE = recipe(__file__, PIL.__version__, renditions.RECIPE)  # renditions: `on_white`
"""How this module makes its files (kiryx.images.recipe): part of their cache keys."""


@cache
def font_digest() -> str:
    return sha256(FONT.read_bytes()).hexdigest()


@cache
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


@cache
def _background(logo: Path, logo_digest: str, brand: str, town: str) -> Image.Image:
    """The part every card shares: colour, logo and town (keyed by the logo's content)."""
    card = Image.new("RGB", OG_SIZE, brand)
    with Image.open(logo) as mark:
        small = mark.convert("RGBA")
    small.thumbnail((150, 150))
    card.paste(small, (70, 60), small)
    ImageDraw.Draw(card).text((250, 105), town, font=_font(40), fill="white")
    return card


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        trial = f"{line} {word}".strip()
        if draw.textlength(trial, font=font) > width and line:
            lines.append(line)
            line = word
        else:
            line = trial
    return [*lines, line]


def draw(title: str, image: Path | None, logo: Path, brand: str, town: str, target: Path) -> None:
    """Draw one card (or crop the main image) into `target`."""
    if image:
        with Image.open(image) as source:
            card = ImageOps.fit(renditions.on_white(source), OG_SIZE, Image.Resampling.LANCZOS)
    else:
        card = _background(logo, sha256(logo.read_bytes()).hexdigest(), brand, town).copy()
        pen = ImageDraw.Draw(card)
        font = _font(58)
        lines = _wrap(pen, title, font, 1060)[:4]
        y = 600 - 74 * len(lines) - 30
        for line in lines:
            pen.text((70, y), line, font=font, fill="white")
            y += 74
    partial = scratch(target)
    card.save(partial, "JPEG", **JPEG)
    partial.replace(target)

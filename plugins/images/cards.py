"""Open Graph images, 1200×630: the item's main image cropped, or a card with logo and title.

The card uses the font shipped in theme/fonts (DejaVu Sans Bold, Greek glyphs, free licence)
and is cached by a hash of everything drawn on it.
"""

from __future__ import annotations

from functools import lru_cache
from hashlib import sha256
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont, ImageOps

from .store import OG_SIZE, ImageStore

FONT = Path(__file__).resolve().parents[2] / "theme" / "fonts" / "DejaVuSans-Bold.ttf"


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


def social_image(store: ImageStore, title: str, image: str | None, logo: Path, brand: str, town: str) -> str:
    """The output path of the item's 1200×630 image, created in the cache if needed."""
    if image:
        key = sha256(f"og:{store.digest(image)}".encode()).hexdigest()
    else:
        key = sha256(b"\0".join([title.encode(), logo.read_bytes(), FONT.read_bytes(), brand.encode(),
                                 town.encode()])).hexdigest()
    cached = store.cache / "og" / f"{key[:24]}.jpg"
    if not cached.is_file():
        cached.parent.mkdir(parents=True, exist_ok=True)
        card = _from_image(store, image) if image else _card(title, logo, brand, town)
        card.save(cached, "JPEG", quality=85)
    out = f"media/og/{cached.name}"
    store.register(out, cached)
    return out


def _from_image(store: ImageStore, rel: str) -> Image.Image:
    store.get(rel)  # makes sure the stripped original exists in the cache
    with Image.open(store.outputs[rel]) as source:
        return ImageOps.fit(source.convert("RGB"), OG_SIZE, Image.Resampling.LANCZOS)


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONT), size)


@lru_cache(maxsize=4)
def _mark(logo: Path) -> Image.Image:
    with Image.open(logo) as mark:
        small = mark.convert("RGBA")
    small.thumbnail((150, 150))
    return small


def _card(title: str, logo: Path, brand: str, town: str) -> Image.Image:
    card = Image.new("RGB", OG_SIZE, brand)
    draw = ImageDraw.Draw(card)
    mark = _mark(logo)
    card.paste(mark, (70, 60), mark)
    draw.text((250, 105), town, font=_font(40), fill="white")
    font = _font(58)
    lines = _wrap(draw, title, font, 1060)[:4]
    y = 600 - 74 * len(lines) - 30
    for line in lines:
        draw.text((70, y), line, font=font, fill="white")
        y += 74
    return card

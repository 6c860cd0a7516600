"""Is an image safe to publish? Format, name, size and integrity, checked before any build."""

from __future__ import annotations

import warnings
from pathlib import Path

from PIL import Image, ImageFile

FORMATS = {"JPEG": (".jpg", ".jpeg"), "PNG": (".png",), "WEBP": (".webp",)}
MAX_PIXELS = 50_000_000  # 50 megapixels: more than any press photo, far below a decompression bomb


def image_problem(path: Path) -> str | None:
    """What is wrong with an image file, in words for its author; None when it is fine."""
    ImageFile.LOAD_TRUNCATED_IMAGES = False
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind, (width, height) = image.format, image.size
                if kind not in FORMATS:
                    return f"is a {kind} image; use JPEG, PNG or WebP"
                if path.suffix.lower() not in FORMATS[kind]:
                    return f"is really a {kind} image named {path.suffix}; rename it to {FORMATS[kind][0]}"
                if width * height > MAX_PIXELS:
                    return f"is {width}×{height} pixels; the limit is {MAX_PIXELS // 1_000_000} megapixels"
                image.load()
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        return f"declares too many pixels (over {MAX_PIXELS // 1_000_000} megapixels); it is refused as unsafe"
    except Image.UnidentifiedImageError:
        return "is not an image Kiryx can read (JPEG, PNG or WebP)"
    except (OSError, SyntaxError) as err:
        return f"is damaged or truncated ({err}); export it again"
    return None

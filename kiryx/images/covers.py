"""A leaflet's cover drawn from the first page of its PDF (pypdfium2), when it has no cover image."""

from __future__ import annotations

import logging
from functools import cache
from importlib.metadata import version
from pathlib import Path

from ..atomic import scratch
from . import recipe

WIDTH = 1200
"""Pixels across: enough for the largest rendition a card or page asks for."""


def first_page(pdf: Path, target: Path) -> bool:
    """Draw the first page of `pdf` as a JPEG at `target`; False when the PDF cannot be drawn."""
    import pypdfium2  # here: only a cover not drawn before needs it, and every build is spared loading it

    try:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[0]
            image = page.render(scale=WIDTH / page.get_width()).to_pil().convert("RGB")
        finally:
            document.close()
    except (pypdfium2.PdfiumError, IndexError, OSError) as err:
        logging.getLogger(__name__).warning("no cover from %s: %s", pdf, err)
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = scratch(target)
    image.save(partial, "JPEG", quality=90)
    partial.replace(target)
    return True


@cache
def recipe_digest() -> str:
    """This module's recipe (kiryx.images.recipe), with the version of the PDF renderer; asked only when a leaflet
    needs a cover, so a build without one never looks the version up."""
    return recipe(__file__, version("pypdfium2"))

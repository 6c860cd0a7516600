"""The published form of images: stripped originals, responsive renditions, social cards (cached by content and
by the recipe that made them)."""

from __future__ import annotations

from hashlib import sha256
from pathlib import Path


def recipe(module_file: str, *versions: str) -> str:
    """What a cached file is made by: the source of the module that makes it and the versions of the libraries it
    calls. In the cache key beside the content's, so a changed recipe (a new card layout, another JPEG quality,
    an upgraded Pillow) makes its files anew, as a cold build would, instead of reusing the old ones."""
    return sha256(b"\0".join([Path(module_file).read_bytes(), *(v.encode() for v in versions)])).hexdigest()

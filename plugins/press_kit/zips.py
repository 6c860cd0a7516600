"""Deterministic ZIP archives: the same files give the same bytes (fixed times, order, modes).

Archives are cached under a key of the entries' names and contents and of this module's recipe
(kiryx.images.recipe); a file entry counts by its path, size and modification time (like the
image store's stat index), so an unchanged kit costs no reading of its photos.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from hashlib import sha256
from pathlib import Path

from kiryx.atomic import scratch
from kiryx.images import recipe

EPOCH = (1980, 1, 1, 0, 0, 0)
RECIPE = recipe(__file__, zlib.ZLIB_RUNTIME_VERSION)


@dataclass(frozen=True)
class Made:
    """An entry made only when its archive is (the item's text, converted from HTML): `key` names its content."""

    key: str
    make: Callable[[], bytes]


def cached_zip(cache: Path, entries: dict[str, bytes | Path | Made]) -> Path:
    """A ZIP of {name: bytes, file or Made} in the cache, rebuilt only when the entries change."""
    digest = sha256(RECIPE.encode())
    for name in sorted(entries):
        value = entries[name]
        if isinstance(value, bytes):
            digest.update(name.encode() + b"\0" + value + b"\0")
        elif isinstance(value, Made):
            digest.update(f"{name}\0made\0{value.key}\0".encode())
        else:
            stat = value.stat()
            digest.update(f"{name}\0{value}\0{stat.st_size}\0{stat.st_mtime_ns}\0".encode())
    target = cache / "zips" / f"{digest.hexdigest()[:24]}.zip"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = scratch(target)
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                value = entries[name]
                data = value if isinstance(value, bytes) else value.make() if isinstance(value, Made) else \
                    value.read_bytes()
                archive.writestr(info, data)
        partial.replace(target)
    return target

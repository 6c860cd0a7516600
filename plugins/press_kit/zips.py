"""Deterministic ZIP archives: the same files give the same bytes (fixed times, order, modes)."""

from __future__ import annotations

import zipfile
from hashlib import sha256
from pathlib import Path

EPOCH = (1980, 1, 1, 0, 0, 0)


def cached_zip(cache: Path, entries: dict[str, bytes | Path]) -> Path:
    """A ZIP of {name: bytes or file} in the cache, rebuilt only when the entries change."""
    digest = sha256()
    for name in sorted(entries):
        value = entries[name]
        digest.update(name.encode() + b"\0" + (value if isinstance(value, bytes) else value.read_bytes()) + b"\0")
    target = cache / "zips" / f"{digest.hexdigest()[:24]}.zip"
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(".partial")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=EPOCH)
                info.external_attr = 0o644 << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                value = entries[name]
                archive.writestr(info, value if isinstance(value, bytes) else value.read_bytes())
        partial.replace(target)
    return target

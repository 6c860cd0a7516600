"""Cache files written whole or not at all, each run in a place of its own: runs sharing a cache (cron publishing
while someone builds by hand) never write into each other's half-made file nor rename it away under the other,
and a killed run leaves no half-made entry where a later run would read it."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

LEFT_FOR = 3600
"""Seconds after which a scratch entry is known to be left by a run that was killed: none takes this long to write
one cache entry."""


def scratch(target: Path) -> Path:
    """Where this process makes `target` (a file or a folder) before renaming it into place."""
    return target.with_suffix(f"{target.suffix}.{os.getpid()}.tmp")


def write_atomic(target: Path, data: bytes) -> None:
    """`target` holds `data`, whole: written aside, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = scratch(target)
    temp.write_bytes(data)
    temp.replace(target)


def sweep(folder: Path) -> None:
    """Remove the scratch entries in `folder` that killed runs left (older than LEFT_FOR); best effort."""
    made_before = time.time() - LEFT_FOR
    try:
        leftovers = [path for path in folder.glob("*.tmp") if path.lstat().st_mtime < made_before]
    except OSError:
        return
    for path in leftovers:
        remove(path)


def remove(path: Path) -> None:
    """Remove a cache entry, a file or a folder (a link as a link, never what it points to); best effort."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)

"""Cache files written whole or not at all, each run in a place of its own: runs sharing a cache (cron publishing
while someone builds by hand) never write into each other's half-made file nor rename it away under the other,
and a killed run leaves no half-made entry where a later run would read it."""

from __future__ import annotations

import os
from pathlib import Path


def scratch(target: Path) -> Path:
    """Where this process makes `target` (a file or a folder) before renaming it into place."""
    return target.with_suffix(f"{target.suffix}.{os.getpid()}.tmp")


def write_atomic(target: Path, data: bytes) -> None:
    """`target` holds `data`, whole: written aside, then renamed."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temp = scratch(target)
    temp.write_bytes(data)
    temp.replace(target)

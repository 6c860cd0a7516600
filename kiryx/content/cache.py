"""Per-file results kept between runs, keyed by the file's SHA-256 and a fingerprint.

The fingerprint covers everything else a result depends on (settings, the source of the
content model itself, the content folder and the list of its non-Markdown files), so a
change to any of them starts afresh.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path
from typing import Any

_MODEL_SOURCES = sorted(Path(__file__).parent.glob("*.py")) + [Path(__file__).parent.parent / "greek.py"]
MODEL_VERSION = hashlib.sha256(b"".join(p.read_bytes() for p in _MODEL_SOURCES)).hexdigest()


def fingerprint(root: Path, *parts: Any) -> str:
    """Hash of the settings parts, the model's code, the folder and its other files' names and sizes."""
    digest = hashlib.sha256(pickle.dumps((MODEL_VERSION, str(root.resolve()), parts)))
    for folder, dirs, files in sorted(os.walk(root)):
        dirs.sort()
        for name in sorted(files):
            if not name.endswith(".md"):
                path = os.path.join(folder, name)
                digest.update(f"{path}\0{os.path.getsize(path)}\n".encode())
    return digest.hexdigest()


class ResultCache:
    """A pickle of {relative path: (file hash, result)} valid for one fingerprint."""

    def __init__(self, folder: Path | None, key: str):
        self.path = folder / f"catalogue-{key[:16]}.pickle" if folder else None
        self.key, self.hits = key, 0
        self.entries: dict[str, tuple[str, Any]] = {}
        self.used: dict[str, tuple[str, Any]] = {}
        if self.path and self.path.is_file():
            try:
                stored_key, entries = pickle.loads(self.path.read_bytes())
            except (pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
                stored_key, entries = None, {}
            if stored_key == key:
                self.entries = entries

    def get(self, rel: str, digest: str) -> Any:
        entry = self.entries.get(rel)
        if entry and entry[0] == digest:
            self.hits += 1
            self.used[rel] = entry
            return entry[1]
        return None

    def put(self, rel: str, digest: str, result: Any) -> None:
        self.used[rel] = (digest, result)

    def save(self) -> None:
        """Write what this run used (dropping deleted files), atomically."""
        if not self.path or self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(".tmp")
        temp.write_bytes(pickle.dumps((self.key, self.used), protocol=pickle.HIGHEST_PROTOCOL))
        temp.replace(self.path)

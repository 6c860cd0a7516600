"""Per-file results kept between runs, keyed by the file's SHA-256 and the files it refers to.

A result is reused when the file's bytes and the content hashes of every file it consulted
(its images, attachments, the press release it replies to; kiryx.filehash) are unchanged. The
fingerprint covers what every result depends on (settings, the content model's own code, the
content folder), so a change there starts afresh; a new photo elsewhere changes nothing.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from pathlib import Path
from typing import Any

from ..filehash import FileHashes

_MODEL_SOURCES = sorted(Path(__file__).parent.glob("*.py")) + [Path(__file__).parent.parent / "greek.py"]
MODEL_VERSION = hashlib.sha256(b"".join(p.read_bytes() for p in _MODEL_SOURCES)).hexdigest()


def fingerprint(root: Path, *parts: Any) -> str:
    """Hash of the settings parts, the model's code and the content folder."""
    return hashlib.sha256(pickle.dumps((MODEL_VERSION, str(root.resolve()), parts))).hexdigest()


class ResultCache:
    """A pickle of {relative path: (file hash, {consulted file: its hash}, result)} for one fingerprint."""

    def __init__(self, folder: Path | None, key: str, hashes: FileHashes):
        self.path = folder / f"catalogue-{key[:16]}.pickle" if folder else None
        self.key, self.hits, self.hashes = key, 0, hashes
        self.entries: dict[str, tuple[str, dict[str, str], Any]] = {}
        self.used: dict[str, tuple[str, dict[str, str], Any]] = {}
        if self.path and self.path.is_file():
            collecting = gc.isenabled()
            gc.disable()  # else loading 5,000 items runs the collector ~120 times, for nothing: 40 % of the load
            try:
                stored_key, entries = pickle.loads(self.path.read_bytes())
            except (pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
                stored_key, entries = None, {}
            finally:
                if collecting:
                    gc.enable()
            if stored_key == key:
                self.entries = entries

    def get(self, rel: str, digest: str) -> Any:
        entry = self.entries.get(rel)
        if entry and entry[0] == digest and all(self.hashes.digest(d) == h for d, h in entry[1].items()):
            self.hits += 1
            self.used[rel] = entry
            return entry[2]
        return None

    def put(self, rel: str, digest: str, consulted: tuple[str, ...], result: Any) -> None:
        self.used[rel] = (digest, {d: self.hashes.digest(d) for d in consulted}, result)

    def save(self) -> None:
        """Write what this run used (dropping deleted files), atomically."""
        if not self.path or self.used == self.entries:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temp = self.path.with_suffix(".tmp")
        temp.write_bytes(pickle.dumps((self.key, self.used), protocol=pickle.HIGHEST_PROTOCOL))
        temp.replace(self.path)

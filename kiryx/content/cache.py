"""Per-file results kept between runs, keyed by the file's SHA-256 and the files it refers to.

A result is reused when the file's bytes and the content hashes of every file it consulted
(its images, attachments, the press release it replies to; kiryx.filehash) are unchanged. The
fingerprint covers what every result depends on (settings, the content model's own code, the
libraries (kiryx.libraries), the content folder), so a change there starts afresh; a new photo
elsewhere changes nothing.
"""

from __future__ import annotations

import hashlib
import pickle
from pathlib import Path
from typing import Any

from ..atomic import write_atomic
from ..cache_retention import keep_recent
from ..filehash import FileHashes
from ..lasting import lasting
from ..libraries import installed

_MODEL_SOURCES = sorted(Path(__file__).parent.glob("*.py")) + [Path(__file__).parent.parent / "greek.py"]
MODEL_VERSION = hashlib.sha256(b"".join(p.read_bytes() for p in _MODEL_SOURCES) + installed().encode()).hexdigest()


def fingerprint(root: Path, *parts: Any) -> str:
    """Hash of the settings parts, the model's code and the content folder."""
    return hashlib.sha256(pickle.dumps((MODEL_VERSION, str(root.resolve()), parts))).hexdigest()


class ResultCache:
    """Pickles of {relative path: (file hash, {consulted file: its hash}, result)} for one fingerprint, one per
    folder of content (`press-releases/2026`, `pages`): an edit or a new item rewrites its folder's pickle only
    (0.3 MB of a 5,000-item archive's 18 MB, which took 0.1–0.15 s to write after every edit)."""

    def __init__(self, folder: Path | None, key: str, hashes: FileHashes):
        self.folder = folder / f"catalogue-{key[:16]}" if folder else None
        self.key, self.hits, self.hashes = key, 0, hashes
        self.entries: dict[str, tuple[str, dict[str, str], Any]] = {}
        self.used: dict[str, tuple[str, dict[str, str], Any]] = {}
        shards = sorted(self.folder.glob("*.pickle")) if self.folder and self.folder.is_dir() else []
        with lasting():  # else loading 5,000 items runs the collector ~120 times, for nothing: 40 % of the load
            for shard in shards:
                try:
                    stored_key, entries = pickle.loads(shard.read_bytes())
                except (OSError, pickle.UnpicklingError, EOFError, ValueError, AttributeError, ImportError):
                    continue  # read again from the files, and written anew
                if stored_key == key:
                    self.entries.update(entries)

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
        """Write the folders whose results changed in this run (dropping deleted files), each atomically."""
        if not self.folder:
            return
        now, before = _by_folder(self.used), _by_folder(self.entries)
        for name in sorted(now.keys() | before.keys()):
            if now.get(name) == before.get(name):
                continue
            shard = self.folder / f"{name}.pickle"
            if name not in now:
                shard.unlink(missing_ok=True)
                continue
            write_atomic(shard, pickle.dumps((self.key, now[name]), protocol=pickle.HIGHEST_PROTOCOL))
        keep_recent(self.folder, "catalogue-*")  # one per change of settings or of Kiryx otherwise: 18 MB each


def _by_folder(entries: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Entries grouped by the folder their file is in (its shard's name: `press-releases--2026`, `pages`)."""
    shards: dict[str, dict[str, Any]] = {}
    for rel, entry in entries.items():
        shards.setdefault(rel.rpartition("/")[0].replace("/", "--"), {})[rel] = entry
    return shards

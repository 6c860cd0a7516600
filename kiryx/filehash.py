"""Content hashes of files, read again only when a file's size or modification time changed.

One index per content folder, kept in the cache: a fresh clone (new mtimes) hashes each file
once; after that, an unchanged file costs one `stat` per run. Caches are keyed by these content
hashes, so a file replaced by another of the same size is seen, and a renamed one is not
processed twice. A file changed in the last moments is hashed but not kept in the index: it could
change again within the resolution of its time stamp, with the same size, unseen (what git calls
"racily clean").
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path
from stat import S_ISREG

from .atomic import write_atomic
from .lasting import lasting

RACY_NS = 2 * 10**9
"""A file modified less than this long ago (nanoseconds; file systems keep time stamps to a few milliseconds, some to
two seconds) is hashed again by the next run."""


class FileHashes:
    def __init__(self, root: Path, index_file: Path | None):
        self.folder, self.index_file = str(root), index_file  # joined as text: a Path per file costs more than its stat
        self.index: dict[str, list] = {}
        if index_file and index_file.is_file():
            try:
                with lasting():
                    self.index = json.loads(index_file.read_text(encoding="utf-8"))
            except (ValueError, OSError):
                self.index = {}
            if not isinstance(self.index, dict):  # damaged (a power cut, a hand edit): every file is hashed again
                self.index = {}
        self.changed = False
        self.seen: dict[str, str] = {}

    def digest(self, rel: str) -> str:
        """The SHA-256 of content/`rel`, or "" when there is no such file: looked up once per run, so every part
        of a build sees the same file (pages, cards and fingerprints ask for the same photo many times)."""
        known = self.seen.get(rel)
        if known is None:
            known = self.seen[rel] = self._digest(rel)
        return known

    def _digest(self, rel: str) -> str:
        path = os.path.join(self.folder, rel)
        try:
            stat = os.stat(path)
        except OSError:
            return ""
        if not S_ISREG(stat.st_mode):
            return ""
        known = self.index.get(rel)
        if isinstance(known, list) and len(known) == 3 and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return str(known[2])
        with open(path, "rb") as file:
            value = hashlib.file_digest(file, "sha256").hexdigest()
        if time.time_ns() - stat.st_mtime_ns > RACY_NS:
            self.index[rel] = [stat.st_size, stat.st_mtime_ns, value]
            self.changed = True
        elif self.index.pop(rel, None) is not None:  # too recent to keep: the index changes only if it had it
            self.changed = True
        return value

    def save(self) -> None:
        if self.index_file and self.changed:
            write_atomic(self.index_file, json.dumps(self.index).encode("utf-8"))
            self.changed = False

"""How much of a cache is kept: the generations a run may want again, not one per commit forever.

A cache keyed by a commit or by the settings gets a new generation at every commit (the git
history, 0.5 MB at 5,000 items) or change of settings or of Kiryx (the checked files, 18 MB);
from cron, every few minutes for years, the old ones would fill the disk. Writing a generation
marks it (the checked files are saved at every run, the history when its commit is new); all but
the few most recently marked are removed, and so are the scratch files killed runs left beside them
(kiryx.atomic.sweep).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from .atomic import remove, sweep

KEEP = 3
"""Generations kept: the current one and those used alongside it (a pull request's plan checks the base commit's
content beside the branch's; `publishconf.py` may differ from `pelicanconf.py`)."""


def keep_recent(current: Path, pattern: str, keep: int = KEEP) -> None:
    """Mark `current` (a file or folder) as just written, and remove all but the `keep` most recently marked of the
    siblings named like `pattern` (a glob), and the scratch entries killed runs left beside it and in it. Best effort:
    a run reading one that goes away reads its source again."""
    with contextlib.suppress(OSError):
        os.utime(current)
        siblings = sorted(current.parent.glob(pattern), key=_used, reverse=True)
        for old in siblings[keep:]:
            remove(old)
    sweep(current.parent)
    if current.is_dir():
        sweep(current)


def _used(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0

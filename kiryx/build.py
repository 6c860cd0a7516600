"""One build of the site: its moment, its checked content, its images and its output state.

Made once per run (`start`) and kept in the settings as `KIRYX_BUILD`, the one object every
plugin reads its facts from, instead of settings keys and template globals with side effects.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from .build_state import BuildState
from .clock import build_now
from .config import KiryxConfig, config_for
from .content.catalogue import Catalogue
from .content.content_types import STATIC_FOLDERS
from .content.recurrence import schedule_of
from .content.schema import RECENT
from .filehash import FileHashes
from .fingerprints import Fingerprints
from .history import last_modified
from .images.store import ImageStore
from .libraries import installed

KIRYX = Path(__file__).resolve().parent
# Settings that describe one run, not the site: never part of what an output depends on.
# Settings of one run, or derived from the content (KIRYX_PAGES), which the build key covers item by item.
_RUN_SETTINGS = frozenset({"KIRYX_BUILD", "KIRYX_CATALOGUE", "KIRYX_NOW", "OUTPUT_PATH", "PATH", "CACHE_PATH",
                           "KIRYX_PREVIOUS_OUTPUT", "KIRYX_PAGES", "KIRYX",  # KIRYX: as KIRYX_CONFIG, its site facts
                           "DELETE_OUTPUT_DIRECTORY", "KIRYX_SETTINGS_FILE"})


@dataclass
class Build:
    settings: dict[str, Any]
    config: KiryxConfig
    now: datetime
    catalogue: Catalogue
    hashes: FileHashes
    images: ImageStore
    state: BuildState
    prints: Fingerprints = field(init=False)
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    """What the build made anew and what it reused, once it is done."""
    on_finish: list[Callable[[], None]] = field(default_factory=list)
    """What to do once every file is written (save caches)."""
    on_failure: list[Callable[[], None]] = field(default_factory=list)
    """What to stop when the build fails (the processes it started), before its folder is removed."""

    def __post_init__(self) -> None:
        self.prints = Fingerprints(self)


def stable(value: Any) -> str:
    """A representation of a settings value that is the same in every process."""
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', type(value).__name__)}"
    if isinstance(value, dict):
        return "{" + ",".join(f"{k!r}:{stable(v)}" for k, v in sorted(value.items(), key=lambda kv: str(kv[0]))) + "}"
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = ",".join(f"{f.name}={stable(getattr(value, f.name))}" for f in dataclasses.fields(value))
        return f"{type(value).__name__}({fields})"
    if isinstance(value, (list, tuple, set, frozenset)):
        items = sorted(map(stable, value)) if isinstance(value, (set, frozenset)) else map(stable, value)
        return "[" + ",".join(items) + "]"
    return repr(value)


def salt(settings: dict[str, Any]) -> str:
    """What every output depends on: Kiryx's code, the plugins, the theme, the libraries, the settings."""
    digest = hashlib.sha256(installed().encode())
    folders = [KIRYX, Path(settings["THEME"]), *(Path(p) for p in settings.get("PLUGIN_PATHS", []))]
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".mo"):
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    for key in sorted(settings):
        if key not in _RUN_SETTINGS:
            value = settings[key].site_facts if key == "KIRYX_CONFIG" else settings[key]
            digest.update(f"{key}={stable(value)}\n".encode())
    return digest.hexdigest()


def build_key(settings: dict[str, Any], catalogue: Catalogue) -> str:
    """Everything the whole built site depends on at this moment: when it equals the key recorded
    with an output, building again would give that output, byte for byte.

    Kiryx's code, theme and settings (the salt); every item's bytes, the files it refers to, its URL,
    its last change, and what the moment makes of it (public, listed, an event still to come or
    within the calendars' window); every published file; the redirects; the day.
    """
    now, hashes, code = build_now(settings), catalogue.hashes, salt(settings)
    known = catalogue.build_keys.get((code, now))
    if known:
        return known
    digest = hashlib.sha256(f"{code}\n{now.date()}\n{catalogue.redirects!r}\n".encode())
    for item in sorted(catalogue.items, key=lambda i: i.source.rel):
        values = item.values
        schedule = schedule_of(values) if values.get("start") else None
        ends = schedule.ends() if schedule else None
        moments = (item.is_public(now), item.is_listed(now), ends and ends > now, ends and ends > now - RECENT,
                   schedule and schedule.shown(now).start)  # a series' next date moves on
        changed = last_modified(item, catalogue.history, now)
        consulted = ",".join(f"{c}={hashes.digest(c)}" for c in sorted(item.consulted))
        digest.update(f"{item.source.rel}\0{item.source.digest}\0{item.url}\0{changed}\0{moments}\0"
                      f"{consulted}\n".encode())
    for folder in STATIC_FOLDERS:
        for path in sorted(p for p in (catalogue.root / folder).rglob("*") if p.is_file()):
            rel = path.relative_to(catalogue.root).as_posix()
            digest.update(f"{rel}={hashes.digest(rel)}\n".encode())
    key = catalogue.build_keys[code, now] = digest.hexdigest()
    return key


def start(settings: dict[str, Any], catalogue: Catalogue, output: Path, previous: Path | None) -> Build:
    """The build of these settings into `output`, reusing what it can of `previous`."""
    content, cache = Path(settings["PATH"]), Path(settings["CACHE_PATH"])
    hashes = catalogue.hashes if catalogue.hashes.index_file else FileHashes(content, cache / "file-hashes.json")
    build = Build(settings, config_for(settings), build_now(settings), catalogue, hashes,
                  ImageStore(content, cache, hashes),
                  BuildState(output, previous, salt(settings), build_key(settings, catalogue)))
    settings["KIRYX_BUILD"] = build
    return build


def build_of(settings: dict[str, Any]) -> Build:
    return settings["KIRYX_BUILD"]

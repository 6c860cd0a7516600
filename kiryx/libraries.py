"""The libraries Kiryx runs on, as installed: their versions are part of the keys of what they shape (every
output's salt, the checked files' cache), so an upgrade builds anew, as a cold build would, instead of keeping
what the older version made. Athens' time-zone rules count too: a tz database that changes them (an end to
summer time) moves every future event's hour."""

from __future__ import annotations

import hashlib
import platform
import re
import tomllib
import zoneinfo
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from .greek import ATHENS

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
ALSO = ("jinja2",)
"""Libraries not declared but shaping the output: Pelican's template engine renders every page."""


@cache
def installed() -> str:
    """`name==version` of Python, of each dependency pyproject.toml declares, of `ALSO`, and the rules of Athens'
    time zone, one per line."""
    with PYPROJECT.open("rb") as file:
        declared = tomllib.load(file)["project"]["dependencies"]
    names = [re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0] for requirement in declared] + list(ALSO)
    return "\n".join([f"python=={platform.python_version()}", *(f"{name}=={_version(name)}" for name in names),
                      f"{ATHENS.key}=={_zone_rules(str(ATHENS.key))}"])


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"


def _zone_rules(key: str) -> str:
    """A hash of the tz database's file for the zone `key` (the system's, or the `tzdata` package's)."""
    for folder in zoneinfo.TZPATH:
        path = Path(folder) / key
        if path.is_file():
            return hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    return _version("tzdata")

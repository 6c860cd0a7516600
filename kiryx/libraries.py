"""The libraries Kiryx runs on, as installed: their versions are part of the keys of what they shape (every
output's salt, the checked files' cache), so an upgrade builds anew, as a cold build would, instead of keeping
what the older version made."""

from __future__ import annotations

import platform
import re
import tomllib
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"
ALSO = ("jinja2",)
"""Libraries not declared but shaping the output: Pelican's template engine renders every page."""


@cache
def installed() -> str:
    """`name==version` of Python, of each dependency pyproject.toml declares, and of `ALSO`, one per line."""
    with PYPROJECT.open("rb") as file:
        declared = tomllib.load(file)["project"]["dependencies"]
    names = [re.split(r"[<>=!~;\[ ]", requirement, maxsplit=1)[0] for requirement in declared] + list(ALSO)
    return "\n".join([f"python=={platform.python_version()}", *(f"{name}=={_version(name)}" for name in names)])


def _version(name: str) -> str:
    try:
        return version(name)
    except PackageNotFoundError:
        return "not installed"

"""Shared fixtures: real Pelican builds of the sample site and of small content folders."""

from __future__ import annotations

import os
import shutil
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from kiryx.site import ROOT, build, load_settings

# The sample site is built as of this Athens moment, so tests do not depend on today's date.
SAMPLE_NOW = "2026-11-24T12:00:00+02:00"
LOGO = ROOT / "content" / "press-kit" / "logos" / "dimos-alimou-logo.svg"
LEGAL_PAGES = ("dilosi-prosvasimotitas.md", "politiki-aporritou.md")


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site in content/, built once per test session; returns the output folder."""
    output = tmp_path_factory.mktemp("sample") / "output"
    settings = load_settings(ROOT / "pelicanconf.py", KIRYX_NOW=SAMPLE_NOW,
                             CACHE_PATH=str(output.parent / "cache"))
    build(settings, output)
    return output


SiteBuilder = Callable[..., Path]


@pytest.fixture
def content_dir(tmp_path: Path) -> Path:
    """A content folder with the logos the theme needs and the pages the law asks for (the accessibility statement,
    the privacy policy), and no item yet."""
    root = tmp_path / "content"
    shutil.copytree(LOGO.parent, root / "press-kit" / "logos")
    (root / "pages").mkdir()
    for page in LEGAL_PAGES:
        shutil.copy(ROOT / "content/pages" / page, root / "pages" / page)
    return root


def write(root: Path, rel: str, text: str) -> Path:
    """Write a content file (dedented) under `root`."""
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


@pytest.fixture
def build_site(content_dir: Path, tmp_path: Path) -> SiteBuilder:
    """Build `content_dir` (fill it with `write` first); returns the output folder."""

    def run(now: str = SAMPLE_NOW, **overrides: Any) -> Path:
        output = tmp_path / "output"
        settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW=now,
                                 CACHE_PATH=str(tmp_path / "cache"), **overrides)
        build(settings, output)
        return output

    return run


# Tests read the messages in English (the msgids) unless they ask for Greek with --lang el.
os.environ["KIRYX_LANG"] = "en"


def children() -> set[int]:
    """The processes this one started that are still there (exited but not reaped ones too)."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == os.getpid():
            found.add(int(stat.parent.name))
    return found


@pytest.fixture
def no_child_left() -> Callable[[], bool]:
    """`no_child_left()`: no process this test started is still there (an earlier test's repository may still have
    its `git cat-file`, which is not this test's)."""
    before = children()
    return lambda: children() <= before

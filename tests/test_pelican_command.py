"""Pelican's own command keeps working on the Kiryx settings, and refuses bad content too."""

from __future__ import annotations

import importlib.machinery
import os
import subprocess
import sys
from pathlib import Path

from kiryx.site import ROOT
from tests.conftest import write

PELICAN = str(Path(sys.executable).with_name("pelican"))


def pelican(content: Path, output: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([PELICAN, str(content), "-s", str(ROOT / "pelicanconf.py"), "-o", str(output)],
                          capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL,
                          env={**os.environ, "COLUMNS": "400"})


def test_pelican_content_builds_the_site(content_dir: Path, tmp_path: Path) -> None:
    write(content_dir, "leaflets/odigos.md", """
        ---
        title: Οδηγός ανακύκλωσης
        date: 2026-03-01
        ---
        Κείμενο.
        """)
    result = pelican(content_dir, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "out/leaflets/odigos-anakyklosis/index.html").read_text(encoding="utf-8")
    assert "Οδηγός ανακύκλωσης" in page and "press@alimos.gr" in page


def test_pelican_content_stops_on_invalid_content_before_writing(content_dir: Path, tmp_path: Path) -> None:
    write(content_dir, "leaflets/odigos.md", "---\ntitle: Οδηγός\ndate: 2026-02-30\n---\n")
    result = pelican(content_dir, tmp_path / "out")
    assert result.returncode != 0
    assert "leaflets/odigos.md:3: date: '2026-02-30' is not a real date" in result.stdout + result.stderr
    assert not list((tmp_path / "out").rglob("*.html"))


def test_no_plugin_shares_its_name_with_an_installed_module() -> None:
    """Pelican returns a module already imported under a plugin's name instead of the plugin (plugins/coverage was
    coverage.py under mutmut or pytest-cov, and every in-process build stopped on it)."""
    elsewhere = [path for path in sys.path if Path(path or ".").resolve() != ROOT / "plugins"]
    finder = importlib.machinery.PathFinder
    taken = [plugin.name for plugin in (ROOT / "plugins").iterdir()
             if (plugin / "__init__.py").is_file() and finder.find_spec(plugin.name, elsewhere) is not None]
    assert taken == []

"""Run Pelican in-process: read settings, check content, build into a staging folder, swap."""

from __future__ import annotations

import logging
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.settings import read_settings

from .config import config_for
from .content.catalogue import Catalogue, load
from .content.problems import ContentError
from .history import History, silent_edits

ROOT = Path(__file__).resolve().parent.parent


def load_settings(settings_file: Path | str = ROOT / "pelicanconf.py", **overrides: Any) -> dict[str, Any]:
    """Pelican settings from a settings file, with upper-case overrides (PATH, OUTPUT_PATH, …)."""
    override = {k: str(v) if isinstance(v, Path) else v for k, v in overrides.items() if v is not None}
    settings = read_settings(str(settings_file), override=override)
    config_for(settings)
    return settings


def check(settings: dict[str, Any]) -> Catalogue:
    """Validate the whole content folder of these settings, and its git history."""
    content, cache = Path(settings["PATH"]), Path(settings["CACHE_PATH"])
    catalogue = load(content, config_for(settings), settings["MARKDOWN"], cache_dir=cache)
    catalogue.history = History.of(content, cache)
    catalogue.problems = sorted(catalogue.problems + silent_edits(catalogue.items, catalogue.history))
    return catalogue


@dataclass
class BuildResult:
    output: Path
    catalogue: Catalogue


def build(settings: dict[str, Any], output: Path | None = None) -> BuildResult:
    """Check, then build into `<output>.staging` and swap it in; on any failure nothing changes."""
    catalogue = check(settings)
    if catalogue.errors:
        raise ContentError(catalogue.errors)
    output = Path(output or settings["OUTPUT_PATH"]).resolve()
    staging = output.with_name(output.name + ".staging")
    shutil.rmtree(staging, ignore_errors=True)
    run_pelican(settings, staging, catalogue)
    old = output.with_name(output.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
    return BuildResult(output, catalogue)


def run_pelican(settings: dict[str, Any], output: Path, catalogue: Catalogue | None = None) -> None:
    """One Pelican run writing to `output` (removed again if the run fails).

    With a checked `catalogue`, the reader takes each file's fields and HTML from it.
    """
    settings = {**settings, "OUTPUT_PATH": str(output), "KIRYX_CATALOGUE": catalogue}
    settings.pop("KIRYX_FAILED", None)
    try:
        Pelican(settings).run()
    except BaseException:
        shutil.rmtree(output, ignore_errors=True)
        raise


def quiet_pelican_logs() -> None:
    """Show Pelican's warnings and errors, not its per-file chatter."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pelican").setLevel(logging.WARNING)

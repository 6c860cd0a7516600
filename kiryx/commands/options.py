"""Options shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..site import ROOT, load_settings


def add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--content", type=Path, metavar="DIR", help="content folder (default: content/)")
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py", metavar="FILE",
                        help="Pelican settings file (default: pelicanconf.py)")


def settings_from(args: argparse.Namespace, **overrides: Any) -> dict[str, Any]:
    content = args.content.resolve() if args.content else None
    return load_settings(args.settings, PATH=content, **overrides)

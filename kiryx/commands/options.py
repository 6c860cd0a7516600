"""Options shared by several commands."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..i18n import LANGUAGES, default_language
from ..site import ROOT, load_settings


def add_site_options(parser: argparse.ArgumentParser, settings: str = "pelicanconf.py") -> None:
    parser.add_argument("--content", type=Path, metavar="DIR", help="content folder (default: content/)")
    parser.add_argument("--settings", type=Path, default=ROOT / settings, metavar="FILE",
                        help=f"Pelican settings file (default: {settings})")
    add_language_option(parser)


def add_language_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=LANGUAGES, default=default_language(),
                        help="language of the messages: el (Greek, default) or en; also KIRYX_LANG")


def settings_from(args: argparse.Namespace, **overrides: Any) -> dict[str, Any]:
    content = args.content.resolve() if args.content else None
    return load_settings(args.settings, PATH=content, **overrides)

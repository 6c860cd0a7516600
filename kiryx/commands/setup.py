"""Fetch, once, the prebuilt tools the site serves or runs: the browser editor (Decap CMS) and the
search indexer (Pagefind), at pinned versions checked against their SHA-512. Builds never fetch anything.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import vendor
from ..config import config_for
from ..site import ROOT, load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", type=Path, default=ROOT / "pelicanconf.py", metavar="FILE",
                        help="settings file (default: pelicanconf.py)")


def run(args: argparse.Namespace) -> int:
    folder = vendor.folder(config_for(load_settings(args.settings)).state_dir)
    for asset in vendor.assets():
        try:
            place = vendor.install(folder, asset)
        except vendor.VendorError as err:
            print(f"setup: {err}", file=sys.stderr)
            return 1
        print(f"{asset.package} {asset.version}: {place}")
    return 0

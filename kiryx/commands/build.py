"""Check all content, then build the site into the output folder (replaced only on success)."""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from ..build_state import empty_spare_later
from ..clock import parse_moment
from ..i18n import msg
from ..site import build, check, quiet_pelican_logs
from .options import add_site_options, settings_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--output", type=Path, metavar="DIR", help="output folder (default: output/)")
    parser.add_argument("--now", metavar="DATETIME",
                        help="build as if it were this Athens time, e.g. '2026-12-02 09:00' (preview embargoed items)")
    parser.add_argument("--preview", action="store_true",
                        help="build as the site will look once every embargo has ended, each page marked as a "
                             "preview (for pull requests)")


def run(args: argparse.Namespace) -> int:
    quiet_pelican_logs()
    started = time.monotonic()
    settings = settings_from(args, KIRYX_NOW=None if args.now is None else parse_moment(args.now, "--now"))
    if args.preview:
        settings["KIRYX_NOW"] = settings["KIRYX_PREVIEW"] = check(settings).last_embargo(settings["KIRYX_NOW"])
    result = build(settings, args.output)
    for warning in result.catalogue.problems:
        print(warning.located(result.catalogue.root))
    pages = result.counts["pages"]
    if result.unchanged:
        print(msg("Nothing changed since the last build: {output} left as it was ({files} files).",
                  output=result.output, files=pages["reused"]))
        return 0
    print(msg("Built {items} items into {output} in {seconds} s: {rendered} files rendered and {indexed} indexed "
              "({written} new or changed), {reused} unchanged", items=len(result.catalogue.items), output=result.output,
              seconds=f"{time.monotonic() - started:.1f}", rendered=pages["rendered"], indexed=pages["generated"],
              written=pages["written"], reused=pages["reused"]))
    empty_spare_later(result.output.parent)  # the previous output, kept for the next build's folders
    return 0

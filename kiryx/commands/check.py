"""Validate content and print one line per problem as `path:line: field: message`.

Exit status 1 if there is any error (or, with --strict, any warning).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..site import check
from .options import add_site_options, settings_from

HELP = "validate content files (all, or the ones given)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="only report on these files (the whole folder is still read for cross-checks)")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    root = Path(settings["PATH"])
    catalogue = check(settings)
    wanted = {_rel(p, root) for p in args.paths}
    problems = [p for p in catalogue.problems if not wanted or p.path in wanted]
    for problem in problems:
        print(problem.located(root))
    errors = [p for p in problems if p.is_error or args.strict]
    checked = len(wanted) if wanted else len(catalogue.items)
    print(f"{checked} file(s) checked: {len(errors)} error(s), {len(problems) - len(errors)} warning(s)")
    return 1 if errors else 0


def _rel(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)


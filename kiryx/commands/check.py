"""Validate content and print one line per problem as `path:line: field: message`.

Formats: `text` (default), `github` (workflow commands that GitHub shows on the diff),
`gitlab` (a Code Quality report) and `json`. Messages are in Greek, or English with `--lang en`.
Exit status 1 if there is any error (or, with --strict, any warning).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.annotations import FORMATS, RENDERERS
from ..content.problems import Problem
from ..i18n import msg
from ..site import check
from .options import add_site_options, settings_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--strict", action="store_true", help="treat warnings as errors")
    parser.add_argument("--format", choices=FORMATS, default="text",
                        help="text (default), github (annotations), gitlab (Code Quality report) or json")
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATH",
                        help="only report on these files (the whole folder is still read for cross-checks)")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    root = Path(settings["PATH"])
    catalogue = check(settings)
    wanted = {_rel(p, root): p for p in args.paths}
    problems = sorted(missing_files(wanted) + [p for p in catalogue.problems if not wanted or p.path in wanted])
    if args.strict:
        problems = [Problem(p.path, p.line, p.field, p.message) for p in problems]
    sys.stdout.write(RENDERERS[args.format](problems, root, args.lang))
    errors = [p for p in problems if p.is_error]
    if args.format == "text":
        checked = len(wanted) if wanted else len(catalogue.items)
        print(msg("{files} file(s) checked: {errors} error(s), {warnings} warning(s)", files=checked,
                  errors=len(errors), warnings=len(problems) - len(errors)).render(args.lang))
    return 1 if errors else 0


def missing_files(wanted: dict[str, Path]) -> list[Problem]:
    """A problem for each file asked for that does not exist."""
    return [Problem(rel, 1, "path", msg("there is no such file; check the name and the folder"))
            for rel, path in wanted.items() if not path.exists()]


def _rel(path: Path, root: Path) -> str:
    resolved = path.resolve()
    return resolved.relative_to(root.resolve()).as_posix() if resolved.is_relative_to(root.resolve()) else str(path)

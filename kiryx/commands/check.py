"""Validate content and print one line per problem as `path:line: field: message`.

Formats: `text` (default), `github` (workflow commands that GitHub shows on the diff),
`gitlab` (a Code Quality report) and `json`. Messages are in Greek, or English with `--lang en`.
Exit status 1 if there is any error (or, with --strict, any warning).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..content.annotations import FORMATS, RENDERERS, printable
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
    wanted, asked = asked_for(args.paths, root)
    files = {item.source.rel for item in catalogue.items} | {p.path for p in catalogue.problems}
    if args.paths:  # and the photos and documents the texts asked for use: their problems stop the build too
        files = {rel for rel in files if chosen(rel, wanted)}
        files |= {used for item in catalogue.items if item.source.rel in files for used in item.files}
    problems = sorted(asked + [p for p in catalogue.problems if p.path in files])
    if args.strict:
        problems = [Problem(p.path, p.line, p.field, p.message) for p in problems]
    sys.stdout.write(printable(RENDERERS[args.format](problems, root, args.lang)))
    errors = [p for p in problems if p.is_error]
    if args.format == "text":
        print(msg("{files} file(s) checked: {errors} error(s), {warnings} warning(s)", files=len(files),
                  errors=len(errors), warnings=len(problems) - len(errors)).render(args.lang))
    return 1 if errors else 0


def asked_for(paths: list[Path], root: Path) -> tuple[list[str], list[Problem]]:
    """The files and folders asked for, relative to the content folder ('.': all of it), and a problem for each
    path that is not one of them. A path may also be written from inside the content folder (press-releases/…)."""
    wanted, problems = [], []
    for path in paths:
        if not path.exists() and (root / path).exists():
            path = root / path
        resolved = path.resolve()
        if not resolved.is_relative_to(root.resolve()):
            problems.append(Problem(str(path), 1, "path", msg(
                "is not in the content folder; give a file or folder inside it, e.g. content/press-releases/2026/")))
            continue
        rel = resolved.relative_to(root.resolve()).as_posix()
        if resolved.exists():
            wanted.append(rel)
        else:
            problems.append(Problem(rel, 1, "path", msg("there is no such file; check the name and the folder")))
    return wanted, problems


def chosen(rel: str, wanted: list[str]) -> bool:
    """Is a content file among those asked for (itself, or in a folder asked for)?"""
    return any(folder in (".", rel) or rel.startswith(f"{folder}/") for folder in wanted)

"""Show what merging this branch will do: new items and when they appear, the mail each list gets,
corrections, cancellations, withdrawals, address changes, deletions, changes to settings, theme or
code, and the check's problems.

Compares HEAD with --base (default: the last publication, the newest published/* tag; else the
remote's default branch) and prints Greek Markdown, for a pull-request comment or a CI job
summary; with GITHUB_STEP_SUMMARY set, it is appended there too. Exit status 1 on errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..clock import build_now
from ..gitrepo import RepositoryError, open_repo
from ..i18n import msg
from ..publishing.plan import PlanError, find_base, make_plan
from ..publishing.plan_markdown import render
from .options import add_site_options, settings_from


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_site_options(parser)
    parser.add_argument("--base", metavar="REF", help="compare with this commit, branch or tag "
                        "(default: the newest published/* tag, else the remote's default branch)")
    parser.add_argument("--output", type=Path, metavar="FILE", help="also write the plan to this file")


def run(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    content = Path(settings["PATH"]).resolve()
    if args.output and (args.output.resolve() == content or content in args.output.resolve().parents):
        print(msg("--output {file}: it is in the content folder, where the plan would become content; write it "
                  "elsewhere, e.g. --output plan.md", file=str(args.output)), file=sys.stderr)
        return 1  # said before the plan is made: nothing is compared or printed for nothing
    repo = open_repo(Path(settings["PATH"]))
    if repo is None:
        raise RepositoryError(f"{settings['PATH']} is not in a git repository; the plan compares git commits")
    try:
        with repo:  # closed again: no git process left behind
            plan = make_plan(settings, repo, find_base(repo, args.base), build_now(settings))
    except PlanError as err:
        raise RepositoryError(str(err)) from None
    text = render(plan)
    print(text, end="")
    for target in (args.output, os.environ.get("GITHUB_STEP_SUMMARY")):
        if target:
            with open(target, "a", encoding="utf-8") as out:
                out.write(text)
    return 1 if plan.errors else 0

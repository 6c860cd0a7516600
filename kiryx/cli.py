"""`publish.py`: one sub-command per module in `kiryx.commands`."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .commands import COMMANDS
from .config import ConfigError
from .content.problems import ContentError


def parser() -> argparse.ArgumentParser:
    main = argparse.ArgumentParser(
        prog="publish.py",
        description="Kiryx: check, build, preview and publish the press office's site.",
    )
    subs = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, module in COMMANDS.items():
        sub = subs.add_parser(name, help=module.HELP, description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except ConfigError as err:
        print(f"pelicanconf.py: {err}", file=sys.stderr)
    except ContentError as err:
        print(err, file=sys.stderr)
        print(f"{len(err.problems)} problem(s); nothing was written.", file=sys.stderr)
    return 1

"""`publish.py`: one sub-command per module in `kiryx.commands`.

A person's mistake (content, settings, command, repository state) is one clear message and
exit status 1, never a Python traceback. A fault of Kiryx itself says so, writes the
traceback to `<state>/crash.log` for a bug report, and exits with 2.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import sys
from collections.abc import Sequence
from typing import NoReturn

from .commands import COMMANDS, command
from .config import ConfigError, located
from .content.problems import ContentError
from .crash import record, refused
from .gitrepo import RepositoryError
from .i18n import msg
from .publishing.deploy import DeployError
from .publishing.ledger import LedgerError
from .publishing.lock import Busy


class _Parser(argparse.ArgumentParser):
    """argparse, whose slips (a mistyped command, a missing title) are said in the staff's language."""

    def error(self, message: str) -> NoReturn:
        """A slip: the usage line, then what was wrong, in one line; status 1 like every user's mistake (2 is a fault
        of Kiryx, so a wrapper, cron or CI tells the two apart)."""
        self.print_usage(sys.stderr)
        self.exit(1, f"{self.prog}: {_slip(message)}\n")


def _slip(message: str) -> str:
    """argparse's English error, in the catalogue's words, with the nearest choice for a mistyped one."""
    if found := re.match(r"argument (\S+): invalid choice: '(.*)' \(choose from (.*)\)$", message):
        options = [option.strip("'") for option in found[3].split(", ")]
        close = difflib.get_close_matches(found[2], options, n=1)
        said = str(msg("{name}: '{value}' is not one of: {options}", name=found[1], value=found[2],
                       options=", ".join(options)))
        return said + (str(msg("; did you mean '{close}'?", close=close[0])) if close else "")
    if found := re.match(r"the following arguments are required: (.*)$", message):
        return str(msg("missing: {names} (see --help)", names=found[1]))
    if found := re.match(r"unrecognized arguments: (.*)$", message):
        return str(msg("unknown: {words} (see --help)", words=found[1]))
    if found := re.match(r"argument (\S+): (expected one argument|invalid \w+ value: '.*')$", message):
        return str(msg("{name} needs a value of its own kind (see --help)", name=found[1]))
    return message


def parser(chosen: str | None = None) -> argparse.ArgumentParser:
    """The command line; only the `chosen` command's module is imported, for its options."""
    main = _Parser(
        prog="publish.py",
        description="Kiryx: check, build, preview and publish the press office's site.",
    )
    subs = main.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in COMMANDS.items():
        if name != chosen:
            subs.add_parser(name, help=help_text)
            continue
        module = command(name)
        sub = subs.add_parser(name, help=help_text, description=module.__doc__)
        module.add_arguments(sub)
        sub.set_defaults(run=module.run)
    return main


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    before = os.environ.get("KIRYX_LANG")
    asked = next((argv[i + 1] for i, a in enumerate(argv[:-1]) if a == "--lang"), None)
    if asked in ("el", "en"):  # also for the slips argparse finds while reading the rest
        os.environ["KIRYX_LANG"] = asked
    try:
        args = parser(next((a for a in argv if not a.startswith("-")), None)).parse_args(argv)
        if getattr(args, "lang", None):
            os.environ["KIRYX_LANG"] = args.lang  # for every message of this run (and its child processes)
        elif args.command in IT_COMMANDS and before is None:
            os.environ["KIRYX_LANG"] = "en"
        return _run(args)
    finally:
        if before is None:
            os.environ.pop("KIRYX_LANG", None)
        else:
            os.environ["KIRYX_LANG"] = before


IT_COMMANDS = frozenset({"publish", "rollback", "setup"})
"""The IT person's commands: they answer in English (the staff's, in Greek), their crash report too."""


def _run(args: argparse.Namespace) -> int:
    try:
        return args.run(args)
    except ConfigError as err:
        print(located(err, getattr(args, "settings", None)), file=sys.stderr)
    except ContentError as err:
        for problem in err.problems:
            print(problem.located(err.root) if err.root else problem, file=sys.stderr)
        print(msg("{count} problem(s); nothing was written.", count=len(err.problems)), file=sys.stderr)
    except (RepositoryError, DeployError, LedgerError, Busy) as err:
        print(f"{args.command}: {err}", file=sys.stderr)
    except KeyboardInterrupt:
        print(msg("{command}: interrupted; nothing half-done is left live.", command=args.command), file=sys.stderr)
        return 130
    except OSError as err:
        print(f"{args.command}: {refused(err)}", file=sys.stderr)
    except Exception:  # noqa: BLE001 - the last line of defence: no traceback on screen
        return _crash(args.command)
    return 1


def _crash(command: str) -> int:
    print(record(command), file=sys.stderr)
    return 2

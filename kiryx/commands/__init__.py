"""The sub-commands of `publish.py`, each a module with HELP, add_arguments() and run()."""

from types import ModuleType

from . import build, check, mail_preview, new, plan, publish, rollback, serve, setup

COMMANDS: dict[str, ModuleType] = {
    "build": build, "serve": serve, "check": check, "plan": plan, "new": new, "publish": publish,
    "rollback": rollback, "setup": setup, "mail-preview": mail_preview,
}

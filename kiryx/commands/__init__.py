"""The sub-commands of `publish.py`, each a module with add_arguments() and run().

Only the command being run is imported (a check does not load the mailer or the deployer).
"""

import importlib
from types import ModuleType

COMMANDS: dict[str, str] = {
    "build": "check and build the site",
    "serve": "preview the site on http://127.0.0.1:8000 with rebuild on change",
    "check": "validate content files (all, or the ones given)",
    "plan": "what merging this branch will publish and mail (Greek Markdown)",
    "new": "create a new press release, event, leaflet, coverage entry or page",
    "publish": "build, deploy and notify the mailing lists (for cron)",
    "rollback": "return the site to the previous release",
    "setup": "fetch the browser editor and the search indexer (once, after installing)",
    "mail-preview": "write the mails an item would send, without sending them",
}
"""Each command with its one-line help."""


def command(name: str) -> ModuleType:
    """The module of a command."""
    return importlib.import_module(f"{__name__}.{name.replace('-', '_')}")

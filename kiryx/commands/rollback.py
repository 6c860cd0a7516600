"""Make the previous local release live again (the `current` symlink is swapped atomically), until the next commit."""

from __future__ import annotations

import argparse
from pathlib import Path

from ..config import config_for
from ..gitrepo import open_repo
from ..publishing import deploy
from ..publishing.lock import exclusive
from ..publishing.pipeline import state_folder
from ..site import ROOT, load_settings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", type=Path, default=ROOT / "publishconf.py", metavar="FILE",
                        help="settings file (default: publishconf.py)")


def run(args: argparse.Namespace) -> int:
    settings = load_settings(args.settings)
    if config_for(settings).deploy.method != "local":
        raise deploy.DeployError("rollback steps back through local releases; this site is deployed with rsync, so "
                                 "revert the commit in git and publish instead")
    with exclusive(state_folder(settings)):
        release = deploy.local(config_for(settings).deploy).rollback(_head(Path(settings["PATH"])))
    print(f"Live again: {release.name}; it stays live until the next commit is published")
    return 0


def _head(content: Path) -> str:
    """The commit the repository of `content` is at: the rollback holds until it is not (empty outside git)."""
    repo = open_repo(content)
    if repo is None:
        return ""
    with repo:
        return repo.head.commit.hexsha if repo.head.is_valid() else ""

"""`publish.py publish`: check the repository, check, build, deploy, tag, notify, report.

Order matters for the guarantees: the site is deployed before anyone is told about it, the
tag records what was deployed, and each mail is marked pending (with its Message-ID) before
it is sent. A run killed at any point leaves the old or the new site, never a mix, and the
next run sends whatever is still pending or due.

`KIRYX_FAULT=after-build|mid-deploy|after-send|between-sends` kills the process at that
point (SIGKILL), for the crash tests and for drills. `after-send` is the one place a mail can
be duplicated: the server has it, the ledger does not yet; the re-run repeats its Message-ID.
"""

from __future__ import annotations

import os
import shutil
import signal
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..clock import build_now
from ..config import config_for, public_url
from ..content.problems import ContentError
from ..site import ROOT, check, run_pelican
from . import deploy
from .ledger import Ledger
from .mailer import TemporaryFailure, sender_for
from .messages import compose, subject
from .notices import Notice, due
from .repository import checked_head, tag_publication


def fault(point: str) -> None:
    """Die here, hard, if this fault point was asked for."""
    if os.environ.get("KIRYX_FAULT") == point:
        os.kill(os.getpid(), signal.SIGKILL)


@dataclass
class Report:
    deployed: str = ""
    tag: str = ""
    sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    pending: list[str] = field(default_factory=list)
    refused: str = ""

    @property
    def ok(self) -> bool:
        return not (self.failed or self.pending or self.refused)


def state_folder(settings: dict[str, Any]) -> Path:
    return ROOT / config_for(settings).state_dir


def publish(settings: dict[str, Any], *, dry_run: bool, fetch: bool, baseline: bool) -> Report:
    config = config_for(settings)
    state = state_folder(settings)
    repo = checked_head(Path(settings["PATH"]), config.git_branch, fetch)
    catalogue = check(settings)
    if catalogue.errors:
        raise ContentError(catalogue.errors)
    now = build_now(settings)
    ledger_file = state / "ledger.sqlite"
    ledger = Ledger(ledger_file if ledger_file.exists() or not dry_run else Path(":memory:"))
    notices = due(catalogue.items, config, ledger, now)
    report = Report()
    if dry_run:
        target = config.deploy.rsync_target if config.deploy.method == "rsync" else config.deploy.directory
        report.deployed = f"(dry run) would deploy {len(catalogue.items)} items to {target}"
        report.pending = [f"{n.mailing_list.address}: {subject(n)}" for n in notices]
        return report
    if baseline:
        for notice in notices:
            ledger.record(*notice.key, "baseline", notice.message_id)
        notices = []
    elif notices and ledger.is_empty() and config.smtp.host:
        report.refused = (f"the ledger is empty and {len(notices)} mails are due: this looks like a first run on an "
                          "existing archive. Run 'publish.py publish --baseline' once to mark everything "
                          "already published as sent; nothing was mailed.")
        notices = []
    started = datetime.now(UTC)  # names releases and tags; `now` (the build clock) decides what is public
    release, temporary = _deploy(settings, catalogue, started, report)
    try:
        report.tag = tag_publication(repo, sorted({f"{n.item.source.rel} (version {n.version})" for n in notices}),
                                     started, config.press_office.email)
        _notify(notices, config, public_url(settings), now, release, ledger, state, report)
    finally:
        ledger.close()
        if temporary:
            shutil.rmtree(release, ignore_errors=True)
    return report


def _deploy(settings: dict[str, Any], catalogue: Any, started: datetime, report: Report) -> tuple[Path, bool]:
    """Build and deploy; returns the built release and whether it is a temporary folder."""
    config = config_for(settings)
    if config.deploy.method == "rsync":
        built = Path(tempfile.mkdtemp(prefix="kiryx-release-"))
        run_pelican(settings, built, catalogue)
        fault("after-build")
        deploy.rsync(built, config.deploy.rsync_target)
        report.deployed = f"rsync → {config.deploy.rsync_target}"
        return built, True
    releases = deploy.local(config.deploy)
    staged = releases.staging(started)
    run_pelican(settings, staged, catalogue)
    fault("after-build")
    release = releases.finish(staged)
    fault("mid-deploy")
    releases.switch(release)
    report.deployed = f"{releases.current} → {release.name}"
    return release, False


def _notify(notices: list[Notice], config: Any, site: str, now: Any, release: Path, ledger: Ledger,
            state: Path, report: Report) -> None:
    sender = sender_for(config.smtp, state)
    try:
        for notice in notices:
            line = f"{notice.mailing_list.address}: {subject(notice)}"
            ledger.record(*notice.key, "pending", notice.message_id)
            try:
                outcome = sender.send(compose(notice, config, site, now, release))
                fault("after-send")
            except TemporaryFailure as err:
                ledger.record(*notice.key, "pending", notice.message_id, str(err))
                report.pending.append(f"{line} ({err}; will retry at the next publish)")
                continue
            ledger.record(*notice.key, outcome.status, notice.message_id, outcome.reply)
            (report.sent if outcome.status == "sent" else report.failed).append(
                line if outcome.status == "sent" else f"{line} ({outcome.reply})")
            fault("between-sends")
    finally:
        sender.close()

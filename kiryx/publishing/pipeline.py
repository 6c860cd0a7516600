"""`publish.py publish`: check the repository, check, build, guard, deploy, tag, notify, report.

Order matters for the guarantees: the site is deployed before anyone is told about it, the
tag records what was deployed (and which URLs became public, kiryx.content.permalinks), and
each mail is marked pending (with its Message-ID) before it is sent. A run killed at any point
leaves the old or the new site, never a mix, and the next run sends whatever is still pending
or due. A run with nothing new (same commit, same public items, no mail due) changes nothing.

`KIRYX_FAULT=after-build|mid-deploy|after-send|between-sends` kills the process at that
point (SIGKILL), for the crash tests and for drills. `after-send` is the one place a mail can
be duplicated: the server has it, the ledger does not yet; the re-run repeats its Message-ID.
"""

from __future__ import annotations

import os
import signal
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import git

from .. import vendor
from ..build import build_key
from ..build_state import discard, empty_spare, read_state, retire
from ..clock import build_now
from ..config import KiryxConfig, config_for
from ..content.catalogue import Catalogue
from ..content.permalinks import tag_lines
from ..content.problems import ContentError
from ..site import ROOT, check, guarded_build
from . import deploy
from .deploy import DeployError
from .ledger import Ledger
from .mailer import OUTBOX_REPLY, ServerUnavailable, TemporaryFailure, sender_for
from .messages import Composer, subject
from .notices import Notice, backlog, due
from .repository import checked_head, push_tags, tag_publication


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
    settled: list[str] = field(default_factory=list)
    """Mails recorded as sent without sending them: a new list's backlog."""
    baselined: list[str] = field(default_factory=list)
    """Mails recorded as sent without sending them by `--baseline`, per list."""
    redirects_changed: bool = False
    """The web server's redirect rules changed: nginx reads them only when reloaded."""

    @property
    def ok(self) -> bool:
        return not (self.failed or self.pending or self.refused)

    @property
    def idle(self) -> bool:
        """Nothing was deployed, mailed, recorded or refused: the live site was up to date and no mail was due."""
        return self.ok and not (self.tag or self.sent or self.settled or self.baselined or self.redirects_changed)


def state_folder(settings: dict[str, Any]) -> Path:
    return ROOT / config_for(settings).state_dir


def publish(settings: dict[str, Any], *, dry_run: bool, fetch: bool, baseline: bool,
            resend_failed: bool = False) -> Report:
    """Publish from the repository of the content folder, which is closed again (no git process left behind)."""
    config = config_for(settings)
    with checked_head(Path(settings["PATH"]), config.git_branch, config.git_timeout if fetch else 0) as repo:
        return _publish(settings, repo, dry_run=dry_run, fetch=fetch, baseline=baseline, resend_failed=resend_failed)


def _publish(settings: dict[str, Any], repo: git.Repo, *, dry_run: bool, fetch: bool, baseline: bool,
             resend_failed: bool) -> Report:
    config = config_for(settings)
    state = state_folder(settings)
    now = build_now(settings)
    catalogue = check(settings)
    if catalogue.errors:
        raise ContentError(catalogue.errors, catalogue.root)
    ledger_file = state / "ledger.sqlite"
    if dry_run:  # the ledger as it is, or none yet
        ledger = Ledger(ledger_file, read_only=True) if ledger_file.exists() else Ledger(Path(":memory:"))
    else:
        ledger = Ledger(ledger_file)
    report = Report()
    notices, settled = _mails(catalogue, config, ledger, now, report, baseline=baseline, resend_failed=resend_failed)
    current = build_key(settings, catalogue)
    held = _held(config, repo)
    live = held or (_live_site(settings, config, current) if current == catalogue.registry.last_state else None)
    if dry_run:
        target = config.deploy.rsync_target if config.deploy.method == "rsync" else config.deploy.directory
        report.deployed = ("(dry run) nothing new to deploy" if live else
                           f"(dry run) would deploy {len(catalogue.items)} items to {target}")
        report.pending = [f"{n.mailing_list.address}: {subject(n)}" for n in notices]
        if held and notices:
            report.refused = _holding(held, notices)
        return report
    if baseline:
        ledger.mark_baseline(now, server=bool(config.smtp.host))
    for notice in settled:
        for name in [notice.name, *notice.also_covers]:
            ledger.record(*notice.key[:2], name, notice.covers, "baseline", notice.message_id(config.domain), now)
    # what each list takes from now on; a new ledger refused its mails (an archive's first run on a server) decides
    # at its baseline. Recorded before any mail: a first run stopped half-way must not take its lists for new ones,
    # whose backlog is never mailed
    if not ledger.is_new() or not report.refused:
        ledger.record_scopes({m.address: m.scope for m in config.mailing_lists})
    try:
        if live is None:
            if absent := vendor.missing(config.state_dir):  # a site without search and editor would go live
                raise DeployError(f"{' and '.join(absent)} not installed in {vendor.folder(config.state_dir)}: run "
                                  "'publish.py setup' with the same KIRYX_STATE_DIR; nothing was deployed")
            live = _deploy(settings, catalogue, now, report)
            public = [i for i in catalogue.items if i.is_public(now)]
            report.tag = tag_publication(repo, sorted(f"{n.item.source.rel} ({n.name})" for n in notices),
                                         tag_lines(catalogue.registry.first_seen(public), current,
                                                   catalogue.held_files(now)), now,
                                         config.press_office.email)
        elif config.deploy.method == "rsync":  # the same site: sent again, which restores a server copy that was
            deploy.rsync(live, config.deploy.rsync_target)  # wiped or edited (rsync sends nothing when it is intact)
            report.deployed = f"nothing new: the site as last sent is in place again at {config.deploy.rsync_target}"
        elif held:
            report.deployed = f"nothing new: a rollback holds the live site at {held.name} until the next commit"
        else:  # the same site is live: only mails still due (a server down last time) go out; no release, no tag
            report.deployed = "nothing new: the live site is up to date"
        if fetch and (problem := push_tags(repo, config.git_timeout)):  # every run: one that failed goes at the next
            report.failed.append(problem)
        if notices and held:
            report.pending = [f"{n.mailing_list.address}: {subject(n)}" for n in notices]
            report.refused = _holding(held, notices)
        elif notices:
            _notify(notices, Composer(settings, catalogue, live), config, now, ledger, state, report)
    finally:
        ledger.close()
    if report.tag:  # a new release is live and mailed: the next publish's build starts from an empty spare
        empty_spare(live.parent)
    return report


def _mails(catalogue: Catalogue, config: KiryxConfig, ledger: Ledger, now: datetime, report: Report, *,
           baseline: bool, resend_failed: bool) -> tuple[list[Notice], list[Notice]]:
    """The mails to send, and those to record as sent without sending (`--baseline`, a new list's backlog).

    `resend_failed`: the failed mails are due again, as if never sent (sending one writes over its row)."""
    rows = ledger.rows()
    owed = {key: [row for row in found if row.status != "failed"] for key, found in rows.items()} \
        if resend_failed else rows
    notices = due(catalogue.items, config, owed, now)
    if baseline:
        report.baselined = _per_list(notices, "recorded as sent without mailing them (--baseline)")
        return [], notices
    if notices and ledger.is_new() and config.smtp.host:
        report.refused = (f"the ledger is empty and {len(notices)} mails are due: this looks like a first run on an "
                          "existing archive. Run 'publish.py publish --baseline' once, with the same settings and "
                          "environment (KIRYX_STATE_DIR, KIRYX_SMTP_*), to mark everything already published as sent "
                          "(a new site: before its first items are merged, and those are mailed); nothing was mailed.")
        return [], []
    settled = backlog(notices, rows, set(catalogue.registry.urls), ledger.scopes())
    if len(notices) > len(settled) and not config.smtp.host and ledger.mailed_by_server(OUTBOX_REPLY):
        report.refused = (f"{len(notices) - len(settled)} mails are due, but no SMTP server is set "
                          "(KIRYX_SMTP_HOST), though this ledger's mails went through one: they would go to the local "
                          "outbox and count as sent. Run with the SMTP settings cron uses; nothing was mailed, and "
                          "they stay due.")
        return [], settled  # what is not to be mailed at all is decided, as in any run
    report.settled = _per_list(settled, "about items published before the list was added or given them, recorded "
                                        "as sent without mailing them")
    return [n for n in notices if n not in settled], settled


def _per_list(notices: list[Notice], what: str) -> list[str]:
    return [f"{address}: {count} mail(s) {what}"
            for address, count in sorted(Counter(n.mailing_list.address for n in notices).items())]


def _holding(held: Path, notices: list[Notice]) -> str:
    return (f"a rollback holds the live site at {held.name}, which may not carry what these mails announce: "
            f"{len(notices)} mail(s) wait until the next commit is published")


def _held(config: KiryxConfig, repo: git.Repo) -> Path | None:
    """The release a rollback holds live, while the repository is at the commit the rollback was made at: an
    emergency stop is not undone by the clock (the next day, an embargo or a dated correction coming due), nor by a
    release removed or a run killed; the next commit, whatever it changes, is published."""
    return deploy.local(config.deploy).held(repo.head.commit.hexsha) if config.deploy.method == "local" else None


def _live_site(settings: dict[str, Any], config: KiryxConfig, current: str) -> Path | None:
    """The site as deployed, to keep when nothing changed: the live release, or the copy last sent by rsync, when it
    was built from `current` (the deploy folder may be another than the last publication's)."""
    if config.deploy.method == "rsync":
        mirror = state_folder(settings) / "rsync-site"
        return mirror if mirror.is_dir() and read_state(mirror).get("key") == current else None
    live = deploy.local(config.deploy).live()
    if live is None or not live.is_dir():  # none yet, or its folder is gone (removed by hand): build it again
        return None
    return live if read_state(live).get("key") == current else None


def _deploy(settings: dict[str, Any], catalogue: Catalogue, now: datetime, report: Report) -> Path:
    """Build on the previous release, guard and deploy; returns the folder of the site as deployed."""
    config = config_for(settings)
    if config.deploy.method == "rsync":
        mirror = state_folder(settings) / "rsync-site"  # the site as last sent: what the next build reuses
        built = mirror.with_name("rsync-site.next")
        discard(built)
        previous = mirror if mirror.is_dir() else None
        guarded_build(settings, built, catalogue, previous)
        report.redirects_changed = deploy.redirects_changed(previous, built)
        deploy.readable(built)
        fault("after-build")
        deploy.rsync(built, config.deploy.rsync_target)
        retire(mirror)
        built.rename(mirror)
        report.deployed = f"rsync → {config.deploy.rsync_target}"
        return mirror
    releases = deploy.local(config.deploy)
    staged = releases.staging(now)
    live = releases.live()
    guarded_build(settings, staged, catalogue, live)
    report.redirects_changed = deploy.redirects_changed(live, staged)
    deploy.readable(staged)
    fault("after-build")
    release = releases.finish(staged)
    fault("mid-deploy")
    releases.switch(release)
    report.deployed = f"{releases.current} → {release.name}"
    return release


def _notify(notices: list[Notice], composer: Composer, config: KiryxConfig, now: datetime, ledger: Ledger,
            state: Path, report: Report) -> None:
    sender = sender_for(config.smtp, state)
    try:
        for index, notice in enumerate(notices):
            line = f"{notice.mailing_list.address}: {subject(notice)}"
            message_id = notice.message_id(config.domain)
            ledger.record(*notice.key, notice.covers, "pending", message_id, now)
            try:
                outcome = sender.send(composer.compose(notice, now))
                fault("after-send")
            except ServerUnavailable as err:  # no mail can go now: the rest are not tried, and stay due
                ledger.record(*notice.key, notice.covers, "pending", message_id, now, str(err))
                report.pending += [f"{n.mailing_list.address}: {subject(n)}" for n in notices[index:]]
                report.refused = f"{err}; {len(notices) - index} mail(s) stay pending for the next publish"
                return
            except TemporaryFailure as err:
                ledger.record(*notice.key, notice.covers, "pending", message_id, now, str(err))
                report.pending.append(f"{line} ({err}; will retry at the next publish)")
                continue
            ledger.record(*notice.key, notice.covers, outcome.status, message_id, now, outcome.reply)
            if outcome.status == "sent":
                for name in notice.also_covers:  # the mail showed these dates as cancelled
                    ledger.record(*notice.key[:2], name, notice.covers, "baseline", message_id, now)
            (report.sent if outcome.status == "sent" else report.failed).append(
                line if outcome.status == "sent" else f"{line} ({outcome.reply})")
            fault("between-sends")
    finally:
        sender.close()

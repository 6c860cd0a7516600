"""Publish: check the repository and the content, build, deploy atomically, tag, and notify the
journalists' mailing lists (each new item once). Safe to run again after any failure.

Exit status 0 when everything went out, 1 when something failed or is still pending.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..clock import build_now
from ..content.permalinks import NGINX_REDIRECTS
from ..publishing.lock import exclusive
from ..publishing.pipeline import publish, state_folder
from ..site import ROOT, load_settings, quiet_pelican_logs


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--settings", type=Path, default=ROOT / "publishconf.py", metavar="FILE",
                        help="settings file (default: publishconf.py)")
    parser.add_argument("--dry-run", action="store_true", help="print what would be deployed and sent; change nothing")
    parser.add_argument("--no-fetch", action="store_true", help="do not fetch the remote to check we are up to date")
    parser.add_argument("--baseline", action="store_true",
                        help="mark everything already published as sent, without mailing (first run on an archive)")
    parser.add_argument("--resend-failed", action="store_true",
                        help="send again the mails a server refused for good (5xx), once the cause is fixed")
    parser.add_argument("--quiet", action="store_true",
                        help="print nothing when there was nothing to do (for cron: its log keeps only what happened)")


def run(args: argparse.Namespace) -> int:
    quiet_pelican_logs()
    settings = load_settings(args.settings)
    options = {"fetch": not args.no_fetch, "baseline": args.baseline, "resend_failed": args.resend_failed}
    if args.dry_run:
        report = publish(settings, dry_run=True, **options)
    else:
        with exclusive(state_folder(settings)):
            report = publish(settings, dry_run=False, **options)
    if args.quiet and report.idle:
        return 0
    print(f"Run: {build_now(settings).isoformat(timespec='seconds')}")  # each run's block in cron's log, dated
    print(f"Deployed: {report.deployed}")
    if report.redirects_changed:
        print(f"Redirects changed: reload the web server ('nginx -s reload') to read {NGINX_REDIRECTS} again; until "
              "then the old addresses lead on through their redirect pages")
    if report.tag:
        print(f"Tagged: {report.tag}")
    for title, lines in (("Sent", report.sent), ("Failed", report.failed),
                         ("Would send" if args.dry_run else "Pending", report.pending)):
        for line in lines:
            print(f"{title}: {line}")
    for line in report.settled:
        print(f"New or widened list: {line}")
    for line in report.baselined:
        print(f"Baseline{' (dry run: nothing recorded)' if args.dry_run else ''}: {line}")
    if report.refused:
        print(f"Not mailed: {report.refused}")
    print(f"{len(report.sent)} sent, {len(report.failed)} failed, {len(report.pending)} "
          f"{'to send' if args.dry_run else 'pending'}")
    if any(" (5" in line for line in report.failed):
        print("Once the cause of a failure is fixed, 'publish.py publish --resend-failed' sends those mails again.")
    return 0 if report.ok or args.dry_run else 1

"""Atomic deploys: local releases behind a `current` symlink, or rsync to a server.

Local layout under the deploy folder:
    releases/20261124T101500Z/   one complete site per publish
    current -> releases/…        swapped with one rename, so a web server never sees a mix
    rollback.json                what a rollback holds live, until the next commit (`publish.py rollback`)
Partial builds live in `releases/.partial-*` and are removed by the next publish.
"""

from __future__ import annotations

import json
import os
import signal
import stat
import subprocess
from datetime import UTC, datetime
from pathlib import Path

from ..atomic import write_atomic
from ..build_state import STATE_FILE, discard, retire
from ..config import Deploy
from ..content.permalinks import NGINX_REDIRECTS
from ..site import ROOT


class DeployError(RuntimeError):
    """The site could not be deployed."""


class LocalReleases:
    """`releases/<timestamp>/` folders and an atomically swapped `current` symlink."""

    def __init__(self, folder: Path, keep: int):
        self.folder, self.keep = folder, keep
        self.releases = folder / "releases"
        self.current = folder / "current"

    def staging(self, when: datetime) -> Path:
        """A fresh folder to build the next release into, named after `when` (UTC), made unique.

        What killed runs left is removed first: partial builds, and releases newer than the live one (a run
        killed between `finish` and `switch`), which were never live and must not be rolled back to.
        """
        if self.current.exists() and not self.current.is_symlink():
            raise DeployError(f"{self.current} is a real folder, not the link Kiryx swaps; move it away (its site is "
                              "not lost: the next publish makes a release and links it there)")
        try:
            self.releases.mkdir(parents=True, exist_ok=True)
            for folder in (self.folder, self.releases):  # the web server goes through them to `current`
                _open_to_all(str(folder), 0o755)
        except OSError as err:  # a read-only disk, another owner: the setting is what to look at
            raise DeployError(f"the deploy folder {self.folder} cannot be written ({err.strerror}); check "
                              "KIRYX['deploy']['directory'] or KIRYX_DEPLOY_DIR, and that this user may write there"
                              ) from None
        for leftover in self.releases.glob(".partial-*"):
            discard(leftover)
        live = self.live()
        for never_live in [r for r in self.all() if live is not None and r.name > live.name]:
            retire(never_live)
        name = base = f"{when.astimezone(UTC):%Y%m%dT%H%M%SZ}"
        for n in range(2, 1000):
            if not (self.releases / name).exists():
                break
            name = f"{base}-{n}"
        return self.releases / f".partial-{name}"

    def finish(self, staged: Path) -> Path:
        """Turn a complete staged build into a release (not live yet)."""
        release = self.releases / staged.name.removeprefix(".partial-")
        staged.rename(release)
        return release

    def switch(self, release: Path) -> None:
        """Make a release the live site (a rollback's hold is over), then drop the oldest beyond the ones kept."""
        self._point_current_at(release)
        self.hold.unlink(missing_ok=True)
        self._prune()

    def rollback(self, commit: str) -> Path:
        """Point `current` at the release before it, and record the hold: that release, while the repository is at
        `commit` (its HEAD now)."""
        live = self.live()
        older = [r for r in self.all() if live is None or r.name < live.name]
        if not older:
            raise DeployError(f"no release older than {live.name if live else 'none'} in {self.releases}")
        self._point_current_at(older[-1])
        write_atomic(self.hold, json.dumps({"release": older[-1].name, "commit": commit}).encode())
        return older[-1]

    @property
    def hold(self) -> Path:
        """The record of a rollback: which release it holds live, and until which commit is no longer HEAD."""
        return self.folder / "rollback.json"

    def held(self, commit: str) -> Path | None:
        """The live release, if a rollback holds it and the repository is still at the commit it was made at."""
        try:
            record = json.loads(self.hold.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        live = self.live()
        if not isinstance(record, dict) or live is None or not live.is_dir():
            return None
        return live if record.get("release") == live.name and record.get("commit") == commit else None

    def live(self) -> Path | None:
        return self.current.resolve() if self.current.is_symlink() else None

    def all(self) -> list[Path]:
        return sorted(p for p in self.releases.glob("2*") if p.is_dir())

    def _point_current_at(self, release: Path) -> None:
        link = self.folder / f".current-{os.getpid()}"
        link.unlink(missing_ok=True)
        link.symlink_to(release.relative_to(self.folder))
        os.replace(link, self.current)

    def _prune(self) -> None:
        live = self.live()
        for old in self.all()[: -self.keep]:
            if old != live:
                retire(old)


def redirects_changed(before: Path | None, after: Path) -> bool:
    """Do the nginx redirect rules of the site built `after` differ from those of the live one?"""
    old, new = _rules(before), _rules(after)
    return old != new and b"location" in old + new


def _rules(site: Path | None) -> bytes:
    try:
        return (site / NGINX_REDIRECTS).read_bytes() if site else b""
    except FileNotFoundError:
        return b""


def readable(site: Path) -> None:
    """Everyone may read a published site, whatever the umask of the run that built it: files gain a+r, folders
    a+rx (cron's umask 077 made them the publisher's alone, and the web server, another user, answered 403)."""
    _open_to_all(str(site), 0o755)
    for folder, dirs, files in os.walk(site):
        for name, wanted in [(d, 0o755) for d in dirs] + [(f, 0o644) for f in files]:
            _open_to_all(os.path.join(folder, name), wanted)


def _open_to_all(path: str, wanted: int) -> None:
    mode = os.lstat(path).st_mode
    if mode & wanted != wanted and not stat.S_ISLNK(mode):
        os.chmod(path, stat.S_IMODE(mode) | wanted)


RSYNC_IDLE = 120
"""Seconds rsync waits for the server (an ssh that hangs, a network gone) before it gives up (its --timeout)."""
RSYNC_MOST = 3600
"""Seconds a whole copy may take; then it is stopped, its ssh too, and the lock is free for the next run."""
_RSYNC_TARGET = "KIRYX['deploy']['rsync_target'] or KIRYX_RSYNC_TARGET"


def rsync(built: Path, target: str) -> None:
    """Copy a complete build with rsync; --delay-updates swaps the files in at the end, and --delete-after removes
    the old ones only then (with --delete they went during the copy: the live search index pointed at deleted
    files until the copy ended, or until the next run if it failed).

    --modify-window=-1 compares modification times to the nanosecond (receiver rsync ≥ 3.1.3): with
    the default whole seconds, a page rebuilt within the same second as the copy on the server and of
    the same size (a count going from 2 to 3) was taken as unchanged and never sent.

    From cron nobody answers ssh: it asks nothing (BatchMode) and gives up on a host that does not answer, unless
    RSYNC_RSH says otherwise.
    """
    command = ["rsync", "-a", "--delete-after", "--delay-updates", "--modify-window=-1", f"--timeout={RSYNC_IDLE}",
               f"--exclude=/{STATE_FILE}", f"{built}/", target]
    env = {"RSYNC_RSH": "ssh -o BatchMode=yes -o ConnectTimeout=30", **os.environ}
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env,
                          start_new_session=True) as copy:
        try:
            _, errors = copy.communicate(timeout=RSYNC_MOST)
        except subprocess.TimeoutExpired:
            os.killpg(copy.pid, signal.SIGKILL)  # rsync and the ssh it started: none left behind
            copy.communicate()
            raise DeployError(f"rsync to {target} did not finish within {RSYNC_MOST} s and was stopped; check the "
                              f"server and {_RSYNC_TARGET}") from None
    if copy.returncode:
        lines = errors.strip().splitlines()  # one per file it could not write: dozens a run, every five minutes
        shown = "; ".join(lines[:3]) + (f" (and {len(lines) - 3} more lines)" if len(lines) > 3 else "")
        raise DeployError(f"rsync to {target} ({_RSYNC_TARGET}) failed ({copy.returncode}): {shown}")


def local(deploy: Deploy) -> LocalReleases:
    """The local releases; a relative folder is taken from the project root."""
    return LocalReleases(ROOT / deploy.directory, deploy.keep_releases)

"""The git repository being published: checks before, an annotated tag after."""

from __future__ import annotations

import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

import git

from ..content.permalinks import TAG_PREFIX
from ..gitrepo import RepositoryError, open_repo, reason

_OFFLINE = {"GIT_TERMINAL_PROMPT": "0", "GIT_ASKPASS": "", "SSH_ASKPASS": ""}
"""From cron nobody answers a password prompt: git fails at once instead of waiting for one."""


def checked_head(content: Path, branch: str, fetch_timeout: int) -> git.Repo:
    """The repository of `content`, on `branch`, clean, and not behind its remote, fetched first unless
    `fetch_timeout` is 0 (closed again if not)."""
    repo = open_repo(content)
    if repo is None:
        raise RepositoryError(f"{content} is not in a git repository; publish only from git")
    try:
        _check_head(repo, branch, fetch_timeout)
    except BaseException:
        repo.close()
        raise
    return repo


def _check_head(repo: git.Repo, branch: str, fetch_timeout: int) -> None:
    if repo.head.is_detached or repo.active_branch.name != branch:
        current = "a detached HEAD" if repo.head.is_detached else f"branch '{repo.active_branch.name}'"
        raise RepositoryError(f"on {current}; publish from '{branch}' (KIRYX['git_branch'] or KIRYX_GIT_BRANCH)")
    if repo.is_dirty(untracked_files=True):
        changed = sorted({d.a_path or d.b_path or "" for diff in (repo.index.diff(None), repo.index.diff("HEAD"))
                          for d in diff} | set(repo.untracked_files))  # changed, staged, new
        raise RepositoryError(f"the working tree has uncommitted changes ({', '.join(changed[:5])}); "
                              "commit or remove them")
    tracking = repo.active_branch.tracking_branch()
    if tracking is not None:
        if fetch_timeout:
            try:
                with repo.git.custom_environment(**_OFFLINE):
                    repo.remote(tracking.remote_name).fetch(kill_after_timeout=fetch_timeout)
            except git.GitCommandError as err:
                raise RepositoryError(f"could not fetch '{tracking.remote_name}' ({_reason(err, fetch_timeout)}); "
                                      "nothing was published; use --no-fetch to publish without checking") from None
        behind = sum(1 for _ in repo.iter_commits(f"{branch}..{tracking.name}"))
        ahead = sum(1 for _ in repo.iter_commits(f"{tracking.name}..{branch}")) if behind else 0
        if ahead:
            raise RepositoryError(f"'{branch}' has diverged from {tracking.name} ({ahead} commit(s) here are not "
                                  f"there, {behind} there are not here): its history was rewritten (a force-push?); "
                                  f"see what differs, then 'git reset --hard {tracking.name}'")
        if behind:
            raise RepositoryError(f"'{branch}' is {behind} commit(s) behind {tracking.name}; pull first "
                                  "(git pull --ff-only)")


def tag_publication(repo: git.Repo, mailed: list[str], urls: str, when: datetime, email: str) -> str:
    """Record the publication as `published/<UTC timestamp>` on the deployed commit, tagged by Kiryx.

    The message lists the mails and, for kiryx.content.permalinks, the URLs made public.
    """
    name = base = f"{TAG_PREFIX}{when.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    existing = {tag.name for tag in repo.tags}
    for n in range(2, 1000):
        if name not in existing:
            break
        name = f"{base}-{n}"
    listing = "\n".join(f"- {item}" for item in mailed) or "- (none)"
    message = f"Published {when.isoformat()}\n\nMailed:\n{listing}\n\n{urls}"
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".txt", delete=False) as file:
        file.write(message)  # a first publication lists every URL: too long for one argument
    try:
        repo.git.tag("-a", name, repo.head.commit.hexsha, "-F", file.name,
                     env={"GIT_COMMITTER_NAME": "Kiryx", "GIT_COMMITTER_EMAIL": email})
    finally:
        os.unlink(file.name)
    return name


def push_tags(repo: git.Repo, timeout: int) -> str:
    """Push the publication tags to the branch's remote, so pull-request checks know what is public.

    Returns what went wrong, or "" (also when there is no remote). A branch with no upstream while there is a remote
    is said: nothing was fetched and no tag pushed, so pull-request checks compare with a stale publication.
    """
    tracking = repo.active_branch.tracking_branch()
    if tracking is None:
        branch = repo.active_branch.name
        return (f"'{branch}' has no upstream branch, so nothing was fetched and the {TAG_PREFIX}* tags were not "
                f"pushed; set it with 'git branch -u {repo.remotes[0].name}/{branch}'") if repo.remotes else ""
    try:
        with repo.git.custom_environment(**_OFFLINE):
            repo.git.push(tracking.remote_name, f"refs/tags/{TAG_PREFIX}*:refs/tags/{TAG_PREFIX}*",
                          kill_after_timeout=timeout)
    except git.GitCommandError as err:
        return (f"could not push the {TAG_PREFIX}* tags to '{tracking.remote_name}' ({_reason(err, timeout)}); "
                "pull-request checks cannot see what is published until they are pushed (the next publish tries "
                "again)")
    return ""


def _reason(err: git.GitCommandError, timeout: int) -> str:
    """git's reason, or the time-out that stopped it."""
    if "kill_after_timeout" in str(err.stderr):
        return f"no answer within {timeout} s: KIRYX['git_timeout'] or KIRYX_GIT_TIMEOUT"
    return reason(err)

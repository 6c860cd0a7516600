"""The git repository being published: checks before, an annotated tag after."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import git


class RepositoryError(RuntimeError):
    """The repository is not in a state to publish from."""


def checked_head(content: Path, branch: str, fetch: bool) -> git.Repo:
    """The repository of `content`, on `branch`, clean, and not behind its remote."""
    try:
        repo = git.Repo(content, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise RepositoryError(f"{content} is not in a git repository; publish only from git") from None
    if repo.head.is_detached or repo.active_branch.name != branch:
        current = "a detached HEAD" if repo.head.is_detached else f"branch '{repo.active_branch.name}'"
        raise RepositoryError(f"on {current}; publish from '{branch}' (KIRYX['git_branch'] or KIRYX_GIT_BRANCH)")
    if repo.is_dirty(untracked_files=True):
        changed = [d.a_path or "" for d in repo.index.diff(None)] + repo.untracked_files
        raise RepositoryError(f"the working tree has uncommitted changes ({', '.join(changed[:5])}); commit or remove them")
    tracking = repo.active_branch.tracking_branch()
    if tracking is not None:
        if fetch:
            try:
                repo.remote(tracking.remote_name).fetch()
            except git.GitCommandError as err:
                raise RepositoryError(f"could not fetch '{tracking.remote_name}': {err.stderr.strip()}; "
                                      "use --no-fetch to publish without checking") from None
        behind = sum(1 for _ in repo.iter_commits(f"{branch}..{tracking.name}"))
        if behind:
            raise RepositoryError(f"'{branch}' is {behind} commit(s) behind {tracking.name}; pull first")
    return repo


def tag_publication(repo: git.Repo, items: list[str], when: datetime, email: str) -> str:
    """Record the publication as `published/<UTC timestamp>` on the deployed commit, tagged by Kiryx."""
    name = base = f"published/{when.astimezone(UTC):%Y%m%dT%H%M%SZ}"
    existing = {tag.name for tag in repo.tags}
    for n in range(2, 1000):
        if name not in existing:
            break
        name = f"{base}-{n}"
    listing = "\n".join(f"- {item}" for item in items) or "- (no new items)"
    repo.git.tag("-a", name, repo.head.commit.hexsha, "-m", f"Published {when.isoformat()}\n\n{listing}\n",
                 env={"GIT_COMMITTER_NAME": "Kiryx", "GIT_COMMITTER_EMAIL": email})
    return name

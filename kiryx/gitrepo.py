"""Opening the content's git repository, and saying so when git will not read it.

Outside git, the history is empty and nothing is published yet. A repository that git refuses to
read (owned by another user: "dubious ownership"; damaged) is an error: read as empty, every date
of change and every published address would be lost without a word, and with them the checks that
keep addresses from breaking.
"""

from __future__ import annotations

from pathlib import Path

import git

from .i18n import msg


class RepositoryError(RuntimeError):
    """The repository is not in a state to read or publish from."""


def folder_in(root: Path | str, content: Path) -> str:
    """The content folder's path inside the repository at `root`: 'content', or "" when it is the repository
    itself."""
    prefix = content.resolve().relative_to(Path(root).resolve()).as_posix()
    return "" if prefix == "." else prefix


def git_prefix(root: Path | str, content: Path) -> str:
    """The content folder's path in the repository at `root` as git's paths start: 'content/', or ""."""
    inside = folder_in(root, content)
    return f"{inside}/" if inside else ""


def open_repo(path: Path) -> git.Repo | None:
    """The git repository around `path` (the caller closes it), None outside git."""
    try:
        repo = git.Repo(path, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return None
    try:
        repo.git.rev_parse("--git-dir")  # one call: git's own checks of the repository, before any other
    except git.GitCommandError as err:
        repo.close()
        raise RepositoryError(refused(repo.working_dir, err)) from None
    return repo


def refused(where: str | None, err: git.GitCommandError) -> str:
    """Why git refused the repository at `where`, and what to do, in one line."""
    if "dubious ownership" in str(err.stderr):
        return str(msg("git will not read the repository at {path}: its files belong to another user. Run Kiryx as "
                       "that user, or once: git config --global --add safe.directory {path}", path=where))
    return str(msg("git cannot read the repository at {path} ({reason})", path=where, reason=reason(err)))


def reason(err: git.GitCommandError) -> str:
    """git's reason in one line: it writes several (one per tag pushed, hints), the one that counts starts with
    'fatal:' or 'error:'; the remote's own words (a hook's `remote:` lines, «[remote rejected] … (why)») follow it."""
    lines = [line.strip().removeprefix("stderr: ").strip(" '") for line in str(err.stderr or "").splitlines()]
    lines = [line for line in lines if line]
    first = next((line for line in lines if line.startswith(("fatal:", "error:"))), lines[0] if lines else "")
    remote = [said for line in lines if line.startswith("remote:") and (said := line.removeprefix("remote:").strip())]
    rejected = [line.lstrip("! ") for line in lines if "rejected]" in line]
    return "; ".join(dict.fromkeys([first, *remote[:2], *rejected[:1]]))[:300]

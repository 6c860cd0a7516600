"""What git knows about each content file: one `git log` pass, cached by the HEAD commit.

An item's *edits* are the commits that changed its file after the commit that added it.
Its last edit is its «Τελευταία ενημέρωση». An edit of a published item needs a `changes:`
entry dated the same Athens day or later; otherwise `check` reports a silent edit.
Renames are followed as new files (`--no-renames`): moving a published file shows as an edit
of nothing and an addition, so keep published files where they are.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from .atomic import write_atomic
from .cache_retention import keep_recent
from .content.frontmatter import Source, parse_source
from .content.permalinks import Registry
from .content.problems import Problem
from .content.schema import Item
from .gitrepo import folder_in, open_repo
from .greek import athens, greek_datetime
from .i18n import msg
from .libraries import installed

_MARK = "\x1e"
_CODE = hashlib.sha256(Path(__file__).read_bytes() + installed().encode()).hexdigest()  # and GitPython's version


@dataclass(frozen=True)
class Commit:
    sha: str
    when: datetime


class History:
    """Commits per content file (relative path), oldest first."""

    def __init__(self, commits: dict[str, list[Commit]], repo: Path | None = None, prefix: str = ""):
        self.commits = commits
        self.repo, self.prefix = repo, prefix  # to read a file as a commit left it (`_Versions`)

    def edits(self, rel: str) -> list[Commit]:
        return self.commits.get(rel, [])[1:]

    def last_edit(self, rel: str) -> datetime | None:
        edits = self.edits(rel)
        return edits[-1].when if edits else None

    def last_commit(self, rel: str) -> datetime | None:
        """When the file was last committed (added or edited)."""
        commits = self.commits.get(rel)
        return commits[-1].when if commits else None

    @classmethod
    def of(cls, content: Path, cache_dir: Path | None = None) -> History:
        """History of a content folder; empty when it is not in a git repository."""
        repo = open_repo(content)
        if repo is None:
            return cls({})
        with repo:  # closed at the end: no `git cat-file` left running
            try:
                head = repo.head.commit.hexsha
            except ValueError:  # no commit yet
                return cls({})
            prefix = folder_in(repo.working_dir, content)
            key = hashlib.sha256(f"{head}:{prefix}:{_CODE}".encode()).hexdigest()[:16]  # pragma: no mutate
            cache = cache_dir / f"history-{key}.json" if cache_dir else None
            if cache:
                # none yet, removed meanwhile, or damaged (JSON of another shape): read git
                with contextlib.suppress(OSError, ValueError, TypeError, AttributeError):
                    raw = json.loads(cache.read_bytes())
                    return cls({rel: [Commit(sha, athens(datetime.fromisoformat(when))) for sha, when in items]
                                for rel, items in raw.items()}, Path(repo.working_dir), prefix)
            history = cls(_read_log(repo, prefix), Path(repo.working_dir), prefix)
        if cache:
            write_atomic(cache, json.dumps({rel: [(c.sha, c.when.isoformat()) for c in items]
                                            for rel, items in history.commits.items()}).encode())
            keep_recent(cache, "history-*.json")  # one per commit otherwise: 0.5 MB each at 5,000 items
        return history


def _read_log(repo: git.Repo, prefix: str) -> dict[str, list[Commit]]:
    """One `git log` over the content folder, newest first, turned into per-file lists oldest first."""
    out = repo.git.log("--no-renames", "--name-only", f"--format={_MARK}%H %cI",
                       "--", prefix or ".")  # pragma: no mutate ("--" only guards against a path named like a ref)
    commits: dict[str, list[Commit]] = {}
    current: Commit | None = None  # pragma: no mutate (any false value)
    for line in out.split("\n"):  # not splitlines(): it splits at the \x1e marker too
        if line.startswith(_MARK):
            sha, when = line[1:].split(" ", 1)  # pragma: no mutate (neither part has a space: any split will do)
            current = Commit(sha, athens(datetime.fromisoformat(when)))
        elif line and current:
            rel = line[len(prefix) + 1:] if prefix else line
            commits.setdefault(rel, []).insert(0, current)
    return commits


def last_modified(item: Item, history: History | None, now: datetime) -> datetime | None:
    """When its published content last changed by `now`: `updated`, a `changes:` entry (those dated later count
    from their date), its withdrawal or a git edit (for a page, which has no date, any commit), whichever is
    latest; None when it never changed."""
    values = item.values
    moments = [values["updated"]] if values.get("updated") and values["updated"] <= now else []
    moments += [c["date"] for c in item.changes_at(now)]
    moments += [values["withdrawn"]] if item.is_withdrawn and values.get("withdrawn") else []
    published = values.get("date")
    edited = None  # pragma: no mutate (any false value)
    if history:  # a page has no publication date: its last change is its last commit
        edited = history.last_edit(item.source.rel) if published else history.last_commit(item.source.rel)
    moments += [edited] if edited and (published is None or edited > published) else []
    return max(moments, default=None)


def date_withdrawals(items: list[Item], history: History, registry: Registry, now: datetime) -> list[Problem]:
    """A withdrawal without a `withdrawn:` date takes that of its commit (of now, when not committed yet). An item no
    publication listed that is withdrawn before its date came, or withdrawn as of before that date, never went out:
    an error, as withdrawn it would go out at its date, text and all, under its notice."""
    problems = []
    for item in items:
        if not item.is_withdrawn:
            continue
        withdrawn = item.values.get("withdrawn") or history.last_commit(item.source.rel) or now
        item.values["withdrawn"] = withdrawn
        when = item.values.get("date")
        if when and item.source.rel not in registry.urls and (when > now or withdrawn < when):
            key = "withdrawn" if "withdrawn" in item.source.fields else "status"
            problems.append(Problem(item.source.rel, item.source.line(key), key, msg(
                "never went out (its date is {date}), so there is nothing to withdraw: to hold it back, write "
                "'status: draft' instead; if it is not needed, delete the file", date=greek_datetime(when))))
    return problems


def silent_edits(items: list[Item], history: History, registry: Registry) -> list[Problem]:
    """Warnings for published items edited after publication without a `changes:` note.

    After its date, and after its first publication where the `published/*` tags tell it: a text corrected on its
    branch before it went out (as the staff guide says to) was told to note it, and then mailed as a correction.
    Where publications are recorded, one that lists no such file never published it. A commit that changed only
    the `changes:` notes (a note's typo corrected) is no edit of the text."""
    with _Versions(history) as versions:
        return [problem for item in items for problem in _silent_edit(item, history, registry, versions)]


def _silent_edit(item: Item, history: History, registry: Registry, versions: _Versions) -> list[Problem]:
    """The first edit of a published item after its publication that no `changes:` note covers, if any."""
    published, rel = item.values.get("date"), item.source.rel
    if not published or item.values.get("status") in ("draft", "withdrawn"):  # a withdrawal has its own note
        return []
    if registry.urls and rel not in registry.urls:
        return []
    since = max(published, registry.first_published.get(rel, published))
    noted = max((c["date"] for c in item.values.get("changes", []) if c.get("date")), default=None)
    for commit in history.edits(rel):
        if commit.when > since and (noted is None or noted.date() < commit.when.date()) \
                and not versions.notes_only(rel, commit):
            return [Problem(rel, item.source.line("changes"), "changes",  # line 1 when there is none
                            msg("the published text was edited on {when} (commit {commit}) without a 'changes:' "
                                "entry; add one with the date and a note (notify: false for a typo)",
                                when=f"{commit.when:%Y-%m-%d %H:%M}", commit=commit.sha[:8]), "warning")]
    return []


class _Versions:
    """A content file as a commit left it and as it was before, read through one `git cat-file` process, opened only
    when asked (most checks find no unnoted edit)."""

    def __init__(self, history: History):
        self.history = history
        self.repo: git.Repo | None = None

    def __enter__(self) -> _Versions:
        return self

    def __exit__(self, *_: object) -> None:
        if self.repo is not None:
            self.repo.close()

    def notes_only(self, rel: str, commit: Commit) -> bool:
        """Whether a commit changed only the file's `changes:` (a note's typo corrected), not what it publishes."""
        if self.history.repo is None:
            return False
        path = f"{self.history.prefix}/{rel}" if self.history.prefix else rel
        try:
            self.repo = self.repo or git.Repo(self.history.repo)
            after = self.repo.commit(commit.sha)
            texts = [(version.tree / path).data_stream.read() for version in (*after.parents[:1], after)]
        except (git.GitCommandError, KeyError, ValueError):  # gone, or a commit of a history rewritten since
            return False
        versions = [parse_source(text, rel)[0] for text in texts]
        return len(versions) == 2 and len({_published(v) for v in versions if v}) == 1 and all(versions)


def _published(source: Source) -> str:
    """What a file publishes, without its `changes:` notes: its other fields and its text."""
    return repr(([(k, v) for k, v in source.fields.items() if k != "changes"], source.body))

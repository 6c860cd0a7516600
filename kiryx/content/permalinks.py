"""Permanent addresses: once an item has been public at a URL, that URL keeps working.

What was public where is read from the `published/*` tags that `publish` leaves on each
deployed commit (one `git for-each-ref`, so the pull-request check knows it as well as the
server): each tag lists the (file, URL) pairs that its publication made public first.

- A corrected title or date keeps the item at the URL it was published under.
- An explicit `slug:` change moves it; every earlier URL becomes a redirect to the new one.
- A published file that is deleted is an error: it has to be withdrawn instead; so is a published item made a
  draft again, or dated in the future (both would take its page offline).
"""

from __future__ import annotations

import contextlib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path, PurePosixPath

import git

from ..gitrepo import git_prefix, open_repo
from ..greek import greek_datetime
from ..i18n import msg
from .content_types import STATIC_FOLDERS, in_litter
from .problems import Problem
from .schema import Item

TAG_PREFIX = "published/"
NGINX_REDIRECTS = "redirects.nginx.conf"
"""The redirects of moved items as nginx rules, in the site's root (docs/nginx-site.conf includes it)."""
_URL_LINE = re.compile(r"^\+ (\S.*?) -> (\S+?)(?: @ (\d{4}-\d{2}-\d{2}))?$")
_STATE_LINE = re.compile(r"^Kiryx-State: ([0-9a-f]+)$")
_HELD_COUNT, _HELD_LINE = re.compile(r"^Kiryx-Held-Files: (\d+)$"), re.compile(r"^Kiryx-Held: (.+)$")
_END, _NAME = "\x1e", "\x1f"


def published_at(message: str) -> datetime | None:
    """The moment a publication tag's message begins with ('Published 2026-12-07T14:37:07+02:00')."""
    first = message.lstrip().split("\n", 1)[0]
    if not first.startswith("Published "):
        return None
    try:
        return datetime.fromisoformat(first.removeprefix("Published ").strip())
    except ValueError:
        return None


@dataclass(frozen=True)
class Redirect:
    """An earlier URL of an item, kept as a redirect to its current one."""

    source: str
    target: str
    rel: str


@dataclass
class Registry:
    """Every URL each content file has been public under, oldest first, and the last state published."""

    urls: dict[str, list[str]] = field(default_factory=dict)
    last_state: str = ""
    tags: dict[str, set[str]] = field(default_factory=dict)
    """The tags that list each file (asked only when a published file is missing)."""
    first_days: dict[str, str] = field(default_factory=dict)
    """The date each file had when it was first published (its feed entry's id keeps it: `feeds.entry_id`)."""
    repo: Path | None = None
    first_published: dict[str, datetime] = field(default_factory=dict)
    """When each file was first published (its first publication's moment): its edits before are no corrections."""
    branch: str = ""
    """The branch publications are made from (KIRYX['git_branch'])."""
    last_tag: str = ""
    """The last publication's tag."""
    _in_last: set[str] | None = field(default=None, repr=False, compare=False)
    _changed: set[str] | None = field(default=None, repr=False, compare=False)
    held_then: frozenset[str] | None = None
    """The content files the last publication held back (embargoed, drafts', unused); None when its tag does not
    say (one made before Kiryx recorded them)."""

    @classmethod
    def of(cls, content: Path, branch: str = "") -> Registry:
        """Read every `published/*` tag of the repository around `content` (empty outside git)."""
        repo = open_repo(content)
        if repo is None:
            return cls()
        with repo:
            out = repo.git.for_each_ref("--sort=creatordate", f"--format=%(refname){_NAME}%(contents){_END}",
                                        f"refs/tags/{TAG_PREFIX}")  # ties: by name
            root = Path(repo.working_dir)
        named = [tuple(entry.split(_NAME, 1)) for entry in out.split(_END) if _NAME in entry]
        registry = cls.parse([message for _, message in named], [name.strip() for name, _ in named], root)
        registry.branch, registry.last_tag = branch, named[-1][0].strip() if named else ""
        return registry

    @classmethod
    def parse(cls, messages: Iterable[str], names: Iterable[str] = (), repo: Path | None = None) -> Registry:
        """The registry from tag messages (and the tags' names), oldest first."""
        urls: dict[str, list[str]] = defaultdict(list)
        tags: dict[str, set[str]] = defaultdict(set)
        days: dict[str, str] = {}
        first: dict[str, datetime] = {}
        state, held = "", None
        for message, name in itertools.zip_longest(messages, names, fillvalue=""):
            when = published_at(message)
            said = [line.strip() for line in message.split("\n")]
            held = frozenset(m[1] for line in said if (m := _HELD_LINE.match(line))) \
                if any(_HELD_COUNT.match(line) for line in said) else None  # the last publication's, at the end
            for line in said:
                if match := _URL_LINE.match(line):
                    rel, url, day = match.groups()
                    tags[rel].add(name)
                    if day:
                        days.setdefault(rel, day)
                    if when:
                        first.setdefault(rel, when)
                    if url in urls[rel]:  # back at an earlier address (its slug set back): the latest is last
                        urls[rel].remove(url)
                    urls[rel].append(url)
                elif match := _STATE_LINE.match(line):
                    state = match.group(1)
        return cls(dict(urls), state, dict(tags), days, repo, first, held_then=held)

    def in_last(self, content: Path) -> set[str]:
        """The photos, documents and press-kit files in the last publication's commit, relative to the content folder:
        one `git ls-tree` of its tag (kept for the run). Empty outside git or before any publication."""
        if self._in_last is None:
            self._in_last = self._tree(content)
        return self._in_last

    def _tree(self, content: Path) -> set[str]:
        if self.repo is None or not self.last_tag:
            return set()
        prefix = git_prefix(self.repo, content)
        try:
            with git.Repo(self.repo) as repo:
                out = repo.git.ls_tree("-r", "--name-only", "-z", self.last_tag, "--",
                                       *(f"{prefix}{folder}" for folder in STATIC_FOLDERS))
        except git.GitCommandError:
            return set()
        return {path.removeprefix(prefix) for path in out.split("\0")  # not in a hidden folder either, as the walk
                if path and not path.endswith(".md") and not in_litter(path)}  # of the content

    def shown(self, content: Path) -> set[str]:
        """The files the last publication put on the site, as far as its tag tells: all its commit's when it does not
        say which it held back."""
        return self.public_files(content) if self.held_then is not None else self.in_last(content)

    def had_here(self, content: Path, files: set[str]) -> set[str]:
        """Of these files of the last publication, those this checkout's history had: one in a branch begun before
        they were published was not removed by it (`git merge-base` with the tag, and one `git ls-tree` of it)."""
        if not files or self.repo is None or not self.last_tag:
            return files
        prefix = git_prefix(self.repo, content)
        try:
            with git.Repo(self.repo) as repo:
                base = self._branched_at(repo)
                if base is None:
                    return files  # the checkout has the publication: what it lacks, it removed
                out = repo.git.ls_tree("--name-only", "-z", base, "--", *(f"{prefix}{f}" for f in sorted(files)))
        except git.GitCommandError:
            return files
        return {path.removeprefix(prefix) for path in out.split("\0") if path} & files

    def _branched_at(self, repo: git.Repo) -> str | None:
        """Where this checkout's history left the last publication's (`git merge-base`); None when it contains it."""
        base = repo.git.merge_base("HEAD", self.last_tag)
        return None if base == repo.git.rev_parse(f"{self.last_tag}^{{commit}}") else base

    def changed_since(self, content: Path) -> set[str]:
        """The photos, documents and press-kit files whose content differs from the last publication's (one
        `git diff` of its tag against the files as they are; kept for the run). On a branch begun before that
        publication, only those it changed itself (a second diff, from where it began)."""
        if self._changed is None:
            self._changed = set()
            if self.repo is not None and self.last_tag:
                prefix = git_prefix(self.repo, content)
                folders = [f"{prefix}{folder}" for folder in STATIC_FOLDERS]
                with contextlib.suppress(git.GitCommandError), git.Repo(self.repo) as repo:

                    def differing(*since: str) -> set[str]:
                        out = repo.git.diff("--name-only", "--no-renames", "-z", *since, "--", *folders)
                        return {path.removeprefix(prefix) for path in out.split("\0") if path}

                    changed = differing("--diff-filter=M", self.last_tag)
                    base = self._branched_at(repo) if changed else None
                    if base is not None:
                        changed &= differing(base)
                    self._changed = changed
        return self._changed

    def public_files(self, content: Path) -> set[str]:
        """The photos, documents and press-kit files the last publication put on the site: those of its commit it did
        not hold back. None held is known of a publication whose tag does not say: then none counts as public here
        (a held item's file stays held; kept too long rather than out early)."""
        return self.in_last(content) - self.held_then if self.held_then is not None else set()

    def not_yet_here(self, rels: list[str]) -> set[str]:
        """Of these published files, those that only publications this checkout does not contain listed: published
        from the main branch after this branch began (it is behind), not deleted by it. A publication the main
        branch (here, or any remote's) does not contain either was left behind by a rewritten history (a
        force-push): its files are deleted. None when the history is shallow, where no publication can be told
        apart."""
        if self.repo is None or not rels:
            return set()
        try:
            with git.Repo(self.repo) as repo:
                if repo.git.rev_parse("--is-shallow-repository") == "true":
                    return set()
                here = self._merged(repo, "HEAD")
                tips = repo.git.for_each_ref("--format=%(refname)", f"refs/heads/{self.branch}",
                                             f"refs/remotes/*/{self.branch}").split() if self.branch else []
                upstream = set().union(*(self._merged(repo, tip) for tip in tips)) if tips else None
        except git.GitCommandError:
            return set()
        return {rel for rel in rels if self.tags.get(rel) and not self.tags[rel] & here
                and (upstream is None or self.tags[rel] & upstream)}  # no main branch here: taken as behind it

    @staticmethod
    def _merged(repo: git.Repo, commit: str) -> set[str]:
        """The publications a commit contains, by tag name."""
        return set(repo.git.for_each_ref("--merged", commit, "--format=%(refname)", f"refs/tags/{TAG_PREFIX}").split())

    def first_seen(self, items: Iterable[Item]) -> list[tuple[str, str, str]]:
        """The (file, URL, date) of these public items whose address no publication has listed last: new, or moved
        (back to an earlier address too: the last listed is the one an item without `slug:` keeps). The date, as the
        item has it now, is read back only for a file's first publication."""
        return sorted((i.source.rel, i.url, f"{i.values['date']:%Y-%m-%d}" if i.values.get("date") else "")
                      for i in items if self.urls.get(i.source.rel, [""])[-1] != i.url)


def tag_lines(listed: Sequence[tuple[str, ...]], state: str, held: Iterable[str] = ()) -> str:
    """The part of a `published/*` tag message that `Registry.parse` reads back: `+ file -> URL @ date`, and the
    content files it held back (`Kiryx-Held:`), by which the next one knows which of its files were public."""
    lines = "\n".join(f"+ {rel} -> {url}" + (f" @ {day[0]}" if day and day[0] else "")
                      for rel, url, *day in listed) or "(none)"
    kept = sorted(held)
    return (f"Public at these URLs for the first time, or again after another:\n{lines}\n\nKiryx-State: {state}\n"
            f"Kiryx-Held-Files: {len(kept)}\n" + "".join(f"Kiryx-Held: {rel}\n" for rel in kept))


def resolve(items: list[Item], registry: Registry, sources: frozenset[str] | None = None
            ) -> tuple[list[Redirect], list[Problem]]:
    """Give each item its permanent URL, and list the redirects and the problems.

    Sets `item.permalink` when the URL its fields give is not the one it is published under. A published file among
    `sources` (every content file, read or not) is not deleted: one whose fields are broken says so on its own.
    """
    redirects, problems = [], []
    present = {item.source.rel for item in items} | (sources or frozenset())
    for item in items:
        item.permalink = None
        known = registry.urls.get(item.source.rel, [])
        natural = item.natural_url
        if not known or natural in known and natural == known[-1]:
            current = natural
        elif "slug" in item.source.fields:
            current = natural
            if natural not in known:
                problems.append(Problem(item.source.rel, item.source.line("slug"), "slug", msg(
                    "the address changes from /{old} to /{new}; the old address will redirect "
                    "to the new one. Leave out 'slug:' to keep the published address", old=known[-1], new=natural),
                    "warning"))
        else:
            current = known[-1]
            item.permalink = current
            item.values["slug"] = PurePosixPath(current).name
        redirects += [Redirect(old, current, item.source.rel) for old in known if old != current]
    deleted = sorted(set(registry.urls) - present)
    unpublished = {item.natural_url: item.source.rel for item in items
                   if deleted and item.source.rel not in registry.urls}  # pragma: no mutate (only read when deleted)
    behind = registry.not_yet_here(deleted)
    if behind:
        first = min(behind)
        problems.append(Problem(first, 1, "file", msg(
            "this branch is behind the published site: {count} item(s) published since it began are not in it "
            "(/{url}, …); update it from the main branch, which brings them in (they are not deleted)",
            count=len(behind), url=registry.urls[first][-1]), "warning"))
    for rel in deleted:
        if rel in behind:
            continue
        if renamed := unpublished.get(registry.urls[rel][-1]):  # the same item under another file name
            old, new = PurePosixPath(rel), PurePosixPath(renamed)
            problems.append(Problem(renamed, 1, "file", msg(
                "is {old} renamed; give it back its name: the feeds and calendars know the item by it",
                old=old.name) if old.parent == new.parent else msg(
                "is {old} moved to another folder; move it back: the feeds and calendars know the item by its file",
                old=rel)))
            continue
        problems.append(Problem(rel, 1, "file", msg(
            "was published at /{url} and has been deleted, which would break that address; "
            "restore the file and withdraw it instead ('status: withdrawn' with a 'withdrawal_note:')",
            url=registry.urls[rel][-1])))
    live = {item.url: item for item in items}
    for redirect in redirects:
        owner = live.get(redirect.source)
        if owner is not None and owner.source.rel != redirect.rel:
            problems.append(Problem(owner.source.rel, owner.source.line("slug" if "slug" in owner.source.fields
                                                                         else "title"), "slug", msg(
                "/{url} was published for {other} and must keep pointing there; set a different 'slug:'",
                url=redirect.source, other=redirect.rel)))
    return sorted(redirects, key=lambda r: r.source), problems


def removed_files(registry: Registry, content: Path, present: Iterable[str]) -> list[Problem]:
    """Photos, documents and press-kit files the last publication put on the site, no longer in the content folder:
    renamed or deleted, their address (given in mails, pages, other sites) breaks. A warning: a photo may have to
    come down."""
    return [Problem(rel, 1, "file", msg(
        "was published at /{file} and is no longer in the content folder: links to it (in mails already sent) now "
        "lead nowhere; if it was renamed, give it back its name (a new version can sit beside it under another "
        "name)", file=rel), "warning")
        for rel in sorted(registry.had_here(content, registry.shown(content) - set(present)))]


def taken_offline(items: list[Item], registry: Registry, now: datetime) -> list[Problem]:
    """Published items that a draft status or a date in the future would take offline, breaking their address."""
    problems = []
    for item in items:
        if item.source.rel not in registry.urls or item.is_public(now):
            continue
        url = registry.urls[item.source.rel][-1]
        if item.values.get("status") == "draft":
            problems.append(Problem(item.source.rel, item.source.line("status"), "status", msg(
                "the item was published at /{url}; as a draft it would go offline and that address would break. "
                "To take it down, withdraw it ('status: withdrawn' with a 'withdrawal_note:')", url=url)))
        else:
            problems.append(Problem(item.source.rel, item.source.line("date"), "date", msg(
                "the item was published at /{url}; dated {when} it would go offline until then and that address "
                "would break. Keep the date it was published, and note the change in 'changes:'",
                url=url, when=greek_datetime(item.values["date"]))))
    return problems

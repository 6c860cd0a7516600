"""What merging a branch will do: which items appear and when, which mails go to which list,
corrections, cancellations, withdrawals, address changes, deletions, and the check's problems.

The plan compares the content at HEAD with a base: by default the last publication (the
newest `published/*` tag), else the remote's default branch. It decides what is public and what
is mailed with the code `publish` uses (`Item.is_public`, kiryx.content.permalinks,
`notices.due_for`, `messages.subject`); the ledger a publication would have is simulated from
the base: every item public at the base's time has had its mails.
"""

from __future__ import annotations

import io
import shutil
import tarfile
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import git

from ..config import KiryxConfig, MailingList, config_for, public_url
from ..content.catalogue import Catalogue, load
from ..content.fields import fields_of
from ..content.permalinks import TAG_PREFIX, published_at
from ..content.problems import Problem
from ..content.schema import Item
from ..gitrepo import folder_in, git_prefix
from ..greek import athens, greek_date, greek_datetime
from ..i18n import msg
from ..site import check
from .ledger import DONE, Row
from .messages import subject
from .notices import (
    CANCELLATION,
    PUBLICATION,
    WITHDRAWAL,
    cancelled_too_late,
    change_id,
    concerns,
    date_cancellation,
    due_for,
    is_over,
    notifying_changes,
    told_by_withdrawal,
)


class PlanError(RuntimeError):
    """The base to compare with cannot be found."""


@dataclass(frozen=True)
class Base:
    ref: str
    label: str
    time: datetime | None
    """When it was published (a tag); None for a branch: all its items count as handled."""


@dataclass(frozen=True)
class MailLine:
    mailing_list: MailingList
    subject: str | None
    reason: str = ""
    """Why no mail, when `subject` is None."""


@dataclass
class Change:
    item: Item
    url: str
    live_at: datetime | None = None
    """The embargo, when later than now; None: at the next publication."""
    mails: list[MailLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    old_url: str = ""


@dataclass
class Plan:
    base: Base
    now: datetime
    new: list[Change] = field(default_factory=list)
    corrections: list[Change] = field(default_factory=list)
    cancellations: list[Change] = field(default_factory=list)
    withdrawals: list[Change] = field(default_factory=list)
    reinstated: list[Change] = field(default_factory=list)
    """Withdrawn items that are not any more: back in every list, feed and search, and mailed what they missed."""
    moves: list[Change] = field(default_factory=list)
    unannounced: list[Change] = field(default_factory=list)
    """Published items edited without a `changes:` entry: what changed (`notes`), told to no list."""
    deletions: list[str] = field(default_factory=list)
    unscheduled: list[Item] = field(default_factory=list)
    """Items scheduled on the base (embargoed, not yet public) that the branch deletes: never published or mailed."""
    press_kit: list[tuple[str, str]] = field(default_factory=list)
    """The press kit's files the branch adds, changes or removes, with what happens to each: /press-kit/ and its ZIP."""
    prefix: str = "content/"
    """The content folder's path in the repository, as git's paths start: 'content/', or "" (gitrepo.git_prefix)."""
    site_files: list[str] = field(default_factory=list)
    """The settings, theme or code files the branch changes (`SITE_FILES`; not the guide, tests or CI): every
    page, from the next publication."""
    problems: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    @property
    def mails(self) -> list[MailLine]:
        return [m for group in (self.new, self.corrections, self.cancellations, self.withdrawals, self.reinstated)
                for change in group for m in change.mails if m.subject]


_TOLD = ("title", "date", "summary", "start", "end", "all_day", "location", "online_url", "repeat", "rrule", "also",
         "except", "cancelled_dates", "attachments", "image", "images", "category", "accreditation")
"""What readers and the lists were told of an item, field by field, as written in its front matter."""


def _edited(was: Item, item: Item, old_html: str, new_html: str) -> list[str]:
    """The Greek names of what changed in a published item («Έναρξη», «Κείμενο»)."""
    labels = fields_of(item.type.key)
    changed = [labels[key].label if key in labels else key for key in _TOLD
               if was.source.fields.get(key) != item.source.fields.get(key)]
    return changed + (["Κείμενο"] if old_html != new_html else [])


def find_base(repo: git.Repo, ref: str | None) -> Base:
    """The given ref, else the newest publication tag, else the remote's default branch."""
    if ref:
        try:
            _ = repo.commit(ref).tree  # an all-zero SHA (a new branch's "before" in CI) fails only when read
        except (git.BadName, git.BadObject, ValueError, IndexError):
            raise PlanError(str(msg("--base {ref}: no such commit, branch or tag in this repository", ref=ref))) \
                from None
        tag = next((t for t in repo.tags if t.name == ref and t.tag is not None), None)
        when = _published(tag.tag) if tag and tag.tag else None
        return Base(ref, ref, when if ref.startswith(TAG_PREFIX) else None)
    tags = [t for t in repo.tags if t.name.startswith(TAG_PREFIX) and t.tag is not None]
    if tags:
        newest = max(tags, key=lambda t: (t.tag.tagged_date, t.name))
        return Base(newest.name, f"{newest.name} (η τελευταία δημοσίευση)", _published(newest.tag))
    for remote in repo.remotes:
        try:
            head = remote.refs.HEAD.reference.name  # origin/HEAD -> origin/main
        except (TypeError, ValueError, IndexError, AttributeError):
            head = next((r.name for r in remote.refs if r.remote_head in ("main", "master")), "")
        if head:
            return Base(head, f"{head} (ο κύριος κλάδος)", None)
    raise PlanError(str(msg("nothing to compare with: no published/* tag and no remote branch; give --base REF")))


def _published(tag: git.TagObject) -> datetime:
    """The moment of a publication by the clock of the run that made it (its message), else when it was tagged."""
    return athens(published_at(tag.message) or datetime.fromtimestamp(tag.tagged_date).astimezone())


_EMPTY_TAR = b"\0" * 1024
"""A tar archive with nothing in it (its end: two empty blocks)."""


def base_catalogue(repo: git.Repo, base: Base, content: Path, config: KiryxConfig, settings: dict[str, Any],
                   head: Catalogue) -> Catalogue:
    """The content of the base, read like HEAD's (its Markdown files only; cached by content)."""
    prefix = folder_in(repo.working_dir, content)
    folder = Path(settings["CACHE_PATH"]) / "plan-base"
    target = folder / "content"
    shutil.rmtree(folder, ignore_errors=True)
    target.mkdir(parents=True)
    try:
        data = repo.git.archive("--format=tar", base.ref, "--", prefix or ".", stdout_as_string=False)
    except git.GitCommandError:  # the base has no content folder yet: everything is new
        data = _EMPTY_TAR
    with tarfile.open(fileobj=io.BytesIO(data)) as archive:
        for member in archive.getmembers():
            name = member.name[len(prefix) + 1:] if prefix else member.name
            if member.isfile() and name.endswith(".md") and ".." not in name.split("/"):
                path = target / name
                path.parent.mkdir(parents=True, exist_ok=True)
                extracted = archive.extractfile(member)
                path.write_bytes(extracted.read() if extracted else b"")
    return load(target, config, settings["MARKDOWN"], cache_dir=Path(settings["CACHE_PATH"]),
                registry=head.registry)


def simulated_rows(base: Catalogue, base_time: datetime | None, config: KiryxConfig,
                   first_published: dict[str, datetime]) -> dict[tuple[str, str], list[Row]]:
    """The ledger a publication of the base would have left: each item public then had its mails, but an event
    already over when it was first published (`first_published`, by the tags), which no list is sent."""
    rows: dict[tuple[str, str], list[Row]] = {}
    for item in base.items:
        if item.type.key not in config.public_types or base_time is not None and not item.is_public(base_time):
            continue
        if (went_out := first_published.get(item.source.rel)) and is_over(item, went_out):
            continue
        for mailing_list in config.mailing_lists:
            if concerns(item, mailing_list):
                changes = frozenset(change_id(c) for c in notifying_changes(item, base_time)  # a withdrawn one's
                                    if told_by_withdrawal(item, c))  # before it
                first = CANCELLATION if item.values.get("cancelled") else PUBLICATION
                names = [first, *([WITHDRAWAL] if item.is_withdrawn else []),
                         *map(date_cancellation, item.values.get("cancelled_dates") or [])]
                had = [Row(name, len(changes), "sent", changes) for name in names]
                rows[(item.source.rel, mailing_list.address)] = had
    return rows


def _redated(item: Item, was: Item, new_changes: list[dict[str, Any]]) -> list[Problem]:
    """A note that was there already, under another date: the lists know a change by its date, so it goes out
    again as a new correction."""
    before = {c.get("note"): c.get("date") for c in was.values.get("changes", []) if c.get("notify")}
    changes = item.values.get("changes", [])
    return [Problem(item.source.rel, item.source.line(f"changes[{changes.index(c)}].date"),
                    f"changes[{changes.index(c)}].date", msg(
                        "this note was already there, dated {when}; with a new date it is a new correction, mailed "
                        "to the lists again: give it back its date", when=greek_datetime(before[c.get("note")])),
                    "warning")
            for c in new_changes if c.get("notify") and c.get("note") in before and before[c.get("note")]]


def _mails(item: Item, config: KiryxConfig, rows: dict[tuple[str, str], list[Row]], now: datetime) -> list[MailLine]:
    """What each list will get about the item when it goes out at `now`, or why nothing."""
    lines = []
    for mailing_list in config.mailing_lists:
        if item.type.key == "coverage" and not config.coverage_public:
            lines.append(MailLine(mailing_list, None, "το αρχείο δημοσιευμάτων είναι εσωτερικό"))
        elif item.type.key not in config.public_types:  # a page: the site's own, never a notice
            lines.append(MailLine(mailing_list, None, "οι σελίδες του ιστότοπου δεν στέλνονται στις λίστες"))
        elif not concerns(item, mailing_list):
            lines.append(MailLine(mailing_list, None, "η λίστα δεν λαμβάνει αυτό το είδος ή την κατηγορία"))
        elif (notice := due_for(item, mailing_list, had := rows.get((item.source.rel, mailing_list.address), []),
                                now)):
            lines.append(MailLine(mailing_list, subject(notice)))
        elif not had and is_over(item, now):
            lines.append(MailLine(mailing_list, None, "η εκδήλωση έχει ήδη γίνει"))
        elif cancelled_too_late(item, {row.notice for row in had if row.status in DONE}, now):
            lines.append(MailLine(mailing_list, None, "ακυρώνεται κάτι που έχει ήδη γίνει: δεν στέλνεται ακύρωση"))
        elif item.is_withdrawn and not had:
            lines.append(MailLine(mailing_list, None, "αποσύρεται πριν το λάβει η λίστα"))
        else:
            lines.append(MailLine(mailing_list, None, "το έχει ήδη λάβει"))
    return lines


# What a publication builds the site from besides the content: settings, theme, Kiryx's code, its dependencies.
SITE_FILES = ("pelicanconf.py", "publishconf.py", "pyproject.toml", "theme/", "plugins/", "kiryx/")


def make_plan(settings: dict[str, Any], repo: git.Repo, base: Base, now: datetime) -> Plan:
    """Compare HEAD's content with the base's."""
    config = config_for(settings)
    content = Path(settings["PATH"])
    head = check(settings)
    old = base_catalogue(repo, base, content, config, settings, head)
    rows = simulated_rows(old, base.time, config, head.registry.first_published)
    site = public_url(settings)
    plan = Plan(base, now, problems=sorted(head.problems, key=lambda p: (not p.is_error, p.key)),
                prefix=git_prefix(repo.working_dir, content))
    before = old.by_path
    public_before = {rel for rel, i in before.items() if base.time is None or i.is_public(base.time)}
    for item in sorted(head.items, key=lambda i: (i.values.get("date") or now, i.source.rel)):
        rel, values = item.source.rel, item.values
        if values.get("status") == "draft":
            continue
        date = values.get("date")
        change = Change(item, f"{site}/{item.url}" if date or not item.type.yearly else  # its year is its date's
                        "(η διεύθυνση φαίνεται μόλις διορθωθεί η ημερομηνία)")
        change.live_at = date if date and date > now else None
        goes_out = change.live_at or now  # when its mails would go out
        was = before.get(rel)
        if rel not in public_before or was is not None and was.values.get("status") == "draft":
            change.mails = _mails(item, config, rows, goes_out)
            plan.new.append(change)
            continue
        assert was is not None
        if item.is_withdrawn and not was.is_withdrawn:
            change.notes = [values.get("withdrawal_note", "")]
            change.mails = _mails(item, config, rows, goes_out)
            plan.withdrawals.append(change)
        elif was.is_withdrawn and not item.is_withdrawn:
            change.mails = _mails(item, config, rows, goes_out)
            plan.reinstated.append(change)
            continue
        elif values.get("cancelled") and not was.values.get("cancelled"):
            change.mails = _mails(item, config, rows, goes_out)
            plan.cancellations.append(change)
        elif days := sorted(set(values.get("cancelled_dates") or []) - set(was.values.get("cancelled_dates") or [])):
            change.notes = [f"Ακυρώνεται: {greek_date(day, weekday=True)}" for day in days]
            change.mails = _mails(item, config, rows, goes_out)
            plan.cancellations.append(change)
        known = {(c.get("date"), c.get("note")) for c in was.values.get("changes", [])}
        new_changes = [c for c in values.get("changes", []) if (c.get("date"), c.get("note")) not in known]
        plan.problems += _redated(item, was, new_changes)
        if new_changes and change in plan.cancellations:  # the note is the cancellation's reason, in its mail
            change.notes += [c.get("note", "") for c in new_changes]
        elif new_changes and not item.is_withdrawn:
            change.notes = [c.get("note", "") for c in new_changes]
            dated = max((c["date"] for c in new_changes if c.get("date")), default=now)
            change.live_at = dated if dated > goes_out else change.live_at  # a change dated ahead: from its date
            change.mails = _mails(item, config, rows, max(goes_out, dated))
            plan.corrections.append(change)
        elif change not in plan.cancellations and not item.is_withdrawn and (
                edited := _edited(was, item, old.html.get(rel, ""), head.html.get(rel, ""))):
            change.notes = edited
            plan.unannounced.append(change)
        if item.url != was.url:
            plan.moves.append(Change(item, f"{site}/{item.url}", old_url=f"{site}/{was.url}"))
    gone = sorted(rel for rel in public_before if rel not in head.sources)
    behind = head.registry.not_yet_here(gone)  # published from main after this branch began: not its deletions
    plan.deletions = [rel for rel in gone if rel not in behind]
    plan.unscheduled = [was for rel, was in sorted(before.items()) if rel not in public_before
                        and rel not in head.sources and was.values.get("status") != "draft"]
    try:  # since the branch began: (status, path)
        listed = repo.git.diff("--name-status", "--no-renames", f"{base.ref}...HEAD").splitlines()
        changed = [(status, path) for status, _, path in (line.partition("\t") for line in listed)]
    except git.GitCommandError:  # no common history
        changed = []
    plan.site_files = [path for _, path in changed if path.startswith(SITE_FILES)]
    kit = f"{plan.prefix}press-kit/"
    plan.press_kit = [(path, _KIT_CHANGES.get(status[:1], "αλλάζει")) for status, path in changed
                      if path.startswith(kit)]
    return plan


_KIT_CHANGES = {"A": "προστίθεται", "D": "αφαιρείται"}

"""Which mails are due: each public item once per list, then one mail per new correction or withdrawal.

A list that never had an item gets its current text (`publication`), which covers every
notifying `changes:` entry that exists by then. After that, notifying changes the list has not had
(known by their dates, so a change merged late or in place of a removed one still counts) are one
«Διόρθωση» (`correction-<date of the newest>`); an event's cancellation is one «Ακύρωση» (with the notes of
changes not yet mailed), as is each cancelled date of a series (`cancellation-YYYY-MM-DD`; a first mail covers
the dates cancelled by then), and a withdrawal one «Απόσυρση», each to every list that had the item.
`--baseline` records what is public now as already covered; so does a list added to an existing ledger, for the
items published before it (`backlog`): it starts from its first publication, not with the whole archive.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from ..config import KiryxConfig, MailingList
from ..content.recurrence import Occurrence, schedule_of
from ..content.schema import Item
from .ledger import DONE, Row

PUBLICATION, CANCELLATION, WITHDRAWAL = "publication", "cancellation", "withdrawal"


def date_cancellation(day: date) -> str:
    """The ledger's name for the cancellation of one date of a series: `cancellation-YYYY-MM-DD`."""
    return f"{CANCELLATION}-{day.isoformat()}"


@dataclass(frozen=True)
class Notice:
    item: Item
    mailing_list: MailingList
    kind: str
    """publication, correction, cancellation or withdrawal"""
    covers: tuple[str, ...]
    """The notifying changes (their dates) the list knows of once this mail is sent."""
    new: tuple[str, ...] = ()
    """Those it announces: a correction's, or the reasons a cancellation gives."""
    day: date | None = None
    """The date of a series that a cancellation calls off."""
    more_days: tuple[date, ...] = ()
    """Its other dates this cancellation calls off with `day`, all cancelled at once: one mail, not one a run."""

    @property
    def name(self) -> str:
        """Its key in the ledger: `publication`, `correction-<date of its newest change>`, `cancellation`,
        `cancellation-YYYY-MM-DD` (one date of a series) or `withdrawal`."""
        if self.day:
            return date_cancellation(self.day)
        return f"correction-{self.new[-1]}" if self.kind == "correction" else self.kind

    @property
    def also_covers(self) -> list[str]:
        """The dates' cancellations this mail tells of besides its own, by ledger name: a first mail's (it shows the
        dates cancelled by then), and those a date's cancellation calls off with it."""
        if self.kind not in (PUBLICATION, CANCELLATION):
            return []
        days = self.more_days if self.day else self.item.values.get("cancelled_dates") or []
        return [date_cancellation(day) for day in days]

    @property
    def days(self) -> tuple[date, ...]:
        """The dates a cancellation of dates calls off."""
        return (self.day, *self.more_days) if self.day else ()

    @property
    def key(self) -> tuple[str, str, str]:
        return self.item.source.rel, self.mailing_list.address, self.name

    @property
    def notes(self) -> list[str]:
        """The change notes the mail announces, oldest first; a cancellation without a new notifying note gives the
        latest note as its reason (the staff guide asks for one, and it need not be marked `notify`)."""
        notes = [c["note"] for c in notifying_changes(self.item) if change_id(c) in self.new]
        changes = sorted(self.item.values.get("changes") or [], key=lambda c: c["date"])
        if self.kind == CANCELLATION and not self.day and not notes and changes:
            return [changes[-1]["note"]]
        return notes

    @property
    def noted_at(self) -> datetime | None:
        """When the newest change this mail announces was made (a correction's «Διορθώθηκε»)."""
        return max((c["date"] for c in notifying_changes(self.item) if change_id(c) in self.new), default=None)

    def message_id(self, domain: str) -> str:
        digest = hashlib.sha256("\0".join(self.key).encode()).hexdigest()[:32]
        return f"<{digest}@{domain}>"


def is_over(item: Item, now: datetime) -> bool:
    """An event whose last date is over (a series: its last occurrence)."""
    return item.type.key == "events" and bool(item.values.get("start")) and schedule_of(item.values).ends() <= now


def days_over(item: Item, now: datetime | None) -> tuple[frozenset[date], bool]:
    """An event's dates over at `now`, cancelled ones too, and whether all of them are."""
    if now is None or not item.values.get("start"):  # only an event has a start
        return frozenset(), False
    schedule = schedule_of(item.values)
    every = schedule.dates() or [Occurrence(schedule.start, schedule.end)]
    over = [o for o in every if schedule.over(o) <= now]
    return frozenset(o.start.date() for o in over), len(over) == len(every)


def cancelled_too_late(item: Item, told: set[str], now: datetime | None) -> bool:
    """Whether a cancellation goes untold because what it calls off is over at `now`: «[Ακύρωση]» of last week's
    event tells a journalist nothing but confusion."""
    return _untold(item, told, *days_over(item, now))


def _untold(item: Item, told: set[str], over: frozenset[date], all_over: bool) -> bool:
    """`cancelled_too_late`, given the event's dates over (`days_over`)."""
    if item.values.get("cancelled"):
        return CANCELLATION not in told and all_over
    return any(date_cancellation(day) not in told and day in over for day in item.values.get("cancelled_dates") or [])


def notifying_changes(item: Item, now: datetime | None = None) -> list[dict[str, Any]]:
    """Its `changes:` entries to mail, oldest first; at `now`, those made by then (one dated later is mailed from
    its date on)."""
    changes = item.values.get("changes", []) if now is None else item.changes_at(now)
    return sorted((c for c in changes if c.get("notify")), key=lambda c: c["date"])


def told_by_withdrawal(item: Item, change: dict[str, Any]) -> bool:
    """Is a change among those a withdrawal's mail counts as told: made before the withdrawal (all of them when its
    moment is not known, as in a base the plan reads without its history)?"""
    withdrawn = item.values.get("withdrawn") if item.is_withdrawn else None
    return withdrawn is None or change["date"] <= withdrawn


def change_id(change: dict[str, Any]) -> str:
    """A change as the ledger knows it: its date, to the minute (a change is dated when it was made)."""
    return change["date"].strftime("%Y-%m-%dT%H:%M")


def concerns(item: Item, mailing_list: MailingList) -> bool:
    category = item.values.get("category")
    return item.type.key in mailing_list.types and (not mailing_list.categories or category in mailing_list.categories)


def due_for(item: Item, mailing_list: MailingList, rows: list[Row], now: datetime | None = None) -> Notice | None:
    """The one mail this list is owed for this item, if any (at `now`: no first mail of an event that is over)."""
    done = [row for row in rows if row.status in DONE]
    if not done and now is not None and is_over(item, now):
        return None  # an invitation to a press conference of last week, after cron was down, helps no one
    changes = [change_id(c) for c in notifying_changes(item, now)]
    covers = tuple(changes)
    had = any(row.notice != WITHDRAWAL and row.status != "failed" for row in done)
    if item.is_withdrawn:  # it tells of the notes made before it: one written since is mailed if the item comes back
        owed = had and not any(row.notice == WITHDRAWAL for row in done)
        before = tuple(change_id(c) for c in notifying_changes(item, now) if told_by_withdrawal(item, c))
        return Notice(item, mailing_list, WITHDRAWAL, before) if owed else None
    cancelled = bool(item.values.get("cancelled"))
    if not done:  # the first mail; for an event already cancelled, that is the cancellation
        return Notice(item, mailing_list, CANCELLATION if cancelled else PUBLICATION, covers)
    if not had:  # its first mail failed: no correction of a text it never had (--resend-failed sends it again)
        return None
    covered = set().union(*(row.covered(changes) for row in done))
    new = tuple(c for c in changes if c not in covered)
    told = {row.notice for row in done}
    dated = cancelled or item.values.get("cancelled_dates")  # its dates matter only to a cancellation
    # pragma below: no mutate (the dates over of an event with nothing cancelled change nothing: _untold is false)
    over, all_over = days_over(item, now) if dated else (frozenset(), False)  # pragma: no mutate
    if cancelled and CANCELLATION not in told and not all_over:
        return Notice(item, mailing_list, CANCELLATION, covers, new)
    undone = [day for day in item.values.get("cancelled_dates") or []
              if date_cancellation(day) not in told and day not in over]
    if not cancelled and undone:
        return Notice(item, mailing_list, CANCELLATION, covers, new, day=undone[0], more_days=tuple(undone[1:]))
    if all_over and _untold(item, told, over, all_over):  # its note: a «[Διόρθωση]» of an event gone by
        return None
    return Notice(item, mailing_list, "correction", covers, new) if new else None


def due(items: list[Item], config: KiryxConfig, ledger_rows: dict[tuple[str, str], list[Row]],
        now: datetime) -> list[Notice]:
    """Every notice not yet done, oldest item first."""
    notices = []
    for item in sorted((i for i in items if i.type.key in config.public_types and i.is_public(now)),
                       key=lambda i: (i.values["date"], i.source.rel)):
        for mailing_list in config.mailing_lists:
            if concerns(item, mailing_list):
                notice = due_for(item, mailing_list, ledger_rows.get((item.source.rel, mailing_list.address), []),
                                 now)
                if notice:
                    notices.append(notice)
    return notices


def backlog(notices: list[Notice], rows: dict[tuple[str, str], list[Row]], published: set[str],
            scopes: dict[str, str]) -> list[Notice]:
    """The first mails owed about items `published` before to a list that did not receive them then: one added
    since the last publish, or given more types or categories since (`scopes`: what each list received then).
    Such a list is not sent the archive. A ledger from before scopes were recorded knows a list by its mails only.
    (A new ledger is refused as a whole until `--baseline`.)"""
    known = {address for _, address in rows}

    def before_its_time(notice: Notice) -> bool:
        mailing_list, rel = notice.mailing_list, notice.item.source.rel
        if not scopes:
            return mailing_list.address not in known
        was = scopes.get(mailing_list.address)
        return was is None or not rows.get((rel, mailing_list.address)) and not concerns(
            notice.item, mailing_list.as_of(was))

    return [n for n in notices if known and n.item.source.rel in published and before_its_time(n)]

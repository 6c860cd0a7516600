"""Which mails are due: one per (public item, list it concerns, version not yet done).

Version 0 is the first publication; version n is the n-th `changes:` entry with
`notify: true`. A list that never had an item gets only its current text (version 0);
afterwards each new notifying change is one «Διόρθωση» mail.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from ..config import KiryxConfig, MailingList
from ..content.schema import Item
from .ledger import DONE, Ledger


@dataclass(frozen=True)
class Notice:
    item: Item
    mailing_list: MailingList
    version: int
    message_id: str

    @property
    def key(self) -> tuple[str, str, int]:
        return self.item.source.rel, self.mailing_list.address, self.version

    @property
    def note(self) -> str:
        """The change note a correction mail announces."""
        return notifying_changes(self.item)[self.version - 1]["note"] if self.version else ""


def notifying_changes(item: Item) -> list[dict]:
    return sorted((c for c in item.values.get("changes", []) if c.get("notify")), key=lambda c: c["date"])


def message_id(rel: str, address: str, version: int, domain: str) -> str:
    digest = hashlib.sha256(f"{rel}\0{address}\0{version}".encode()).hexdigest()[:32]
    return f"<{digest}@{domain}>"


def concerns(item: Item, mailing_list: MailingList) -> bool:
    category = item.values.get("category")
    return item.type.key in mailing_list.types and (not mailing_list.categories or category in mailing_list.categories)


def due(items: list[Item], config: KiryxConfig, ledger: Ledger, now: datetime) -> list[Notice]:
    """Every notice not yet done, oldest item first."""
    notices = []
    for item in sorted((i for i in items if i.type.key in config.public_types and i.is_public(now)),
                       key=lambda i: (i.values["date"], i.source.rel)):
        changes = notifying_changes(item)
        for mailing_list in config.mailing_lists:
            if not concerns(item, mailing_list):
                continue
            rel, address = item.source.rel, mailing_list.address
            done = [v for v in range(len(changes) + 1) if ledger.status(rel, address, v) in DONE]
            versions = [0] if not done else list(range(max(done) + 1, len(changes) + 1))[-1:]
            notices += [Notice(item, mailing_list, v, message_id(rel, address, v, config.domain)) for v in versions]
    return notices

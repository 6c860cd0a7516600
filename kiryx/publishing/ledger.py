"""The notifications ledger (SQLite): what was sent to which list, when, covering which version.

One row per (item, list, notice): the notice is `publication`, `correction-<date>` or `withdrawal`,
and `changes` the notifying `changes:` entries the list knew of once it was sent, by their dates (`covers`
counts them; a ledger from before `changes` was recorded knows only the count, as `correction-N`). `pending` is written,
with the Message-ID, before the message is handed to the server and becomes `sent` after the
server accepted it, so a crash in between re-sends the same message (same Message-ID) rather
than losing it.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS notices (
    item TEXT NOT NULL,
    list TEXT NOT NULL,
    notice TEXT NOT NULL,
    covers INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'baseline')),
    message_id TEXT NOT NULL,
    at TEXT NOT NULL,
    reply TEXT NOT NULL DEFAULT '',
    changes TEXT,
    PRIMARY KEY (item, list, notice)
);
CREATE TABLE IF NOT EXISTS baselines (at TEXT NOT NULL, server INTEGER NOT NULL DEFAULT 1);
CREATE TABLE IF NOT EXISTS scopes (list TEXT PRIMARY KEY, scope TEXT NOT NULL)
"""
# Ledgers of Kiryx 0.1 kept one row per (item, list, version); version 0 was the publication.
MIGRATE_V1 = """
INSERT OR IGNORE INTO notices (item, list, notice, covers, status, message_id, at, reply)
SELECT item, list, CASE version WHEN 0 THEN 'publication' ELSE 'correction-' || version END,
       version, status, message_id, at, reply FROM sends;
DROP TABLE sends;
"""
DONE = ("sent", "baseline", "failed")


@dataclass(frozen=True)
class Row:
    notice: str
    covers: int
    status: str
    changes: frozenset[str] | None = None
    """The dates of the notifying changes covered; None in rows of ledgers that counted them only."""

    def covered(self, changes: list[str]) -> set[str]:
        """Of an item's notifying changes (dates, oldest first), those this row covered."""
        return set(self.changes) if self.changes is not None else set(changes[:self.covers])


class LedgerError(RuntimeError):
    """The ledger file cannot be opened or used (not a database, a read-only folder)."""


class Ledger:
    # SQL is case-insensitive: the lines marked `pragma: no mutate` would only give equivalent mutants.
    def __init__(self, path: Path, read_only: bool = False):
        """Open (and create, or migrate) the ledger; every statement commits at once (autocommit).

        `read_only` (a dry run): the file as it is, never written, and no error for a folder that cannot be.
        """
        try:
            if read_only:
                self.db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)
                self.db.execute("SELECT 1 FROM notices LIMIT 1")  # pragma: no mutate
                return
            path.parent.mkdir(parents=True, exist_ok=True)  # Path(':memory:'), for dry runs: '.'
            self.db = sqlite3.connect(path, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")  # pragma: no mutate
            self.db.execute("PRAGMA synchronous=FULL")  # pragma: no mutate
            self.db.executescript(SCHEMA)
            columns = {row[1] for row in self.db.execute("PRAGMA table_info(notices)")}  # pragma: no mutate
            if "changes" not in columns:  # a ledger that counted the changes only
                self.db.execute("ALTER TABLE notices ADD COLUMN changes TEXT")  # pragma: no mutate
            if "server" not in {row[1] for row in self.db.execute("PRAGMA table_info(baselines)")}:  # pragma: no mutate
                self.db.execute(  # a baseline of before: taken for a server, the only reason to take one
                    "ALTER TABLE baselines ADD COLUMN server INTEGER NOT NULL DEFAULT 1")  # pragma: no mutate
            if self.db.execute("SELECT 1 FROM sqlite_master WHERE name='sends'").fetchone():  # pragma: no mutate
                self.db.executescript(f"BEGIN; {MIGRATE_V1} COMMIT;")
            # a ledger that can be read but not written (copied in by another user) is said now, not after the deploy
            version = int(self.db.execute("PRAGMA user_version").fetchone()[0])  # pragma: no mutate
            self.db.execute(f"PRAGMA user_version = {version}")  # pragma: no mutate
        except sqlite3.Error as err:
            raise LedgerError(f"the mail ledger {path} cannot be used ({err}); if it is not Kiryx's ledger, move it "
                              "away, else make it, its -wal and -shm files and its folder writable by the user "
                              "publish runs as (KIRYX_STATE_DIR)") from None

    def is_new(self) -> bool:
        """Nothing was ever recorded: no mail, no baseline."""
        query = "SELECT 1 FROM notices UNION ALL SELECT 1 FROM baselines LIMIT 1"  # pragma: no mutate
        return not self.db.execute(query).fetchone()

    def mailed_by_server(self, outbox_reply: str) -> bool:
        """Is this a server's ledger: a mail sent through an SMTP server (not put in the local outbox, whose reply
        starts with `outbox_reply`), or a baseline taken with one (only a server needs it)?"""
        query = ("SELECT 1 FROM notices WHERE status = 'sent' AND substr(reply, 1, ?) != ? "  # pragma: no mutate
                 "UNION ALL SELECT 1 FROM baselines WHERE server LIMIT 1")  # pragma: no mutate
        return bool(self.db.execute(query, (len(outbox_reply), outbox_reply)).fetchone())

    def mark_baseline(self, at: datetime, server: bool = True) -> None:
        """Record a baseline (everything public now is covered), taken with an SMTP server or not."""
        self.db.execute("INSERT INTO baselines (at, server) VALUES (?, ?)", (at.isoformat(), int(server)))  # pragma: no mutate # noqa: E501

    def scopes(self) -> dict[str, str]:
        """What each list received (its types and categories) at the last publish: `MailingList.scope`."""
        return dict(self.db.execute("SELECT list, scope FROM scopes"))  # pragma: no mutate

    def record_scopes(self, scopes: dict[str, str]) -> None:
        for address, scope in scopes.items():
            self.db.execute("INSERT INTO scopes (list, scope) VALUES (?, ?) ON CONFLICT (list) "  # pragma: no mutate
                            "DO UPDATE SET scope=excluded.scope", (address, scope))  # pragma: no mutate

    def rows(self) -> dict[tuple[str, str], list[Row]]:
        """Every row, by (item, list): one query for a whole run."""
        found: dict[tuple[str, str], list[Row]] = {}
        query = "SELECT item, list, notice, covers, status, changes FROM notices ORDER BY item, list, notice"  # pragma: no mutate # noqa: E501
        for item, address, notice, covers, status, changes in self.db.execute(query):
            covered = None if changes is None else frozenset(changes.split())
            found.setdefault((item, address), []).append(Row(notice, covers, status, covered))
        return found

    def record(self, item: str, address: str, notice: str, changes: tuple[str, ...], status: str, message_id: str,
               at: datetime, reply: str = "") -> None:
        """Write a notice's row: `changes` are the dates of the notifying changes the list knows of once it is
        sent."""
        self.db.execute(
            "INSERT INTO notices (item, list, notice, covers, status, message_id, at, reply, changes) "  # pragma: no mutate # noqa: E501
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "  # pragma: no mutate
            "ON CONFLICT (item, list, notice) DO UPDATE SET covers=excluded.covers, "  # pragma: no mutate
            "status=excluded.status, at=excluded.at, reply=excluded.reply, "  # pragma: no mutate
            "message_id=excluded.message_id, changes=excluded.changes",  # pragma: no mutate
            (item, address, notice, len(changes), status, message_id, at.isoformat(), reply, " ".join(changes)))

    def close(self) -> None:
        self.db.close()

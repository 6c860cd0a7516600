"""The notifications ledger (SQLite): what was sent to which list, when, and how it went.

One row per (item, list, version). `pending` is written, with the Message-ID, before the
message is handed to the server and becomes `sent` after the server accepted it, so a crash
in between re-sends the same message (same Message-ID) rather than losing it.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

SCHEMA = """
CREATE TABLE IF NOT EXISTS sends (
    item TEXT NOT NULL,
    list TEXT NOT NULL,
    version INTEGER NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'baseline')),
    message_id TEXT NOT NULL,
    at TEXT NOT NULL,
    reply TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (item, list, version)
)
"""
DONE = ("sent", "baseline", "failed")


class Ledger:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.execute(SCHEMA)

    def is_empty(self) -> bool:
        return self.db.execute("SELECT COUNT(*) FROM sends").fetchone()[0] == 0

    def status(self, item: str, address: str, version: int) -> str | None:
        row = self.db.execute("SELECT status FROM sends WHERE item=? AND list=? AND version=?",
                              (item, address, version)).fetchone()
        return row[0] if row else None

    def record(self, item: str, address: str, version: int, status: str, message_id: str, reply: str = "") -> None:
        self.db.execute(
            "INSERT INTO sends (item, list, version, status, message_id, at, reply) VALUES (?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (item, list, version) DO UPDATE SET status=excluded.status, at=excluded.at, "
            "reply=excluded.reply, message_id=excluded.message_id",
            (item, address, version, status, message_id, datetime.now(UTC).isoformat(), reply))

    def close(self) -> None:
        self.db.close()

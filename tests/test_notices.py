"""Which mails are due, from real checked content and a real ledger: the rules of kiryx.publishing.notices."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from kiryx.clock import parse_moment
from kiryx.config import config_for
from kiryx.content.schema import Item
from kiryx.publishing.ledger import Ledger, Row
from kiryx.publishing.notices import (
    Notice,
    backlog,
    cancelled_too_late,
    days_over,
    due,
    due_for,
    told_by_withdrawal,
)
from kiryx.site import ROOT, check, load_settings
from tests.conftest import write

NOW = parse_moment("2026-11-24 12:00")
PRESS, GREEN, EVENTS = "press@lists.test", "green@lists.test", "events@lists.test"
LISTS = [
    {"name": "Όλα", "address": PRESS, "types": ["press-releases", "events", "leaflets"]},
    {"name": "Περιβάλλον", "address": GREEN, "types": ["press-releases"], "categories": ["perivallon"]},
    {"name": "Εκδηλώσεις", "address": EVENTS, "types": ["events"]},
]


def text(title: str, when: str = "2026-11-20 10:00", category: str = "perivallon", extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {when}\nsummary: Σύνοψη.\ncategory: {category}\n{extra}---\nΚείμενο.\n"


CHANGES = """changes:
  - date: 2026-11-22 09:00
    note: Δεύτερη διόρθωση.
    notify: true
  - date: 2026-11-21 09:00
    note: Πρώτη διόρθωση.
    notify: true
  - date: 2026-11-21 10:00
    note: Τυπογραφικό.
    notify: false
"""
EVENT = """start: 2026-12-02 11:00
end: 2026-12-02 12:30
location: Δημαρχείο
"""


@pytest.fixture
def items(content_dir: Path) -> dict[str, Item]:
    write(content_dir, "press-releases/2026/akti.md", text("Καθαρισμός ακτής"))
    write(content_dir, "press-releases/2026/scholeia.md", text("Σχολεία", category="paideia"))
    write(content_dir, "press-releases/2026/mellon.md", text("Υπό εμπάργκο", when="2026-11-24 12:01"))
    write(content_dir, "press-releases/2026/tora.md", text("Ακριβώς τώρα", when="2026-11-24 12:00"))
    write(content_dir, "press-releases/2026/proschedio.md", text("Πρόχειρο", extra="status: draft\n"))
    write(content_dir, "press-releases/2026/diorthosi.md", text("Με διορθώσεις", extra=CHANGES))
    write(content_dir, "press-releases/2026/palio.md", text("Παλιό", when="2026-01-05 10:00"))
    write(content_dir, "events/2026/synavlia.md", text("Συναυλία", extra=EVENT))
    write(content_dir, "events/2026/akyrosi.md", text("Ακυρωμένη", extra=EVENT + "status: cancelled\n"
                                                      "changes:\n  - date: 2026-11-23 09:00\n"
                                                      "    note: Ακυρώνεται λόγω κακοκαιρίας.\n    notify: true\n"))
    write(content_dir, "events/2026/seira.md", text("Σειρά", extra=EVENT + (
        "repeat: {every: week, count: 4}\ncancelled_dates: [2026-12-16, 2026-12-09]\n")))
    write(content_dir, "press-releases/2026/apsyrsi.md", text("Αποσυρμένο", extra=(
        "status: withdrawn\nwithdrawn: 2026-11-23 10:00\nwithdrawal_note: Λάθος αριθμοί στο κείμενο.\n")))
    write(content_dir, "coverage/2026/arthro.md", "---\ntitle: Άρθρο\ndate: 2026-11-20 10:00\nsummary: Σ.\n"
          "outlet: Εφημερίδα\nkind: tv\nurl: https://example.org/a\n---\n")
    catalogue = check(settings(content_dir))
    errors = [p for p in catalogue.problems if p.severity == "error"]
    assert not errors, errors
    return {Path(item.source.rel).stem: item for item in catalogue.items}


def settings(content_dir: Path) -> dict:
    return load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW="2026-11-24 12:00",
                         CACHE_PATH=str(content_dir.parent / "cache"),
                         KIRYX={**load_settings(ROOT / "pelicanconf.py")["KIRYX"], "mailing_lists": LISTS})


def keys(notices: list[Notice]) -> list[tuple[str, str, str]]:
    return [(Path(n.item.source.rel).stem, n.mailing_list.address, n.name) for n in notices]


def due_now(items: dict[str, Item], content_dir: Path, now: datetime = NOW,
            rows: dict | None = None) -> list[tuple[str, str, str]]:
    return keys(due(list(items.values()), config_for(settings(content_dir)), rows or {}, now))


def test_each_public_item_is_due_once_per_list_that_takes_its_type_and_category(
        items: dict[str, Item], content_dir: Path) -> None:
    assert due_now(items, content_dir) == [
        ("palio", PRESS, "publication"), ("palio", GREEN, "publication"),
        ("akyrosi", PRESS, "cancellation"), ("akyrosi", EVENTS, "cancellation"),
        ("seira", PRESS, "publication"), ("seira", EVENTS, "publication"),
        ("synavlia", PRESS, "publication"), ("synavlia", EVENTS, "publication"),
        ("akti", PRESS, "publication"), ("akti", GREEN, "publication"),
        ("diorthosi", PRESS, "publication"), ("diorthosi", GREEN, "publication"),
        ("scholeia", PRESS, "publication"),
        ("tora", PRESS, "publication"), ("tora", GREEN, "publication"),
    ], "oldest first (same date: by path); no draft, embargoed, withdrawn-unmailed or coverage item"


def test_an_embargoed_item_falls_due_at_its_minute_and_not_before(items: dict[str, Item], content_dir: Path) -> None:
    assert not any(k[0] == "mellon" for k in due_now(items, content_dir))
    later = due_now(items, content_dir, now=parse_moment("2026-11-24 12:01"))
    assert [k for k in later if k[0] == "mellon"] == [("mellon", PRESS, "publication"), ("mellon", GREEN, "publication")]


def test_no_first_mail_for_an_event_that_is_over(items: dict[str, Item], content_dir: Path) -> None:
    """After cron was down a week: no invitation to a press conference that has happened."""
    during = due_now(items, content_dir, now=parse_moment("2026-12-02 12:29"))
    after = due_now(items, content_dir, now=parse_moment("2026-12-02 12:30"))
    assert ("synavlia", EVENTS, "publication") in during and ("synavlia", EVENTS, "publication") not in after
    assert ("seira", EVENTS, "publication") in after, "a series with dates to come still goes out"


FIRST, SECOND = "2026-11-21T09:00", "2026-11-22T09:00"  # the notifying changes of «diorthosi», by date


def rows(*found: tuple) -> list[Row]:
    """Rows from (notice, covers, status) as ledgers that counted changes wrote them, or with the changes' dates."""
    return [Row(notice, covers, status, *(frozenset(c) for c in changes))
            for notice, covers, status, *changes in found]


def one(item: Item, content_dir: Path, address: str, *found: tuple) -> Notice | None:
    mailing_list = next(m for m in config_for(settings(content_dir)).mailing_lists if m.address == address)
    return due_for(item, mailing_list, rows(*found))


def test_the_first_mail_covers_the_corrections_that_exist(items: dict[str, Item], content_dir: Path) -> None:
    notice = one(items["diorthosi"], content_dir, PRESS)
    assert notice and (notice.kind, notice.covers, notice.new) == ("publication", (FIRST, SECOND), ())


@pytest.mark.parametrize(("had", "expected"), [
    ((("publication", 0, "sent"),), (f"correction-{SECOND}", ["Πρώτη διόρθωση.", "Δεύτερη διόρθωση."])),
    ((("publication", 1, "baseline"),), (f"correction-{SECOND}", ["Δεύτερη διόρθωση."])),
    ((("publication", 0, "sent"), ("correction-1", 1, "sent")), (f"correction-{SECOND}", ["Δεύτερη διόρθωση."])),
    ((("publication", 2, "sent"),), None),
    # rows that know the changes' dates: a change merged after a later one was mailed is still due, alone
    ((("publication", 0, "sent", ()), (f"correction-{SECOND}", 1, "sent", (SECOND,))),
     (f"correction-{FIRST}", ["Πρώτη διόρθωση."])),
    ((("publication", 2, "sent", (FIRST, SECOND)),), None),
    # the changes the list had were removed and one new written in their place: it is due
    ((("publication", 2, "sent", ("2026-11-01T09:00", "2026-11-02T09:00")),),
     (f"correction-{SECOND}", ["Πρώτη διόρθωση.", "Δεύτερη διόρθωση."])),
    ((("publication", 0, "pending"),), ("publication", [])),  # not confirmed: sent again, same Message-ID
    ((("publication", 0, "failed"),), None),  # no correction of a text it never had (until --resend-failed)
])
def test_a_correction_is_due_once_for_the_notifying_changes_a_list_has_not_had(
        items: dict[str, Item], content_dir: Path, had: tuple, expected: tuple | None) -> None:
    notice = one(items["diorthosi"], content_dir, PRESS, *had)
    assert (notice and (notice.name, notice.notes if notice.kind == "correction" else [])) == expected


def test_a_change_dated_ahead_is_mailed_from_its_date(items: dict[str, Item], content_dir: Path) -> None:
    mailing_list = next(m for m in config_for(settings(content_dir)).mailing_lists if m.address == PRESS)
    had = rows(("publication", 1, "sent", (FIRST,)))
    assert due_for(items["diorthosi"], mailing_list, had, parse_moment("2026-11-22 08:59")) is None
    notice = due_for(items["diorthosi"], mailing_list, had, parse_moment("2026-11-22 09:00"))
    assert notice and notice.name == f"correction-{SECOND}" and notice.notes == ["Δεύτερη διόρθωση."]


def test_a_withdrawal_goes_only_to_lists_that_had_the_item_and_only_once(
        items: dict[str, Item], content_dir: Path) -> None:
    item = items["apsyrsi"]
    assert one(item, content_dir, PRESS) is None
    assert one(item, content_dir, PRESS, ("publication", 0, "failed")) is None, "a failed mail never reached it"
    for had in ("sent", "baseline"):
        notice = one(item, content_dir, PRESS, ("publication", 0, had))
        assert notice and notice.name == "withdrawal"
    assert one(item, content_dir, PRESS, ("publication", 0, "sent"), ("withdrawal", 0, "sent")) is None
    assert one(item, content_dir, PRESS, ("publication", 0, "sent"), ("withdrawal", 0, "failed")) is None


def test_a_cancellation_is_one_mail_after_the_announcement(items: dict[str, Item], content_dir: Path) -> None:
    item = items["akyrosi"]
    notice = one(item, content_dir, EVENTS, ("publication", 0, "sent", ()))
    assert notice and notice.name == "cancellation"
    assert notice.notes == ["Ακυρώνεται λόγω κακοκαιρίας."], "the reason, once"
    assert not one(item, content_dir, EVENTS, ("publication", 0, "sent", ()), ("cancellation", 1, "sent",
                                                                              ("2026-11-23T09:00",)))
    assert one(item, content_dir, EVENTS, ("publication", 0, "sent"), ("cancellation", 1, "sent")) is None
    assert one(item, content_dir, EVENTS, ("publication", 0, "failed")) is None, "nothing was announced"


def test_message_ids_are_stable_and_differ_per_list_and_notice(items: dict[str, Item], content_dir: Path) -> None:
    first = one(items["diorthosi"], content_dir, PRESS)
    again = one(items["diorthosi"], content_dir, PRESS)
    other_list = one(items["diorthosi"], content_dir, GREEN)
    correction = one(items["diorthosi"], content_dir, PRESS, ("publication", 0, "sent"))
    assert first and again and other_list and correction
    ids = {n.message_id("alimos.gr") for n in (first, other_list, correction)}
    assert first.message_id("alimos.gr") == again.message_id("alimos.gr") and len(ids) == 3
    assert all(i.startswith("<") and i.endswith("@alimos.gr>") for i in ids)


def test_the_ledger_keeps_one_row_per_notice_and_knows_a_baseline(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "state/ledger.sqlite")
    assert ledger.is_new()
    ledger.record("a.md", PRESS, "publication", (), "pending", "<1@x>", NOW)
    ledger.record("a.md", PRESS, "publication", (FIRST,), "sent", "<1@x>", NOW, "250 OK")
    ledger.record("a.md", GREEN, "publication", (), "failed", "<2@x>", NOW, "550 no")
    assert ledger.rows() == {("a.md", GREEN): [Row("publication", 0, "failed", frozenset())],
                             ("a.md", PRESS): [Row("publication", 1, "sent", frozenset({FIRST}))]}
    assert not ledger.is_new()
    ledger.close()
    fresh = Ledger(tmp_path / "other.sqlite")
    fresh.mark_baseline(NOW)
    assert not fresh.is_new()
    fresh.close()


def test_a_version_one_ledger_is_migrated_in_place(tmp_path: Path) -> None:
    path = tmp_path / "ledger.sqlite"
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE sends (item TEXT, list TEXT, version INTEGER, status TEXT, message_id TEXT, "
                   "at TEXT, reply TEXT, PRIMARY KEY (item, list, version))")
        db.executemany("INSERT INTO sends VALUES (?, ?, ?, ?, ?, ?, ?)", [
            ("a.md", PRESS, 0, "sent", "<1@x>", "2026-01-01T10:00:00+02:00", "250"),
            ("a.md", PRESS, 2, "sent", "<2@x>", "2026-01-02T10:00:00+02:00", "250")])
    db.close()
    ledger = Ledger(path)
    assert ledger.rows() == {("a.md", PRESS): [Row("correction-2", 2, "sent"), Row("publication", 0, "sent")]}
    ledger.close()
    with sqlite3.connect(path) as db:
        assert not db.execute("SELECT 1 FROM sqlite_master WHERE name='sends'").fetchone()


def test_a_withdrawal_or_cancellation_notice_is_for_that_item_list_and_changes(
        items: dict[str, Item], content_dir: Path) -> None:
    withdrawal = one(items["apsyrsi"], content_dir, PRESS, ("publication", 0, "sent"))
    cancellation = one(items["akyrosi"], content_dir, EVENTS, ("publication", 0, "sent"))
    assert withdrawal and cancellation
    assert (withdrawal.item, withdrawal.mailing_list.address, withdrawal.covers) == (items["apsyrsi"], PRESS, ())
    assert (cancellation.item, cancellation.mailing_list.address, cancellation.covers) == (
        items["akyrosi"], EVENTS, ("2026-11-23T09:00",))
    corrected = one(items["diorthosi"], content_dir, GREEN, ("publication", 0, "sent"))
    assert corrected and corrected.covers == (FIRST, SECOND) == corrected.new


def test_what_the_ledger_holds_is_not_due_again(items: dict[str, Item], content_dir: Path) -> None:
    rows = {("press-releases/2026/akti.md", PRESS): [Row("publication", 0, "sent")],
            ("press-releases/2026/akti.md", GREEN): [Row("publication", 0, "pending")]}
    due_list = due_now(items, content_dir, rows=rows)
    assert ("akti", PRESS, "publication") not in due_list and ("akti", GREEN, "publication") in due_list


def test_the_message_id_is_a_hash_of_item_list_and_notice(items: dict[str, Item], content_dir: Path) -> None:
    notice = one(items["akti"], content_dir, PRESS)
    assert notice
    digest = hashlib.sha256(b"press-releases/2026/akti.md\0press@lists.test\0publication").hexdigest()[:32]
    assert notice.message_id("alimos.gr") == f"<{digest}@alimos.gr>"


def test_each_record_is_committed_at_once_and_replies_default_to_empty(tmp_path: Path) -> None:
    path = tmp_path / "state/deeper/still/ledger.sqlite"
    ledger = Ledger(path)
    ledger.record("a.md", PRESS, "publication", (), "pending", "<1@x>", NOW)
    with sqlite3.connect(path) as other:  # another process (a crash now) sees it
        assert other.execute("SELECT status, reply FROM notices").fetchall() == [("pending", "")]
    ledger.close()


def test_a_dry_run_ledger_in_memory_leaves_no_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    ledger = Ledger(Path(":memory:"))
    ledger.record("a.md", PRESS, "publication", (), "sent", "<1@x>", NOW)
    assert len(ledger.rows()) == 1
    ledger.close()
    assert list(tmp_path.iterdir()) == []


def test_each_cancelled_date_of_a_series_is_one_notice_after_the_first_mail(
        items: dict[str, Item], content_dir: Path) -> None:
    series = items["seira"]
    first = one(series, content_dir, EVENTS)
    assert first and first.name == "publication"
    assert first.also_covers == ["cancellation-2026-12-09", "cancellation-2026-12-16"], "the first mail shows them"
    sent = ("publication", 0, "sent")
    notice = one(series, content_dir, EVENTS, sent)
    assert notice and (notice.item, notice.mailing_list.address, notice.kind, notice.covers, notice.day) == (
        series, EVENTS, "cancellation", (), date(2026, 12, 9))
    assert notice.name == "cancellation-2026-12-09" and notice.also_covers == ["cancellation-2026-12-16"], \
        "both dates, cancelled at once, in one mail"
    later = one(series, content_dir, EVENTS, sent, ("cancellation-2026-12-09", 0, "sent"))
    assert later and later.day == date(2026, 12, 16)
    assert one(series, content_dir, EVENTS, sent, ("cancellation-2026-12-09", 0, "sent"),
               ("cancellation-2026-12-16", 0, "baseline")) is None
    assert one(series, content_dir, EVENTS, ("publication", 0, "failed")) is None, "a list that never had it"
    assert one(items["akyrosi"], content_dir, EVENTS, ("publication", 0, "sent"),
               ("cancellation", 1, "sent")) is None, "a wholly cancelled event has no dates of its own to cancel"



def test_an_events_dates_over_are_those_ended_by_now_cancelled_or_not(items: dict[str, Item]) -> None:
    """What `due_for` keeps from being told: a cancellation of what has taken place (days_over)."""
    assert days_over(items["akti"], parse_moment("2027-01-01 00:00")) == (frozenset(), False), "no event"
    assert days_over(items["synavlia"], None) == (frozenset(), False), "no moment: nothing is over"
    assert days_over(items["synavlia"], parse_moment("2026-12-02 12:29")) == (frozenset(), False)
    assert days_over(items["synavlia"], parse_moment("2026-12-02 12:30")) == ({date(2026, 12, 2)}, True), "at its end"
    assert days_over(items["seira"], parse_moment("2026-12-09 12:30")) == (
        {date(2026, 12, 2), date(2026, 12, 9)}, False), "a cancelled date is over too, at its end"
    assert days_over(items["seira"], parse_moment("2026-12-23 12:30")) == (
        {date(2026, 12, 2), date(2026, 12, 9), date(2026, 12, 16), date(2026, 12, 23)}, True)


def checked_item(content_dir: Path, rel: str, source: str) -> Item:
    write(content_dir, rel, source)
    return next(i for i in check(settings(content_dir)).items if i.source.rel == rel)


TWO_NOTES = """changes:
  - date: 2026-11-21 09:00
    note: Νέα ώρα.
    notify: true
  - date: 2026-11-23 09:00
    note: Ακυρώνεται λόγω κακοκαιρίας.
    notify: true
"""


def test_a_cancellation_is_not_told_once_what_it_calls_off_is_over(content_dir: Path) -> None:
    """«[Ακύρωση]» of last week's event, nor its note as a «[Διόρθωση]», tells a journalist nothing."""
    event = checked_item(content_dir, "events/2026/vradia.md", text("Βραδιά", extra=EVENT + "status: cancelled\n"
                                                                                       + TWO_NOTES))
    press = next(m for m in config_for(settings(content_dir)).mailing_lists if m.address == EVENTS)
    first = rows(("publication", 1, "sent", ("2026-11-21T09:00",)))
    notice = due_for(event, press, first, parse_moment("2026-12-02 12:29"))
    assert notice and (notice.kind, notice.covers, notice.new) == (
        "cancellation", ("2026-11-21T09:00", "2026-11-23T09:00"), ("2026-11-23T09:00",)), "its reason is the new note"
    assert due_for(event, press, first, parse_moment("2026-12-02 12:30")) is None, "over: neither mail"
    assert due_for(event, press, first) == notice, "no moment: told"


def test_a_series_date_cancelled_after_it_took_place_is_not_told(content_dir: Path) -> None:
    series = checked_item(content_dir, "events/2026/seira.md", text("Σειρά", extra=EVENT + TWO_NOTES + (
        "repeat: {every: week, count: 4}\ncancelled_dates: [2026-12-09, 2026-12-16]\n")))
    press = next(m for m in config_for(settings(content_dir)).mailing_lists if m.address == EVENTS)
    first = rows(("publication", 1, "sent", ("2026-11-21T09:00",)))
    notice = due_for(series, press, first, parse_moment("2026-12-09 12:30"))
    assert notice and (notice.kind, notice.day, notice.more_days, notice.covers, notice.new) == (
        "cancellation", date(2026, 12, 16), (), ("2026-11-21T09:00", "2026-11-23T09:00"), ("2026-11-23T09:00",)), \
        "the 9th, over, is not told; the 16th is, with the new note"
    before = due_for(series, press, first, parse_moment("2026-12-09 12:29"))
    assert before and (before.day, before.more_days) == (date(2026, 12, 9), (date(2026, 12, 16),))
    told = rows(("publication", 1, "sent", ("2026-11-21T09:00",)), ("cancellation-2026-12-16", 2, "sent",
                                                                   ("2026-11-23T09:00",)))
    assert due_for(series, press, told, parse_moment("2026-12-23 12:30")) is None, "wholly over: no correction"
    late = due_for(series, press, told, parse_moment("2026-12-16 12:30"))
    assert late is None, "the 9th untold, the rest covered: nothing"


def test_a_withdrawal_counts_as_told_the_notes_made_before_it(content_dir: Path) -> None:
    item = checked_item(content_dir, "press-releases/2026/apsyrsi.md", text("Αποσυρμένο", extra=(
        "status: withdrawn\nwithdrawn: 2026-11-22 10:00\nwithdrawal_note: Λάθος αριθμοί.\n" + TWO_NOTES)))
    press = next(m for m in config_for(settings(content_dir)).mailing_lists if m.address == PRESS)
    notice = due_for(item, press, rows(("publication", 0, "sent")), NOW)
    assert notice and (notice.kind, notice.covers) == ("withdrawal", ("2026-11-21T09:00",)), \
        "the note after the withdrawal is mailed if the item comes back"


def test_what_is_over_stays_untold_and_a_later_note_of_what_was_told_is_not(content_dir: Path) -> None:
    """Wholly over: a cancellation never told stays untold and takes its note with it, but a note written after a
    cancellation that was told is a correction like any other (`_untold`, `cancelled_too_late` for the plan)."""
    event = checked_item(content_dir, "events/2026/vradia.md", text("Βραδιά", extra=EVENT + "status: cancelled\n"
                                                                                       + TWO_NOTES))
    series = checked_item(content_dir, "events/2026/seira.md", text("Σειρά", extra=EVENT + TWO_NOTES + (
        "repeat: {every: week, count: 4}\ncancelled_dates: [2026-12-09, 2026-12-16]\n")))
    lists = {m.address: m for m in config_for(settings(content_dir)).mailing_lists}
    over, early = parse_moment("2026-12-23 12:30"), parse_moment("2026-12-09 12:29")
    first = ("publication", 1, "sent", ("2026-11-21T09:00",))
    told = due_for(event, lists[EVENTS], rows(first, ("cancellation", 1, "sent", ("2026-11-21T09:00",))), over)
    assert told and told.name == "correction-2026-11-23T09:00", "the cancellation was told: its new note is too"
    assert cancelled_too_late(event, set(), parse_moment("2026-12-02 12:30"))
    assert not cancelled_too_late(event, set(), parse_moment("2026-12-02 12:29"))
    assert not cancelled_too_late(event, {"cancellation"}, over)
    one_told = rows(first, ("cancellation-2026-12-16", 1, "sent", ("2026-11-21T09:00",)))
    assert due_for(series, lists[EVENTS], one_told, over) is None, "the 9th went untold: so does its note"
    going_on = due_for(series, lists[EVENTS], one_told, parse_moment("2026-12-16 12:30"))
    assert going_on and going_on.name == "correction-2026-11-23T09:00", "a date is still to come: the note is told"
    both = rows(first, ("cancellation-2026-12-09", 1, "sent", ("2026-11-21T09:00",)),
                ("cancellation-2026-12-16", 1, "sent", ("2026-11-21T09:00",)))
    later = due_for(series, lists[EVENTS], both, over)
    assert later and later.name == "correction-2026-11-23T09:00", "every cancellation was told: the note is mailed"
    assert cancelled_too_late(series, {"publication"}, parse_moment("2026-12-09 12:30"))
    assert not cancelled_too_late(series, {"publication"}, early)
    assert cancelled_too_late(series, {"cancellation-2026-12-09"}, over), "the 16th, over, untold"
    assert not cancelled_too_late(series, {"cancellation-2026-12-09", "cancellation-2026-12-16"}, over)


def test_a_note_made_at_the_withdrawals_minute_is_told_by_it(content_dir: Path) -> None:
    item = checked_item(content_dir, "press-releases/2026/apsyrsi.md", text("Αποσυρμένο", extra=(
        "status: withdrawn\nwithdrawn: 2026-11-21 09:00\nwithdrawal_note: Λάθος αριθμοί.\n" + TWO_NOTES)))
    assert [told_by_withdrawal(item, c) for c in item.values["changes"]] == [True, False]


def test_a_series_with_every_date_left_out_is_over_at_its_end(content_dir: Path) -> None:
    series = checked_item(content_dir, "events/2026/kamia.md", text("Καμία", extra=EVENT + (
        "repeat: {every: day, count: 2}\nexcept: [2026-12-02, 2026-12-03]\n")))
    assert days_over(series, parse_moment("2026-12-02 12:29")) == (frozenset(), False)
    assert days_over(series, parse_moment("2026-12-02 12:30")) == ({date(2026, 12, 2)}, True)


def test_a_new_list_or_one_given_more_is_not_sent_the_archive(items: dict[str, Item], content_dir: Path) -> None:
    """The first mails owed about items published before to a list that did not receive them then: a list added
    since (known by its scope, or by its mails in a ledger from before scopes), or given a type or category since.
    Items never published, and a ledger that knows no list yet, are mailed as usual."""
    notices = due(list(items.values()), config_for(settings(content_dir)), {}, NOW)
    published = {"press-releases/2026/akti.md", "press-releases/2026/scholeia.md", "events/2026/synavlia.md"}
    press_only = "press-releases|"
    scopes = {PRESS: "events,leaflets,press-releases|", GREEN: "press-releases|perivallon", EVENTS: press_only}
    had = {("press-releases/2026/palio.md", PRESS): rows(("publication", 0, "sent"))}
    settled = keys(backlog(notices, had, published, scopes))
    assert settled == [("synavlia", EVENTS, "publication")], "only what a list was given since, and was published"
    assert keys(backlog(notices, had, published, {**scopes, EVENTS: "events|"})) == [], "what it had: mailed"
    assert keys(backlog(notices, had, published, {PRESS: scopes[PRESS]})) == [
        ("synavlia", EVENTS, "publication"), ("akti", GREEN, "publication")], "lists added since: their backlog"
    assert keys(backlog(notices, {}, published, scopes)) == [], "a ledger that knows no list: nothing settled"
    assert keys(backlog(notices, had, published, {})) == [
        ("synavlia", EVENTS, "publication"), ("akti", GREEN, "publication")], "no scopes yet: known by their mails"
    events_had = {**had, ("events/2026/synavlia.md", EVENTS): rows(("publication", 0, "sent"))}
    assert keys(backlog(notices, events_had, published, scopes)) == [], "one it has rows for is its own"

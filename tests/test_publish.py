"""`publish.py publish` with a real git repository and a real SMTP server on 127.0.0.1."""

from __future__ import annotations

import os
import shutil
import socket
import sqlite3
import textwrap
from collections import Counter
from pathlib import Path

import git
import icalendar
import pytest

from kiryx import vendor
from kiryx.publishing.lock import exclusive
from tests.publishing import EVENT, Project, archive, free_port, release, smtp_server


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return archive(tmp_path)


def subjects(messages: list) -> Counter:
    return Counter((m["To"].addresses[0].addr_spec, m["Subject"]) for m in messages)


def ledger(project: Project) -> list[tuple]:
    with sqlite3.connect(project.state / "ledger.sqlite") as db:
        return db.execute("SELECT item, list, notice, status, reply FROM notices ORDER BY item, list").fetchall()


def test_first_run_on_an_archive_refuses_to_mail_until_baseline(project: Project) -> None:
    with smtp_server() as (server, port):
        dry = project.publish("--dry-run", port=port)
        assert "Not mailed: the ledger is empty" in dry.stdout and "Would send" not in dry.stdout, "as the run will"
        dry_baseline = project.publish("--dry-run", "--baseline", port=port).stdout
        assert "Would send" not in dry_baseline
        assert "Baseline (dry run: nothing recorded): press-list@lists.alimos.gr: 1 mail(s)" in dry_baseline
        refused = project.publish(port=port)
        assert refused.returncode == 1
        assert "Run 'publish.py publish --baseline' once" in refused.stdout
        assert server.received == []
        assert (project.live() / "index.html").is_file(), "the site is deployed all the same"
        baseline = project.publish("--baseline", port=port)
        assert baseline.returncode == 0, baseline.stdout + baseline.stderr
        assert ("Baseline: press-list@lists.alimos.gr: 1 mail(s) recorded as sent without mailing them (--baseline)"
                in baseline.stdout.splitlines()), "the IT person sees what the baseline did"
        assert server.received == []
        assert [row[3] for row in ledger(project)] == ["baseline"]


def test_publish_sends_exactly_the_due_mails_once(project: Project) -> None:
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("press-releases/2026/proto.md", release(1))
        project.write("events/2026/synentefxi.md", EVENT)
        project.commit("Νέα")
        first = project.publish(port=port)
        assert first.returncode == 0, first.stdout + first.stderr
        assert subjects(server.received) == Counter({
            ("press-list@lists.alimos.gr", "[Δελτίο Τύπου] Δελτίο αριθμός 1"): 1,
            ("press-list@lists.alimos.gr", "[Πρόσκληση σε συνέντευξη Τύπου] Συνέντευξη Τύπου για τον προϋπολογισμό"): 1,
            ("events@lists.alimos.gr", "[Πρόσκληση σε συνέντευξη Τύπου] Συνέντευξη Τύπου για τον προϋπολογισμό"): 1,
        })
        again = project.publish(port=port)
        assert again.returncode == 0
        assert len(server.received) == 3, "a second publish sends nothing"
        assert "nothing new: the live site is up to date" in again.stdout
        quiet = project.publish("--quiet", port=port)
        assert (quiet.returncode, quiet.stdout, quiet.stderr) == (0, "", ""), "cron's log keeps only what happened"
        project.write("press-releases/2026/deftero.md", release(2))
        project.commit("Κι άλλο")
        said = project.publish("--quiet", port=port)
        report = said.stdout.splitlines()
        assert report[report.index("Run: 2026-11-24T12:00:00+02:00") + 1].startswith("Deployed: "), "the report, dated"
        assert said.returncode == 0 and "Sent: press-list@lists.alimos.gr: [Δελτίο Τύπου] Δελτίο αριθμός 2" in \
            said.stdout, "what happened is printed all the same"
        assert [m["Subject"] for m in server.received[3:]] == ["[Δελτίο Τύπου] Δελτίο αριθμός 2"]
    tags = [t.name for t in project.repo.tags]
    assert len(tags) == 3 and all(t.startswith("published/") for t in tags), "no tag when nothing changed"
    assert "press-releases/2026/proto.md (publication)" in project.repo.tags[tags[1]].tag.message


def test_greek_subjects_decode_and_events_carry_their_ics(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("events/2026/synentefxi.md", EVENT)
        project.commit()
        project.publish(port=port)
    message = next(m for m in server.received if m["To"].addresses[0].addr_spec == "events@lists.alimos.gr")
    assert message["Subject"] == "[Πρόσκληση σε συνέντευξη Τύπου] Συνέντευξη Τύπου για τον προϋπολογισμό"
    assert message["From"].addresses[0].addr_spec == "press@alimos.gr"
    assert message["Auto-Submitted"] == "auto-generated" and message["Content-Language"] == "el"
    text = message.get_body(("plain",)).get_content()
    assert "Πότε: Τετάρτη 2 Δεκεμβρίου 2026, 11:00–12:30" in text and text.index("Πότε:") < text.index("Πρόσκληση.")
    assert "https://press.alimos.gr/events/2026/synentefxi-typou-gia-ton-proypologismo/" in text
    assert "213-2008044" in message.get_body(("html",)).get_content()
    ics = next(p for p in message.iter_attachments() if p.get_content_type() == "text/calendar")
    event = icalendar.Calendar.from_ical(ics.get_content()).walk("VEVENT")[0]
    assert str(event["SUMMARY"]) == "Συνέντευξη Τύπου για τον προϋπολογισμό"


def test_a_correction_with_notify_sends_one_correction(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/palio.md", textwrap.dedent(release(0, "2026-01-10 10:00")).replace(
            "category: perivallon", "category: perivallon\nchanges:\n  - date: 2026-11-23 10:00\n"
            "    note: Διορθώθηκε ο αριθμός.\n    notify: true"))
        project.commit("Διόρθωση")
        assert project.publish(port=port).returncode == 0
        assert project.publish(port=port).returncode == 0
    assert [m["Subject"] for m in server.received] == ["[Διόρθωση] Δελτίο αριθμός 0"]
    text = server.received[0].get_body(("plain",)).get_content()
    assert text.index("Διόρθωση") < text.index("Διορθώθηκε ο αριθμός.") < text.index("Κείμενο του δελτίου 0."), \
        "a correction starts with its note, then the corrected full text"


def with_changes(n: int, *notes: str, when: str = "2026-11-20 10:00") -> str:
    """Release n with one notifying `changes:` entry per note, a day apart."""
    entries = "".join(f"  - date: 2026-11-{10 + i:02d} 10:00\n    note: {note}\n    notify: true\n"
                      for i, note in enumerate(notes))
    return textwrap.dedent(release(n, when)).replace("category: perivallon",
                                                    f"category: perivallon\nchanges:\n{entries.rstrip()}")


def test_baseline_covers_old_corrections(project: Project) -> None:
    project.write("press-releases/2026/palio.md", with_changes(0, "Πρώτη διόρθωση.", "Δεύτερη διόρθωση.",
                                                             when="2026-01-10 10:00"))
    project.commit("Αρχείο με διορθώσεις")
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("press-releases/2026/neo.md", release(1))
        project.commit("Νέο")
        assert project.publish(port=port).returncode == 0
    assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 1"]


def test_a_first_mail_covers_the_corrections_that_exist_and_later_ones_go_out_once(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/neo.md", with_changes(1, "Διορθώθηκε η ώρα."))
        project.commit("Νέο, ήδη διορθωμένο")
        assert project.publish(port=port).returncode == 0
        assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 1"]
        project.write("press-releases/2026/neo.md", with_changes(1, "Διορθώθηκε η ώρα.", "Διορθώθηκε ο τόπος."))
        project.commit("Δεύτερη διόρθωση")
        assert project.publish(port=port).returncode == 0
        assert project.publish(port=port).returncode == 0
    assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 1",
                                                      "[Διόρθωση] Δελτίο αριθμός 1"]
    text = server.received[1].get_body(("plain",)).get_content()
    assert "Διορθώθηκε ο τόπος." in text and "Διορθώθηκε η ώρα." not in text
    assert "Διορθώθηκε: 11 Νοεμβρίου 2026, 10:00" in " ".join(text.split()), "when: a journalist's exact date"
    first, correction = server.received
    assert correction["In-Reply-To"] == correction["References"] == first["Message-ID"], "in the first one's thread"
    assert first["In-Reply-To"] is None and first["Reply-To"] == "press@alimos.gr"
    assert first["List-Id"] == "Δημοσιογράφοι <press-list.lists.alimos.gr>"
    assert first["List-Unsubscribe"].startswith("<mailto:press-list-leave@lists.alimos.gr?subject=%CE%94")


def test_a_change_in_place_of_removed_ones_or_merged_late_still_goes_out(project: Project) -> None:
    """Changes are known by their dates, not counted: one written in place of two the lists had is new, and so is
    one dated before a change already mailed (a pull request merged later)."""
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/neo.md", with_changes(1, "Πρώτη.", "Δεύτερη."))
        project.commit("Νέο, με δύο διορθώσεις")
        assert project.publish(port=port).returncode == 0
        replaced = with_changes(1, "Πρώτη.", "Δεύτερη.").replace(
            "  - date: 2026-11-10 10:00\n    note: Πρώτη.\n    notify: true\n  - date: 2026-11-11 10:00\n"
            "    note: Δεύτερη.\n    notify: true", "  - date: 2026-11-21 10:00\n    note: Νέα ώρα.\n    notify: true")
        project.write("press-releases/2026/neo.md", replaced)
        project.commit("Μία διόρθωση στη θέση των δύο")
        assert project.publish(port=port).returncode == 0
        project.write("press-releases/2026/neo.md", replaced.replace(
            "changes:\n", "changes:\n  - date: 2026-11-20 12:00\n    note: Νέος τόπος.\n    notify: true\n"))
        project.commit("Διόρθωση από παλαιότερο αίτημα")
        assert project.publish(port=port).returncode == 0
        assert project.publish(port=port).returncode == 0
    assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 1",
                                                      "[Διόρθωση] Δελτίο αριθμός 1", "[Διόρθωση] Δελτίο αριθμός 1"]
    second, third = (m.get_body(("plain",)).get_content() for m in server.received[1:])
    assert "Νέα ώρα." in second and "Νέος τόπος." not in second
    assert "Νέος τόπος." in third and "Νέα ώρα." not in third


@pytest.mark.parametrize("notify", ["true", "false"])
def test_a_cancellation_mail_gives_its_reason(project: Project, notify: str) -> None:
    """The staff guide asks for a note with the cancellation; marked `notify` or not (the browser editor's
    default is not), it is the mail's reason."""
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("events/2026/synentefxi.md", EVENT)
        project.commit("Πρόσκληση")
        assert project.publish(port=port).returncode == 0
        project.write("events/2026/synentefxi.md", EVENT.replace(
            "press_conference: true", "press_conference: true\nstatus: cancelled\nchanges:\n"
            f"  - date: 2026-11-23 09:00\n    note: Αναβάλλεται λόγω κακοκαιρίας.\n    notify: {notify}"))
        project.commit("Ακύρωση")
        assert project.publish(port=port).returncode == 0
        assert project.publish(port=port).returncode == 0
    cancellations = [m for m in server.received if m["Subject"].startswith("[Ακύρωση]")]
    assert cancellations and len(cancellations) == len({m["To"] for m in cancellations}), "once per list"
    assert not [m for m in server.received if m["Subject"].startswith("[Διόρθωση]")], "the reason is in it"
    for message in cancellations:
        text = message.get_body(("plain",)).get_content()
        assert text.index("Η εκδήλωση ακυρώνεται") < text.index("Αναβάλλεται λόγω κακοκαιρίας.")


def test_an_old_ledger_is_migrated(project: Project) -> None:
    project.state.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(project.state / "ledger.sqlite") as db:
        db.execute("CREATE TABLE sends (item TEXT NOT NULL, list TEXT NOT NULL, version INTEGER NOT NULL, "
                   "status TEXT NOT NULL, message_id TEXT NOT NULL, at TEXT NOT NULL, reply TEXT NOT NULL DEFAULT '', "
                   "PRIMARY KEY (item, list, version))")
        db.execute("INSERT INTO sends VALUES ('press-releases/2026/palio.md', 'press-list@lists.alimos.gr', 0, "
                   "'sent', '<x@y>', '2026-01-10T10:00:00+00:00', '250 OK')")
    with smtp_server() as (server, port):
        result = project.publish(port=port)
        assert result.returncode == 0, result.stdout + result.stderr
    assert server.received == []
    assert ledger(project) == [("press-releases/2026/palio.md", "press-list@lists.alimos.gr", "publication",
                                "sent", "250 OK")]


@pytest.mark.parametrize("point", ["after-build", "mid-deploy", "after-send", "between-sends"])
def test_a_killed_publish_loses_nothing_and_leaves_a_whole_site(project: Project, point: str) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        old = project.live()
        for n in range(1, 4):
            project.write(f"press-releases/2026/deltio-{n}.md", release(n))
        project.commit("Τρία δελτία")
        killed = project.publish(port=port, fault=point)
        assert killed.returncode == -9, killed.stdout + killed.stderr
        live = project.live()
        assert live in (old, *project.www.joinpath("releases").glob("2*"))
        assert (live / "index.html").is_file() and (live / "feeds/all.atom.xml").is_file()
        if point in ("after-build", "mid-deploy"):
            assert live == old, "the new release is not live until it is complete"
        again = project.publish(port=port)
        assert again.returncode == 0, again.stdout + again.stderr
    arrived = Counter(m["Subject"] for m in server.received)
    assert set(arrived) == {f"[Δελτίο Τύπου] Δελτίο αριθμός {n}" for n in range(1, 4)}
    assert max(arrived.values()) <= 2
    by_subject: dict[str, set[str]] = {}
    for message in server.received:
        by_subject.setdefault(message["Subject"], set()).add(message["Message-ID"])
    assert all(len(ids) == 1 for ids in by_subject.values()), "a duplicate repeats its Message-ID"
    if point == "after-send":
        assert sum(arrived.values()) == 4
    assert (project.live() / "press-releases/2026/deltio-arithmos-3/index.html").is_file()
    assert not list(project.www.joinpath("releases").glob(".partial-*"))


@pytest.mark.parametrize(("script", "status", "code", "arrived", "after_rerun"), [
    (["451 4.3.0 try again later", "250"], "sent", 0, 1, 1),   # retried with back-off
    (["drop", "250"], "sent", 0, 1, 1),                         # reconnects and retries
    (["550 5.1.1 mailbox unavailable"], "failed", 1, 0, 0),     # permanent: recorded, not retried
    (["451 busy", "451 busy", "451 busy"], "pending", 1, 0, 1),  # still failing: goes out next time
])
def test_what_the_smtp_server_answers_decides_the_outcome(
        project: Project, script: list[str], status: str, code: int, arrived: int, after_rerun: int) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/neo.md", release(1))
        project.commit()
        server.script = list(script)
        result = project.publish(port=port)
        assert result.returncode == code, result.stdout + result.stderr
        assert len(server.received) == arrived
        row = next(r for r in ledger(project) if r[0] == "press-releases/2026/neo.md")
        assert row[3] == status
        if status == "failed":
            assert row[4].startswith("550 5.1.1") and "Failed: press-list@lists.alimos.gr" in result.stdout
        project.publish(port=port)
        assert len(server.received) == after_rerun


def test_dry_run_changes_nothing(project: Project) -> None:
    result = project.publish("--dry-run")
    assert result.returncode == 0, result.stderr
    assert "Would send: press-list@lists.alimos.gr: [Δελτίο Τύπου] Δελτίο αριθμός 0" in result.stdout
    assert not project.www.exists() and not (project.state / "ledger.sqlite").exists()
    assert list(project.repo.tags) == []


def test_without_smtp_mail_goes_to_the_local_outbox(project: Project) -> None:
    result = project.publish()
    assert result.returncode == 0, result.stdout + result.stderr
    assert len(list((project.state / "outbox" / "new").iterdir())) == 1
    project.write("press-releases/2026/neo.md", release(1))
    project.commit()
    assert project.publish().returncode == 0, "the outbox again: the ledger has known nothing else"
    assert len(list((project.state / "outbox" / "new").iterdir())) == 2


def test_a_run_without_the_smtp_settings_does_not_mail_to_the_outbox_what_a_server_should_get(
        project: Project) -> None:
    """As the IT person might run it by hand, without cron's environment: the journalists would never get them."""
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("press-releases/2026/neo.md", release(1))
        project.commit()
        assert project.publish(port=port).returncode == 0
        project.write("press-releases/2026/allo.md", release(2))
        project.commit()
        by_hand = project.publish()
        assert by_hand.returncode == 1 and "no SMTP server is set (KIRYX_SMTP_HOST), though this ledger's mails " \
            "went through one" in by_hand.stdout + by_hand.stderr, by_hand.stdout + by_hand.stderr
        assert not (project.state / "outbox").exists()
        assert project.publish(port=port).returncode == 0
    assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 1",
                                                      "[Δελτίο Τύπου] Δελτίο αριθμός 2"]


def test_a_site_without_its_search_and_editor_is_not_deployed(project: Project) -> None:
    """With KIRYX_STATE_DIR moved and `setup` not run there, the site went live without them, exit 0, and stayed."""
    (project.state / "vendor").unlink()
    result = project.publish()
    assert result.returncode == 1 and not project.www.exists(), result.stdout + result.stderr
    tools = " and ".join(f"{a.package} {a.version}" for a in vendor.assets())  # decap-cms 3.16.3 and @pagefind/…
    assert result.stderr.splitlines() == [f"publish: {tools} not installed in {project.state / 'vendor'}: run "
                                          "'publish.py setup' with the same KIRYX_STATE_DIR; nothing was deployed"]


def test_a_ledger_kiryx_cannot_use_is_one_line(project: Project) -> None:
    project.state.mkdir(exist_ok=True)
    (project.state / "ledger.sqlite").write_text("not a database")
    for args in [(), ("--dry-run",)]:
        result = project.publish(*args)
        assert result.returncode == 1 and "Traceback" not in result.stderr
        assert result.stderr.startswith(f"publish: the mail ledger {project.state / 'ledger.sqlite'} cannot be used "
                                        "(file is not a database)"), result.stderr


def test_rollback_returns_to_the_previous_release(project: Project) -> None:
    project.publish()
    first = project.live()
    project.write("press-releases/2026/neo.md", release(1))
    project.commit()
    project.publish()
    assert project.live() != first
    result = project.run("rollback")
    assert result.returncode == 0, result.stdout + result.stderr
    assert project.live() == first
    held = project.publish()  # cron, a few minutes later: the rollback holds until the next change
    assert "nothing new" in held.stdout and project.live() == first, held.stdout
    project.set_now("2026-11-25T00:05:00+02:00")  # past midnight: the day's lists change, so does the build's key
    overnight = project.publish()
    assert f"a rollback holds the live site at {first.name}" in overnight.stdout and project.live() == first, \
        overnight.stdout
    project.write("press-releases/2026/allo.md", release(2))
    project.commit()
    assert project.publish().returncode == 0 and project.live() != first


def test_a_rollback_is_what_rollback_records_not_an_older_release_being_live(project: Project) -> None:
    """It was told by the live release not being the newest: removing the newer release undid the rollback, and a run
    killed between making a release and switching to it held the site, with its mails, as if rolled back."""
    project.publish()
    first = project.live()
    project.write("press-releases/2026/kako.md", release(1))
    project.commit("Λάθος")
    project.publish()
    bad = project.live()
    assert project.run("rollback").returncode == 0 and project.live() == first
    shutil.rmtree(bad)
    held = project.publish()
    assert "a rollback holds the live site" in held.stdout and project.live() == first, held.stdout
    dry = project.publish("--dry-run")
    assert "(dry run) nothing new to deploy" in dry.stdout, dry.stdout
    project.write("press-releases/2026/kalo.md", release(2))
    project.commit("Σωστό")
    assert project.publish().returncode == 0 and project.live() != first and not (project.www / "rollback.json").exists()
    project.write("press-releases/2026/embargo.md", release(3, "2026-11-24 12:30"))
    project.commit("Υπό εμπάργκο")
    assert project.publish().returncode == 0
    live = project.live()
    project.set_now("2026-11-24T12:35:00+02:00")
    assert project.publish(fault="mid-deploy").returncode != 0  # killed: a release made, never switched to
    assert project.live() == live
    project.set_now("2026-11-24T12:40:00+02:00")
    result = project.publish()
    assert "a rollback holds" not in result.stdout and project.live() != live, result.stdout
    assert "deltio-arithmos-3" in {p.name for p in (project.live() / "press-releases/2026").iterdir()}


def test_a_rollback_holds_the_mails_still_due_until_the_next_publication(project: Project) -> None:
    """The mail server was down when an item went live; the office then rolled the site back. The next cron run
    mailed the item all the same, with a link to a page no longer on the site."""
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        project.write("press-releases/2026/lathos.md", release(1))
        project.commit("Λάθος δελτίο")
        down = project.publish(port=free_port())  # nothing listens there: the mail stays pending
        assert "pending" in down.stdout and "deltio-arithmos-1" in str(list(project.live().rglob("*"))), down.stdout
        assert project.run("rollback").returncode == 0
        held = project.publish(port=port)
        assert held.returncode == 1 and server.received == [], held.stdout  # as any mail left waiting
        assert "Not mailed: a rollback holds the live site at" in held.stdout, held.stdout
        project.write("press-releases/2026/allo.md", release(2))
        project.commit("Το επόμενο")
        assert project.publish(port=port).returncode == 0
        assert sorted(m["Subject"] for m in server.received) == ["[Δελτίο Τύπου] Δελτίο αριθμός 1",
                                                                  "[Δελτίο Τύπου] Δελτίο αριθμός 2"]


def test_a_deploy_folder_that_missed_a_publication_is_brought_up_to_date(project: Project, tmp_path: Path) -> None:
    """What is live there decides, not only the last publication's tag (it went to another folder)."""
    assert project.publish().returncode == 0
    first = project.live()
    project.write("press-releases/2026/neo.md", release(1))
    project.commit()
    assert project.publish(extra={"KIRYX_DEPLOY_DIR": str(tmp_path / "allou")}).returncode == 0
    again = project.publish()
    assert again.returncode == 0 and "nothing new" not in again.stdout, again.stdout
    assert project.live() != first and (project.live() / "press-releases/2026/deltio-arithmos-1/index.html").is_file()


def test_a_live_release_whose_folder_is_gone_is_built_again(project: Project) -> None:
    """Removed by hand (or a disk cleanup): cron said «up to date» and left the site down until the next commit."""
    assert project.publish().returncode == 0
    shutil.rmtree(project.live())
    again = project.publish()
    assert again.returncode == 0 and "up to date" not in again.stdout, again.stdout
    assert (project.live() / "index.html").is_file()


def test_rsync_deploys_to_a_folder(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "server"
    result = project.publish(extra={"KIRYX_DEPLOY_METHOD": "rsync", "KIRYX_RSYNC_TARGET": str(target)})
    assert result.returncode == 0, result.stdout + result.stderr
    assert (target / "index.html").is_file() and (target / "feeds/all.atom.xml").is_file()


def test_the_repository_must_be_clean_and_on_the_branch(project: Project) -> None:
    project.write("press-releases/2026/prochero.md", release(9))
    dirty = project.publish()
    assert dirty.returncode == 1 and "uncommitted changes (content/press-releases/2026/prochero.md)" in dirty.stderr
    project.repo.git.add("content")
    staged = project.publish()
    assert staged.returncode == 1 and "uncommitted changes (content/press-releases/2026/prochero.md)" in staged.stderr
    project.commit()
    project.repo.git.checkout("-qb", "allos")
    wrong = project.publish()
    assert wrong.returncode == 1 and "on branch 'allos'; publish from 'main'" in wrong.stderr


def test_only_one_publish_at_a_time(project: Project) -> None:
    with exclusive(project.state):
        busy = project.publish()
    assert busy.returncode == 1 and "another publish is running" in busy.stderr


def test_a_branch_behind_its_remote_is_not_published(project: Project, tmp_path: Path) -> None:
    remote = git.Repo.clone_from(project.site, tmp_path / "remote.git", bare=True)
    project.repo.create_remote("origin", remote.working_dir)
    project.repo.git.push("-u", "origin", "main")
    other = git.Repo.clone_from(remote.working_dir, tmp_path / "colleague")
    (Path(other.working_dir) / "content/press-releases/2026/allo.md").write_text(
        textwrap.dedent(release(5)).lstrip(), encoding="utf-8")
    other.git.add("content")
    other.git.commit("-qm", "Δελτίο συναδέλφου", env={"GIT_AUTHOR_NAME": "Σ", "GIT_AUTHOR_EMAIL": "s@alimos.gr",
                                                      "GIT_COMMITTER_NAME": "Σ", "GIT_COMMITTER_EMAIL": "s@alimos.gr"})
    other.git.push()
    result = project.run("publish")
    assert result.returncode == 1
    assert "'main' is 1 commit(s) behind origin/main; pull first (git pull --ff-only)" in result.stderr
    tagged = project.repo.tags
    assert list(tagged) == []
    project.repo.git.pull("--ff-only")  # as cron's line does: this checkout has the colleague's commit
    other.git.reset("--hard", "HEAD~1")  # which is then replaced by another: a force-push
    (Path(other.working_dir) / "content/press-releases/2026/trito.md").write_text(
        textwrap.dedent(release(6)).lstrip(), encoding="utf-8")
    other.git.add("content")
    other.git.commit("-qm", "Άλλο", env={"GIT_AUTHOR_NAME": "Σ", "GIT_AUTHOR_EMAIL": "s@alimos.gr",
                                         "GIT_COMMITTER_NAME": "Σ", "GIT_COMMITTER_EMAIL": "s@alimos.gr"})
    other.git.push("--force")
    diverged = project.run("publish")
    assert diverged.returncode == 1 and "'main' has diverged from origin/main (1 commit(s) here are not there, 1 " \
        "there are not here): its history was rewritten (a force-push?)" in diverged.stderr, diverged.stderr


def test_a_remote_that_never_answers_stops_the_publish_in_its_time_out(project: Project) -> None:
    """A stalled network held the fetch, and with it the lock and every later cron run, for ever."""
    with socket.create_server(("127.0.0.1", 0)) as silent:  # accepts, never answers (git:// waits for it)
        project.repo.create_remote("origin", f"git://127.0.0.1:{silent.getsockname()[1]}/press.git")
        project.repo.git.config("branch.main.remote", "origin")
        project.repo.git.config("branch.main.merge", "refs/heads/main")
        result = project.run("publish", env={"KIRYX_GIT_TIMEOUT": "2"})
    assert result.returncode == 1 and result.stderr == (
        "publish: could not fetch 'origin' (no answer within 2 s: KIRYX['git_timeout'] or KIRYX_GIT_TIMEOUT); "
        "nothing was published; use --no-fetch to publish without checking\n")
    assert not project.live().exists() and list(project.repo.tags) == []


@pytest.mark.parametrize("command", ["check", "build", "plan", "publish"])
def test_a_repository_git_will_not_read_is_one_line_not_an_empty_history(project: Project, command: str) -> None:
    """Owned by another user (a CI container, a copy made as root): git refuses it. Read as empty, every date of
    change and published address was lost, and the checks that keep addresses from breaking passed."""
    result = project.run(command, *(["--base", "HEAD"] if command == "plan" else []),
                         env={"GIT_TEST_ASSUME_DIFFERENT_OWNER": "1", "KIRYX_LANG": "en"})
    top = project.repo.working_dir
    assert (result.returncode, result.stderr) == (1, (
        f"{command}: git will not read the repository at {top}: its files belong to another user. Run Kiryx as "
        f"that user, or once: git config --global --add safe.directory {top}\n"))
    assert not (project.state / "crash.log").exists()


def test_tags_a_remote_refused_are_pushed_by_a_later_run(project: Project, tmp_path: Path) -> None:
    remote = git.Repo.clone_from(project.site, tmp_path / "remote.git", bare=True)
    project.repo.create_remote("origin", remote.working_dir)
    project.repo.git.push("-u", "origin", "main")
    hook = Path(remote.git_dir) / "hooks/pre-receive"
    hook.write_text("#!/bin/sh\necho 'tags are locked' >&2\nexit 1\n")
    hook.chmod(0o755)
    refused = project.run("publish")
    assert refused.returncode == 1
    failed = [line for line in refused.stdout.splitlines() if line.startswith("Failed: ")]
    assert len(failed) == 1 and "could not push the published/* tags to 'origin'" in failed[0], refused.stdout
    assert "the next publish tries again" in failed[0]
    assert "tags are locked" in failed[0] and "pre-receive hook declined" in failed[0], "the remote's reason"
    hook.unlink()
    again = project.run("publish")
    assert again.returncode == 0 and "Deployed: nothing new" in again.stdout, again.stdout + again.stderr
    assert [t.name for t in remote.tags] == [t.name for t in project.repo.tags] != []


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root, to run as another user")
def test_a_ledger_that_cannot_be_written_is_said_at_once() -> None:
    """A ledger copied in by another user could be read, not written: publish deployed, then crashed when it first
    recorded a mail ("fault of Kiryx"). It is one line when the ledger is opened."""
    import subprocess
    import sys
    import tempfile

    from kiryx.publishing.ledger import Ledger
    from kiryx.site import ROOT
    tmp_path = Path(tempfile.mkdtemp(prefix="kiryx-ledger-"))  # where the other user can reach it
    tmp_path.chmod(0o777)
    Ledger(tmp_path / "ledger.sqlite").close()
    for path in tmp_path.iterdir():
        path.chmod(0o444)
    script = (f"import sys; sys.path.insert(0, {str(ROOT)!r})\nfrom pathlib import Path\n"
              "from kiryx.publishing.ledger import Ledger, LedgerError\n"
              f"try:\n    Ledger(Path({str(tmp_path / 'ledger.sqlite')!r}))\nexcept LedgerError as err:\n    print(err)\n")
    try:
        result = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-c",
                                 script], capture_output=True, text=True, timeout=60)
    finally:
        shutil.rmtree(tmp_path)
    assert result.stdout.startswith(f"the mail ledger {tmp_path / 'ledger.sqlite'} cannot be used (attempt to write "
                                    "a readonly database)"), result.stdout + result.stderr


def test_a_first_publish_stopped_after_one_mail_mails_every_list_at_the_next(project: Project) -> None:
    """On the local outbox (the quick start), a first run killed after its first mail left the lists unrecorded:
    the next run took the events list for one added since, and recorded its mails as sent without sending them."""
    project.write("events/2026/synavlia.md", EVENT)
    project.commit("Εκδήλωση")
    project.publish(fault="after-send")  # killed right after the first mail
    again = project.publish()
    assert again.returncode == 0 and "New or widened list" not in again.stdout, again.stdout
    import email
    import email.policy
    sent = [(str(m["To"]), str(m["Subject"])) for m in (email.message_from_bytes(p.read_bytes(), policy=email.policy.default)
                                                      for p in (project.state / "outbox/new").iterdir())]
    # the mail put in the outbox as the run was killed is put again (its ledger row was not written: the crash
    # window a server lives with), and the outbox keeps it once: it is known by its Message-ID
    assert len(sent) == len(set(sent)) == 3 and sum("events@" in to for to, _ in sent) == 1, sent


def test_the_readmes_cron_line_publishes_what_was_merged_and_is_silent_after(tmp_path: Path) -> None:
    """The README's line, run as cron would (its paths and mail server this test's): the pull brings a merged
    release, publish sends it, the log gets what both say; the next run, with nothing new, writes nothing."""
    import re  # noqa: PLC0415
    import subprocess  # noqa: PLC0415
    import sys  # noqa: PLC0415

    from kiryx.site import ROOT  # noqa: PLC0415

    [line] = re.findall(r"```cron\n\*/5 \* \* \* \* (.+)\n```", (ROOT / "README.md").read_text(encoding="utf-8"))
    project = archive(tmp_path)
    project.write("../.gitignore", "/.kiryx/\n")
    project.repo.git.add(".gitignore")
    project.commit("Αγνοούμενα")
    (project.site / ".kiryx").mkdir()
    forge = git.Repo.init(tmp_path / "forge.git", bare=True, initial_branch="main")
    project.repo.create_remote("origin", forge.working_dir)
    project.repo.git.push("-q", "-u", "origin", "main")
    office = git.Repo.clone_from(forge.working_dir, tmp_path / "office")
    log = tmp_path / "kiryx.log"
    with smtp_server() as (server, port):
        assert project.publish("--baseline", port=port).returncode == 0
        (Path(office.working_dir) / "content/press-releases/2026/neo.md").write_text(
            textwrap.dedent(release(1)).lstrip("\n"), encoding="utf-8")
        office.git.add("content")
        office.git.commit("-qm", "Νέο δελτίο", author="Γραφείο Τύπου <press@alimos.gr>")
        office.git.push("-q", "origin", "main")
        command = (line.replace("/srv/kiryx", str(project.site)).replace("/var/log/kiryx.log", str(log))
                   .replace("KIRYX_SMTP_HOST=mail.alimos.gr KIRYX_SMTP_USER=press KIRYX_SMTP_PASSWORD=…",
                            f"KIRYX_SMTP_HOST=127.0.0.1 KIRYX_SMTP_PORT={port} KIRYX_SMTP_TLS=none")
                   .replace(".venv/bin/python publish.py publish",
                            f"{sys.executable} {ROOT / 'publish.py'} publish --settings {project.settings}"))
        env = {**os.environ, "KIRYX_STATE_DIR": str(project.state), "KIRYX_DEPLOY_DIR": str(project.www),
               "GIT_COMMITTER_NAME": "Γ", "GIT_COMMITTER_EMAIL": "g@alimos.gr"}
        result = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300, env=env,
                                stdin=subprocess.DEVNULL)
        assert (result.returncode, result.stdout, result.stderr) == (0, "", ""), "all goes to the log, none to cron"
        first = log.read_text(encoding="utf-8")
        assert "Sent: " in first and "Δελτίο αριθμός 1" in first, first
        again = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=300, env=env,
                               stdin=subprocess.DEVNULL)
    assert again.returncode == 0 and log.read_text(encoding="utf-8") == first, "a run with nothing new is silent"
    assert [m["Subject"] for m in server.received] == ["[Δελτίο Τύπου] Δελτίο αριθμός 1"]


def test_a_branch_without_its_upstream_is_said_not_published_unfetched_in_silence(tmp_path: Path) -> None:
    """Published from a branch with no upstream, publish fetched nothing and pushed no tag, and said nothing: the
    pull-request checks compared with a stale publication."""
    project = archive(tmp_path)
    forge = git.Repo.init(tmp_path / "forge.git", bare=True, initial_branch="main")
    project.repo.create_remote("origin", forge.working_dir)
    project.repo.git.push("-q", "origin", "main")  # no -u: no upstream
    result = project.run("publish")
    assert result.returncode == 1
    assert ("Failed: 'main' has no upstream branch, so nothing was fetched and the published/* tags were not pushed; "
            "set it with 'git branch -u origin/main'") in result.stdout, result.stdout
    project.repo.git.branch("-u", "origin/main")
    assert project.run("publish").returncode == 0
    assert [t.name for t in forge.tags], "pushed once it has its upstream"

"""Delivery with a real SMTP server: lists fail alone, retries back off, the rate limit holds, lists filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publishing import EVENT, Project, release, smtp_server

PRESS, GREEN, SCHOOLS = "press@lists.test", "green@lists.test", "schools@lists.test"
EVENTS = "events@lists.test"


@pytest.fixture
def project(tmp_path: Path) -> Project:
    project = Project(tmp_path)
    project.configure(mailing_lists=[
        {"name": "Όλα", "address": PRESS, "types": ["press-releases"]},
        {"name": "Περιβάλλον", "address": GREEN, "types": ["press-releases"], "categories": ["perivallon"]},
        {"name": "Σχολεία", "address": SCHOOLS, "types": ["press-releases"], "categories": ["paideia"]},
    ])
    project.write("press-releases/2026/palio.md", release(0, "2026-01-10 10:00"))
    project.commit("Αρχείο")
    return project


def recipients(server, since: int = 0) -> list[tuple[str, str]]:
    """(address, subject) of the messages received, sorted; `since`: only those after the first `since`."""
    return sorted((m["To"].addresses[0].addr_spec, m["Subject"]) for m in server.received[since:])


def test_lists_get_only_their_categories(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/perivallon.md", release(1))
        project.write("press-releases/2026/paideia.md", release(2).replace("perivallon", "paideia"))
        project.commit()
        assert project.publish(port=port).returncode == 0
    assert recipients(server) == [
        (GREEN, "[Δελτίο Τύπου] Δελτίο αριθμός 1"),
        (PRESS, "[Δελτίο Τύπου] Δελτίο αριθμός 1"), (PRESS, "[Δελτίο Τύπου] Δελτίο αριθμός 2"),
        (SCHOOLS, "[Δελτίο Τύπου] Δελτίο αριθμός 2"),
    ]


def test_a_list_the_server_refuses_does_not_stop_the_others(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        server.refuse = {GREEN: "550 5.1.1 <green@lists.test>: no such list"}
        project.write("press-releases/2026/perivallon.md", release(1))
        project.write("press-releases/2026/perivallon-2.md", release(2))
        project.commit()
        result = project.publish(port=port)
        assert result.returncode == 1, "a failure is reported to cron"
        assert result.stdout.count(f"Failed: {GREEN}") == 2 and "550 5.1.1" in result.stdout
        assert recipients(server) == [(PRESS, "[Δελτίο Τύπου] Δελτίο αριθμός 1"),
                                      (PRESS, "[Δελτίο Τύπου] Δελτίο αριθμός 2")]
        assert "'publish.py publish --resend-failed' sends those mails again" in result.stdout
        server.refuse = {}
        assert project.publish(port=port).returncode == 0
        assert len(server.received) == 2, "a permanent failure is recorded, not retried by every cron run"
        project.write("press-releases/2026/perivallon.md", release(1).replace(
            "category: perivallon", "category: perivallon\n        changes:\n          - date: 2026-11-21 10:00\n"
            "            note: Διορθώθηκε η ώρα.\n            notify: true"))
        project.commit("Διόρθωση")
        assert project.publish(port=port).returncode == 0
        assert recipients(server, since=2) == [(PRESS, "[Διόρθωση] Δελτίο αριθμός 1")], "none to the list without it"
        assert project.publish("--resend-failed", port=port).returncode == 0, "once its cause is fixed"
    assert recipients(server, since=3) == [(GREEN, "[Δελτίο Τύπου] Δελτίο αριθμός 1"),
                                           (GREEN, "[Δελτίο Τύπου] Δελτίο αριθμός 2")]


def test_a_refused_login_keeps_every_mail_pending_and_tries_no_other(project: Project) -> None:
    """535 is the password, not the message: nothing is recorded as failed, and nothing is lost."""
    with smtp_server(login=True) as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/perivallon.md", release(1))
        project.commit()
        server.accept_login = False
        password = {"KIRYX_SMTP_USER": "press", "KIRYX_SMTP_PASSWORD": "lathos"}
        result = project.publish(port=port, extra=password)
        assert result.returncode == 1
        assert "Not mailed: the server refused the login of press (535" in result.stdout, result.stdout
        assert "check KIRYX_SMTP_USER and KIRYX_SMTP_PASSWORD; 2 mail(s) stay pending" in result.stdout
        assert result.stdout.count("Pending: ") == 2 and server.attempts == []
        server.accept_login = True
        assert project.publish(port=port, extra=password).returncode == 0
    assert recipients(server) == [(GREEN, "[Δελτίο Τύπου] Δελτίο αριθμός 1"), (PRESS, "[Δελτίο Τύπου] Δελτίο αριθμός 1")]


def test_a_server_that_cannot_be_reached_is_given_up_for_the_run(project: Project) -> None:
    """Its retries are waited out once, not once per mail: the others stay pending untried."""
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
    project.write("press-releases/2026/perivallon.md", release(1))
    project.commit()
    result = project.publish(port=port)  # the server is gone
    assert result.returncode == 1
    assert f"Not mailed: cannot reach the mail server 127.0.0.1:{port} (" in result.stdout, result.stdout
    assert "check KIRYX_SMTP_HOST and KIRYX_SMTP_PORT, or whether the server is up; 2 mail(s) stay pending" in \
        result.stdout, result.stdout
    releases, tags = sorted((project.www / "releases").glob("2*")), list(project.repo.tags)
    with smtp_server() as (server, port_again):
        again = project.publish(port=port_again)
        assert again.returncode == 0 and "Deployed: nothing new" in again.stdout, again.stdout
    assert len(server.received) == 2
    assert sorted((project.www / "releases").glob("2*")) == releases and list(project.repo.tags) == tags, \
        "the mails go out of the live site: no new release, no new tag"


def test_a_list_that_never_had_a_mail_is_not_taken_for_a_new_one_after_an_outage(project: Project) -> None:
    """Its first mail, left untried when the server went away, goes out the next time (it was recorded as sent
    without mailing: a list without rows looked added since)."""
    project.configure(mailing_lists=[{"name": "Όλα", "address": PRESS, "types": ["press-releases", "events"]},
                                     {"name": "Εκδηλώσεις", "address": EVENTS, "types": ["events"]}])
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/perivallon.md", release(1))
        project.commit()
        assert project.publish(port=port).returncode == 0
    project.write("events/2026/synentefxi.md", EVENT)
    project.commit()
    assert project.publish(port=port).returncode == 1  # the server is gone: the first tried stays pending
    with smtp_server() as (server, port_again):
        again = project.publish(port=port_again)
        assert again.returncode == 0 and "New or widened list" not in again.stdout, again.stdout
    assert recipients(server) == [(EVENTS, "[Πρόσκληση σε συνέντευξη Τύπου] Συνέντευξη Τύπου για τον προϋπολογισμό"),
                                  (PRESS, "[Πρόσκληση σε συνέντευξη Τύπου] Συνέντευξη Τύπου για τον προϋπολογισμό")]


def widen_the_events_list(project: Project, port: int) -> None:
    """An events-only list that has had its mails, then given press releases too."""
    project.configure(mailing_lists=[{"name": "Εκδηλώσεις", "address": EVENTS, "types": ["events"]}])
    project.publish("--baseline", port=port)
    project.write("press-releases/2026/palio.md", release(1))
    project.write("events/2026/synentefxi.md", EVENT)
    project.commit()
    assert project.publish(port=port).returncode == 0
    project.configure(mailing_lists=[{"name": "Εκδηλώσεις", "address": EVENTS, "types": ["events", "press-releases"]}])


def test_a_widened_list_is_not_sent_the_archive_after_a_run_without_the_smtp_settings(project: Project) -> None:
    """A refused run settles nothing, and records nothing of the lists either."""
    with smtp_server() as (server, port):
        widen_the_events_list(project, port)
        project.write("press-releases/2026/neo.md", release(2))
        project.commit()
        by_hand = project.publish()
        assert by_hand.returncode == 1 and "1 mails are due, but no SMTP server is set" in by_hand.stdout, \
            by_hand.stdout
        assert project.publish(port=port).returncode == 0
    assert recipients(server, since=1) == [(EVENTS, "[Δελτίο Τύπου] Δελτίο αριθμός 2")]


def test_a_ledger_baselined_for_a_server_is_not_mailed_to_the_outbox(project: Project) -> None:
    with smtp_server() as (_, port):
        assert project.publish("--baseline", port=port).returncode == 0
    project.write("press-releases/2026/neo.md", release(1))
    project.commit()
    by_hand = project.publish()
    assert by_hand.returncode == 1 and "no SMTP server is set" in by_hand.stdout, by_hand.stdout
    assert not (project.state / "outbox").exists()


def test_a_list_added_later_starts_with_the_next_item(project: Project) -> None:
    """Not with the whole archive: what was published before it is recorded, not mailed."""
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/perivallon.md", release(1))
        project.commit()
        assert project.publish(port=port).returncode == 0
        project.configure(mailing_lists=[{"name": "Όλα", "address": PRESS, "types": ["press-releases"]},
                                         {"name": "Νέα", "address": "new@lists.test", "types": ["press-releases"]}])
        project.write("press-releases/2026/deftero.md", release(2))
        project.commit()
        result = project.publish(port=port)
        assert result.returncode == 0, result.stdout + result.stderr
        assert ("New or widened list: new@lists.test: 2 mail(s) about items published before the list was added or "
                "given them") in result.stdout
    assert recipients(server, since=2) == [("new@lists.test", "[Δελτίο Τύπου] Δελτίο αριθμός 2"),
                                      (PRESS, "[Δελτίο Τύπου] Δελτίο αριθμός 2")]


def test_a_list_given_another_type_starts_with_its_next_item(project: Project) -> None:
    """Not with the archive of that type either; what it had before goes on as usual."""
    with smtp_server() as (server, port):
        widen_the_events_list(project, port)
        project.write("press-releases/2026/neo.md", release(2))
        project.write("events/2026/synentefxi.md", EVENT.replace("location:", "changes:\n  - date: 2026-11-23 09:00\n"
                                                                 "    note: Νέα αίθουσα.\n    notify: true\nlocation:"))
        project.commit()
        result = project.publish(port=port)
        assert result.returncode == 0, result.stdout + result.stderr
        assert ("New or widened list: events@lists.test: 1 mail(s) about items published before the list was added "
                "or given them") in result.stdout
        assert project.publish(port=port).returncode == 0
    assert sorted(recipients(server, since=1)) == [(EVENTS, "[Δελτίο Τύπου] Δελτίο αριθμός 2"),
                                                  (EVENTS, "[Διόρθωση] Συνέντευξη Τύπου για τον προϋπολογισμό")]


def test_temporary_failures_are_retried_with_doubling_waits(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/paideia.md", release(1).replace("perivallon", "paideia"))
        project.commit()
        server.script, server.attempts = ["451 busy", "451 busy", "250"], []
        result = project.publish(port=port, extra={"KIRYX_SMTP_BACKOFF": "0.4", "KIRYX_SMTP_RETRIES": "3"})
        assert result.returncode == 0, result.stdout + result.stderr
    first, second, third = server.attempts[:3]
    assert len(server.attempts) == 4, "three attempts for the first list, one for the second"
    assert 0.4 <= second - first < 0.8 and 0.8 <= third - second < 1.6, server.attempts


def test_the_rate_limit_spaces_the_messages(project: Project) -> None:
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        for n in range(1, 4):
            project.write(f"press-releases/2026/d{n}.md", release(n).replace("perivallon", "athlitismos"))
        project.commit()
        server.attempts = []
        result = project.publish(port=port, extra={"KIRYX_SMTP_PER_MINUTE": "120"})
        assert result.returncode == 0, result.stdout + result.stderr
    gaps = [b - a for a, b in zip(server.attempts, server.attempts[1:], strict=False)]
    assert len(server.attempts) == 3 and all(gap >= 0.45 for gap in gaps), gaps


@pytest.mark.parametrize(("extra", "said"), [
    ({"KIRYX_SMTP_TLS": "starttls"}, "the server 127.0.0.1:{port} does not offer STARTTLS; if it speaks TLS from the "
                                     "start (port 465), set KIRYX_SMTP_TLS=ssl"),
    ({"KIRYX_SMTP_TLS": "ssl"}, "TLS with 127.0.0.1:{port} failed (WRONG_VERSION_NUMBER); check KIRYX_SMTP_TLS and "
                                "KIRYX_SMTP_PORT (ssl is for port 465, starttls for 587)"),
    ({"KIRYX_SMTP_USER": "press", "KIRYX_SMTP_PASSWORD": "x"},
     "the server 127.0.0.1:{port} offers no login on this connection; leave KIRYX_SMTP_USER empty"),
])
def test_settings_a_mail_server_does_not_match_are_named(project: Project, extra: dict[str, str], said: str) -> None:
    """«connection: STARTTLS extension not supported by server.», «[SSL: WRONG_VERSION_NUMBER] …», «SMTP AUTH
    extension not supported by server.»: neither the server nor the setting to change."""
    with smtp_server() as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/perivallon.md", release(1))
        project.commit()
        result = project.publish(extra={"KIRYX_SMTP_HOST": "127.0.0.1", "KIRYX_SMTP_PORT": str(port),
                                        "KIRYX_SMTP_TLS": "none", **extra})
    assert result.returncode == 1 and f"Not mailed: {said.format(port=port)}" in result.stdout, result.stdout
    assert server.received == []


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")  # on 127.0.0.1, on purpose
def test_a_server_that_wants_a_login_says_so_not_that_the_sender_is_wrong(project: Project) -> None:
    """«the server refused the sender press@alimos.gr (530 5.7.0 Authentication required); check
    KIRYX['press_office']['email']»: the address was right, the login missing."""
    with smtp_server(login=True, required=True) as (server, port):
        project.publish("--baseline", port=port)
        project.write("press-releases/2026/perivallon.md", release(1))
        project.commit()
        result = project.publish(port=port)
    assert f"Not mailed: the server 127.0.0.1:{port} wants a login before it takes mail (530 " in result.stdout, \
        result.stdout
    assert "set KIRYX_SMTP_USER and KIRYX_SMTP_PASSWORD" in result.stdout


def test_a_certificate_that_does_not_verify_is_named_not_the_tls_mode(project: Project, tmp_path: Path) -> None:
    """«TLS … failed (CERTIFICATE_VERIFY_FAILED); check KIRYX_SMTP_TLS and KIRYX_SMTP_PORT» invited TLS=none, the
    password sent in the clear; the certificate was the matter."""
    import ssl  # noqa: PLC0415
    import subprocess  # noqa: PLC0415

    from aiosmtpd.controller import Controller  # noqa: PLC0415

    from tests.publishing import Handler, free_port  # noqa: PLC0415

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=mail.test",
                    "-keyout", str(key), "-out", str(cert)], check=True, capture_output=True, timeout=60)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler, port = Handler([]), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True)
    controller.start()
    try:
        project.publish("--baseline", extra={"KIRYX_SMTP_HOST": "127.0.0.1", "KIRYX_SMTP_PORT": str(port),
                                             "KIRYX_SMTP_TLS": "starttls"})
        project.write("press-releases/2026/perivallon.md", release(1))
        project.commit()
        result = project.publish(extra={"KIRYX_SMTP_HOST": "127.0.0.1", "KIRYX_SMTP_PORT": str(port),
                                        "KIRYX_SMTP_TLS": "starttls"})
    finally:
        controller.stop()
    assert f"Not mailed: the certificate of 127.0.0.1:{port} does not verify (self-signed certificate); the server " \
           "must show a valid certificate for the name in KIRYX_SMTP_HOST" in result.stdout, result.stdout
    assert handler.received == []

"""Delivery with a real SMTP server: lists fail alone, retries back off, the rate limit holds, lists filter."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.publishing import Project, release, smtp_server

PRESS, GREEN, SCHOOLS = "press@lists.test", "green@lists.test", "schools@lists.test"


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


def recipients(server) -> list[tuple[str, str]]:
    return sorted((m["To"].addresses[0].addr_spec, m["Subject"]) for m in server.received)


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
        server.refuse = {}
        assert project.publish(port=port).returncode == 0
        assert len(server.received) == 2, "a permanent failure is recorded, not retried by every cron run"


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

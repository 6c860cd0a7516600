"""Deploys: a killed publish leaves a whole site, old releases are pruned, rsync mirrors the build exactly."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from kiryx.build_state import SPARE, STATE_FILE
from tests.publishing import Project, archive, release, smtp_server


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return archive(tmp_path)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a site and its bytes (the build-state record aside)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in folder.rglob("*") if p.is_file() and p.name != STATE_FILE}


def fresh_build(project: Project, where: Path) -> dict[str, bytes]:
    result = project.run("build", "--output", str(where))
    assert result.returncode == 0, result.stdout + result.stderr
    return tree(where)


@pytest.mark.parametrize("point", ["after-build", "mid-deploy", "after-send"])
def test_after_a_killed_publish_the_live_site_is_a_whole_build(project: Project, point: str, tmp_path: Path) -> None:
    with smtp_server() as (_, port):
        project.publish("--baseline", port=port)
        before = tree(project.live())
        for n in range(1, 4):
            project.write(f"press-releases/2026/deltio-{n}.md", release(n))
        project.commit("Τρία δελτία")
        assert project.publish(port=port, fault=point).returncode == -9
        if point != "after-send":
            assert tree(project.live()) == before, "the old release is live and untouched"
        assert project.publish(port=port).returncode == 0
    assert tree(project.live()) == fresh_build(project, tmp_path / "fresh"), "byte for byte a clean build"


def test_a_release_that_was_never_live_is_not_rolled_back_to(project: Project) -> None:
    """A run killed between making its release and switching to it leaves one newer than the live site."""
    assert project.publish().returncode == 0
    first = project.live()
    project.write("press-releases/2026/deltio-1.md", release(1))
    project.commit()
    project.set_now("2026-11-24T12:01:00+02:00")
    assert project.publish(fault="mid-deploy").returncode == -9
    project.set_now("2026-11-24T12:02:00+02:00")
    assert project.publish().returncode == 0
    assert sorted(p.name for p in (project.www / "releases").glob("2*")) == [first.name, project.live().name]
    assert project.run("rollback").returncode == 0
    assert project.live() == first


def test_rollback_and_deploy_slips_are_one_line(project: Project) -> None:
    rsync = project.run("rollback", env={"KIRYX_DEPLOY_METHOD": "rsync", "KIRYX_RSYNC_TARGET": "/tmp/x/"})
    assert rsync.returncode == 1 and rsync.stderr.startswith("rollback: rollback steps back through local releases; "
                                                             "this site is deployed with rsync"), rsync.stderr
    (project.www / "current").mkdir(parents=True)  # someone copied a site there by hand
    result = project.publish()
    assert result.returncode == 1
    assert result.stderr.startswith(f"publish: {project.www / 'current'} is a real folder, not the link Kiryx swaps"
                                    ), result.stderr
    assert [p.name for p in project.www.iterdir()] == ["current"], "no release, no stray link"


def test_only_the_configured_number_of_releases_is_kept(project: Project) -> None:
    project.configure(deploy={"keep_releases": 2})
    names = []
    for n in range(1, 5):
        project.write(f"press-releases/2026/deltio-{n}.md", release(n))
        project.commit()
        project.set_now(f"2026-11-24T12:0{n}:00+02:00")
        assert project.publish().returncode == 0
        names.append(project.live().name)
    kept = sorted(p.name for p in (project.www / "releases").iterdir() if not p.name.startswith("."))
    assert kept == names[-2:] and len(set(names)) == 4
    # the pruned ones are renamed aside at once, then deleted in the background; the last pruned one is kept as
    # the spare whose folders the next build reuses
    expected = sorted([*kept, SPARE])
    for _ in range(300):
        if sorted(p.name for p in (project.www / "releases").iterdir()) == expected:
            break
        time.sleep(0.1)
    assert sorted(p.name for p in (project.www / "releases").iterdir()) == expected, "pruned releases are deleted"
    spare = project.www / "releases" / SPARE
    assert (spare / "press-releases/2026").is_dir(), "the spare keeps its folders"
    assert [p for p in spare.rglob("*") if not p.is_dir()] == [], "emptied by the publish once its mails were sent"
    assert tree(project.live()) == fresh_build(project, project.www.parent / "fresh"), "the live files stay"


def test_rsync_mirrors_the_build_deleting_what_is_not_in_it(project: Project, tmp_path: Path) -> None:
    target = tmp_path / "server"
    env = {"KIRYX_DEPLOY_METHOD": "rsync", "KIRYX_RSYNC_TARGET": str(target)}
    project.write("press-releases/2026/lathos.md", release(1))
    project.commit()
    assert project.publish(extra=env).returncode == 0
    (target / "stray.html").write_text("old file left on the server")
    assert (target / "press-releases/2026/deltio-arithmos-1/index.html").is_file()
    project.write("press-releases/2026/deltio-2.md", release(2))
    project.commit()
    result = project.publish(extra=env)
    assert result.returncode == 0, result.stdout + result.stderr
    # Same size, and often the same second as the server's copy: whole-second rsync skipped such pages
    assert tree(target) == fresh_build(project, tmp_path / "fresh")
    assert not list(target.rglob("*~tmp~*")), "--delay-updates leaves no temporary folder behind"
    shutil.rmtree(target / "press-releases")  # the server's copy wiped or edited by hand: nothing new to build
    (target / "index.html").write_text("defaced")
    again = project.publish(extra=env)
    assert again.returncode == 0 and "nothing new: the site as last sent is in place again" in again.stdout, \
        again.stdout + again.stderr
    assert tree(target) == fresh_build(project, tmp_path / "fresh")


@pytest.mark.parametrize("method", ["local", "rsync"])
def test_a_published_site_is_readable_by_the_web_server_whatever_the_umask(project: Project, tmp_path: Path,
                                                                            method: str) -> None:
    """Cron's umask 077 made every file the publisher's alone: the web server, another user, answered 403."""
    target = tmp_path / "server"
    env = {"KIRYX_DEPLOY_METHOD": method, "KIRYX_RSYNC_TARGET": str(target)}
    project.write("press-releases/2026/deltio.md", release(1))
    project.commit()
    before = os.umask(0o077)  # inherited by publish.py
    try:
        result = project.publish(extra=env)
    finally:
        os.umask(before)
    assert result.returncode == 0, result.stdout + result.stderr
    site = project.live() if method == "local" else target
    modes = {p.relative_to(site).as_posix(): p.stat().st_mode & 0o777 for p in [site, *site.rglob("*")]}
    assert len(modes) > 100
    assert {name: mode for name, mode in modes.items() if mode not in (0o644, 0o755)} == {}
    assert modes["index.html"] == 0o644 and modes["press-releases"] == 0o755
    if method == "local":
        assert {(p.stat().st_mode & 0o777) for p in (project.www, project.www / "releases")} == {0o755}


def test_an_rsync_whose_server_hangs_is_stopped_with_its_ssh_and_named(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """An ssh that never answered held the publish lock for an hour, then ended as «a fault of Kiryx» (an uncaught
    TimeoutExpired), its ssh left running; a refused copy printed rsync's every line, dozens a run."""
    from kiryx.publishing import deploy  # noqa: PLC0415

    built = tmp_path / "built"
    (built / "a").mkdir(parents=True)
    (built / "a/index.html").write_text("<p>α</p>", encoding="utf-8")
    hang = tmp_path / "hanging-ssh"
    hang.write_text("#!/bin/sh\nexec sleep 300\n", encoding="utf-8")
    hang.chmod(0o755)
    monkeypatch.setenv("RSYNC_RSH", str(hang))
    monkeypatch.setattr(deploy, "RSYNC_MOST", 2)
    started = time.monotonic()
    with pytest.raises(deploy.DeployError) as stopped:
        deploy.rsync(built, "web1:/srv/press/")
    assert time.monotonic() - started < 30
    assert str(stopped.value) == ("rsync to web1:/srv/press/ did not finish within 2 s and was stopped; check the "
                                  "server and KIRYX['deploy']['rsync_target'] or KIRYX_RSYNC_TARGET")
    assert not [p for p in Path("/proc").glob("[0-9]*/cmdline") if str(hang).encode() in _read(p)], "no ssh left"
    monkeypatch.setenv("RSYNC_RSH", "false")
    with pytest.raises(deploy.DeployError) as refused:
        deploy.rsync(built, "web1:/srv/press/")
    assert str(refused.value).startswith("rsync to web1:/srv/press/ (KIRYX['deploy']['rsync_target'] or "
                                         "KIRYX_RSYNC_TARGET) failed (")


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:
        return b""


def test_a_deploy_folder_that_cannot_be_written_names_the_setting(project: Project, tmp_path: Path) -> None:
    """«publish: Read-only file system (/srv/…/releases)»: neither the setting nor what to do."""
    (tmp_path / "a-file").write_text("", encoding="utf-8")
    result = project.publish(extra={"KIRYX_DEPLOY_DIR": str(tmp_path / "a-file/site")})
    assert (result.returncode, result.stderr.strip()) == (1, (
        f"publish: the deploy folder {tmp_path / 'a-file/site'} cannot be written (Not a directory); check "
        "KIRYX['deploy']['directory'] or KIRYX_DEPLOY_DIR, and that this user may write there")), result.stderr

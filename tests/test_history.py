"""Correction history from a real git repository: last update, change notes, silent edits."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import git
import pytest

from kiryx.cache_retention import KEEP
from kiryx.cli import main
from kiryx.clock import parse_moment
from kiryx.content.schema import Item
from kiryx.history import Commit, History, last_modified
from kiryx.site import ROOT, check, load_settings
from tests.conftest import SiteBuilder, children, write

RELEASE = """
---
title: Νέο ωράριο των δημοτικών κολυμβητηρίων
date: 2026-05-04 10:00
summary: Το κολυμβητήριο λειτουργεί και τις Κυριακές.
category: athlitismos
---
Το κολυμβητήριο λειτουργεί καθημερινά 07:00–22:00.
"""
PAGE = "press-releases/2026/neo-orario-ton-dimotikon-kolymvitirion/index.html"


@pytest.fixture
def repo(content_dir: Path) -> Iterator[git.Repo]:
    with git.Repo.init(content_dir.parent) as repo:  # closed after the test: no `git cat-file` left to later tests
        with repo.config_writer() as config:
            config.set_value("user", "name", "Γραφείο Τύπου").set_value("user", "email", "press@alimos.gr")
        yield repo


def commit(repo: git.Repo, when: str, message: str) -> None:
    repo.git.add("content")
    repo.git.commit("-m", message, env={"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})


def test_an_edit_with_a_change_note_shows_as_the_last_update(
        repo: git.Repo, content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(content_dir, "press-releases/2026/kolymvitirio.md", RELEASE)
    commit(repo, "2026-05-04T10:05:00+03:00", "Δελτίο: κολυμβητήριο")
    source.write_text(source.read_text(encoding="utf-8").replace("22:00", "21:00").replace(
        "category: athlitismos", "category: athlitismos\nchanges:\n  - date: 2026-05-06 12:00\n"
        "    note: Διορθώθηκε η ώρα κλεισίματος (21:00).\n    notify: true"), encoding="utf-8")
    commit(repo, "2026-05-06T12:30:00+03:00", "Διόρθωση ωραρίου")
    page = (build_site() / PAGE).read_text(encoding="utf-8")
    assert "<dt>Τελευταία ενημέρωση</dt>" in page
    assert '<time datetime="2026-05-06T12:30:00+03:00">6 Μαΐου 2026</time>, 12:30' in page
    assert "Διορθώθηκε η ώρα κλεισίματος (21:00)." in page
    assert main(["check", "--content", str(content_dir), "--strict"]) == 0


def test_a_typo_fix_with_a_note_shows_the_note_and_passes_the_check(
        repo: git.Repo, content_dir: Path, build_site: SiteBuilder) -> None:
    source = write(content_dir, "press-releases/2026/kolymvitirio.md", RELEASE.replace("καθημερινά", "καθημερνά"))
    commit(repo, "2026-05-04T10:05:00+03:00", "Δελτίο")
    source.write_text(RELEASE.lstrip().replace("category: athlitismos", "category: athlitismos\nchanges:\n"
                      "  - date: 2026-05-05 09:00\n    note: Ορθογραφική διόρθωση.\n    notify: false"),
                      encoding="utf-8")
    commit(repo, "2026-05-05T09:10:00+03:00", "Τυπογραφικό")
    page = (build_site() / PAGE).read_text(encoding="utf-8")
    assert "Ορθογραφική διόρθωση." in page and "Ιστορικό αλλαγών" in page
    assert main(["check", "--content", str(content_dir), "--strict"]) == 0


def test_a_silent_edit_is_a_warning_and_an_error_when_strict(
        repo: git.Repo, content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(content_dir, "press-releases/2026/kolymvitirio.md", RELEASE)
    commit(repo, "2026-05-04T10:05:00+03:00", "Δελτίο")
    source.write_text(source.read_text(encoding="utf-8").replace("22:00", "23:00"), encoding="utf-8")
    commit(repo, "2026-05-20T18:00:00+03:00", "Σιωπηλή αλλαγή")
    assert main(["check", "--content", str(content_dir)]) == 0
    out = capsys.readouterr().out
    sha = repo.head.commit.hexsha[:8]
    assert (f"kolymvitirio.md:1: changes: warning: the published text was edited on 2026-05-20 18:00 (commit {sha}) "
            "without a 'changes:' entry; add one with the date and a note (notify: false for a typo)\n") in out
    assert main(["check", "--content", str(content_dir), "--strict"]) == 1


def test_edits_before_publication_are_not_updates(repo: git.Repo, content_dir: Path,
                                                  build_site: SiteBuilder) -> None:
    source = write(content_dir, "press-releases/2026/kolymvitirio.md", RELEASE)
    commit(repo, "2026-05-01T09:00:00+03:00", "Πρώτο σχέδιο, υπό εμπάργκο")
    source.write_text(source.read_text(encoding="utf-8") + "\nΣυμπλήρωση.\n", encoding="utf-8")
    commit(repo, "2026-05-03T09:00:00+03:00", "Τελικό κείμενο")
    assert main(["check", "--content", str(content_dir), "--strict"]) == 0
    assert "Τελευταία ενημέρωση" not in (build_site() / PAGE).read_text(encoding="utf-8")


def test_history_comes_from_one_cached_pass(repo: git.Repo, content_dir: Path, tmp_path: Path) -> None:
    for n in range(3):
        write(content_dir, f"leaflets/entypo-{n}.md", f"---\ntitle: Έντυπο {n}\ndate: 2026-01-0{n + 1}\n---\n")
    commit(repo, "2026-01-05T10:00:00+02:00", "Έντυπα")
    write(content_dir, "leaflets/entypo-1.md", "---\ntitle: Έντυπο 1\ndate: 2026-01-02\n---\nΝέο.\n")
    commit(repo, "2026-02-01T10:00:00+02:00", "Αλλαγή")
    cache = tmp_path / "state" / "cache"  # made, parents and all
    history = History.of(content_dir, cache)
    assert [len(history.commits[f"leaflets/entypo-{n}.md"]) for n in range(3)] == [1, 2, 1]
    assert str(history.last_edit("leaflets/entypo-1.md")) == "2026-02-01 10:00:00+02:00"
    assert len(list(cache.glob("history-*.json"))) == 1
    assert History.of(content_dir, cache).commits == history.commits


def test_the_history_cache_keeps_the_last_few_commits_only(repo: git.Repo, content_dir: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    write(content_dir, "leaflets/entypo.md", "---\ntitle: Έντυπο\ndate: 2026-01-01\n---\n")
    commit(repo, "2026-01-05T10:00:00+02:00", "Έντυπο")
    first = History.of(content_dir, cache)
    for day in range(6, 12):  # cron after each merge: one history per commit, each 0.5 MB at 5,000 items
        write(content_dir, "leaflets/entypo.md", f"---\ntitle: Έντυπο\ndate: 2026-01-01\n---\nΑλλαγή {day}.\n")
        commit(repo, f"2026-01-{day:02d}T10:00:00+02:00", f"Αλλαγή {day}")
        History.of(content_dir, cache)
    assert len(list(cache.glob("history-*.json"))) == KEEP
    latest = History.of(content_dir, cache)
    assert len(latest.commits["leaflets/entypo.md"]) == 7 and len(first.commits["leaflets/entypo.md"]) == 1
    (next(cache.glob("history-*.json"))).write_text("{half-written")  # a run that stopped mid-write: read git again
    assert History.of(content_dir, cache).commits == latest.commits


def test_a_check_leaves_nothing_frozen_and_no_git_running(repo: git.Repo, content_dir: Path, tmp_path: Path) -> None:
    """`serve` checks and builds again and again in one process: nothing may pile up from one run to the next."""
    write(content_dir, "leaflets/entypo.md", "---\ntitle: Έντυπο\ndate: 2026-01-01\n---\n")
    commit(repo, "2026-01-05T10:00:00+02:00", "Έντυπο")
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, CACHE_PATH=str(tmp_path / "cache"))
    before = children()  # an earlier test's own repository may still have its `git cat-file`
    for _ in range(2):  # the first reads git and fills the caches, the second reads the caches
        assert check(settings).history.commits  # type: ignore[union-attr]
        assert gc.get_freeze_count() == 0
        assert children() <= before  # no `git cat-file` left running, waiting for a next question


def test_content_outside_git_has_no_history(content_dir: Path) -> None:
    assert History.of(content_dir).commits == {}


def test_a_change_note_covers_only_the_edits_up_to_its_day(
        repo: git.Repo, content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = write(content_dir, "press-releases/2026/kolymvitirio.md", RELEASE)
    commit(repo, "2026-05-04T10:05:00+03:00", "Δελτίο")
    source.write_text(RELEASE.lstrip().replace("category: athlitismos", "category: athlitismos\nchanges:\n"
                      "  - date: 2026-05-05 09:00\n    note: Ορθογραφική διόρθωση.\n    notify: false"),
                      encoding="utf-8")
    commit(repo, "2026-05-05T23:50:00+03:00", "Τυπογραφικό, την ίδια μέρα με τη σημείωση")
    assert main(["check", "--content", str(content_dir), "--strict"]) == 0
    capsys.readouterr()
    source.write_text(source.read_text(encoding="utf-8").replace("22:00", "23:00"), encoding="utf-8")
    commit(repo, "2026-05-06T00:10:00+03:00", "Σιωπηλή αλλαγή την επομένη")
    assert main(["check", "--content", str(content_dir), "--strict"]) == 1
    out = capsys.readouterr().out
    assert "kolymvitirio.md:6: changes: the published text was edited on 2026-05-06 00:10" in out


def test_correcting_a_change_note_is_no_edit_of_the_text(
        repo: git.Repo, content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A typo in a note («1,4 εκ.» for «1,4 εκατ.») corrected days later: every check then asked for a note about
    it, a public correction of a correction. An edit of the text in the same commit is still one."""
    noted = RELEASE.lstrip().replace("22:00", "21:00").replace("category: athlitismos", "category: athlitismos\n"
                                     "changes:\n  - date: 2026-05-05 09:00\n    note: Νέα ώρα κλεισίματος.")
    source = write(content_dir, "press-releases/2026/kolymvitirio.md", RELEASE)
    commit(repo, "2026-05-04T10:05:00+03:00", "Δελτίο")
    source.write_text(noted, encoding="utf-8")
    commit(repo, "2026-05-05T09:10:00+03:00", "Διόρθωση")
    source.write_text(noted.replace("Νέα ώρα", "Νέα ώρα λήξης και"), encoding="utf-8")
    commit(repo, "2026-05-20T18:00:00+03:00", "Διόρθωση της σημείωσης")
    assert main(["check", "--content", str(content_dir), "--strict"]) == 0, capsys.readouterr().out
    source.write_text(noted.replace("Νέα ώρα", "Η ώρα").replace("21:00", "20:00"), encoding="utf-8")
    commit(repo, "2026-05-21T18:00:00+03:00", "Σημείωση και κείμενο")
    capsys.readouterr()
    assert main(["check", "--content", str(content_dir), "--strict"]) == 1
    assert "the published text was edited on 2026-05-21 18:00" in capsys.readouterr().out



def items_of(content_dir: Path) -> dict[str, Item]:
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW="2026-11-24 12:00",
                             CACHE_PATH=str(content_dir.parent / "cache"))
    return {Path(i.source.rel).stem: i for i in check(settings).items}


def at(text: str) -> datetime:
    return parse_moment(text)


LATER = at("2026-12-31 23:59")  # every change below has been made by then


def test_the_last_change_is_the_latest_of_update_notes_withdrawal_and_edits(content_dir: Path) -> None:
    base = RELEASE.lstrip()
    write(content_dir, "press-releases/2026/plain.md", base)
    write(content_dir, "press-releases/2026/updated.md", base.replace("category:", "updated: 2026-05-06 09:00\ncategory:"))
    write(content_dir, "press-releases/2026/noted.md", base.replace("category: athlitismos", (
        "category: athlitismos\nupdated: 2026-05-06 09:00\nchanges:\n  - date: 2026-05-09 10:00\n    note: Α.\n"
        "  - date: 2026-05-07 10:00\n    note: Β.")))
    write(content_dir, "press-releases/2026/withdrawn.md", base.replace("category: athlitismos", (
        "category: athlitismos\nstatus: withdrawn\nwithdrawn: 2026-05-12 10:00\nwithdrawal_note: Λάθος.")))
    write(content_dir, "pages/selida.md", "---\ntitle: Σελίδα\n---\nΚείμενο.\n")
    items = items_of(content_dir)
    history = History({
        "press-releases/2026/plain.md": [Commit("a", at("2026-05-04 10:05")), Commit("b", at("2026-05-03 08:00")),
                                         Commit("c", at("2026-05-20 18:00"))],
        "press-releases/2026/updated.md": [Commit("a", at("2026-05-04 10:05"))],
        "pages/selida.md": [Commit("a", at("2026-01-02 10:00")), Commit("b", at("2026-02-03 11:00"))],
    })
    assert last_modified(items["plain"], history, LATER) == at("2026-05-20 18:00"), "the last edit after publication"
    assert last_modified(items["plain"], None, LATER) is None
    assert last_modified(items["updated"], history, LATER) == at("2026-05-06 09:00")
    assert last_modified(items["noted"], history, LATER) == at("2026-05-09 10:00"), "the latest change note"
    assert last_modified(items["noted"], history, at("2026-05-09 09:59")) == at("2026-05-07 10:00"), \
        "a change note counts from its date"
    assert last_modified(items["updated"], history, at("2026-05-06 08:59")) is None, "so does 'updated:'"
    assert last_modified(items["withdrawn"], history, LATER) == at("2026-05-12 10:00")
    assert last_modified(items["selida"], history, LATER) == at("2026-02-03 11:00"), "a page: its last commit"
    assert history.last_commit("press-releases/2026/plain.md") == at("2026-05-20 18:00")
    assert history.last_commit("press-releases/2026/other.md") is None
    assert history.last_edit("press-releases/2026/updated.md") is None, "added, never edited"


def test_only_what_changed_after_publication_counts(content_dir: Path) -> None:
    base = RELEASE.lstrip()
    write(content_dir, "press-releases/2026/once.md", base)
    write(content_dir, "press-releases/2026/same.md", base)
    write(content_dir, "press-releases/2026/noted.md", base.replace("category:", "withdrawn: 2026-05-12 10:00\ncategory:"))
    write(content_dir, "pages/selida.md", "---\ntitle: Σελίδα\n---\nΚείμενο.\n")
    items = items_of(content_dir)
    history = History({
        "press-releases/2026/once.md": [Commit("a", at("2026-05-04 10:05"))],  # added after its date, never edited
        "press-releases/2026/same.md": [Commit("a", at("2026-05-04 09:00")), Commit("b", at("2026-05-04 10:00"))],
        "pages/selida.md": [Commit("a", at("2026-01-02 10:00"))],
    })
    assert last_modified(items["once"], history, LATER) is None
    assert last_modified(items["same"], history, LATER) is None, "an edit at the publication minute is the publication"
    assert last_modified(items["noted"], history, LATER) is None, "'withdrawn:' counts only for a withdrawn item"
    assert last_modified(items["selida"], history, LATER) == at("2026-01-02 10:00"), "a page's only commit is its change"


def test_an_edit_before_publication_is_no_change(content_dir: Path) -> None:
    write(content_dir, "press-releases/2026/plain.md", RELEASE.lstrip())
    history = History({"press-releases/2026/plain.md": [Commit("a", at("2026-05-01 10:00")),
                                                        Commit("b", at("2026-05-03 08:00"))]})
    assert last_modified(items_of(content_dir)["plain"], history, LATER) is None


@pytest.mark.parametrize("at_root", [False, True])
def test_one_log_pass_gives_each_files_commits_exactly(tmp_path: Path, at_root: bool) -> None:
    """Shas and Athens times as git has them; a rename is a deletion and an addition; content at the repo root too."""
    content = tmp_path / "content"
    repo = git.Repo.init(content if at_root else tmp_path)
    with repo.config_writer() as config:
        config.set_value("user", "name", "Γραφείο Τύπου").set_value("user", "email", "press@alimos.gr")
    if not at_root:  # a file of the repository outside the content folder is not content
        (tmp_path / "README.md").write_text("Αποθετήριο του Γραφείου Τύπου.\n", encoding="utf-8")
        repo.git.add(str(tmp_path / "README.md"))
    shas = []
    for when, step in (("2026-05-04T10:05:00+03:00", "add"), ("2026-05-06T09:00:00Z", "edit"),
                       ("2026-05-07T12:00:00+03:00", "rename")):
        if step == "rename":
            repo.git.mv(str(content / "press-releases/2026/a.md"), str(content / "press-releases/2026/b.md"))
        else:
            write(content, "press-releases/2026/a.md", RELEASE + ("\nΠροσθήκη.\n" if step == "edit" else ""))
            repo.git.add(str(content))
        repo.git.commit("-qm", step, env={"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
        shas.append(repo.head.commit.hexsha)
    history = History.of(content)
    add, edit, rename = (Commit(sha, at(when)) for sha, when in zip(
        shas, ("2026-05-04 10:05", "2026-05-06 12:00", "2026-05-07 12:00"), strict=True))
    assert history.commits == {"press-releases/2026/a.md": [add, edit, rename], "press-releases/2026/b.md": [rename]}
    assert history.edits("press-releases/2026/b.md") == [] and history.last_edit("press-releases/2026/a.md") == \
        at("2026-05-07 12:00")


def test_drafts_and_edits_at_the_publication_minute_are_not_silent_edits(
        repo: git.Repo, content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = write(content_dir, "press-releases/2026/a-proschedio.md", RELEASE.replace(
        "category: athlitismos", "category: athlitismos\nstatus: draft").replace("κολυμβητηρίων", "γηπέδων"))
    same = write(content_dir, "press-releases/2026/b-idia-ora.md", RELEASE.replace("κολυμβητηρίων", "παιδικών χαρών"))
    later = write(content_dir, "press-releases/2026/c-argotera.md", RELEASE)
    pulled = write(content_dir, "press-releases/2026/d-aposyrsi.md", RELEASE.replace("κολυμβητηρίων", "σχολείων"))
    commit(repo, "2026-05-04T09:00:00+03:00", "Πρώτη μορφή")
    for path in (draft, same, later):
        path.write_text(path.read_text(encoding="utf-8").replace("22:00", "23:00"), encoding="utf-8")
    commit(repo, "2026-05-04T10:00:00+03:00", "Στη δημοσίευση")
    later.write_text(later.read_text(encoding="utf-8").replace("23:00", "21:00"), encoding="utf-8")
    draft.write_text(draft.read_text(encoding="utf-8").replace("23:00", "21:00"), encoding="utf-8")
    pulled.write_text(pulled.read_text(encoding="utf-8").replace(  # withdrawn: its note says why
        "category: athlitismos", "category: athlitismos\nstatus: withdrawn\nwithdrawal_note: Λάθος ωράριο."),
        encoding="utf-8")
    commit(repo, "2026-05-20T18:00:00+03:00", "Σιωπηλή αλλαγή")
    assert main(["check", "--content", str(content_dir)]) == 0
    warned = [line for line in capsys.readouterr().out.splitlines() if "was edited" in line]
    assert len(warned) == 1 and "c-argotera.md:1: changes: warning: the published text was edited on 2026-05-20" \
        in warned[0], "not the draft, not the edit at the minute of publication, not a withdrawal; the check " \
        "goes on past a draft"


def test_an_edit_before_the_first_publication_is_no_silent_edit(
        repo: git.Repo, content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Corrected on its branch before it went out, as the staff guide says: it was told to add a 'changes:'
    entry, which would then have been mailed as a correction of a text no one had. Where publications are
    recorded, a file none of them lists was never published."""
    first = write(content_dir, "press-releases/2026/a-proto.md", RELEASE)
    never = write(content_dir, "press-releases/2026/b-pote.md", RELEASE.replace("κολυμβητηρίων", "γηπέδων"))
    commit(repo, "2026-05-04T09:00:00+03:00", "Δύο νέα")
    for path in (first, never):
        path.write_text(path.read_text(encoding="utf-8").replace("22:00", "23:00"), encoding="utf-8")
    commit(repo, "2026-05-05T09:00:00+03:00", "Διόρθωση στον κλάδο")  # after its date, before its publication
    repo.git.tag("-a", "published/20260506T090000Z", "-m", (
        "Published 2026-05-06T12:00:00+03:00\n\nMailed:\n- (none)\n\n"
        "+ press-releases/2026/a-proto.md -> press-releases/2026/neo-orario-ton-dimotikon-kolymvitirion/ "
        "@ 2026-05-04"))

    def warned() -> list[str]:
        assert main(["check", "--content", str(content_dir)]) == 0
        return [line for line in capsys.readouterr().out.splitlines() if "was edited" in line]

    assert warned() == []
    first.write_text(first.read_text(encoding="utf-8").replace("23:00", "21:00"), encoding="utf-8")
    commit(repo, "2026-05-07T09:00:00+03:00", "Σιωπηλή αλλαγή")
    assert [line.split(": changes:")[0] for line in warned()] == [f"{content_dir}/press-releases/2026/a-proto.md:1"]


def test_a_withdrawal_without_a_date_takes_its_commits_or_now(repo: git.Repo, content_dir: Path) -> None:
    withdrawn = RELEASE.replace("category: athlitismos", "category: athlitismos\nstatus: withdrawn\n"
                                "withdrawal_note: Λάθος ωράριο.")
    write(content_dir, "press-releases/2026/kolymvitirio.md", withdrawn)
    commit(repo, "2026-05-06T11:00:00+03:00", "Απόσυρση")
    write(content_dir, "press-releases/2026/allo.md", withdrawn.replace("κολυμβητηρίων", "γηπέδων"))  # not committed
    items = items_of(content_dir)
    assert items["kolymvitirio"].values["withdrawn"] == at("2026-05-06 11:00")
    assert items["allo"].values["withdrawn"] == at("2026-11-24 12:00"), "not committed yet: this run's moment"


"""`publish.py` as a user runs it: a real subprocess."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

from kiryx.cli import _crash
from kiryx.commands import COMMANDS
from kiryx.greek import ATHENS
from kiryx.site import ROOT


def publish(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "publish.py"), *args], cwd=cwd,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_every_subcommand_has_help(command: str) -> None:
    result = publish(command, "--help")
    assert result.returncode == 0
    assert result.stdout.startswith(f"usage: publish.py {command}")


def test_new_creates_the_file_at_the_right_path(content_dir: Path) -> None:
    result = publish("new", "press-release", "Ευχαριστήριο «Αύριο» & Ουρανός", "--content", str(content_dir))
    year = datetime.now(ATHENS).year
    path = content_dir / f"press-releases/{year}/efcharistirio-avrio-ouranos.md"
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"Created {path}: fill in its fields and write the text"
    text = path.read_text(encoding="utf-8")
    assert text.startswith('---\ntitle: "Ευχαριστήριο «Αύριο» & Ουρανός"\ndate: ')
    again = publish("new", "press-release", "Ευχαριστήριο «Αύριο» & Ουρανός", "--content", str(content_dir))
    assert again.returncode == 1 and "already exists" in again.stdout
    for symbols in ("🎉🎉", "", "« — »"):
        nameless = publish("new", "event", symbols, "--content", str(content_dir), "--lang", "en")
        assert nameless.returncode == 1 and "has no letters or digits to name the file after" in nameless.stderr
    assert not list(content_dir.rglob(".md")), "no hidden file"


def test_a_new_template_tells_what_is_still_missing(content_dir: Path) -> None:
    publish("new", "event", "Χριστουγεννιάτικη γιορτή", "--content", str(content_dir))
    result = publish("check", "--content", str(content_dir))
    assert result.returncode == 1
    assert ": summary: required for every εκδήλωση" in result.stdout
    written = next(content_dir.rglob("christougenniatiki-giorti.md")).read_text(encoding="utf-8").split("\n")
    line = written.index("Κείμενο εδώ.") + 1
    assert f"christougenniatiki-giorti.md:{line}: body: «Κείμενο εδώ.» is the template's placeholder: write the text " \
        "in its place" in result.stdout, "published as it is, it would be the text"
    assert ": end: warning: the event ends the moment it starts" in result.stdout, "the template's start and end"
    assert result.stdout.strip().endswith("2 error(s), 1 warning(s)")


@pytest.mark.parametrize("kind", ["leaflet", "coverage", "page"])
def test_every_type_has_a_template(content_dir: Path, kind: str) -> None:
    result = publish("new", kind, "Δοκιμή", "--content", str(content_dir))
    assert result.returncode == 0, result.stderr
    assert len(list(content_dir.rglob("dokimi.md"))) == 1


def test_the_overview_lists_every_command_with_its_help() -> None:
    result = publish("--help")
    assert result.returncode == 0
    for name in COMMANDS:
        assert name in result.stdout
    assert "validate content files" in result.stdout and "build, deploy and notify" in result.stdout


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path) -> None:
    """`publish.py check | head -0`: the pipe is closed before the buffered output is flushed at the end of the
    run; the run still ends quietly, with the check's own status."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"} | {"KIRYX_STATE_DIR": str(tmp_path)}
    process = subprocess.Popen([sys.executable, str(ROOT / "publish.py"), "check", "--content", str(tmp_path / "content")],
                               cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL)
    assert process.stdout is not None
    process.stdout.close()
    _, errors = process.communicate(timeout=120)
    assert errors == b""
    assert process.returncode == 0


def test_a_check_loads_neither_the_mailer_nor_the_pdf_readers(tmp_path: Path) -> None:
    """Every check pays for what it imports: the command being run only, and pypdf only for a PDF not seen before."""
    shutil.copytree(ROOT / "content", tmp_path / "content")
    script = ("import sys; from kiryx.cli import main; main(['check', '--content', sys.argv[1]]); "
              "print(' '.join(m for m in ('pypdf', 'pypdfium2', 'kiryx.publishing.mailer', 'kiryx.commands.publish') "
              "if m in sys.modules))")
    env = {**os.environ, "KIRYX_STATE_DIR": str(tmp_path / "state")}
    first, second = (subprocess.run([sys.executable, "-c", script, str(tmp_path / "content")], cwd=ROOT, env=env,
                                    capture_output=True, text=True, timeout=300, stdin=subprocess.DEVNULL)
                     for _ in range(2))
    assert first.stdout.split("\n")[-2] == "pypdf", first.stdout[-300:]  # the sample's PDFs, inspected once
    assert second.stdout.split("\n")[-2] == "", second.stdout[-300:]  # then known by their hashes


def test_a_build_stopped_by_content_problems_says_so_in_greek(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "pages" / "schetika.md").write_text('---\ntitle: "Σχετικά\n---\nΚείμενο.\n', encoding="utf-8")
    env = {**os.environ, "KIRYX_LANG": "el", "KIRYX_STATE_DIR": str(tmp_path / "state")}
    result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content_dir),
                             "--output", str(tmp_path / "site")], cwd=ROOT, env=env, capture_output=True, text=True,
                            timeout=120, stdin=subprocess.DEVNULL)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "Προβλήματα: 1 · δεν γράφτηκε τίποτα."
    assert not (tmp_path / "site").exists()


def test_a_fault_of_kiryx_says_whose_it_is_and_where_the_details_are(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("KIRYX_LANG", "el")
    monkeypatch.setenv("KIRYX_STATE_DIR", str(tmp_path))
    try:
        raise RuntimeError("a bug")
    except RuntimeError:
        status = _crash("build")
    assert status == 2
    assert capsys.readouterr().err == (
        "build: το Kiryx σταμάτησε απροσδόκητα· το σφάλμα είναι του Kiryx, όχι του περιεχομένου σας. Παρακαλούμε "
        f"αναφέρετέ το (οι λεπτομέρειες είναι στο {tmp_path / 'crash.log'}).\n")
    assert "RuntimeError: a bug" in (tmp_path / "crash.log").read_text(encoding="utf-8")


def test_a_build_reports_what_it_made_in_greek(content_dir: Path, tmp_path: Path) -> None:
    (content_dir / "pages" / "schetika.md").write_text("---\ntitle: Σχετικά\n---\nΚείμενο.\n", encoding="utf-8")
    env = {**os.environ, "KIRYX_LANG": "el", "KIRYX_STATE_DIR": str(tmp_path / "state")}
    command = [sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content_dir), "--output",
               str(tmp_path / "site")]
    first, second = (subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120,
                                    stdin=subprocess.DEVNULL) for _ in range(2))
    assert re.fullmatch(rf"Ο ιστότοπος κατασκευάστηκε στο {tmp_path / 'site'} σε [\d.]+ s \(κείμενα: 3\): αρχεία από τα πρότυπα \d+, "
                        r"από το ευρετήριο αναζήτησης \d+ \(νέα ή αλλαγμένα \d+\), ίδια 0",
                        first.stdout.splitlines()[-1]), first.stdout
    assert second.stdout.splitlines()[-1].startswith("Τίποτα δεν άλλαξε από την τελευταία κατασκευή"), second.stdout


@pytest.mark.parametrize(("args", "said"), [
    (("new", "dltio", "Τίτλος", "--lang", "el"), "publish.py new: TYPE: το 'dltio' δεν είναι ένα από: coverage, "
                                                 "events, leaflets, pages, press-releases"),
    (("buidl", "--lang", "el"), "publish.py: COMMAND: το 'buidl' δεν είναι ένα από: build, serve, check, plan, new, "
                                "publish, rollback, setup, mail-preview· μήπως εννοείτε 'build';"),
    (("new", "event", "--lang", "el"), "publish.py new: λείπει: TITLE (δείτε --help)"),
    (("check", "--outptu", "x", "--lang", "el"), "publish.py: άγνωστο: --outptu (δείτε --help)"),
    (("serve", "--port", "x", "--lang", "el"), "publish.py serve: το --port θέλει μια τιμή του σωστού είδους (δείτε "
                                               "--help)"),
    (("new", "event", "--lang", "en"), "publish.py new: missing: TITLE (see --help)"),
])
def test_a_slip_on_the_command_line_is_said_in_the_staffs_language(args: tuple[str, ...], said: str) -> None:
    result = publish(*args)
    assert result.returncode == 1 and result.stderr.startswith("usage: publish.py"), "2 is a fault of Kiryx"
    assert result.stderr.splitlines()[-1] == said, result.stderr


@pytest.mark.parametrize(("word", "folder"), [("Δελτίο", "press-releases"), ("δελτίο τύπου", "press-releases"),
                                             ("deltio-typou", "press-releases"), ("Εκδήλωση", "events"),
                                             ("φυλλάδιο", "leaflets"), ("Events", "events")])
def test_new_takes_the_types_greek_name(content_dir: Path, word: str, folder: str) -> None:
    result = publish("new", word, "Καθαρισμός της ακτής", "--content", str(content_dir))
    assert result.returncode == 0, result.stderr
    made = [p.relative_to(content_dir).parts[0] for p in content_dir.rglob("katharismos-tis-aktis.md")]
    assert made == [folder]


def test_a_title_too_long_for_a_file_name_gets_a_shorter_one(content_dir: Path) -> None:
    """`new` with a 200-letter title failed with the system's «File name too long»; so did the build later."""
    result = publish("new", "press-release", "Ψ" * 200, "--content", str(content_dir), "--lang", "en")
    assert result.returncode == 0, result.stderr
    made = next(content_dir.rglob("psps*.md"))
    assert len(made.stem) <= 80 and f"slug: {made.stem}\n" in made.read_text(encoding="utf-8")


def test_a_title_pasted_with_a_line_break_is_one_line(content_dir: Path) -> None:
    """The file `new` wrote from «Καθαρισμός ακτών⏎» was refused by its own check («the fields end before line 3»)."""
    result = publish("new", "press-release", "Καθαρισμός ακτών\n", "--content", str(content_dir), "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert next(content_dir.rglob("katharismos-akton.md")).read_text(encoding="utf-8").startswith(
        '---\ntitle: "Καθαρισμός ακτών"\n')

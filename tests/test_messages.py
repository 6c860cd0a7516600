"""Messages: Greek by default through the gettext catalogue, English on request, in every forge format."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from kiryx.cli import main
from kiryx.i18n import LOCALE_DIR
from kiryx.site import ROOT
from tests.conftest import write
from tests.publishing import EVENT

BAD = """
---
title: Δοκιμή
date: 2026-02-30
summary: Σύνοψη.
category: perivalon
---
Κείμενο.
"""
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.fixture
def bad(content_dir: Path) -> Path:
    write(content_dir, "press-releases/2026/lathos.md", BAD)
    return content_dir


def run_check(content: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = main(["check", "--content", str(content), *args])
    return code, capsys.readouterr().out


def test_the_greek_catalogue_translates_every_message_and_keeps_its_fields(tmp_path: Path) -> None:
    pot = tmp_path / "kiryx.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "-q", "extract", "-F",
                    str(LOCALE_DIR / "babel.cfg"), "-k", "msg", "-o", str(pot), "--no-location", "."],
                   cwd=ROOT, check=True)
    in_code = {m.id for m in read_po(pot.open("rb")) if m.id}
    catalogue = read_po((LOCALE_DIR / "el/LC_MESSAGES/kiryx.po").open("rb"))
    translated = {m.id: m.string for m in catalogue if m.id}
    assert len(in_code) > 60
    assert sorted(in_code - set(translated)) == [], "run pybabel update (kiryx/i18n.py) and translate"
    assert sorted(set(translated) - in_code) == [], "messages no longer in the code"
    for msgid, greek in translated.items():
        assert greek and not any("fuzzy" in m.flags for m in catalogue if m.id == msgid), msgid
        assert set(PLACEHOLDER.findall(greek)) == set(PLACEHOLDER.findall(msgid)), msgid


def test_messages_are_greek_by_default(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(bad, capsys, "--lang", "el")
    assert code == 1
    assert ("lathos.md:3: date: το '2026-02-30' δεν είναι υπαρκτή ημερομηνία ή ώρα· ελέγξτε την ημέρα, τον μήνα "
            "και την ώρα") in out
    assert "lathos.md:5: category: άγνωστη κατηγορία 'perivalon'· μήπως εννοείτε 'Περιβάλλον';" in out
    assert out.rstrip().endswith("Ελέγχθηκαν αρχεία: 3 · σφάλματα: 2 · προειδοποιήσεις: 0")
    code, out = run_check(bad, capsys, "--lang", "en")
    assert "lathos.md:5: category: unknown category 'perivalon'; did you mean 'Περιβάλλον'?" in out


def test_github_annotations(bad: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bad.parent)
    code, out = run_check(bad, capsys, "--format", "github", "--lang", "en")
    assert code == 1
    assert out.splitlines() == [
        "::error file=content/press-releases/2026/lathos.md,line=3,title=date::'2026-02-30' is not a real date "
        "or time; check the day, the month and the time",
        "::error file=content/press-releases/2026/lathos.md,line=5,title=category::unknown category 'perivalon'; "
        "did you mean 'Περιβάλλον'?",
    ]


def test_github_annotations_escape_what_would_break_them(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(content_dir.parent)
    write(content_dir, "press-releases/2026/a,b.md", BAD.replace("perivalon", "perivallon").replace(
        "2026-02-30", "2026-02-03\nnote: 100% σωστό"))
    code, out = run_check(content_dir, capsys, "--format", "github", "--lang", "en")
    assert "::warning file=content/press-releases/2026/a%2Cb.md,line=4,title=note::unknown field, ignored" in out


def test_gitlab_code_quality_report(bad: Path, capsys: pytest.CaptureFixture[str],
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(bad.parent)
    _, greek = run_check(bad, capsys, "--format", "gitlab", "--lang", "el")
    _, english = run_check(bad, capsys, "--format", "gitlab", "--lang", "en")
    report, again = json.loads(greek), json.loads(english)
    assert [(e["check_name"], e["severity"], e["location"]) for e in report] == [
        ("date", "major", {"path": "content/press-releases/2026/lathos.md", "lines": {"begin": 3}}),
        ("category", "major", {"path": "content/press-releases/2026/lathos.md", "lines": {"begin": 5}}),
    ]
    assert report[1]["description"] == "category: άγνωστη κατηγορία 'perivalon'· μήπως εννοείτε 'Περιβάλλον';"
    assert [e["fingerprint"] for e in report] == [e["fingerprint"] for e in again], "stable across languages"
    assert len({e["fingerprint"] for e in report}) == 2


def test_json_report(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, out = run_check(bad, capsys, "--format", "json", "--lang", "el")
    first = json.loads(out)[0]
    assert (first["line"], first["field"], first["severity"]) == (3, "date", "error")
    assert first["message_en"].startswith("'2026-02-30' is not a real date")
    assert first["message"].startswith("το '2026-02-30'")


def test_checking_a_file_that_does_not_exist_is_an_error(bad: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out = run_check(bad, capsys, "--lang", "en", str(bad / "press-releases/2026/lathos-typo.md"))
    assert code == 1
    assert "lathos-typo.md:1: path: there is no such file; check the name and the folder" in out


def test_a_folder_a_path_from_inside_content_or_one_outside_it(bad: Path, capsys: pytest.CaptureFixture[str],
                                                                 tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A folder is every file in it; `press-releases/…` is found in the content folder; outside it is an error."""
    write(bad, "events/2026/kalo.md", EVENT)
    whole = run_check(bad, capsys, "--lang", "en")[1]
    folder = run_check(bad, capsys, "--lang", "en", str(bad / "press-releases"))[1]
    assert folder.splitlines()[-1] == "1 file(s) checked: 2 error(s), 0 warning(s)" != whole.splitlines()[-1]
    monkeypatch.chdir(tmp_path)  # not the content folder's parent
    inside = run_check(bad, capsys, "--lang", "en", "press-releases/2026/lathos.md")[1]
    assert inside.splitlines()[-1] == "1 file(s) checked: 2 error(s), 0 warning(s)", inside
    (tmp_path / "deltio.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    code, outside = run_check(bad, capsys, "--lang", "en", str(tmp_path / "deltio.md"))
    assert code == 1 and "deltio.md:1: path: is not in the content folder; give a file or folder inside it" in outside


@pytest.mark.parametrize("form", ["json", "gitlab", "github", "text"])
def test_a_file_name_that_is_not_utf8_is_reported_in_every_format(content_dir: Path, form: str) -> None:
    """A photo named in Windows' Greek code page (a ZIP made there, unpacked here) stopped the JSON and GitLab
    reports with "Kiryx failed": a pull request then showed no file and no line."""
    import subprocess
    import sys

    from kiryx.site import ROOT
    (content_dir / "media/2026").mkdir(parents=True)
    with open(os.fsencode(content_dir / "media/2026") + b"/\xd6\xf9\xf4\xef.jpg", "wb") as photo:  # «Φωτο», cp1253
        photo.write(b"\xff\xd8")
    result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "check", "--content", str(content_dir),
                             "--format", form, "--lang", "en"], capture_output=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    assert result.returncode == 1 and b"Traceback" not in result.stderr and not result.stderr, result.stderr
    out = result.stdout.decode("utf-8")
    if form in ("json", "gitlab"):
        assert any("media/2026/" in json.dumps(entry, ensure_ascii=False) for entry in json.loads(out))
    else:
        assert "media/2026/" in out

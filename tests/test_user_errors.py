"""A person's mistake gets one clear line and exit status 1, never a traceback (the real publish.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import git
import pytest

from kiryx.config import ConfigError, KiryxConfig
from kiryx.site import ROOT, load_settings
from tests.conftest import LOGO, write
from tests.publishing import release


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(ROOT / "publish.py"), *args], capture_output=True, text=True,
                          timeout=120, stdin=subprocess.DEVNULL, cwd=cwd,
                          env={**os.environ, "KIRYX_STATE_DIR": str(Path(cwd or "/tmp") / "state")})


def settings_with(tmp_path: Path, change: str) -> Path:
    """A settings file: pelicanconf.py plus one change to KIRYX."""
    path = tmp_path / "settings.py"
    path.write_text(textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(ROOT)!r})
        from pelicanconf import *
        PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]
        THEME = {str(ROOT / 'theme')!r}
        CACHE_PATH = {str(tmp_path / 'cache')!r}
        """) + change + "\n", encoding="utf-8")
    return path


@pytest.fixture
def content(content_dir: Path) -> Path:
    write(content_dir, "press-releases/2026/deltio.md", release(1))
    return content_dir


@pytest.mark.parametrize(("change", "message"), [
    ('del KIRYX["press_office"]["email"]', "settings.py: KIRYX['press_office']['email']: required (E-mail, also the "
                                           "From of notifications, e.g. 'press@alimos.gr'.)"),
    ('del KIRYX["site_url"]', "settings.py: KIRYX['site_url']: required"),
    ('KIRYX["mailing_lists"][0]["address"] = "media@lists..alimos.gr"',
     "settings.py: KIRYX['mailing_lists'][0]['address']: 'media@lists..alimos.gr' is not an e-mail address a mail "
     "can be sent to"),
    ('KIRYX["press_office"]["email"] = "press.@alimos.gr"',
     "settings.py: KIRYX['press_office']['email']: 'press.@alimos.gr' is not an e-mail address a mail can be sent to"),
    ('KIRYX["site_url"] = "https://press.alimos.gr "', "settings.py: KIRYX['site_url']: 'https://press.alimos.gr ' "
                                                       "must be like https://press.example.gr"),
    ('KIRYX["municipality"]["website"] = "www.alimos.gr"',
     "settings.py: KIRYX['municipality']['website']: 'www.alimos.gr' must be a full address"),
    ('KIRYX["municipality"]["brand_color"] = "πράσινο"',
     "settings.py: KIRYX['municipality']['brand_color']: 'πράσινο' must be a colour written #rrggbb"),
    ('KIRYX["municipality"]["brand_color"] = "#7fb3e0"',
     "settings.py: KIRYX['municipality']['brand_color']: '#7fb3e0' is too light: links in it on the pages' pale "
     "boxes have contrast 2.0:1"),
    ('KIRYX["municipality"]["brand_color"] = "#0077b6"',  # 4.9:1 on white: but links sit on the pale boxes too
     "settings.py: KIRYX['municipality']['brand_color']: '#0077b6' is too light: links in it on the pages' pale "
     "boxes have contrast 4.4:1"),
    ('del KIRYX["municipality"]["brand_color"]', "settings.py: KIRYX['municipality']['brand_color']: required"),
    ('KIRYX["municipality"]["name"] = "ΔΗΜΟΣ ΓΛΥΦΑΔΑΣ"', "settings.py: KIRYX['municipality']['name']: 'ΔΗΜΟΣ "
                                                       "ΓΛΥΦΑΔΑΣ' does not begin «Δήμος »"),
    ('KIRYX["press_office"]["name"] = "Γραφείο Τύπου\\nκαι Επικοινωνίας"',
     "settings.py: KIRYX['press_office']['name']: must be one line of text"),
    ('KIRYX["municipality"]["logo"] = "media/logo.svg"',
     "settings.py: KIRYX['municipality']['logo']: 'media/logo.svg' must be a path in the press kit's folder"),
    ('KIRYX["municipality"]["name"] = "Δήμος Γλυφάδας"', "settings.py: SITENAME: 'Γραφείο Τύπου · Δήμος Αλίμου' "
                                                        "does not name the municipality ('Δήμος Γλυφάδας')"),
    ('KIRYX["municipality"]["logo_png"] = "press-kit/logos/dimos-alimou-logo.svg"',
     "settings.py: KIRYX['municipality']['logo_png']: 'press-kit/logos/dimos-alimou-logo.svg' must be a PNG file"),
    ('KIRYX["municipality"]["logo"] = "/srv/logo.svg"',
     "settings.py: KIRYX['municipality']['logo']: '/srv/logo.svg' must be a path in the press kit's folder"),
    ('KIRYX["categories"] = []', "settings.py: KIRYX['categories']: at least one category is needed"),
    ('SITEURL = "https://press.example.gr"', "settings.py: SITEURL: 'https://press.example.gr' is not "
                                            "KIRYX['site_url'] ('https://press.alimos.gr')"),
    ('SITENAME = "A Pelican Blog"', "settings.py: SITENAME: set the site's name"),
])
def test_a_municipality_fact_that_is_missing_or_wrong_is_named(tmp_path: Path, content: Path, change: str,
                                                                message: str) -> None:
    """Another municipality adopting Kiryx never publishes Alimos' facts: no fact has a default, and a wrong one
    is named before anything is built (a mail address Python's mail headers refuse used to pass, and then crash
    every publish after the deploy)."""
    result = run("check", "--settings", str(settings_with(tmp_path, change)), "--content", str(content),
                 cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr


@pytest.mark.parametrize(("change", "message"), [
    ('KIRYX["municipality"]["logo"] = "press-kit/logos/neo-logotypo.svg"',
     "settings.py: KIRYX['municipality']['logo']: 'press-kit/logos/neo-logotypo.svg' is not in the content folder"),
    ('KIRYX["mailing_lists"][0]["categories"] = ["athlitika"]',
     "settings.py: KIRYX['mailing_lists'][0]['categories']: 'athlitika' is not a configured category slug"),
    ('KIRYX["site_url"] = "press.alimos.gr"',
     "settings.py: KIRYX['site_url']: 'press.alimos.gr' must be like https://press.example.gr (no trailing /, no "
     "spaces)"),
    ('KIRYX["home_itemz"] = 3', "settings.py: KIRYX['home_itemz']: unknown setting; did you mean 'home_items'?"),
    ("KIRYX = {", "settings.py: line 8: '{' was never closed; correct the Python syntax there"),
    ("KIRYX['smtp'] = undefined_name", "settings.py: line 8: NameError: name 'undefined_name' is not defined"),
])
@pytest.mark.parametrize("command", ["check", "build", "publish"])
def test_a_broken_setting_is_one_line(tmp_path: Path, content: Path, change: str, message: str,
                                      command: str) -> None:
    settings = settings_with(tmp_path, change + (f"\nPATH = {str(content)!r}" if command == "publish" else ""))
    if command == "publish":
        repo = git.Repo.init(content, initial_branch="main")
        repo.git.add(".")
        repo.git.commit("-qm", "Περιεχόμενο", env={"GIT_AUTHOR_NAME": "Γ", "GIT_AUTHOR_EMAIL": "g@alimos.gr",
                                                   "GIT_COMMITTER_NAME": "Γ", "GIT_COMMITTER_EMAIL": "g@alimos.gr"})
    extra = {"check": ["--content", str(content)], "publish": ["--no-fetch"],
             "build": ["--content", str(content), "--output", str(tmp_path / "out")]}[command]
    result = run(command, "--settings", str(settings), *extra, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(message), result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(("change", "message"), [
    ('TIMEZONE = "Mars/Olympus"', "settings.py: TIMEZONE: Kiryx dates everything in Athens time; set TIMEZONE = "
                                  '"Europe/Athens"'),
    ('DEFAULT_PAGINATION = "x"', "settings.py: DEFAULT_PAGINATION: 'x' is not a number of items a page"),
    ('PLUGINS = [p for p in PLUGINS if p != "incremental"]', "settings.py: PLUGINS: 'incremental' is missing"),
    ('PLUGINS = [p for p in PLUGINS if p != "images"]', "settings.py: PLUGINS: 'images' is missing"),  # KeyError
    ('THEME = "notmyidea"', "settings.py: THEME: "),  # Pelican's own: PelicanTemplateNotFound
    ('THEME = "/nonexistent-theme"', "settings.py: THEME: Could not find the theme /nonexistent-theme; give the folder "
                                     "of the theme"),
])
def test_a_pelican_setting_kiryx_relies_on_is_named_when_wrong(tmp_path: Path, content: Path, change: str,
                                                              message: str) -> None:
    """Each passed the settings and crashed the build with a traceback (ZoneInfoNotFoundError, «could not convert
    string to float» in Pelican's paginator, KeyError: 'pages'), or named neither file nor setting."""
    result = run("build", "--settings", str(settings_with(tmp_path, change)), "--content", str(content), "--output",
                 str(tmp_path / "out"), cwd=tmp_path)
    assert (result.returncode, result.stderr.splitlines()[0][:len(message)]) == (1, message), result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    if "notmyidea" in change:
        assert result.stderr.strip().endswith("/pelican/themes/notmyidea is not Kiryx's theme (it has no "
                                              "templates/press_release.html); give Kiryx's, theme/, or a copy of it")


def test_a_settings_file_that_is_not_python_is_one_line(tmp_path: Path) -> None:
    result = run("check", "--settings", str(ROOT / "README.md"), cwd=tmp_path)
    assert (result.returncode, result.stderr.strip()) == (1, f"the settings file {ROOT / 'README.md'} is not a Python "
                                                             "file (.py); give pelicanconf.py or publishconf.py with "
                                                             "--settings FILE"), "it was an AttributeError on 'loader'"


@pytest.mark.parametrize(("setup", "message"), [
    (lambda c: shutil.rmtree(c), "PATH: the content folder {c} does not exist; create it, or give the right one with "
                                 "--content DIR (or PATH in the settings file)"),
    (lambda c: [shutil.rmtree(c / folder) for folder in ("press-releases", "pages")],
     "PATH: the content folder {c} has no content yet; write the "
                                                   'first item with publish.py new press-release "Τίτλος"'),
])
@pytest.mark.parametrize("command", ["check", "build"])
def test_a_missing_or_empty_content_folder_is_one_line(tmp_path: Path, content: Path, setup: object, message: str,
                                                       command: str) -> None:
    setup(content)  # type: ignore[operator]
    result = run(command, "--content", str(content), *(["--output", str(tmp_path / "out")] if command == "build"
                                                       else []), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, message.format(c=content) + "\n")


@pytest.mark.parametrize("command", ["check", "build"])
def test_a_settings_file_beside_no_content_folder_is_one_line(tmp_path: Path, command: str) -> None:
    """A copy of pelicanconf.py elsewhere: its PATH ('content') is read from its own folder, where there is none.
    Kiryx's words, not Pelican's (which sent the reader to `pelican --help`)."""
    settings = settings_with(tmp_path, "")
    result = run(command, "--settings", str(settings), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, f"PATH: the content folder {tmp_path / 'content'} does not "
                                                     "exist; create it, or give the right one with --content DIR "
                                                     "(or PATH in the settings file)\n")


def test_a_missing_settings_file_is_one_line(tmp_path: Path) -> None:
    result = run("check", "--settings", str(tmp_path / "nope.py"), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (
        1, f"the settings file {tmp_path / 'nope.py'} does not exist; give the right one with --settings FILE\n")


@pytest.mark.parametrize(("rel", "message"), [
    ("press-releases/2026/x.markdown", "Kiryx reads only files ending in '.md' (lowercase); rename it to x.md"),
    ("press-releases/2026/x.MD", "Kiryx reads only files ending in '.md' (lowercase); rename it to x.md"),
    ("press-releases/2026/x.md.txt", "Kiryx reads only files ending in '.md' (lowercase); rename it to x.md"),
    ("press-releases/2026/Νέο Δελτίο.MD",  # one rename: not to «Νέο Δελτίο.md», which a web address refuses
     "Kiryx reads only files ending in '.md' (lowercase); rename it to neo-deltio.md"),
    ("press-releases/2026/Δελτίο.docx", "documents go in files/YYYY/; move it there and attach it with 'attachments:'"),
    ("press-release/2026/x.md", "Kiryx does not read this folder; did you mean press-releases/?"),
])
def test_a_file_kiryx_does_not_read_is_an_error_not_a_crash(tmp_path: Path, content: Path, rel: str,
                                                            message: str) -> None:
    write(content, rel, release(2))
    checked = run("check", "--content", str(content), cwd=tmp_path)
    assert checked.returncode == 1
    shown = rel if not rel.startswith("press-release/") else "press-release"
    assert f"{shown}:1: path: {message}" in checked.stdout
    built = run("build", "--content", str(content), "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert built.returncode == 1 and message in built.stderr
    assert "Traceback" not in built.stdout + built.stderr and not (tmp_path / "out").exists()


def test_a_fault_of_kiryx_itself_is_reported_without_a_traceback(tmp_path: Path, content: Path) -> None:
    # An output folder that is a file: Kiryx cannot write there, and says so in one line.
    (tmp_path / "out").write_text("a file, not a folder")
    result = run("build", "--content", str(content), "--output", str(tmp_path / "out" / "site"), cwd=tmp_path)
    assert result.returncode in (1, 2)
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1, result.stderr


def test_without_its_packages_publish_py_says_how_to_install_them(tmp_path: Path) -> None:
    bare = subprocess.run([sys.executable, "-S", "-I", str(ROOT / "publish.py"), "check"], capture_output=True,
                          text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert bare.returncode == 1 and "Traceback" not in bare.stderr
    assert ".venv/bin/pip install -e ." in bare.stderr


def test_the_logo_fixture_is_the_shipped_one() -> None:
    assert LOGO.is_file()


@pytest.mark.parametrize(("lang", "message"), [
    ("en", "--now: 'αύριο' is not a moment; write it as 'YYYY-MM-DD HH:MM' (Athens time)"),
    ("el", "--now: 'αύριο' δεν είναι ημερομηνία και ώρα· γράψτε την ως 'ΕΕΕΕ-ΜΜ-ΗΗ ΩΩ:ΛΛ', π.χ. '2026-12-02 09:00' "
           "(ώρα Αθήνας)"),
])
def test_a_moment_that_is_not_one_is_one_line_in_the_staffs_language(tmp_path: Path, lang: str, message: str) -> None:
    """`--now` previews an embargoed item as it will look: staff type it."""
    result = run("build", "--lang", lang, "--now", "αύριο", "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert (result.returncode, result.stderr) == (1, message + "\n")
    empty = run("build", "--lang", lang, "--now", "", "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert (empty.returncode, empty.stderr) == (1, message.replace("'αύριο'", "''") + "\n"), "not the real clock"
    ancient = run("build", "--lang", lang, "--now", "0999-01-01 10:00", "--output", str(tmp_path / "out"), cwd=tmp_path)
    assert (ancient.returncode, ancient.stderr) == (1, message.replace("αύριο", "0999-01-01 10:00") + "\n"), \
        "a year outside kiryx.clock.YEARS"


@pytest.mark.parametrize(("environ", "message"), [
    ({"KIRYX_SMTP_PER_MINUTE": "0"}, "KIRYX['smtp']['per_minute'] (or KIRYX_SMTP_PER_MINUTE): 0 must be from 1 to 10000"),
    ({"KIRYX_SMTP_TIMEOUT": "-1"}, "KIRYX['smtp']['timeout'] (or KIRYX_SMTP_TIMEOUT): -1.0 must be from 1 to 600"),
    ({"KIRYX_SMTP_RETRIES": "0"}, "KIRYX['smtp']['retries'] (or KIRYX_SMTP_RETRIES): 0 must be from 1 to 20"),
    ({"KIRYX_SMTP_PORT": "99999"}, "KIRYX['smtp']['port'] (or KIRYX_SMTP_PORT): 99999 must be from 1 to 65535"),
    ({"KIRYX_KEEP_RELEASES": "0"}, "KIRYX['deploy']['keep_releases'] (or KIRYX_KEEP_RELEASES): 0 must be from 1 to "
                                   "1000"),
    ({"KIRYX_DEPLOY_DIR": ""}, "KIRYX['deploy']['directory'] (or KIRYX_DEPLOY_DIR): must name a folder (it is empty)"),
    ({"KIRYX_STATE_DIR": " "}, "KIRYX['state_dir'] (or KIRYX_STATE_DIR): must name a folder (it is empty)"),
])
def test_a_number_or_folder_out_of_bounds_names_the_setting(environ: dict[str, str], message: str) -> None:
    """Caught with the settings, not after the deploy (a division by 0 mails a minute) or in the repository."""
    with pytest.raises(ConfigError) as error:
        KiryxConfig.from_settings(load_settings(ROOT / "pelicanconf.py"), environ=environ)
    assert str(error.value) == message
    assert KiryxConfig.from_settings(load_settings(ROOT / "pelicanconf.py"), environ={
        "KIRYX_SMTP_PER_MINUTE": "1", "KIRYX_SMTP_RETRIES": "20", "KIRYX_KEEP_RELEASES": "1"}).smtp.retries == 20


def _list(**changes: str) -> dict[str, Any]:
    settings = load_settings(ROOT / "pelicanconf.py")
    lists = [dict(m) for m in settings["KIRYX"]["mailing_lists"]]
    lists[0] |= changes
    return {**settings, "KIRYX": {**settings["KIRYX"], "mailing_lists": lists}}


@pytest.mark.parametrize(("settings", "message"), [
    (_list(address="τύπος@λίστες.αλιμος.gr"), "KIRYX['mailing_lists'][0]['address']: 'τύπος@λίστες.αλιμος.gr' has "
     "letters a mail address cannot carry; write it in Latin letters (a Greek domain in its xn-- form)"),
    (_list(address="EVENTS@lists.alimos.gr"), "KIRYX['mailing_lists'][1]['address']: 'events@lists.alimos.gr' is "
     "also the address of KIRYX['mailing_lists'][0]; list each list once"),
    (_list(name="Δημοσιογράφοι\nBcc: x@y.gr"), "KIRYX['mailing_lists'][0]['name']: must be one line of text"),
    (_list(name=" "), "KIRYX['mailing_lists'][0]['name']: must be one line of text"),
    (_list(lang="gr"), "KIRYX['mailing_lists'][0]['lang']: 'gr' is not a language code; Greek is 'el'"),
])
def test_a_mailing_list_no_mail_could_carry_is_refused_with_the_settings(settings: dict[str, Any],
                                                                          message: str) -> None:
    """Caught with the settings: such a list crashed every publish, after the deploy, and held up the others."""
    with pytest.raises(ConfigError) as error:
        KiryxConfig.from_settings(settings)
    assert str(error.value).startswith(message)


def test_the_it_commands_answer_in_english_the_staffs_in_greek(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "KIRYX_LANG"}
    answers = {command: subprocess.run([sys.executable, str(ROOT / "publish.py"), command, "--settings",
                                        str(tmp_path / "nowhere.py")], capture_output=True, text=True, timeout=60,
                                       stdin=subprocess.DEVNULL, env=env).stderr for command in ("publish", "check")}
    assert answers["publish"].startswith("the settings file"), answers
    assert answers["check"].startswith("το αρχείο ρυθμίσεων"), answers


def test_an_output_folder_the_build_would_replace_is_refused(tmp_path: Path, content: Path) -> None:
    """A build swaps its output folder out and a later one empties it: `--output content` turned the content into
    the site (uncommitted texts lost at the next build), `--output .` the repository, and any folder of other files
    was emptied. Each is one line, and nothing is touched."""
    settings = settings_with(tmp_path, "")
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/simeioseis.txt").write_text("δικές μου σημειώσεις", encoding="utf-8")
    def kept() -> list[Path]:
        return sorted(p for folder in (content, tmp_path / "docs") for p in folder.rglob("*"))

    before = kept()
    for output, said in ((content, "the build would replace the content or the settings' folder"),
                         (tmp_path, "the build would replace the content or the settings' folder"),
                         (content / "output", "the build would replace the content or the settings' folder"),
                         (tmp_path / "docs", "it holds files Kiryx did not build, which the build would replace")):
        result = run("build", "--settings", str(settings), "--content", str(content), "--output", str(output),
                     "--lang", "en", cwd=tmp_path)
        assert result.returncode == 1 and result.stderr.strip() == f"--output {output}: {said}" + (
            "; build into a folder of its own, e.g. --output output/" if "replace the" in said else
            "; give a new or empty folder, or remove it first"), result.stderr
    assert kept() == before and not list(tmp_path.glob("*.staging")) and not (tmp_path.parent / ".kiryx-spare").exists()
    built = run("build", "--settings", str(settings), "--content", str(content), "--output", str(tmp_path / "site"),
                cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    again = run("build", "--settings", str(settings), "--content", str(content), "--output", str(tmp_path / "site"),
                cwd=tmp_path)
    assert again.returncode == 0, "its own output, built again"


def test_a_build_into_the_published_site_is_refused(tmp_path: Path, content: Path) -> None:
    """`build --preview --output .kiryx/site/current` put embargoed items live, unguarded, and a rollback made that
    release live again."""
    deployed = tmp_path / "www"
    (deployed / "releases/1").mkdir(parents=True)
    (deployed / "current").symlink_to("releases/1")
    settings = settings_with(tmp_path, f"KIRYX['deploy'] = {{'directory': {str(deployed)!r}}}")
    result = run("build", "--settings", str(settings), "--content", str(content), "--output",
                 str(deployed / "current"), "--preview", "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1 and "it is the published site (KIRYX['deploy']['directory'])" in result.stderr
    assert list((deployed / "releases/1").iterdir()) == []


def test_a_plugin_that_does_not_load_stops_the_build(tmp_path: Path, content: Path) -> None:
    """Pelican logs a plugin it cannot import and builds without it: a missing library after a broken upgrade gave a
    site without its calendars or search, and without the content model, without its embargo filter."""
    write(tmp_path / "more", "broken/__init__.py", "import no_such_library\n")
    settings = settings_with(tmp_path, f"PLUGIN_PATHS.append({str(tmp_path / 'more')!r})\n"
                                       "PLUGINS = [*PLUGINS, 'broken']")
    result = run("build", "--settings", str(settings), "--content", str(content), "--output", str(tmp_path / "out"),
                 "--lang", "en", cwd=tmp_path)
    assert result.returncode == 1 and "no_such_library" in result.stderr, result.stderr
    assert result.stderr.splitlines()[-1] == (
        "settings.py: PLUGINS: 'broken' did not load (the error above says why), and the site would be built without it; install "
        "Kiryx again (.venv/bin/pip install -e .) or correct the name")
    assert not (tmp_path / "out").exists()


def test_a_site_may_do_without_the_browser_editor_and_related_items(tmp_path: Path, content: Path) -> None:
    """Every plugin was made required: an adopter who does not want /admin/ published could not build. (A process
    of its own: Pelican's signals are global, and a build in this one keeps every plugin it ever loaded.)"""
    settings = settings_with(tmp_path, 'PLUGINS = [p for p in PLUGINS if p not in ("admin", "related")]')
    result = run("build", "--settings", str(settings), "--content", str(content), "--output", str(tmp_path / "out"),
                 cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out/index.html").is_file() and not (tmp_path / "out/admin").exists()

"""The browser editor at /admin/: a config generated from the content model, its own CSP, ELOT 743 file
names in JavaScript too, and a real press release written through the form in Chromium (decap-server)."""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import git
import pytest
import yaml
from playwright.sync_api import expect

from kiryx.config import ConfigError, KiryxConfig
from kiryx.content.content_types import TYPES
from kiryx.content.fields import SUMMARY_MAX
from kiryx.site import ROOT, build, load_settings
from kiryx.vendor import DECAP, location
from pelicanconf import KIRYX
from tests.browser import chromium, serve
from tests.conftest import LEGAL_PAGES, LOGO, SAMPLE_NOW
from tests.test_images import photo

DECAP_SERVER = ROOT / "tests/node_modules/decap-server/dist/index.js"
INSTALLED = location(ROOT / ".kiryx/vendor", DECAP) is not None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_the_config_follows_the_content_model(sample_site: Path) -> None:
    config = yaml.safe_load((sample_site / "admin/config.yml").read_text(encoding="utf-8"))
    assert config["locale"] == "gr" and config["publish_mode"] == "editorial_workflow"
    assert [c["name"] for c in config["collections"]] == list(TYPES)
    by_name = {c["name"]: c for c in config["collections"]}
    press = by_name["press-releases"]
    assert press["folder"] == "content/press-releases" and press["path"] == "{{year}}/{{slug}}"
    assert press["slug"] == "{{fields.slug}}" and press["media_folder"] == "/content/media/{{year}}"
    fields = {f["name"]: f for f in press["fields"]}
    required = {name for name, f in fields.items() if f["required"]}
    assert required == set(TYPES["press-releases"].required)
    assert fields["summary"]["pattern"] == [f"^[\\s\\S]{{0,{SUMMARY_MAX}}}$", f"Έως {SUMMARY_MAX} χαρακτήρες"]
    assert fields["summary"]["label"] == "Περίληψη"
    assert fields["date"]["widget"] == "datetime" and fields["date"]["format"] == "YYYY-MM-DD HH:mm"
    assert [o["value"] for o in fields["category"]["options"]][:2] == ["dimotiki-archi", "perivallon"]
    assert fields["category"]["options"][1]["label"] == "Περιβάλλον"
    photos = {f["name"]: f for f in fields["images"]["fields"]}
    assert photos["alt"]["required"] is True and photos["file"]["widget"] == "image"
    assert fields["slug"]["widget"] == "hidden"
    statuses = [o["value"] for o in fields["status"]["options"]]
    assert "cancelled" not in statuses and "cancelled" in [
        o["value"] for o in {f["name"]: f for f in by_name["events"]["fields"]}["status"]["options"]]
    events = {f["name"]: f for f in by_name["events"]["fields"]}
    assert events["start"]["required"] and events["press_conference"]["widget"] == "boolean"
    coverage = {f["name"]: f for f in by_name["coverage"]["fields"]}
    assert [o["value"] for o in coverage["kind"]["options"]] == ["print", "web", "tv", "radio"]
    assert by_name["leaflets"]["path"] == "{{slug}}" and by_name["pages"]["media_folder"] == "/content/media/pages"


def test_admin_has_its_own_csp_and_every_other_page_keeps_the_strict_one(sample_site: Path) -> None:
    admin = html.unescape((sample_site / "admin/index.html").read_text(encoding="utf-8"))
    assert "script-src 'self' 'unsafe-eval'" in admin and "connect-src 'self' blob: http://127.0.0.1:8081" in admin
    assert '<meta name="robots" content="noindex, nofollow">' in admin
    for page in sample_site.rglob("*.html"):
        if "admin" not in page.relative_to(sample_site).parts:
            assert "'unsafe-eval'" not in page.read_text(encoding="utf-8"), page  # search: only 'wasm-unsafe-eval'


@pytest.mark.parametrize(("admin", "message"), [
    ({"backend": "gitea", "repo": "a/b"}, "gitea backend cannot open pull requests"),
    ({"backend": "forgejo", "repo": "alimos/press"}, "the forgejo backend needs the API address"),
    ({"backend": "bitbucket", "repo": "a/b"}, "must be one of forgejo, github, gitlab"),
    ({"backend": "gitlab", "repo": "a/b"}, r"KIRYX\['admin'\]\['app_id'\]: the gitlab sign-in needs the id of an "
                                           r"OAuth application on the git host \(not confidential, redirecting to "
                                           r"https://press.alimos.gr/admin/\)"),
    ({"backend": "forgejo", "repo": "a/b", "api_root": "https://git.alimos.gr/api/v1"}, "the forgejo sign-in needs"),
    ({"backend": "forgejo", "repo": "a/b", "api_root": "git.alimos.gr/api/v1", "app_id": "x"},
     "'git.alimos.gr/api/v1' must be a whole address, starting https://"),
    ({"backend": "github", "repo": "a/b"}, "the github sign-in needs the address of your OAuth proxy"),
])
def test_backends_are_checked(admin: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        KiryxConfig.from_settings({"KIRYX": {**KIRYX, "admin": admin}})


def test_a_forgejo_backend_opens_pull_requests_through_its_api() -> None:
    from plugins.admin import csp
    from plugins.admin.decap import decap_config
    config = KiryxConfig.from_settings({"KIRYX": {**KIRYX, "admin": {
        "backend": "forgejo", "repo": "alimos/press", "api_root": "https://git.alimos.gr/api/v1", "app_id": "abc"}}})
    backend = decap_config(config)["backend"]
    assert backend["name"] == "forgejo" and backend["api_root"] == "https://git.alimos.gr/api/v1"
    assert backend["app_id"] == "abc" and backend["branch"] == "main"
    assert "https://git.alimos.gr" in csp(config)


def test_the_javascript_slugs_match_elot_743_in_python() -> None:
    cases = json.loads((ROOT / "tests/elot743.json").read_text(encoding="utf-8"))
    script = (ROOT / "plugins/admin/kiryx-cms.js").read_text(encoding="utf-8")
    runner = ("globalThis.window = globalThis; globalThis.CMS = {registerEventListener() {}};\n" + script +
              "\nconst cases = JSON.parse(process.argv[1]);\n"
              "console.log(JSON.stringify(cases.map(c => window.kiryxSlugify(c.title))));")
    result = subprocess.run(["node", "-e", runner, json.dumps(cases)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [c["slug"] for c in cases]


@pytest.fixture
def editor(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    """A press office's repository, its site with /admin/ served on 127.0.0.1, and decap-server writing into it."""
    repo_dir = tmp_path / "repo"
    content = repo_dir / "content"
    shutil.copytree(LOGO.parent, content / "press-kit/logos")
    (content / "pages").mkdir(parents=True)
    (content / "pages/schetika.md").write_text("---\ntitle: Σχετικά\n---\nΚείμενο.\n", encoding="utf-8")
    for page in LEGAL_PAGES:
        shutil.copy(ROOT / "content/pages" / page, content / "pages" / page)
    repo = git.Repo.init(repo_dir, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-qm", "Αρχή", env={"GIT_AUTHOR_NAME": "Γ", "GIT_AUTHOR_EMAIL": "g@alimos.gr",
                                        "GIT_COMMITTER_NAME": "Γ", "GIT_COMMITTER_EMAIL": "g@alimos.gr"})
    port = free_port()
    settings_file = tmp_path / "settings.py"
    settings_file.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"KIRYX = {{**KIRYX, 'admin': {{'local_url': 'http://127.0.0.1:{port}/api/v1'}}}}\n"
        f"PATH = {str(content)!r}\nPLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n"
        f"CACHE_PATH = {str(tmp_path / 'cache')!r}\n", encoding="utf-8")
    settings = load_settings(settings_file, KIRYX_NOW=SAMPLE_NOW)
    site = build(settings, tmp_path / "site").output
    server = subprocess.Popen(["node", str(DECAP_SERVER)], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                              env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
                                   "GIT_REPO_DIRECTORY": str(repo_dir), "LOG_LEVEL": "error"})
    try:
        deadline = time.monotonic() + 30
        while True:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert time.monotonic() < deadline and server.poll() is None, "decap-server did not start"
            time.sleep(0.2)
        with serve(site) as url:
            yield url, settings_file
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.skipif(not INSTALLED, reason="the Decap bundle is fetched by `publish.py setup`")
def test_a_press_release_written_in_the_browser_passes_the_check_and_builds(editor: tuple[str, Path],
                                                                          tmp_path: Path) -> None:
    url, settings_file = editor
    picture = photo(tmp_path / "upload/Πλαζ Καλαμακίου.JPG", size=(1200, 800))  # saved as plaz-kalamakiou.jpg
    with chromium() as browser:
        page = browser.new_page(locale="el-GR", timezone_id="Europe/Athens", viewport={"width": 1400, "height": 1000})
        csp_errors: list[str] = []
        page.on("console", lambda m: csp_errors.append(m.text) if "Content Security Policy" in m.text else None)
        page.goto(f"{url}/admin/")
        page.get_by_role("button", name="Σύνδεση").click()
        page.wait_for_url("**/#/collections/**")
        page.goto(f"{url}/admin/#/collections/press-releases/new")
        title = page.get_by_label("Τίτλος", exact=True)
        title.fill("Καθαρισμός της ακτής Καλαμακίου")
        page.get_by_label("Ημερομηνία δημοσίευσης").fill("2026-11-20T10:30")
        page.get_by_label("Κατηγορία").click()
        page.get_by_role("option", name="Περιβάλλον", exact=True).click()

        def publish_now() -> None:
            page.get_by_role("button", name="Δημοσίευση").click()
            page.get_by_role("menuitem", name="Δημοσίευση τώρα").click()

        publish_now()  # no summary yet: refused
        expect(page.get_by_role("alert")).to_contain_text("ξεχάσατε ένα απαιτούμενο πεδίο")
        expect(page.locator('label[for^="summary-field-"] + ul li')).to_contain_text("Περίληψη")
        page.get_by_label("Περίληψη").fill("Εθελοντές καθάρισαν την ακτή του Καλαμακίου.")
        photos = page.locator('label[for^="images-field-"]').first.locator(
            "xpath=ancestor::div[contains(@class,'ControlContainer')][1]")
        photos.get_by_role("button", name=re.compile("^Προσθήκη: ")).click()  # Decap's Greek said «Add …»
        photos.get_by_role("button", name="Επιλέξτε μια εικόνα").click()
        dialog = page.get_by_role("dialog")
        with page.expect_file_chooser() as chooser:
            dialog.get_by_text("Ανεβάστε νέα").click()
        chooser.value.set_files(str(picture))
        dialog.get_by_text("plaz-kalamakiou.jpg").wait_for()
        dialog.get_by_role("button", name="Επιλέξτε επιλεγμένο").click()
        expect(dialog).to_be_hidden()
        publish_now()  # a photo without its description: refused
        expect(page.locator('label[for^="alt-field-"] + ul li')).to_contain_text("απαραίτητο")
        page.get_by_label("Περιγραφή (τι δείχνει)").fill("Εθελοντές με σακούλες στην αμμουδιά")
        page.get_by_label("Πίστωση").fill("Φωτογραφία: Γραφείο Τύπου Δήμου Αλίμου")
        publish_now()
        try:
            expect(page).to_have_url(re.compile(r"#/collections/press-releases/entries/"), timeout=30_000)
        except AssertionError:
            page.screenshot(path="/tmp/admin-fail.png", full_page=True)
            print("ERRORS", page.locator('[class*="ControlErrorsList"] li').all_text_contents(),
                  page.get_by_role("alert").all_text_contents())
            raise
        page.goto(f"{url}/admin/#/collections/events/new")  # its optional «Επανάληψη» left empty
        page.get_by_label("Έναρξη").wait_for()  # the event's form: the release's, still there a moment, took the title
        page.get_by_label("Τίτλος", exact=True).fill("Συνέντευξη Τύπου για τον προϋπολογισμό")
        page.get_by_label("Ημερομηνία δημοσίευσης").fill("2026-11-20T10:30")
        page.get_by_label("Περίληψη").fill("Ο Δήμαρχος παρουσιάζει τον προϋπολογισμό.")
        page.get_by_label("Έναρξη").fill("2026-12-02T11:00")
        publish_now()
        expect(page).to_have_url(re.compile(r"#/collections/events/entries/"), timeout=30_000)
        assert csp_errors == []
    content = tmp_path / "repo/content"
    assert (content / "events/2026/synentefxi-typou-gia-ton-proypologismo.md").is_file(), \
        sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    written = content / "press-releases/2026/katharismos-tis-aktis-kalamakiou.md"
    assert written.is_file(), sorted(p.relative_to(content).as_posix() for p in content.rglob("*.md"))
    text = written.read_text(encoding="utf-8")
    assert "date: 2026-11-20 10:30" in text and "category: perivallon" in text
    assert (content / "media/2026/plaz-kalamakiou.jpg").is_file()
    checked = subprocess.run([sys.executable, str(ROOT / "publish.py"), "check", "--settings", str(settings_file),
                              "--strict"], capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    site = build(load_settings(settings_file, KIRYX_NOW=SAMPLE_NOW), tmp_path / "rebuilt").output
    page_html = (site / "press-releases/2026/katharismos-tis-aktis-kalamakiou/index.html").read_text(encoding="utf-8")
    assert "Εθελοντές με σακούλες στην αμμουδιά" in page_html


def test_a_new_entry_gets_the_slug_of_its_own_title_and_a_saved_one_keeps_its_own() -> None:
    """«Διπλότυπο» (duplicate) in the editor copies every field, the hidden slug too: the copy took the original's
    address (an error staff could not fix, or, in another year, a wrong permanent address without a word)."""
    script = (ROOT / "plugins/admin/kiryx-cms.js").read_text(encoding="utf-8")
    runner = ("globalThis.window = globalThis; let saving;\n"
              "globalThis.CMS = {registerEventListener(l) { if (l.name === 'preSave') saving = l.handler; }};\n"
              + script + "\n"
              "const map = (o) => ({get: (k) => o[k], set: (k, v) => map({...o, [k]: v}), o});\n"
              "const save = (newRecord, data) => saving({entry: map({newRecord, data: map(data)})}).o.slug;\n"
              "console.log(JSON.stringify([\n"
              "  save(true, {title: 'Εργαστήρια ζωγραφικής για παιδιά', slug: 'anagnoseis-paramythion'}),\n"
              "  save(true, {title: 'Νέο δελτίο'}),\n"
              "  save(false, {title: 'Άλλος τίτλος', slug: 'dimosieymeno'})]));")
    result = subprocess.run(["node", "-e", runner], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == ["ergastiria-zografikis-gia-paidia", "neo-deltio", "dimosieymeno"]

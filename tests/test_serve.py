"""`publish.py serve`: a real preview server on 127.0.0.1 that rebuilds on change."""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from kiryx.site import ROOT
from tests.conftest import write

PAGE = """
---
title: Σελίδα επικοινωνίας
slug: epikoinonia
---
{body}
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def wait_for(url: str, text: str, seconds: float = 60, status: int = 200) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            got, body = fetch(url)
            if got == status and text in body:
                return body
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} never showed {text!r}")


def test_serve_previews_and_rebuilds_on_change(content_dir: Path, tmp_path: Path) -> None:
    page = write(content_dir, "pages/epikoinonia.md", PAGE.format(body="Πρώτη εκδοχή."))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "publish.py"), "serve", "--content", str(content_dir),
         "--output", str(tmp_path / "out"), "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    try:
        url = f"http://127.0.0.1:{port}/epikoinonia/"
        wait_for(url, "Πρώτη εκδοχή.")
        page.write_text(PAGE.format(body="Δεύτερη εκδοχή.").lstrip(), encoding="utf-8")
        wait_for(url, "Δεύτερη εκδοχή.")
        spare = tmp_path / ".kiryx-spare"  # the first output, kept for its folders: emptied of files meanwhile
        deadline = time.monotonic() + 30
        while spare.is_dir() and any(p.is_file() for p in spare.rglob("*")) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert spare.is_dir() and not any(p.is_file() for p in spare.rglob("*"))
        status, body = fetch(f"http://127.0.0.1:{port}/den-yparchei/")
        assert status == 404 and "Η σελίδα δεν βρέθηκε" in body
        assert '<script src="/__kiryx/reload.js" defer></script>\n</body>' in fetch(url)[1]
        version = json.loads(fetch(f"http://127.0.0.1:{port}/__kiryx/state")[1])["version"]
        page.write_text("χωρίς front matter\n", encoding="utf-8")
        problem = "epikoinonia.md:1: front matter: the file must start with a line '---' followed by the fields"
        shown = wait_for(url, "Χρειάζονται διορθώσεις", status=503)
        assert problem in shown and 'src="/__kiryx/reload.js"' in shown
        assert problem in fetch(f"http://127.0.0.1:{port}/")[1], "every page shows the problems"
        assert json.loads(fetch(f"http://127.0.0.1:{port}/__kiryx/state")[1])["version"] > version
        page.write_text(PAGE.format(body="Τρίτη εκδοχή.").lstrip(), encoding="utf-8")
        wait_for(url, "Τρίτη εκδοχή.")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert problem in output


def test_the_reload_script_runs_under_the_sites_csp(content_dir: Path, tmp_path: Path) -> None:
    from tests.browser import chromium
    write(content_dir, "pages/epikoinonia.md", PAGE.format(body="Πρώτη εκδοχή."))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "publish.py"), "serve", "--content", str(content_dir),
         "--output", str(tmp_path / "out"), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    try:
        url = f"http://127.0.0.1:{port}/epikoinonia/"
        wait_for(url, "Πρώτη εκδοχή.")
        with chromium() as browser:
            page = browser.new_page()
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(url)
            page.wait_for_timeout(1500)
            (content_dir / "pages/epikoinonia.md").write_text(PAGE.format(body="Χωρίς ανανέωση.").lstrip(),
                                                              encoding="utf-8")
            page.get_by_text("Χωρίς ανανέωση.").wait_for(timeout=60_000)  # reloaded by itself
            assert errors == []
    finally:
        server.terminate()
        server.wait(timeout=20)


def test_a_mistyped_content_folder_ends_serve_at_once_with_one_greek_line(tmp_path: Path) -> None:
    missing = tmp_path / "contnet"
    port = free_port()
    result = subprocess.run(
        [sys.executable, str(ROOT / "publish.py"), "serve", "--content", str(missing), "--output",
         str(tmp_path / "out"), "--port", str(port), "--lang", "el"],
        capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr == (f"PATH: ο φάκελος περιεχομένου {missing} δεν υπάρχει· δημιουργήστε τον ή δώστε τον "
                             "σωστό με --content ΦΑΚΕΛΟΣ (ή με το PATH στο αρχείο ρυθμίσεων)\n")
    assert not (tmp_path / "out").exists()
    with socket.socket() as sock:  # nothing is listening: the preview never started
        assert sock.connect_ex(("127.0.0.1", port)) != 0


def test_a_port_that_is_no_port_is_one_line(tmp_path: Path) -> None:
    """99999 made bind() raise OverflowError, not OSError: a traceback."""
    result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "serve", "--output", str(tmp_path / "out"),
                             "--port", "99999", "--lang", "en"],
                            capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 1 and result.stderr.startswith("port 99999 cannot be used (")
    assert len(result.stderr.splitlines()) == 1 and not (tmp_path / "out").exists()


def test_serve_survives_slips_in_the_theme_and_settings_and_a_busy_port(content_dir: Path, tmp_path: Path) -> None:
    """A template's syntax error and a settings file saved by renaming (as editors do) are shown and recovered
    from; a second serve on the port says so before it touches anything."""
    write(content_dir, "pages/epikoinonia.md", PAGE.format(body="Πρώτη εκδοχή."))
    theme = Path(shutil.copytree(ROOT / "theme", tmp_path / "theme"))
    settings = tmp_path / "settings.py"
    good = (f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\nPATH = {str(content_dir)!r}\n"
            f"THEME = {str(theme)!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n")
    settings.write_text(good, encoding="utf-8")

    def save(path: Path, text: str) -> None:  # as vim and sed -i do: a new file renamed over the old one
        path.with_suffix(".new").write_text(text, encoding="utf-8")
        os.replace(path.with_suffix(".new"), path)

    port = free_port()
    command = [sys.executable, str(ROOT / "publish.py"), "serve", "--settings", str(settings), "--output",
               str(tmp_path / "out"), "--port", str(port), "--lang", "en"]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                              text=True)
    try:
        url = f"http://127.0.0.1:{port}/epikoinonia/"
        wait_for(url, "Πρώτη εκδοχή.")
        before = (tmp_path / "out/epikoinonia/index.html").stat().st_mtime_ns
        second = subprocess.run(command, capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL)
        assert second.returncode == 1 and f"port {port} cannot be used" in second.stderr, second.stderr
        assert (tmp_path / "out/epikoinonia/index.html").stat().st_mtime_ns == before, "its output left alone"
        template = theme / "templates/page.html"
        source = template.read_text(encoding="utf-8")
        save(template, source.replace("{% block content %}", "{% block content %}{{ page.title }"))
        shown = wait_for(url, "template error", status=503)
        assert f"{template}:" in shown and "Kiryx failed" not in shown
        save(template, source)
        wait_for(url, "Πρώτη εκδοχή.")
        save(settings, good + "KIRYX = {\n")
        assert "settings.py: line 7:" in wait_for(url, "Χρειάζονται διορθώσεις", status=503)
        save(settings, good.replace("from pelicanconf import *", "from pelicanconf import *  # ξανά"))
        wait_for(url, "Πρώτη εκδοχή.")
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output


def test_a_repository_git_will_not_read_is_shown_on_the_preview_not_as_a_fault(content_dir: Path,
                                                                                tmp_path: Path) -> None:
    write(content_dir, "pages/epikoinonia.md", PAGE.format(body="Κείμενο."))
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, str(ROOT / "publish.py"), "serve", "--content", str(content_dir), "--output",
         str(tmp_path / "out"), "--port", str(port), "--lang", "en"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        stdin=subprocess.DEVNULL, text=True, env={**os.environ, "GIT_TEST_ASSUME_DIFFERENT_OWNER": "1",
                                                 "KIRYX_STATE_DIR": str(tmp_path / "state")})
    try:
        shown = wait_for(f"http://127.0.0.1:{port}/", "git config --global --add safe.directory", status=503)
        assert "Kiryx failed" not in shown
    finally:
        server.terminate()
        output = server.communicate(timeout=20)[0]
    assert "Traceback" not in output and "Kiryx failed" not in output
    assert not (tmp_path / "state/crash.log").exists()


def test_an_output_folder_it_cannot_make_is_said_in_one_line_not_as_a_fault(content_dir: Path,
                                                                            tmp_path: Path) -> None:
    """`--output` under a file: `build` said so in one line, `serve` called it a fault of Kiryx and logged a crash."""
    write(content_dir, "pages/epikoinonia.md", PAGE.format(body="Κείμενο."))
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(ROOT / "publish.py"), "serve", "--content", str(content_dir), "--output",
         str(tmp_path / "file/out"), "--port", str(free_port()), "--lang", "en"], capture_output=True, text=True,
        timeout=120, stdin=subprocess.DEVNULL, env={**os.environ, "KIRYX_STATE_DIR": str(tmp_path / "state")})
    said = result.stdout + result.stderr
    assert result.returncode == 1 and f"File exists ({tmp_path / 'file'})" in said, said
    assert "Traceback" not in said and "Kiryx failed" not in said and not (tmp_path / "state/crash.log").exists()

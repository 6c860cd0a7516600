"""Screenshots for the staff guide (docs/img/), taken from the real pages in headless Chromium.

    .venv/bin/python tests/screenshots.py

The browser editor (/admin/ with decap-server), its refusal of an empty field, the preview's
page of problems, and a preview page with its banner. Needs `publish.py setup` and `npm ci
--prefix tests` first.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kiryx.site import build, load_settings  # noqa: E402
from tests.browser import chromium, serve  # noqa: E402

OUT = ROOT / "docs/img"
BAD = "---\ntitle: Καθαρισμός της ακτής\ndate: 2026-11-20 10:30\nsummary: Εθελοντές στην ακτή.\ncategory: perivalon\n---\nΚείμενο.\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_port(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.3)
    raise SystemExit(f"nothing answered on port {port}")


def editor(work: Path, browser: object) -> None:
    repo = work / "repo"
    shutil.copytree(ROOT / "content", repo / "content")
    port = free_port()
    settings_file = work / "settings.py"
    settings_file.write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
        f"KIRYX = {{**KIRYX, 'admin': {{'local_url': 'http://127.0.0.1:{port}/api/v1'}}}}\n"
        f"PATH = {str(repo / 'content')!r}\nCACHE_PATH = {str(work / 'cache')!r}\n"
        f"PLUGIN_PATHS = [{str(ROOT / 'plugins')!r}]\nTHEME = {str(ROOT / 'theme')!r}\n", encoding="utf-8")
    site = build(load_settings(settings_file), work / "site").output
    server = subprocess.Popen(["node", str(ROOT / "tests/node_modules/decap-server/dist/index.js")],
                              env={**os.environ, "PORT": str(port), "BIND_HOST": "127.0.0.1", "MODE": "fs",
                                   "GIT_REPO_DIRECTORY": str(repo)}, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        with serve(site) as url:
            page = browser.new_page(locale="el-GR", viewport={"width": 1280, "height": 860})  # type: ignore[attr-defined]
            page.goto(f"{url}/admin/")
            page.get_by_role("button", name="Σύνδεση").click()
            page.wait_for_url("**/#/collections/**")
            page.wait_for_timeout(1500)
            page.screenshot(path=str(OUT / "admin-sylloges.png"))
            page.goto(f"{url}/admin/#/collections/press-releases/new")
            page.get_by_label("Τίτλος", exact=True).fill("Καθαρισμός της ακτής Καλαμακίου")
            page.get_by_label("Ημερομηνία δημοσίευσης").fill("2026-11-20T10:30")
            page.get_by_label("Κατηγορία").click()
            page.get_by_role("option", name="Περιβάλλον", exact=True).click()
            page.get_by_role("button", name="Δημοσίευση").click()
            page.get_by_role("menuitem", name="Δημοσίευση τώρα").click()
            page.get_by_label("Τίτλος", exact=True).scroll_into_view_if_needed()
            page.wait_for_timeout(800)
            page.screenshot(path=str(OUT / "admin-ypochreotiko-pedio.png"))
            page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def preview(work: Path, browser: object) -> None:
    content = work / "preview/content"
    shutil.copytree(ROOT / "content", content)
    port = free_port()
    server = subprocess.Popen([sys.executable, str(ROOT / "publish.py"), "serve", "--content", str(content),
                               "--output", str(work / "preview/out"), "--port", str(port)],
                              cwd=work / "preview", stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_port(port)
        (content / "press-releases/2026/katharismos-aktis.md").write_text(BAD, encoding="utf-8")
        page = browser.new_page(viewport={"width": 1100, "height": 520})  # type: ignore[attr-defined]
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            page.goto(f"http://127.0.0.1:{port}/")
            if "Χρειάζονται διορθώσεις" in page.content():
                break
            time.sleep(0.5)
        page.screenshot(path=str(OUT / "proepiskopisi-lathi.png"))
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=20)
    site = build(load_settings(ROOT / "pelicanconf.py", PATH=str(ROOT / "content"),
                               CACHE_PATH=str(work / "cache2"), KIRYX_NOW="2026-12-02 09:00")
                 | {"KIRYX_PREVIEW": True}, work / "banner").output
    with serve(site) as url:
        page = browser.new_page(viewport={"width": 1100, "height": 420})  # type: ignore[attr-defined]
        page.goto(f"{url}/")
        page.screenshot(path=str(OUT / "proepiskopisi-banner.png"))
        page.close()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp, chromium() as browser:
        editor(Path(tmp), browser)
        preview(Path(tmp), browser)
    for png in sorted(OUT.glob("*.png")):
        print(f"{png.relative_to(ROOT)}: {png.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()

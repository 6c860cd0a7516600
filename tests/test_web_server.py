"""The published site on a real nginx with docs/nginx-site.conf: moved items answer 301, unknown addresses the
site's own 404 page, the build's record and the rules are not served, calendars and the editor's settings go out
in their own types, every answer carries the security headers."""

from __future__ import annotations

import pytest

from tests.publishing import EVENT, Project, release
from tests.web_server import get, nginx

OLD = "press-releases/2026/deltio-arithmos-1/"
NEW = "press-releases/2026/nea-dieythynsi/"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> tuple[Project, str, str]:
    """A site published twice (the second time with a moved item), served as published: yields the project, the
    base URL and the second publish's output."""
    base = tmp_path_factory.mktemp("web")
    project = Project(base)
    project.write("press-releases/2026/proto.md", release(1))
    project.write("events/2026/syneteyxi.md", EVENT)
    project.commit("Πρώτα κείμενα")
    first = project.publish()
    assert first.returncode == 0 and "Redirects changed" not in first.stdout, first.stdout + first.stderr
    path = project.content / "press-releases/2026/proto.md"
    path.write_text(path.read_text(encoding="utf-8").replace("category: perivallon",
                                                             "category: perivallon\nslug: nea-dieythynsi"))
    project.commit("Νέα διεύθυνση")
    moved = project.publish()
    assert moved.returncode == 0, moved.stdout + moved.stderr
    with nginx(project.www / "current", base / "nginx") as url:
        yield project, url, moved.stdout


def test_a_moved_item_answers_301_once_nginx_has_read_the_rules(served: tuple[Project, str, str]) -> None:
    _, url, output = served
    assert "Redirects changed: reload the web server ('nginx -s reload')" in output
    page = get(f"{url}/{OLD}")
    assert (page.status, page.headers["Location"]) == (301, f"{url}/{NEW}")
    kit = get(f"{url}/{OLD}deltio-arithmos-1.zip")  # what a mail linked, beside the page: the folder moved
    assert (kit.status, kit.headers["Location"]) == (301, f"{url}/{NEW}deltio-arithmos-1.zip")
    assert get(f"{url}/{NEW}").status == 200


def test_an_unknown_address_gets_the_sites_404_page(served: tuple[Project, str, str]) -> None:
    project, url, _ = served
    hidden = ("admin/.secret", "search/.secret", "pagefind/.git/config")  # under the folders with headers of their own
    for rel in hidden:
        (project.www / "current" / rel).parent.mkdir(parents=True, exist_ok=True)
        (project.www / "current" / rel).write_text("x", encoding="utf-8")
    for path in ("press-releases/2026/den-yparchei/", ".kiryx-state.json", ".htaccess", "redirects.nginx.conf",
                 *hidden):
        answer = get(f"{url}/{path}")
        assert answer.status == 404, path
        assert "Η σελίδα δεν βρέθηκε" in answer.body.decode(), path


def test_every_answer_says_its_type_and_carries_the_security_headers(served: tuple[Project, str, str]) -> None:
    project, url, _ = served
    ics = next(p for p in project.live().glob("events/2026/*/event.ics"))
    types = {path: get(f"{url}/{path}").headers for path in (
        "", NEW, ics.relative_to(project.live()).as_posix(), "admin/config.yml", "feeds/all.atom.xml",
        "search/", "no-such-page/")}
    assert types[""]["Content-Type"] == "text/html; charset=utf-8"
    assert types[ics.relative_to(project.live()).as_posix()]["Content-Type"] == "text/calendar; charset=utf-8"
    assert types["admin/config.yml"]["Content-Type"] == "text/yaml; charset=utf-8"
    for path, headers in types.items():
        assert headers["X-Content-Type-Options"] == "nosniff", path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
    assert "'wasm-unsafe-eval'" in types["search/"]["Content-Security-Policy"]
    assert "'wasm-unsafe-eval'" not in types[""]["Content-Security-Policy"]



def test_pages_are_asked_for_again_and_images_named_by_their_content_are_kept(
        served: tuple[Project, str, str]) -> None:
    """No caching rule at all: browsers guessed one from Last-Modified, and a correction, or a new brand colour at
    the same /theme/css/brand.css, could be served stale from their cache."""
    project, url, _ = served
    card = next((project.live() / "media/og").iterdir()).relative_to(project.live()).as_posix()
    for path in ("", NEW, "feeds/all.atom.xml", "theme/css/brand.css", "search/", "pagefind/pagefind.js"):
        headers = get(f"{url}/{path}").headers
        assert headers["Cache-Control"] == "no-cache" and headers["ETag"], path
        assert "frame-ancestors 'none'" in headers["Content-Security-Policy"], path
    kept = get(f"{url}/{card}").headers
    assert kept["Cache-Control"] == "max-age=31536000" and "frame-ancestors" in kept["Content-Security-Policy"]

"""Greek full-text search in headless Chromium under the site's own CSP: accents, case and inflection
don't matter, embargoed words find nothing, and the page is accessible with and without JavaScript."""

from __future__ import annotations

import gzip
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2.exceptions import UndefinedError
from playwright.sync_api import Browser, Page

from kiryx.site import ROOT, build, check, load_settings, run_pelican
from kiryx.vendor import location, pagefind
from plugins.search import Indexing, folders, indexed_pages, scratch_folder
from tests.browser import chromium
from tests.conftest import LOGO, SAMPLE_NOW, write
from tests.test_user_errors import settings_with
from tests.web_server import nginx

AXE = ROOT / "tests/node_modules/axe-core/axe.min.js"
pytestmark = pytest.mark.skipif(location(ROOT / ".kiryx/vendor", pagefind()) is None,  # type: ignore[arg-type]
                                reason="Pagefind is fetched by `publish.py setup`")


@pytest.fixture(scope="module")
def site_url(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site on nginx with docs/nginx-site.conf: the security headers on top of each page's own CSP."""
    with nginx(sample_site, tmp_path_factory.mktemp("nginx")) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


def search(page: Page, url: str, query: str) -> tuple[str, list[str]]:
    page.goto(f"{url}/search/")
    page.get_by_label("Λέξεις που ψάχνετε").fill(query)
    status = page.locator("#search-status")
    status.filter(has_text="ρέθηκ").wait_for(timeout=20_000)
    return status.inner_text(), page.locator("#search-results h2").all_inner_texts()


@pytest.mark.parametrize(("query", "first"), [
    ("αυτοψιες", "Αυτοψίες στατικής επάρκειας σε όλα τα σχολικά κτήρια"),            # no accents
    ("ΓΗΠΕΔΑ", "Νέα γήπεδα 5x5 στο Αθλητικό Κέντρο Τραχώνων"),                      # capitals
    ("βεβαιωσεις μονιμης κατοικιας", "Ψηφιακός Δήμος: 30 υπηρεσίες διαθέσιμες ηλεκτρονικά"),  # «βεβαίωση»: another inflection
    ("παιδικων σταθμων", "Εγγραφές στους Δημοτικούς Παιδικούς Σταθμούς για τη σχολική χρονιά 2026–2027"),
])
def test_greek_queries_find_the_right_item_first(site_url: str, browser: Browser, query: str, first: str) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    status, titles = search(page, site_url, query)
    assert titles and titles[0] == first, titles
    assert status.startswith("Βρέθηκ")
    meta = page.locator("#search-results .search-meta").first.inner_text()
    assert re.fullmatch(r"(Δελτίο Τύπου|Ενημερωτικό έντυπο|Εκδήλωση|Δημοσίευμα) · \d{1,2} \w+ 20\d\d", meta), meta
    excerpt = page.locator("#search-results .search-excerpt").first
    assert excerpt.locator("mark").count() >= 1, "the matched words are marked"
    assert "Δημοσιεύθηκε" not in excerpt.inner_text(), "the excerpt is the text, not the page's labels"
    assert errors == [], "no CSP violation: the page allows just 'wasm-unsafe-eval' more"
    page.close()


def test_every_result_can_be_reached_twenty_at_a_time(site_url: str, browser: Browser) -> None:
    """Only the first twenty were shown, with no way to the rest: «Περισσότερα αποτελέσματα» adds twenty and takes
    the focus to the first of them, until all are there."""
    page = browser.new_page()
    status, titles = search(page, site_url, "αλιμου")
    total = int(re.search(r"Βρέθηκαν (\d+)", status)[1])  # type: ignore[index]
    assert total > 40 and len(titles) == 20 and "Εμφανίζονται τα 20 πρώτα." in status
    more = page.get_by_role("button", name="Περισσότερα αποτελέσματα")
    more.click()
    page.locator("#search-results li").nth(39).wait_for()
    assert page.evaluate("document.activeElement.textContent") == page.locator("#search-results h2").nth(20).inner_text()
    assert "Εμφανίζονται τα 40 πρώτα." in page.locator("#search-status").inner_text()
    while more.is_visible():
        more.click()
        page.wait_for_timeout(300)
    titles = page.locator("#search-results h2").all_inner_texts()
    assert len(titles) == len(set(titles)) == total and "Εμφανίζονται" not in page.locator("#search-status").inner_text()
    search(page, site_url, "αλιμου")  # a double tap: the second click, while the twenty load, added them again
    page.evaluate("for (const n of [1, 2]) document.getElementById('search-more').click()")
    page.locator("#search-status").filter(has_text="Εμφανίζονται τα 40 πρώτα.").wait_for()
    page.wait_for_timeout(600)  # the search box's «change», as the focus left it, searched again after 250 ms
    titles = page.locator("#search-results h2").all_inner_texts()
    assert len(titles) == len(set(titles)) == 40, "twenty more, once, and kept"
    page.close()


def test_what_is_shown_answers_what_is_in_the_box(site_url: str, browser: Browser) -> None:
    """A typo undone within the 250 ms of the search's wait showed the typo's results (and kept it in the address);
    a box cleared then showed the results of the last word."""
    page = browser.new_page()
    status, titles = search(page, site_url, "αλιμου")
    box = page.get_by_label("Λέξεις που ψάχνετε")
    box.press("End")
    box.press_sequentially("υ")
    box.press("Backspace")
    page.wait_for_timeout(800)
    assert (page.locator("#search-status").inner_text(), page.locator("#search-results h2").all_inner_texts()) == (
        status, titles)
    assert page.evaluate("new URL(location.href).searchParams.get('q')") == "αλιμου"
    box.press_sequentially("ε")
    box.press("Control+a")
    box.press("Backspace")
    page.wait_for_timeout(800)
    assert page.locator("#search-status").inner_text() == "" and page.locator("#search-results li").count() == 0
    page.close()


def test_embargoed_and_withdrawn_words_find_nothing(site_url: str, browser: Browser, sample_site: Path) -> None:
    page = browser.new_page()
    for query in ("στεγαση", "χρονοδιαγραμμα αναπλασης"):  # the embargoed budget; the withdrawn timetable
        status, titles = search(page, site_url, query)
        assert "Παρουσίαση του σχεδίου Προϋπολογισμού 2027" not in titles
        assert "Το χρονοδιάγραμμα της ανάπλασης της πλατείας Αναπαύσεως" not in titles
    page.close()
    fragments = b"".join(__import__("gzip").decompress(p.read_bytes())
                         for p in (sample_site / "pagefind/fragment").iterdir())
    assert "στέγαση".encode() not in fragments and "Αναπαύσεως".encode() not in fragments
    assert b"/tag/" not in fragments and b'"url":"/press-releases/"' not in fragments, "lists are not indexed"


def test_filters_narrow_the_results(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    search(page, site_url, "δημου")
    page.get_by_label("Εκδήλωση", exact=True).check()
    page.wait_for_timeout(800)
    metas = page.locator("#search-results .search-meta").all_inner_texts()
    assert metas and all(m.startswith("Εκδήλωση") for m in metas), metas
    known = page.evaluate("import('/pagefind/pagefind.js').then(async m => { await m.init(); return m.filters(); })")
    assert sorted(known) == ["category", "type", "year"], known
    assert "Περιβάλλον" in known["category"] and "2026" in known["year"] and "Σελίδα" in known["type"]
    page.close()


def test_a_filter_checked_while_pagefind_loads_lists_the_static_pages(site_url: str, browser: Browser) -> None:
    """No words, one filter, checked at once: the static pages, which sort after every item."""
    page = browser.new_page()
    page.goto(f"{site_url}/search/")
    page.get_by_label("Σελίδα", exact=True).check()
    page.locator("#search-status").filter(has_text="ρέθηκ").wait_for(timeout=20_000)
    assert sorted(page.locator("#search-results h2").all_inner_texts()) == [
        "Γραφείο Τύπου & επικοινωνία", "Δήλωση προσβασιμότητας", "Πολιτική απορρήτου για τις λίστες ενημέρωσης",
        "Σχετικά με τον ιστότοπο"]
    page.close()


def test_enter_before_pagefind_is_ready_waits_for_it_instead_of_reloading(site_url: str, browser: Browser) -> None:
    """On mobile data Pagefind loads seconds after the page: Enter sent the form (a reload to ?q=…, the focus lost,
    the loading begun again) and the status said nothing meanwhile."""
    page = browser.new_page()
    held: list = []
    page.route("**/pagefind/pagefind.js", lambda route: held.append(route))  # answered when the test says so
    page.goto(f"{site_url}/search/")
    page.evaluate("window.sameDocument = true")
    box = page.get_by_label("Λέξεις που ψάχνετε")
    box.fill("γηπεδα")
    box.press("Enter")
    status = page.locator("#search-status")
    status.filter(has_text="Φόρτωση της αναζήτησης").wait_for(timeout=5_000)
    held[0].continue_()
    status.filter(has_text="ρέθηκ").wait_for(timeout=20_000)
    assert page.evaluate("window.sameDocument") is True, "the page was reloaded"
    assert page.evaluate("document.activeElement.id") == "search-q"
    assert "Νέα γήπεδα 5x5 στο Αθλητικό Κέντρο Τραχώνων" in page.locator("#search-results h2").all_inner_texts()
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_search_page_with_results_meets_wcag_22_aa(site_url: str, browser: Browser, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, bypass_csp=True)  # for axe's own script
    page = context.new_page()
    search(page, site_url, "παραλια")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate("axe.run(document, {runOnly: {type: 'tag', values: "
                          "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})"
                          ".then(r => r.violations.map(v => v.id))")
    assert found == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()


def test_without_javascript_the_page_says_so_and_links_the_archives(sample_site: Path) -> None:
    html = (sample_site / "search/index.html").read_text(encoding="utf-8")
    noscript = html.split("<noscript>", 1)[1].split("</noscript>", 1)[0]
    assert "χρειάζεται JavaScript" in noscript and 'href="/archive/"' in noscript
    assert "'wasm-unsafe-eval'" in html
    other = (sample_site / "index.html").read_text(encoding="utf-8")
    assert "wasm-unsafe-eval" not in other and 'href="/search/"' in other


def indexed_text(bundle: Path) -> str:
    """Everything Pagefind keeps of the pages it indexed (its fragments are gzipped JSON)."""
    return "".join(gzip.decompress(f.read_bytes()).decode() for f in sorted((bundle / "fragment").iterdir()))


def test_a_page_changed_after_indexing_started_is_indexed_again(content_dir: Path, tmp_path: Path) -> None:
    """Pagefind starts before the build ends (the feeds and calendars are made meanwhile): if an indexed
    page is written after it started, the index is made again, never left behind the page."""
    for n, bird in enumerate(("αλκυόνα", "γλάρος")):
        write(content_dir, f"press-releases/2026/deltio-{n}.md", f"""
            ---
            title: Δελτίο {n} για τα πουλιά της ακτής
            date: 2026-11-0{n + 1} 10:00
            category: perivallon
            summary: Παρατηρήσεις πουλιών στην ακτή του Αλίμου.
            ---
            Στην ακτή του Αλίμου παρατηρήθηκε {bird}.
            """)
    cache = tmp_path / "cache"
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW=SAMPLE_NOW, CACHE_PATH=str(cache))
    output = tmp_path / "output"
    build = run_pelican(settings, output, check(settings))
    shutil.rmtree(output / "pagefind")
    indexing = Indexing(build, output, cache, "recent", "pagefind", indexed_pages(build)["recent"])
    indexing.start()
    assert indexing.process is not None
    os.waitid(os.P_PID, indexing.process.pid, os.WEXITED | os.WNOWAIT)  # Pagefind is done (not yet reaped)
    late = next(rel for rel in indexing.pages if "deltio-1" in rel)
    page = output / late
    page.write_text(page.read_text(encoding="utf-8").replace("γλάρος", "κορμοράνος"), encoding="utf-8")
    build.state.new[late] = "written after the index started"
    indexing.finish()
    indexing.record(indexed_pages(build)["recent"])
    text = indexed_text(output / "pagefind")
    assert "κορμοράνος" in text and "γλάρος" not in text and "αλκυόνα" in text


def test_a_build_that_fails_while_pagefind_runs_stops_it(content_dir: Path, tmp_path: Path) -> None:
    """The section lists are made after Pagefind started on the item pages: if one fails, Pagefind is stopped
    at once (a preview server lives on after a failed build) and writes nothing where the build was."""
    write(content_dir, "press-releases/2026/deltio.md", """
        ---
        title: Δελτίο για τα πουλιά της ακτής
        date: 2026-11-01 10:00
        category: perivallon
        summary: Παρατηρήσεις πουλιών στην ακτή του Αλίμου.
        ---
        Στην ακτή του Αλίμου παρατηρήθηκε αλκυόνα.
        """)
    theme = shutil.copytree(ROOT / "theme", tmp_path / "theme")
    section = theme / "templates/section.html"
    section.write_text(section.read_text(encoding="utf-8").replace("<h1>", "{{ no_such_value.attribute }}<h1>"),
                       encoding="utf-8")
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content_dir, KIRYX_NOW=SAMPLE_NOW, THEME=str(theme),
                             CACHE_PATH=str(tmp_path / "cache"))
    with pytest.raises(UndefinedError):
        build(settings, tmp_path / "output")
    assert pagefind_children() == []
    assert not (tmp_path / "output.staging").exists() and not (tmp_path / "output").exists()


def pagefind_children() -> list[int]:
    """This process's child processes that are Pagefind (running, or exited and not reaped)."""
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:  # it ended meanwhile
            continue
        name, fields = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        if fields[1] == str(os.getpid()) and name.startswith("pagefind"):  # fields: state, parent, …
            children.append(int(stat.parent.name))
    return children


def test_a_second_build_on_the_same_cache_waits_for_this_ones_indexing(tmp_path: Path) -> None:
    """Builds sharing a cache (cron publishing while someone builds by hand) share the search's folders: one
    indexes at a time. The test holds the lock as a build indexing would; a build in another process waits for it
    in the kernel (its wait channel says so), then completes with its index once it is released."""
    import fcntl
    import subprocess
    import sys
    import time
    write_releases(tmp_path / "content")
    (tmp_path / "cache").mkdir()
    settings = settings_with(tmp_path, "")
    with (tmp_path / "cache/search.lock").open("a") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        second = subprocess.Popen([sys.executable, str(ROOT / "publish.py"), "build", "--content",
                                   str(tmp_path / "content"), "--settings", str(settings), "--output",
                                   str(tmp_path / "site"), "--now", "2026-11-24 12:00"], stdin=subprocess.DEVNULL,
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.monotonic() + 120
        while "locks_lock" not in Path(f"/proc/{second.pid}/wchan").read_text():
            assert second.poll() is None, second.communicate()
            assert time.monotonic() < deadline, "the second build never waited for the lock"
            time.sleep(0.05)
        assert not (tmp_path / "site").exists()
    out, err = second.communicate(timeout=300)  # released: it goes on
    assert second.returncode == 0, err
    assert "indexed anew: recent (2 pages), 2024 (2 pages), 2023 (1 page)" in err + out
    assert all((tmp_path / "site" / folder / "pagefind-entry.json").is_file() for folder in FOLDERS)


def test_pagefind_writes_its_bundle_in_memory_when_there_is_room(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    memory = tmp_path / "memory"  # a folder of the test's own, standing in for /dev/shm
    memory.mkdir()
    for _ in range(2):
        scratch = scratch_folder(cache, "recent", memory)
        assert scratch.parent == memory and not scratch.exists(), "an empty folder each time"
        (scratch / "fragment").mkdir(parents=True)
        (scratch / "fragment/el_old.pf_fragment").write_bytes(b"a previous run's")
    assert scratch_folder(cache, "2024", memory) != scratch, "one folder per index: two run at once"
    assert scratch_folder(cache, "recent", tmp_path / "no-such-folder") == cache / "search-bundle/recent"


# Press releases across the indexes (SAMPLE_NOW is in 2026): the recent one holds 2025 and 2026, each year before has
# its own. None has tags, so no page but its own shows its words.
RELEASES = {"2026/fanari.md": ("2026-03-02 10:00", "φανάρι"), "2025/sintrivani.md": ("2025-01-10 10:00", "σιντριβάνι"),
            "2024/pagkaki.md": ("2024-06-03 10:00", "παγκάκι"), "2024/dentro.md": ("2024-11-05 10:00", "δέντρο"),
            "2023/kiosko.md": ("2023-05-04 10:00", "κιόσκι")}
FOLDERS = ("pagefind", "pagefind-2024", "pagefind-2023")


def write_releases(content: Path, before: str = "9999") -> None:
    """The RELEASES (those dated before `before`) in `content`, with the press kit's logos."""
    shutil.copytree(LOGO.parent, content / "press-kit" / "logos", dirs_exist_ok=True)
    for rel, (date, thing) in ((rel, release) for rel, release in RELEASES.items() if release[0] < before):
        write(content, f"press-releases/{rel}", f"""
            ---
            title: Νέο {thing} στην πλατεία ({date[:4]})
            date: {date}
            category: perivallon
            summary: Ο Δήμος τοποθέτησε {thing} στην πλατεία.
            ---
            Ο Δήμος Αλίμου τοποθέτησε {thing} στην κεντρική πλατεία.
            """)


@pytest.fixture(scope="module")
def indexes(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A site whose items fill the recent index and two years', and a static page, on nginx with
    docs/nginx-site.conf."""
    root = tmp_path_factory.mktemp("indexes")
    write_releases(root / "content")
    write(root / "content", "pages/plateia.md", """
        ---
        title: Η κεντρική πλατεία
        ---
        Ό,τι υπάρχει στην κεντρική πλατεία.
        """)
    settings = load_settings(ROOT / "pelicanconf.py", PATH=root / "content", KIRYX_NOW=SAMPLE_NOW,
                             CACHE_PATH=str(root / "cache"))
    build(settings, root / "output")
    assert all((root / "output" / folder / "pagefind-entry.json").is_file() for folder in FOLDERS)
    assert 'data-indexes="pagefind pagefind-2024 pagefind-2023"' in (root / "output/search/index.html").read_text(
        encoding="utf-8")
    assert sorted(p.name for p in (root / "output/pagefind-2024").iterdir() if p.is_file())[0] == "pagefind-entry.json"
    assert not list((root / "output/pagefind-2024").glob("*.js")), "the recent bundle's scripts serve every index"
    with nginx(root / "output", root / "nginx") as url:
        yield url


def test_every_index_is_searched_as_one(indexes: str, browser: Browser) -> None:
    page = browser.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    for query, title in (("κιοσκι", "Νέο κιόσκι στην πλατεία (2023)"), ("φαναρι", "Νέο φανάρι στην πλατεία (2026)"),
                         ("δεντρο", "Νέο δέντρο στην πλατεία (2024)")):
        assert search(page, indexes, query)[1] == [title]  # one in each index
    status, titles = search(page, indexes, "πλατεια")
    assert status.startswith("Βρέθηκαν 6 αποτελέσματα"), status
    assert errors == []
    page.close()


def test_sorted_by_date_the_newest_come_first_across_the_indexes(indexes: str, browser: Browser) -> None:
    """Filters without words list the newest first, across the indexes (Pagefind orders them by each result's place
    in its own index: they interleaved), and the static pages last."""
    page = browser.new_page()
    page.goto(f"{indexes}/search/")
    page.get_by_label("Περιβάλλον", exact=True).check()
    page.locator("#search-status").filter(has_text="ρέθηκ").wait_for(timeout=20_000)
    things = [title.split()[1] for title in page.locator("#search-results h2").all_inner_texts()]
    assert things == ["φανάρι", "σιντριβάνι", "δέντρο", "παγκάκι", "κιόσκι"], things
    page.get_by_label("2024", exact=True).check()
    page.locator("#search-status").filter(has_text="Βρέθηκαν 2").wait_for(timeout=20_000)
    assert page.locator("#search-results h2").all_inner_texts() == [
        "Νέο δέντρο στην πλατεία (2024)", "Νέο παγκάκι στην πλατεία (2024)"]
    page.get_by_label("Περιβάλλον", exact=True).uncheck()
    page.get_by_label("2024", exact=True).uncheck()
    page.get_by_label("Σελίδα", exact=True).check()
    page.locator("#search-status").filter(has_text="Βρέθηκε 1").wait_for(timeout=20_000)
    page.get_by_label("Δελτίο Τύπου", exact=True).check()
    page.locator("#search-status").filter(has_text="Βρέθηκαν 6").wait_for(timeout=20_000)
    assert page.locator("#search-results h2").all_inner_texts()[-1] == "Η κεντρική πλατεία", "the static page last"
    page.close()


def test_an_edit_indexes_the_index_of_its_year_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_releases(tmp_path / "content")
    settings = load_settings(ROOT / "pelicanconf.py", PATH=tmp_path / "content", KIRYX_NOW=SAMPLE_NOW,
                             CACHE_PATH=str(tmp_path / "cache"))
    output = tmp_path / "output"
    build(settings, output)
    assert "indexed anew: recent (2 pages), 2024 (2 pages), 2023 (1 page) in" in capsys.readouterr().out

    def files() -> dict[str, int]:
        return {p.relative_to(output).as_posix(): p.stat().st_ino for folder in FOLDERS
                for p in (output / folder).rglob("*") if p.is_file()}

    before = files()
    for rel, index in (("2026/fanari.md", "recent"), ("2024/pagkaki.md", "2024")):
        edited = tmp_path / "content/press-releases" / rel
        edited.write_text(edited.read_text(encoding="utf-8").replace("κεντρική", "μεγάλη"), encoding="utf-8")
        build(settings, output)
        assert f"indexed anew: {index} (" in capsys.readouterr().out
        after = files()
        named = folders(["recent", "2024", "2023"])
        others = [folder for name, folder in named.items() if name != index]
        assert {f: i for f, i in after.items() if f.startswith(tuple(f"{o}/" for o in others))} == {
            f: i for f, i in before.items() if f.startswith(tuple(f"{o}/" for o in others))}, "the others: the same"
        assert "μεγάλη" in indexed_text(output / named[index])
        before = after
    assert "μεγάλη" not in indexed_text(output / "pagefind-2023")


def test_with_nothing_recent_the_newest_year_is_the_primary_index(tmp_path: Path, browser: Browser) -> None:
    """No static page and no item of this year or the last: the first index was a year's, kept without Pagefind's
    scripts, and the search page said search was not available. The first index is whole, at /pagefind/."""
    content = tmp_path / "content"
    write_releases(content, before="2025")
    settings = load_settings(ROOT / "pelicanconf.py", PATH=content, KIRYX_NOW=SAMPLE_NOW,
                             CACHE_PATH=str(tmp_path / "cache"))
    build(settings, tmp_path / "output")
    assert 'data-indexes="pagefind pagefind-2023"' in (tmp_path / "output/search/index.html").read_text(
        encoding="utf-8")
    assert (tmp_path / "output/pagefind/pagefind.js").is_file() and "δέντρο" in indexed_text(tmp_path / "output/pagefind")
    with nginx(tmp_path / "output", tmp_path / "nginx") as url:
        page = browser.new_page()
        assert search(page, url, "κιοσκι")[1] == ["Νέο κιόσκι στην πλατεία (2023)"]
        page.close()

"""The built sample site: valid HTML (Nu Html Checker), WCAG 2.2 AA (axe-core in Chromium, desktop and phone widths),
no external resources, a working CSP, a skip link, visible focus, and no overflow at 360 px."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser

from kiryx.site import ROOT
from tests.browser import chromium, html_pages, serve

TOOLS = ROOT / "tests" / "node_modules"
VNU = TOOLS / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = TOOLS / "axe-core" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]  # WCAG 2.2 AA (target size, …)
WIDTHS = (1280, 390)  # a desktop and a phone
# One page of each template, for the checks that need not run on every page.
SAMPLES = ["/", "/press-releases/", "/press-releases/2026/ethelontikos-katharismos-tis-aktis-kalamakiou/",
           "/events/", "/events/2026/synentefxi-typou-gia-ton-proypologismo-2027/", "/feeds/", "/leaflets/odigos-anakyklosis-poios-kados-gia-ti/", "/category/perivallon/", "/tag/", "/archive/2026/",
           "/grafeio-typou/", "/404.html"]


@pytest.fixture(scope="module")
def site_url(sample_site: Path) -> Iterator[str]:
    with serve(sample_site) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with chromium() as browser:
        yield browser


def test_every_page_is_valid_html(sample_site: Path) -> None:
    result = subprocess.run(["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json",
                             str(sample_site)], capture_output=True, text=True, timeout=600)
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [f"{m.get('url', '').split(str(sample_site))[-1]}:{m.get('lastLine')}: {m['message']}" for m in messages]
    assert errors == []
    assert len(list(sample_site.rglob("*.html"))) > 80


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_meets_wcag_22_aa(sample_site: Path, site_url: str, browser: Browser, width: int) -> None:
    context = browser.new_context(bypass_csp=True, viewport={"width": width, "height": 900})
    context.add_init_script(path=str(AXE))  # given once, not sent with every page: 40 % of the test's time
    page = context.new_page()
    violations = []
    pages = html_pages(sample_site)
    for path in pages:
        page.goto(site_url + path)
        found = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})"
                              ".then(r => r.violations.map(v => [v.id, v.nodes.map(n => n.target.join(' '))]))",
                              WCAG_AA)
        violations += [f"{path}: {rule} at {targets[:3]}" for rule, targets in found]
    context.close()
    assert violations == []
    assert len(pages) > 80


def test_pages_load_without_console_errors_or_csp_violations(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    problems: list[str] = []
    page.on("console", lambda msg: problems.append(f"{page.url}: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda err: problems.append(f"{page.url}: {err}"))
    for path in SAMPLES:
        response = page.goto(site_url + path)
        assert response and (response.ok or path == "/404.html"), path
    page.close()
    assert problems == []


@pytest.mark.parametrize(("width", "text"), [(360, "100%"), (390, "200%")])
def test_no_page_overflows_a_phone_even_with_text_at_200_percent(site_url: str, browser: Browser, width: int,
                                                                 text: str) -> None:
    """WCAG 1.4.4 and 1.4.10 on a phone: the dates' labels took the whole width and the date ran off-screen, one
    letter a line; the search box made the page 508 px wide."""
    page = browser.new_page(viewport={"width": width, "height": 740})
    wide = {}
    for path in [*SAMPLES, "/search/", "/press-kit/"]:
        page.goto(site_url + path)
        page.evaluate(f"document.documentElement.style.fontSize = '{text}'")
        scrolled = page.evaluate("document.documentElement.scrollWidth")
        if scrolled > width:
            wide[path] = scrolled
    page.close()
    assert wide == {}


def test_a_table_on_a_phone_scrolls_sideways_with_its_words_and_amounts_whole(site_url: str,
                                                                            browser: Browser) -> None:
    """`overflow-wrap: anywhere` let the table squeeze every column: «128.00|0 €» on two lines (another amount),
    «Προϋπ|ολογισ|μός», and the table never scrolled. It scrolls now, in a region a keyboard can reach."""
    page = browser.new_page(viewport={"width": 360, "height": 740})
    page.goto(site_url + "/press-releases/2026/anakainizontai-oi-avles-exi-scholeion-tou-alimou/")
    region = page.get_by_role("region", name="Πίνακας 1")
    assert region.get_attribute("tabindex") == "0"
    widths = region.evaluate("r => [r.scrollWidth, r.clientWidth]")
    assert widths[0] > widths[1], widths
    broken = page.evaluate("""() => {  // each word of each cell: on one line
        const split = [];
        const walker = document.createTreeWalker(document.querySelector('.table-scroll'), NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (const word of node.data.matchAll(/\\S+/g)) {
                const range = document.createRange();
                range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
                if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) split.push(word[0]);
            }
        }
        return split;
    }""")
    page.close()
    assert broken == []


def test_the_menu_says_where_the_reader_is_also_in_forced_colours(site_url: str, browser: Browser) -> None:
    """A press release is in «Δελτία Τύπου», not that page itself (aria-current="true"); in Windows' high-contrast
    mode the transparent line under every menu link showed, so every link looked current, and the search button
    had no outline."""
    page = browser.new_page()
    page.emulate_media(forced_colors="active")
    marks = """() => [...document.querySelectorAll('.site-nav a')].map(a => [a.textContent.trim(),
        a.getAttribute('aria-current'), getComputedStyle(a).borderBottomWidth])"""
    for path, current in (("/press-releases/", "page"), (SAMPLES[2], "true")):
        page.goto(site_url + path)
        shown = page.evaluate(marks)
        assert [(name, mark) for name, mark, _ in shown if mark] == [("Δελτία Τύπου", current)], path
        assert {(bool(mark), width) for _, mark, width in shown} == {(True, "3px"), (False, "0px")}, path
    page.goto(site_url + "/search/")
    assert page.evaluate("getComputedStyle(document.querySelector('.search-box button')).borderTopWidth") != "0px"
    page.close()


def test_no_two_regions_of_a_page_have_one_name(sample_site: Path) -> None:
    """axe's best practice (landmark-unique): the item page's contact box and the footer were both named after the
    office, so a screen reader's list of regions had it twice."""
    repeated = {}
    for page in sample_site.rglob("*.html"):
        tree = lxml.html.parse(str(page))
        names = [tree.xpath(f"string(//*[@id='{el.get('aria-labelledby')}'])").strip()
                 for el in tree.xpath("//section[@aria-labelledby] | //aside[@aria-labelledby]")]
        names += [el.get("aria-label") for el in tree.xpath("//nav[@aria-label] | //section[@aria-label]")]
        if len(names) != len(set(names)):
            repeated[page.relative_to(sample_site).as_posix()] = sorted(n for n in names if names.count(n) > 1)
    assert repeated == {}


def test_links_of_one_name_lead_to_one_place(sample_site: Path) -> None:
    """A screen reader's list of links: 53 «Atom» and 53 «RSS» on /feeds/, «ZIP» per month, «Αίτημα εγγραφής» per
    list, each to another place. A category and a tag of one name stay apart by their sections (the tags' own
    heading), so they are not counted."""
    repeated = {}
    for page in sample_site.rglob("*.html"):
        if "admin" in page.parts:
            continue
        targets: dict[str, set[str]] = {}
        for link in lxml.html.parse(str(page)).xpath("//a[@href]"):
            href = link.get("href")
            if not href.startswith(("/tag/", "/category/")):
                targets.setdefault(" ".join(link.text_content().split()), set()).add(href)
        if found := sorted(name for name, hrefs in targets.items() if len(hrefs) > 1):
            repeated[page.relative_to(sample_site).as_posix()] = found
    assert repeated == {}


def test_every_page_shares_with_a_card_and_the_error_page_is_not_indexed(sample_site: Path) -> None:
    """82 pages (home, sections, archives, the press kit) had no Open Graph card; the 404 page was indexable."""
    for page in [p for p in sample_site.rglob("*.html") if "admin" not in p.parts and p.name != "404.html"]:
        tree = lxml.html.parse(str(page))
        if tree.xpath("//meta[@http-equiv='refresh']"):
            continue  # a moved item's old address: it sends the reader on
        image = tree.xpath("string(//meta[@property='og:image']/@content)")
        assert image.startswith("https://press.alimos.gr/"), page
        assert (sample_site / image.removeprefix("https://press.alimos.gr/")).is_file(), page
    error = lxml.html.parse(str(sample_site / "404.html"))
    assert error.xpath("//meta[@name='robots']/@content") == ["noindex"] and not error.xpath("//link[@rel='canonical']")


def test_skip_link_comes_first_and_focus_is_visible(site_url: str, browser: Browser) -> None:
    page = browser.new_page()
    page.goto(site_url + SAMPLES[2])
    page.keyboard.press("Tab")
    focused = page.evaluate("""() => { const a = document.activeElement, r = a.getBoundingClientRect(),
        s = getComputedStyle(a); return [a.textContent.trim(), a.getAttribute('href'), r.top >= 0 && r.height > 0,
        s.outlineStyle, s.outlineWidth]; }""")
    assert focused[:3] == ["Μετάβαση στο περιεχόμενο", "#main", True]
    assert focused[3] != "none" and focused[4] != "0px"
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert inside_main, "after the skip link, Tab moves into the main content"
    page.close()


def test_no_external_resources_and_a_csp_on_every_page(sample_site: Path) -> None:
    external = re.compile(r'<(?:script|link|img|iframe|source)\b[^>]*\b(?:src|href|srcset)="(?:https?:)?//', re.I)
    for page in sample_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        rel = page.relative_to(sample_site)
        if rel.parts[0] == "admin":
            continue  # the browser editor has a CSP of its own (test_admin.py)
        assert '<html lang="el">' in html, rel
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'self\';' in html, rel
        hits = [m.group(0) for m in external.finditer(html) if 'rel="canonical"' not in m.group(0)
                and 'rel="alternate"' not in m.group(0)]
        assert hits == [], rel


def test_theme_css_stays_under_30_kb() -> None:
    total = sum(p.stat().st_size for p in (ROOT / "theme" / "static").rglob("*.css"))
    assert total < 30_000

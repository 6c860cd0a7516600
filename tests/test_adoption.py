"""Another municipality adopts Kiryx by editing its settings and content only: nothing of Alimos reaches its site,
its mails or its downloads, and its own facts (colour, names in the right case, address parts) are where Alimos'
were."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from PIL import Image

from kiryx.cli import main
from kiryx.site import ROOT, build, load_settings
from tests.conftest import SAMPLE_NOW, write

FALIRO = {
    "municipality": {"name": "Δήμος Παλαιού Φαλήρου", "website": "https://www.palaiofaliro.gr",
                     "logo": "press-kit/logos/faliro.svg", "logo_png": "press-kit/logos/faliro.png",
                     "brand_color": "#005a3c"},
    "press_office": {"name": "Διεύθυνση Επικοινωνίας", "street": "Τερψιχόρης 51", "postcode": "17562",
                     "city": "Παλαιό Φάληρο", "phone": "+30 210 9821000", "email": "press@palaiofaliro.gr"},
    "categories": [{"slug": "texnika-erga", "name": "Τεχνικά Έργα"}],
    "site_url": "https://press.palaiofaliro.gr",
    "accessibility": {"status": "partial", "prepared": "2026-10-01", "reviewed": "2026-10-01"},
    "pages": {"contact": "epikoinonia/", "about": "schetika/", "accessibility": "prosvasimotita/",
              "privacy": "aporrito/"},
    "mailing_lists": [{"name": "Δημοσιογράφοι", "address": "press-list@lists.palaiofaliro.gr",
                       "types": ["press-releases", "events", "coverage"]}],
}
ALIMOS_BLUE = ("0b4f8a", "073764")
ALIMOS = ("Αλίμου", "Άλιμο", "ΑΛΙΜΟΥ", "alimos", "Αριστοτέλους", "2132008044", "213-2008044", *ALIMOS_BLUE)


@pytest.fixture
def faliro(tmp_path: Path) -> Path:
    """A Palaio Faliro press office's content: its logos, a release with a photo, an event, coverage, its pages."""
    content = tmp_path / "content"
    logos = content / "press-kit/logos"
    logos.mkdir(parents=True)
    (logos / "faliro.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" '
                                      'cy="5" r="5" fill="#005a3c"/></svg>\n', encoding="utf-8")
    Image.new("RGB", (400, 400), "#005a3c").save(logos / "faliro.png")
    (content / "media/2026").mkdir(parents=True)
    Image.new("RGB", (1800, 1200), (30, 90, 60)).save(content / "media/2026/edem.jpg", "JPEG")
    write(content, "press-releases/2026/edem.md", """
        ---
        title: Ανάπλαση της παραλίας του Έδεμ
        date: 2026-11-20 10:00
        summary: Ξεκινά η ανάπλαση της παραλίας του Έδεμ.
        category: texnika-erga
        images:
          - file: media/2026/edem.jpg
            alt: Η παραλία του Έδεμ
            caption: Η παραλία σήμερα
        ---
        Οι εργασίες διαρκούν τρεις μήνες.
        """)
    write(content, "events/2026/synentefxi.md", """
        ---
        title: Συνέντευξη Τύπου για την ανάπλαση
        date: 2026-11-20 11:00
        summary: Ο Δήμαρχος παρουσιάζει το έργο.
        start: 2026-12-02 11:00
        end: 2026-12-02 12:00
        location: Δημαρχείο Παλαιού Φαλήρου
        press_conference: true
        ---
        Πρόσκληση.
        """)
    write(content, "coverage/2026/edem.md", """
        ---
        title: Η ανάπλαση του Έδεμ στον Τύπο
        date: 2026-11-21
        outlet: Νότια Νέα
        url: https://notia.example/edem
        kind: web
        excerpt: Για την ανάπλαση του Έδεμ.
        ---
        Σχόλιο.
        """)
    for slug, title in (("epikoinonia", "Επικοινωνία"), ("schetika", "Σχετικά"),
                        ("prosvasimotita", "Δήλωση προσβασιμότητας"), ("aporrito", "Πολιτική απορρήτου")):
        write(content, f"pages/{slug}.md", f"---\ntitle: {title}\n---\nΚείμενο.\n")
    settings = tmp_path / "faliro.py"
    settings.write_text(f"import sys\nsys.path.insert(0, {str(ROOT)!r})\nfrom pelicanconf import *\n"
                        f"KIRYX = {FALIRO!r}\nSITENAME = 'Διεύθυνση Επικοινωνίας · Δήμος Παλαιού Φαλήρου'\n"
                        f"PATH = {str(content)!r}\nCACHE_PATH = {str(tmp_path / 'cache')!r}\n"
                        f"KIRYX_NOW = {SAMPLE_NOW!r}\n", encoding="utf-8")
    return settings


def texts(folder: Path) -> dict[str, str]:
    """Every text a reader or a journalist can get from a folder: its files and the members of its ZIPs."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        rel = path.relative_to(folder).as_posix()
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                found |= {f"{rel}!{name}": archive.read(name).decode("utf-8", "replace") for name in archive.namelist()}
        elif path.suffix not in (".jpg", ".png", ".webp", ".pf_fragment", ".pf_index", ".pf_meta", ".wasm"):
            found[rel] = path.read_bytes().decode("utf-8", "replace")
    return found


def test_an_adopting_municipality_publishes_nothing_of_alimos(faliro: Path, tmp_path: Path) -> None:
    site = build(load_settings(faliro), tmp_path / "site").output
    assert main(["mail-preview", str(tmp_path / "content/press-releases/2026/edem.md"), "--settings", str(faliro),
                 "--content", str(tmp_path / "content"), "--out", str(tmp_path / "mail")]) == 0
    everything = texts(site) | texts(tmp_path / "mail")
    assert len(everything) > 50
    leftovers = {rel: word for rel, text in everything.items() for word in ALIMOS if word in text
                 and not (rel == "theme/css/kiryx.css" and word in ALIMOS_BLUE)}  # the theme's own, overridden
    assert not leftovers, leftovers

    release = everything["press-releases/2026/anaplasi-tis-paralias-tou-edem/index.html"]
    assert 'Η παραλία σήμερα <span class="credit">Φωτογραφία: Δήμος Παλαιού Φαλήρου</span>' in release
    assert 'href="tel:+302109821000"' in release, "a number written with its '+' keeps its own country code"
    assert "Δήμος Παλαιού Φαλήρου<br>" in release and "17562 Παλαιό Φάληρο<br>" in release, "no empty parts"
    assert "για τον Δήμο Παλαιού Φαλήρου και" in everything["coverage/index.html"]
    assert "επαφές του Δήμου Παλαιού Φαλήρου" in everything["press-kit/index.html"]
    assert everything["theme/css/brand.css"] == ":root { --brand: #005a3c; --brand-dark: #003f2a; }\n"
    assert 'fill="#005a3c"' in everything["favicon.svg"]
    assert 'href="/theme/css/brand.css"' in release and 'href="/favicon.svg"' in release
    mail = next((tmp_path / "mail").glob("*.html")).read_text(encoding="utf-8")
    assert "color: #005a3c" in mail

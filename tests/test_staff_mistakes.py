"""The mistakes staff really make: each gets its line, field and a Greek message saying what to type,
and nothing is built while it is an error."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from kiryx.cli import main
from kiryx.content.frontmatter_lint import lint
from kiryx.site import ROOT
from tests.conftest import write
from tests.pdfs import text_pdf
from tests.test_images import photo

HEAD = "---\ntitle: Καθαρισμός της ακτής\ndate: 2026-06-05 10:00\nsummary: Εθελοντές στην ακτή.\ncategory: perivallon\n"


def check_greek(content: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[str]]:
    code = main(["check", "--content", str(content), "--lang", "el"])
    lines = capsys.readouterr().out.strip().splitlines()[:-1]
    return code, [line.split(str(content) + "/", 1)[-1] for line in lines]


def builds(content: Path, tmp_path: Path) -> bool:
    result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "build", "--content", str(content),
                             "--output", str(tmp_path / "out")], capture_output=True, text=True, timeout=120,
                            stdin=subprocess.DEVNULL)
    return result.returncode == 0 and (tmp_path / "out/index.html").is_file()


@pytest.mark.parametrize(("fields", "expected", "is_error"), [
    ("tags: [Ασφάλεια]\nnote_title: x\n", None, False),  # the good case (an unknown field only warns)
    ('title2: Ο Δήμος στηρίζει το #ΜένουμεΑσφαλείς\n',
     "press-releases/2026/a.md:6: title2: ό,τι ακολουθεί το '#' θα χανόταν, γιατί η YAML το διαβάζει ως σχόλιο· βάλτε την τιμή σε "
     "εισαγωγικά: title2: \"Ο Δήμος στηρίζει το #ΜένουμεΑσφαλείς\"", True),
    ("tags: #Εθελοντισμός #Παραλία\n",
     "press-releases/2026/a.md:6: tags: ό,τι ακολουθεί το '#' θα χανόταν, γιατί η YAML το διαβάζει ως σχόλιο· βάλτε την τιμή σε "
     "εισαγωγικά: tags: [Εθελοντισμός, Παραλία]", True),
    ("image: media\\2026\\x.jpg\nimage_alt: Η ακτή\n",
     "press-releases/2026/a.md:6: image: στις διαδρομές γράφεται '/', όχι '\\': image: media/2026/x.jpg", True),
    ("image: content/media/2026/x.jpg\nimage_alt: Η ακτή\n",
     "press-releases/2026/a.md:6: image: γράψτε τη διαδρομή όπως είναι μέσα στον φάκελο content/: image: media/2026/x.jpg", True),
    ("image: /media/2026/x.jpg\nimage_alt: Η ακτή\n",
     "press-releases/2026/a.md:6: image: γράψτε τη διαδρομή όπως είναι μέσα στον φάκελο content/: image: media/2026/x.jpg", True),
    ("image: media/2026/X.JPG\nimage_alt: Η ακτή\n",
     "press-releases/2026/a.md:6: image: το 'media/2026/X.JPG' δεν υπάρχει στον φάκελο content/· μήπως εννοείτε το "
     "'media/2026/x.jpg';", True),
    ("image: media/2026/xx.jpg\nimage_alt: Η ακτή\n",
     "press-releases/2026/a.md:6: image: το 'media/2026/xx.jpg' δεν υπάρχει στον φάκελο content/· μήπως εννοείτε το "
     "'media/2026/x.jpg';", True),
    ("tags:\n\t- Παραλία\n",
     "press-releases/2026/a.md:7: πεδία: η γραμμή έχει χαρακτήρα Tab· για εσοχή χρησιμοποιήστε κενά (το πλήκτρο Tab μπορεί "
     "να βάζει τέτοιον χαρακτήρα)", True),
])
def test_front_matter_mistakes(content_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                               fields: str, expected: str | None, is_error: bool) -> None:
    photo(content_dir / "media/2026/x.jpg", size=(600, 400))
    write(content_dir, "press-releases/2026/a.md", HEAD + fields + "---\nΚείμενο.\n")
    code, problems = check_greek(content_dir, capsys)
    if expected is None:
        assert code == 0 and builds(content_dir, tmp_path)
        return
    assert expected in problems, problems
    assert code == 1 and not builds(content_dir, tmp_path)


def test_typographic_quotes_are_left_out_with_a_warning(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    write(content_dir, "press-releases/2026/a.md", HEAD.replace(
        "title: Καθαρισμός της ακτής", "title: “Απάντηση: τα στοιχεία”") + "---\nΚείμενο.\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 0
    assert problems == ["press-releases/2026/a.md:2: title: προειδοποίηση: η τιμή είναι σε τυπογραφικά εισαγωγικά "
                        "“…”, που παραλείπονται· για εισαγωγικά γύρω από μια τιμή γράψτε ίσια: title: \"…\""]
    assert builds(content_dir, tmp_path)
    assert "<h1 id=\"item-title\">Απάντηση: τα στοιχεία</h1>" in (
        tmp_path / "out/press-releases/2026/apantisi-ta-stoicheia/index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("tags", ["tags: [“Κυκλοφορία”, ‘Αγώνας’]\n", "tags:\n  - “Κυκλοφορία”\n  - ‘Αγώνας’\n"])
def test_typographic_quotes_in_a_list_are_left_out_with_a_warning(content_dir: Path, tmp_path: Path, tags: str,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A tag «‘Αγώνας’» was kept with its quotes, as a tag of its own: its page's name had them."""
    write(content_dir, "press-releases/2026/a.md", HEAD + tags + "---\nΚείμενο.\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 0 and problems and all("tags: προειδοποίηση: η τιμή είναι σε τυπογραφικά εισαγωγικά" in p
                                          for p in problems), problems
    assert builds(content_dir, tmp_path)
    page = (tmp_path / "out/press-releases/2026/katharismos-tis-aktis/index.html").read_text(encoding="utf-8")
    assert ">Κυκλοφορία<" in page and ">Αγώνας<" in page and "‘" not in page and "“Κυκλοφορία" not in page


@pytest.mark.parametrize("text", ["\nΟ Δήμος ανακοινώνει.\n\n---\n\nΚάτι ακόμη.\n",
                                  "## Πρόγραμμα\n\nΟ Δήμος ανακοινώνει.\n"])  # a heading: the text, not a YAML note
def test_a_missing_closing_line_is_found_where_the_text_begins(content_dir: Path, text: str,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/a.md", HEAD + text)
    code, problems = check_greek(content_dir, capsys)
    line = 6 if text.startswith("##") else 7
    assert code == 1
    assert problems == [f"press-releases/2026/a.md:{line}: πεδία: τα πεδία τελειώνουν πριν από τη γραμμή {line}, "
                        "αλλά λείπει η γραμμή '---' που τα κλείνει· προσθέστε μια γραμμή '---' ακριβώς από πάνω της"]


@pytest.mark.parametrize(("change", "expected"), [
    (("title: ", "title:"), "press-releases/2026/a.md:2: title: βάλτε ένα κενό μετά την άνω και κάτω τελεία: "
                            "title: Καθαρισμός της ακτής"),
    (("date: ", "ημερομηνία: "), "press-releases/2026/a.md:3: ημερομηνία: προειδοποίηση: άγνωστο πεδίο, αγνοείται· "
                                 "μήπως εννοείτε 'date';"),
    (("summary: Εθελοντές στην ακτή.", "summary: Ο Δήμαρχος δήλωσε: ευχαριστούμε"),
     'press-releases/2026/a.md:4: summary: η τιμή έχει άνω και κάτω τελεία, που η YAML τη διαβάζει ως αρχή άλλου '
     'πεδίου· βάλτε την τιμή σε εισαγωγικά: summary: "Ο Δήμαρχος δήλωσε: ευχαριστούμε"'),
    (("category: perivallon\n", "category: perivallon\ntags:\n-Παραλία\n"),
     "press-releases/2026/a.md:7: πεδία: βάλτε ένα κενό μετά την παύλα του στοιχείου της λίστας: - Παραλία"),
    # a field without its colon: a '---' added above it, as the missing-line advice said, published the rest as text
    (("category: perivallon\n", "category: perivallon\nlocation Αίθουσα Δημοτικού Συμβουλίου\ntags: [Πράσινο]\n"),
     "press-releases/2026/a.md:6: πεδία: μετά το 'location' χρειάζεται άνω και κάτω τελεία, όπως σε κάθε πεδίο: "
     "location: Αίθουσα Δημοτικού Συμβουλίου"),
    (("category: perivallon\n", "category: perivallon\nLocation= Αίθουσα\n"),  # as a phone types it
     "press-releases/2026/a.md:6: πεδία: μετά το 'location' χρειάζεται άνω και κάτω τελεία, όπως σε κάθε πεδίο: "
     "location: Αίθουσα"),
    (("category: perivallon\n", "category: perivallon\ntags\n  - Παιδιά\n"),  # its list below
     "press-releases/2026/a.md:6: πεδία: μετά το 'tags' χρειάζεται άνω και κάτω τελεία, όπως σε κάθε πεδίο: tags: "),
    (("category: perivallon\n", "category: perivallon\nimages:\n  - file media/2026/x.jpg\n    alt: Ο Δήμαρχος\n"),
     "press-releases/2026/a.md:7: πεδία: μετά το 'file' χρειάζεται άνω και κάτω τελεία, όπως σε κάθε πεδίο: "
     "file: media/2026/x.jpg"),  # YAML's «mapping values are not allowed here», on the line after
    (("category: perivallon\n", "category perivallon\n"),  # the last field
     "press-releases/2026/a.md:5: πεδία: μετά το 'category' χρειάζεται άνω και κάτω τελεία, όπως σε κάθε πεδίο: "
     "category: perivallon"),
    (("category: perivallon\n", "category: perivallon\nΣημείωση: δεν έχει εγκριθεί\ntags: [Πράσινο]\n"), None),
    (("category: perivallon\n", "category: perivallon\nΠρος έγκριση από τη Δημαρχία\ntags: [Πράσινο]\n"),
     "press-releases/2026/a.md:6: πεδία: η γραμμή δεν είναι πεδίο ('όνομα: τιμή')· το κείμενο μπαίνει κάτω από τη "
     "γραμμή '---' που κλείνει τα πεδία"),
    (("category: perivallon\n", "category: perivallon\nimages:\n  - file: media/2026/x.jpg\n    alt Ο Δήμαρχος\n"),
     "press-releases/2026/a.md:8: πεδία: μετά το 'alt' χρειάζεται άνω και κάτω τελεία, όπως σε κάθε πεδίο: "
     "alt: Ο Δήμαρχος"),  # YAML's «could not find expected ':'», in English, on the line after
])
def test_a_slip_in_a_field_line_is_told_as_itself_not_as_a_missing_closing_line(
        content_dir: Path, capsys: pytest.CaptureFixture[str], change: tuple[str, str], expected: str | None,
) -> None:
    """Greek field names, no space after ':', a colon in a value: the closing '---' is there."""
    write(content_dir, "press-releases/2026/a.md", HEAD.replace(*change) + "---\nΚείμενο.\n")
    problems = check_greek(content_dir, capsys)[1]
    assert expected in problems if expected else not any(": πεδία: " in p for p in problems), problems
    assert not any("λείπει η γραμμή '---'" in p for p in problems), problems


def test_yaml_guesses_only_true_and_false(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    """A summary `yes`, tags `no` and `on`, a time 21:30 stay words; `notify: ναι` is yes."""
    write(content_dir, "press-releases/2026/a.md", HEAD.replace("summary: Εθελοντές στην ακτή.", "summary: yes") +
          "tags: [no, on, 21:30]\nchanges:\n  - date: 2026-06-06 10:00\n    note: Διόρθωση.\n    notify: ναι\n"
          "---\nΚείμενο.\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 0, problems
    page = (tmp_path / "out/press-releases/2026/katharismos-tis-aktis/index.html")
    assert builds(content_dir, tmp_path)
    html = page.read_text(encoding="utf-8")
    assert '<meta name="description" content="yes">' in html
    assert ">no</a>" in html and ">on</a>" in html and ">21:30</a>" in html and ">False</a>" not in html


EVENT = """---
title: Συναυλία
date: {date}
summary: Συναυλία στην πλατεία.
start: 2026-12-05 19:00
end: {end}
---
"""


def test_an_end_without_a_date_says_which_date(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "events/2026/synavlia.md", EVENT.format(date="2026-11-20 10:00", end="21:30"))
    code, problems = check_greek(content_dir, capsys)
    assert code == 1
    assert problems == ["events/2026/synavlia.md:6: end: η ώρα θέλει και ημερομηνία: end: 2026-12-05 21:30"]
    write(content_dir, "events/2026/synavlia.md", EVENT.format(date="2026-11-20 10:00", end="21:30").replace(
        "start: 2026-12-05 19:00", "start: 19:00"))
    code, problems = check_greek(content_dir, capsys)
    assert problems[0] == "events/2026/synavlia.md:5: start: η ώρα θέλει και ημερομηνία: start: 2026-11-20 19:00", \
        "no start day: the publication's, not a day of Kiryx's own (it proposed 5 December, already past)"


def test_an_announcement_dated_after_its_event_is_explained(content_dir: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "events/2026/synavlia.md", EVENT.format(date="2026-12-06 10:00", end="2026-12-05 21:00"))
    code, problems = check_greek(content_dir, capsys)
    assert code == 0
    assert problems == ["events/2026/synavlia.md:3: date: προειδοποίηση: η ανακοίνωση έχει ημερομηνία "
                        "2026-12-06 10:00, μετά την έναρξη της εκδήλωσης (2026-12-05 19:00), άρα δεν θα δημοσιευθεί "
                        "ως τότε: το 'date' είναι πότε βγαίνει η ανακοίνωση, το 'start' πότε αρχίζει η εκδήλωση"]


@pytest.mark.parametrize("typed", ["ΠΕΡΙΒΑΛΛΟΝ", "περιβαλλον", "Περιβάλλον", "perivallon"])
def test_categories_match_whatever_the_case_and_accents(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                        typed: str) -> None:
    write(content_dir, "press-releases/2026/a.md", HEAD.replace("perivallon", typed) + "---\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 0
    canonical = typed in ("Περιβάλλον", "perivallon")
    assert problems == ([] if canonical else [
        "press-releases/2026/a.md:5: category: προειδοποίηση: γράψτε την κατηγορία ως 'Περιβάλλον' (ή 'perivallon')"])


@pytest.mark.parametrize(("rel", "proposed"), [
    ("files/2026/Απόφαση ΔΣ 12-2026.pdf", "files/2026/apofasi-ds-12-2026.pdf"),
    ("media/2026/IMG 2034.JPG", "media/2026/img-2034.jpg"),
    ("press-releases/2026/Δελτίο καθαρισμός ακτής.md", "press-releases/2026/deltio-katharismos-aktis.md"),
    ("media/Φωτογραφίες/plateia.jpg", "media/fotografies/plateia.jpg"),
])
def test_file_names_must_fit_a_web_address(content_dir: Path, capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                           rel: str, proposed: str) -> None:
    if rel.endswith(".md"):
        write(content_dir, rel, HEAD + "---\n")
    else:
        (content_dir / rel).parent.mkdir(parents=True, exist_ok=True)
        (content_dir / rel).write_bytes(text_pdf())
        write(content_dir, "press-releases/2026/a.md", HEAD + "---\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 1
    assert f"{rel}:1: αρχείο: αυτό το όνομα θα έβαζε κεφαλαία, κενά ή ελληνικά γράμματα σε διεύθυνση του ιστότοπου· " \
           f"μετονομάστε το σε {proposed}" in problems, problems
    assert not builds(content_dir, tmp_path)


def test_new_takes_a_title_without_quotes(content_dir: Path) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "publish.py"), "new", "press-release", "Καθαρισμός", "της",
                             "ακτής", "--content", str(content_dir), "--lang", "el"], capture_output=True, text=True,
                            timeout=60, stdin=subprocess.DEVNULL)
    assert result.returncode == 0, result.stderr
    assert "Δημιουργήθηκε το" in result.stdout and "katharismos-tis-aktis.md" in result.stdout
    made = next(content_dir.rglob("katharismos-tis-aktis.md")).read_text(encoding="utf-8")
    assert made.startswith('---\ntitle: "Καθαρισμός της ακτής"')


def test_the_shipped_settings_link_no_unconfigured_host(sample_site: Path) -> None:
    from kiryx.config import KiryxConfig
    from kiryx.site import load_settings
    shipped = load_settings(ROOT / "pelicanconf.py")["KIRYX_CONFIG"]
    assert (shipped.source_url, shipped.history_url) == ("", "") == (KiryxConfig.source_url, KiryxConfig.history_url)
    hosts = set()
    for page in sample_site.rglob("*.html"):
        hosts |= set(re.findall(r'href="https?://([^/"]+)', page.read_text(encoding="utf-8")))
    # Links to other hosts come from content (the outlets of the coverage archive), never from settings.
    assert not [h for h in hosts if h.startswith("git.") or h.endswith("example.org")], hosts
    article = (sample_site / "press-releases/2026/ethelontikos-katharismos-tis-aktis-kalamakiou/index.html")
    assert "Πηγή:" not in article.read_text(encoding="utf-8"), "source links only once source_url is set"


@pytest.mark.parametrize(("rel", "text", "said"), [
    ("events/2026/agora.md", '---\ntitle: Λαϊκή αγορά\ndate: 2026-11-20 10:00\nsummary: "Κάθε Τρίτη η λαϊκή\n'
     'start: 2026-12-01 07:00\n---\nΚείμενο.\n',
     '4: summary: the value opens a quote (") but does not close it; end the line with ": summary: "…"'),
    ("press-releases/2026/a.md", "---\ntitle: Καθαρισμός\ndate: 2026-11-20 10:00\nsummary: Εθελοντές.\n"
     "category: perivallon\ntags: [Παραλία, Εθελοντισμός\n---\nΚείμενο.\n",
     "6: tags: the list opens with '[' but does not close it; end the line with ']': tags: [Παραλία, Εθελοντισμός]"),
])
def test_a_quote_or_list_left_open_is_one_line_naming_where_it_opens(
        content_dir: Path, capsys: pytest.CaptureFixture[str], rel: str, text: str, said: str) -> None:
    """Not YAML's English about a stream's end, nor «the closing --- is missing»."""
    write(content_dir, rel, text)
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    assert out.splitlines() == [f"{content_dir}/{rel}:{said}", "3 file(s) checked: 1 error(s), 0 warning(s)"], out


@pytest.mark.parametrize(("line", "fixed"), [
    ("summary: [Πρόσκληση] για όλους", 'summary: "[Πρόσκληση] για όλους"'),
    ("summary: `Κείμενο`", 'summary: "`Κείμενο`"'),
    ("summary: *Σημαντικό* η συμμετοχή", 'summary: "*Σημαντικό* η συμμετοχή"'),
    ("summary: &συμμετοχή", 'summary: "&συμμετοχή"'),
    ("tags: [Παραλία, Ανακύκλωση]  # σημείωση", None),
    ("repeat: {every: week, count: 3}", None),
    ("summary: Αναφορά στο @dimosalimou", None),
])
def test_a_value_yaml_would_misread_is_told_to_be_quoted(line: str, fixed: str | None) -> None:
    lines, problems = lint([line], 6, "a.md")
    assert [str(p.message) for p in problems] == ([] if fixed is None else [
        f"YAML cannot read a value that starts with {line.split(': ', 1)[1][0]} unquoted; put the value in quotes: "
        f"{fixed}"])
    assert lines == [fixed or line], "quoted, so that the rest of the file is still read"


def test_a_misspelt_title_field_is_one_line_not_a_crash(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                         tmp_path: Path) -> None:
    """Without its title an item has no slug from it: the check still reports, and only the mistakes."""
    write(content_dir, "press-releases/2026/a.md", HEAD.replace("title:", "titel:") + "---\nΚείμενο.\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 1
    assert problems == ["press-releases/2026/a.md:1: title: υποχρεωτικό για κάθε δελτίο τύπου",
                        "press-releases/2026/a.md:2: titel: προειδοποίηση: άγνωστο πεδίο, αγνοείται· μήπως εννοείτε "
                        "'title';"], problems
    assert not builds(content_dir, tmp_path)


def test_a_change_dated_ahead_or_before_publication_is_said(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                            ) -> None:
    write(content_dir, "press-releases/2026/a.md", HEAD + "updated: 2099-05-01 10:00\nchanges:\n"
          "  - date: 2026-06-01 10:00\n    note: Πριν από τη δημοσίευση.\n"
          "  - date: 2099-12-07 10:00\n    note: Στο μέλλον.\n    notify: true\n---\nΚείμενο.\n")
    problems = check_greek(content_dir, capsys)[1]
    assert problems == [
        "press-releases/2026/a.md:6: updated: προειδοποίηση: είναι στο μέλλον (1 Μαΐου 2099, 10:00)· βάλτε την "
        "ημερομηνία που έγινε η αλλαγή",
        "press-releases/2026/a.md:8: changes[0].date: προειδοποίηση: είναι πριν από την ημερομηνία δημοσίευσης "
        "(2026-06-05 10:00): μια αλλαγή παίρνει την ημερομηνία που έγινε, αφού βγήκε το κείμενο",
        "press-releases/2026/a.md:10: changes[1].date: προειδοποίηση: είναι στο μέλλον (7 Δεκεμβρίου 2099, 10:00)· "
        "βάλτε την ημερομηνία που έγινε η αλλαγή"], problems


def test_a_control_character_word_pasted_is_one_line_per_line_not_a_crash(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Word pastes U+000B for Shift+Enter; no page or feed may hold it (the build stopped in feedgen's lxml)."""
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Έλεγχος\x07κουδούνι\ndate: 2026-11-20 10:00\n"
          "summary: Σύνοψη.\ncategory: perivallon\n---\nΓραμμή από Word\x0bδεύτερη γραμμή.\n")
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    said = "has an invisible control character (U+{}), which some programs paste in (Word for Shift+Enter)"
    assert capsys.readouterr().out.splitlines()[:2] == [
        f"{content_dir}/press-releases/2026/a.md:2: text: this line {said.format('0007')}; delete it, or type the "
        "line again",
        f"{content_dir}/press-releases/2026/a.md:7: text: this line {said.format('000B')}; delete it, or type the "
        "line again"]


@pytest.mark.parametrize("char", ["\x93", "\x96", "\x85"])
def test_windows_quotes_converted_wrongly_are_one_line_and_the_files_other_mistakes_are_told_too(
        content_dir: Path, capsys: pytest.CaptureFixture[str], char: str) -> None:
    """A text converted from Windows-1252 the wrong way holds its quotes and dashes as C1 controls (U+0091–U+0097):
    YAML refused them and the check crashed («unacceptable character #x0093»); and one mistake hid the others."""
    write(content_dir, "press-releases/2026/a.md", f"---\ntitle: Έλεγχος\ndate: 2026-11-20 10:00\n"
          f"summary: Ο Δήμαρχος είπε {char}καλή αρχή{char}.\ncategory: Έργα και Υποδομές\n---\nΚείμενο {char} εδώ.\n")
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    out = capsys.readouterr().out
    code = f"{ord(char):04X}"
    assert f"a.md:4: text: this line has an invisible control character (U+{code})" in out
    assert f"a.md:7: text: this line has an invisible control character (U+{code})" in out
    assert "a.md:5: category: " in out, "the file's other mistake, in the same check"
    assert "failed unexpectedly" not in out


def test_nested_yaml_aliases_are_refused_at_once(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A «billion laughs»: nine lines that stand for 9⁹ values (check ran for minutes)."""
    levels = ['- &a ["λολ", "λολ", "λολ", "λολ", "λολ", "λολ", "λολ", "λολ", "λολ"]']
    levels += [f"- &{b} [{', '.join([f'*{a}'] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi", strict=True)]
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Τίτλος\ndate: 2026-11-20 10:00\nsummary: Σ.\n"
          "category: perivallon\nimages:\n" + "\n".join(levels) + "\n---\nΚείμενο.\n")
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    assert capsys.readouterr().out.splitlines()[0] == (
        f"{content_dir}/press-releases/2026/a.md:8: images[1][0]: repeats another value with a YAML alias (*name); "
        "write the value out")


def test_links_out_of_the_content_folder_are_refused_not_followed(content_dir: Path, tmp_path: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A linked text outside the repository was read and published; a linked folder would be published whole by
    the build; a loop of links stopped the check with Python's error."""
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Α\ndate: 2026-11-20 10:00\nsummary: Σ.\n"
          "category: perivallon\n---\nΚείμενο.\n")
    outside = tmp_path / "outside.md"
    outside.write_text("---\ntitle: Έξω\n---\n", encoding="utf-8")
    (content_dir / "press-releases/2026/exo.md").symlink_to(outside)
    (content_dir / "press-kit/etc").symlink_to("/etc")
    (content_dir / "media/2026").mkdir(parents=True)
    (content_dir / "media/2026/a.jpg").symlink_to("b.jpg")
    (content_dir / "media/2026/b.jpg").symlink_to("a.jpg")
    assert main(["check", "--content", str(content_dir), "--lang", "en"]) == 1
    said = "outside the content folder (or to a folder, or to nothing); put the file itself here"
    assert capsys.readouterr().out.splitlines() == [
        f"{content_dir}/media/2026/a.jpg:1: file: is a link to b.jpg, {said}",
        f"{content_dir}/media/2026/b.jpg:1: file: is a link to a.jpg, {said}",
        f"{content_dir}/press-kit/etc:1: file: is a link to /etc, {said}",
        f"{content_dir}/press-releases/2026/exo.md:1: file: is a link to {outside}, {said}",
        "7 file(s) checked: 4 error(s), 0 warning(s)"]


def test_bullets_pasted_from_word_are_told_to_be_list_items(content_dir: Path,
                                                            capsys: pytest.CaptureFixture[str]) -> None:
    """«•\tΚλείσιμο…» lines ran together into one paragraph, on the page and in the mail, without a word."""
    write(content_dir, "press-releases/2026/a.md", HEAD + "---\nΚυκλοφοριακές ρυθμίσεις:\n•\tΚλείσιμο της λωρίδας\n"
          "•\tΑπαγόρευση στάθμευσης\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 0 and problems == [
        "press-releases/2026/a.md:8: κείμενο: προειδοποίηση: μια γραμμή που αρχίζει με κουκκίδα από το Word («•») δεν "
        "γίνεται στοιχείο λίστας εδώ: οι γραμμές ενώνονται σε μία παράγραφο· γράψτε κάθε στοιχείο σε δική του γραμμή "
        "που αρχίζει με '- '"]


@pytest.mark.parametrize(("fields", "field", "value"), [
    # a summary typed on two lines: the browser editor writes a block, whose lines read like fields
    ('summary: |-\n  Ακολουθήστε τον Δήμο και στο Instagram.\n  Instagram: @dimosalimou\n', "summary",
     "Ακολουθήστε τον Δήμο και στο Instagram. Instagram: @dimosalimou"),  # a summary is one paragraph
    ('summary: >-\n  Info: “Καλοκαίρι”\n  και #Άλιμος\n', "summary", "Info: “Καλοκαίρι” και #Άλιμος"),
    # a long title: the editor folds it at 80 columns, and the next line starts with «Jazz:»
    ('summary: Το πρόγραμμα.\ntitle: "Συνέντευξη Τύπου του Δημάρχου για το Summer Festival 2027\n  Jazz: το '
     'πρόγραμμα"\n', "title", "Συνέντευξη Τύπου του Δημάρχου για το Summer Festival 2027 Jazz: το πρόγραμμα"),
])
def test_what_the_browser_editor_writes_is_read_as_yaml_reads_it(content_dir: Path, fields: str, field: str,
                                                                 value: str) -> None:
    """Valid YAML from Decap failed the check with errors the editor cannot fix (and a «fix» that would have put
    quotes into the published text): lines inside a block or a folded quoted value were taken for fields."""
    from kiryx.site import check, load_settings
    head = "title: Νέος λογαριασμός\n" if field != "title" else ""
    summary = "" if field == "summary" or "summary:" in fields else "summary: Σύνοψη.\n"
    write(content_dir, "press-releases/2026/a.md", f"---\n{head}date: 2026-11-20 10:00\ncategory: perivallon\n"
                                                   f"{summary}{fields}---\nΚείμενο.\n")
    catalogue = check(load_settings(ROOT / "pelicanconf.py", PATH=content_dir))
    assert [str(p) for p in catalogue.problems] == []
    assert catalogue.by_path["press-releases/2026/a.md"].values[field] == value


def test_a_line_of_dashes_in_a_block_value_is_text_and_litter_is_not_an_item(content_dir: Path) -> None:
    """«---» as a line of a summary (a rule typed in the editor) closed the front matter there: the fields after it
    became page text and the check passed. A Mac's «._deltio.md» (a file Finder hides) failed the check as not
    UTF-8, and a file named in Windows' Greek code page stopped every command."""
    import os

    from kiryx.site import check, load_settings
    write(content_dir, "press-releases/2026/a.md", "---\ntitle: Δύο μέρη\ndate: 2026-11-20 10:00\nsummary: |-\n"
          "  Πρώτο μέρος.\n  ---\n  Δεύτερο μέρος.\ncategory: perivallon\ntags: [Παραλία]\n---\nΚείμενο.\n")
    (content_dir / "press-releases/2026/._a.md").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)
    with open(os.fsencode(content_dir / "press-releases/2026") + b"/\xc4\xe5\xeb\xf4\xdf\xef.md", "wb") as windows:
        windows.write(b"---\ntitle: x\n---\n")
    catalogue = check(load_settings(ROOT / "pelicanconf.py", PATH=content_dir))
    item = catalogue.by_path["press-releases/2026/a.md"]
    assert item.values["summary"] == "Πρώτο μέρος. --- Δεύτερο μέρος." and item.values["tags"] == ["Παραλία"]
    assert [(p.path.rsplit("/", 1)[-1], p.message.render("en")) for p in catalogue.problems] == [
        ("\udcc4\udce5\udceb\udcf4\udcdf\udcef.md", "this name would put capitals, spaces or Greek letters in a web "
                                                   "address; rename it to press-releases/2026/deltio.md")]


def test_a_dash_for_a_description_is_told(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`image_alt: "-"` passed: screen readers announce «παύλα»."""
    photo(content_dir / "media/2026/x.jpg", size=(1600, 1000))
    write(content_dir, "press-releases/2026/a.md", HEAD + 'image: media/2026/x.jpg\nimage_alt: "-"\n---\n'
          "Κείμενο.\n\n![…](/media/2026/x.jpg)\n")
    code, problems = check_greek(content_dir, capsys)
    assert code == 0 and [p.split(": προειδοποίηση: ")[0] for p in problems if "δεν είναι περιγραφή" in p] == [
        "press-releases/2026/a.md:7: image_alt", "press-releases/2026/a.md:11: κείμενο"], problems

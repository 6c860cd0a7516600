"""`publish.py check`: each class of problem on its own bad file, as `path:line: field: message`."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiryx.cli import main
from tests.conftest import SiteBuilder, write
from tests.pdfs import scanned_pdf, text_pdf

GOOD = """
---
title: Καθαρισμός της παραλίας
date: 2026-06-05 10:00
summary: Εθελοντικός καθαρισμός της ακτής του Καλαμακίου.
category: perivallon
tags: [Εθελοντισμός]
---
Κείμενο.
"""
EVENT = """
---
title: Συναυλία στην πλατεία
date: 2026-11-20 10:00
summary: Συναυλία της φιλαρμονικής.
start: 2026-12-05 19:00
---
Κείμενο.
"""


def check(content: Path, capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["check", "--content", str(content), *args])
    lines = capsys.readouterr().out.strip().splitlines()
    return code, lines[:-1]


def only_problem(content: Path, capsys: pytest.CaptureFixture[str], rel: str, text: str) -> str:
    write(content, rel, text)
    code, problems = check(content, capsys)
    assert code == 1, problems
    errors = [p for p in problems if ": warning: " not in p]
    assert len(errors) == 1, problems
    return errors[0]


def test_good_content_passes(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/katharismos.md", GOOD)
    code, problems = check(content_dir, capsys)
    assert (code, problems) == (0, [])


def test_broken_yaml(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md", GOOD.replace(
        "tags: [Εθελοντισμός]", "tags: [Εθελοντισμός]\nrepeat: {every: week"))
    assert line.startswith(f"{content_dir}/press-releases/2026/a.md:7: front matter: YAML error: expected ','")


def test_missing_front_matter(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md", "# Τίτλος\n\nΚείμενο\n")
    assert line.endswith("a.md:1: front matter: the file must start with a line '---' followed by the fields")


def test_missing_required_field(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md",
                        GOOD.replace("summary: Εθελοντικός καθαρισμός της ακτής του Καλαμακίου.\n", ""))
    assert line.endswith("a.md:1: summary: required for every δελτίο τύπου")


@pytest.mark.parametrize(("value", "message"), [
    ("2026-13-05", "is not a real date or time"),
    ("5/6 2026", "is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:MM (Athens time)"),
    ("5/6/2026", "is not a date as Kiryx reads it: year first; write 2026-06-05"),
    ("25.12.2026 9:30", "is not a date as Kiryx reads it: year first; write 2026-12-25 09:30"),
    ("13/25/2026", "is not a date; write YYYY-MM-DD or YYYY-MM-DD HH:MM (Athens time)"),  # no such date to propose
    ("2026-03-29 03:30", "does not exist in Athens: the clocks jump forward an hour that night"),
])
def test_bad_date(content_dir: Path, capsys: pytest.CaptureFixture[str], value: str, message: str) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md",
                        GOOD.replace("date: 2026-06-05 10:00", f"date: {value}"))
    assert ":3: date: " in line and message in line


def test_unknown_category_suggests_the_closest(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md",
                        GOOD.replace("category: perivallon", "category: Περιβαλον"))
    assert line.endswith("a.md:5: category: unknown category 'Περιβαλον'; did you mean 'Περιβάλλον'?")


def test_event_ending_before_it_starts(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "events/2026/synavlia.md", """
        ---
        title: Συναυλία
        date: 2026-11-01
        summary: Συναυλία στην πλατεία.
        start: 2026-12-05 21:00
        end: 2026-12-05 18:00
        ---
        """)
    assert line.endswith("synavlia.md:6: end: the event ends (2026-12-05 18:00) before it starts (2026-12-05 21:00)")


def test_missing_referenced_file(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md", GOOD.replace("tags:", """attachments:
  - file: files/2026/apofasi.pdf
    title: Απόφαση
tags:"""))
    assert line.endswith("a.md:7: attachments[0].file: 'files/2026/apofasi.pdf' does not exist in the content folder")


def test_paths_may_not_escape_the_content_folder(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (content_dir.parent / "secret.jpg").write_bytes(b"x")
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md", GOOD.replace(
        "tags:", "image: ../secret.jpg\nimage_alt: Κάτι\ntags:"))
    assert ":6: image: '../secret.jpg' points outside the content folder" in line


def test_duplicate_slug(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/a.md", GOOD)
    line = only_problem(content_dir, capsys, "press-releases/2026/b.md", GOOD)
    assert line.endswith(
        "b.md:2: slug: 'katharismos-tis-paralias' is already used by press-releases/2026/a.md "
        "(both would be /press-releases/2026/katharismos-tis-paralias/); set a different 'slug:'")


def test_non_utf8_file(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content_dir / "press-releases/2026/a.md"
    path.parent.mkdir(parents=True)
    path.write_bytes(GOOD.lstrip().replace("Κείμενο.", "Κείμενο σε Windows-1253.").encode("cp1253"))
    code, problems = check(content_dir, capsys)
    assert code == 1
    assert problems == [f"{path}:2: encoding: the file is not UTF-8; save it as UTF-8 (Unicode)"]


def test_unknown_field_is_a_warning_with_a_suggestion(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/a.md", GOOD.replace("tags:", "sumary: x\ntags:"))
    code, problems = check(content_dir, capsys)
    assert code == 0
    assert problems[0].endswith("a.md:6: sumary: warning: unknown field, ignored; did you mean 'summary'?")
    code, _ = check(content_dir, capsys, "--strict")
    assert code == 1


def test_unsafe_html_is_reported_with_its_line(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content_dir, "press-releases/2026/a.md", GOOD + '\n<img src="/press-kit/logos/dimos-alimou-logo.png" alt="Λογότυπο" onerror="steal()">\n')
    code, problems = check(content_dir, capsys)
    assert code == 0
    assert problems == [f"{content_dir}/press-releases/2026/a.md:10: body: warning: removed unsafe 'onerror' attribute on <img>"]


def test_only_the_given_files_are_reported(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = write(content_dir, "press-releases/2026/good.md", GOOD)
    write(content_dir, "press-releases/2026/bad.md", "no front matter\n")
    code, problems = check(content_dir, capsys, str(good))
    assert (code, problems) == (0, [])


def test_duplicate_yaml_field(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md",
                        GOOD.replace("tags:", "title: Δεύτερος τίτλος\ntags:"))
    assert line.endswith("a.md:6: title: this field appears twice")


@pytest.mark.parametrize("slug", ["events", "admin", "lists", "pagefind", "pagefind-2019"])
def test_a_page_may_not_take_a_section_path(content_dir: Path, capsys: pytest.CaptureFixture[str], slug: str) -> None:
    """A page at /admin/ replaced the browser editor (a page of staff's own making, where editors sign in)."""
    line = only_problem(content_dir, capsys, "pages/ekdiloseis.md", f"---\ntitle: Εκδηλώσεις\nslug: {slug}\n---\n")
    assert line.endswith(f"ekdiloseis.md:3: slug: '{slug}' is a section of the site (/{slug}/); choose another slug")


def test_a_correction_dated_ahead_is_a_warning_and_counts_from_its_date(
        content_dir: Path, capsys: pytest.CaptureFixture[str], build_site: SiteBuilder) -> None:
    write(content_dir, "press-releases/2026/a.md", GOOD.replace(
        "tags: [Εθελοντισμός]", "tags: [Εθελοντισμός]\nchanges:\n  - date: 2030-02-01 10:00\n"
                                "    note: Διορθώθηκε η ώρα."))
    code, problems = check(content_dir, capsys)
    assert code == 0 and problems == [f"{content_dir}/press-releases/2026/a.md:8: changes[0].date: warning: is in "
                                      "the future (1 Φεβρουαρίου 2030, 10:00); date it when the change was made"]
    page = "press-releases/2026/katharismos-tis-paralias/index.html"
    before = (build_site("2026-12-07T10:00:00+02:00") / page).read_text(encoding="utf-8")
    assert "Διορθώθηκε η ώρα." not in before and "2030" not in before, "not said to be updated in 2030 before then"
    after = (build_site("2030-02-01T10:00:00+02:00") / page).read_text(encoding="utf-8")
    assert "Διορθώθηκε η ώρα." in after and 'datetime="2030-02-01T10:00:00+02:00"' in after


def test_a_group_of_empty_parts_is_an_empty_field(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """As the browser editor may save an optional «Επανάληψη» left empty."""
    write(content_dir, "events/2026/a.md", "---\ntitle: Συναυλία\ndate: 2026-11-20 10:00\nsummary: Συναυλία.\n"
          "start: 2026-12-05 20:00\nrepeat:\n  every: null\n  on: []\n  until: null\n  count: null\n---\n")
    assert check(content_dir, capsys) == (0, [])


@pytest.mark.parametrize(("folder", "width", "warned"), [
    ("press-releases/2026", 640, True), ("press-releases/2026", 1200, False), ("events/2026", 800, True),
    ("leaflets", 900, False),  # a leaflet's cover is a page, not a press photo
])
def test_a_main_photo_too_small_for_the_press_is_a_warning(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                            folder: str, width: int, warned: bool) -> None:
    """A 120×80 photo passed: it made a blurred sharing card and a «full resolution» download of 120 pixels."""
    from PIL import Image

    (content_dir / "media/2026").mkdir(parents=True)
    Image.new("RGB", (width, width * 2 // 3), "navy").save(content_dir / "media/2026/foto.jpg")
    extra = "start: 2026-12-05 19:00\n" if folder.startswith("events") else (
        "attachments:\n  - file: files/leaflets/a.pdf\n    title: Το έντυπο\n" if folder == "leaflets" else
        "category: perivallon\n")
    write(content_dir, f"{folder}/a.md", f"---\ntitle: Δοκιμή φωτογραφίας\ndate: 2026-11-20 10:00\nsummary: Σύνοψη.\n"
          f"{extra}image: media/2026/foto.jpg\nimage_alt: Η ακτή\n---\nΚείμενο.\n")
    if folder == "leaflets":
        from tests.pdfs import text_pdf
        (content_dir / "files/leaflets").mkdir(parents=True)
        (content_dir / "files/leaflets/a.pdf").write_bytes(text_pdf())
    _, problems = check(content_dir, capsys)
    said = [p.removeprefix(f"{content_dir}/") for p in problems if ": image: warning:" in p]
    assert said == ([f"{folder}/a.md:{6 if folder != 'leaflets' else 8}: image: warning: 'media/2026/foto.jpg' is "
                     f"{width} pixels wide: the page, the sharing card and the journalists' download want at least "
                     "1200; use the original photo"] if warned else []), problems


def test_checking_one_text_also_checks_the_files_it_uses(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`check` of one file said «0 errors» while the build refused the photo it used (its name had capitals)."""
    from PIL import Image

    (content_dir / "media/2026").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), "navy").save(content_dir / "media/2026/Έργα Θεμιστοκλέους.JPG")
    write(content_dir, "press-releases/2026/a.md", GOOD.replace(
        "tags:", "image: media/2026/Έργα Θεμιστοκλέους.JPG\nimage_alt: Τα έργα\ntags:"))
    write(content_dir, "press-releases/2026/b.md", GOOD.replace("παραλίας", "πλατείας"))
    code, problems = check(content_dir, capsys, str(content_dir / "press-releases/2026/a.md"))
    assert code == 1 and any("media/2026/Έργα Θεμιστοκλέους.JPG:1: file: this name would put capitals" in p
                             for p in problems), problems
    code, problems = check(content_dir, capsys, str(content_dir / "press-releases/2026/b.md"))
    assert (code, problems) == (0, []), "another text's files are not its concern"


def test_a_date_far_ahead_is_said_to_hold_the_text(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2027 for 2026: the only word was «move it to press-releases/2027/», and the preview a plain 404."""
    write(content_dir, "press-releases/2027/a.md", GOOD.replace("2026-06-05 10:00", "2027-12-05 10:00"))
    write(content_dir, "press-releases/2026/b.md", GOOD.replace("2026-06-05 10:00", "2026-12-10 10:00")
          .replace("παραλίας", "πλατείας"))  # a planned release, days ahead: nothing to say
    code, problems = check(content_dir, capsys)
    said = [p.split("/press-releases/")[1] for p in problems if "days ahead" in p]
    assert code == 0 and len(said) == 1 and said[0].startswith("2027/a.md:3: date: warning: is ") and said[0].endswith(
        " days ahead (5 Δεκεμβρίου 2027, 10:00): the text is held until then, off the site and the lists; if the "
        "year or month is a slip, correct it"), problems


@pytest.mark.parametrize(("alt", "warned"), [("IMG_2034", True), ("DSC01234", True), ("PXL_20261120_101500", True),
                                             ("plateia.jpg", True), ("Η πλατεία το πρωί", False), ("P1", False)])
def test_a_photos_file_name_is_no_description(content_dir: Path, capsys: pytest.CaptureFixture[str], alt: str,
                                               warned: bool) -> None:
    """«IMG_2034» passed as the alt text the guide asks for, and went out in the mail as «[Εικόνα: IMG_2034]»."""
    from PIL import Image

    (content_dir / "media/2026").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), "navy").save(content_dir / "media/2026/foto.jpg")
    write(content_dir, "press-releases/2026/a.md", GOOD.replace("tags:", f"image: media/2026/foto.jpg\nimage_alt: {alt}\ntags:"))
    _, problems = check(content_dir, capsys)
    said = [p for p in problems if "is a file's name, not a description" in p]
    assert len(said) == int(warned), problems


@pytest.mark.parametrize(("written", "meant"), [("αποσύρθηκε", "withdrawn"), ("δημοσίευση", "published")])
def test_a_status_in_words_is_told_its_value(content_dir: Path, capsys: pytest.CaptureFixture[str], written: str,
                                             meant: str) -> None:
    write(content_dir, "press-releases/2026/a.md", GOOD.replace("tags:", f"status: {written}\ntags:"))
    _, problems = check(content_dir, capsys)
    assert any(f"status: '{written}' is written '{meant}' in this field" in p for p in problems), problems


def test_a_phones_photo_format_is_told_to_be_saved_as_jpeg(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """It was told that a web page or a script there would run on the municipality's site."""
    write(content_dir, "press-releases/2026/a.md", GOOD)
    (content_dir / "media/2026").mkdir(parents=True)
    (content_dir / "media/2026/img-2035.heic").write_bytes(b"\0\0\0\x18ftypheic")
    code, problems = check(content_dir, capsys)
    assert code == 1 and any("img-2035.heic:1: file: a '.heic' photo (a phone's own format) cannot be shown" in p
                             for p in problems) and not any("script" in p for p in problems), problems


def test_a_leaflet_whose_pdf_is_missing_is_told_that_and_only_that(content_dir: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    """It was also told to «attach it», though it was attached: the file was missing."""
    write(content_dir, "leaflets/odigos.md", "---\ntitle: Οδηγός ανακύκλωσης\ndate: 2026-11-20 10:00\nsummary: Ο οδηγός.\n"
          "attachments:\n  - file: files/leaflets/odigos.pdf\n    title: Ο οδηγός (PDF)\n---\nΚείμενο.\n")
    code, problems = check(content_dir, capsys)
    assert code == 1 and [p.split("odigos.md:")[1] for p in problems] == [
        "6: attachments[0].file: 'files/leaflets/odigos.pdf' does not exist in the content folder"], problems


def test_a_page_the_law_asks_for_that_is_missing_is_a_warning_on_the_settings(
        content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Without a page at KIRYX['pages']['accessibility'] or ['privacy'], its link silently left every page: a
    municipality adopting Kiryx with its own page addresses lost its accessibility statement's link."""
    write(content_dir, "press-releases/2026/katharismos.md", GOOD)
    (content_dir / "pages/politiki-aporritou.md").unlink()
    write(content_dir, "pages/aporrito.md", "---\ntitle: Απόρρητο\n---\nΚείμενο.\n")  # at aporrito/
    code, problems = check(content_dir, capsys)
    assert code == 0 and problems == [
        "pelicanconf.py:1: pages.privacy: warning: KIRYX['pages']['privacy'] is 'politiki-aporritou/', but no public "
        "page has that address, so no page links to the privacy policy; write content/pages/politiki-aporritou.md, or "
        "set the address of the page you have"]
    assert check(content_dir, capsys, "--strict")[0] == 1


def test_a_damaged_or_locked_zip_is_told_and_a_stray_one_builds(content_dir: Path, build_site: SiteBuilder,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated ZIP passed the check, then stopped every build and publish (the embargo guard opened it)."""
    import zipfile

    from tests.message_examples import locked_zip
    (content_dir / "files/2026").mkdir(parents=True)
    whole = content_dir / "files/2026/fotografies.zip"
    with zipfile.ZipFile(whole, "w") as archive:
        archive.writestr("a.txt", "Κείμενο " * 500)
    (content_dir / "files/2026/misi.zip").write_bytes(whole.read_bytes()[:200])
    (content_dir / "files/2026/kleidomeno.zip").write_bytes(locked_zip())
    attached = "".join(f"  - file: files/2026/{name}.zip\n    title: Αρχείο {name}\n"
                       for name in ("fotografies", "misi", "kleidomeno"))
    write(content_dir, "press-releases/2026/a.md", GOOD.replace("tags:", f"attachments:\n{attached}tags:"))
    code, problems = check(content_dir, capsys)
    assert code == 1 and [p.split(": ", 2)[2] for p in problems if ": warning: " not in p] == [
        "'files/2026/misi.zip' is damaged or truncated; export it again from the program that made it",
        "'files/2026/kleidomeno.zip' is locked with a password, so no one can open it from the site; attach it "
        "without one"], problems
    write(content_dir, "press-releases/2026/a.md", GOOD)
    (content_dir / "press-kit/palio.zip").write_bytes(whole.read_bytes()[:200])  # published as it is, by no item
    assert (build_site() / "press-kit/palio.zip").is_file()


def test_a_photo_path_without_its_year_folder_is_told_the_one_that_exists(content_dir: Path,
                                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The browser editor saves an upload in media/<year>/, but writes `media/<name>` when the photo was chosen
    before the date was filled in; the check said only that the file does not exist."""
    from PIL import Image
    (content_dir / "media/2026").mkdir(parents=True)
    Image.new("RGB", (1600, 1000), "teal").save(content_dir / "media/2026/paralia-kalamakiou.jpg")
    line = only_problem(content_dir, capsys, "press-releases/2026/a.md", GOOD.replace(
        "tags:", "image: media/paralia-kalamakiou.jpg\nimage_alt: Η παραλία του Καλαμακίου\ntags:"))
    assert line.endswith("image: 'media/paralia-kalamakiou.jpg' does not exist in the content folder; did you mean "
                         "'media/2026/paralia-kalamakiou.jpg'?")


def test_the_press_kits_images_are_checked_and_hidden_files_and_folders_left_alone(
        content_dir: Path, build_site: SiteBuilder, capsys: pytest.CaptureFixture[str]) -> None:
    """A truncated logo or photo in press-kit/ passed the check, then stopped every build («image file is
    truncated», naming no file); a Mac's «._photo.jpg» beside a photo was published, or stopped every publish; a
    hidden folder was told to be renamed, which would have published it."""
    from PIL import Image
    write(content_dir, "press-releases/2026/katharismos.md", GOOD)
    logo = (content_dir / "press-kit/logos/dimos-alimou-logo.png").read_bytes()
    (content_dir / "press-kit/logos/kommeno.png").write_bytes(logo[:900])
    (content_dir / "press-kit/photos").mkdir()
    Image.new("RGB", (1600, 1000), "teal").save(content_dir / "press-kit/photos/dimarcheio.jpg")
    (content_dir / "press-kit/photos/._dimarcheio.jpg").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 80)
    (content_dir / "media/2026/.thumbnails").mkdir(parents=True)
    (content_dir / "media/2026/.thumbnails/Μικρογραφία.png").write_bytes(logo)
    code, problems = check(content_dir, capsys)
    errors = [p for p in problems if ": warning: " not in p]
    assert code == 1 and len(errors) == 1 and "press-kit/logos/kommeno.png:1: file:" in errors[0], problems
    assert not [p for p in problems if "._dimarcheio" in p or "thumbnails" in p], problems
    (content_dir / "press-kit/logos/kommeno.png").unlink()
    site = build_site()
    assert (site / "press-kit/photos/dimarcheio.jpg").is_file()
    assert not list(site.rglob("._*")) and not list(site.rglob(".thumbnails"))


@pytest.mark.parametrize(("fields", "body", "expected"), [
    ('title: "Διακοπή νερού στην οδό\\x02Θησέως"\n', "Κείμενο.",
     "6: title: has an invisible control character (U+0002), written as an escape in quotes"),
    ('images:\n- file: media/2026/a.jpg\n  alt: Η ακτή\n  caption: "Η ακτή\\eτο πρωί"\n', "Κείμενο.",
     "7: images: has an invisible control character (U+001B)"),
    ('title: "Τίτλος \\uD800"\n', "Κείμενο.", "6: title: has an invisible control character (U+D800)"),
    ("", "Πρώτη γραμμή&#11;δεύτερη.", "left out an invisible control character written as &#11;"),
    ("", "Πρώτη &#150; δεύτερη &#x81; και &#11;.", "left out an invisible control character written as &#x81;"),
    ("", 'Κείμενο <abbr title="Δήμος&#11Αλίμου">ΔΑ</abbr> και &#x000000B; και &#00000000011;.',
     "left out an invisible control character written as &#11"),  # as browsers read them: no «;», many digits
    ("", "Δηλώσεις στη [φόρμα](https://[σύνδεσμος φόρμας]).",
     "https://[σύνδεσμος φόρμας] is not a web address (a '[' or ']' where the site's name goes?)"),
])
def test_what_feeds_cannot_carry_is_found_by_the_check_not_by_a_crash_in_the_build(
        content_dir: Path, capsys: pytest.CaptureFixture[str], build_site: SiteBuilder, fields: str, body: str,
        expected: str) -> None:
    """Escapes in quotes («"\\x02"», as the browser editor saves a pasted control character) and character
    references passed the check; the build then crashed on the feeds («All strings must be XML compatible»), and a
    bracketed address crashed the check itself: «a fault of Kiryx», no file, no line."""
    (content_dir / "media/2026").mkdir(parents=True)
    (content_dir / "media/2026/a.jpg").write_bytes((Path(__file__).parent.parent / "content/media/2026/nea-gipeda.jpg")
                                                   .read_bytes())
    text = GOOD.replace("title: Καθαρισμός της παραλίας\n", "" if "title" in fields else
                        "title: Καθαρισμός της παραλίας\n").replace("tags: [Εθελοντισμός]\n",
                                                                     "tags: [Εθελοντισμός]\n" + fields)
    write(content_dir, "press-releases/2026/katharismos.md", text.replace("Κείμενο.", body))
    code, problems = check(content_dir, capsys)
    assert any(expected in p for p in problems), problems
    if code == 0:  # a removal, said as a warning: the build goes on without it
        site = build_site()
        assert "&#11" not in (site / "feeds/all.atom.xml").read_text(encoding="utf-8")
    else:
        assert code == 1


def test_numbers_in_text_fields_are_kept_as_written(content_dir: Path, capsys: pytest.CaptureFixture[str],
                                                    build_site: SiteBuilder) -> None:
    """YAML read «title: 3.10» as the number 3.1 (the page /press-releases/2026/3-1/), «tags: [0700, 0x1F]» as 448
    and 31; «slug: 2027» was refused as no slug, with itself as the example."""
    write(content_dir, "press-releases/2026/katharismos.md", GOOD.replace(
        "title: Καθαρισμός της παραλίας", "title: 3.10\nslug: 2027").replace("[Εθελοντισμός]",
                                                                             "[0700, 1_000, 2.0, 0x1F, 12, +1]"))
    assert check(content_dir, capsys)[0] == 0
    site = build_site()
    assert (site / "press-releases/2026/2027/index.html").is_file()
    assert '<h1 id="item-title">3.10</h1>' in (site / "press-releases/2026/2027/index.html").read_text(encoding="utf-8")
    assert sorted(p.name for p in (site / "tag").iterdir() if p.is_dir()) == ["0700", "0x1f", "1", "1-000", "12", "2-0"]


def test_a_link_with_the_sites_own_address_is_checked_like_one_without(content_dir: Path,
                                                                      capsys: pytest.CaptureFixture[str]) -> None:
    """Staff copy addresses from the browser's address bar, whole (by https or http): a typo in one passed, while the
    same link written /press-releases/… was an error. A file the build writes beside a page (a kit's ZIP, a
    calendar) is checked against that page's own files, and a copy of a photo the build makes (a rendition), whose
    address changes, is refused."""
    write(content_dir, "press-releases/2026/katharismos.md", GOOD)
    write(content_dir, "events/2026/synavlia.md", EVENT)
    write(content_dir, "press-releases/2026/deftero.md", GOOD.replace("Καθαρισμός της παραλίας", "Δεύτερο δελτίο")
          .replace("Κείμενο.", "Δείτε [το πρώτο](https://press.alimos.gr/press-releases/2026/katharismos-tis-paralias/"
                               ") και [το άλλο](https://press.alimos.gr/press-releases/2026/katharismos-tis-paralia/)."
                               "\n\n[Αρχική](https://press.alimos.gr/) · [Άλλος](https://www.alimos.gr/nope/) · "
                               "[υλικό](https://press.alimos.gr/press-kit/press-kit.zip) · [φωτογραφία](https://"
                               "press.alimos.gr/media/renditions/3fa6f05e4444f5ac/960.jpg) · [x](https://press.alimos"
                               ".gr//[x]/) · [kit](/press-releases/2026/katharismos-tis-paralias/press-kit-a.zip) · "
                               "[pdf](https://press.alimos.gr/files/2026/egkyklios.pdf) · [άλλο kit](/press-releases/"
                               "2026/den-yparchei/press-kit-den-yparchei.zip)\n\n[ics](/events/2026/synavlia-stin-"
                               "plateia/event.ics) · [λάθος ics](http://press.alimos.gr/events/2026/synavlia-stin-"
                               "plateia/calendar.ics) · [http](http://press.alimos.gr/press-releases/2026/lathos/)"))
    code, problems = check(content_dir, capsys)
    assert code == 1 and [p.split("deftero.md:", 1)[1] for p in problems if ": warning: " not in p] == [
        "8: body: links to /press-releases/2026/katharismos-tis-paralia/, which is no page of this site; did you mean "
        "/press-releases/2026/katharismos-tis-paralias/?",
        "10: body: 'files/2026/egkyklios.pdf' does not exist in the content folder",
        "10: body: /media/renditions/3fa6f05e4444f5ac/960.jpg is a copy of a photo the site makes, whose address "
        "changes with the photo; write the photo's own address: /media/YYYY/name.jpg",
        "10: body: links to /press-releases/2026/den-yparchei/, which is no page of this site; copy the address from "
        "the page itself",
        "10: body: links to /press-releases/2026/katharismos-tis-paralias/press-kit-a.zip, but "
        "/press-releases/2026/katharismos-tis-paralias/ has no press kit or calendar; link to the page itself",
        "12: body: links to /events/2026/synavlia-stin-plateia/calendar.ics, which /events/2026/synavlia-stin-plateia/ "
        "does not have; its page offers /events/2026/synavlia-stin-plateia/event.ics",
        "12: body: links to /press-releases/2026/lathos/, which is no page of this site; copy the address from the "
        "page itself"], problems


def test_a_link_to_a_feed_the_site_does_not_have_is_an_error(content_dir: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    """A text pointing journalists at a feed: a typo in its address (a category's, a tag's) passed unchecked."""
    write(content_dir, "press-releases/2026/katharismos.md", GOOD)
    write(content_dir, "press-releases/2026/roes.md", GOOD.replace("Καθαρισμός της παραλίας", "Οι ροές μας").replace(
        "Κείμενο.", "[Όλα](/feeds/all.atom.xml) · [Δελτία](https://press.alimos.gr/feeds/press-releases.rss.xml) · "
        "[Περιβάλλον](/feeds/category/perivallon.atom.xml) · [Εθελοντισμός](/feeds/tag/ethelontismos.rss.xml) · "
        "[Ροές](/feeds/)\n\n[Λάθος](/feeds/category/perivalon.atom.xml) · [Ετικέτα](/feeds/tag/neolaia.rss.xml) · "
        "[Παλιό](/feeds/all.xml)\n\n[Σχετική](feeds/all.atom.xml) · [Κεφαλαία](/FEEDS/all.atom.xml) · "
        "[Χωρίς xml](/feeds/press-releases.atom) · [Pelican]({static}/feeds/all.atom.xml)\n\n"
        "[Φάκελος]({static}/feeds) · [Χωρίς σχήμα](//press.alimos.gr/feeds/tag/mono-procheiro.atom.xml) · "
        "[Ξανά](/feeds/all.atom) · [Σωστή](/feeds/all.atom.xml)"))
    write(content_dir, "press-releases/2026/prochiro.md", GOOD.replace("Εθελοντισμός", "Νεολαία").replace(
        "Καθαρισμός της παραλίας", "Πρόχειρο").replace(
        "category: perivallon", "category: perivallon\nstatus: draft"))  # a draft's tag has no feed
    code, problems = check(content_dir, capsys)
    said = "a feed the site does not have; the feeds are listed at /feeds/ (everything's: /feeds/all.atom.xml)"
    assert code == 1 and [p.split("roes.md:", 1)[1] for p in problems if "roes.md:" in p] == [
        "10: body: links to /feeds/all.xml, a feed the site does not have; did you mean /feeds/all.atom.xml?",
        "10: body: links to /feeds/category/perivalon.atom.xml, a feed the site does not have; did you mean "
        "/feeds/category/perivallon.atom.xml?", f"10: body: links to /feeds/tag/neolaia.rss.xml, {said}",
        "12: body: links to /FEEDS/all.atom.xml, a feed the site does not have; did you mean /feeds/all.atom.xml?",
        "12: body: links to /feeds/press-releases.atom, a feed the site does not have; did you mean "
        "/feeds/press-releases.atom.xml?",
        "12: body: links to /press-releases/2026/oi-roes-mas/feeds/all.atom.xml, a feed the site does not have; did "
        "you mean /feeds/all.atom.xml?",
        "12: body: {static}/feeds/all.atom.xml names a file of the content folder, and there is none at "
        "feeds/all.atom.xml; write its address: /feeds/all.atom.xml",
        "14: body: links to /feeds/all.atom, a feed the site does not have; did you mean /feeds/all.atom.xml?",
        f"14: body: links to /feeds/tag/mono-procheiro.atom.xml, {said}",
        "14: body: {static}/feeds names a file of the content folder, and there is none at feeds; write its address: "
        "/feeds"], problems


def test_pelicans_own_links_are_checked_as_pelican_reads_them(content_dir: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    """{static}/{filename} links that passed the check and then stopped the build or left a broken link: written
    without the leading / (Pelican reads them from the text's folder), a %-escape other than %20, {static} to a
    text, {attach}; and ones that build and work, which the check refused."""
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/egkyklios-eggrafon.pdf").write_bytes(text_pdf())
    write(content_dir, "press-releases/2026/katharismos.md", GOOD)
    write(content_dir, "pages/schetika.md", "---\ntitle: Σχετικά\n---\n[Εγκύκλιος]({static}../files/2026/egkyklios-"
          "eggrafon.pdf) · [Δελτίο]({filename}../press-releases/2026/katharismos.md) · [Παλιά](|static|/files/2026/"
          "egkyklios-eggrafon.pdf)\n")
    write(content_dir, "press-releases/2026/links.md", GOOD.replace("Καθαρισμός της παραλίας", "Σύνδεσμοι").replace(
        "Κείμενο.", "[Χωρίς κάθετο]({static}files/2026/egkyklios-eggrafon.pdf)\n\n"
        "[Κωδικοποιημένο]({static}/files/2026/egkyklios%2Deggrafon.pdf)\n\n"
        "[Κείμενο]({static}/press-releases/2026/katharismos.md)\n\n"
        "[Συνημμένο]({attach}/files/2026/egkyklios-eggrafon.pdf)\n\n"
        "[Σωστό]({filename}katharismos.md#arxi) · [Επίσης]({static}/files/2026/egkyklios-eggrafon.pdf?v=2)\n\n"
        "[Σπασμένο]({static}//[σύνδεσμος/files/a.pdf)\n\n[Διπλή κάθετος]({static}/files/2026//egkyklios-eggrafon.pdf)"
        "\n\n[Με content]({filename}/content/press-releases/2026/katharismos.md)\n\n"
        "[Κρυφό]({static}/files/2026/.palio.pdf)\n\n[Ροή](/feeds/all.rss)"))
    (content_dir / "files/2026/.palio.pdf").write_bytes(text_pdf())
    code, problems = check(content_dir, capsys)
    assert code == 1 and [p.split("2026/", 1)[1] for p in problems if "schetika.md" in p or "links.md" in p] == [
        "links.md:8: body: {static}files/2026/egkyklios-eggrafon.pdf names a file of the content folder, and there "
        "is none at press-releases/2026/files/2026/egkyklios-eggrafon.pdf; write its address: "
        "/files/2026/egkyklios-eggrafon.pdf",
        "links.md:10: body: {static}/files/2026/egkyklios%2Deggrafon.pdf names a file of the content folder, and "
        "there is none at files/2026/egkyklios%2Deggrafon.pdf; write its address: "
        "/files/2026/egkyklios%2Deggrafon.pdf",
        "links.md:12: body: links to the file {static}/press-releases/2026/katharismos.md; link to its page "
        "instead: /press-releases/2026/katharismos-tis-paralias/",
        "links.md:14: body: {attach}/files/2026/egkyklios-eggrafon.pdf: the site publishes each file at its own "
        "address, not beside a text; write /files/2026/egkyklios-eggrafon.pdf",
        "links.md:18: body: '{static}//[σύνδεσμος/files/a.pdf' does not exist in the content folder",
        "links.md:20: body: {static}/files/2026//egkyklios-eggrafon.pdf names a file of the content folder, and there "
        "is none at files/2026//egkyklios-eggrafon.pdf; write its address: /files/2026/egkyklios-eggrafon.pdf",
        "links.md:22: body: links to the file {filename}/content/press-releases/2026/katharismos.md, which is no item "
        "of the content folder",
        "links.md:24: body: 'files/2026/.palio.pdf' is a hidden or temporary file, which the site never publishes; "
        "link a file of media/ or files/ with a name of its own",
        "links.md:26: body: links to /feeds/all.rss, a feed the site does not have; did you mean "
        "/feeds/all.rss.xml?"], problems


def test_each_link_is_said_on_its_own_line(content_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A photo written with the site's own address on three lines was said three times on the first; an address
    Markdown escapes (\\_) on the text's first line. A tag's feed linked as the site's gets that feed offered."""
    write(content_dir, "press-releases/2026/grammes.md", GOOD.replace("Κείμενο.", (
        "![Α](/media/2026/leipei.jpg)\n\n![Β](https://press.alimos.gr/media/2026/leipei.jpg)\n\n"
        "![Γ](//press.alimos.gr/media/2026/leipei.jpg)\n\n[Δ](/files/2026/leipei\\_g.pdf)\n\n"
        "[Ε](/feeds/ethelontismos.atom.xml)")))
    code, problems = check(content_dir, capsys)
    assert code == 1 and [p.split("grammes.md:", 1)[1] for p in problems] == [
        "8: body: 'media/2026/leipei.jpg' does not exist in the content folder",
        "10: body: 'media/2026/leipei.jpg' does not exist in the content folder",
        "12: body: 'media/2026/leipei.jpg' does not exist in the content folder",
        "14: body: 'files/2026/leipei_g.pdf' does not exist in the content folder",
        "16: body: links to /feeds/ethelontismos.atom.xml, a feed the site does not have; did you mean "
        "/feeds/tag/ethelontismos.atom.xml?"], problems


def test_a_file_linked_twice_is_said_on_each_line_and_read_once(content_dir: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A missing PDF linked on two lines was said twice on the first; a PDF without text, twice."""
    (content_dir / "files/2026").mkdir(parents=True)
    (content_dir / "files/2026/sarosi.pdf").write_bytes(scanned_pdf())
    write(content_dir, "press-releases/2026/katharismos.md", GOOD.replace(
        "Κείμενο.", "Η [σάρωση](/files/2026/sarosi.pdf) και η [μελέτη](/files/2026/meleti.pdf).\n\n"
        "Ξανά: η [σάρωση](/files/2026/sarosi.pdf) και η [μελέτη](/files/2026/meleti.pdf)."))
    code, problems = check(content_dir, capsys)
    said = [p.split("katharismos.md:", 1)[1].split(":", 2)[:2] for p in problems if "katharismos.md:" in p]
    assert code == 1 and said == [["8", " body"], ["8", " body"], ["10", " body"]], problems


def test_a_kit_link_names_the_zip_of_the_page_it_was_first_published_at(content_dir: Path, tmp_path: Path,
                                                                        capsys: pytest.CaptureFixture[str]) -> None:
    """An item with photos has its kit's ZIP, named as the build names it; an image written with the site's own
    address is the site's image, checked and shown (it was left out of the page with a warning)."""
    (content_dir / "media/2026").mkdir(parents=True)
    (content_dir / "media/2026/paralia.jpg").write_bytes((Path(__file__).parent.parent / "content/media/2026/nea-gipeda.jpg").read_bytes())
    write(content_dir, "press-releases/2026/katharismos.md", GOOD.replace("tags:", "image: media/2026/paralia.jpg\n"
                                                                          "image_alt: Η παραλία\ntags:").replace(
        "Κείμενο.", "[Υλικό](press-kit-katharismos-tis-paralias.zip) · [Λάθος](press-kit-lathos.zip) · "
                    "[ICS](/press-releases/2026/katharismos-tis-paralias/EVENT.ICS)"))
    write(content_dir, "press-releases/2026/deftero.md", GOOD.replace("Καθαρισμός της παραλίας", "Δεύτερο δελτίο")
          .replace("Κείμενο.", "[Υλικό](/press-releases/2026/katharismos-tis-paralias/press-kit-katharismos-tis-"
                               "paralias.zip)\n\n![](http://press.alimos.gr/media/2026/paralia.jpg)\n\n"
                               "![Η παραλία](https://press.alimos.gr/media/2026/paralia.jpg)"))
    code, problems = check(content_dir, capsys)
    page, offers = "/press-releases/2026/katharismos-tis-paralias/", "press-kit-katharismos-tis-paralias.zip"
    assert [p.split("katharismos.md:", 1)[1] for p in problems if "katharismos.md:" in p] == [
        f"10: body: links to {page}EVENT.ICS, which {page} does not have; its page offers {page}{offers}",
        f"10: body: links to {page}press-kit-lathos.zip, which {page} does not have; its page offers {page}{offers}"
    ], "a link from the page's own folder, and a name in capitals, are checked too"
    assert code == 1 and [p.split("deftero.md:", 1)[1] for p in problems if "deftero.md:" in p] == [
        "10: body: the image 'media/2026/paralia.jpg' has no description for readers who cannot see it; write "
        "![what it shows](/media/2026/paralia.jpg)"], problems


def test_a_bracket_in_an_address_field_is_an_error_of_the_field(content_dir: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """«https://[youtube link]» left in from a template crashed the check: «a fault of Kiryx», no file, no line."""
    problem = only_problem(content_dir, capsys, "events/2026/synavlia.md", """
        ---
        title: Συναυλία στην πλατεία
        date: 2026-11-20 10:00
        summary: Συναυλία.
        start: 2026-12-05 19:00
        online_url: https://[youtube link]
        ---
        Κείμενο.
        """)
    assert problem.endswith("synavlia.md:6: online_url: https://[youtube link] is not a web address (a '[' or ']' "
                            "where the site's name goes?); copy the address again from the browser's address bar")


def test_an_image_where_the_build_writes_its_own_is_still_checked(content_dir: Path,
                                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """media/covers/ is the build's and the content's: an image there lost its alt-text check, and one of the
    build's renditions linked as an image passed as if it existed."""
    (content_dir / "media/covers").mkdir(parents=True)
    (content_dir / "media/covers/odigos.jpg").write_bytes((Path(__file__).parent.parent /
                                                           "content/media/2026/nea-gipeda.jpg").read_bytes())
    write(content_dir, "press-releases/2026/katharismos.md", GOOD.replace(
        "Κείμενο.", "![](/media/covers/odigos.jpg)\n\n![Γήπεδο](/media/renditions/00576e1e0ac7a4d0/480.webp)"))
    code, problems = check(content_dir, capsys)
    assert code == 1 and [p.split("katharismos.md:", 1)[1] for p in problems if "katharismos.md:" in p] == [
        "8: body: the image 'media/covers/odigos.jpg' has no description for readers who cannot see it; write "
        "![what it shows](/media/covers/odigos.jpg)",
        "10: body: /media/renditions/00576e1e0ac7a4d0/480.webp is a copy of a photo the site makes, whose address "
        "changes with the photo; write the photo's own address: /media/YYYY/name.jpg"], problems
